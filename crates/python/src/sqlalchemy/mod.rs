//! The `sqlalchemy` modules: the bridge between Python scripts and the ORM core (`retort`).
//!
//! Every module a tutorial imports (`sqlalchemy`, `sqlalchemy.orm`, `sqlalchemy.exc`, ...) is
//! registered here over one shared [`Bridge`]: the object arena all sessions share, the
//! engines (whose events are pumped to stdout as the echo log right after each call that may
//! run SQL), the mapped classes and the Python instance of every ORM object.
//!
//! The bridge builds expression trees and calls the ORM; SQL text is only ever built in
//! `retort::sql`, and the echo text only in `retort::engine::echo`.

mod annotations;
pub mod association_proxy;
pub mod bundle;
pub mod collection;
pub mod column_options;
pub mod column_property;
pub mod compiled;
pub mod composite;
pub mod compound;
pub mod connection_params;
pub mod constraints;
pub mod convert;
pub use convert::{date_from_sql, decimal_from_sql, to_py, to_sql};
pub mod core_defaults;
pub mod dataclass;
pub mod ddl_elements;
pub mod declarative;
pub mod declared_attr;
pub mod defaults;
pub mod dml;
pub mod dml_exprs;
pub mod dml_stmt;
pub mod dynamic;
pub mod elements;
pub mod engine;
pub mod engine_info;
pub mod events;
pub mod exc;
pub mod expr;
pub mod expr_functions;
pub mod expr_window;
pub mod from_statement;
pub mod hybrid;
mod inheritance;
pub mod inspect;
pub mod instrument;
pub mod loader_options;
pub mod mapper_info;
pub mod modules;
pub mod orm_events;
pub mod orm_functions;
pub mod overlaps;
pub mod property;
pub mod query;
pub mod reflection;
pub mod registry;
pub mod relationship;
pub mod relationship_args;
pub mod result;
pub mod rows;
pub mod schema;
pub mod scoped;
pub mod select;
pub mod select_filter_by;
pub mod select_generative;
pub mod select_info;
pub mod select_join;
pub mod session;
mod session_bulk;
pub mod session_methods;
pub mod session_views;
pub mod session_warnings;
pub mod sessionmaker;
pub mod state;
pub mod subquery;
pub mod synonym;
pub mod table;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_backrefs;
#[cfg(test)]
mod tests_column_property;
#[cfg(test)]
mod tests_contains;
#[cfg(test)]
mod tests_core;
#[cfg(test)]
mod tests_descriptors;
#[cfg(test)]
mod tests_dynamic;
#[cfg(test)]
mod tests_events;
#[cfg(test)]
mod tests_faith;
#[cfg(test)]
mod tests_loading;
#[cfg(test)]
mod tests_mapping;
#[cfg(test)]
mod tests_more;
#[cfg(test)]
mod tests_query;
#[cfg(test)]
mod tests_scoped;
#[cfg(test)]
mod tests_textual;
pub mod transaction;
pub mod validates;
pub mod weak;
#[cfg(test)]
mod weak_tests;
pub mod write_only;

use crate::class::{Class, Instance};
use crate::function::{Args, NativeFunction};
use crate::modules::{ModuleRegistry, NativeObject};
use crate::value::Value;
use crate::{Exc, Interpreter, PyResult};
use retort::Engine;
use retort::mapper::Mapper;
use retort::session::{ObjectId, Session, Store};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::{Rc, Weak};

/// How an engine logs (`create_engine(echo=...)`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Echo {
    /// No log.
    Off,
    /// `echo=True`: statements, parameters, transaction boundaries.
    On,
    /// `echo="debug"`: as `On`, plus the `Col (...)` / `Row (...)` lines of each result.
    Debug,
}

/// An engine's logging: what it does now, and what a change of `engine.echo` made while a
/// transaction was open will do once that transaction ends (SQLAlchemy's connections take
/// the engine's echo setting when they are created).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct EchoState {
    /// How the engine logs now.
    pub now: Echo,
    /// How it logs after the current transaction's COMMIT or ROLLBACK.
    pub after_transaction: Option<Echo>,
    /// `create_engine(hide_parameters=True)`.
    pub hide_parameters: bool,
}

/// A shared, settable [`EchoState`].
pub type EchoCell = Rc<std::cell::Cell<EchoState>>;

