//! Instrumentation: the `_sa_instance_state` every mapped instance carries, the
//! `InstrumentedAttribute` descriptors of mapped classes (instance reads and writes go to the
//! ORM's object arena; class access returns the attribute itself, for building expressions),
//! and the `__dict__` SQLAlchemy presents (the state plus the loaded attributes).

use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::session::ObjectId;
use std::any::Any;
use std::rc::Rc;

/// `obj._sa_instance_state`: which ORM object a Python instance is.
pub struct InstanceState {
    /// The object in the arena.
    pub id: ObjectId,
}

impl InstanceState {
    /// The state as a Python value.
    pub fn value(id: ObjectId) -> Value {
        Value::Object(Rc::new(InstanceState { id }))
    }
}

impl NativeObject for InstanceState {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class(
            "sqlalchemy.orm.state",
            &self.type_name(),
        ))
    }
    fn type_name(&self) -> String {
        "InstanceState".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.state.InstanceState object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

use super::collection::Collection;
use super::{Bridge, method, to_sql};
use crate::function::Args;
use retort::mapper::Mapper;
use retort::query::Entity;
use retort::sql::Expr;

/// What a mapped attribute is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// A column property.
    Column,
    /// A relationship.
    Relationship,
}

/// `User.name`: an instrumented attribute of a mapped class (or of an `aliased()` entity).
pub struct Attribute {
    /// The bridge.
    pub bridge: Rc<Bridge>,
    /// The mapper.
    pub mapper: Rc<Mapper>,
    /// The attribute name.
    pub key: String,
    /// Column or relationship.
    pub kind: Kind,
    /// The entity it reads from (an alias for `aliased(User).name`).
    pub entity: Entity,
}

impl super::expr::AsExpr for Attribute {
    fn as_expr(&self) -> retort::Result<Expr> {
        self.entity.c(&self.key)
    }
}

impl Attribute {
    /// `Address.user == jack`: the many-to-one's foreign key compared with the object's key.
    fn compare_related(
        &self,
        i: &mut Interpreter,
        op: &str,
        other: &Value,
    ) -> Option<PyResult<Value>> {
        let rel = self.mapper.relationship(&self.key)?;
        if rel.direction != retort::relationship::Direction::ManyToOne || !matches!(op, "==" | "!=")
        {
            return None;
        }
        let b = self.bridge.clone();
        let r = (|| {
            let fk = self.entity.c(&rel.fk).map_err(|e| b.raise(i, e))?;
            let value = match other {
                Value::None => {
                    let e = if op == "==" {
                        fk.is_null()
                    } else {
                        fk.is_not_null()
                    };
                    return Ok(super::expr::ex(&b, e));
                }
                v => {
                    let id = b.ensure_state(i, v)?;
                    match b.get_value(i, id, &rel.referred)? {
                        Value::None => retort::Value::Null,
                        v => to_sql(i, &v)?,
                    }
                }
            };
            // SQLAlchemy's many-to-one comparison: `:param_1 = address.user_id`, and for
            // `!=`, `address.user_id != :user_id_1 OR address.user_id IS NULL`.
            let e = if op == "==" {
                Expr::Binary {
                    left: Box::new(Expr::Bind { value, key: None }),
                    op: retort::sql::Op::Eq,
                    right: Box::new(fk),
                }
            } else {
                retort::sql::or_(vec![
                    Expr::Binary {
                        left: Box::new(fk.clone()),
                        op: retort::sql::Op::Ne,
                        right: Box::new(Expr::Bind {
                            value,
                            key: fk.result_name().map(str::to_owned),
                        }),
                    },
                    fk.is_null(),
                ])
            };
            Ok(super::expr::ex(&b, e))
        })();
        Some(r)
    }
}

