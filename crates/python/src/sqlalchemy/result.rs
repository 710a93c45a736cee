//! Results: `Result` (rows, scalars or mappings, consumed as they are fetched; rows are in
//! [`super::rows`]).

pub use super::rows::{KeyView, MappingObj, RowObj};
use super::{Bridge, method, obj, to_py};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;

/// What a result yields.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Rows.
    Rows,
    /// The first column (`result.scalars()`).
    Scalars,
    /// `RowMapping`s (`result.mappings()`).
    Mappings,
}

/// A `Result` / `ScalarResult` / `MappingResult`, fully buffered.
pub struct ResultObj {
    bridge: Rc<Bridge>,
    keys: Rc<Vec<String>>,
    rows: Rc<Vec<Vec<Value>>>,
    pos: Rc<Cell<usize>>,
    shape: Shape,
    /// `rowcount` of DML.
    pub rowcount: i64,
    /// `inserted_primary_key` of a single-row INSERT.
    pub inserted: Option<Vec<Value>>,
    /// An ORM result with joined eager loads of collections: fetching rows needs
    /// `unique()` first.
    pub needs_unique: bool,
    /// An ORM result (`ChunkedIteratorResult`) rather than a Core `CursorResult`.
    pub orm: bool,
    /// `yield_per` (the statement's execution option, or `result.yield_per(n)`): the rows
    /// `partitions()` and `fetchmany()` take by default. Shared with the results made from
    /// this one (`scalars()`, `mappings()`).
    pub yield_per: Rc<Cell<Option<usize>>>,
}

impl ResultObj {
    /// A Core INSERT's result: no rows, `inserted_primary_key` known.
    pub fn inserted(bridge: &Rc<Bridge>, rowcount: i64, pk: Vec<Value>) -> Value {
        obj(ResultObj {
            bridge: bridge.clone(),
            keys: Rc::new(Vec::new()),
            rows: Rc::new(Vec::new()),
            pos: Rc::new(Cell::new(0)),
            shape: Shape::Rows,
            rowcount,
            inserted: Some(pk),
            needs_unique: false,
            orm: false,
            yield_per: Rc::new(Cell::new(None)),
        })
    }

    /// A result over rows of Python values.
    pub fn rows(
        bridge: &Rc<Bridge>,
        keys: Vec<String>,
        rows: Vec<Vec<Value>>,
        rowcount: i64,
    ) -> Value {
        obj(ResultObj {
            bridge: bridge.clone(),
            keys: Rc::new(keys),
            rows: Rc::new(rows),
            pos: Rc::new(Cell::new(0)),
            shape: Shape::Rows,
            rowcount,
            inserted: None,
            needs_unique: false,
            orm: false,
            yield_per: Rc::new(Cell::new(None)),
        })
    }

    /// An ORM result; `needs_unique` when it holds joined eager loads of collections.
    pub fn orm_rows(
        bridge: &Rc<Bridge>,
        keys: Vec<String>,
        rows: Vec<Vec<Value>>,
        needs_unique: bool,
        yield_per: Option<usize>,
    ) -> Value {
        obj(ResultObj {
            bridge: bridge.clone(),
            keys: Rc::new(keys),
            rows: Rc::new(rows),
            pos: Rc::new(Cell::new(0)),
            shape: Shape::Rows,
            rowcount: -1,
            inserted: None,
            needs_unique,
            orm: true,
            yield_per: Rc::new(Cell::new(yield_per)),
        })
    }

    /// Sets the `yield_per` of `result` (a [`ResultObj`]), when given.
    pub fn set_yield_per(result: &Value, n: Option<usize>) {
        if let (Some(r), Some(n)) = (super::native::<ResultObj>(result), n) {
            r.yield_per.set(Some(n));
        }
    }

    /// A Core cursor's rows as a result.
    pub fn from_cursor(bridge: &Rc<Bridge>, r: retort::CursorResult) -> Value {
        let rows = r
            .rows
            .iter()
            .map(|row| row.iter().map(to_py).collect())
            .collect();
        Self::rows(bridge, r.columns, rows, r.rowcount)
    }

    /// A Core statement's result, each column's values as its expression's type returns
    /// them (`Boolean` → `bool`, `Date` → `date`, ...).
    pub fn from_statement(
        bridge: &Rc<Bridge>,
        i: &mut Interpreter,
        r: retort::CursorResult,
        stmt: &retort::sql::Statement,
    ) -> PyResult<Value> {
        let rows = Self::typed_rows(bridge, i, &r, stmt)?;
        Ok(Self::rows(bridge, r.columns, rows, r.rowcount))
    }

