//! The session's bookkeeping of its objects: [`Members`], the objects in the session in the
//! order they entered it (constant-time membership, ordered iteration), and the identity map's
//! key, [`IdentityKey`]: class and primary key, hashed without formatting for the common
//! single-integer key.

use crate::engine::echo::params_repr;
use crate::mapper::Mapper;
use crate::session::ObjectId;
use crate::value::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

/// A fast, non-cryptographic hasher (FxHash's multiply-rotate) for the session's maps, whose
/// keys are object ids and primary keys no attacker chooses.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.hash = (self.hash.rotate_left(5) ^ n).wrapping_mul(SEED);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A `HashMap` hashed with [`FxHasher`].
pub(crate) type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// A `HashSet` hashed with [`FxHasher`].
pub(crate) type FxHashSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// The identity of a mapped row: its class and primary key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct IdentityKey {
    /// The mapper's address (mappers live as long as their objects hold them).
    mapper: usize,
    pk: PkKey,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum PkKey {
    /// A single integer key, the usual case.
    Int(i64),
    /// Any other key, by its Python `repr()` (which tells `1` from `'1'` and `1.0`).
    Repr(String),
}

/// The identity key of a mapped row.
pub(crate) fn identity_key(mapper: &Mapper, pk: &[Value]) -> IdentityKey {
    IdentityKey {
        mapper: std::ptr::from_ref(mapper) as usize,
        pk: match pk {
            [Value::Integer(i)] => PkKey::Int(*i),
            other => PkKey::Repr(params_repr(other)),
        },
    }
}

/// The identity key of an instance, when its primary key is known (without building a
/// vector for the usual single-integer key).
pub(crate) fn instance_key(inst: &crate::session::Instance) -> Option<IdentityKey> {
    if let [i] = inst.mapper.pk()
        && let Some(Value::Integer(n)) = inst.values[*i].as_ref().or(inst.committed[*i].as_ref())
    {
        return Some(IdentityKey {
            mapper: Rc::as_ptr(&inst.mapper) as usize,
            pk: PkKey::Int(*n),
        });
    }
    inst.pk_values().map(|pk| identity_key(&inst.mapper, &pk))
}

/// How the identity map shows a key: `User(1,)`.
pub(crate) fn identity_repr(mapper: &Mapper, pk: &[Value]) -> String {
    format!("{}{}", mapper.class_name(), params_repr(pk))
}

/// The objects in a session, in the order they entered it.
#[derive(Debug, Default, Clone)]
pub(crate) struct Members {
    order: BTreeMap<u64, ObjectId>,
    index: FxHashMap<ObjectId, u64>,
    next: u64,
}

impl Members {
    /// Adds `id` at the end unless it is already a member.
    pub(crate) fn push(&mut self, id: ObjectId) {
        if self.index.contains_key(&id) {
            return;
        }
        self.order.insert(self.next, id);
        self.index.insert(id, self.next);
        self.next += 1;
    }

    /// Removes `id`; whether it was a member.
    pub(crate) fn remove(&mut self, id: ObjectId) -> bool {
        match self.index.remove(&id) {
            Some(seq) => {
                self.order.remove(&seq);
                true
            }
            None => false,
        }
    }

    pub(crate) fn contains(&self, id: ObjectId) -> bool {
        self.index.contains_key(&id)
    }

    /// The members, oldest first.
    pub(crate) fn iter(&self) -> impl Iterator<Item = ObjectId> + '_ {
        self.order.values().copied()
    }

    /// The members, oldest first, as a vector (to iterate while changing the session).
    pub(crate) fn to_vec(&self) -> Vec<ObjectId> {
        self.iter().collect()
    }
}
