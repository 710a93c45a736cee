//! `select(...).subquery()` / `query.subquery()` / `.cte()`: a `Subquery` (or `CTE`) whose `.c` columns can be
//! selected, compared and joined to (`outerjoin(stmt, User.id == stmt.c.user_id)`), and which
//! `aliased(Address, stmt)` maps a class onto.

use super::expr::ex;
use super::{Bridge, method, native, obj};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::sql::{FromItem, Select};
use std::any::Any;
use std::rc::Rc;

/// A `Subquery`.
pub struct SubqueryObj {
    bridge: Rc<Bridge>,
    /// The FROM item (`FromItem::Subquery`).
    pub from: FromItem,
    name: Option<String>,
    /// Its class: `Subquery`, `CTE` or `Alias` (`table.alias()`).
    kind: &'static str,
}

/// `table.alias(name=None)`: `user_account AS user_account_1`.
pub fn table_alias(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    table: &Rc<retort::schema::Table>,
    mut a: Args,
) -> PyResult<Value> {
    let name = match a.pos.first().cloned().or_else(|| a.take_kw("name")) {
        Some(Value::None) | None => None,
        Some(v) => Some(i.to_str(&v)?),
    };
    let from = match &name {
        Some(n) => retort::sql::alias(table, n),
        None => retort::sql::anon_alias(table),
    };
    Ok(obj(SubqueryObj {
        bridge: b.clone(),
        from,
        name,
        kind: "Alias",
    }))
}

/// `.subquery(name=None)` of `select`.
pub fn subquery(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    select: Select,
    mut a: Args,
) -> PyResult<Value> {
    let name = match a.pos.first().cloned().or_else(|| a.take_kw("name")) {
        Some(Value::None) | None => None,
        Some(v) => Some(i.to_str(&v)?),
    };
    let from = match &name {
        Some(n) => select.subquery_named(n),
        None => select.subquery(),
    };
    Ok(obj(SubqueryObj {
        bridge: b.clone(),
        from,
        name,
        kind: "Subquery",
    }))
}

/// `.cte(name=None)` of `select`.
pub fn cte(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    mut select: Select,
    mut a: Args,
) -> PyResult<Value> {
    let name = match a.pos.first().cloned().or_else(|| a.take_kw("name")) {
        Some(Value::None) | None => None,
        Some(v) => Some(i.to_str(&v)?),
    };
    if let Some(v) = a.take_kw("recursive") {
        select.recursive = i.truthy(&v)?;
    }
    Ok(obj(SubqueryObj {
        bridge: b.clone(),
        from: select.cte(name.as_deref()),
        name,
        kind: "CTE",
    }))
}

/// `left.join(right, onclause=None, isouter=False, full=False)` / `.outerjoin(...)` of a
/// table, alias or join: a `Join` to give `select_from()`.
pub fn join_method(b: &Rc<Bridge>, left: FromItem, name: &str) -> Option<Value> {
    let b = b.clone();
    let outer_method = name == "outerjoin";
    method(name, move |i, mut a: Args| {
        let Some(right) = a.pos.first().and_then(super::select_join::core_from) else {
            return Err(super::unsupported(i, "join() of this object"));
        };
        let on = match a.pos.get(1).cloned().or_else(|| a.take_kw("onclause")) {
            Some(v) if !matches!(v, Value::None) => super::expr::operand(&b, i, &v, None)?,
            _ => retort::sql::statement::infer_join_on(&left, &right).map_err(|e| b.raise(i, e))?,
        };
        let flag = |i: &mut Interpreter, v: Option<Value>| match v {
            Some(v) => i.truthy(&v),
            None => Ok(false),
        };
        let outer = outer_method || flag(i, a.take_kw("isouter"))?;
        let full = flag(i, a.take_kw("full"))?;
        Ok(obj(SubqueryObj {
            bridge: b.clone(),
            from: FromItem::Join {
                left: Box::new(left.clone()),
                right: Box::new(right),
                on: Box::new(on),
                outer,
                full,
            },
            name: None,
            kind: "Join",
        }))
    })
}

/// The FROM item a value stands for when joined to: a subquery.
pub fn from_item_of(v: &Value) -> Option<FromItem> {
    native::<SubqueryObj>(v).map(|s| s.from.clone())
}

