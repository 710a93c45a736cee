//! `relationship()`: one-to-many and many-to-one links between mapped classes, described as
//! data, kept in step in memory (`back_populates`) before any flush, with the save-update and
//! delete cascades. The join is inferred from the foreign key between the two tables, as
//! SQLAlchemy infers it.

use crate::error::{Error, Result};
use crate::mapper::Mapper;
use crate::session::{ObjectId, Store};
use std::rc::{Rc, Weak};

/// Which side of the foreign key the relationship sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The parent's collection of children (`User.addresses`).
    OneToMany,
    /// The child's reference to its parent (`Address.user`).
    ManyToOne,
}

/// A relationship of a mapper.
#[derive(Debug, Clone)]
pub struct Relationship {
    /// The attribute name.
    pub name: String,
    /// The related class.
    pub target: Weak<Mapper>,
    /// One-to-many or many-to-one.
    pub direction: Direction,
    /// The foreign-key column (on the child's table).
    pub fk: String,
    /// The parent's referenced column.
    pub referred: String,
    /// `back_populates=` / `backref=`: the attribute on the other side kept in step.
    pub back_populates: Option<String>,
    /// `cascade="... delete ..."`.
    pub cascade_delete: bool,
    /// `cascade="... delete-orphan"`.
    pub delete_orphan: bool,
}

impl Relationship {
    /// The related mapper.
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] when the related class is gone.
    pub fn target(&self) -> Result<Rc<Mapper>> {
        self.target.upgrade().ok_or_else(|| {
            Error::InvalidRequestError(format!(
                "relationship '{}' lost its target class",
                self.name
            ))
        })
    }
}

/// Declares `parent.name = relationship(target, back_populates=..., cascade=...)`, inferring
/// the direction from the foreign key between the tables.
///
/// # Failure
/// [`Error::ArgumentError`] when no foreign key links the tables, worded as SQLAlchemy's
/// "Could not determine join condition" error.
pub fn relationship(
    parent: &Rc<Mapper>,
    name: &str,
    target: &Rc<Mapper>,
    back_populates: Option<&str>,
    cascade: &str,
) -> Result<()> {
    let fk_between = |child: &Mapper, par: &Mapper| {
        child.table().columns().iter().find_map(|c| {
            c.foreign_keys
                .iter()
                .find(|f| f.table == par.table().name())
                .map(|f| (c.name.clone(), f.column.clone()))
        })
    };
    let (direction, (fk, referred)) = if let Some(x) = fk_between(parent, target) {
        (Direction::ManyToOne, x)
    } else if let Some(x) = fk_between(target, parent) {
        (Direction::OneToMany, x)
    } else {
        return Err(Error::ArgumentError(format!(
            "Could not determine join condition between parent/child tables on relationship \
             {}.{name} - there are no foreign keys linking these tables.  Ensure that referencing \
             columns are associated with a ForeignKey or ForeignKeyConstraint, or specify a \
             'primaryjoin' expression.",
            parent.class_name()
        )));
    };
    let words: Vec<&str> = cascade.split(',').map(str::trim).collect();
    let all = words.contains(&"all");
    parent.push_relationship(Relationship {
        name: name.to_owned(),
        target: Rc::downgrade(target),
        direction,
        fk,
        referred,
        back_populates: back_populates.map(str::to_owned),
        cascade_delete: all || words.contains(&"delete"),
        delete_orphan: words.contains(&"delete-orphan"),
    });
    Ok(())
}

impl Store {
    /// The loaded related objects of `id.name` (`None` when not loaded yet).
    ///
    /// # Failure
    /// [`Error::UnmappedInstanceError`].
    pub fn related(&self, id: ObjectId, name: &str) -> Result<Option<Vec<ObjectId>>> {
        Ok(self.get(id)?.related.get(name).cloned())
    }

    fn related_mut(&mut self, id: ObjectId, name: &str) -> Result<&mut Vec<ObjectId>> {
        Ok(self
            .get_mut(id)?
            .related
            .entry(name.to_owned())
            .or_default())
    }

