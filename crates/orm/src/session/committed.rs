//! An object's committed values: each attribute as last loaded or flushed, the "unchanged"
//! side of its history, by column position. A position past the end reads as not known, so
//! an object made with fewer positions (or none) needs no `None`s stored for the rest.

use crate::value::Value;

/// The committed values of one object, by column position; a position past the end is
/// not known (`None`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Committed(Vec<Option<Value>>);

/// What an unknown position reads as.
const UNKNOWN: &Option<Value> = &None;

impl Committed {
    /// Every position as in `values` (an object whose values all came from, or went to,
    /// the database).
    pub(crate) fn of(values: &[Option<Value>]) -> Committed {
        Committed(values.to_vec())
    }

    /// `width` positions, none known yet.
    pub(crate) fn unknown(width: usize) -> Committed {
        Committed(vec![None; width])
    }

    /// The committed value at `pos`, if known.
    pub fn get(&self, pos: usize) -> Option<&Value> {
        self.0.get(pos).and_then(Option::as_ref)
    }

    /// Room for `width` positions, allocated at once (before setting several).
    pub(crate) fn widen(&mut self, width: usize) {
        if self.0.len() < width {
            self.0.resize(width, None);
        }
    }

    /// The values that are set in `values` become committed; the other positions keep
    /// theirs (what a flushed UPDATE, or a merge's copy, commits).
    pub(crate) fn absorb(&mut self, values: &[Option<Value>]) {
        self.widen(values.len());
        for (committed, value) in self.0.iter_mut().zip(values) {
            if value.is_some() {
                committed.clone_from(value);
            }
        }
    }

    /// Forgets every committed value except those at `keep` (an expiry keeps the primary
    /// key's, the object's identity).
    pub(crate) fn forget_except(&mut self, keep: &[usize]) {
        for (i, v) in self.0.iter_mut().enumerate() {
            if !keep.contains(&i) {
                *v = None;
            }
        }
    }
}

impl std::ops::Index<usize> for Committed {
    type Output = Option<Value>;

    fn index(&self, pos: usize) -> &Option<Value> {
        self.0.get(pos).unwrap_or(UNKNOWN)
    }
}

impl std::ops::IndexMut<usize> for Committed {
    /// The slot at `pos`, growing the vector to hold it.
    fn index_mut(&mut self, pos: usize) -> &mut Option<Value> {
        self.widen(pos + 1);
        &mut self.0[pos]
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn unknown_positions_read_as_none_and_grow_when_set() {
        let mut c = Committed::default();
        assert_eq!(c[2], None);
        c[1] = Some(Value::Integer(7));
        assert_eq!(
            (c.get(1), c.get(0), c.get(5)),
            (Some(&Value::Integer(7)), None, None)
        );
        c.absorb(&[Some(Value::Integer(1)), None, Some(Value::Null)]);
        assert_eq!(
            (c[0].clone(), c[1].clone(), c[2].clone()),
            (
                Some(Value::Integer(1)),
                Some(Value::Integer(7)),
                Some(Value::Null)
            )
        );
        c.forget_except(&[1]);
        assert_eq!(
            (c.get(0), c.get(1), c.get(2)),
            (None, Some(&Value::Integer(7)), None)
        );
    }
}
