//! `Session`, `sessionmaker` and `session.begin()` blocks: the Python face of
//! `retort::session::Session` (add/delete/flush/commit/rollback/get/execute/scalars/query,
//! expire/refresh/merge/expunge, `new`/`dirty`/`deleted` as `IdentitySet`s).

use super::engine::{TextObj, params_of};
use super::result::ResultObj;
use super::select::{SelectObj, rows_to_py};
use super::session_views::{BeginBlock, IdentityMap, IdentitySet, NoAutoflush};
use super::{Bridge, method, native, obj, object_id};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::session::{ObjectId, Session};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// A `Session`.
pub struct SessionObj {
    pub(crate) bridge: Rc<Bridge>,
    /// The ORM session.
    pub session: Rc<RefCell<Session>>,
    pub(super) bind: Value,
    /// SQLAlchemy's per-process session number (its `hash_key`).
    pub(super) number: usize,
    /// Whether a flush failed and rollback() has not been called since.
    pub(super) failed: std::cell::Cell<bool>,
    /// Whether the session was changed meanwhile (rollback() warns that it is discarded).
    pub(super) changed_while_failed: std::cell::Cell<bool>,
    /// `session.info`: a dict of the user's own.
    pub(super) info: Value,
}

impl SessionObj {
    pub(super) fn run<T>(
        &self,
        i: &mut Interpreter,
        f: impl FnOnce(&mut Session) -> retort::Result<T>,
    ) -> PyResult<T> {
        self.bridge.apply_defaults(i, &self.session)?;
        let r = match self.session.try_borrow_mut() {
            Ok(mut s) => f(&mut s),
            Err(_) => return Err(i.exc("RuntimeError", "the session is busy")),
        };
        self.bridge.pump(i);
        match &r {
            // A failed flush leaves the transaction inactive until rollback().
            Err(
                retort::Error::Dbapi { .. }
                | retort::Error::FlushError(_)
                | retort::Error::CircularDependencyError(_),
            ) => {
                // Not after a savepoint's failed commit: its rollback closed it.
                let inactive = self
                    .session
                    .try_borrow()
                    .map_or(true, |s| s.needs_rollback());
                self.failed.set(inactive);
            }
            // SQLAlchemy accepts changes to the session meanwhile (and discards them).
            Err(retort::Error::PendingRollbackError(_)) => self.changed_while_failed.set(true),
            _ => {}
        }
        let r = r.map_err(|e| self.bridge.raise(i, e))?;
        self.fire_loads(i)?;
        Ok(r)
    }

    pub(super) fn ids(&self, i: &mut Interpreter, a: &Args) -> PyResult<Vec<ObjectId>> {
        let items = match a.pos.first() {
            Some(v) => i.iterate(v)?,
            None => Vec::new(),
        };
        items.iter().map(|v| self.id(i, v)).collect()
    }

    pub(super) fn id(&self, i: &mut Interpreter, v: &Value) -> PyResult<ObjectId> {
        if let Some(id) = object_id(v) {
            return Ok(id);
        }
        match v {
            Value::Instance(inst) if self.bridge.mapped_class_of(&inst.class).is_some() => {
                self.bridge.ensure_state(i, v)
            }
            other => {
                let shown = match other {
                    Value::Instance(inst) => format!("__main__.{}", inst.class.name),
                    Value::Class(c) => metaclass_name(c).to_owned(),
                    o => format!("builtins.{}", o.type_name()),
                };
                let hint = match other {
                    Value::Class(c) => format!(
                        "; was a class (__main__.{}) supplied where an instance was required?",
                        c.name
                    ),
                    _ => String::new(),
                };
                let err = self.bridge.error(
                    i,
                    "UnmappedInstanceError",
                    &format!("Class '{shown}' is not mapped{hint}"),
                );
                let cause = match other {
                    Value::Instance(inst) => format!(
                        "'{}' object has no attribute '_sa_instance_state'",
                        inst.class.name
                    ),
                    Value::Class(c) => {
                        format!(
                            "type object '{}' has no attribute '_sa_instance_state'",
                            c.name
                        )
                    }
                    o => format!(
                        "'{}' object has no attribute '_sa_instance_state'",
                        o.type_name()
                    ),
                };
                Err(self.bridge.chained(i, err, "AttributeError", &cause))
            }
        }
    }

