//! The compiler's SELECT: the columns clause, the FROM list (tables, aliases, subqueries and
//! joins, with ON clauses inferred from foreign keys) and the WHERE / GROUP BY / HAVING /
//! ORDER BY / LIMIT clauses, written as SQLAlchemy writes them.

use super::Compiler;
use crate::error::Result;
use crate::sql::expr::{Expr, Source};
use crate::sql::statement::{Correlate, FromItem, Select, infer_on};
use crate::value::Value;
use std::rc::Rc;

impl Compiler {
    pub(super) fn write_from(&mut self, item: &FromItem) -> Result<()> {
        match item {
            FromItem::Table(t) => {
                let n = self.q(t.name());
                self.sql.push_str(&n);
            }
            FromItem::Alias { table, source } => {
                let t = self.q(table.name());
                let n = self.source_name(source);
                self.sql.push_str(&format!("{t} AS {n}"));
            }
            FromItem::Subquery { select, source } => {
                let env = if select.lateral {
                    self.sql.push_str("LATERAL ");
                    std::mem::take(&mut self.lateral_env)
                } else {
                    Vec::new()
                };
                self.sql.push('(');
                self.select(select, &env, true)?;
                let n = self.source_name(source);
                self.sql.push_str(&format!(") AS {n}"));
            }
            FromItem::Cte { select, source } => {
                let n = self.source_name(source);
                if !self.ctes.iter().any(|d| d.name == n) && !self.ctes_open.contains(&n) {
                    // Compiled where first met (its parameters numbered then), written in
                    // the statement's WITH clause.
                    let outer = std::mem::take(&mut self.sql);
                    let mark = self.params.len();
                    self.ctes_open.push(n.clone());
                    let body = self.select(select, &[], true);
                    self.ctes_open.retain(|o| *o != n);
                    body?;
                    let inner = std::mem::replace(&mut self.sql, outer);
                    let params = self.params.split_off(mark);
                    let head = if select.recursive {
                        let cols: Vec<String> = crate::sql::statement::column_names(item)
                            .iter()
                            .map(|c| self.q(c))
                            .collect();
                        format!("{n}({})", cols.join(", "))
                    } else {
                        n.clone()
                    };
                    self.ctes.push(super::CteDef {
                        name: n.clone(),
                        text: format!("{head} AS \n({inner})"),
                        params,
                        recursive: select.recursive,
                    });
                }
                self.sql.push_str(&n);
            }
            FromItem::CteAlias { cte, source } => {
                let c = match cte.source() {
                    Some(s) => self.source_name(&s),
                    None => String::new(),
                };
                let n = self.source_name(source);
                self.sql.push_str(&format!("{c} AS {n}"));
            }
            FromItem::Join {
                left,
                right,
                on,
                outer,
                full,
            } => {
                self.write_from(left)?;
                self.sql.push_str(match (*full, *outer) {
                    (true, _) => " FULL OUTER JOIN ",
                    (false, true) => " LEFT OUTER JOIN ",
                    (false, false) => " JOIN ",
                });
                // A join on the right side is grouped: `a LEFT OUTER JOIN (b JOIN c ON ...)
                // ON ...`, as SQLAlchemy nests a many-to-many joined eager load.
                let nested = matches!(**right, FromItem::Join { .. });
                if nested {
                    self.sql.push('(');
                }
                let mut env = Vec::new();
                left.provides(&mut env);
                self.lateral_env = env;
                self.write_from(right)?;
                self.lateral_env.clear();
                if nested {
                    self.sql.push(')');
                }
                self.sql.push_str(" ON ");
                self.expr(on, &[])?;
            }
        }
        Ok(())
    }

