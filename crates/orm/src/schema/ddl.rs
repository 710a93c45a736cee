//! DDL text: `CREATE TABLE`, `CREATE INDEX` and `DROP TABLE` exactly as SQLAlchemy 2.x's SQLite
//! dialect renders them (its newlines, tabs and `, \n\t` separators included).
//!
//! Constraints follow SQLAlchemy's order: the primary key, then table-level constraints in the
//! order given, then each column's own `unique=True` and `ForeignKey(...)` in column order.

use super::naming::Kind;
use super::{Column, Constraint, Index, MetaData, ServerDefault, Table};
use crate::error::Result;
use crate::sql::quote::{Dialect, quote, string_literal};

thread_local! {
    /// The dialect whose reserved words are quoted: SQLite's, except while
    /// [`create_table_default`] runs.
    static DIALECT: std::cell::Cell<Dialect> = const { std::cell::Cell::new(Dialect::Sqlite) };
}

fn q(name: &str) -> String {
    quote(name, DIALECT.with(std::cell::Cell::get))
}

/// `str(CreateTable(table))`: [`create_table`] with the default dialect's quoting (`"user"`),
/// as SQLAlchemy prints a DDL element without an engine.
///
/// # Failure
/// As [`create_table`].
pub fn create_table_default(metadata: &MetaData, table: &Table) -> Result<String> {
    let before = DIALECT.with(|d| d.replace(Dialect::Default));
    let r = create_table(metadata, table);
    DIALECT.with(|d| d.set(before));
    r
}

fn q_list(names: &[String]) -> String {
    names.iter().map(|n| q(n)).collect::<Vec<_>>().join(", ")
}

fn named(name: &Option<String>) -> String {
    name.as_ref()
        .map_or_else(String::new, |n| format!("CONSTRAINT {} ", q(n)))
}

fn fk_text(
    columns: &[String],
    table: &str,
    referred: &[String],
    ondelete: &Option<String>,
    onupdate: &Option<String>,
) -> String {
    let mut s = format!(
        "FOREIGN KEY({}) REFERENCES {} ({})",
        q_list(columns),
        q(table),
        q_list(referred)
    );
    if let Some(a) = ondelete {
        s.push_str(&format!(" ON DELETE {a}"));
    }
    if let Some(a) = onupdate {
        s.push_str(&format!(" ON UPDATE {a}"));
    }
    s
}

/// The `DEFAULT` clause's text for a server default, parenthesized as the SQLite dialect does
/// when the text has a non-word character and does not start with a quote or parenthesis.
fn default_clause(d: &ServerDefault) -> String {
    let text = match d {
        ServerDefault::Literal(s) => string_literal(s),
        ServerDefault::Text(s) => s.clone(),
        // `server_default=func.now()`: SQLite's compiler writes CURRENT_TIMESTAMP, the default
        // compiler (`print(CreateTable(t))`) the function.
        ServerDefault::Now if DIALECT.with(std::cell::Cell::get) == Dialect::Default => {
            "now()".to_owned()
        }
        ServerDefault::Now => "CURRENT_TIMESTAMP".to_owned(),
    };
    let starts_quoted = matches!(text.trim_start().chars().next(), Some('\'' | '"' | '('));
    let has_non_word = text.chars().any(|c| !(c.is_alphanumeric() || c == '_'));
    let sqlite = DIALECT.with(std::cell::Cell::get) == Dialect::Sqlite;
    if sqlite && !starts_quoted && has_non_word {
        format!(" DEFAULT ({text})")
    } else {
        format!(" DEFAULT {text}")
    }
}

fn column_spec(metadata: &MetaData, table: &Table, column: &Column) -> Result<String> {
    let ty = metadata.column_type(table, column)?;
    let mut s = format!("{} {}", q(&column.name), ty.ddl());
    if let Some(d) = &column.server_default {
        s.push_str(&default_clause(d));
    }
    if !column.is_nullable() {
        s.push_str(" NOT NULL");
    }
    for (name, sqltext) in &column.checks {
        let name = metadata
            .convention_name(Kind::Check, table, &[], name.as_deref(), None)
            .or_else(|| name.clone());
        s.push_str(&format!(" {}CHECK ({sqltext})", named(&name)));
    }
    Ok(s)
}

