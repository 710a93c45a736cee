//! The legacy `session.query(...)`: the same [`OrmSelect`] with the legacy label style (every
//! column labelled `table_column`), `first()` as `LIMIT 1 OFFSET 0`, and `count()` as a
//! `count(*)` over the query wrapped in a subquery — as SQLAlchemy 2.x's `Query` renders them.

use super::result::Cell;
use super::{Entity, Item, LabelStyle, OrmSelect};
use crate::error::{Error, Result};
use crate::session::Session;
use crate::sql::{Expr, Statement, func, select};
use crate::value::Value;

/// `session.query(User, ...)`.
#[derive(Debug, Clone)]
pub struct Query {
    stmt: OrmSelect,
}

impl Query {
    /// Notes that the query's columns name columns of `entity` (`query(Manager.name)`), as
    /// [`OrmSelect::with_column_entity`].
    pub fn with_column_entity(mut self, entity: super::Entity) -> Self {
        self.stmt = self.stmt.with_column_entity(entity);
        self
    }

    /// `session.query(*items)`.
    pub fn new(items: Vec<Item>) -> Query {
        let mut stmt = super::select(items);
        stmt.label_style = LabelStyle::TablePlusColumn;
        Query { stmt }
    }

    /// The statement this query runs.
    pub fn statement(&self) -> &OrmSelect {
        &self.stmt
    }

    /// Whether the query selects exactly one entity, so that its rows are returned as objects
    /// rather than tuples (`query(User).all()` is a list of `User`).
    pub fn is_single_entity(&self) -> bool {
        matches!(self.stmt.items(), [Item::Entity(_)])
    }

    /// Applies `f` to the underlying 2.0-style statement: the constructs `Query` has no method
    /// of its own for (a join to a subquery, `join(Parent.rel.of_type(alias))`).
    ///
    /// # Failure
    /// What `f` returns.
    pub fn map_statement(self, f: impl FnOnce(OrmSelect) -> Result<OrmSelect>) -> Result<Query> {
        Ok(Query {
            stmt: f(self.stmt)?,
        })
    }

    fn map(self, f: impl FnOnce(OrmSelect) -> OrmSelect) -> Query {
        Query { stmt: f(self.stmt) }
    }

    /// `.filter(criterion)`.
    pub fn filter(self, criterion: Expr) -> Query {
        self.map(|s| s.where_(criterion))
    }

    /// `.filter_by(name=value, ...)`.
    ///
    /// # Failure
    /// As [`OrmSelect::filter_by`].
    pub fn filter_by(self, criteria: &[(&str, Value)]) -> Result<Query> {
        Ok(Query {
            stmt: self.stmt.filter_by(criteria)?,
        })
    }

    /// `.with_entities(*items)`: the same criteria, other columns.
    pub fn with_entities(self, items: Vec<Item>) -> Query {
        self.map(|mut s| {
            s.items = items;
            s
        })
    }

    /// `.filter_by(...)` with expressions, as [`OrmSelect::filter_by_exprs`].
    ///
    /// # Failure
    /// As [`OrmSelect::filter_by`].
    pub fn filter_by_exprs(self, criteria: &[(&str, Expr)]) -> Result<Query> {
        Ok(Query {
            stmt: self.stmt.filter_by_exprs(criteria)?,
        })
    }

    /// `.join(target, onclause)`.
    pub fn join(self, target: &Entity, on: Option<Expr>) -> Query {
        self.map(|s| s.join(target, on))
    }

    /// `.outerjoin(target, onclause)`.
    pub fn outerjoin(self, target: &Entity, on: Option<Expr>) -> Query {
        self.map(|s| s.outerjoin(target, on))
    }

    /// `.join(Parent.rel)`.
    ///
    /// # Failure
    /// As [`OrmSelect::join_relationship`].
    pub fn join_relationship(self, parent: &Entity, rel: &str) -> Result<Query> {
        Ok(Query {
            stmt: self.stmt.join_relationship(parent, rel, None)?,
        })
    }

    /// `.outerjoin(Parent.rel)`.
    ///
    /// # Failure
    /// As [`OrmSelect::outerjoin_relationship`].
    pub fn outerjoin_relationship(self, parent: &Entity, rel: &str) -> Result<Query> {
        Ok(Query {
            stmt: self.stmt.outerjoin_relationship(parent, rel, None)?,
        })
    }

    /// `.select_from(entity)`.
    pub fn select_from(self, entity: &Entity) -> Query {
        self.map(|s| s.select_from(entity))
    }

    /// `.order_by(...)`.
    pub fn order_by(self, items: Vec<Expr>) -> Query {
        self.map(|s| s.order_by(items))
    }

    /// `.group_by(...)`.
    pub fn group_by(self, items: Vec<Expr>) -> Query {
        self.map(|s| s.group_by(items))
    }

    /// `.having(criterion)`.
    pub fn having(self, criterion: Expr) -> Query {
        self.map(|s| s.having(criterion))
    }

    /// `.limit(n)`.
    pub fn limit(self, n: i64) -> Query {
        self.map(|s| s.limit(n))
    }

    /// `.offset(n)`.
    pub fn offset(self, n: i64) -> Query {
        self.map(|s| s.offset(n))
    }

