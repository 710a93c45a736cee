//! The compiler's DML: `INSERT`, `UPDATE` and `DELETE`, written as SQLAlchemy writes them
//! (columns in table order, Python-side defaults and `onupdate` values filled in).

use super::{Compiler, Param, ParamStyle};
use crate::error::Result;
use crate::schema::Table;
use crate::sql::expr::{Expr, Source};
use crate::sql::statement::{Delete, FromItem, Insert, Update};
use crate::value::Value;
use std::rc::Rc;

impl Compiler {
    pub(super) fn insert(&mut self, ins: &Insert, row: &[(String, Value)]) -> Result<()> {
        if let Some((names, select)) = &ins.from_select {
            let t = self.q(ins.table.name());
            let cols: Vec<String> = names.iter().map(|n| self.q(n)).collect();
            self.sql
                .push_str(&format!("INSERT INTO {t} ({}) ", cols.join(", ")));
            self.select(select, &[], false)?;
            self.returning(ins.table.name(), &ins.returning);
            return Ok(());
        }
        if !ins.multi.is_empty() {
            return self.insert_multi(ins);
        }
        self.insert_rows(ins, &[row])
    }

    /// `insert(t).values([{...}, {...}])`: `VALUES (:a_m0, :b_m0), (:a_m1, :b_m1)`, the
    /// columns those of the first dict and the Python-side defaults, in table order.
    fn insert_multi(&mut self, ins: &Insert) -> Result<()> {
        let first: &[(String, Value)] = ins.multi.first().map_or(&[], |r| r.as_slice());
        let cols: Vec<&crate::schema::Column> = ins
            .table
            .columns()
            .iter()
            .filter(|c| first.iter().any(|(n, _)| *n == c.name) || c.default.is_some())
            .collect();
        let t = self.q(ins.table.name());
        let names: Vec<String> = cols.iter().map(|c| self.q(&c.name)).collect();
        self.sql
            .push_str(&format!("INSERT INTO {t} ({}) VALUES ", names.join(", ")));
        for (m, row) in ins.multi.iter().enumerate() {
            if m > 0 {
                self.sql.push_str(", ");
            }
            self.sql.push('(');
            for (k, col) in cols.iter().enumerate() {
                if k > 0 {
                    self.sql.push_str(", ");
                }
                let value = match row.iter().find(|(n, _)| *n == col.name) {
                    Some((_, v)) => col.bind(v.clone()),
                    None => match &col.default {
                        Some(d) => match d.sql() {
                            Some(e) => {
                                self.expr(e, &[])?;
                                continue;
                            }
                            None => d.produce()?,
                        },
                        None => Value::Null,
                    },
                };
                self.placeholder(format!("{}_m{m}", col.name), Param::One(value));
            }
            self.sql.push(')');
        }
        self.returning(ins.table.name(), &ins.returning);
        Ok(())
    }