/// A mapped class: its Python class and its ORM mapper.
#[derive(Clone)]
pub struct Mapped {
    /// The Python class.
    pub class: Rc<Class>,
    /// The ORM mapper.
    pub mapper: Rc<Mapper>,
}

/// A relationship's `backref=` (None when not given) and `order_by=` as given.
pub type RelInfo = (Value, Option<Value>);

/// A Python `Session` object: the ORM session it wraps, itself, and its number.
pub type SessionEntry = (Weak<RefCell<Session>>, Weak<dyn NativeObject>, usize);

/// What all `sqlalchemy` modules of one interpreter share.
#[derive(Default)]
pub struct Bridge {
    /// The arena of every ORM object.
    pub store: Rc<RefCell<Store>>,
    /// Every engine created, with how it logs.
    pub engines: RefCell<Vec<(Engine, EchoCell)>>,
    /// Mapped classes by class name.
    pub mapped: RefCell<HashMap<String, Mapped>>,
    /// The Python instance of each ORM object.
    pub objects: RefCell<HashMap<usize, Value>>,
    /// Live sessions (to find the one an object belongs to).
    pub sessions: RefCell<Vec<Weak<RefCell<Session>>>>,
    /// The Python `Session` objects with their numbers (SQLAlchemy numbers sessions from 1
    /// per process), by the session they wrap.
    pub session_objects: RefCell<Vec<SessionEntry>>,
    /// Exception classes created so far, by name.
    pub exc_classes: RefCell<HashMap<String, Rc<Class>>>,
    /// Objects deleted by a flush (SQLAlchemy's `was_deleted`), from the state-change events.
    pub was_deleted: RefCell<HashSet<usize>>,
    /// Relationships annotated `Mapped[set[...]]` (an `InstrumentedSet`), by (class, attribute).
    pub set_collections: RefCell<HashSet<(String, String)>>,
    /// Callable column defaults (`default=datetime.now`): mapper, column, function.
    pub callable_defaults: RefCell<Vec<(Rc<Mapper>, String, Value)>>,
    /// `onupdate=` of mapped columns: mapper, column, the value or the function to call.
    pub onupdates: RefCell<Vec<(Rc<Mapper>, String, Value)>>,
    /// Callable `default=` / `onupdate=` of Core `Table` columns, see [`core_defaults`].
    pub core_defaults: RefCell<Vec<core_defaults::CoreDefault>>,
    /// `backref=` and `order_by=` of each relationship as given, by (class, attribute).
    pub rel_info: RefCell<HashMap<(String, String), RelInfo>>,
    /// The `cascade=` text of each relationship, by (class name, attribute).
    pub cascades: RefCell<HashMap<(String, String), String>>,
    /// The `Session` class (what `type()` of a session returns).
    pub session_class: RefCell<Option<Rc<Class>>>,
    /// Relationships waiting for their target class.
    pub pending: RefCell<Vec<relationship::Pending>>,
    /// A failed mapper configuration: the mapper (`Mapper[User(users)]`) and the message.
    /// SQLAlchemy reports it once, then refuses every later configuration.
    pub config_failed: RefCell<Option<(String, String)>>,
    /// The order attributes were assigned in, per object (its `__dict__` order).
    pub assigned: RefCell<HashMap<usize, Vec<String>>>,
    /// Warnings already shown, by (category, line): Python shows each once per location.
    pub warned: RefCell<HashSet<(String, usize)>>,
    /// The Python value of each `JSON` attribute with the text stored for it, by (object,
    /// attribute): reads give the same dict or list back while the text is unchanged, as
    /// SQLAlchemy's instance `__dict__` does (in-place changes are not tracked, as there).
    pub json_values: RefCell<HashMap<(usize, String), (String, Value)>>,
    /// The Python value assigned to each `Numeric` / `Boolean` attribute with the value
    /// stored for it, by (object, attribute): SQLAlchemy keeps `price = 2` an `int` until the
    /// attribute is loaded from the database (expired, refreshed), which makes it `Decimal`.
    pub set_values: RefCell<HashMap<(usize, String), (retort::Value, Value)>>,
    /// The Python enum class of each `Enum(SomePythonEnum)` / `Mapped[SomePythonEnum]`
    /// column, by (table, column): its stored names read back as members.
    pub py_enums: RefCell<HashMap<(String, String), Value>>,
    /// ORM event listeners (`before_flush`, `before_insert`, `init`, `load`, ...).
    pub orm_events: orm_events::Listeners,
    /// The columns configured relationships write (for SQLAlchemy's overlap warning).
    pub sync_targets: RefCell<Vec<overlaps::SyncTarget>>,
}

