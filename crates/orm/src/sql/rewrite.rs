//! Rewriting the columns of an expression tree: an expression written against one source
//! (the columns of a class body, say) re-targeted to another (the mapped table).

use super::Expr;
use crate::error::Result;

impl Expr {
    /// The expression with each column (and each bound value) replaced by `f(column)`;
    /// subqueries are left as they are.
    ///
    /// # Failure
    /// Whatever `f` returns.
    pub fn map_columns(self, f: &mut dyn FnMut(Expr) -> Result<Expr>) -> Result<Expr> {
        let b = |e: Box<Expr>, f: &mut dyn FnMut(Expr) -> Result<Expr>| -> Result<Box<Expr>> {
            Ok(Box::new(e.map_columns(f)?))
        };
        Ok(match self {
            c @ (Expr::Column { .. } | Expr::Bind { .. }) => f(c)?,
            Expr::Binary { left, op, right } => Expr::Binary {
                left: b(left, f)?,
                op,
                right: b(right, f)?,
            },
            Expr::And(items) => Expr::And(map_all(items, f)?),
            Expr::Or(items) => Expr::Or(map_all(items, f)?),
            Expr::Not(e) => Expr::Not(b(e, f)?),
            Expr::IsNull { expr, negate } => Expr::IsNull {
                expr: b(expr, f)?,
                negate,
            },
            Expr::In {
                expr,
                target,
                negate,
            } => Expr::In {
                expr: b(expr, f)?,
                target,
                negate,
            },
            Expr::Between {
                expr,
                low,
                high,
                negate,
            } => Expr::Between {
                expr: b(expr, f)?,
                low: b(low, f)?,
                high: b(high, f)?,
                negate,
            },
            Expr::ILike {
                expr,
                pattern,
                negate,
            } => Expr::ILike {
                expr: b(expr, f)?,
                pattern: b(pattern, f)?,
                negate,
            },
            Expr::Grouped(e) => Expr::Grouped(b(e, f)?),
            Expr::Tuple(items) => Expr::Tuple(map_all(items, f)?),
            Expr::Func { name, args } => Expr::Func {
                name,
                args: map_all(args, f)?,
            },
            Expr::Label { expr, name } => Expr::Label {
                expr: b(expr, f)?,
                name,
            },
            Expr::Order { expr, desc } => Expr::Order {
                expr: b(expr, f)?,
                desc,
            },
            Expr::Distinct(e) => Expr::Distinct(b(e, f)?),
            Expr::Neg(e) => Expr::Neg(b(e, f)?),
            Expr::Case {
                value,
                whens,
                else_,
            } => Expr::Case {
                value: value.map(|v| b(v, f)).transpose()?,
                whens: whens
                    .into_iter()
                    .map(|(w, t)| Ok((w.map_columns(f)?, t.map_columns(f)?)))
                    .collect::<Result<_>>()?,
                else_: else_.map(|v| b(v, f)).transpose()?,
            },
            Expr::Cast { expr, ty } => Expr::Cast {
                expr: b(expr, f)?,
                ty,
            },
            Expr::Extract { field, expr } => Expr::Extract {
                field,
                expr: b(expr, f)?,
            },
            Expr::Escape { expr, escape } => Expr::Escape {
                expr: b(expr, f)?,
                escape,
            },
            Expr::Collate { expr, collation } => Expr::Collate {
                expr: b(expr, f)?,
                collation,
            },
            Expr::Over {
                expr,
                partition_by,
                order_by,
            } => Expr::Over {
                expr: b(expr, f)?,
                partition_by: map_all(partition_by, f)?,
                order_by: map_all(order_by, f)?,
            },
            Expr::FuncFilter { expr, criteria } => Expr::FuncFilter {
                expr: b(expr, f)?,
                criteria: map_all(criteria, f)?,
            },
            Expr::WithinGroup { expr, order_by } => Expr::WithinGroup {
                expr: b(expr, f)?,
                order_by: map_all(order_by, f)?,
            },
            Expr::Nulls { expr, first } => Expr::Nulls {
                expr: b(expr, f)?,
                first,
            },
            Expr::ScalarSubquery(s) => Expr::ScalarSubquery(Box::new(s.map_columns(f)?)),
            Expr::Exists(s) => Expr::Exists(Box::new(s.map_columns(f)?)),
            other => other,
        })
    }
}

impl super::Select {
    /// The select with `f` applied to every column and bound value of its clauses (columns,
    /// join conditions, WHERE, GROUP BY, HAVING, ORDER BY), as [`Expr::map_columns`].
    ///
    /// # Failure
    /// What `f` returns.
    pub fn map_columns(mut self, f: &mut dyn FnMut(Expr) -> Result<Expr>) -> Result<Self> {
        self.columns = map_all(self.columns, f)?;
        for join in &mut self.joins {
            if let Some(on) = join.on.take() {
                join.on = Some(on.map_columns(f)?);
            }
        }
        self.where_ = map_all(self.where_, f)?;
        self.group_by = map_all(self.group_by, f)?;
        self.having = map_all(self.having, f)?;
        self.order_by = map_all(self.order_by, f)?;
        Ok(self)
    }
}

fn map_all(items: Vec<Expr>, f: &mut dyn FnMut(Expr) -> Result<Expr>) -> Result<Vec<Expr>> {
    items.into_iter().map(|e| e.map_columns(f)).collect()
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use crate::error::Result;
    use crate::schema::{Column, MetaData, Table};
    use crate::sql::statement::anon_alias;
    use crate::sql::{Expr, FromItem, ParamStyle, Statement, compile, func, select};
    use crate::types::SqlType;
    use std::rc::Rc;

    #[test]
    fn map_columns_retargets_columns_inside_functions_and_operators() -> Result<()> {
        let md = MetaData::new();
        let t = md.add(
            Table::new("people")
                .column(Column::new("id", SqlType::Integer).primary_key())
                .column(Column::new("first", SqlType::String(None))),
        )?;
        let table = FromItem::Table(Rc::clone(&t));
        let expr = func("length", vec![table.c("first")?]).op(crate::sql::Op::Add, 1);
        let alias = anon_alias(&t);
        let moved = expr.map_columns(&mut |c| match &c {
            Expr::Column { name, .. } => alias.c(name),
            _ => Ok(c),
        })?;
        let sql = compile(
            &Statement::Select(select(vec![moved.label("anon_1")])),
            ParamStyle::Named,
            &[],
        )?
        .sql;
        assert_eq!(
            sql,
            "SELECT length(people_1.first) + :length_1 AS anon_1 \nFROM people AS people_1"
        );
        Ok(())
    }
}