    /// `child.rel = parent` (many-to-one), keeping `back_populates` in step: the child leaves its
    /// old parent's loaded collection and joins the new one's.
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] for an unknown relationship.
    pub fn set_parent(
        &mut self,
        child: ObjectId,
        name: &str,
        parent: Option<ObjectId>,
    ) -> Result<()> {
        let rel = self.rel(child, name)?;
        let old = self.related_mut(child, name)?;
        let previous = old.first().copied();
        *old = parent.into_iter().collect();
        if let Some(back) = &rel.back_populates {
            if let Some(p) = previous
                && let Some(list) = self.get_mut(p)?.related.get_mut(back)
            {
                list.retain(|&c| c != child);
            }
            if let Some(p) = parent {
                let list = self.related_mut(p, back)?;
                if !list.contains(&child) {
                    list.push(child);
                }
            }
        }
        Ok(())
    }

    /// `parent.rel.append(child)` (one-to-many), setting the child's `back_populates` side.
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] for an unknown relationship.
    pub fn append_child(&mut self, parent: ObjectId, name: &str, child: ObjectId) -> Result<()> {
        let rel = self.rel(parent, name)?;
        let list = self.related_mut(parent, name)?;
        if !list.contains(&child) {
            list.push(child);
        }
        if let Some(back) = &rel.back_populates {
            *self.related_mut(child, back)? = vec![parent];
        }
        Ok(())
    }

    /// `parent.rel.remove(child)`, clearing the child's `back_populates` side.
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] for an unknown relationship.
    pub fn remove_child(&mut self, parent: ObjectId, name: &str, child: ObjectId) -> Result<()> {
        let rel = self.rel(parent, name)?;
        self.related_mut(parent, name)?.retain(|&c| c != child);
        if let Some(back) = &rel.back_populates {
            self.related_mut(child, back)?.clear();
        }
        Ok(())
    }

    pub(crate) fn rel(&self, id: ObjectId, name: &str) -> Result<Relationship> {
        let inst = self.get(id)?;
        inst.mapper.relationship(name).ok_or_else(|| {
            Error::InvalidRequestError(format!(
                "'{}' object has no attribute '{name}'",
                inst.mapper.class_name()
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::engine::echo::echo_lines;
    use crate::schema::{Column, ForeignKey, MetaData, Table};
    use crate::session::Session;
    use crate::types::SqlType;
    use crate::{Engine, Value};
    use std::cell::RefCell;

    fn log(engine: &Engine) -> Vec<String> {
        engine
            .drain_events()
            .iter()
            .flat_map(echo_lines)
            .map(|l| {
                let m = l.message;
                for badge in ["[generated in", "[cached since"] {
                    if let Some(rest) = m.strip_prefix(badge) {
                        let (inside, after) = rest.split_once(']').unwrap_or((rest, ""));
                        let extra = inside
                            .find(" (insertmanyvalues")
                            .map_or("", |p| &inside[p..]);
                        return format!("{badge}{extra}]{after}");
                    }
                }
                m
            })
            .collect()
    }

    #[test]
    fn parents_insert_first_children_delete_first_and_keys_are_copied() -> crate::Result<()> {
        let md = MetaData::new();
        let users = md.add(
            Table::new("users")
                .column(Column::new("id", SqlType::Integer).primary_key())
                .column(Column::new("name", SqlType::String(Some(30)))),
        )?;
        let addresses = md.add(
            Table::new("addresses")
                .column(Column::new("id", SqlType::Integer).primary_key())
                .column(Column::new("email", SqlType::String(None)))
                .column(Column::foreign("user_id", ForeignKey::new("users.id")?)),
        )?;
        let engine = Engine::in_memory()?;
        md.create_all(&engine, true)?;
        engine.drain_events();
        let user = Mapper::new("User", &users)?;
        let address = Mapper::new("Address", &addresses)?;
        relationship(
            &user,
            "addresses",
            &address,
            Some("user"),
            "all, delete-orphan",
        )?;
        relationship(
            &address,
            "user",
            &user,
            Some("addresses"),
            "save-update, merge",
        )?;
        let store = Rc::new(RefCell::new(Store::new()));
        let mut s = Session::new(&engine, Rc::clone(&store));
        let (a1, u, a2) = {
            let mut st = store.borrow_mut();
            let a1 = st.create(&address, &[("email".into(), "x".into())])?;
            let u = st.create(&user, &[("name".into(), "u".into())])?;
            st.set_parent(a1, "user", Some(u))?;
            assert_eq!(st.related(u, "addresses")?, Some(vec![a1]));
            let a2 = st.create(&address, &[("email".into(), "y".into())])?;
            st.append_child(u, "addresses", a2)?;
            (a1, u, a2)
        };
        s.add(a2)?;
        // Cascade order as SQLAlchemy's: a2, then its user, then the user's other address.
        assert_eq!(s.new_objects(), [a2, u, a1]);
        s.commit()?;
        // Golden: SQLAlchemy 2.1.9 (/tmp/g/rel.py).
        assert_eq!(
            log(&engine),
            [
                "BEGIN (implicit)",
                "INSERT INTO users (name) VALUES (?)",
                "[generated in] ('u',)",
                "INSERT INTO addresses (email, user_id) VALUES (?, ?) RETURNING id",
                "[generated in (insertmanyvalues) 1/2 (ordered; batch not supported)] ('y', 1)",
                "INSERT INTO addresses (email, user_id) VALUES (?, ?) RETURNING id",
                "[insertmanyvalues 2/2 (ordered; batch not supported)] ('x', 1)",
                "COMMIT",
            ]
        );
        let mut s = Session::new(&engine, Rc::clone(&store));
        let Some(u2) = s.get(&user, &[Value::Integer(1)])? else {
            panic!("no user 1")
        };
        let kids = s.related(u2, "addresses")?;
        let emails: Vec<Value> = kids
            .iter()
            .map(|&k| s.get_attr(k, "email"))
            .collect::<crate::Result<_>>()?;
        assert_eq!(emails, [Value::from("y"), Value::from("x")]);
        s.delete(u2)?;
        s.commit()?;
        assert_eq!(
            log(&engine),
            [
                "BEGIN (implicit)",
                "SELECT users.id, users.name \nFROM users \nWHERE users.id = ?",
                "[generated in] (1,)",
                "SELECT addresses.id, addresses.email, addresses.user_id \nFROM addresses \nWHERE ? = addresses.user_id",
                "[generated in] (1,)",
                "DELETE FROM addresses WHERE addresses.id = ?",
                "[generated in] [(1,), (2,)]",
                "DELETE FROM users WHERE users.id = ?",
                "[generated in] (1,)",
                "COMMIT",
            ]
        );
        Ok(())
    }
}