impl Bridge {
    /// Writes the echo log of every engine since the last pump (and forgets the events of
    /// engines that do not echo).
    pub fn pump(&self, i: &mut Interpreter) {
        let engines = self.engines.borrow().clone();
        for (engine, echo) in engines {
            let events = engine.drain_events();
            let statements = events
                .iter()
                .filter(|e| {
                    matches!(
                        e,
                        retort::Event::Statement { .. } | retort::Event::StatementRows(_)
                    )
                })
                .count();
            i.budget
                .spend(statements as u64 * crate::budget::SQL_STATEMENT_STEPS);
            for event in &events {
                if let retort::Event::StateChange {
                    objects, from, to, ..
                } = event
                {
                    if orm_events::is_load(*from, *to) {
                        for object in objects {
                            self.orm_events.note_loaded(ObjectId(*object));
                        }
                    }
                    use retort::session::ObjectState as S;
                    let mut was_deleted = self.was_deleted.borrow_mut();
                    for object in objects {
                        match to {
                            S::Deleted => {
                                was_deleted.insert(*object);
                            }
                            S::Pending | S::Persistent => {
                                was_deleted.remove(object);
                            }
                            _ => {}
                        }
                    }
                }
            }
            for mut event in events {
                if let retort::Event::Warning { category, message } = &event {
                    self.warn(i, category, &self.python_addresses(message));
                }
                let state = echo.get();
                if state.now != Echo::Off {
                    floor_cached_since(&mut event);
                    let options = retort::engine::echo::EchoOptions {
                        hide_parameters: state.hide_parameters,
                        debug: state.now == Echo::Debug,
                    };
                    for line in retort::engine::echo::echo_lines_with(&event, options) {
                        i.write_output(&format!("{line}\n"));
                    }
                } else if let Some(log) = crate::logging::engine_log(i) {
                    // `logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)`.
                    floor_cached_since(&mut event);
                    let options = retort::engine::echo::EchoOptions {
                        hide_parameters: state.hide_parameters,
                        debug: log.debug,
                    };
                    for line in retort::engine::echo::echo_lines_with(&event, options) {
                        let debug = line.kind == retort::engine::echo::EchoKind::Debug;
                        let _ = crate::logging::emit_engine_line(
                            i,
                            &log,
                            &line.at,
                            debug,
                            &line.message,
                        );
                    }
                }
                if let (Some(next), retort::Event::Commit { .. } | retort::Event::Rollback { .. }) =
                    (state.after_transaction, &event)
                {
                    echo.set(EchoState {
                        now: next,
                        after_transaction: None,
                        hide_parameters: state.hide_parameters,
                    });
                }
            }
        }
    }

    /// The mapped class named `name`.
    pub fn mapped(&self, name: &str) -> Option<Mapped> {
        self.mapped.borrow().get(name).cloned()
    }

    /// Configures the mappers (declares pending relationships) if any wait: SQLAlchemy does
    /// it on first use (an instance, a query, `inspect()`).
    pub fn configure_pending(self: &Rc<Self>, i: &mut Interpreter) -> PyResult<()> {
        if self.pending.borrow().is_empty() {
            return Ok(());
        }
        relationship::configure(self, i)
    }

    /// Configures the mappers where SQLAlchemy must have them complete (a mapped object is
    /// constructed or its attributes used): a relationship whose target class still does not
    /// exist fails the configuration, with SQLAlchemy's messages.
    pub fn configure_strict(self: &Rc<Self>, i: &mut Interpreter) -> PyResult<()> {
        if let Some((mapper, msg)) = self.config_failed.borrow().clone() {
            return Err(self.error(
                i,
                "InvalidRequestError",
                &format!(
                    "One or more mappers failed to initialize - can't proceed with initialization of other mappers. Triggering mapper: '{mapper}'. Original exception was: {msg}"
                ),
            ));
        }
        self.configure_pending(i)?;
        let first = self
            .pending
            .borrow()
            .first()
            .map(|p| (p.parent.clone(), p.target.clone()));
        let Some((parent, target)) = first else {
            return Ok(());
        };
        let mapper = format!(
            "Mapper[{}({})]",
            parent.mapper.class_name(),
            parent.mapper.table().name()
        );
        let class = i.repr(&Value::Class(parent.class.clone()))?;
        let msg = format!(
            "When initializing mapper {mapper}, expression '{target}' failed to locate a name ('{target}'). If this is a class name, consider adding this relationship() to the {class} class after both dependent classes have been defined."
        );
        *self.config_failed.borrow_mut() = Some((mapper, msg.clone()));
        Err(self.error(i, "InvalidRequestError", &msg))
    }

