//! The session's bookkeeping of its objects: [`Members`], the objects in the session in the
//! order they entered it (constant-time membership, ordered iteration), and the identity map's
//! key, [`IdentityKey`]: class and primary key, hashed without formatting for the common
//! single-integer key.

use crate::engine::echo::params_repr;
use crate::mapper::Mapper;
use crate::session::ObjectId;
use crate::value::Value;
use std::collections::{HashMap, HashSet};
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

/// The identity key of a mapped row (the classes of an inheritance hierarchy share their
/// base mapper's keys).
pub(crate) fn identity_key(mapper: &Mapper, pk: &[Value]) -> IdentityKey {
    IdentityKey {
        mapper: std::ptr::from_ref(mapper.base_mapper()) as usize,
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
            mapper: std::ptr::from_ref(inst.mapper.base_mapper()) as usize,
            pk: PkKey::Int(*n),
        });
    }
    inst.pk_values().map(|pk| identity_key(&inst.mapper, &pk))
}

/// How the identity map shows a key: `User(1,)`.
pub(crate) fn identity_repr(mapper: &Mapper, pk: &[Value]) -> String {
    format!("{}{}", mapper.class_name(), params_repr(pk))
}

/// The objects in a session, in the order they entered it: a vector with holes left by
/// removals (compacted when they outnumber the members) and an index into it.
#[derive(Debug, Default, Clone)]
pub(crate) struct Members {
    order: Vec<Option<ObjectId>>,
    index: FxHashMap<ObjectId, usize>,
    /// The class of every object that has been a member (kept after it leaves): what a flush
    /// asks of the members' classes, without visiting each member.
    classes: Vec<Rc<Mapper>>,
}

impl Members {
    /// Adds `id` at the end unless it is already a member.
    pub(crate) fn push(&mut self, id: ObjectId) {
        if let std::collections::hash_map::Entry::Vacant(slot) = self.index.entry(id) {
            slot.insert(self.order.len());
            self.order.push(Some(id));
        }
    }

    /// Notes the class of a member.
    pub(crate) fn note_class(&mut self, mapper: &Rc<Mapper>) {
        if !self.classes.iter().rev().any(|m| Rc::ptr_eq(m, mapper)) {
            self.classes.push(Rc::clone(mapper));
        }
    }

    /// The class of every object that has been a member (at least those of the members, as
    /// [`Members::note_class`] was told).
    pub(crate) fn classes(&self) -> &[Rc<Mapper>] {
        &self.classes
    }

    /// Makes room for `n` more members.
    pub(crate) fn reserve(&mut self, n: usize) {
        self.order.reserve(n);
        self.index.reserve(n);
    }

    /// Removes `id`; whether it was a member.
    pub(crate) fn remove(&mut self, id: ObjectId) -> bool {
        let Some(pos) = self.index.remove(&id) else {
            return false;
        };
        if let Some(slot) = self.order.get_mut(pos) {
            *slot = None;
        }
        if self.order.len() > 32 && self.index.len() < self.order.len() / 2 {
            self.order.retain(Option::is_some);
            for (pos, id) in self.order.iter().enumerate() {
                if let Some(id) = id {
                    self.index.insert(*id, pos);
                }
            }
        }
        true
    }

    /// Where `id` entered the session relative to the others (`None` if not a member).
    pub(crate) fn position(&self, id: ObjectId) -> Option<usize> {
        self.index.get(&id).copied()
    }

    pub(crate) fn contains(&self, id: ObjectId) -> bool {
        self.index.contains_key(&id)
    }

    /// The members, oldest first.
    pub(crate) fn iter(&self) -> impl Iterator<Item = ObjectId> + '_ {
        self.order.iter().flatten().copied()
    }

    /// The members, oldest first, as a vector (to iterate while changing the session).
    pub(crate) fn to_vec(&self) -> Vec<ObjectId> {
        self.iter().collect()
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn members_keep_entry_order_through_removals_and_compaction() {
        let mut m = Members::default();
        for i in 0..100 {
            m.push(ObjectId(i));
        }
        m.push(ObjectId(5));
        for i in (0..100).filter(|i| i % 3 != 0) {
            assert!(m.remove(ObjectId(i)));
        }
        assert!(!m.remove(ObjectId(1)));
        m.push(ObjectId(1));
        let expected: Vec<ObjectId> = (0..100)
            .filter(|i| i % 3 == 0)
            .chain([1])
            .map(ObjectId)
            .collect();
        assert_eq!(m.to_vec(), expected);
        assert!(m.contains(ObjectId(99)) && !m.contains(ObjectId(98)));
        assert!(m.remove(ObjectId(99)));
        assert_eq!(m.iter().last(), Some(ObjectId(1)));
    }
}
