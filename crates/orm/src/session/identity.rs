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

/// Feeds `bytes` to `write` as little-endian 64-bit words (the last one zero-padded).
fn write_words(bytes: &[u8], mut write: impl FnMut(u64)) {
    for chunk in bytes.chunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        write(u64::from_le_bytes(word));
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        write_words(bytes, |w| self.write_u64(w));
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

/// A hasher for maps keyed by object ids and integer primary keys, which come in runs
/// (`1, 2, 3, ...` as a flush inserts or a query loads them): each aligned block of 64
/// consecutive keys fills 64 neighbouring buckets at a scattered place in the table, so a run
/// of inserts or lookups walks memory in order instead of missing the cache once per key (at
/// 100k objects FxHash's scattering cost ~90 ns per identity-map insert, most of a flush's
/// settling). The bits `hashbrown` tags slots with (the top seven) stay well mixed, so a probe
/// still compares few keys. A key written as several words (a string) is mixed as FxHash.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct RunHasher {
    hash: u64,
    words: u32,
}

impl Hasher for RunHasher {
    fn write(&mut self, bytes: &[u8]) {
        write_words(bytes, |w| self.write_u64(w));
    }

    fn write_u64(&mut self, n: u64) {
        self.hash = if self.words == 0 {
            n
        } else {
            (self.hash.rotate_left(5) ^ n).wrapping_mul(SEED)
        };
        self.words += 1;
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        // The bucket bits: the block's scattered place, then the key's place in its block.
        const BUCKET: u64 = (1 << 57) - 1;
        let h = self.hash;
        let place = ((h >> 6).wrapping_mul(SEED) << 6) | (h & 63);
        (place & BUCKET) | (h.wrapping_mul(SEED) & !BUCKET)
    }
}

/// A `HashMap` hashed with [`RunHasher`].
pub(crate) type RunHashMap<K, V> = HashMap<K, V, BuildHasherDefault<RunHasher>>;
/// A `HashSet` hashed with [`FxHasher`].
pub(crate) type FxHashSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// The identity of a mapped row: its class and primary key.
#[derive(Debug, Clone, PartialEq, Eq)]
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

impl std::hash::Hash for IdentityKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match &self.pk {
            // One word, the key offset by its class: consecutive keys of a class hash as
            // consecutive words ([`RunHasher`] keeps them neighbours).
            PkKey::Int(n) => {
                state.write_u64((*n as u64).wrapping_add((self.mapper as u64).wrapping_mul(SEED)));
            }
            PkKey::Repr(s) => {
                state.write_usize(self.mapper);
                s.hash(state);
            }
        }
    }
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
        return Some(int_identity_key(&inst.mapper, *n));
    }
    inst.pk_values().map(|pk| identity_key(&inst.mapper, &pk))
}

/// The identity of an object of `mapper`'s class whose primary key is the one integer `n`
/// (a key just generated).
pub(crate) fn int_identity_key(mapper: &Mapper, n: i64) -> IdentityKey {
    IdentityKey {
        mapper: std::ptr::from_ref(mapper.base_mapper()) as usize,
        pk: PkKey::Int(n),
    }
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
    index: RunHashMap<ObjectId, usize>,
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

    fn run_hash(n: u64) -> u64 {
        let mut h = RunHasher::default();
        h.write_u64(n);
        h.finish()
    }

    #[test]
    fn run_hasher_keeps_runs_of_keys_together_and_tags_them_apart() {
        const BUCKET: u64 = (1 << 57) - 1;
        // 64 consecutive keys from a block boundary take 64 consecutive buckets.
        let base = run_hash(6400) & BUCKET;
        for n in 6400..6464 {
            assert_eq!(run_hash(n) & BUCKET, base + (n - 6400));
        }
        // Neighbouring blocks are scattered, and the slot tags (top seven bits) vary.
        assert!(run_hash(6464).abs_diff(base + 64) > 1 << 20);
        let tags: HashSet<u64> = (0..64).map(|n| run_hash(n) >> 57).collect();
        assert!(tags.len() > 32, "{} tags", tags.len());
        // A key of several words (a string) is mixed, not kept in order.
        let mut a = RunHasher::default();
        a.write(b"user-1");
        let mut b = RunHasher::default();
        b.write(b"user-2");
        assert!((a.finish() & BUCKET).abs_diff(b.finish() & BUCKET) > 1 << 20);
    }

    #[test]
    fn identity_keys_of_one_class_hash_in_runs() {
        let of = |n: i64| {
            let key = IdentityKey {
                mapper: 0x5000,
                pk: PkKey::Int(n),
            };
            let mut h = RunHasher::default();
            std::hash::Hash::hash(&key, &mut h);
            h.finish() & ((1 << 57) - 1)
        };
        let runs = (0..1000).filter(|&n| of(n + 1) == of(n) + 1).count();
        assert!(runs > 900, "{runs} of 1000 keys follow the one before");
    }

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
