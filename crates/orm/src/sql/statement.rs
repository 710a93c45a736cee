//! Statements: `select()`, `insert()`, `update()` and `delete()` and the FROM items they read
//! (tables, aliases, joins and subqueries), built by chaining as in SQLAlchemy 2.x.

use super::expr::{Expr, Source, next_anon};
use crate::schema::Table;
use std::rc::Rc;

#[path = "statement_from.rs"]
mod from;
pub use from::{FromItem, alias, anon_alias, column_names, infer_join_on, infer_on};

#[path = "statement_dml.rs"]
mod dml;
pub use dml::{Delete, Insert, Update, delete, insert, update};

/// A pending `.join()` of a select.
#[derive(Debug, Clone, PartialEq)]
pub struct JoinSpec {
    /// What is joined.
    pub target: FromItem,
    /// The ON clause (inferred from foreign keys when `None`).
    pub on: Option<Expr>,
    /// `outerjoin`.
    pub outer: bool,
    /// `full=True`: `FULL OUTER JOIN`.
    pub full: bool,
}

/// `select(...)`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Select {
    /// The columns clause.
    pub columns: Vec<Expr>,
    /// `select_from(...)`.
    pub from: Vec<FromItem>,
    /// `.join(...)`s, applied to the leftmost FROM.
    pub joins: Vec<JoinSpec>,
    /// `.where(...)` criteria, ANDed.
    pub where_: Vec<Expr>,
    /// `.group_by(...)`.
    pub group_by: Vec<Expr>,
    /// `.having(...)` criteria, ANDed.
    pub having: Vec<Expr>,
    /// `.order_by(...)`.
    pub order_by: Vec<Expr>,
    /// `.limit(n)`.
    pub limit: Option<i64>,
    /// `.offset(n)`.
    pub offset: Option<i64>,
    /// `.distinct()`.
    pub distinct: bool,
    /// A compound SELECT used as one (`union_all(a, b).subquery()`): compiled as the
    /// compound; `columns` are its first member's, which name the result's columns.
    pub compound: Option<Box<Compound>>,
    /// `.cte(recursive=True)`: written `WITH RECURSIVE name(columns) AS (...)`.
    pub recursive: bool,
    /// `text("SELECT ...").columns(...)`: the SELECT written as given; `columns` name its
    /// result columns.
    pub text: Option<String>,
    /// `.lateral()`: a subquery written `LATERAL (SELECT ...)`, correlated to the left side
    /// of its join.
    pub lateral: bool,
    /// `.correlate(...)` of a scalar or EXISTS subquery.
    pub correlate: Correlate,
}

/// Which enclosing FROMs a subquery leaves out of its own FROM list.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Correlate {
    /// Every enclosing FROM it names (SQLAlchemy's auto-correlation).
    #[default]
    Auto,
    /// `.correlate(t, ...)`: only these (none for `correlate(None)`).
    Only(Vec<Source>),
    /// `.correlate_except(t, ...)`: every enclosing FROM but these.
    Except(Vec<Source>),
}

/// `select(*columns)`.
pub fn select(columns: Vec<Expr>) -> Select {
    Select {
        columns,
        ..Select::default()
    }
}

/// A compound SELECT as a [`Select`], to make a subquery or CTE of it.
pub fn select_compound(k: Compound) -> Select {
    let columns = k
        .selects
        .first()
        .map(|s| s.columns.clone())
        .unwrap_or_default();
    Select {
        columns,
        compound: Some(Box::new(k)),
        ..Select::default()
    }
}

/// `text(sql).columns(a, b)` as a [`Select`], to make a subquery of it.
pub fn select_text(sql: &str, names: &[String]) -> Select {
    Select {
        columns: names
            .iter()
            .map(|n| Expr::Label {
                expr: Box::new(Expr::LiteralText(n.clone())),
                name: n.clone(),
            })
            .collect(),
        text: Some(sql.to_owned()),
        ..Select::default()
    }
}

/// `select(table)`: every column of the table, in order.
pub fn select_table(table: &Rc<Table>) -> Select {
    let from = Rc::new(FromItem::Table(Rc::clone(table)));
    let cols = table
        .columns()
        .iter()
        .map(|c| Expr::Column {
            source: Source::Named(table.name().to_owned()),
            name: c.name.clone(),
            from: Rc::clone(&from),
        })
        .collect();
    Select {
        columns: cols,
        ..Select::default()
    }
}

impl Select {
    /// `.where(criterion)`.
    pub fn where_(mut self, criterion: Expr) -> Self {
        self.where_.push(criterion);
        self
    }

