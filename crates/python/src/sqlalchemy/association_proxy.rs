//! `sqlalchemy.ext.associationproxy`: `association_proxy("collection", "attr", creator=...)`.
//! On an instance, a proxy of a collection relationship is a list-like view of `attr` of
//! each related object (`user.keywords` for `user.user_keyword_associations`): iterating,
//! `len()`, indexing, `in`, `==` and `repr()` read the collection as it is now; `append()` /
//! `extend()` add objects made by `creator(value)` (or the related class called with the
//! value); `remove()` takes out the first object whose `attr` equals the value; assigning a
//! list replaces the collection. A proxy of a scalar relationship reads (and writes) `attr`
//! of the related object.

use super::{Bridge, method, obj};
use crate::function::{Args, NativeFunction};
use crate::modules::{Module, NativeObject};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::rc::Rc;

/// The `sqlalchemy.ext.associationproxy` module.
pub fn module(b: &Rc<Bridge>) -> Module {
    let m = Module::new("sqlalchemy.ext.associationproxy");
    let b1 = b.clone();
    m.set(
        "association_proxy",
        NativeFunction::value("association_proxy", move |i, mut a: Args| {
            let (Some(Value::Str(collection)), Some(Value::Str(attr))) =
                (a.pos.first().cloned(), a.pos.get(1).cloned())
            else {
                return Err(i.type_error(
                    "association_proxy() needs the relationship name and the attribute name",
                ));
            };
            let creator = a.take_kw("creator").filter(|v| !matches!(v, Value::None));
            if let Some((k, _)) = a.kw.iter().find(|(k, _)| k != "info") {
                return Err(super::unsupported(
                    i,
                    &format!("association_proxy(..., {k}=...)"),
                ));
            }
            Ok(obj(AssociationProxy(Rc::new(Proxy {
                bridge: b1.clone(),
                collection: collection.to_string(),
                attr: attr.to_string(),
                creator,
            }))))
        }),
    );
    for name in ["AssociationProxy", "AssociationProxyInstance"] {
        m.set(
            name,
            Value::Class(super::named_class("sqlalchemy.ext.associationproxy", name)),
        );
    }
    m
}

struct Proxy {
    bridge: Rc<Bridge>,
    collection: String,
    attr: String,
    creator: Option<Value>,
}

impl Proxy {
    /// A new related object for `value`.
    fn create(&self, i: &mut Interpreter, owner: &Value, value: Value) -> PyResult<Value> {
        if let Some(c) = &self.creator {
            return i.call(c, Args::positional(vec![value]));
        }
        let class = self.target_class(owner).ok_or_else(|| {
            super::unsupported(
                i,
                "association_proxy() of this relationship without creator=",
            )
        })?;
        i.call(&class, Args::positional(vec![value]))
    }

    /// The class the proxied relationship refers to.
    fn target_class(&self, owner: &Value) -> Option<Value> {
        let Value::Instance(inst) = owner else {
            return None;
        };
        let mapped = self.bridge.mapped_class_of(&inst.class)?;
        let rel = mapped.mapper.relationship(&self.collection)?;
        let target = rel.target().ok()?;
        Some(Value::Class(self.bridge.mapped(target.class_name())?.class))
    }

    fn values(&self, i: &mut Interpreter, owner: &Value) -> PyResult<Vec<Value>> {
        let collection = i.getattr(owner, &self.collection)?;
        let items = i.iterate(&collection)?;
        items.iter().map(|o| i.getattr(o, &self.attr)).collect()
    }
}

/// The descriptor in the class.
struct AssociationProxy(Rc<Proxy>);