    /// `INSERT ... VALUES (...), (...), ...`: one tuple per row (SQLAlchemy's
    /// "insertmanyvalues"), the columns those of the first row and the Python-side defaults.
    pub(super) fn insert_rows(&mut self, ins: &Insert, rows: &[&[(String, Value)]]) -> Result<()> {
        let row: &[(String, Value)] = rows.first().copied().unwrap_or(&[]);
        // `.values()` with execution parameters: both give columns (a parameter overrides
        // its column's `.values()`, as SQLAlchemy's bind named after the column takes it).
        let merged: Vec<(String, Value)>;
        let given: &[(String, Value)] = if ins.values.is_empty() {
            row
        } else if row.is_empty() {
            &ins.values
        } else {
            merged = row
                .iter()
                .chain(
                    ins.values
                        .iter()
                        .filter(|(n, _)| !row.iter().any(|(r, _)| r == n)),
                )
                .cloned()
                .collect();
            &merged
        };
        if ins.values.is_empty() && !row.is_empty() {
            // SQLAlchemy's cache key has the parameters given, not only the text (a default
            // filling a column missing from them writes the same SQL).
            let mut given: Vec<&str> = row.iter().map(|(n, _)| n.as_str()).collect();
            given.sort_unstable();
            self.key_extra
                .push_str(&format!("|keys:{}", given.join(",")));
        }
        let mut cols = Vec::new();
        // SQL expressions: those given with `.values()`, and `default=func.now()` of the
        // columns left out, written into the statement.
        let mut exprs: Vec<(String, Expr)> = ins.exprs.clone();
        for col in ins.table.columns() {
            if ins.exprs.iter().any(|(n, _)| *n == col.name) {
                cols.push((col.name.clone(), Some(Value::Null)));
            } else if let Some((_, v)) = given.iter().find(|(n, _)| *n == col.name) {
                cols.push((col.name.clone(), Some(col.bind(v.clone()))));
            } else if let Some(e) = col.sql_default() {
                exprs.push((col.name.clone(), e.clone()));
                cols.push((col.name.clone(), Some(Value::Null)));
            } else if let Some(d) = &col.default {
                cols.push((col.name.clone(), Some(d.produce()?)));
            } else if given.is_empty()
                && ins.exprs.is_empty()
                && !ins.empty_values
                && self.style != ParamStyle::Qmark
            {
                // `str(insert(t))`: every column, each with its bind.
                cols.push((col.name.clone(), None));
            }
        }
        let t = self.q(ins.table.name());
        self.sql.push_str(&format!("INSERT INTO {t} "));
        match ins.table.columns().first() {
            Some(first) if cols.is_empty() && ins.executemany => {
                let n = self.q(&first.name);
                self.sql.push_str(&format!("({n}) VALUES (NULL)"));
            }
            // `str(insert(t).values())`: the default compiler writes empty lists.
            _ if cols.is_empty() && self.style == ParamStyle::Named && ins.empty_values => {
                self.sql.push_str("() VALUES ()")
            }
            _ if cols.is_empty() => self.sql.push_str("DEFAULT VALUES"),
            _ => {
                let names: Vec<String> = cols.iter().map(|(n, _)| self.q(n)).collect();
                self.sql
                    .push_str(&format!("({}) VALUES (", names.join(", ")));
                for (i, (name, value)) in cols.iter().enumerate() {
                    if i > 0 {
                        self.sql.push_str(", ");
                    }
                    if let Some((_, e)) = exprs.iter().find(|(n, _)| n == name) {
                        self.expr(e, &[])?;
                        continue;
                    }
                    self.placeholder(
                        name.clone(),
                        Param::One(value.clone().unwrap_or(Value::Null)),
                    );
                }
                self.sql.push(')');
                for more in rows.iter().skip(1) {
                    self.sql.push_str(", (");
                    for (i, (name, first)) in cols.iter().enumerate() {
                        if i > 0 {
                            self.sql.push_str(", ");
                        }
                        if let Some((_, e)) = exprs.iter().find(|(n, _)| n == name) {
                            self.expr(e, &[])?;
                            continue;
                        }
                        let value = match more.iter().find(|(n, _)| n == name) {
                            Some((_, v)) => match ins.table.get_column(name) {
                                Some(c) => c.bind(v.clone()),
                                None => v.clone(),
                            },
                            None => {
                                match ins.table.get_column(name).and_then(|c| c.default.as_ref()) {
                                    Some(d) => d.produce()?,
                                    None => first.clone().unwrap_or(Value::Null),
                                }
                            }
                        };
                        self.placeholder(name.clone(), Param::One(value));
                    }
                    self.sql.push(')');
                }
            }
        }
        self.returning(ins.table.name(), &ins.returning);
        Ok(())
    }

    /// The tables a DML statement's WHERE clause reads besides its own (`UPDATE ... FROM
    /// address`), and the sources its subqueries correlate to (its table and those).
    fn dml_froms(table: &Table, where_: &[Expr]) -> (Vec<FromItem>, Vec<Source>) {
        let mut derived: Vec<Rc<FromItem>> = Vec::new();
        for e in where_ {
            e.sources(&mut derived);
        }
        let own = Source::Named(table.name().to_owned());
        let extra: Vec<FromItem> = derived
            .iter()
            .filter(|f| f.source().is_some_and(|s| s != own))
            .map(|f| (**f).clone())
            .collect();
        let mut enclosing = vec![own];
        for f in &extra {
            f.provides(&mut enclosing);
        }
        (extra, enclosing)
    }