    /// The mapped class named `name` (alias of [`Bridge::mapped`]).
    pub fn mapped_class_of_name(&self, name: &str) -> Option<Mapped> {
        self.mapped(name)
    }

    /// The session `id` belongs to, if any.
    pub fn session_of(&self, id: ObjectId) -> Option<Rc<RefCell<Session>>> {
        let mut sessions = self.sessions.borrow_mut();
        sessions.retain(|w| w.strong_count() > 0);
        sessions
            .iter()
            .filter_map(Weak::upgrade)
            .find(|s| s.try_borrow().is_ok_and(|s| s.contains(id)))
    }

    /// The Python `Session` and its number for the ORM session `s`.
    pub fn session_object(&self, s: &Rc<RefCell<Session>>) -> Option<(Value, usize)> {
        self.session_objects.borrow().iter().find_map(|(w, o, n)| {
            let same = w.upgrade().is_some_and(|x| Rc::ptr_eq(&x, s));
            same.then(|| o.upgrade().map(|o| (Value::Object(o), *n)))
                .flatten()
        })
    }

    /// The Python object for ORM object `id` (created without `__init__` the first time,
    /// as SQLAlchemy does for loaded rows).
    pub fn object(&self, id: ObjectId) -> PyResult<Value> {
        if let Some(v) = self.objects.borrow().get(&id.0) {
            return Ok(v.clone());
        }
        let class_name = match self.store.borrow().get(id) {
            Ok(inst) => inst.mapper.class_name().to_owned(),
            Err(_) => return Ok(Value::None),
        };
        let Some(mapped) = self.mapped(&class_name) else {
            return Ok(Value::None);
        };
        let inst = Rc::new(Instance::new(mapped.class));
        inst.attrs.borrow_mut().insert(
            "_sa_instance_state".into(),
            instrument::InstanceState::value(id),
        );
        let v = Value::Instance(inst);
        self.objects.borrow_mut().insert(id.0, v.clone());
        Ok(v)
    }

    /// The attributes of `id` in the order they were assigned.
    pub fn assigned_order(&self, id: ObjectId) -> Vec<String> {
        self.assigned
            .borrow()
            .get(&id.0)
            .cloned()
            .unwrap_or_default()
    }

    /// Notes that attribute `key` of `id` was assigned.
    pub fn note_assigned(&self, id: ObjectId, key: &str) {
        let mut all = self.assigned.borrow_mut();
        let keys = all.entry(id.0).or_default();
        if !keys.iter().any(|k| k == key) {
            keys.push(key.to_owned());
        }
    }

    /// Shows a warning on stderr as Python's `warnings` module does (once per location):
    /// `script.py:LINE: Category: message` and the source line.
    pub fn warn(&self, i: &mut Interpreter, category: &str, message: &str) {
        let (line, text) = i.current_line();
        // Python's registry key: (text, category, line).
        if !self
            .warned
            .borrow_mut()
            .insert((format!("{category}: {message}"), line))
        {
            return;
        }
        let file = i.config.filename.clone();
        i.write_stderr(&format!("{file}:{line}: {category}: {message}\n"));
        if !text.trim().is_empty() {
            i.write_stderr(&format!("  {}\n", text.trim()));
        }
    }
}

/// SQLAlchemy's own work between compiling a statement and running it again always takes
/// more than 0.1 ms under CPython, so its `[cached since ...s ago]` never reads in
/// scientific notation; Retort can be faster than that. The bridge reports at least 0.1 ms
/// (the log's figure is a timing, not a result: it changes on every run).
fn floor_cached_since(event: &mut retort::Event) {
    use retort::event::SqlOrigin;
    const FLOOR: f64 = 0.0001;
    let origin = match event {
        retort::Event::Statement { origin, .. } | retort::Event::StatementMany { origin, .. } => {
            origin
        }
        // The rows after the first show no cache age.
        retort::Event::StatementRows(rows) => &mut rows.origin,
        _ => return,
    };
    match origin {
        SqlOrigin::Cached { since } if *since < FLOOR => *since = FLOOR,
        SqlOrigin::InsertManyValues {
            cached_since: Some(since),
            ..
        } if *since < FLOOR => *since = FLOOR,
        _ => {}
    }
}

