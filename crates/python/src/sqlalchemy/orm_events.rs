//! ORM events through `event.listen()` / `@event.listens_for()`:
//!
//! - session events (on `Session`, a `sessionmaker`, a `scoped_session` or one session):
//!   `before_flush`, `after_flush`, `after_flush_postexec`, `before_commit`, `after_commit`,
//!   `after_rollback`;
//! - mapper events (on a mapped class, or with `propagate=True` on a base class):
//!   `before_insert`, `after_insert`, `before_update`, `after_update`, `before_delete`,
//!   `after_delete`, each called with (mapper, connection, target);
//! - instance events: `init` (target, args, kwargs) before the class's `__init__`, and
//!   `load` (target, context) after a query first loads an object.
//!
//! While any flush event is listened for, a session's flush (explicit, by `commit()`, or the
//! autoflush of a query) is driven from here one step of its plan at a time, so that the
//! listeners run between the statements as SQLAlchemy runs them.

use super::session::SessionObj;
use super::{Bridge, method, native, obj};
use crate::function::{Args, NativeFunction};
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Class, Interpreter, PyResult};
use retort::session::{ObjectId, ObjectState, Session};
use retort::unit_of_work::StepKind;
use std::any::Any;
use std::cell::RefCell;
use std::rc::{Rc, Weak};

const SESSION_EVENTS: &[&str] = &[
    "before_flush",
    "after_flush",
    "after_flush_postexec",
    "before_commit",
    "after_commit",
    "after_rollback",
];

const MAPPER_EVENTS: &[&str] = &[
    "before_insert",
    "after_insert",
    "before_update",
    "after_update",
    "before_delete",
    "after_delete",
];

/// The keyword flags of `listen()`.
#[derive(Clone, Copy, Default)]
pub struct Flags {
    /// `propagate=True`: subclasses too.
    pub propagate: bool,
    /// `retval=True`: the listener's return value replaces the event's value.
    pub retval: bool,
}

/// What a listener listens to.
enum Target {
    /// A column attribute (`User.name`): class name, attribute, `retval=`.
    Attribute(String, String, bool),
    /// Every session.
    AnySession,
    /// One session.
    Session(Weak<RefCell<Session>>),
    /// Instances of a class (`propagate`: and of its subclasses).
    Class(Rc<Class>, bool),
}

struct Listener {
    target: Target,
    event: String,
    f: Value,
}

/// The ORM listeners of one interpreter, and the objects loaded since the `load` listeners
/// last ran.
#[derive(Default)]
pub struct Listeners {
    all: RefCell<Vec<Listener>>,
    loaded: RefCell<Vec<ObjectId>>,
}

impl Listeners {
    fn matching(&self, event: &str, pred: impl Fn(&Target) -> bool) -> Vec<Value> {
        self.all
            .borrow()
            .iter()
            .filter(|l| l.event == event && pred(&l.target))
            .map(|l| l.f.clone())
            .collect()
    }

    fn any(&self, events: &[&str]) -> bool {
        self.all
            .borrow()
            .iter()
            .any(|l| events.contains(&l.event.as_str()))
    }

    /// Whether a flush must be driven from here (a flush event is listened for).
    pub fn drive_flush(&self) -> bool {
        self.any(&["before_flush", "after_flush", "after_flush_postexec"])
            || self.any(MAPPER_EVENTS)
    }

    /// Records the objects a query loaded (for the `load` listeners).
    pub fn note_loaded(&self, id: ObjectId) {
        if !self.all.borrow().is_empty() {
            self.loaded.borrow_mut().push(id);
        }
    }
}