    /// `.select_from(item)`.
    /// An item already given is not added again (`join_from(t, a).join_from(t, b)` joins
    /// both to the one `t`).
    pub fn select_from(mut self, item: FromItem) -> Self {
        if !self.from.contains(&item) {
            self.from.push(item);
        }
        self
    }

    /// `.join(target, on)`.
    pub fn join(mut self, target: FromItem, on: Option<Expr>) -> Self {
        self.joins.push(JoinSpec {
            target,
            on,
            outer: false,
            full: false,
        });
        self
    }

    /// `.outerjoin(target, on)`.
    pub fn outerjoin(mut self, target: FromItem, on: Option<Expr>) -> Self {
        self.joins.push(JoinSpec {
            target,
            on,
            outer: true,
            full: false,
        });
        self
    }

    /// Makes the last `.join()` a `FULL OUTER JOIN` (`join(..., full=True)`).
    pub fn full_last_join(mut self) -> Self {
        if let Some(j) = self.joins.last_mut() {
            j.full = true;
        }
        self
    }

    /// `.order_by(...)`.
    pub fn order_by(mut self, items: Vec<Expr>) -> Self {
        self.order_by.extend(items);
        self
    }

    /// `.group_by(...)`.
    pub fn group_by(mut self, items: Vec<Expr>) -> Self {
        self.group_by.extend(items);
        self
    }

    /// `.having(criterion)`.
    pub fn having(mut self, criterion: Expr) -> Self {
        self.having.push(criterion);
        self
    }

    /// `.limit(n)`.
    pub fn limit(mut self, n: i64) -> Self {
        self.limit = Some(n);
        self
    }

    /// `.offset(n)`.
    pub fn offset(mut self, n: i64) -> Self {
        self.offset = Some(n);
        self
    }

    /// `.distinct()`.
    pub fn distinct(mut self) -> Self {
        self.distinct = true;
        self
    }

    /// `.subquery()`: a FROM item named `anon_N` when compiled.
    pub fn subquery(self) -> FromItem {
        FromItem::Subquery {
            select: Box::new(self),
            source: Source::Anon(next_anon()),
        }
    }

    /// `.subquery(name)`.
    pub fn subquery_named(self, name: &str) -> FromItem {
        FromItem::Subquery {
            select: Box::new(self),
            source: Source::Named(name.to_owned()),
        }
    }

    /// `.cte(name=None)`.
    pub fn cte(self, name: Option<&str>) -> FromItem {
        FromItem::Cte {
            select: Box::new(self),
            source: match name {
                Some(n) => Source::Named(n.to_owned()),
                None => Source::Anon(next_anon()),
            },
        }
    }

    /// `.scalar_subquery()`.
    pub fn scalar_subquery(self) -> Expr {
        Expr::ScalarSubquery(Box::new(self))
    }
}

/// Any statement the compiler can turn into SQL.
#[derive(Debug, Clone, PartialEq)]
pub enum Statement {
    /// A SELECT.
    Select(Select),
    /// An INSERT.
    Insert(Insert),
    /// An UPDATE.
    Update(Update),
    /// A DELETE.
    Delete(Delete),
    /// `union(a, b)`, `union_all(...)`, ...: SELECTs combined.
    Compound(Compound),
}

/// How a [`Compound`] combines its SELECTs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompoundOp {
    /// `UNION`.
    Union,
    /// `UNION ALL`.
    UnionAll,
    /// `INTERSECT`.
    Intersect,
    /// `EXCEPT`.
    Except,
}

impl CompoundOp {
    /// The keyword.
    pub fn sql(self) -> &'static str {
        match self {
            CompoundOp::Union => "UNION",
            CompoundOp::UnionAll => "UNION ALL",
            CompoundOp::Intersect => "INTERSECT",
            CompoundOp::Except => "EXCEPT",
        }
    }
}

/// `union(select(...), select(...))`: a compound SELECT.
#[derive(Debug, Clone, PartialEq)]
pub struct Compound {
    /// The operator between the SELECTs.
    pub op: CompoundOp,
    /// The SELECTs, in order.
    pub selects: Vec<Select>,
}

impl From<Select> for Statement {
    fn from(s: Select) -> Self {
        Statement::Select(s)
    }
}

impl From<Insert> for Statement {
    fn from(s: Insert) -> Self {
        Statement::Insert(s)
    }
}

impl From<Update> for Statement {
    fn from(s: Update) -> Self {
        Statement::Update(s)
    }
}

impl From<Delete> for Statement {
    fn from(s: Delete) -> Self {
        Statement::Delete(s)
    }
}