    pub(super) fn update(&mut self, u: &Update) -> Result<()> {
        let (extra, enclosing) = Self::dml_froms(&u.table, &u.where_);
        let enclosing = enclosing.as_slice();
        let t = self.q(u.table.name());
        self.sql.push_str(&format!("UPDATE {t} SET "));
        let mut first = true;
        for col in u.table.columns() {
            let mut expr = u.exprs.iter().find(|(n, _)| *n == col.name).map(|(_, e)| e);
            let value = match u.values.iter().find(|(n, _)| *n == col.name) {
                Some((_, v)) => Some(col.bind(v.clone())),
                None if expr.is_some() => None,
                None => match &col.onupdate {
                    // `onupdate=func.now()`: `updated_at=CURRENT_TIMESTAMP`.
                    Some(d) if d.sql().is_some() => {
                        expr = d.sql();
                        None
                    }
                    Some(d) => Some(d.produce()?),
                    None => continue,
                },
            };
            if !first {
                self.sql.push_str(", ");
            }
            first = false;
            let n = self.q(&col.name);
            self.sql.push_str(&format!("{n}="));
            match (value, expr) {
                (Some(value), _) => {
                    self.counts.entry(col.name.clone()).or_insert(0);
                    self.placeholder(col.name.clone(), Param::One(value));
                }
                (None, Some(Expr::NamedBind { name, value })) => {
                    self.named_bind(name, value, Some(col))
                }
                // SQLAlchemy groups an operator expression in SET: `goals=(players.goals + ?)`.
                (None, Some(e)) => self.operand(e, 50, None, enclosing)?,
                (None, None) => {}
            }
        }
        if !extra.is_empty() {
            self.sql.push_str(" FROM ");
            for (i, f) in extra.iter().enumerate() {
                if i > 0 {
                    self.sql.push_str(", ");
                }
                self.write_from(f)?;
            }
        }
        if !u.where_.is_empty() {
            self.sql.push_str(" WHERE ");
            self.criteria(&u.where_, enclosing)?;
        }
        self.returning(u.table.name(), &u.returning);
        Ok(())
    }

    pub(super) fn delete(&mut self, d: &Delete) -> Result<()> {
        let (extra, enclosing) = Self::dml_froms(&d.table, &d.where_);
        let t = self.q(d.table.name());
        self.sql.push_str(&format!("DELETE FROM {t}"));
        if !extra.is_empty() {
            // The default compiler lists the other tables; SQLite's refuses them.
            if self.dialect == crate::sql::quote::Dialect::Sqlite {
                return Err(crate::Error::NotImplementedError(
                    "This backend does not support multiple-table criteria within DELETE"
                        .to_owned(),
                ));
            }
            for f in &extra {
                self.sql.push_str(" , ");
                self.write_from(f)?;
            }
        }
        if !d.where_.is_empty() {
            self.sql.push_str(" WHERE ");
            self.criteria(&d.where_, &enclosing)?;
        }
        self.returning(d.table.name(), &d.returning);
        Ok(())
    }

    /// ` RETURNING a, b`: qualified by the table in `str()` (the default dialect), bare for
    /// SQLite, as SQLAlchemy writes them.
    fn returning(&mut self, table: &str, names: &[String]) {
        if !names.is_empty() {
            let t = self.q(table);
            let qualify = self.dialect != crate::sql::quote::Dialect::Sqlite;
            let cols: Vec<String> = names
                .iter()
                .map(|n| {
                    let c = self.q(n);
                    if qualify { format!("{t}.{c}") } else { c }
                })
                .collect();
            self.sql
                .push_str(&format!(" RETURNING {}", cols.join(", ")));
        }
    }
}
