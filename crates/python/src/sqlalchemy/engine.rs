//! `create_engine()`, `Engine`, `Connection` and `text()`: SQLAlchemy Core's connection
//! layer over `retort::Engine`, with `with engine.connect() as conn:` / `with engine.begin()
//! as conn:` and "commit as you go".

use super::result::ResultObj;
use super::{Bridge, Echo, method, native, obj, to_sql};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::{Connection, Engine};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

pub use super::connection_params::{TextObj, params_of, text};
use super::connection_params::{expanding_lists, inserted_key, missing_key};

/// The database drivers SQLAlchemy 2.1 loads by default for other backends (none is
/// installed, so `create_engine()` fails importing them).
const DEFAULT_DRIVERS: &[(&str, &str)] = &[
    ("postgresql", "psycopg"),
    ("postgresql+psycopg2", "psycopg2"),
    ("postgresql+psycopg", "psycopg"),
    ("postgresql+asyncpg", "asyncpg"),
    ("mysql", "MySQLdb"),
    ("mysql+mysqldb", "MySQLdb"),
    ("mysql+pymysql", "pymysql"),
    ("mariadb", "MySQLdb"),
    ("oracle", "oracledb"),
    ("mssql", "pyodbc"),
    ("mssql+pyodbc", "pyodbc"),
];

/// The keyword arguments `create_engine()` accepts for SQLite (others are SQLAlchemy's
/// TypeError).
const ENGINE_KWARGS: &[&str] = &[
    "echo",
    "future",
    "connect_args",
    "echo_pool",
    "pool_pre_ping",
    "pool_recycle",
    "poolclass",
    "execution_options",
    "hide_parameters",
    "logging_name",
    "query_cache_size",
    "isolation_level",
];

/// An `Engine`.
pub struct EngineObj {
    /// The bridge.
    pub bridge: Rc<Bridge>,
    /// The ORM engine.
    pub engine: Engine,
    /// `engine.echo` (settable).
    pub echo: super::EchoCell,
    /// The URL as SQLAlchemy renders it.
    pub url: String,
}

/// How SQLAlchemy renders a URL: the database part's `:` escaped as `%3A`.
fn render_url(url: &str) -> String {
    match url.split_once(":///") {
        Some((scheme, db)) => format!("{scheme}:///{}", db.replace(':', "%3A")),
        None => url.to_owned(),
    }
}

/// `create_engine(url, **kw)`.
pub fn create_engine(b: &Rc<Bridge>, i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let url = match a.pos.first().cloned().or_else(|| a.take_kw("url")) {
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            let shown = i.repr(&other)?;
            return Err(b.error(
                i,
                "ArgumentError",
                &format!("Expected string or URL object, got {shown}"),
            ));
        }
        None => {
            return Err(
                i.type_error("create_engine() missing 1 required positional argument: 'url'")
            );
        }
    };
    let scheme = url.split_once("://").map(|(s, _)| s.to_owned());
    if let Some(scheme) = &scheme
        && let Some((_, driver)) = DEFAULT_DRIVERS.iter().find(|(s, _)| s == scheme)
    {
        let err = i.exc("ModuleNotFoundError", format!("No module named '{driver}'"));
        return Err(err);
    }
    if let Some(scheme) = &scheme {
        let (backend, driver) = scheme.split_once('+').unwrap_or((scheme, ""));
        if backend != "sqlite" {
            return Err(b.error(
                i,
                "NoSuchModuleError",
                &format!("Can't load plugin: sqlalchemy.dialects:{backend}"),
            ));
        }
        if !driver.is_empty() && driver != "pysqlite" {
            return Err(b.error(
                i,
                "NoSuchModuleError",
                &format!("Can't load plugin: sqlalchemy.dialects:sqlite.{driver}"),
            ));
        }
    } else {
        return Err(b.error(
            i,
            "ArgumentError",
            "Could not parse SQLAlchemy URL from given URL string",
        ));
    }
    let echo = match a.take_kw("echo") {
        Some(Value::Str(s)) if &*s == "debug" => Echo::Debug,
        Some(v) if i.truthy(&v)? => Echo::On,
        _ => Echo::Off,
    };
    let hide_parameters = match a.take_kw("hide_parameters") {
        Some(v) => i.truthy(&v)?,
        None => false,
    };
    let unknown: Vec<String> =
        a.kw.iter()
            .filter(|(k, _)| !ENGINE_KWARGS.contains(&k.as_str()))
            .map(|(k, _)| format!("'{k}'"))
            .collect();
    if !unknown.is_empty() {
        return Err(i.type_error(format!(
            "Invalid argument(s) {} sent to create_engine(), using configuration \
             SQLiteDialect_pysqlite/SingletonThreadPool/Engine.  Please check that the keyword \
             arguments are appropriate for this combination of components.",
            unknown.join(",")
        )));
    }
    let engine = Engine::create(&url).map_err(|e| b.raise(i, e))?;
    engine.set_log_rows(echo == Echo::Debug);
    let echo = Rc::new(std::cell::Cell::new(super::EchoState {
        now: echo,
        after_transaction: None,
        hide_parameters,
    }));
    b.engines.borrow_mut().push((engine.clone(), echo.clone()));
    Ok(obj(EngineObj {
        bridge: b.clone(),
        engine,
        echo,
        url: render_url(&url),
    }))
}

