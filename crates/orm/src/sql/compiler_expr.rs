//! The compiler's column expressions: columns, binds, operators with SQLAlchemy's grouping,
//! functions, labels, CASE, CAST, EXTRACT and subquery predicates.

use super::{Compiler, Param, ParamStyle};
use crate::error::Result;
use crate::sql::expr::{Expr, InTarget, Op, Source};
use crate::sql::quote::Dialect;
use crate::value::Value;

impl Compiler {
    pub(super) fn expr(&mut self, e: &Expr, enclosing: &[Source]) -> Result<()> {
        match e {
            Expr::Column { source, name, .. } => {
                let s = self.source_name(source);
                let n = self.q(name);
                self.sql.push_str(&format!("{s}.{n}"));
            }
            Expr::Bind { value, key } => self.bind(value, key),
            Expr::NamedBind { name, value } => self.named_bind(name, value, None),
            Expr::Null => self.sql.push_str("NULL"),
            Expr::Bool(v) => self.sql.push_str(match (self.dialect, v) {
                (Dialect::Sqlite, true) => "1",
                (Dialect::Sqlite, false) => "0",
                (_, true) => "true",
                (_, false) => "false",
            }),
            Expr::LiteralText(t) => self.sql.push_str(t),
            Expr::TextBinds { text, params } => self.text_binds(text, params),
            Expr::Star => self.sql.push('*'),
            Expr::Neg(inner) => {
                self.sql.push('-');
                self.operand(inner, 8, None, enclosing)?;
            }
            Expr::Binary {
                left,
                op: op @ (Op::TrueDiv | Op::FloorDiv),
                right,
            } => self.division(left, *op, right, enclosing)?,
            Expr::Binary { left, op, right } => {
                // SQLAlchemy groups a `||` operand of a comparison: `(a || b) = c`.
                let p = op.precedence();
                let comparison = matches!(op, Op::Eq | Op::Ne | Op::Lt | Op::Le | Op::Gt | Op::Ge);
                let against = |e: &Expr| match e {
                    Expr::Binary { op: Op::Concat, .. } if comparison => 6,
                    _ => p,
                };
                self.operand(left, against(left), Some(*op), enclosing)?;
                self.sql.push_str(&format!(" {} ", op.sql()));
                if matches!(op, Op::Like | Op::NotLike)
                    && matches!(**right, Expr::Binary { op: Op::Concat, .. })
                {
                    // `contains()` / `startswith()` patterns: SQLAlchemy writes
                    // `LIKE '%' || :x || '%'` as text, ungrouped.
                    self.expr(right, enclosing)?;
                } else {
                    self.operand(right, against(right), Some(*op), enclosing)?;
                }
            }
            Expr::And(items) => self.join_exprs(items, " AND ", 3, enclosing)?,
            Expr::Or(items) => self.join_exprs(items, " OR ", 2, enclosing)?,
            // SQLAlchemy groups an EXISTS it negates: `NOT (EXISTS (SELECT ...))`.
            Expr::Not(inner) if matches!(**inner, Expr::Exists(_)) => {
                self.sql.push_str("NOT (");
                self.expr(inner, enclosing)?;
                self.sql.push(')');
            }
            Expr::Not(inner) => {
                self.sql.push_str("NOT ");
                self.operand(inner, 5, None, enclosing)?;
            }
            Expr::IsNull { expr, negate } => {
                self.operand(expr, 5, None, enclosing)?;
                self.sql
                    .push_str(if *negate { " IS NOT NULL" } else { " IS NULL" });
            }
            Expr::In {
                expr,
                target,
                negate,
            } => {
                if *negate {
                    self.sql.push('(');
                }
                self.operand(expr, 5, None, enclosing)?;
                self.sql
                    .push_str(if *negate { " NOT IN (" } else { " IN (" });
                match target {
                    InTarget::Values(values) => {
                        let key = match &**expr {
                            Expr::Column { name, .. } => name.clone(),
                            _ => "param".to_owned(),
                        };
                        let name = self.anon_name(&key);
                        self.placeholder(name, Param::Expanding(values.clone()));
                    }
                    InTarget::Rows { width, rows } => {
                        let name = self.anon_name("param");
                        self.placeholder(name, Param::Rows(rows.clone(), *width));
                    }
                    InTarget::Select(s) => self.select(s, enclosing, false)?,
                    InTarget::Param { name, values } => {
                        if values.is_none()
                            && self.style == ParamStyle::Qmark
                            && self.missing.is_none()
                        {
                            self.missing = Some(name.clone());
                        }
                        let list = values.clone().unwrap_or_default();
                        self.placeholder(name.clone(), Param::Expanding(list));
                    }
                }
                self.sql.push(')');
                if *negate {
                    self.sql.push(')');
                }
            }
            Expr::Between {
                expr,
                low,
                high,
                negate,
            } => {
                self.operand(expr, 5, None, enclosing)?;
                self.sql.push_str(if *negate {
                    " NOT BETWEEN "
                } else {
                    " BETWEEN "
                });
                self.operand(low, 5, None, enclosing)?;
                self.sql.push_str(" AND ");
                self.operand(high, 5, None, enclosing)?;
            }
            Expr::ILike {
                expr,
                pattern,
                negate,
            } => {
                self.sql.push_str("lower(");
                self.expr(expr, enclosing)?;
                self.sql.push_str(if *negate {
                    ") NOT LIKE lower("
                } else {
                    ") LIKE lower("
                });
                self.expr(pattern, enclosing)?;
                self.sql.push(')');
            }
            Expr::Grouped(inner) => {
                self.sql.push('(');
                self.expr(inner, enclosing)?;
                self.sql.push(')');
            }
            Expr::Tuple(items) => {
                self.sql.push('(');
                for (n, item) in items.iter().enumerate() {
                    if n > 0 {
                        self.sql.push_str(", ");
                    }
                    self.expr(item, enclosing)?;
                }
                self.sql.push(')');
            }
            Expr::Func { name, args } if args.is_empty() && self.fixed_function(name) => {}
            Expr::Func { name, args } => {
                // SQLite's `char_length(x)` is `length(x)`.
                if self.dialect == Dialect::Sqlite && name.eq_ignore_ascii_case("char_length") {
                    self.sql.push_str("length");
                } else {
                    self.sql.push_str(name);
                }
                self.sql.push('(');
                if args.is_empty() && name.eq_ignore_ascii_case("count") {
                    self.sql.push('*');
                }
                self.join_exprs(args, ", ", -1, enclosing)?;
                self.sql.push(')');
            }
            // A label names its expression only in a columns clause (written there by the
            // SELECT); elsewhere (GROUP BY, HAVING, inside a function) SQLAlchemy writes the
            // expression, and ORDER BY the label's name when the SELECT has it.
            Expr::Label { expr, .. } => self.expr(expr, enclosing)?,
            Expr::Order { expr, desc } => {
                self.operand(expr, 3, None, enclosing)?;
                self.sql.push_str(if *desc { " DESC" } else { " ASC" });
            }
            Expr::Exists(s) => {
                self.sql.push_str("EXISTS (");
                self.select(s, enclosing, false)?;
                self.sql.push(')');
            }
            Expr::ScalarSubquery(s) => {
                self.sql.push('(');
                self.select(s, enclosing, false)?;
                self.sql.push(')');
            }
            Expr::Distinct(inner) => {
                self.sql.push_str("DISTINCT ");
                self.expr(inner, enclosing)?;
            }
            Expr::Case {
                value,
                whens,
                else_,
            } => {
                self.sql.push_str("CASE ");
                if let Some(v) = value {
                    self.expr(v, enclosing)?;
                    self.sql.push(' ');
                }
                for (c, r) in whens {
                    self.sql.push_str("WHEN ");
                    // SQLAlchemy groups each condition (`self_group()`), not the results.
                    self.operand(c, 99, None, enclosing)?;
                    self.sql.push_str(" THEN ");
                    self.expr(r, enclosing)?;
                    self.sql.push(' ');
                }
                if let Some(e) = else_ {
                    self.sql.push_str("ELSE ");
                    self.expr(e, enclosing)?;
                    self.sql.push(' ');
                }
                self.sql.push_str("END");
            }
            Expr::Cast { expr, ty } => {
                self.sql.push_str("CAST(");
                self.expr(expr, enclosing)?;
                self.sql.push_str(&format!(" AS {ty})"));
            }
            Expr::Extract { field, expr } => self.extract(field, expr, enclosing)?,
            Expr::Escape { expr, escape } => {
                self.expr(expr, enclosing)?;
                self.sql
                    .push_str(&format!(" ESCAPE '{}'", escape.replace('\'', "''")));
            }
            Expr::Collate { expr, collation } => {
                self.operand(expr, 4, None, enclosing)?;
                let c = self.q(collation);
                self.sql.push_str(&format!(" COLLATE {c}"));
            }
            Expr::Over {
                expr,
                partition_by,
                order_by,
            } => {
                self.expr(expr, enclosing)?;
                self.sql.push_str(" OVER (");
                if !partition_by.is_empty() {
                    self.sql.push_str("PARTITION BY ");
                    self.join_exprs(partition_by, ", ", -1, enclosing)?;
                }
                if !order_by.is_empty() {
                    if !partition_by.is_empty() {
                        self.sql.push(' ');
                    }
                    self.sql.push_str("ORDER BY ");
                    self.join_exprs(order_by, ", ", -1, enclosing)?;
                }
                self.sql.push(')');
            }
            Expr::FuncFilter { expr, criteria } => {
                self.expr(expr, enclosing)?;
                self.sql.push_str(" FILTER (WHERE ");
                self.criteria(criteria, enclosing)?;
                self.sql.push(')');
            }
            Expr::WithinGroup { expr, order_by } => {
                self.expr(expr, enclosing)?;
                self.sql.push_str(" WITHIN GROUP (ORDER BY ");
                self.join_exprs(order_by, ", ", -1, enclosing)?;
                self.sql.push(')');
            }
            Expr::Nulls { expr, first } => {
                self.operand(expr, 3, None, enclosing)?;
                self.sql.push_str(if *first {
                    " NULLS FIRST"
                } else {
                    " NULLS LAST"
                });
            }
        }
        Ok(())
    }
}