    /// `expire()` / `refresh()` need an object persistent in this session.
    pub(super) fn check_persistent(&self, i: &Interpreter, id: ObjectId) -> PyResult<()> {
        let (state, class) = {
            let store = self.bridge.store.borrow();
            match store.get(id) {
                Ok(o) => (o.state, o.mapper.class_name().to_owned()),
                Err(e) => return Err(self.bridge.raise(i, e)),
            }
        };
        let mine = self.session.borrow().contains(id);
        if state == retort::session::ObjectState::Persistent && mine {
            return Ok(());
        }
        Err(self.bridge.error(
            i,
            "InvalidRequestError",
            &format!(
                "Instance '<{class} at 0x{:x}>' is not persistent within this Session",
                id.0
            ),
        ))
    }

    /// SQLAlchemy refuses to add an object that belongs to another session.
    fn check_not_elsewhere(&self, i: &Interpreter, id: ObjectId) -> PyResult<()> {
        let Some(other) = self.bridge.session_of(id) else {
            return Ok(());
        };
        if Rc::ptr_eq(&other, &self.session) {
            return Ok(());
        }
        let n = self.bridge.session_object(&other).map_or(0, |(_, n)| n);
        let class = self
            .bridge
            .store
            .borrow()
            .get(id)
            .map(|o| o.mapper.class_name().to_owned())
            .unwrap_or_default();
        Err(self.bridge.error(
            i,
            "InvalidRequestError",
            &format!(
                "Object '<{class} at 0x{:x}>' is already attached to session '{n}' (this is '{}')",
                id.0, self.number
            ),
        ))
    }

    fn identity_set(&self, ids: Vec<ObjectId>) -> PyResult<Value> {
        let objects: PyResult<Vec<Value>> =
            ids.into_iter().map(|id| self.bridge.object(id)).collect();
        Ok(obj(IdentitySet(objects?)))
    }

    /// A result of one entity column, `mapper`'s class, whose rows are the objects `ids`
    /// (what `insert(...).returning(User)` and `update(...).returning(User)` give).
    fn entity_rows(&self, mapper: &retort::mapper::Mapper, ids: Vec<ObjectId>) -> PyResult<Value> {
        let mut objects = Vec::with_capacity(ids.len());
        for id in ids {
            objects.push(vec![self.bridge.object(id)?]);
        }
        let key = mapper.class_name().to_owned();
        Ok(ResultObj::orm_rows(
            &self.bridge,
            vec![key],
            objects,
            false,
            None,
        ))
    }