/// Registers `f` for the ORM event `name` of `target`; `Ok(false)` when `target` / `name`
/// is no ORM event this module knows.
pub fn listen(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    target: &Value,
    name: &str,
    f: &Value,
    flags: Flags,
) -> PyResult<bool> {
    let propagate = flags.propagate;
    if let Some(attr) = native::<super::instrument::Attribute>(target) {
        if name != "set" || attr.kind != super::instrument::Kind::Column {
            return Err(super::unsupported(
                i,
                &format!(
                    "the attribute event {name:?} of a {} attribute",
                    match attr.kind {
                        super::instrument::Kind::Column => "column",
                        super::instrument::Kind::Relationship => "relationship",
                    }
                ),
            ));
        }
        b.orm_events.all.borrow_mut().push(Listener {
            target: Target::Attribute(
                attr.mapper.class_name().to_owned(),
                attr.key.clone(),
                flags.retval,
            ),
            event: name.to_owned(),
            f: f.clone(),
        });
        return Ok(true);
    }
    if flags.retval {
        return Err(super::unsupported(
            i,
            "event.listen(retval=True) of this event",
        ));
    }
    let session_target = if let Some(s) = native::<SessionObj>(target) {
        Some(Target::Session(Rc::downgrade(&s.session)))
    } else if native::<super::sessionmaker::SessionFactory>(target).is_some()
        || native::<super::scoped::ScopedSession>(target).is_some()
    {
        Some(Target::AnySession)
    } else {
        match target {
            Value::Class(c)
                if b.session_class
                    .borrow()
                    .as_ref()
                    .is_some_and(|s| Rc::ptr_eq(s, c)) =>
            {
                Some(Target::AnySession)
            }
            _ => None,
        }
    };
    if let Some(t) = session_target {
        if !SESSION_EVENTS.contains(&name) {
            return Err(super::unsupported(
                i,
                &format!("the session event {name:?}"),
            ));
        }
        b.orm_events.all.borrow_mut().push(Listener {
            target: t,
            event: name.to_owned(),
            f: f.clone(),
        });
        return Ok(true);
    }
    let Value::Class(c) = target else {
        return Ok(false);
    };
    let mapped = b
        .mapped_class_of(c)
        .is_some_and(|m| Rc::ptr_eq(&m.class, c));
    if !mapped && !propagate {
        return Ok(false);
    }
    if !MAPPER_EVENTS.contains(&name) && !matches!(name, "init" | "load") {
        return Err(super::unsupported(i, &format!("the mapper event {name:?}")));
    }
    if name == "init" {
        wrap_init(b, c);
    }
    b.orm_events.all.borrow_mut().push(Listener {
        target: Target::Class(c.clone(), propagate),
        event: name.to_owned(),
        f: f.clone(),
    });
    Ok(true)
}

/// Makes `class.__init__` call the `init` listeners first (once per class).
fn wrap_init(b: &Rc<Bridge>, class: &Rc<Class>) {
    if class.dict.borrow().contains_key("__sa_init_wrapped__") {
        return;
    }
    let Some(original) = class.lookup("__init__") else {
        return;
    };
    let bridge = Rc::downgrade(b);
    let wrapper = NativeFunction::value("__init__", move |i, a: Args| {
        if let (Some(b), Some(target)) = (bridge.upgrade(), a.pos.first())
            && let Value::Instance(inst) = target
        {
            let class = inst.class.clone();
            let listeners = b.orm_events.matching("init", |t| class_matches(t, &class));
            if !listeners.is_empty() {
                let args = Value::tuple(a.pos[1..].to_vec());
                let mut d = crate::value::Dict::default();
                for (k, v) in &a.kw {
                    let key = Value::str(k);
                    if let Some(hk) = key.hash_key() {
                        crate::value::dict_put(&mut d, hk, key, v.clone());
                    }
                }
                let kwargs = Value::Dict(Rc::new(RefCell::new(d)));
                for f in listeners {
                    i.call(
                        &f,
                        Args::positional(vec![target.clone(), args.clone(), kwargs.clone()]),
                    )?;
                }
            }
        }
        i.call(&original, a)
    });
    let mut d = class.dict.borrow_mut();
    d.insert("__init__".into(), wrapper);
    d.insert("__sa_init_wrapped__".into(), Value::Bool(true));
}