/// The ORM object behind a Python value, if it is an instance of a mapped class.
pub fn object_id(v: &Value) -> Option<ObjectId> {
    let Value::Instance(inst) = v else {
        return None;
    };
    let state = inst.attrs.borrow().get("_sa_instance_state").cloned()?;
    let Value::Object(o) = state else {
        return None;
    };
    o.as_any()
        .downcast_ref::<instrument::InstanceState>()
        .map(|s| s.id)
}

/// A native method: `name` bound to nothing, calling `f`.
pub fn method(
    name: &str,
    f: impl Fn(&mut Interpreter, Args) -> PyResult<Value> + 'static,
) -> Option<Value> {
    Some(NativeFunction::value(name, f))
}

/// Downcasts a value to the native object type `T`.
pub fn native<T: 'static>(v: &Value) -> Option<&T> {
    match v {
        Value::Object(o) => o.as_any().downcast_ref::<T>(),
        _ => None,
    }
}

/// A `NotImplementedError` naming an unsupported construct.
pub fn unsupported(i: &Interpreter, what: &str) -> Exc {
    i.exc(
        "NotImplementedError",
        format!("{what} is not supported by Retort yet"),
    )
}

thread_local! {
    static CLASSES: RefCell<HashMap<String, Rc<Class>>> = RefCell::new(HashMap::new());
}

/// The class `type()` reports for a native object: `name` in `module` (only its name and
/// module are observable; one per name per thread).
pub fn named_class(module: &str, name: &str) -> Rc<Class> {
    CLASSES.with(|c| {
        c.borrow_mut()
            .entry(format!("{module}.{name}"))
            .or_insert_with(|| Rc::new(Class::new(name, module, Vec::new(), Vec::new())))
            .clone()
    })
}

/// The class `type()` reports for a native object that names no class of its own: the
/// SQLAlchemy class of its type name where known (`Mapper` in `sqlalchemy.orm.mapper`),
/// else a class of that name in `builtins`.
pub fn native_type_class(name: &str) -> Rc<Class> {
    let module = match name {
        "Mapper" => "sqlalchemy.orm.mapper",
        "InstanceState" => "sqlalchemy.orm.state",
        "AliasedClass" | "AliasedInsp" => "sqlalchemy.orm.util",
        "Inspector" => "sqlalchemy.engine.reflection",
        "Subquery" | "Select" | "Alias" | "CTE" | "Join" | "Exists" | "ScalarSelect"
        | "CompoundSelect" | "Lateral" | "TableClause" => "sqlalchemy.sql.selectable",
        "TextClause" | "BinaryExpression" | "BooleanClauseList" | "Label" | "Case" | "Cast"
        | "ColumnClause" | "UnaryExpression" | "Null" | "BindParameter" => {
            "sqlalchemy.sql.elements"
        }
        "Function" => "sqlalchemy.sql.functions",
        "Insert" | "Update" | "Delete" => "sqlalchemy.sql.dml",
        "Table" | "Column" | "MetaData" | "ForeignKey" => "sqlalchemy.sql.schema",
        "Engine" => "sqlalchemy.engine.base",
        "Connection" => "sqlalchemy.engine.base",
        "Session" => "sqlalchemy.orm.session",
        "sessionmaker" => "sqlalchemy.orm.session",
        "Query" => "sqlalchemy.orm.query",
        "Result" | "ScalarResult" | "MappingResult" => "sqlalchemy.engine.result",
        "CursorResult" => "sqlalchemy.engine.cursor",
        "Row" => "sqlalchemy.engine.row",
        "RelationshipProperty" | "Relationship" => "sqlalchemy.orm.relationships",
        _ => "builtins",
    };
    named_class(module, name)
}

/// Wraps a native object as a value.
pub fn obj(o: impl NativeObject + 'static) -> Value {
    Value::Object(Rc::new(o))
}

/// Registers every `sqlalchemy` module over one shared bridge.
pub fn register(registry: &mut ModuleRegistry) {
    modules::register(registry, Rc::new(Bridge::default()));
}