impl NativeObject for AssociationProxy {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class(
            "sqlalchemy.ext.associationproxy",
            "AssociationProxy",
        ))
    }
    fn type_name(&self) -> String {
        "AssociationProxy".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.ext.associationproxy.AssociationProxy object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn descr_get(
        &self,
        i: &mut Interpreter,
        instance: Option<&Value>,
        _owner: &Value,
    ) -> Option<PyResult<Value>> {
        let Some(instance) = instance else {
            // `User.keywords`: comparisons through the relationship (`any()`, `contains()`).
            return Some(Ok(obj(ProxyComparator {
                proxy: self.0.clone(),
                owner: _owner.clone(),
            })));
        };
        let owner = instance.clone();
        let p = self.0.clone();
        Some((|| {
            let related = i.getattr(&owner, &p.collection)?;
            if matches!(related, Value::None) {
                return Ok(Value::None);
            }
            let is_collection = match &owner {
                Value::Instance(inst) => p
                    .bridge
                    .mapped_class_of(&inst.class)
                    .and_then(|m| m.mapper.relationship(&p.collection))
                    .is_some_and(|r| r.uselist),
                _ => false,
            };
            if is_collection {
                Ok(obj(ProxyList { proxy: p, owner }))
            } else {
                i.getattr(&related, &p.attr)
            }
        })())
    }
    fn descr_set(
        &self,
        i: &mut Interpreter,
        instance: &Value,
        value: Value,
    ) -> Option<PyResult<()>> {
        let p = self.0.clone();
        Some((|| {
            let items = i.iterate(&value)?;
            let mut made = Vec::with_capacity(items.len());
            for v in items {
                made.push(p.create(i, instance, v)?);
            }
            i.setattr(instance, &p.collection, Value::list(made))
        })())
    }
    fn is_data_descriptor(&self) -> bool {
        true
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `User.keywords` read from the class: SQL criteria through the proxied relationship, as
/// SQLAlchemy's `ColumnAssociationProxyInstance` builds them.
struct ProxyComparator {
    proxy: Rc<Proxy>,
    owner: Value,
}

impl NativeObject for ProxyComparator {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class(
            "sqlalchemy.ext.associationproxy",
            "ColumnAssociationProxyInstance",
        ))
    }
    fn type_name(&self) -> String {
        "ColumnAssociationProxyInstance".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "ColumnAssociationProxyInstance(AssociationProxy('{}', '{}'))",
            self.proxy.collection, self.proxy.attr
        ))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let (p, owner) = (self.proxy.clone(), self.owner.clone());
        Ok(match name {
            // `any(crit)` / `has(crit)`: the relationship's own.
            "any" | "has" => {
                let which = name_of(name);
                method(name, move |i, a: Args| {
                    let rel = i.getattr(&owner, &p.collection)?;
                    let f = i.getattr(&rel, which)?;
                    // A proxy to a relationship: its own EXISTS inside the collection's
                    // (SQLAlchemy's `_criterion_exists` of each).
                    let inner = match target_of(&p, &owner) {
                        Some(target) => match target.mapper.relationship(&p.attr) {
                            Some(r) => {
                                let attr = i.getattr(&Value::Class(target.class), &p.attr)?;
                                let g = i.getattr(&attr, if r.uselist { "any" } else { "has" })?;
                                Some(i.call(&g, a.clone())?)
                            }
                            None => None,
                        },
                        None => None,
                    };
                    match inner {
                        Some(e) => i.call(&f, Args::positional(vec![e])),
                        None => i.call(&f, a),
                    }
                })
            }
            // `contains(value)`: the relationship's `any()` of the proxied attribute's.
            "contains" => method(name, move |i, a: Args| {
                let rel = i.getattr(&owner, &p.collection)?;
                let Some(target) = target_of(&p, &owner) else {
                    return Err(super::unsupported(
                        i,
                        "contains() of this association proxy",
                    ));
                };
                let attr = i.getattr(&Value::Class(target.class), &p.attr)?;
                let contains = i.getattr(&attr, "contains")?;
                let crit = i.call(&contains, a)?;
                let any = i.getattr(&rel, "any")?;
                i.call(&any, Args::positional(vec![crit]))
            }),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The class the proxy's collection holds (whose attribute it proxies), when `owner` is a
/// mapped class.
fn target_of(p: &Proxy, owner: &Value) -> Option<super::Mapped> {
    match owner {
        Value::Class(c) => p
            .bridge
            .mapped_class_of(c)
            .and_then(|m| m.mapper.relationship(&p.collection))
            .and_then(|r| r.target().ok())
            .and_then(|t| p.bridge.mapped(t.class_name())),
        _ => None,
    }
}

/// The relationship comparator method a proxy's method maps to.
fn name_of(name: &str) -> &'static str {
    if name == "has" { "has" } else { "any" }
}

/// `user.keywords`: the list-like view (SQLAlchemy's `_AssociationList`).
struct ProxyList {
    proxy: Rc<Proxy>,
    owner: Value,
}

impl NativeObject for ProxyList {
    fn type_name(&self) -> String {
        "_AssociationList".into()
    }
    fn repr(&self, i: &mut Interpreter) -> PyResult<String> {
        let values = self.proxy.values(i, &self.owner)?;
        i.repr(&Value::list(values))
    }
    fn iterate(&self, i: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        Some(self.proxy.values(i, &self.owner))
    }
    fn get_item(&self, i: &mut Interpreter, key: &Value) -> Option<PyResult<Value>> {
        Some(
            self.proxy
                .values(i, &self.owner)
                .and_then(|v| i.get_item(&Value::list(v), key)),
        )
    }
    fn len_in(&self, i: &mut Interpreter) -> Option<PyResult<usize>> {
        Some(self.proxy.values(i, &self.owner).map(|v| v.len()))
    }
    fn binary_op(
        &self,
        i: &mut Interpreter,
        op: &str,
        other: &Value,
        _reflected: bool,
    ) -> Option<PyResult<Value>> {
        if !matches!(op, "==" | "!=") {
            return None;
        }
        Some((|| {
            let mine = Value::list(self.proxy.values(i, &self.owner)?);
            let theirs = match other {
                Value::Object(o) if o.as_any().downcast_ref::<ProxyList>().is_some() => {
                    Value::list(i.iterate(other)?)
                }
                v => v.clone(),
            };
            let eq = i.eq(&mine, &theirs)?;
            Ok(Value::Bool(if op == "==" { eq } else { !eq }))
        })())
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let (p, owner) = (self.proxy.clone(), self.owner.clone());
        Ok(match name {
            "append" => method(name, move |i, a: Args| {
                let v = a.pos.first().cloned().unwrap_or(Value::None);
                let made = p.create(i, &owner, v)?;
                let coll = i.getattr(&owner, &p.collection)?;
                let append = i.getattr(&coll, "append")?;
                i.call(&append, Args::positional(vec![made]))?;
                Ok(Value::None)
            }),
            "extend" => method(name, move |i, a: Args| {
                let v = a.pos.first().cloned().unwrap_or(Value::None);
                for item in i.iterate(&v)? {
                    let made = p.create(i, &owner, item)?;
                    let coll = i.getattr(&owner, &p.collection)?;
                    let append = i.getattr(&coll, "append")?;
                    i.call(&append, Args::positional(vec![made]))?;
                }
                Ok(Value::None)
            }),
            "remove" => method(name, move |i, a: Args| {
                let v = a.pos.first().cloned().unwrap_or(Value::None);
                let coll = i.getattr(&owner, &p.collection)?;
                for o in i.iterate(&coll)? {
                    let x = i.getattr(&o, &p.attr)?;
                    if i.eq(&x, &v)? {
                        let remove = i.getattr(&coll, "remove")?;
                        i.call(&remove, Args::positional(vec![o]))?;
                        return Ok(Value::None);
                    }
                }
                Err(i.exc("ValueError", "value not in list"))
            }),
            "clear" => method(name, move |i, _| {
                i.setattr(&owner, &p.collection, Value::list(Vec::new()))?;
                Ok(Value::None)
            }),
            "count" | "index" => {
                let n = name.to_owned();
                method(name, move |i, a: Args| {
                    let list = Value::list(p.values(i, &owner)?);
                    let f = i.getattr(&list, &n)?;
                    i.call(&f, a)
                })
            }
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