/// `CREATE TABLE` for `table`, as SQLAlchemy's `CreateTable(table)` compiles for SQLite.
///
/// # Failure
/// [`crate::Error::NoReferencedTableError`] / [`crate::Error::NoReferencedColumnError`] for a
/// foreign key that points nowhere.
pub fn create_table(metadata: &MetaData, table: &Table) -> Result<String> {
    let mut lines = Vec::new();
    for c in table.columns() {
        lines.push(column_spec(metadata, table, c)?);
    }
    let conv = |kind: Kind, columns: &[String], name: &Option<String>, referred: Option<&str>| {
        metadata
            .convention_name(kind, table, columns, name.as_deref(), referred)
            .or_else(|| name.clone())
    };
    let pk: Vec<String> = table.primary_key().iter().map(|c| c.name.clone()).collect();
    if !pk.is_empty() {
        let name = conv(Kind::PrimaryKey, &pk, &None, None);
        lines.push(format!("{}PRIMARY KEY ({})", named(&name), q_list(&pk)));
    }
    for con in table.constraints() {
        lines.push(match con {
            Constraint::Unique { name, columns } => {
                let name = conv(Kind::Unique, columns, name, None);
                format!("{}UNIQUE ({})", named(&name), q_list(columns))
            }
            Constraint::Check { name, sqltext } => {
                let name = conv(Kind::Check, &[], name, None);
                format!("{}CHECK ({sqltext})", named(&name))
            }
            Constraint::ForeignKey {
                name,
                columns,
                table: t,
                referred,
                ondelete,
                onupdate,
            } => {
                for r in referred {
                    let fk = super::ForeignKey::new(&format!("{t}.{r}"))?;
                    metadata.referred(table.name(), columns.first().map_or("", |s| s), &fk)?;
                }
                let name = conv(Kind::ForeignKey, columns, name, Some(t));
                format!(
                    "{}{}",
                    named(&name),
                    fk_text(columns, t, referred, ondelete, onupdate)
                )
            }
        });
    }
    for c in table.columns() {
        let one = std::slice::from_ref(&c.name);
        if c.unique && !c.index {
            let name = conv(Kind::Unique, one, &None, None);
            lines.push(format!("{}UNIQUE ({})", named(&name), q(&c.name)));
        }
        for fk in &c.foreign_keys {
            metadata.referred(table.name(), &c.name, fk)?;
            let name = conv(Kind::ForeignKey, one, &None, Some(&fk.table));
            lines.push(
                named(&name)
                    + &fk_text(
                        std::slice::from_ref(&c.name),
                        &fk.table,
                        std::slice::from_ref(&fk.column),
                        &fk.ondelete,
                        &fk.onupdate,
                    ),
            );
        }
    }
    Ok(format!(
        "\nCREATE TABLE {} (\n\t{}\n)\n\n",
        q(table.name()),
        lines.join(", \n\t")
    ))
}

/// `CREATE INDEX` for one index of `table`.
pub fn create_index(table: &Table, index: &Index) -> String {
    format!(
        "CREATE {}INDEX {} ON {} ({})",
        if index.unique { "UNIQUE " } else { "" },
        q(&index.name),
        q(table.name()),
        q_list(&index.columns)
    )
}

/// `DROP TABLE` for `table`.
pub fn drop_table(table: &Table) -> String {
    format!("\nDROP TABLE {}", q(table.name()))
}