    /// `query[start:stop]` / `.slice(start, stop)`, as SQLAlchemy's `_make_slice`: the start
    /// adds to any offset (an offset of 0 is none), the limit is `stop - start` (or `stop`
    /// without a start).
    pub fn slice(self, start: Option<i64>, stop: Option<i64>) -> Query {
        self.map(|mut s| {
            if let Some(start) = start {
                let offset = s.select.offset.unwrap_or(0) + start;
                s.select.offset = (offset != 0).then_some(offset);
            }
            if let Some(stop) = stop {
                s.select.limit = Some(stop - start.unwrap_or(0));
            }
            s
        })
    }

    /// `.distinct()`.
    pub fn distinct(self) -> Query {
        self.map(OrmSelect::distinct)
    }

    /// `.options(load_only(...), defer(...), undefer(...))`: column options.
    pub fn column_options(self, options: Vec<super::ColumnOption>) -> Query {
        self.map(|s| s.column_options(options))
    }

    /// `.options(...)`: loader options.
    pub fn options(self, options: Vec<super::LoaderOption>) -> Query {
        self.map(|s| s.options(options))
    }

    /// `.populate_existing()`.
    pub fn populate_existing(self) -> Query {
        self.map(OrmSelect::populate_existing)
    }

    /// `.yield_per(n)` (`execution_options(yield_per=n)`).
    pub fn yield_per(self, n: usize) -> Query {
        self.map(|s| s.yield_per(n))
    }

    /// `.all()`: every row (for a single entity, each row holds just the object).
    ///
    /// # Failure
    /// As [`Session::execute`].
    pub fn all(&self, session: &mut Session) -> Result<Vec<Vec<Cell>>> {
        Ok(run(session, &self.stmt)?.all())
    }

    /// `.first()`: runs with `LIMIT 1` (and `OFFSET 0` unless an offset is set).
    ///
    /// # Failure
    /// As [`Session::execute`].
    pub fn first(&self, session: &mut Session) -> Result<Option<Vec<Cell>>> {
        let mut stmt = self.stmt.clone();
        stmt.select.limit = Some(1);
        Ok(run(session, &stmt)?.first())
    }

    /// `.one()`.
    ///
    /// # Failure
    /// [`Error::NoResultFound`], [`Error::MultipleResultsFound`]; as [`Session::execute`].
    pub fn one(&self, session: &mut Session) -> Result<Vec<Cell>> {
        run(session, &self.stmt)?.one()
    }

    /// `.one_or_none()`.
    ///
    /// # Failure
    /// [`Error::MultipleResultsFound`]; as [`Session::execute`].
    pub fn one_or_none(&self, session: &mut Session) -> Result<Option<Vec<Cell>>> {
        run(session, &self.stmt)?.one_or_none()
    }

    /// `.scalar()`: the first column of the one row, `None` without rows.
    ///
    /// # Failure
    /// [`Error::MultipleResultsFound`]; as [`Session::execute`].
    pub fn scalar(&self, session: &mut Session) -> Result<Option<Cell>> {
        Ok(self
            .one_or_none(session)?
            .and_then(|r| r.into_iter().next()))
    }

    /// `.count()`: `SELECT count(*) AS count_1 FROM (<the query>) AS anon_1`.
    ///
    /// # Failure
    /// As [`Session::execute`].
    pub fn count(&self, session: &mut Session) -> Result<i64> {
        session.check_usable()?;
        if self.stmt.autoflush {
            session.autoflush_now()?;
        }
        let counted = select(vec![func("count", vec![])]).select_from(self.stmt.subquery()?);
        let result = session.connection().execute(&Statement::Select(counted))?;
        match result.scalar() {
            Some(Value::Integer(n)) => Ok(n),
            other => Err(Error::InvalidRequestError(format!(
                "count() returned {other:?}"
            ))),
        }
    }

    /// `.get(pk)`: `session.get()` of the query's entity.
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] when the query does not select one entity; as
    /// [`Session::get`].
    pub fn get(
        &self,
        session: &mut Session,
        pk: &[Value],
    ) -> Result<Option<crate::session::ObjectId>> {
        match self.stmt.items() {
            [Item::Entity(e)] => session.get(&e.mapper, pk),
            _ => Err(Error::InvalidRequestError(
                "get() can only be used against a single mapped class.".to_owned(),
            )),
        }
    }

    /// `str(query)`: compiled for the session's SQLite engine, as SQLAlchemy prints a
    /// bound `Query` (`?` placeholders, `LIMIT ? OFFSET ?`).
    ///
    /// # Failure
    /// As [`crate::sql::compile`].
    pub fn to_sql_string(&self) -> Result<String> {
        let select = crate::sql::Statement::Select(self.stmt.to_select()?);
        Ok(crate::sql::compile(&select, crate::sql::ParamStyle::SqliteStr, &[])?.sql)
    }
}

/// Runs `stmt`; as SQLAlchemy's legacy `Query`, a query of at least one mapped entity returns
/// each row once (rows a join or a joined eager collection repeats come once).
fn run(session: &mut Session, stmt: &OrmSelect) -> Result<super::OrmResult> {
    let result = session.execute(stmt)?;
    let entities = stmt.items().iter().any(|i| matches!(i, Item::Entity(_)));
    Ok(if entities || result.joined_collections {
        result.unique()
    } else {
        result
    })
}

impl Session {
    /// `session.query(*items)`.
    pub fn query(&self, items: Vec<Item>) -> Query {
        Query::new(items)
    }
}