    pub(super) fn execute(&self, i: &mut Interpreter, a: &Args) -> PyResult<Value> {
        self.flush_with_events(i, true)?;
        let stmt = a.pos.first().cloned().unwrap_or(Value::None);
        if let Some(f) = native::<super::from_statement::SelectFromText>(&stmt) {
            let params = match a.pos.get(1) {
                Some(Value::Dict(_)) => {
                    super::from_statement::params_kw(i, &Args::positional(vec![a.pos[1].clone()]))?
                }
                _ => Vec::new(),
            };
            let run = super::from_statement::FromStatementObj {
                bridge: self.bridge.clone(),
                session: self.session.clone(),
                items: f.items.clone(),
                keys: f.keys.clone(),
                text: f.text.clone(),
                params,
            };
            let rows = run.rows(i)?;
            return Ok(ResultObj::orm_rows(
                &self.bridge,
                f.keys.to_vec(),
                rows,
                false,
                None,
            ));
        }
        if let Some(s) = native::<SelectObj>(&stmt) {
            self.bridge.configure_strict(i)?;
            self.bridge.prune(&self.session);
            let q = s.stmt.clone();
            let r = self.run(i, |s| s.execute(&q))?;
            let rows = rows_to_py(&self.bridge, i, r.rows, &q)?;
            let (keys, rows) = super::bundle::regroup(&s.bundles, r.keys, rows);
            return Ok(ResultObj::orm_rows(
                &self.bridge,
                keys,
                rows,
                r.joined_collections,
                q.yield_per,
            ));
        }
        if let Some(t) = native::<TextObj>(&stmt) {
            let clause = t.0.clone();
            let params = params_of(i, a.pos.get(1))?;
            let r = self.run(i, |s| s.execute_text(&clause, &params))?;
            return Ok(ResultObj::from_cursor(&self.bridge, r));
        }
        if let Some(mut st) = super::expr::core_statement(i, &self.bridge, &stmt)? {
            self.bridge.add_onupdates(i, &mut st)?;
            let sync = super::dml::sync_requested(i, a, &stmt)?;
            let rows = params_of(i, a.pos.get(1))?;
            let orm = native::<super::table::DmlObj>(&stmt).and_then(|d| d.mapper.clone());
            if let (retort::sql::Statement::Insert(ins), Some(mapper), Some(d)) =
                (&st, &orm, native::<super::table::DmlObj>(&stmt))
                && d.returning_entity
            {
                // `session.scalars(insert(User).returning(User), rows)`: the new objects.
                let ids = self.run(i, |s| s.insert_returning(ins, &rows, mapper))?;
                return self.entity_rows(mapper, ids);
            }
            let sync = super::dml::sync_option(&self.bridge, i, sync.as_ref())?;
            let r = match (&st, &orm) {
                // ORM bulk UPDATE by primary key: `session.execute(update(User), [rows])`;
                // the objects of its rows take the new values.
                (retort::sql::Statement::Update(u), Some(mapper))
                    if !rows.is_empty() && u.where_.is_empty() && u.values.is_empty() =>
                {
                    let table = mapper.table().clone();
                    let r = self.run(i, |s| s.bulk_update_by_pk(&table, &rows))?;
                    if sync != super::dml::Sync::None {
                        super::dml::synchronize_rows(
                            &self.bridge,
                            i,
                            &self.session,
                            mapper,
                            &rows,
                        )?;
                    }
                    r
                }
                (retort::sql::Statement::Insert(_), Some(_)) if !rows.is_empty() => {
                    self.run(i, |s| s.bulk_insert(&st, &rows))?
                }
                _ if !rows.is_empty() => self.run(i, |s| s.execute_core_with(&st, &rows))?,
                // An ORM-enabled UPDATE / DELETE keeps the session's objects in step.
                (
                    retort::sql::Statement::Update(_) | retort::sql::Statement::Delete(_),
                    Some(mapper),
                ) => self.run(i, |s| s.execute_orm_dml(&st, mapper, sync))?,
                _ => self.run(i, |s| s.execute_core(&st))?,
            };
            if let (retort::sql::Statement::Update(_), Some(mapper), Some(d)) =
                (&st, &orm, native::<super::table::DmlObj>(&stmt))
                && d.returning_entity
            {
                // `update(User)...returning(User)`: the updated rows as the session's objects.
                let mut ids = Vec::with_capacity(r.rows.len());
                for row in r.rows {
                    ids.push(self.run(i, |s| s.hydrate(mapper, row))?);
                }
                return self.entity_rows(mapper, ids);
            }
            return ResultObj::from_statement(&self.bridge, i, r, &st);
        }
        if let Value::Str(s) = stmt {
            return Err(self.bridge.error(
                i,
                "ArgumentError",
                &format!(
                    "Textual SQL expression '{s}' should be explicitly declared as text('{s}')"
                ),
            ));
        }
        Err(super::unsupported(
            i,
            &format!("Session.execute() of {}", stmt.type_name()),
        ))
    }
}

/// The session a value is, if it is one.
pub(super) fn me(v: &Value) -> Option<&SessionObj> {
    native::<SessionObj>(v)
}