#[cfg(test)]
pub(crate) mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::schema::{ColumnDefault, ForeignKey};
    use crate::types::SqlType;
    use crate::value::Value;
    use std::rc::Rc;

    /// The fixture of /tmp/g/ddl.py: users, addresses, assoc.
    /// The fixture's metadata and its users, addresses and assoc tables.
    pub(crate) type Fixture = (MetaData, Rc<Table>, Rc<Table>, Rc<Table>);

    pub(crate) fn fixture() -> crate::Result<Fixture> {
        let md = MetaData::new();
        let users = md.add(
            Table::new("users")
                .column(Column::new("id", SqlType::Integer).primary_key())
                .column(
                    Column::new("name", SqlType::String(Some(30)))
                        .nullable(false)
                        .unique(),
                )
                .column(Column::new("fullname", SqlType::String(None)).index())
                .column(
                    Column::new("nickname", SqlType::Unicode(Some(50)))
                        .server_default(ServerDefault::Literal("x".into())),
                )
                .column(
                    Column::new("active", SqlType::Boolean)
                        .default(ColumnDefault::Value(Value::Integer(1))),
                )
                .column(
                    Column::new("created", SqlType::DateTime).server_default(ServerDefault::Now),
                ),
        )?;
        let addresses = md.add(
            Table::new("addresses")
                .column(Column::new("id", SqlType::Integer).primary_key())
                .column(
                    Column::foreign("user_id", ForeignKey::new("users.id")?.ondelete("CASCADE"))
                        .nullable(false),
                )
                .column(Column::new("email_address", SqlType::String(None)).nullable(false))
                .column(Column::new("order", SqlType::Integer))
                .column(Column::new("Score", SqlType::Float))
                .column(Column::new(
                    "amount",
                    SqlType::Numeric {
                        precision: Some(10),
                        scale: Some(2),
                    },
                ))
                .column(Column::new("d", SqlType::Date))
                .column(Column::new("t", SqlType::Time))
                .column(Column::new("data", SqlType::LargeBinary))
                .column(Column::new("j", SqlType::Json))
                .column(Column::new(
                    "kind",
                    SqlType::Enum {
                        labels: vec!["a".into(), "b".into()],
                    },
                ))
                .column(Column::new("big", SqlType::BigInteger))
                .column(Column::new("small", SqlType::SmallInteger))
                .column(Column::new("txt", SqlType::Text))
                .constraint(Constraint::Unique {
                    name: None,
                    columns: vec!["user_id".into(), "email_address".into()],
                })
                .constraint(Constraint::Check {
                    name: Some("big_pos".into()),
                    sqltext: "big > 0".into(),
                }),
        )?;
        let assoc = md.add(
            Table::new("assoc")
                .column(Column::foreign("left_id", ForeignKey::new("users.id")?).primary_key())
                .column(
                    Column::foreign("right_id", ForeignKey::new("addresses.id")?).primary_key(),
                ),
        )?;
        addresses.add_index(Index {
            name: "ix_addr_email".into(),
            columns: vec!["email_address".into()],
            unique: true,
        })?;
        Ok((md, users, addresses, assoc))
    }

    #[test]
    fn create_table_reads_as_sqlalchemy() -> crate::Result<()> {
        let (md, users, addresses, assoc) = fixture()?;
        // Goldens: SQLAlchemy 2.1.9, repr(str(CreateTable(t).compile(sqlite_engine))).
        assert_eq!(
            create_table(&md, &users)?,
            "\nCREATE TABLE users (\n\tid INTEGER NOT NULL, \n\tname VARCHAR(30) NOT NULL, \n\tfullname VARCHAR, \n\tnickname VARCHAR(50) DEFAULT 'x', \n\tactive BOOLEAN, \n\tcreated DATETIME DEFAULT CURRENT_TIMESTAMP, \n\tPRIMARY KEY (id), \n\tUNIQUE (name)\n)\n\n"
        );
        assert_eq!(
            create_table(&md, &addresses)?,
            "\nCREATE TABLE addresses (\n\tid INTEGER NOT NULL, \n\tuser_id INTEGER NOT NULL, \n\temail_address VARCHAR NOT NULL, \n\t\"order\" INTEGER, \n\t\"Score\" FLOAT, \n\tamount NUMERIC(10, 2), \n\td DATE, \n\tt TIME, \n\tdata BLOB, \n\tj JSON, \n\tkind VARCHAR(1), \n\tbig BIGINT, \n\tsmall SMALLINT, \n\ttxt TEXT, \n\tPRIMARY KEY (id), \n\tUNIQUE (user_id, email_address), \n\tCONSTRAINT big_pos CHECK (big > 0), \n\tFOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE\n)\n\n"
        );
        assert_eq!(
            create_table(&md, &assoc)?,
            "\nCREATE TABLE assoc (\n\tleft_id INTEGER NOT NULL, \n\tright_id INTEGER NOT NULL, \n\tPRIMARY KEY (left_id, right_id), \n\tFOREIGN KEY(left_id) REFERENCES users (id), \n\tFOREIGN KEY(right_id) REFERENCES addresses (id)\n)\n\n"
        );
        assert_eq!(
            create_index(&users, &users.indexes()[0]),
            "CREATE INDEX ix_users_fullname ON users (fullname)"
        );
        assert_eq!(
            create_index(&addresses, &addresses.indexes()[0]),
            "CREATE UNIQUE INDEX ix_addr_email ON addresses (email_address)"
        );
        Ok(())
    }

    #[test]
    fn table_constraints_come_before_column_constraints() -> crate::Result<()> {
        let md = MetaData::new();
        md.add(Table::new("p").column(Column::new("id", SqlType::Integer).primary_key()))?;
        let t = md.add(
            Table::new("t")
                .column(Column::foreign("a", ForeignKey::new("p.id")?).unique())
                .column(
                    Column::new("b", SqlType::Integer)
                        .foreign_key(ForeignKey::new("p.id")?)
                        .unique(),
                )
                .column(Column::new("c", SqlType::Integer).unique())
                .constraint(Constraint::Check {
                    name: None,
                    sqltext: "a > 1".into(),
                })
                .constraint(Constraint::Unique {
                    name: None,
                    columns: vec!["b".into()],
                })
                .constraint(Constraint::ForeignKey {
                    name: None,
                    columns: vec!["c".into()],
                    table: "p".into(),
                    referred: vec!["id".into()],
                    ondelete: None,
                    onupdate: None,
                }),
        )?;
        // Golden: SQLAlchemy 2.1.9 (/tmp/g/order.py).
        assert_eq!(
            create_table(&md, &t)?,
            "\nCREATE TABLE t (\n\ta INTEGER, \n\tb INTEGER, \n\tc INTEGER, \n\tCHECK (a > 1), \n\tUNIQUE (b), \n\tFOREIGN KEY(c) REFERENCES p (id), \n\tUNIQUE (a), \n\tFOREIGN KEY(a) REFERENCES p (id), \n\tUNIQUE (b), \n\tFOREIGN KEY(b) REFERENCES p (id), \n\tUNIQUE (c)\n)\n\n"
        );
        Ok(())
    }

    #[test]
    fn a_column_check_follows_not_null() -> crate::Result<()> {
        let md = MetaData::new();
        let mut c = Column::new("qty", SqlType::Integer).nullable(false);
        c.checks.push((Some("ck_qty".into()), "qty > 0".into()));
        let t = md.add(Table::new("line").column(c))?;
        // Golden: SQLAlchemy 2.1.9, CreateTable(line).
        assert_eq!(
            create_table(&md, &t)?,
            "\nCREATE TABLE line (\n\tqty INTEGER NOT NULL CONSTRAINT ck_qty CHECK (qty > 0)\n)\n\n"
        );
        Ok(())
    }

    #[test]
    fn bad_definitions_raise_sqlalchemy_errors() -> crate::Result<()> {
        let md = MetaData::new();
        let err = md
            .add(
                Table::new("t")
                    .column(Column::new("a", SqlType::Integer))
                    .constraint(Constraint::Unique {
                        name: None,
                        columns: vec!["b".into()],
                    }),
            )
            .err();
        // Golden: SQLAlchemy 2.1.9 ConstraintColumnNotFoundError.
        assert_eq!(
            err.map(|e| e.to_string()).as_deref(),
            Some("Can't create UniqueConstraint on table 't': no column named 'b' is present.")
        );
        let t =
            md.add(Table::new("t").column(Column::foreign("x", ForeignKey::new("nowhere.id")?)))?;
        let err = create_table(&md, &t).err();
        assert_eq!(err.map(|e| e.class_name()), Some("NoReferencedTableError"));
        Ok(())
    }
}