    /// The rows of `r`, typed by `stmt`'s columns (or its `RETURNING` columns).
    fn typed_rows(
        bridge: &Rc<Bridge>,
        i: &mut Interpreter,
        r: &retort::CursorResult,
        stmt: &retort::sql::Statement,
    ) -> PyResult<Vec<Vec<Value>>> {
        let types: Vec<_> = match stmt {
            retort::sql::Statement::Select(sel) => sel
                .columns
                .iter()
                .map(retort::sql::types::type_of)
                .collect(),
            // `insert(t).returning(t.c.id, t.c.flag)`: the returned columns' types.
            retort::sql::Statement::Insert(retort::sql::Insert {
                table, returning, ..
            })
            | retort::sql::Statement::Update(retort::sql::Update {
                table, returning, ..
            })
            | retort::sql::Statement::Delete(retort::sql::Delete {
                table, returning, ..
            }) if !returning.is_empty() => returning
                .iter()
                .map(|n| table.get_column(n).and_then(|c| c.type_.clone()))
                .collect(),
            _ => Vec::new(),
        };
        // `Enum(PyEnum)` columns read back as the enum's members.
        let enums: Vec<Option<(String, String)>> = match stmt {
            retort::sql::Statement::Select(sel) => {
                sel.columns.iter().map(super::select::enum_column).collect()
            }
            _ => Vec::new(),
        };
        let mut rows = Vec::with_capacity(r.rows.len());
        for row in &r.rows {
            let mut out = Vec::with_capacity(row.len());
            for (n, v) in row.iter().enumerate() {
                if let (Some(Some((table, col))), retort::Value::Text(name)) = (enums.get(n), v)
                    && let Some(member) = bridge.enum_member_of(i, table.clone(), col, name)?
                {
                    out.push(member);
                    continue;
                }
                let ty = types.get(n).cloned().flatten();
                out.push(bridge.column_to_py(i, ty, v.clone())?);
            }
            rows.push(out);
        }
        Ok(rows)
    }

    /// An `INSERT ... RETURNING`'s rows, with its `inserted_primary_key`.
    pub fn from_cursor_inserted(
        bridge: &Rc<Bridge>,
        i: &mut Interpreter,
        r: retort::CursorResult,
        stmt: &retort::sql::Statement,
        pk: Vec<Value>,
    ) -> PyResult<Value> {
        let rows = Self::typed_rows(bridge, i, &r, stmt)?;
        Ok(obj(ResultObj {
            bridge: bridge.clone(),
            keys: Rc::new(r.columns),
            rows: Rc::new(rows),
            pos: Rc::new(Cell::new(0)),
            shape: Shape::Rows,
            rowcount: r.rowcount,
            inserted: Some(pk),
            needs_unique: false,
            orm: false,
            yield_per: Rc::new(Cell::new(None)),
        }))
    }

    fn item(&self, row: &[Value]) -> Value {
        match self.shape {
            Shape::Rows => obj(RowObj {
                keys: self.keys.clone(),
                values: row.to_vec(),
            }),
            Shape::Scalars => row.first().cloned().unwrap_or(Value::None),
            Shape::Mappings => obj(MappingObj {
                keys: self.keys.clone(),
                values: row.to_vec(),
            }),
        }
    }

    /// The rows not fetched yet, consuming them.
    fn take(&self, n: Option<usize>) -> Vec<Value> {
        let start = self.pos.get().min(self.rows.len());
        let end = n.map_or(self.rows.len(), |n| (start + n).min(self.rows.len()));
        self.pos.set(end);
        self.rows[start..end].iter().map(|r| self.item(r)).collect()
    }

    fn exactly_one(&self, i: &Interpreter, none_ok: bool) -> PyResult<Value> {
        let rest = self.take(None);
        self.pos.set(usize::MAX);
        match rest.len() {
            0 if none_ok => Ok(Value::None),
            0 => {
                Err(self
                    .bridge
                    .error(i, "NoResultFound", "No row was found when one was required"))
            }
            1 => Ok(rest[0].clone()),
            _ => Err(self.bridge.error(
                i,
                "MultipleResultsFound",
                if none_ok {
                    "Multiple rows were found when one or none was required"
                } else {
                    "Multiple rows were found when exactly one was required"
                },
            )),
        }
    }

    fn reshaped(&self, shape: Shape, column: usize) -> Value {
        let rows = if column == 0 {
            self.rows.clone()
        } else {
            Rc::new(
                self.rows
                    .iter()
                    .map(|r| r.get(column).cloned().into_iter().collect())
                    .collect(),
            )
        };
        obj(ResultObj {
            bridge: self.bridge.clone(),
            keys: self.keys.clone(),
            rows,
            pos: if column == 0 {
                self.pos.clone()
            } else {
                Rc::new(Cell::new(self.pos.get()))
            },
            shape,
            rowcount: self.rowcount,
            inserted: None,
            needs_unique: self.needs_unique,
            orm: self.orm,
            yield_per: self.yield_per.clone(),
        })
    }
}