impl NativeObject for SessionObj {
    fn type_name(&self) -> String {
        "Session".into()
    }
    fn class(&self) -> Option<Rc<crate::Class>> {
        self.bridge.session_class.borrow().clone()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.session.Session object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn iterate(&self, i: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        self.bridge.prune(&self.session);
        let ids: Vec<ObjectId> = self
            .session
            .borrow()
            .identity_map()
            .into_iter()
            .map(|(_, id)| id)
            .collect();
        let mut all = self.session.borrow().new_objects();
        all.extend(ids);
        let _ = i;
        Some(all.into_iter().map(|id| self.bridge.object(id)).collect())
    }
    fn get_attr(&self, i: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        match name {
            "new" => {
                return Ok(Some(self.identity_set(self.session.borrow().seen_new())?));
            }
            "dirty" => return Ok(Some(self.identity_set(self.session.borrow().seen_dirty())?)),
            "deleted" => {
                return Ok(Some(
                    self.identity_set(self.session.borrow().seen_deleted())?,
                ));
            }
            "bind" => return Ok(Some(self.bind.clone())),
            "autoflush" => return Ok(Some(Value::Bool(self.session.borrow().autoflush))),
            // False from a failed flush until rollback() (SQLAlchemy's inactive transaction).
            "is_active" => return Ok(Some(Value::Bool(!self.failed.get()))),
            _ => {}
        }
        let this = this.clone();
        let name: &'static str = match SESSION_METHODS.iter().find(|m| **m == name) {
            Some(m) => m,
            None => return Ok(None),
        };
        macro_rules! m {
            (|$i:ident, $s:ident, $a:ident| $body:expr) => {
                method(name, move |$i: &mut Interpreter, $a: Args| {
                    let Some($s) = me(&this) else {
                        return Err($i.type_error("not a session"));
                    };
                    $body
                })
            };
        }
        let _ = i;
        Ok(match name {
            "__enter__" => m!(|_i, s, _a| {
                let _ = s;
                Ok(this.clone())
            }),
            "__exit__" | "close" => m!(|i, s, _a| {
                s.run(i, |s| s.close())?;
                Ok(if name == "close" {
                    Value::None
                } else {
                    Value::Bool(false)
                })
            }),
            "add" => m!(|i, s, a| {
                let v = a.pos.first().cloned().unwrap_or(Value::None);
                let id = s.id(i, &v)?;
                s.check_not_elsewhere(i, id)?;
                if s.failed.get() {
                    s.changed_while_failed.set(true);
                }
                s.run(i, |s| s.add(id))?;
                Ok(Value::None)
            }),
            "add_all" => m!(|i, s, a| {
                let ids = s.ids(i, &a)?;
                if s.failed.get() {
                    s.changed_while_failed.set(true);
                }
                s.run(i, |s| s.add_all(&ids))?;
                Ok(Value::None)
            }),
            "delete" => m!(|i, s, a| {
                let v = a.pos.first().cloned().unwrap_or(Value::None);
                let id = s.id(i, &v)?;
                s.run(i, |s| s.delete(id))?;
                Ok(Value::None)
            }),
            "flush" => m!(|i, s, _a| {
                s.flush_with_events(i, false)?;
                s.warn_conflicts(i)?;
                let unsaved = s.unsaved_related();
                s.run(i, |s| s.flush())?;
                s.warn_unsaved(i, unsaved);
                Ok(Value::None)
            }),
            "commit" => m!(|i, s, _a| {
                s.fire(i, "before_commit", Vec::new())?;
                s.flush_with_events(i, false)?;
                s.warn_conflicts(i)?;
                let unsaved = s.unsaved_related();
                s.run(i, |s| s.commit())?;
                s.warn_unsaved(i, unsaved);
                s.fire(i, "after_commit", Vec::new())?;
                Ok(Value::None)
            }),
            "rollback" => m!(|i, s, _a| {
                if s.failed.replace(false) && s.changed_while_failed.replace(false) {
                    s.bridge.warn(
                        i,
                        "SAWarning",
                        "Session's state has been changed on a non-active transaction - this state will be discarded.",
                    );
                }
                let open = s.session.borrow().in_transaction();
                s.run(i, |s| s.rollback())?;
                if open {
                    s.fire(i, "after_rollback", Vec::new())?;
                }
                Ok(Value::None)
            }),
            "expire_all" => m!(|i, s, _a| {
                s.run(i, |s| s.expire_all())?;
                Ok(Value::None)
            }),
            "expunge_all" => m!(|i, s, _a| {
                s.run(i, |s| s.expunge_all())?;
                Ok(Value::None)
            }),
            "expire" | "refresh" | "expunge" => m!(|i, s, a| s.expire_refresh_expunge(i, name, &a)),
            "merge" => m!(|i, s, a| s.merge(i, a, false)),
            "merge_all" => m!(|i, s, a| s.merge(i, a, true)),
            "is_modified" => m!(|i, s, a| {
                let v = a.pos.first().cloned().unwrap_or(Value::None);
                let id = s.id(i, &v)?;
                Ok(Value::Bool(s.run(i, |s| s.is_modified(id))?))
            }),
            "get" => m!(|i, s, a| s.get(i, &a)),
            "execute" => m!(|i, s, a| s.execute(i, &a)),
            "bulk_insert_mappings" => m!(|i, s, a| s.bulk_mappings(i, &a, "insert")),
            "bulk_update_mappings" => m!(|i, s, a| s.bulk_mappings(i, &a, "update")),
            "bulk_save_objects" => m!(|i, s, a| s.bulk_save_objects(i, &a)),
            "scalars" => m!(|i, s, a| {
                let r = s.execute(i, &a)?;
                let f = i.getattr(&r, "scalars")?;
                i.call(&f, Args::default())
            }),
            "scalar" => m!(|i, s, a| {
                let r = s.execute(i, &a)?;
                let f = i.getattr(&r, "scalar")?;
                i.call(&f, Args::default())
            }),
            "query" => m!(|i, s, a| {
                s.bridge.prune(&s.session);
                super::query::query(&s.bridge, i, &s.session, a)
            }),
            "get_bind" => m!(|_i, s, _a| Ok(s.bind.clone())),
            "is_active" => Some(Value::Bool(!self.session.borrow().needs_rollback())),
            "info" => Some(self.info.clone()),
            "connection" => {
                m!(|_i, _s, _a| Ok(obj(super::session_views::SessionConnection(this.clone()))))
            }
            "in_transaction" => {
                m!(|_i, s, _a| Ok(Value::Bool(s.session.borrow().in_transaction())))
            }
            "in_nested_transaction" => {
                m!(|_i, s, _a| Ok(Value::Bool(s.session.borrow().nested_depth() > 0)))
            }
            "begin" => m!(|i, s, _a| {
                s.run(i, |s| s.begin_transaction())?;
                Ok(obj(BeginBlock {
                    session: this.clone(),
                    enter_returns_session: false,
                }))
            }),
            "begin_nested" => m!(|i, s, _a| {
                let depth = s.run(i, |s| s.begin_nested().map(|()| s.nested_depth()))?;
                Ok(obj(super::session_views::NestedBlock {
                    session: this.clone(),
                    depth,
                }))
            }),
            "no_autoflush" => Some(obj(NoAutoflush(this.clone()))),
            "identity_map" => {
                self.bridge.prune(&self.session);
                let b = self.bridge.clone();
                let pairs = self.session.borrow().identity_map();
                let mut out = Vec::new();
                for (_, id) in pairs {
                    let object = b.object(id)?;
                    let pk = b.store.borrow().get(id).ok().and_then(|o| o.pk_values());
                    let key = match (&object, pk) {
                        (Value::Instance(inst), Some(pk)) => Value::tuple(vec![
                            Value::Class(super::inheritance::identity_class(&b, &inst.class)),
                            Value::tuple(pk.iter().map(super::to_py).collect()),
                            Value::None,
                        ]),
                        _ => Value::None,
                    };
                    out.push((key, object));
                }
                Some(obj(IdentityMap(out)))
            }
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

const SESSION_METHODS: &[&str] = &[
    "__enter__",
    "__exit__",
    "close",
    "add",
    "add_all",
    "delete",
    "flush",
    "commit",
    "rollback",
    "expire_all",
    "expunge_all",
    "expire",
    "refresh",
    "expunge",
    "merge",
    "merge_all",
    "is_modified",
    "get",
    "execute",
    "bulk_insert_mappings",
    "bulk_update_mappings",
    "bulk_save_objects",
    "scalars",
    "scalar",
    "query",
    "get_bind",
    "is_active",
    "info",
    "connection",
    "in_transaction",
    "begin",
    "begin_nested",
    "in_nested_transaction",
    "no_autoflush",
    "identity_map",
];

/// The metaclass SQLAlchemy names for a class given where an instance was expected.
fn metaclass_name(c: &crate::Class) -> &'static str {
    let declarative = c
        .mro
        .iter()
        .any(|m| m.name == "DeclarativeBase" && m.module == "sqlalchemy.orm");
    if declarative {
        "sqlalchemy.orm.decl_api.DeclarativeAttributeIntercept"
    } else if c.lookup("metadata").is_some() {
        "sqlalchemy.orm.decl_api.DeclarativeMeta"
    } else {
        "builtins.type"
    }
}
