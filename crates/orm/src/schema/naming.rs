//! `MetaData(naming_convention={...})`: the names SQLAlchemy gives constraints and indexes
//! that have none (`"pk": "pk_%(table_name)s"`, `"fk": "fk_%(table_name)s_%(column_0_name)s_
//! %(referred_table_name)s"`, ...), and a named constraint's `%(constraint_name)s`.

use super::{MetaData, Table};

/// What a name is made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `pk`.
    PrimaryKey,
    /// `uq`.
    Unique,
    /// `ck`.
    Check,
    /// `fk`.
    ForeignKey,
    /// `ix`.
    Index,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Kind::PrimaryKey => "pk",
            Kind::Unique => "uq",
            Kind::Check => "ck",
            Kind::ForeignKey => "fk",
            Kind::Index => "ix",
        }
    }
}

impl MetaData {
    /// `MetaData(naming_convention=...)`: the conventions by key (`pk`, `uq`, `ck`, `fk`,
    /// `ix`).
    pub fn set_naming_convention(&self, convention: Vec<(String, String)>) {
        *self.naming.borrow_mut() = convention;
    }

    /// The name the convention gives a constraint of `kind` on `columns` of `table` (`name`:
    /// the name given, for `%(constraint_name)s`; `referred`: a foreign key's table). `None`
    /// when there is no convention for it; then the given name stays.
    pub fn convention_name(
        &self,
        kind: Kind,
        table: &Table,
        columns: &[String],
        name: Option<&str>,
        referred: Option<&str>,
    ) -> Option<String> {
        let naming = self.naming.borrow();
        let template = naming.iter().find(|(k, _)| k == kind.key())?.1.clone();
        if template.contains("%(constraint_name)s") && name.is_none() {
            return None;
        }
        if name.is_some() && !template.contains("%(constraint_name)s") {
            return None;
        }
        let first = columns.first().map_or("", String::as_str);
        let mut out = template
            .replace("%(table_name)s", table.name())
            .replace("%(column_0_name)s", first)
            .replace("%(column_0_label)s", &format!("{}_{first}", table.name()))
            .replace("%(column_0N_name)s", &columns.join("_"))
            .replace("%(column_0_N_name)s", &columns.join("_"))
            .replace("%(constraint_name)s", name.unwrap_or(""));
        if let Some(r) = referred {
            out = out.replace("%(referred_table_name)s", r);
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::Kind;
    use crate::schema::{Column, MetaData, Table};
    use crate::types::SqlType;

    #[test]
    fn conventions_fill_in_table_column_and_constraint_names() -> crate::Result<()> {
        let md = MetaData::new();
        md.set_naming_convention(vec![
            ("pk".into(), "pk_%(table_name)s".into()),
            ("ck".into(), "ck_%(table_name)s_%(constraint_name)s".into()),
            ("ix".into(), "ix_%(column_0_label)s".into()),
        ]);
        let t =
            md.add(Table::new("a").column(Column::new("id", SqlType::Integer).primary_key()))?;
        let id = vec!["id".to_owned()];
        assert_eq!(
            md.convention_name(Kind::PrimaryKey, &t, &id, None, None),
            Some("pk_a".into())
        );
        assert_eq!(
            md.convention_name(Kind::Check, &t, &[], Some("positive"), None),
            Some("ck_a_positive".into())
        );
        assert_eq!(md.convention_name(Kind::Check, &t, &[], None, None), None);
        assert_eq!(
            md.convention_name(Kind::Index, &t, &id, None, None),
            Some("ix_a_id".into())
        );
        assert_eq!(md.convention_name(Kind::Unique, &t, &id, None, None), None);
        Ok(())
    }
}