impl Compiler {
    /// `EXTRACT(field FROM x)`; SQLAlchemy's SQLite dialect writes
    /// `CAST(STRFTIME('%Y', x) AS INTEGER)` and knows only these fields.
    fn extract(&mut self, field: &str, e: &Expr, enclosing: &[Source]) -> Result<()> {
        if self.dialect == Dialect::Default {
            self.sql.push_str(&format!("EXTRACT({field} FROM "));
            self.expr(e, enclosing)?;
            self.sql.push(')');
            return Ok(());
        }
        let format = match field {
            "month" => "%m",
            "day" => "%d",
            "year" => "%Y",
            "second" => "%S",
            "hour" => "%H",
            "doy" => "%j",
            "minute" => "%M",
            "epoch" => "%s",
            "dow" => "%w",
            "week" => "%W",
            other => {
                return Err(crate::Error::CompileError(format!(
                    "{other} is not a valid extract argument."
                )));
            }
        };
        self.sql.push_str(&format!("CAST(STRFTIME('{format}', "));
        self.expr(e, enclosing)?;
        self.sql.push_str(") AS INTEGER)");
        Ok(())
    }
}

impl Compiler {
    /// Writes the functions SQLAlchemy renders without an argument list (the ANSI
    /// `CURRENT_TIMESTAMP` family, and SQLite's `now()`); false for any other.
    fn fixed_function(&mut self, name: &str) -> bool {
        let sqlite = self.dialect == Dialect::Sqlite;
        let text = match name.to_ascii_lowercase().as_str() {
            "now" if sqlite => "CURRENT_TIMESTAMP",
            "localtimestamp" if sqlite => "DATETIME(CURRENT_TIMESTAMP, 'localtime')",
            "current_timestamp" => "CURRENT_TIMESTAMP",
            "current_date" => "CURRENT_DATE",
            "current_time" => "CURRENT_TIME",
            "current_user" => "CURRENT_USER",
            "localtime" => "LOCALTIME",
            "localtimestamp" => "LOCALTIMESTAMP",
            "session_user" => "SESSION_USER",
            "user" => "USER",
            "sysdate" => "sysdate",
            _ => return false,
        };
        self.sql.push_str(text);
        true
    }
}

