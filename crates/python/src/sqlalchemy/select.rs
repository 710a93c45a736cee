//! `select()` of entities and columns (2.0 style) and the legacy `session.query()`, over
//! `retort::query`; their results become Python rows, objects and values.

use super::{Bridge, method, native, obj};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::query::{Cell, Entity, Item, OrmSelect};
use retort::sql::{self as sql, Select};
use std::any::Any;
use std::rc::Rc;

/// `aliased(User)`: an entity reading from an alias of the class's table.
pub struct AliasedObj {
    /// The bridge.
    pub bridge: Rc<Bridge>,
    /// The entity.
    pub entity: Entity,
}

impl NativeObject for AliasedObj {
    fn type_name(&self) -> String {
        "AliasedClass".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<AliasedClass at 0x{:x}; {}>",
            self as *const Self as usize,
            self.entity.mapper.class_name()
        ))
    }
    fn get_attr(&self, i: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let mapper = &self.entity.mapper;
        let kind = if mapper.table().column_index(name).is_some() {
            super::instrument::Kind::Column
        } else if mapper.relationship(name).is_some() {
            super::instrument::Kind::Relationship
        } else {
            // A `column_property()`: its expression on the alias.
            let exprs = self.entity.expression_columns();
            let exprs = exprs.map_err(|e| self.bridge.raise(i, e))?;
            let names = mapper.expressions();
            return Ok(names
                .iter()
                .zip(exprs)
                .find(|((n, _), _)| n == name)
                .map(|(_, (_, e))| match e {
                    retort::sql::Expr::Label { expr, .. } => super::expr::ex(&self.bridge, *expr),
                    other => super::expr::ex(&self.bridge, other),
                }));
        };
        Ok(Some(obj(super::instrument::Attribute {
            bridge: self.bridge.clone(),
            mapper: mapper.clone(),
            key: name.to_owned(),
            kind,
            entity: self.entity.clone(),
        })))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `aliased(User, name=...)`.
pub fn aliased(b: &Rc<Bridge>, i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let name = match a.take_kw("name") {
        Some(v) => Some(i.to_str(&v)?),
        None => None,
    };
    if let (Some(Value::Class(c)), Some(item)) = (
        a.pos.first(),
        a.pos.get(1).and_then(super::subquery::from_item_of),
    ) && let Some(m) = b.mapped_class_of(c)
    {
        return Ok(obj(AliasedObj {
            bridge: b.clone(),
            entity: Entity {
                mapper: m.mapper.clone(),
                from: item,
            },
        }));
    }
    let Some(Value::Class(c)) = a.pos.first() else {
        return Err(super::unsupported(
            i,
            "aliased() of anything but a mapped class",
        ));
    };
    let Some(m) = b.mapped_class_of(c) else {
        return Err(i.type_error(format!("class {} is not mapped", c.name)));
    };
    Ok(obj(AliasedObj {
        bridge: b.clone(),
        entity: retort::query::aliased(&m.mapper, name.as_deref()),
    }))
}

/// The entity a value names: a mapped class or an alias.
pub fn entity_of(b: &Bridge, v: &Value) -> Option<Entity> {
    match v {
        Value::Class(c) => b.mapped_class_of(c).map(|m| Entity::of(&m.mapper)),
        other => native::<AliasedObj>(other).map(|a| a.entity.clone()),
    }
}

/// The items of `select(*args)` / `session.query(*args)`.
pub(super) fn items(b: &Rc<Bridge>, i: &mut Interpreter, args: &[Value]) -> PyResult<Vec<Item>> {
    let mut out = Vec::new();
    for v in args {
        if let Some(sub) = native::<super::table::ColumnSubset>(v) {
            out.extend(items(b, i, &sub.0)?);
        } else if let Some(e) = entity_of(b, v) {
            out.push(Item::Entity(e));
        } else if let Some(t) = native::<super::table::TableObj>(v) {
            let from = sql::FromItem::Table(t.table.clone());
            for c in t.table.columns() {
                out.push(Item::Column(from.c(&c.name).map_err(|e| b.raise(i, e))?));
            }
        } else if let Some(h) = native::<super::hybrid::HybridExpr>(v) {
            out.push(Item::Column(h.column()));
        } else if let Some(from) = super::subquery::from_item_of(v) {
            for name in sql::statement::column_names(&from) {
                out.push(Item::Column(from.c(&name).map_err(|e| b.raise(i, e))?));
            }
        } else if let Some(e) = super::expr::expr_of(b, i, v)? {
            out.push(Item::Column(e));
        } else {
            let shown = i.repr(v)?;
            return Err(b.error(
                i,
                "ArgumentError",
                &format!(
                    "Column expression, FROM clause, or other columns clause element expected, got {shown}."
                ),
            ));
        }
    }
    Ok(out)
}

/// A `Select`.
pub struct SelectObj {
    bridge: Rc<Bridge>,
    /// The statement.
    pub stmt: OrmSelect,
    /// Where its `Bundle`s are among its result columns.
    pub bundles: Rc<Vec<super::bundle::BundleSpan>>,
}

impl SelectObj {
    /// The Core SELECT.
    pub fn to_select(&self, i: &Interpreter, b: &Bridge) -> PyResult<Select> {
        self.stmt.to_select().map_err(|e| b.raise(i, e))
    }
}

/// `select(*entities_or_columns)`.
pub fn select(b: &Rc<Bridge>, i: &mut Interpreter, a: Args) -> PyResult<Value> {
    b.configure_pending(i)?;
    if let [list @ Value::List(l)] = a.pos.as_slice() {
        // The 1.x form `select([a, b])`, refused by SQLAlchemy 2.x.
        let shown = i.repr(list)?;
        let items: Vec<Value> = l.borrow().clone();
        let mut each = Vec::new();
        for v in &items {
            each.push(i.repr(v)?);
        }
        return Err(b.error(
            i,
            "ArgumentError",
            &format!(
                "Column expression, FROM clause, or other columns clause element expected, got {shown}. Did you mean to say select({})?",
                each.join(", ")
            ),
        ));
    }
    let args = a.pos.clone();
    let (items, bundles) = super::bundle::items_with_bundles(b, i, &args)?;
    let mut stmt = retort::query::select(items);
    for entity in super::inheritance::column_entities(&args) {
        stmt = stmt.with_column_entity(entity);
    }
    Ok(obj(SelectObj {
        bridge: b.clone(),
        stmt,
        bundles: Rc::new(bundles),
    }))
}

pub(super) use super::select_generative::{GENERATIVE, Generative, generative};

impl NativeObject for SelectObj {
    fn bool_checked(&self, i: &mut Interpreter) -> Option<PyResult<bool>> {
        Some(Err(i.exc(
            "TypeError",
            "Boolean value of this clause is not defined",
        )))
    }
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class("sqlalchemy.sql.selectable", "Select"))
    }
    fn type_name(&self) -> String {
        "Select".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.sql.selectable.Select object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn str(&self, i: &mut Interpreter) -> PyResult<String> {
        self.stmt
            .to_sql_string()
            .map_err(|e| self.bridge.raise(i, e))
    }
    fn get_attr(&self, i: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let b = self.bridge.clone();
        let stmt = self.stmt.clone();
        if GENERATIVE.contains(&name) {
            let n = name.to_owned();
            // Bundles keep their places unless the columns are replaced.
            let bundles = match name {
                "with_only_columns" => Rc::default(),
                _ => Rc::clone(&self.bundles),
            };
            return Ok(method(name, move |i, a: Args| {
                match generative(&b, i, stmt.clone(), &n, a)? {
                    Some(s) => Ok(obj(SelectObj {
                        bridge: b.clone(),
                        stmt: s,
                        bundles: Rc::clone(&bundles),
                    })),
                    None => Err(i.exc("AttributeError", n.clone())),
                }
            }));
        }
        if matches!(name, "selected_columns" | "column_descriptions") {
            return super::select_info::attr(&b, i, &stmt, name).map(Some);
        }
        if super::compound::NAMES.contains(&name) {
            let (this, n) = (this.clone(), name.to_owned());
            return Ok(method(name, move |i, a: Args| {
                super::compound::call(&b, i, &n, Some(&this), &a)
            }));
        }
        Ok(match name {
            "from_statement" => method(name, move |i, a: Args| {
                let Some(t) = a.pos.first().and_then(native::<super::engine::TextObj>) else {
                    return Err(super::unsupported(
                        i,
                        "Select.from_statement() of anything but text()",
                    ));
                };
                let keys: Vec<String> = stmt
                    .items()
                    .iter()
                    .map(|it| match it {
                        retort::query::Item::Entity(e) => e.mapper.class_name().to_owned(),
                        retort::query::Item::Column(c) => {
                            c.result_name().unwrap_or_default().to_owned()
                        }
                    })
                    .collect();
                Ok(obj(super::from_statement::SelectFromText {
                    items: stmt.items().to_vec(),
                    keys: Rc::new(keys),
                    text: t.0.clone(),
                }))
            }),
            "compile" => method(name, move |i, a: Args| {
                let sel = stmt.to_select().map_err(|e| b.raise(i, e))?;
                super::table::compile(&b, i, &retort::sql::Statement::Select(sel), a)
            }),
            "subquery" | "alias" => method(name, move |i, a| {
                let s = stmt.to_select().map_err(|e| b.raise(i, e))?;
                super::subquery::subquery(&b, i, s, a)
            }),
            "lateral" => method(name, move |i, a| {
                let mut s = stmt.to_select().map_err(|e| b.raise(i, e))?;
                s.lateral = true;
                super::subquery::subquery(&b, i, s, a)
            }),
            "cte" => method(name, move |i, a| {
                let s = stmt.to_select().map_err(|e| b.raise(i, e))?;
                super::subquery::cte(&b, i, s, a)
            }),
            "whereclause" => Some(match stmt.select.where_.as_slice() {
                [] => Value::None,
                crit => super::expr::ex(&b, retort::sql::and_(crit.to_vec())),
            }),
            "scalar_subquery" => method(name, move |i, _| {
                let s = stmt.to_select().map_err(|e| b.raise(i, e))?;
                Ok(super::expr::ex(&b, s.scalar_subquery()))
            }),
            // `select(...).correlate_except(Table).scalar_subquery()`.
            "correlate" | "correlate_except" => {
                let bundles = self.bundles.clone();
                let except = name == "correlate_except";
                method(name, move |i, a| {
                    let mut stmt = stmt.clone();
                    stmt.select.correlate = super::expr_window::correlation(&b, i, &a, except)?;
                    Ok(obj(SelectObj {
                        bridge: b.clone(),
                        stmt,
                        bundles: bundles.clone(),
                    }))
                })
            }
            "exists" => method(name, move |i, _| {
                let s = stmt.to_select().map_err(|e| b.raise(i, e))?;
                Ok(super::expr::exists_of(&b, s))
            }),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Converts ORM result rows to Python: objects for entities, values typed by their column
/// expression's SQL type (`types`, one per cell; `Boolean` gives `bool`).
pub fn rows_to_py(
    b: &Bridge,
    i: &mut Interpreter,
    rows: Vec<Vec<Cell>>,
    query: &retort::query::OrmSelect,
) -> PyResult<Vec<Vec<Value>>> {
    let types = query.column_types();
    // `Enum(PyEnum)` columns selected on their own: their enum class, to read members back
    // (SQLAlchemy's Enum type processes them so).
    let enums: Vec<Option<(String, String)>> = query
        .items()
        .iter()
        .map(|item| match item {
            retort::query::Item::Column(e) => enum_column(e),
            retort::query::Item::Entity(_) => None,
        })
        .collect();
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let mut values = Vec::with_capacity(r.len());
        for (n, c) in r.into_iter().enumerate() {
            values.push(match c {
                Cell::Object(id) => b.object(id)?,
                Cell::Value(retort::Value::Text(name))
                    if let Some(Some((table, col))) = enums.get(n)
                        && let Some(member) = b.enum_member_of(i, table.clone(), col, &name)? =>
                {
                    member
                }
                Cell::Value(v) => b.column_to_py(i, types.get(n).cloned().flatten(), v)?,
            });
        }
        out.push(values);
    }
    Ok(out)
}

/// The (table, column) of an `Enum`-typed column expression (labelled or not).
pub(super) fn enum_column(e: &retort::sql::Expr) -> Option<(String, String)> {
    match e {
        retort::sql::Expr::Label { expr, .. } => enum_column(expr),
        retort::sql::Expr::Column { name, from, .. } => {
            if !matches!(
                retort::sql::types::type_of(e),
                Some(retort::types::SqlType::Enum { .. })
            ) {
                return None;
            }
            match from.as_ref() {
                retort::sql::FromItem::Table(t) | retort::sql::FromItem::Alias { table: t, .. } => {
                    Some((t.name().to_owned(), name.clone()))
                }
                _ => None,
            }
        }
        _ => None,
    }
}