/// `~Student.courses.contains(c)`: SQLAlchemy's negation is a correlated
/// `NOT (EXISTS (SELECT 1 FROM course, enroll WHERE ...))`.
fn contains_negated(
    entity: &Entity,
    rel: &Option<retort::relationship::Relationship>,
    sec: &retort::relationship::Secondary,
    key: retort::Value,
) -> retort::Result<Expr> {
    let Some(target) = rel.as_ref().map(|r| r.target()).transpose()? else {
        return Err(retort::Error::InvalidRequestError(
            "not a relationship".into(),
        ));
    };
    let target = retort::sql::FromItem::Table(target.table().clone());
    let link = retort::sql::FromItem::Table(sec.table.clone());
    let crit = retort::sql::and_(vec![
        entity.c(&sec.parent_referred)?.eq(link.c(&sec.parent_fk)?),
        target.c(&sec.target_referred)?.eq(link.c(&sec.target_fk)?),
        target.c(&sec.target_referred)?.eq(Expr::Bind {
            value: key,
            key: Some(sec.target_referred.clone()),
        }),
    ]);
    let sub = retort::sql::select(vec![Expr::LiteralText("1".into())])
        .select_from(target)
        .select_from(link)
        .where_(crit);
    Ok(retort::sql::not_(Expr::Grouped(Box::new(
        retort::sql::exists(sub),
    ))))
}