impl Compiler {
    /// `bindparam("name")`: its value from the execution's parameters, else its own; bound
    /// as `column`'s type when it sets one (`values(price=bindparam("p"))`).
    pub(super) fn named_bind(
        &mut self,
        name: &str,
        value: &Option<Value>,
        column: Option<&crate::schema::Column>,
    ) {
        let given = self.exec.iter().find(|(n, _)| n == name).map(|(_, v)| v);
        let v = match (given, value) {
            (Some(v), _) | (None, Some(v)) => v.clone(),
            (None, None) => {
                if self.style == ParamStyle::Qmark && self.missing.is_none() {
                    self.missing = Some(name.to_owned());
                }
                Value::Null
            }
        };
        let v = match column {
            Some(c) => c.bind(v),
            None => v,
        };
        self.placeholder(name.to_owned(), Param::One(v));
    }

    /// Python's `/` and `//` as SQLAlchemy 2 writes them: true division casts the divisor
    /// (`a / CAST(:b AS NUMERIC)`, SQLite `a / (? + 0.0)`); floor division of two integers
    /// is a plain `/`, else `FLOOR(a / b)`.
    fn division(&mut self, left: &Expr, op: Op, right: &Expr, enclosing: &[Source]) -> Result<()> {
        use crate::sql::types::{is_integer, type_of};
        use crate::types::SqlType;
        let floor = op == Op::FloorDiv && !(is_integer(left) && is_integer(right));
        if floor {
            self.sql.push_str("FLOOR(");
        }
        self.operand(left, 8, Some(Op::Div), enclosing)?;
        self.sql.push_str(" / ");
        if op == Op::TrueDiv {
            if self.dialect == Dialect::Sqlite {
                self.sql.push('(');
                self.operand(right, 7, Some(Op::Add), enclosing)?;
                self.sql.push_str(" + 0.0)");
            } else {
                let ty = match (right, type_of(right)) {
                    (
                        Expr::Bind {
                            value: Value::Float(_),
                            ..
                        },
                        _,
                    ) => "DOUBLE".to_owned(),
                    (_, Some(t @ (SqlType::Float | SqlType::Double | SqlType::Numeric { .. }))) => {
                        t.ddl()
                    }
                    _ => "NUMERIC".to_owned(),
                };
                self.sql.push_str("CAST(");
                self.expr(right, enclosing)?;
                self.sql.push_str(&format!(" AS {ty})"));
            }
        } else {
            self.operand(right, 8, Some(Op::Div), enclosing)?;
        }
        if floor {
            self.sql.push(')');
        }
        Ok(())
    }
}
