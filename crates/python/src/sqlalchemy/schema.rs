//! Schema objects: the column types (`Integer`, `String(30)`, ...), `Column` /
//! `mapped_column`, `ForeignKey`, constraints, `MetaData` and `Table`, over `retort::schema`.

use super::{Bridge, method, native, obj, to_sql};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::schema::{self as rs, Autoincrement, ColumnDefault, ServerDefault};
use retort::types::SqlType;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

#[path = "schema_types.rs"]
mod types;
pub use types::*;

/// `ForeignKey("table.column", ondelete=...)`.
pub struct ForeignKeyObj(pub rs::ForeignKey);

impl NativeObject for ForeignKeyObj {
    fn type_name(&self) -> String {
        "ForeignKey".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!("ForeignKey('{}')", self.0.target_fullname()))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let opt = |v: &Option<String>| v.as_deref().map_or(Value::None, Value::str);
        Ok(match name {
            "target_fullname" => Some(Value::str(&self.0.target_fullname())),
            "ondelete" => Some(opt(&self.0.ondelete)),
            "onupdate" => Some(opt(&self.0.onupdate)),
            _ => None,
        })
    }
    fn hash_key(&self) -> Option<crate::value::HashKey> {
        Some(crate::value::HashKey::Id(self as *const Self as usize))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `ForeignKey(target)`.
pub fn foreign_key(b: &Rc<Bridge>, i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let target = match a.pos.first() {
        Some(Value::Str(s)) => s.to_string(),
        Some(v) => match native::<ColumnSpec>(v) {
            Some(c) => c.fullname(),
            None => return Err(super::unsupported(i, "ForeignKey() of this object")),
        },
        None => return Err(i.type_error("ForeignKey() needs a target column")),
    };
    let mut fk = rs::ForeignKey::new(&target).map_err(|e| b.raise(i, e))?;
    if let Some(v) = a.take_kw("ondelete") {
        fk = fk.ondelete(&i.to_str(&v)?);
    }
    if let Some(v) = a.take_kw("onupdate") {
        fk = fk.onupdate(&i.to_str(&v)?);
    }
    Ok(obj(ForeignKeyObj(fk)))
}

/// `Column(...)` / `mapped_column(...)` before (and after) it joins a table.
pub struct ColumnSpec {
    /// The column definition (its name may be filled in from the attribute name).
    pub column: RefCell<rs::Column>,
    /// Whether a type was given (else it comes from the annotation or a foreign key).
    pub typed: RefCell<bool>,
    /// The table it joined, once it did.
    pub table: RefCell<Option<Rc<rs::Table>>>,
    /// Its position among the class's columns, for ordering.
    pub order: usize,
    /// `default=some_function`: called for each new object when it is added or flushed.
    pub callable_default: Option<Value>,
    /// `onupdate=`: a value, or a function called for each UPDATE of a mapped object.
    pub onupdate: Option<Value>,
    /// `onupdate=some_function` (Core tables only).
    pub callable_onupdate: Option<Value>,
    /// Made by `column()` (lowercase): outside a `table()` it is just its name (`SELECT x`).
    pub clause: std::cell::Cell<bool>,
    /// The metadata of its table, once it joined one (for its repr).
    pub md: RefCell<Option<Rc<rs::MetaData>>>,
    /// `Enum(SomePythonEnum)`: the enum class its values are members of.
    pub py_enum: RefCell<Option<Value>>,
    /// The dataclass options (`MappedAsDataclass`).
    pub dc: super::dataclass::DcOptions,
    /// The bridge, for SQL operators in a class body (`first + " " + last`).
    pub bridge: RefCell<Option<Rc<super::Bridge>>>,
    /// `mapped_column(deferred=True)` / `deferred(Column(...))`.
    pub deferred: std::cell::Cell<bool>,
}

impl ColumnSpec {
    /// The column of an attribute annotated with an `Annotated[T, mapped_column(...)]`
    /// alias: its own `mapped_column()` (if any) over the alias's, whose arguments fill in
    /// what the own one leaves out, as SQLAlchemy merges them.
    pub fn over(own: Option<&ColumnSpec>, base: &ColumnSpec) -> ColumnSpec {
        let b = base.column.borrow().clone();
        let column = match own {
            None => b,
            Some(own) => {
                let mut c = own.column.borrow().clone();
                if !*own.typed.borrow() {
                    c.type_ = b.type_;
                }
                c.primary_key |= b.primary_key;
                c.nullable = c.nullable.or(b.nullable);
                if c.autoincrement == Autoincrement::Auto {
                    c.autoincrement = b.autoincrement;
                }
                c.unique |= b.unique;
                c.index |= b.index;
                c.default = c.default.or(b.default);
                c.onupdate = c.onupdate.or(b.onupdate);
                c.server_default = c.server_default.or(b.server_default);
                if c.foreign_keys.is_empty() {
                    c.foreign_keys = b.foreign_keys;
                }
                c
            }
        };
        let order = ORDER.with(|o| {
            o.set(o.get() + 1);
            o.get()
        });
        let pick = |f: fn(&ColumnSpec) -> Option<Value>| own.and_then(f).or_else(|| f(base));
        ColumnSpec {
            column: RefCell::new(column),
            typed: RefCell::new(own.is_some_and(|o| *o.typed.borrow()) || *base.typed.borrow()),
            table: RefCell::new(None),
            order: own.map_or(order, |o| o.order),
            callable_default: pick(|s| s.callable_default.clone()),
            onupdate: pick(|s| s.onupdate.clone()),
            callable_onupdate: pick(|s| s.callable_onupdate.clone()),
            clause: std::cell::Cell::new(false),
            md: RefCell::new(None),
            py_enum: RefCell::new(pick(|s| s.py_enum.borrow().clone())),
            dc: own.map_or_else(|| base.dc.clone(), |o| o.dc.clone()),
            bridge: RefCell::new(
                own.and_then(|o| o.bridge.borrow().clone())
                    .or_else(|| base.bridge.borrow().clone()),
            ),
            deferred: std::cell::Cell::new(
                own.is_some_and(|o| o.deferred.get()) || base.deferred.get(),
            ),
        }
    }

    /// `table.column` (or just the name before it joins a table).
    pub fn fullname(&self) -> String {
        let name = self.column.borrow().name.clone();
        match &*self.table.borrow() {
            Some(t) => format!("{}.{name}", t.name()),
            None => name,
        }
    }
}

thread_local! {
    static ORDER: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// `Column(name?, type?, *foreign_keys, **flags)`; `mapped` for `mapped_column`.
pub fn column(i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let mut col = rs::Column::new("", SqlType::Integer);
    col.type_ = None;
    let mut typed = false;
    let mut callable_default = None;
    let mut onupdate = None;
    let mut callable_onupdate = None;
    let mut py_enum = None;
    let mut dc = super::dataclass::DcOptions::default();
    for v in std::mem::take(&mut a.pos) {
        match &v {
            Value::Str(s) => col.name = s.to_string(),
            _ => {
                if let Some(t) = native::<TypeObj>(&v) {
                    col.type_ = Some(t.sql.clone());
                    typed = true;
                } else if let Some(e) = native::<EnumTypeObj>(&v) {
                    col.type_ = Some(e.sql.clone());
                    py_enum = Some(e.class.clone());
                    typed = true;
                } else if let Some(fk) = native::<ForeignKeyObj>(&v) {
                    col.foreign_keys.push(fk.0.clone());
                } else if native::<super::core_defaults::Generator>(&v).is_some() {
                    // `Identity()` / `Sequence()`: nothing on SQLite.
                } else if let Some(super::constraints::ConstraintObj(rs::Constraint::Check {
                    name,
                    sqltext,
                })) = native::<super::constraints::ConstraintObj>(&v)
                {
                    col.checks.push((name.clone(), sqltext.clone()));
                } else {
                    let shown = i.repr(&v)?;
                    return Err(super::unsupported(i, &format!("Column() argument {shown}")));
                }
            }
        }
    }
    if let Some(Value::Str(s)) = a.take_kw("name") {
        col.name = s.to_string();
    }
    if let Some(v) = a.take_kw("type_")
        && let Some(t) = native::<TypeObj>(&v)
    {
        col.type_ = Some(t.sql.clone());
        typed = true;
    }
    let mut deferred = false;
    for (k, v) in std::mem::take(&mut a.kw) {
        if k == "default" {
            dc.default = Some(v.clone());
        }
        if dc.take(i, &k, &v)? {
            continue;
        }
        match k.as_str() {
            "primary_key" => col.primary_key = i.truthy(&v)?,
            "nullable" => col.nullable = Some(i.truthy(&v)?),
            "unique" => col.unique = i.truthy(&v)?,
            "index" => col.index = i.truthy(&v)?,
            "autoincrement" => {
                col.autoincrement = match &v {
                    Value::Bool(true) => Autoincrement::Yes,
                    Value::Bool(false) => Autoincrement::No,
                    _ => Autoincrement::Auto,
                }
            }
            "default" | "insert_default" => match &v {
                // Functions, bound methods, builtins and classes (`default=dict`,
                // `default=datetime.now`) are called with no arguments for each new row.
                Value::Function(_) | Value::Native(_) | Value::Method(_) | Value::Class(_) => {
                    callable_default = Some(v.clone());
                }
                // `default=func.now()`: written into the INSERT.
                other if let Some(e) = native::<super::expr::ExprObj>(other) => {
                    col.default = Some(ColumnDefault::Sql(e.0.clone()));
                }
                other => col.default = Some(ColumnDefault::Value(to_sql(i, other)?)),
            },
            "onupdate" => match &v {
                // A function: called for each UPDATE (a mapped class's, through the bridge;
                // a Core table's, see `core_defaults`).
                Value::Function(_) | Value::Native(_) | Value::Method(_) | Value::Class(_) => {
                    onupdate = Some(v.clone());
                    callable_onupdate = Some(v.clone());
                }
                // `onupdate=func.now()`: written into the UPDATE; the attribute expires.
                other if let Some(e) = native::<super::expr::ExprObj>(other) => {
                    col.onupdate = Some(ColumnDefault::Sql(e.0.clone()));
                }
                other => {
                    col.onupdate = Some(ColumnDefault::Value(to_sql(i, other)?));
                    onupdate = Some(v.clone());
                }
            },
            "server_default" => {
                col.server_default = Some(match &v {
                    Value::Str(s) => ServerDefault::Literal(s.to_string()),
                    other => match native::<super::engine::TextObj>(other) {
                        Some(t) => ServerDefault::Text(t.0.text.clone()),
                        None if super::expr::is_now(other) => ServerDefault::Now,
                        None => return Err(super::unsupported(i, "this server_default")),
                    },
                })
            }
            "comment" | "doc" | "info" | "sort_order" | "key" => {}
            "deferred" => deferred = i.truthy(&v)?,
            other => {
                return Err(super::unsupported(i, &format!("Column(..., {other}=...)")));
            }
        }
    }
    let order = ORDER.with(|o| {
        o.set(o.get() + 1);
        o.get()
    });
    Ok(obj(ColumnSpec {
        column: RefCell::new(col),
        typed: RefCell::new(typed),
        table: RefCell::new(None),
        order,
        callable_default,
        onupdate,
        callable_onupdate,
        clause: std::cell::Cell::new(false),
        md: RefCell::new(None),
        py_enum: RefCell::new(py_enum),
        dc,
        bridge: RefCell::new(None),
        deferred: std::cell::Cell::new(deferred),
    }))
}

/// `Column(...)` / `mapped_column(...)`, able to build SQL expressions in the class body.
pub fn column_with_bridge(b: &Rc<super::Bridge>, i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let v = column(i, a)?;
    if let Some(c) = super::native::<ColumnSpec>(&v) {
        *c.bridge.borrow_mut() = Some(b.clone());
    }
    Ok(v)
}

/// The repr SQLAlchemy gives a column of a table:
/// `Column('id', Integer(), table=<users>, primary_key=True, nullable=False)`.
pub fn column_repr(md: &rs::MetaData, table: &rs::Table, c: &rs::Column) -> String {
    let ty = md
        .column_type(table, c)
        .ok()
        .or_else(|| c.type_.clone())
        .unwrap_or(SqlType::Integer);
    let mut parts = vec![
        crate::format::str_repr(&c.name),
        type_repr(c.type_class.unwrap_or(type_name(&ty)), &ty),
    ];
    for fk in &c.foreign_keys {
        parts.push(format!("ForeignKey('{}')", fk.target_fullname()));
    }
    parts.push(format!("table=<{}>", table.name()));
    if c.primary_key {
        parts.push("primary_key=True".into());
    }
    if !c.is_nullable() {
        parts.push("nullable=False".into());
    }
    // A scalar `onupdate=` / `default=`: `ScalarElementColumnDefault(5)` (a Boolean's as
    // `True` / `False`).
    let scalar = |d: &ColumnDefault| match (d, &ty) {
        (ColumnDefault::Value(retort::Value::Integer(n)), SqlType::Boolean) => Some(format!(
            "ScalarElementColumnDefault({})",
            if *n != 0 { "True" } else { "False" }
        )),
        (ColumnDefault::Value(v), _) => {
            Some(format!("ScalarElementColumnDefault({})", v.py_repr()))
        }
        (ColumnDefault::Callable(_) | ColumnDefault::Sql(_), _) => None,
    };
    if let Some(s) = c.onupdate.as_ref().and_then(scalar) {
        parts.push(format!("onupdate={s}"));
    }
    if let Some(s) = c.default.as_ref().and_then(scalar) {
        parts.push(format!("default={s}"));
    }
    // The default's own repr: a string's, else an object's (its address, as SQLAlchemy's).
    let at = c as *const rs::Column as usize;
    let server = match &c.server_default {
        Some(ServerDefault::Literal(s)) => Some(crate::format::str_repr(s)),
        Some(ServerDefault::Text(_)) => Some(format!(
            "<sqlalchemy.sql.elements.TextClause object at 0x{at:x}>"
        )),
        Some(ServerDefault::Now) => {
            Some(format!("<sqlalchemy.sql.functions.now at 0x{at:x}; now>"))
        }
        None => None,
    };
    if let Some(s) = server {
        parts.push(format!(
            "server_default=DefaultClause({s}, for_update=False)"
        ));
    }
    format!("Column({})", parts.join(", "))
}

impl NativeObject for ColumnSpec {
    fn bool_checked(&self, i: &mut Interpreter) -> Option<PyResult<bool>> {
        Some(Err(i.exc(
            "TypeError",
            "Boolean value of this clause is not defined",
        )))
    }
    fn binary_op(
        &self,
        i: &mut Interpreter,
        op: &str,
        other: &Value,
        reflected: bool,
    ) -> Option<PyResult<Value>> {
        let b = self.bridge.borrow().clone()?;
        let left = super::expr::class_body_column(self);
        super::expr::binary(&b, i, left, op, other, reflected)
    }
    fn unary_op(&self, _: &mut Interpreter, op: &str) -> Option<PyResult<Value>> {
        let b = self.bridge.borrow().clone()?;
        super::expr::unary(&b, super::expr::class_body_column(self), op)
    }
    fn type_name(&self) -> String {
        "Column".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        if let (Some(md), Some(table)) = (&*self.md.borrow(), &*self.table.borrow()) {
            let name = self.column.borrow().name.clone();
            if let Some(col) = table.get_column(&name) {
                return Ok(column_repr(md, table, col));
            }
        }
        let c = self.column.borrow();
        let ty = c.type_.clone().unwrap_or(SqlType::Integer);
        Ok(format!(
            "Column({}, {}, table=None)",
            crate::format::str_repr(&c.name),
            type_repr(type_name(&ty), &ty)
        ))
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.fullname())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `MetaData()`.
pub struct MetaDataObj {
    /// The bridge.
    pub bridge: Rc<Bridge>,
    /// The ORM metadata.
    pub md: Rc<rs::MetaData>,
    /// The `Table` objects by name.
    pub tables: RefCell<Vec<(String, Value)>>,
    /// `metadata.bind = engine` (a 1.x attribute, kept as set).
    pub bind: RefCell<Value>,
}

impl MetaDataObj {
    /// A new empty metadata.
    pub fn new(bridge: &Rc<Bridge>) -> MetaDataObj {
        MetaDataObj {
            bridge: bridge.clone(),
            md: Rc::new(rs::MetaData::new()),
            tables: RefCell::new(Vec::new()),
            bind: RefCell::new(Value::None),
        }
    }
}

fn engine_of(i: &Interpreter, v: Option<&Value>) -> PyResult<retort::Engine> {
    match v.and_then(native::<super::engine::EngineObj>) {
        Some(e) => Ok(e.engine.clone()),
        None => Err(i.type_error("expected an Engine")),
    }
}

impl NativeObject for MetaDataObj {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class("sqlalchemy.sql.schema", "MetaData"))
    }
    fn type_name(&self) -> String {
        "MetaData".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok("MetaData()".into())
    }
    fn get_attr(&self, i: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let (b, md) = (self.bridge.clone(), self.md.clone());
        Ok(match name {
            "reflect" => {
                let this = this.clone();
                method(name, move |i, mut a: Args| {
                    let bind = a.pos.first().cloned().or_else(|| a.take_kw("bind"));
                    let engine = engine_of(i, bind.as_ref())?;
                    let Some(mdo) = native::<MetaDataObj>(&this) else {
                        return Err(i.type_error("not a MetaData"));
                    };
                    super::reflection::reflect_all(&b, i, mdo, &engine)?;
                    Ok(Value::None)
                })
            }
            "create_all" | "drop_all" => {
                let create = name == "create_all";
                method(name, move |i, mut a: Args| {
                    let bind = a.pos.first().cloned().or_else(|| a.take_kw("bind"));
                    if bind.is_none() {
                        let what = if create { "create_all" } else { "drop_all" };
                        return Err(i.type_error(format!(
                            "MetaData.{what}() missing 1 required positional argument: 'bind'"
                        )));
                    }
                    let engine = engine_of(i, bind.as_ref())?;
                    let checkfirst = match a.take_kw("checkfirst") {
                        Some(v) => i.truthy(&v)?,
                        None => true,
                    };
                    let r = if create {
                        md.create_all(&engine, checkfirst)
                    } else {
                        md.drop_all(&engine, checkfirst)
                    };
                    b.pump(i);
                    r.map_err(|e| b.raise(i, e))?;
                    Ok(Value::None)
                })
            }
            "tables" => {
                let pairs: Vec<(Value, Value)> = self
                    .tables
                    .borrow()
                    .iter()
                    .map(|(n, t)| (Value::str(n), t.clone()))
                    .collect();
                Some(i.new_dict(pairs)?)
            }
            "sorted_tables" => {
                let names: Vec<String> = md
                    .sorted_tables_by_name()
                    .iter()
                    .map(|t| t.name().to_owned())
                    .collect();
                let tables = self.tables.borrow();
                Some(Value::list(
                    names
                        .iter()
                        .filter_map(|n| tables.iter().find(|(t, _)| t == n).map(|(_, v)| v.clone()))
                        .collect(),
                ))
            }
            "bind" => Some(self.bind.borrow().clone()),
            _ => None,
        })
    }
    fn set_attr(
        &self,
        _: &mut Interpreter,
        _: &Value,
        name: &str,
        value: Value,
    ) -> Option<PyResult<()>> {
        (name == "bind").then(|| {
            *self.bind.borrow_mut() = value;
            Ok(())
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