    /// The FROM list of `s`: explicit items and joins, then the tables its columns and WHERE
    /// clause read that nothing else provides, minus those correlated to an enclosing query.
    fn froms(s: &Select, enclosing: &[Source]) -> Result<Vec<FromItem>> {
        let mut derived: Vec<Rc<FromItem>> = Vec::new();
        for e in s.columns.iter().chain(&s.where_) {
            e.sources(&mut derived);
        }
        let mut items: Vec<FromItem> = s.from.clone();
        let mut derived_items: Vec<FromItem> = derived.iter().map(|f| (**f).clone()).collect();
        if !s.joins.is_empty() {
            let mut chain = if items.is_empty() {
                if derived_items.is_empty() {
                    s.joins[0].target.clone()
                } else {
                    derived_items.remove(0)
                }
            } else {
                items.remove(0)
            };
            for j in &s.joins {
                let on = match &j.on {
                    Some(on) => on.clone(),
                    None => infer_join(&chain, &j.target)?,
                };
                chain = FromItem::Join {
                    left: Box::new(chain),
                    right: Box::new(j.target.clone()),
                    on: Box::new(on),
                    outer: j.outer,
                    full: j.full,
                };
            }
            items.insert(0, chain);
        }
        let mut provided = Vec::new();
        for i in &items {
            i.provides(&mut provided);
        }
        let mut rest: Vec<FromItem> = derived_items
            .into_iter()
            .filter(|d| d.source().is_none_or(|src| !provided.contains(&src)))
            .collect();
        let enclosed = |d: &FromItem| d.source().is_some_and(|src| enclosing.contains(&src));
        match &s.correlate {
            // SQLAlchemy auto-correlates only a SELECT of several FROMs, and refuses one that
            // correlation would leave with none.
            Correlate::Auto => {
                if !enclosing.is_empty() && items.len() + rest.len() > 1 {
                    rest.retain(|d| !enclosed(d));
                    if items.is_empty() && rest.is_empty() {
                        return Err(crate::Error::InvalidRequestError(format!(
                            "Select statement '<sqlalchemy.sql.selectable.Select object at 0x{:x}>' returned no FROM clauses due to auto-correlation; specify correlate(<tables>) to control correlation manually.",
                            s as *const Select as usize
                        )));
                    }
                }
            }
            Correlate::Only(only) => {
                rest.retain(|d| !(enclosed(d) && d.source().is_some_and(|s| only.contains(&s))));
            }
            Correlate::Except(except) => {
                rest.retain(|d| !enclosed(d) || d.source().is_some_and(|s| except.contains(&s)));
            }
        }
        items.extend(rest);
        Ok(items)
    }

    /// `SELECT ... UNION ALL SELECT ...`, the members unparenthesized as SQLite wants them.
    pub(super) fn compound(
        &mut self,
        k: &crate::sql::statement::Compound,
        labels: bool,
    ) -> Result<()> {
        for (n, s) in k.selects.iter().enumerate() {
            if n > 0 {
                self.sql.push_str(&format!(" {} ", k.op.sql()));
            }
            self.select(s, &[], labels)?;
        }
        Ok(())
    }

    /// A repeated column's label `name_N` (`SELECT users.id, address.id AS id_1`) is an
    /// anonymous name SQLAlchemy shares with bound parameters: the next `:id_N` follows it.
    fn reserve_label(&mut self, col: &Expr) {
        let Expr::Label { expr, name } = col else {
            return;
        };
        let Expr::Column { name: base, .. } = &**expr else {
            return;
        };
        let Some(n) = name
            .strip_prefix(base.as_str())
            .and_then(|rest| rest.strip_prefix('_'))
            .and_then(|n| n.parse::<u32>().ok())
        else {
            return;
        };
        let count = self.counts.entry(base.clone()).or_insert(0);
        *count = (*count).max(n);
    }

    /// One ORDER BY item: a label of the SELECT's columns (under `DESC` / `NULLS LAST`) is
    /// written as its name (`ORDER BY n DESC`), as SQLAlchemy does.
    fn order_item(&mut self, e: &Expr, labels: &[&str], enclosing: &[Source]) -> Result<()> {
        match e {
            Expr::Label { name, .. } if labels.contains(&name.as_str()) => {
                let n = self.q(name);
                self.sql.push_str(&n);
            }
            Expr::Order { expr, desc } if matches!(**expr, Expr::Label { .. }) => {
                self.order_item(expr, labels, enclosing)?;
                self.sql.push_str(if *desc { " DESC" } else { " ASC" });
            }
            Expr::Nulls { expr, first }
                if matches!(**expr, Expr::Label { .. } | Expr::Order { .. }) =>
            {
                self.order_item(expr, labels, enclosing)?;
                self.sql.push_str(if *first {
                    " NULLS FIRST"
                } else {
                    " NULLS LAST"
                });
            }
            _ => self.operand(e, -1, None, enclosing)?,
        }
        Ok(())
    }