impl ResultObj {
    /// SQLAlchemy's error for fetching rows of joined eager collections without `unique()`.
    fn check_unique(&self, i: &Interpreter) -> PyResult<()> {
        if !self.needs_unique {
            return Ok(());
        }
        Err(self
            .bridge
            .raise(i, retort::query::result::unique_required()))
    }

    /// `result.unique()`: the rows not fetched yet, each once (by value; objects by
    /// identity).
    fn unique(&self, i: &mut Interpreter) -> PyResult<Value> {
        let start = self.pos.get().min(self.rows.len());
        let mut seen = std::collections::HashSet::new();
        let mut rows = Vec::new();
        for r in &self.rows[start..] {
            let key = match self.shape {
                Shape::Scalars => r.first().cloned().unwrap_or(Value::None),
                _ => Value::tuple(r.clone()),
            };
            if seen.insert(i.hash_key(&key)?) {
                rows.push(r.clone());
            }
        }
        self.pos.set(usize::MAX);
        Ok(obj(ResultObj {
            bridge: self.bridge.clone(),
            keys: self.keys.clone(),
            rows: Rc::new(rows),
            pos: Rc::new(Cell::new(0)),
            shape: self.shape,
            rowcount: self.rowcount,
            inserted: None,
            needs_unique: false,
            orm: self.orm,
            yield_per: self.yield_per.clone(),
        }))
    }

    /// `result.columns(...)`: the rows not fetched yet, keeping only `cols`, in that order.
    fn project(&self, cols: &[usize]) -> Value {
        let start = self.pos.get().min(self.rows.len());
        let rows = self.rows[start..]
            .iter()
            .map(|r| cols.iter().filter_map(|&c| r.get(c).cloned()).collect())
            .collect();
        self.pos.set(usize::MAX);
        obj(ResultObj {
            bridge: self.bridge.clone(),
            keys: Rc::new(cols.iter().map(|&c| self.keys[c].clone()).collect()),
            rows: Rc::new(rows),
            pos: Rc::new(Cell::new(0)),
            shape: self.shape,
            rowcount: self.rowcount,
            inserted: None,
            needs_unique: self.needs_unique,
            orm: self.orm,
            yield_per: self.yield_per.clone(),
        })
    }
}

fn me(this: &Value) -> Option<&ResultObj> {
    super::native::<ResultObj>(this)
}