/// Runs the `set` listeners of column attribute `key` of `class` for `target` (object `id`)
/// being set to `value`; returns the value to set (a `retval=True` listener's result).
pub fn fire_set(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    class: &str,
    key: &str,
    target: &Value,
    id: ObjectId,
    value: Value,
) -> PyResult<Value> {
    let listeners: Vec<(Value, bool)> = b
        .orm_events
        .all
        .borrow()
        .iter()
        .filter_map(|l| match &l.target {
            Target::Attribute(c, k, retval) if l.event == "set" && c == class && k == key => {
                Some((l.f.clone(), *retval))
            }
            _ => None,
        })
        .collect();
    if listeners.is_empty() {
        return Ok(value);
    }
    let old = {
        let store = b.store.borrow();
        store
            .get(id)
            .ok()
            .and_then(|o| o.mapper.attr(key).ok().and_then(|p| o.values[p].clone()))
    };
    let oldvalue = match old {
        Some(v) => super::to_py(&v),
        None => obj(Opaque("<LoaderCallableStatus.NO_VALUE: 4>")),
    };
    let token = obj(Opaque("sqlalchemy.orm.attributes.AttributeEventToken"));
    let mut value = value;
    for (f, retval) in listeners {
        let r = i.call(
            &f,
            Args::positional(vec![
                target.clone(),
                value.clone(),
                oldvalue.clone(),
                token.clone(),
            ]),
        )?;
        if retval {
            value = r;
        }
    }
    Ok(value)
}

fn class_matches(t: &Target, class: &Rc<Class>) -> bool {
    match t {
        Target::Class(c, propagate) => {
            Rc::ptr_eq(c, class) || (*propagate && class.mro.iter().any(|m| Rc::ptr_eq(m, c)))
        }
        _ => false,
    }
}

fn session_matches(t: &Target, s: &Rc<RefCell<Session>>) -> bool {
    match t {
        Target::AnySession => true,
        Target::Session(w) => w.upgrade().is_some_and(|x| Rc::ptr_eq(&x, s)),
        Target::Class(..) | Target::Attribute(..) => false,
    }
}

impl SessionObj {
    /// Calls the session listeners of `event` with the session and `extra` arguments.
    pub(super) fn fire(&self, i: &mut Interpreter, event: &str, extra: Vec<Value>) -> PyResult<()> {
        let listeners = self
            .bridge
            .orm_events
            .matching(event, |t| session_matches(t, &self.session));
        if listeners.is_empty() {
            return Ok(());
        }
        let me = self
            .bridge
            .session_object(&self.session)
            .map_or(Value::None, |(v, _)| v);
        for f in listeners {
            let mut args = vec![me.clone()];
            args.extend(extra.iter().cloned());
            i.call(&f, Args::positional(args))?;
        }
        Ok(())
    }

    /// The flush that an operation would begin with (`autoflush`: only when the session
    /// autoflushes), driven step by step with the listeners when any flush event is listened
    /// for; nothing otherwise (the operation's own flush runs).
    pub(super) fn flush_with_events(&self, i: &mut Interpreter, autoflush: bool) -> PyResult<()> {
        flush_session(&self.bridge, i, &self.session, autoflush)
    }

    /// Runs the `load` listeners of the objects loaded since they last ran.
    pub(super) fn fire_loads(&self, i: &mut Interpreter) -> PyResult<()> {
        fire_loads(&self.bridge, i)
    }
}

/// Runs the `load` listeners of the objects loaded since they last ran.
pub fn fire_loads(b: &Rc<Bridge>, i: &mut Interpreter) -> PyResult<()> {
    let loaded = std::mem::take(&mut *b.orm_events.loaded.borrow_mut());
    for id in loaded {
        let target = b.object(id)?;
        let Value::Instance(inst) = &target else {
            continue;
        };
        let class = inst.class.clone();
        for f in b.orm_events.matching("load", |t| class_matches(t, &class)) {
            i.call(
                &f,
                Args::positional(vec![
                    target.clone(),
                    obj(Opaque("sqlalchemy.orm.context.QueryContext")),
                ]),
            )?;
        }
    }
    Ok(())
}