impl NativeObject for SubqueryObj {
    fn type_name(&self) -> String {
        self.kind.into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.sql.selectable.{} at 0x{:x}; {}>",
            self.type_name(),
            self as *const Self as usize,
            self.name.as_deref().unwrap_or("anon_1")
        ))
    }
    fn str(&self, i: &mut Interpreter) -> PyResult<String> {
        // `str(subquery)`: its SELECT, as SQLAlchemy prints it.
        let select = match &self.from {
            FromItem::Join { .. } => {
                return retort::sql::compiler::from_to_string(&self.from)
                    .map_err(|e| self.bridge.raise(i, e));
            }
            FromItem::Subquery { select, .. } | FromItem::Cte { select, .. } => select,
            FromItem::Alias { table, .. } => return Ok(table.name().to_owned()),
            _ => return Ok(String::new()),
        };
        let stmt = retort::sql::Statement::Select((**select).clone());
        retort::sql::compiler::to_string(&stmt).map_err(|e| self.bridge.raise(i, e))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        if let FromItem::Cte { select, source } = &self.from {
            let (b, select, source) = (self.bridge.clone(), select.clone(), source.clone());
            let cte_name = self.name.clone();
            match name {
                // `cte.alias()`: the CTE under another name (`anon_1 AS anon_2`).
                "alias" => {
                    let cte = self.from.clone();
                    return Ok(method(name, move |i, mut a: Args| {
                        let alias = match a.pos.first().cloned().or_else(|| a.take_kw("name")) {
                            Some(Value::None) | None => None,
                            Some(v) => Some(i.to_str(&v)?),
                        };
                        let source = match &alias {
                            Some(n) => retort::sql::Source::Named(n.clone()),
                            None => retort::sql::Source::Anon(retort::sql::expr::fresh_anon()),
                        };
                        Ok(obj(SubqueryObj {
                            bridge: b.clone(),
                            from: FromItem::CteAlias {
                                cte: Box::new(cte.clone()),
                                source,
                            },
                            name: alias,
                            kind: "CTE",
                        }))
                    }));
                }
                // `cte.union_all(select(...))`: the recursive CTE's second part.
                "union" | "union_all" => {
                    let op = if name == "union" {
                        retort::sql::statement::CompoundOp::Union
                    } else {
                        retort::sql::statement::CompoundOp::UnionAll
                    };
                    return Ok(method(name, move |i, a: Args| {
                        let mut selects = vec![(*select).clone()];
                        for v in &a.pos {
                            match native::<super::select::SelectObj>(v) {
                                Some(s) => selects.push(s.to_select(i, &b)?),
                                None => {
                                    return Err(super::unsupported(
                                        i,
                                        "CTE.union() of something other than select()",
                                    ));
                                }
                            }
                        }
                        let mut inner =
                            retort::sql::select_compound(retort::sql::statement::Compound {
                                op,
                                selects,
                            });
                        inner.recursive = select.recursive;
                        Ok(obj(SubqueryObj {
                            bridge: b.clone(),
                            from: FromItem::Cte {
                                select: Box::new(inner),
                                source: source.clone(),
                            },
                            name: cte_name.clone(),
                            kind: "CTE",
                        }))
                    }));
                }
                _ => {}
            }
        }
        if matches!(name, "join" | "outerjoin")
            && matches!(self.from, FromItem::Join { .. } | FromItem::Alias { .. })
        {
            return Ok(join_method(&self.bridge, self.from.clone(), name));
        }
        Ok(match name {
            "c" | "columns" => Some(obj(SubqueryColumns {
                bridge: self.bridge.clone(),
                from: self.from.clone(),
            })),
            "name" => Some(self.name.as_deref().map_or(Value::None, Value::str)),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `subquery.c`.
struct SubqueryColumns {
    bridge: Rc<Bridge>,
    from: FromItem,
}

impl SubqueryColumns {
    fn column(&self, i: &mut Interpreter, name: &str) -> PyResult<Value> {
        self.from
            .c(name)
            .map(|e| ex(&self.bridge, e))
            .map_err(|e| self.bridge.raise(i, e))
    }
}

impl NativeObject for SubqueryColumns {
    fn type_name(&self) -> String {
        "ReadOnlyColumnCollection".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok("ReadOnlyColumnCollection(...)".into())
    }
    fn get_attr(&self, i: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        if name == "keys" {
            let names: Vec<Value> = retort::sql::statement::column_names(&self.from)
                .iter()
                .map(|n| Value::str(n))
                .collect();
            return Ok(method(name, move |_, _| Ok(Value::list(names.clone()))));
        }
        self.column(i, name).map(Some)
    }
    fn get_item(&self, i: &mut Interpreter, key: &Value) -> Option<PyResult<Value>> {
        let Value::Str(k) = key else { return None };
        Some(self.column(i, k))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `User.addresses.of_type(alias)`: a relationship to join along, to an alias of its target.
pub struct OfType {
    /// The parent entity.
    pub parent: retort::query::Entity,
    /// The relationship name.
    pub key: String,
    /// The alias joined to.
    pub target: retort::query::Entity,
    /// `User.addresses.and_(criteria)`: added to the join's ON clause.
    pub criteria: Vec<retort::sql::Expr>,
}

impl NativeObject for OfType {
    fn type_name(&self) -> String {
        "QueryableAttribute".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!("{}.{}", self.parent.mapper.class_name(), self.key))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