impl NativeObject for ResultObj {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class(
            "sqlalchemy.engine.result",
            &self.type_name(),
        ))
    }
    fn type_name(&self) -> String {
        match self.shape {
            Shape::Rows if self.orm => "ChunkedIteratorResult",
            Shape::Rows => "CursorResult",
            Shape::Scalars => "ScalarResult",
            Shape::Mappings => "MappingResult",
        }
        .into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        let path = match self.shape {
            Shape::Rows if self.orm => "sqlalchemy.engine.result.ChunkedIteratorResult",
            Shape::Rows => "sqlalchemy.engine.cursor.CursorResult",
            Shape::Scalars => "sqlalchemy.engine.result.ScalarResult",
            Shape::Mappings => "sqlalchemy.engine.result.MappingResult",
        };
        Ok(format!(
            "<{path} object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn iterate(&self, i: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        Some(self.check_unique(i).map(|()| self.take(None)))
    }
    fn get_attr(&self, i: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let this = this.clone();
        if name == "yield_per" {
            // `result.yield_per(n)`: sets the partition size and returns the result itself.
            let me_too = this.clone();
            return Ok(method("yield_per", move |i: &mut Interpreter, a: Args| {
                let Some(r) = me(&me_too) else {
                    return Err(i.type_error("not a result"));
                };
                if let Some(Value::Int(n)) = a.pos.first()
                    && let Ok(n) = usize::try_from(*n)
                    && n > 0
                {
                    r.yield_per.set(Some(n));
                }
                Ok(me_too.clone())
            }));
        }
        macro_rules! m {
            ($name:literal, |$i:ident, $r:ident, $a:ident| $body:expr) => {
                method($name, move |$i: &mut Interpreter, $a: Args| {
                    let Some($r) = me(&this) else {
                        return Err($i.type_error("not a result"));
                    };
                    $body
                })
            };
        }
        Ok(match name {
            "all" | "fetchall" => m!("all", |i, r, _a| {
                r.check_unique(i)?;
                Ok(Value::list(r.take(None)))
            }),
            "first" => m!("first", |_i, r, _a| {
                let v = r.take(Some(1)).into_iter().next().unwrap_or(Value::None);
                r.pos.set(usize::MAX);
                Ok(v)
            }),
            "fetchone" => m!("fetchone", |i, r, _a| {
                r.check_unique(i)?;
                Ok(r.take(Some(1)).into_iter().next().unwrap_or(Value::None))
            }),
            "partitions" => m!("partitions", |i, r, a| {
                r.check_unique(i)?;
                let rows = r.take(None);
                // Without a size: `yield_per`, else an ORM result's rows at once and a
                // cursor's `fetchmany()` default (one row on SQLite).
                let size = match a.pos.first() {
                    Some(Value::Int(n)) if *n > 0 => usize::try_from(*n).unwrap_or(1),
                    _ => match r.yield_per.get() {
                        Some(n) => n,
                        None if r.orm => rows.len().max(1),
                        None => 1,
                    },
                };
                Ok(Value::list(
                    rows.chunks(size).map(|c| Value::list(c.to_vec())).collect(),
                ))
            }),
            "fetchmany" => m!("fetchmany", |i, r, a| {
                r.check_unique(i)?;
                let n = match a.pos.first() {
                    Some(Value::Int(n)) => usize::try_from(*n).unwrap_or(0),
                    _ => r.yield_per.get().unwrap_or(1),
                };
                Ok(Value::list(r.take(Some(n))))
            }),
            "one" => m!("one", |i, r, _a| {
                r.check_unique(i)?;
                r.exactly_one(i, false)
            }),
            "one_or_none" => m!("one_or_none", |i, r, _a| {
                r.check_unique(i)?;
                r.exactly_one(i, true)
            }),
            "scalar" => m!("scalar", |_i, r, _a| {
                let row = r.rows.get(r.pos.get()).cloned();
                r.pos.set(usize::MAX);
                Ok(row
                    .and_then(|row| row.first().cloned())
                    .unwrap_or(Value::None))
            }),
            "scalar_one" => m!("scalar_one", |i, r, _a| {
                r.check_unique(i)?;
                let v = r.exactly_one(i, false)?;
                Ok(first_of(r.shape, v))
            }),
            "scalar_one_or_none" => m!("scalar_one_or_none", |i, r, _a| {
                r.check_unique(i)?;
                let v = r.exactly_one(i, true)?;
                Ok(first_of(r.shape, v))
            }),
            "scalars" => m!("scalars", |_i, r, a| {
                let col = match a.pos.first() {
                    Some(Value::Int(n)) => usize::try_from(*n).unwrap_or(0),
                    _ => 0,
                };
                Ok(r.reshaped(Shape::Scalars, col))
            }),
            "mappings" => m!("mappings", |_i, r, _a| Ok(r.reshaped(Shape::Mappings, 0))),
            "tuples" => m!("tuples", |i, r, _a| {
                r.bridge.warn(
                    i,
                    "SADeprecationWarning",
                    "The Result.tuples() method is deprecated, Row now behaves like a tuple and can unpack types directly. (deprecated since: 2.1.0)",
                );
                Ok(r.reshaped(r.shape, 0))
            }),
            "columns" => m!("columns", |i, r, a| {
                let mut cols = Vec::new();
                for v in &a.pos {
                    let pos = match v {
                        Value::Int(n) => usize::try_from(*n).ok(),
                        other => {
                            let name = i.to_str(other)?;
                            r.keys.iter().position(|k| *k == name)
                        }
                    };
                    match pos {
                        Some(p) if p < r.keys.len() => cols.push(p),
                        _ => {
                            let shown = i.repr(v)?;
                            return Err(r.bridge.error(
                                i,
                                "NoSuchColumnError",
                                &format!("Could not locate column in row for column {shown}"),
                            ));
                        }
                    }
                }
                Ok(r.project(&cols))
            }),
            "unique" => m!("unique", |i, r, _a| r.unique(i)),
            "keys" => m!("keys", |_i, r, _a| Ok(obj(KeyView(r.keys.clone())))),
            "close" => m!("close", |_i, r, _a| {
                r.pos.set(usize::MAX);
                Ok(Value::None)
            }),
            "rowcount" => Some(Value::Int(self.rowcount)),
            "inserted_primary_key" => match &self.inserted {
                Some(values) => Some(obj(RowObj {
                    keys: Rc::new(Vec::new()),
                    values: values.clone(),
                })),
                None => {
                    return Err(self.bridge.error(
                        i,
                        "InvalidRequestError",
                        "Statement is not an insert() expression construct.",
                    ));
                }
            },
            "returns_rows" => Some(Value::Bool(!self.keys.is_empty())),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// What `scalar_one()` returns from a row (its first value) or a scalar.
fn first_of(shape: Shape, v: Value) -> Value {
    match (shape, &v) {
        (Shape::Rows, Value::Object(o)) => match o.as_any().downcast_ref::<RowObj>() {
            Some(r) => r.values.first().cloned().unwrap_or(Value::None),
            None => v,
        },
        _ => v,
    }
}
