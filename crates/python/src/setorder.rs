//! The order CPython iterates a set in.
//!
//! CPython's sets are open-addressing hash tables, and iteration walks the table, so
//! `{3, 1, 2}` prints as `{1, 2, 3}`. Retort stores a set's members in insertion order and
//! reproduces CPython's order on demand: it computes CPython's `hash()` of each member
//! (exactly for ints, floats, bools and tuples of those; strings hash randomly in CPython
//! anyway, so any fixed hash gives an order CPython could print) and replays the inserts
//! into a table laid out as `Objects/setobject.c` (3.11) lays it out: minimum size 8,
//! linear probing by 9 then perturbed probing, resize to 4 × used when 3/5 full.
//! Deleted members leave no dummies here, so after removals the order can differ.

use crate::value::{HashKey, Set, Value};

const MODULUS: u64 = (1 << 61) - 1;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

/// CPython's `hash()` of an int.
pub fn hash_int(i: i64) -> i64 {
    let m = (i.unsigned_abs() % MODULUS) as i64;
    let h = if i < 0 { -m } else { m };
    if h == -1 { -2 } else { h }
}

/// CPython's `hash()` of a float (`_Py_HashDouble` for finite values).
pub fn hash_float(v: f64) -> i64 {
    if v.is_nan() {
        return 0;
    }
    if v.is_infinite() {
        return if v > 0.0 { 314_159 } else { -314_159 };
    }
    let (mut m, mut e) = frexp(v);
    let sign: i64 = if m < 0.0 {
        m = -m;
        -1
    } else {
        1
    };
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (61 - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    } as u32;
    x = ((x << e) & MODULUS) | (x >> (61 - e));
    let h = (x as i64) * sign;
    if h == -1 { -2 } else { h }
}

/// `frexp`: `v == m * 2**e` with `0.5 <= |m| < 1`.
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(v * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// CPython's `hash()` of a key (strings and identities: a fixed stand-in for CPython's
/// randomized or address-based hashes).
pub fn hash_key(k: &HashKey) -> i64 {
    match k {
        HashKey::None => 0x5f3_c0de,
        HashKey::Int(i) => hash_int(*i),
        HashKey::Float(bits) => hash_float(f64::from_bits(*bits)),
        HashKey::Str(s) => {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for b in s.bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
            }
            if h as i64 == -1 { -2 } else { h as i64 }
        }
        HashKey::Tuple(items) => {
            const P1: u64 = 11_400_714_785_074_694_791;
            const P2: u64 = 14_029_467_366_897_019_727;
            const P5: u64 = 2_870_177_450_012_600_261;
            let mut acc = P5;
            for item in items {
                let lane = hash_key(item) as u64;
                acc = acc
                    .wrapping_add(lane.wrapping_mul(P2))
                    .rotate_left(31)
                    .wrapping_mul(P1);
            }
            acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3_527_539));
            if acc == u64::MAX {
                1_546_275_796
            } else {
                acc as i64
            }
        }
        HashKey::Id(addr) => (*addr as u64).rotate_right(4) as i64,
        HashKey::Custom(h) => *h,
    }
}

/// Replay inserting `hashes` into a CPython set table; the table's slots in order.
fn table_order(hashes: &[i64]) -> Vec<usize> {
    let mut table: Vec<Option<usize>> = vec![None; 8];
    let mut used = 0usize;
    for (idx, &h) in hashes.iter().enumerate() {
        insert(&mut table, h as u64, idx);
        used += 1;
        let mask = table.len() - 1;
        if used * 5 >= mask * 3 {
            let min_used = if used > 50_000 { used * 2 } else { used * 4 };
            let mut size = 8;
            while size <= min_used {
                size <<= 1;
            }
            let old = std::mem::replace(&mut table, vec![None; size]);
            for slot in old.into_iter().flatten() {
                insert(&mut table, hashes[slot] as u64, slot);
            }
        }
    }
    table.into_iter().flatten().collect()
}

fn insert(table: &mut [Option<usize>], hash: u64, idx: usize) {
    let mask = table.len() - 1;
    let mut perturb = hash;
    let mut i = (hash as usize) & mask;
    loop {
        let probes = if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        for j in 0..=probes {
            if table[i + j].is_none() {
                table[i + j] = Some(idx);
                return;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize))
            & mask;
    }
}

/// A set's members in CPython's iteration order.
pub fn ordered(set: &Set) -> Vec<Value> {
    let hashes: Vec<i64> = set.keys().map(hash_key).collect();
    let values: Vec<&Value> = set.values().collect();
    table_order(&hashes)
        .into_iter()
        .filter_map(|i| values.get(i).map(|v| (*v).clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    // Expected values from CPython 3.11.7: `hash(x)` and `print({...})`.
    #[test]
    fn hashes_match_cpython() {
        assert_eq!(hash_int(-1), -2);
        assert_eq!(hash_int(i64::MAX), 3);
        assert_eq!(hash_float(0.5), 1_152_921_504_606_846_976);
        assert_eq!(hash_float(1.5), 1_152_921_504_606_846_977);
        assert_eq!(hash_float(-0.1), -230_584_300_921_369_408);
        assert_eq!(
            hash_key(&HashKey::Tuple(vec![HashKey::Int(1), HashKey::Int(2)])),
            -3_550_055_125_485_641_917
        );
    }

    #[test]
    fn small_int_sets_iterate_like_cpython() {
        let order = |xs: &[i64]| -> Vec<usize> {
            table_order(&xs.iter().map(|x| hash_int(*x)).collect::<Vec<_>>())
        };
        // {3, 1, 2} -> {1, 2, 3}; {10, 8, 9, 100, 33} -> {33, 100, 8, 9, 10}
        assert_eq!(order(&[3, 1, 2]), vec![1, 2, 0]);
        assert_eq!(order(&[10, 8, 9, 100, 33]), vec![4, 3, 1, 2, 0]);
    }
}