    pub(super) fn select(&mut self, s: &Select, enclosing: &[Source], labels: bool) -> Result<()> {
        if let Some(k) = &s.compound {
            return self.compound(k, labels);
        }
        if let Some(text) = &s.text {
            self.sql.push_str(text);
            return Ok(());
        }
        let froms = Self::froms(s, enclosing)?;
        let mut inner_enclosing: Vec<Source> = enclosing.to_vec();
        for f in &froms {
            f.provides(&mut inner_enclosing);
        }
        self.sql.push_str("SELECT ");
        if s.distinct {
            self.sql.push_str("DISTINCT ");
        }
        if s.columns.is_empty() {
            self.sql.push('*');
        }
        for (i, col) in s.columns.iter().enumerate() {
            if i > 0 {
                self.sql.push_str(", ");
            }
            // An anonymous label is numbered before the expression's own parameters, as
            // SQLAlchemy names it first (`coalesce(t.b, :coalesce_2) AS coalesce_1`).
            let anon = match col {
                Expr::Func { name, .. } => Some(self.anon_name(name)),
                Expr::Cast { expr, .. } if matches!(**expr, Expr::Column { .. }) => None,
                Expr::Case { .. }
                | Expr::Cast { .. }
                | Expr::Binary { .. }
                | Expr::Collate { .. }
                | Expr::Extract { .. }
                | Expr::Bind { .. }
                | Expr::ScalarSubquery(_)
                | Expr::Over { .. }
                | Expr::FuncFilter { .. }
                | Expr::WithinGroup { .. }
                | Expr::Exists(_) => Some(self.anon_name("anon")),
                _ => None,
            };
            match col {
                Expr::Label { expr, name } => {
                    self.expr(expr, &inner_enclosing)?;
                    let n = self.q(name);
                    self.sql.push_str(&format!(" AS {n}"));
                }
                _ => self.expr(col, &inner_enclosing)?,
            }
            self.reserve_label(col);
            if let Some(label) = anon {
                self.sql.push_str(&format!(" AS {label}"));
                continue;
            }
            match col {
                Expr::Column { name, .. } if labels => {
                    let n = self.q(name);
                    self.sql.push_str(&format!(" AS {n}"));
                }
                Expr::Cast { expr, .. } if matches!(**expr, Expr::Column { .. }) => {
                    if let Some(n) = col.result_name() {
                        let n = self.q(n);
                        self.sql.push_str(&format!(" AS {n}"));
                    }
                }
                // Other unnamed expressions get anonymous labels, as in SQLAlchemy.
                Expr::Binary { .. }
                | Expr::Bind { .. }
                | Expr::Bool(_)
                | Expr::Not(_)
                | Expr::IsNull { .. }
                | Expr::In { .. }
                | Expr::Between { .. }
                | Expr::ILike { .. }
                | Expr::Grouped(_)
                | Expr::Exists(_)
                | Expr::ScalarSubquery(_)
                | Expr::And(_)
                | Expr::Or(_) => {
                    let label = self.anon_name("anon");
                    self.sql.push_str(&format!(" AS {label}"));
                }
                _ => {}
            }
        }
        if !froms.is_empty() {
            self.sql.push_str(" \nFROM ");
            for (i, f) in froms.iter().enumerate() {
                if i > 0 {
                    self.sql.push_str(", ");
                }
                self.write_from(f)?;
            }
        }
        if !s.where_.is_empty() {
            self.sql.push_str(" \nWHERE ");
            self.criteria(&s.where_, &inner_enclosing)?;
        }
        if !s.group_by.is_empty() {
            self.sql.push_str(" GROUP BY ");
            self.join_exprs(&s.group_by, ", ", -1, &inner_enclosing)?;
        }
        if !s.having.is_empty() {
            self.sql.push_str(" \nHAVING ");
            self.criteria(&s.having, &inner_enclosing)?;
        }
        if !s.order_by.is_empty() {
            self.sql.push_str(" ORDER BY ");
            let labels: Vec<&str> = s
                .columns
                .iter()
                .filter_map(|c| match c {
                    Expr::Label { name, .. } => Some(name.as_str()),
                    _ => None,
                })
                .collect();
            for (i, item) in s.order_by.iter().enumerate() {
                if i > 0 {
                    self.sql.push_str(", ");
                }
                self.order_item(item, &labels, &inner_enclosing)?;
            }
        }
        if s.limit.is_some() || s.offset.is_some() {
            // SQLite's compiler binds the -1 of a missing LIMIT and always writes an
            // OFFSET (0 when none is given); the default compiler writes neither.
            let sqlite = self.dialect == crate::sql::quote::Dialect::Sqlite;
            self.sql.push_str("\n LIMIT ");
            match s.limit {
                Some(n) => self.bind(&Value::Integer(n), &None),
                None if sqlite => {
                    self.key_extra.push_str("|no limit");
                    self.bind(&Value::Integer(-1), &None);
                }
                None => self.sql.push_str("-1"),
            }
            match s.offset {
                Some(n) => {
                    self.sql.push_str(" OFFSET ");
                    self.bind(&Value::Integer(n), &None);
                }
                None if sqlite => {
                    self.key_extra.push_str("|no offset");
                    self.sql.push_str(" OFFSET ");
                    self.bind(&Value::Integer(0), &None);
                }
                None => {}
            }
        }
        Ok(())
    }
}

/// The ON clause for joining `target` to a chain: the first item of the chain that has a
/// foreign key with it.
fn infer_join(chain: &FromItem, target: &FromItem) -> Result<Expr> {
    let mut items = Vec::new();
    flatten(chain, &mut items);
    let mut last_err = None;
    for item in items {
        match infer_on(item, target) {
            Ok(on) => return Ok(on),
            Err(e) => last_err = Some(e),
        }
    }
    Err(last_err.unwrap_or_else(|| {
        crate::Error::InvalidRequestError(
            "Don't know how to join; please use an ON clause.".to_owned(),
        )
    }))
}

fn flatten<'a>(item: &'a FromItem, out: &mut Vec<&'a FromItem>) {
    match item {
        FromItem::Join { left, right, .. } => {
            flatten(left, out);
            flatten(right, out);
        }
        other => out.push(other),
    }
}