impl NativeObject for Attribute {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class(
            "sqlalchemy.orm.attributes",
            "InstrumentedAttribute",
        ))
    }
    fn type_name(&self) -> String {
        "InstrumentedAttribute".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.attributes.InstrumentedAttribute object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!("{}.{}", self.mapper.class_name(), self.key))
    }
    fn hash_key(&self) -> Option<crate::value::HashKey> {
        // Hashable by identity, as SQLAlchemy's attributes (`{User.name: "x"}`).
        Some(crate::value::HashKey::Id(self as *const Self as usize))
    }
    fn get_attr(&self, i: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        match name {
            "key" => return Ok(Some(Value::str(&self.key))),
            "of_type" if self.kind == Kind::Relationship => {
                let (b, parent, key) = (self.bridge.clone(), self.entity.clone(), self.key.clone());
                return Ok(super::method(name, move |i, a| {
                    let target = a.pos.first().and_then(|v| super::select::entity_of(&b, v));
                    match target {
                        Some(target) => Ok(super::obj(super::subquery::OfType {
                            parent: parent.clone(),
                            key: key.clone(),
                            target,
                            criteria: Vec::new(),
                        })),
                        None => Err(super::unsupported(i, "of_type() of this object")),
                    }
                }));
            }
            "and_" if self.kind == Kind::Relationship => {
                // `User.addresses.and_(Address.email.like(...))`: a join along the
                // relationship with more ON criteria.
                let (b, parent, key) = (self.bridge.clone(), self.entity.clone(), self.key.clone());
                let target = self.mapper.relationship(&self.key).map(|r| r.target());
                return Ok(super::method(name, move |i, a| {
                    let target = match &target {
                        Some(Ok(t)) => Entity::of(t),
                        Some(Err(e)) => return Err(b.raise(i, e.clone())),
                        None => return Err(super::unsupported(i, "and_() of this attribute")),
                    };
                    let mut criteria = Vec::new();
                    for v in &a.pos {
                        criteria.push(super::expr::operand(&b, i, v, None)?);
                    }
                    Ok(super::obj(super::subquery::OfType {
                        parent: parent.clone(),
                        key: key.clone(),
                        target,
                        criteria,
                    }))
                }));
            }
            "property" => {
                if self.kind != Kind::Column {
                    self.bridge.configure_pending(i)?;
                }
                let rel = self.mapper.relationship(&self.key);
                let cascade = self
                    .bridge
                    .cascades
                    .borrow()
                    .get(&(self.mapper.class_name().to_owned(), self.key.clone()))
                    .cloned();
                let info = self
                    .bridge
                    .rel_info
                    .borrow()
                    .get(&(self.mapper.class_name().to_owned(), self.key.clone()))
                    .cloned();
                // `User.id.property.columns`: the mapped column, in a list.
                let columns = match self.kind {
                    Kind::Column => i
                        .getattr(this, "expression")
                        .ok()
                        .map(|c| Value::list(vec![c])),
                    Kind::Relationship => None,
                };
                return Ok(Some(super::obj(super::property::Property {
                    name: format!("{}.{}", self.mapper.class_name(), self.key),
                    column: self.kind == Kind::Column,
                    cascade,
                    info,
                    rel,
                    columns,
                })));
            }
            "type" | "expression" if self.kind == Kind::Column => {
                let table = self.mapper.table().clone();
                let Some(md) = self
                    .bridge
                    .mapped_class_of_name(self.mapper.class_name())
                    .and_then(|m| m.class.lookup("metadata"))
                else {
                    return Ok(None);
                };
                let Some(md) = super::native::<super::schema::MetaDataObj>(&md) else {
                    return Ok(None);
                };
                let col = super::table::ColumnRef::value(&self.bridge, &md.md, &table, &self.key);
                return if name == "expression" {
                    Ok(Some(col))
                } else {
                    i.getattr(&col, "type").map(Some)
                };
            }
            "any" | "has" => {
                let (b, entity, key) = (self.bridge.clone(), self.entity.clone(), self.key.clone());
                let any = name == "any";
                let rel = self.mapper.relationship(&self.key);
                return Ok(method(name, move |i, a: Args| {
                    let mut crit = match a.pos.first() {
                        Some(v) => Some(super::expr::operand(&b, i, v, None)?),
                        None => None,
                    };
                    if !a.kw.is_empty() {
                        // any(keyword='x'): equality on the related class's attributes.
                        let target = match rel.as_ref().map(|r| r.target()) {
                            Some(Ok(t)) => Entity::of(&t),
                            Some(Err(e)) => return Err(b.raise(i, e)),
                            None => return Err(i.type_error("not a relationship")),
                        };
                        let mut parts: Vec<Expr> = crit.into_iter().collect();
                        for (k, v) in &a.kw {
                            let col = target.c(k).map_err(|e| b.raise(i, e))?;
                            parts.push(col.eq(to_sql(i, v)?));
                        }
                        crit = Some(retort::sql::and_(parts));
                    }
                    let r = if any {
                        entity.any(&key, crit)
                    } else {
                        entity.has(&key, crit)
                    };
                    let e = r.map_err(|e| b.raise(i, e))?;
                    Ok(super::expr::ex(&b, e))
                }));
            }
            "contains" if self.kind == Kind::Relationship => {
                let (b, entity) = (self.bridge.clone(), self.entity.clone());
                let rel = self.mapper.relationship(&self.key);
                return Ok(method(name, move |i, a: Args| {
                    use retort::relationship::Direction;
                    let Some(rel) = rel.clone().filter(|r| r.uselist) else {
                        return Err(super::unsupported(i, "contains() on this relationship"));
                    };
                    let child = a.pos.first().cloned().unwrap_or(Value::None);
                    let id = b.ensure_state(i, &child)?;
                    // SQLAlchemy: `users.id = :param_1` (one-to-many), or through an alias of
                    // the association table, `students.id = enr_1.student_id AND
                    // :param_1 = enr_1.course_id` (many-to-many).
                    let param = |i: &mut Interpreter, col: &str| -> PyResult<Expr> {
                        let value = match b.get_value(i, id, col)? {
                            Value::None => retort::Value::Null,
                            v => to_sql(i, &v)?,
                        };
                        Ok(Expr::Bind { value, key: None })
                    };
                    let e = match (&rel.secondary, rel.direction) {
                        (Some(sec), _) => {
                            let alias = retort::sql::anon_alias(&sec.table);
                            let c = |from: &retort::sql::FromItem, n: &str| {
                                from.c(n).map_err(|e| b.raise(i, e))
                            };
                            let join = c(&entity.from, &sec.parent_referred)?
                                .eq(c(&alias, &sec.parent_fk)?);
                            let target_fk = c(&alias, &sec.target_fk)?;
                            let value = param(i, &sec.target_referred)?;
                            let positive = retort::sql::and_(vec![
                                join,
                                Expr::Binary {
                                    left: Box::new(value.clone()),
                                    op: retort::sql::Op::Eq,
                                    right: Box::new(target_fk),
                                },
                            ]);
                            // `~contains()` is SQLAlchemy's correlated NOT (EXISTS ...).
                            let Expr::Bind { value: key, .. } = value else {
                                return Ok(super::expr::ex(&b, positive));
                            };
                            let negated = contains_negated(&entity, &Some(rel.clone()), sec, key)
                                .map_err(|e| b.raise(i, e))?;
                            return Ok(super::obj(super::expr::Negatable {
                                bridge: b.clone(),
                                expr: positive,
                                negated,
                            }));
                        }
                        (None, Direction::OneToMany) => {
                            let col = entity.c(&rel.referred).map_err(|e| b.raise(i, e))?;
                            Expr::Binary {
                                left: Box::new(col),
                                op: retort::sql::Op::Eq,
                                right: Box::new(param(i, &rel.fk)?),
                            }
                        }
                        _ => return Err(super::unsupported(i, "contains() on this relationship")),
                    };
                    Ok(super::expr::ex(&b, e))
                }));
            }
            _ => {}
        }
        if self.kind == Kind::Column {
            let e = self
                .entity
                .c(&self.key)
                .map_err(|e| self.bridge.raise(i, e))?;
            return Ok(super::expr::expr_method(&self.bridge, e, name));
        }
        Ok(None)
    }
    fn binary_op(
        &self,
        i: &mut Interpreter,
        op: &str,
        other: &Value,
        reflected: bool,
    ) -> Option<PyResult<Value>> {
        if self.kind != Kind::Column {
            return self.compare_related(i, op, other);
        }
        let e = match self.entity.c(&self.key) {
            Ok(e) => e,
            Err(e) => return Some(Err(self.bridge.raise(i, e))),
        };
        super::expr::binary(&self.bridge, i, e, op, other, reflected)
    }
    fn unary_op(&self, i: &mut Interpreter, op: &str) -> Option<PyResult<Value>> {
        let e = match self.entity.c(&self.key) {
            Ok(e) => e,
            Err(e) => return Some(Err(self.bridge.raise(i, e))),
        };
        super::expr::unary(&self.bridge, e, op)
    }
    fn descr_get(
        &self,
        i: &mut Interpreter,
        instance: Option<&Value>,
        _: &Value,
    ) -> Option<PyResult<Value>> {
        let instance = instance?;
        let b = &self.bridge;
        let r = (|| {
            b.configure_pending(i)?;
            let id = b.ensure_state(i, instance)?;
            match self.kind {
                Kind::Column => b.get_value(i, id, &self.key),
                Kind::Relationship => {
                    let rel = self.mapper.relationship(&self.key);
                    match rel.as_ref().map(|r| (r, r.lazy)) {
                        Some((r, retort::relationship::Lazy::Dynamic)) => {
                            return super::dynamic::appender(b, i, id, r, instance);
                        }
                        Some((r, retort::relationship::Lazy::WriteOnly)) => {
                            return Ok(super::write_only::collection(b, id, r, instance));
                        }
                        _ => {}
                    }
                    if rel.as_ref().is_some_and(|r| r.uselist) {
                        // SQLAlchemy loads a collection when the attribute is read.
                        b.related(i, id, &self.key)?;
                        let set = b
                            .set_collections
                            .borrow()
                            .contains(&(self.mapper.class_name().to_owned(), self.key.clone()));
                        return Ok(Value::Object(Rc::new(Collection {
                            set,
                            bridge: b.clone(),
                            parent: id,
                            key: self.key.clone(),
                            _owner: instance.clone(),
                        })));
                    }
                    let ids = b.related(i, id, &self.key)?;
                    match ids.first() {
                        Some(&o) => b.object(o),
                        None => Ok(Value::None),
                    }
                }
            }
        })();
        Some(r)
    }
    fn descr_set(
        &self,
        i: &mut Interpreter,
        instance: &Value,
        value: Value,
    ) -> Option<PyResult<()>> {
        let b = self.bridge.clone();
        let key = self.key.clone();
        let kind = self.kind;
        if let Err(e) = b.configure_pending(i) {
            return Some(Err(e));
        }
        let uselist = self.mapper.relationship(&key).is_some_and(|r| r.uselist);
        let r = (|| {
            let id = b.ensure_state(i, instance)?;
            let value = if uselist {
                value
            } else {
                super::validates::validate(i, instance, &key, value)?
            };
            match kind {
                Kind::Column => {
                    let class = self.mapper.class_name().to_owned();
                    let value =
                        super::orm_events::fire_set(&b, i, &class, &key, instance, id, value)?;
                    let col_type = self
                        .mapper
                        .table()
                        .get_column(&key)
                        .and_then(|c| c.type_.clone());
                    let json = col_type == Some(retort::types::SqlType::Json);
                    let v = if json {
                        // SQLAlchemy's JSON type serializes on bind: None is JSON null.
                        let text = crate::json::dumps(i, &value, &Default::default())?;
                        b.note_json(id, &key, &text, &value);
                        retort::Value::Text(text.into())
                    } else {
                        let v = to_sql(i, &value)?;
                        if matches!(
                            col_type,
                            Some(
                                retort::types::SqlType::Numeric { .. }
                                    | retort::types::SqlType::Boolean
                            )
                        ) {
                            b.note_set_value(id, &key, &v, &value);
                        }
                        v
                    };
                    b.note_assigned(id, &key);
                    b.store
                        .borrow_mut()
                        .set_attr(id, &key, v)
                        .map_err(|e| b.raise(i, e))
                }
                Kind::Relationship
                    if self
                        .mapper
                        .relationship(&key)
                        .is_some_and(|r| r.lazy == retort::relationship::Lazy::WriteOnly)
                        && b.has_identity(id) =>
                {
                    // A write-only collection of a row is never loaded, so never replaced.
                    Err(b.error(
                        i,
                        "InvalidRequestError",
                        &format!(
                            "Collection \"{}.{key}\" does not support implicit iteration; collection replacement operations can't be used",
                            self.mapper.class_name()
                        ),
                    ))
                }
                Kind::Relationship if uselist => {
                    b.note_assigned(id, &key);
                    let items = i.iterate(&value)?;
                    let current = b.related(i, id, &key)?;
                    for c in current {
                        let child = b.object(c)?;
                        b.remove(i, id, &key, &child)?;
                    }
                    for item in &items {
                        b.append(i, id, &key, item)?;
                    }
                    Ok(())
                }
                Kind::Relationship => {
                    b.note_assigned(id, &key);
                    let back = self
                        .mapper
                        .relationship(&key)
                        .and_then(|r| r.back_populates);
                    if let (Some(back), Value::Instance(_)) = (&back, &value) {
                        // The backref appends `instance` to `value.<back>`, which its
                        // validator sees.
                        super::validates::validate(i, &value, back, instance.clone())?;
                    }
                    let target = match &value {
                        Value::None => None,
                        v => Some(b.ensure_state(i, v)?),
                    };
                    b.with_store_or_session(
                        i,
                        id,
                        |s| s.set_related(id, &key, target),
                        |s| s.set_parent(id, &key, target),
                    )
                }
            }
        })();
        Some(r)
    }
    fn is_data_descriptor(&self) -> bool {
        true
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