/// [`SessionObj::flush_with_events`] of the ORM session `session`.
pub fn flush_session(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    session: &Rc<RefCell<Session>>,
    autoflush: bool,
) -> PyResult<()> {
    if !b.orm_events.drive_flush() {
        return Ok(());
    }
    let clean = {
        let Ok(s) = session.try_borrow() else {
            return Ok(());
        };
        if (autoflush && !s.autoflush) || s.needs_rollback() {
            return Ok(());
        }
        s.new_objects().is_empty() && s.dirty().is_empty() && s.deleted_objects().is_empty()
    };
    if clean {
        return Ok(());
    }
    let me = b.session_object(session).map_or(Value::None, |(v, _)| v);
    let context = obj(Opaque("sqlalchemy.orm.unitofwork.UOWTransaction"));
    let fire_session = |i: &mut Interpreter, event: &str, args: Vec<Value>| -> PyResult<()> {
        for f in b
            .orm_events
            .matching(event, |t| session_matches(t, session))
        {
            let mut all = vec![me.clone()];
            all.extend(args.iter().cloned());
            i.call(&f, Args::positional(all))?;
        }
        Ok(())
    };
    fire_session(i, "before_flush", vec![context.clone(), Value::None])?;
    b.apply_defaults(i, session)?;
    let plan = {
        // `after_flush` sees the session as before the flush (kept until its end).
        let r = {
            let mut s = session.borrow_mut();
            s.keep_pre_flush = true;
            let r = s.prepare_flush();
            s.keep_pre_flush = false;
            r
        };
        b.pump(i);
        r.map_err(|e| b.raise(i, e))?
    };
    let connection = obj(Opaque("sqlalchemy.engine.base.Connection"));
    for step in &plan.steps {
        let events = match step.kind {
            StepKind::Insert => Some(("before_insert", "after_insert")),
            StepKind::Update => Some(("before_update", "after_update")),
            StepKind::Delete => Some(("before_delete", "after_delete")),
            _ => None,
        };
        if let Some((before, _)) = events {
            fire_mapper(b, i, before, &step.objects, &connection)?;
        }
        let r = session.borrow_mut().run_step(step);
        b.pump(i);
        r.map_err(|e| b.raise(i, e))?;
        if let Some((_, after)) = events {
            fire_mapper(b, i, after, &step.objects, &connection)?;
        }
    }
    // As SQLAlchemy: `after_flush` sees the attributes' history as before the flush,
    // `after_flush_postexec` as after it.
    fire_session(i, "after_flush", vec![context.clone()])?;
    let r = session.borrow_mut().finish_flush();
    r.map_err(|e| b.raise(i, e))?;
    fire_session(i, "after_flush_postexec", vec![context])
}

fn fire_mapper(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    event: &str,
    ids: &[ObjectId],
    connection: &Value,
) -> PyResult<()> {
    for &id in ids {
        let target = b.object(id)?;
        let Value::Instance(inst) = &target else {
            continue;
        };
        let class = inst.class.clone();
        let listeners = b.orm_events.matching(event, |t| class_matches(t, &class));
        if listeners.is_empty() {
            continue;
        }
        let Some(mapped) = b.mapped_class_of(&class) else {
            continue;
        };
        let mapper = obj(super::inspect::MapperObj(mapped, Rc::downgrade(b)));
        for f in listeners {
            i.call(
                &f,
                Args::positional(vec![mapper.clone(), connection.clone(), target.clone()]),
            )?;
        }
    }
    Ok(())
}

/// Whether a state change is a query loading a new object (for the `load` event).
pub fn is_load(from: ObjectState, to: ObjectState) -> bool {
    from == ObjectState::Transient && to == ObjectState::Persistent
}

/// An object listeners receive but Retort does not model (the flush context, the
/// connection of a mapper event, a query context).
struct Opaque(&'static str);

impl NativeObject for Opaque {
    fn type_name(&self) -> String {
        self.0.rsplit('.').next().unwrap_or(self.0).to_owned()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        if self.0.starts_with('<') {
            return Ok(self.0.to_owned());
        }
        Ok(format!(
            "<{} object at 0x{:x}>",
            self.0, self as *const Self as usize
        ))
    }
    fn get_attr(&self, i: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let what = format!("{}.{name}", self.type_name());
        let _ = i;
        Ok(method(name, move |i, _| Err(super::unsupported(i, &what))))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