impl NativeObject for EngineObj {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class("sqlalchemy.engine.base", "Engine"))
    }
    fn type_name(&self) -> String {
        "Engine".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!("Engine({})", self.url))
    }
    fn get_attr(&self, _: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let engine = self.engine.clone();
        let b = self.bridge.clone();
        let b2 = self.bridge.clone();
        Ok(match name {
            "url" => Some(obj(super::engine_info::Text(self.url.clone(), "URL"))),
            "connect" => method("connect", move |_, _| {
                Ok(obj(ConnectionObj::new(&b, engine.connect(), false)))
            }),
            "begin" => method("begin", move |_, _| {
                let mut conn = engine.connect();
                conn.begin();
                Ok(obj(ConnectionObj::new(&b2, conn, true)))
            }),
            "dispose" => method("dispose", |_, _| Ok(Value::None)),
            "dialect" => Some(obj(super::engine_info::Dialect)),
            "driver" => Some(Value::str("pysqlite")),
            "name" => Some(Value::str("sqlite")),
            "engine" => Some(this.clone()),
            "echo" => {
                let state = self.echo.get();
                Some(match state.after_transaction.unwrap_or(state.now) {
                    Echo::Debug => Value::str("debug"),
                    e => Value::Bool(e == Echo::On),
                })
            }
            _ => None,
        })
    }
    fn set_attr(
        &self,
        i: &mut Interpreter,
        _: &Value,
        name: &str,
        value: Value,
    ) -> Option<PyResult<()>> {
        (name == "echo").then(|| {
            let echo = match &value {
                Value::Str(s) if &**s == "debug" => Echo::Debug,
                v if i.truthy(v)? => Echo::On,
                _ => Echo::Off,
            };
            self.bridge.pump(i);
            self.engine.set_log_rows(echo == Echo::Debug);
            let hide_parameters = self.echo.get().hide_parameters;
            // A session's connection that is already open keeps logging if it began with
            // echo on (it decided so when it connected) until its transaction ends, but
            // turning echo off silences it at once (SQLAlchemy's logger checks the engine's
            // flag for every line).
            let busy = echo != Echo::Off
                && self.bridge.sessions.borrow().iter().any(|w| {
                    w.upgrade().is_some_and(|s| {
                        s.try_borrow().is_ok_and(|s| {
                            s.connection_in_transaction() && s.engine().same_as(&self.engine)
                        })
                    })
                });
            let now = self.echo.get().now;
            self.echo.set(if busy {
                super::EchoState {
                    now,
                    after_transaction: Some(echo),
                    hide_parameters,
                }
            } else {
                super::EchoState {
                    now: echo,
                    after_transaction: None,
                    hide_parameters,
                }
            });
            Ok(())
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A `Connection` (also what `engine.begin()` returns: `begin_once` commits at the end of
/// its `with` block, or rolls back on an exception).
pub struct ConnectionObj {
    bridge: Rc<Bridge>,
    conn: RefCell<Option<Connection>>,
    begin_once: bool,
}

impl ConnectionObj {
    /// Wraps an ORM connection.
    pub fn new(bridge: &Rc<Bridge>, conn: Connection, begin_once: bool) -> ConnectionObj {
        ConnectionObj {
            bridge: bridge.clone(),
            conn: RefCell::new(Some(conn)),
            begin_once,
        }
    }
}

impl ConnectionObj {
    /// The connection's last inserted rowid.
    fn engine_rowid(&self) -> Option<i64> {
        self.conn
            .borrow()
            .as_ref()
            .map(|c| c.engine().last_insert_rowid())
    }

    /// Runs `f` on the open connection; `ResourceClosedError` once closed.
    pub fn with_conn<T>(
        &self,
        b: &Bridge,
        i: &mut Interpreter,
        f: impl FnOnce(&mut Connection) -> retort::Result<T>,
    ) -> PyResult<T> {
        let mut slot = self.conn.borrow_mut();
        let Some(conn) = slot.as_mut() else {
            drop(slot);
            return Err(b.error(i, "ResourceClosedError", "This Connection is closed"));
        };
        let r = f(conn);
        drop(slot);
        b.pump(i);
        r.map_err(|e| b.raise(i, e))
    }

    fn close(&self, b: &Bridge, i: &mut Interpreter, commit: bool) -> PyResult<()> {
        let taken = self.conn.borrow_mut().take();
        if let Some(mut conn) = taken {
            let r = if commit {
                conn.commit()
            } else {
                conn.rollback();
                Ok(())
            };
            drop(conn);
            b.pump(i);
            r.map_err(|e| b.raise(i, e))?;
        }
        Ok(())
    }
}

/// The methods of a connection, by name.
pub fn connection_attr(b: &Rc<Bridge>, this: &Value, name: &str) -> Option<Value> {
    let this = this.clone();
    let b = b.clone();
    let me = move |i: &mut Interpreter| -> PyResult<Rc<dyn NativeObject>> {
        match &this {
            Value::Object(o) => Ok(o.clone()),
            _ => Err(i.type_error("not a connection")),
        }
    };
    macro_rules! conn {
        ($o:expr, $i:expr) => {
            match $o.as_any().downcast_ref::<ConnectionObj>() {
                Some(c) => c,
                None => return Err($i.type_error("not a connection")),
            }
        };
    }
    match name {
        "__enter__" => method("__enter__", move |i, _| Ok(Value::Object(me(i)?))),
        "__exit__" => method("__exit__", move |i, a: Args| {
            let o = me(i)?;
            let c = conn!(o, i);
            let ok = a.pos.first().is_none_or(|v| matches!(v, Value::None));
            c.close(&b, i, c.begin_once && ok)?;
            Ok(Value::Bool(false))
        }),
        "close" => method("close", move |i, _| {
            let o = me(i)?;
            conn!(o, i).close(&b, i, false)?;
            Ok(Value::None)
        }),
        "commit" => method("commit", move |i, _| {
            let o = me(i)?;
            conn!(o, i).with_conn(&b, i, |c| c.commit())?;
            Ok(Value::None)
        }),
        "rollback" => method("rollback", move |i, _| {
            let o = me(i)?;
            conn!(o, i).with_conn(&b, i, |c| {
                c.rollback();
                Ok(())
            })?;
            Ok(Value::None)
        }),
        "execute" => method("execute", move |i, a: Args| {
            let o = me(i)?;
            let c = conn!(o, i);
            let stmt = a.pos.first().cloned().unwrap_or(Value::None);
            if let Some((k, _)) =
                a.kw.iter()
                    .find(|(k, _)| !matches!(k.as_str(), "parameters" | "execution_options"))
            {
                return Err(i.type_error(format!(
                    "Connection.execute() got an unexpected keyword argument '{k}'"
                )));
            }
            // `execute(stmt, params)` or `execute(stmt, parameters=params)`.
            let raw = a.pos.get(1).cloned().or_else(|| {
                a.kw.iter()
                    .find(|(k, _)| k == "parameters")
                    .map(|(_, v)| v.clone())
            });
            let (given, lists) = expanding_lists(i, raw.as_ref())?;
            let params = params_of(i, given.as_ref())?;
            if let Some(t) = native::<TextObj>(&stmt) {
                let clause = t.0.clone();
                let mut params = params;
                if !t.1.is_empty() {
                    // `text(...).bindparams(x=0)`: values the execution does not give.
                    if params.is_empty() {
                        params.push(Vec::new());
                    }
                    for row in &mut params {
                        for (k, v) in &t.1 {
                            if !row.iter().any(|(n, _)| n == k) {
                                row.push((k.clone(), v.clone()));
                            }
                        }
                    }
                }
                let r = c.with_conn(&b, i, |conn| conn.execute_text(&clause, &params))?;
                return Ok(ResultObj::from_cursor(&b, r));
            }
            // `execution_options(yield_per=n)` of a select: its result's partition size.
            let yield_per =
                native::<super::select::SelectObj>(&stmt).and_then(|s| s.stmt.yield_per);
            if let Some(mut s) = super::expr::core_statement(i, &b, &stmt)? {
                b.add_onupdates(i, &mut s)?;
                for (name, list) in &lists {
                    match &mut s {
                        retort::sql::Statement::Select(sel) => sel.expand_param(name, list),
                        retort::sql::Statement::Update(u) => {
                            u.where_.iter_mut().for_each(|e| e.expand_param(name, list))
                        }
                        retort::sql::Statement::Delete(d) => {
                            d.where_.iter_mut().for_each(|e| e.expand_param(name, list))
                        }
                        _ => {}
                    }
                }
                if let Some(err) = missing_key(&b, i, &s, &params, raw.as_ref())? {
                    // SQLAlchemy has begun the transaction by then.
                    c.with_conn(&b, i, |conn| {
                        conn.begin();
                        Ok(())
                    })?;
                    return Err(err);
                }
                let mut params = params;
                super::core_defaults::apply(&b, i, &mut s, &mut params)?;
                if let retort::sql::Statement::Insert(ins) = &s
                    && !ins.returning.is_empty()
                    && ins.values.is_empty()
                    && params.len() > 1
                {
                    // An executemany with RETURNING: one multi-row INSERT (insertmanyvalues).
                    let r =
                        c.with_conn(&b, i, |conn| conn.execute_insert_returning(ins, &params))?;
                    return ResultObj::from_statement(&b, i, r, &s);
                }
                let r = c.with_conn(&b, i, |conn| conn.execute_with(&s, &params))?;
                if let retort::sql::Statement::Insert(ins) = &s
                    && params.len() <= 1
                {
                    let pk = inserted_key(ins, params.first(), c.engine_rowid());
                    if ins.returning.is_empty() {
                        return Ok(ResultObj::inserted(&b, r.rowcount, pk));
                    }
                    // `insert(...).returning(...)`: the rows, and the key too.
                    return ResultObj::from_cursor_inserted(&b, i, r, &s, pk);
                }
                let result = ResultObj::from_statement(&b, i, r, &s)?;
                ResultObj::set_yield_per(&result, yield_per);
                return Ok(result);
            }
            if let Value::Str(text) = stmt {
                let text = crate::format::str_repr(&text);
                return Err(b.error(
                    i,
                    "ObjectNotExecutableError",
                    &format!("Not an executable object: {text}"),
                ));
            }
            Err(super::unsupported(
                i,
                &format!("Connection.execute() of {}", stmt.type_name()),
            ))
        }),
        // `conn.scalar(stmt)` / `conn.scalars(stmt)`: `execute()`, then the result's method.
        "scalar" | "scalars" => {
            let n = name.to_owned();
            method(name, move |i, a: Args| {
                let o = me(i)?;
                let conn = Value::Object(o);
                let execute = i.getattr(&conn, "execute")?;
                let result = i.call(&execute, a)?;
                let m = i.getattr(&result, &n)?;
                i.call(&m, Args::default())
            })
        }
        "exec_driver_sql" => method("exec_driver_sql", move |i, a: Args| {
            let o = me(i)?;
            let c = conn!(o, i);
            let Some(Value::Str(sql)) = a.pos.first() else {
                return Err(i.type_error("exec_driver_sql() needs a SQL string"));
            };
            let mut values = Vec::new();
            match a.pos.get(1) {
                None | Some(Value::None) => {}
                Some(Value::Tuple(t)) => {
                    for v in t.iter() {
                        values.push(to_sql(i, v)?);
                    }
                }
                Some(Value::List(l))
                    if l.borrow()
                        .iter()
                        .all(|v| !matches!(v, Value::Tuple(_) | Value::Dict(_))) =>
                {
                    let items = l.borrow().clone();
                    for v in &items {
                        values.push(to_sql(i, v)?);
                    }
                }
                Some(_) => {
                    return Err(super::unsupported(
                        i,
                        "exec_driver_sql() with several parameter sets or a dict",
                    ));
                }
            }
            let sql = sql.to_string();
            let r = c.with_conn(&b, i, |conn| conn.exec_driver_sql(&sql, &values))?;
            Ok(ResultObj::from_cursor(&b, r))
        }),
        "begin" => method("begin", move |i, _| {
            let o = me(i)?;
            super::transaction::begin(&b, i, &Value::Object(o))
        }),
        "begin_nested" => method("begin_nested", move |i, _| {
            let o = me(i)?;
            super::transaction::begin_nested(&b, i, &Value::Object(o))
        }),
        "in_transaction" => method("in_transaction", move |i, _| {
            let o = me(i)?;
            let c = conn!(o, i);
            Ok(Value::Bool(
                c.conn
                    .borrow()
                    .as_ref()
                    .is_some_and(Connection::in_transaction),
            ))
        }),
        _ => None,
    }
}

impl NativeObject for ConnectionObj {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class("sqlalchemy.engine.base", "Connection"))
    }
    fn type_name(&self) -> String {
        "Connection".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.engine.base.Connection object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn get_attr(&self, _: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(connection_attr(&self.bridge, this, name))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
