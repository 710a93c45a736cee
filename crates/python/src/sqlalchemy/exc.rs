//! `sqlalchemy.exc` (and `sqlalchemy.orm.exc`, `sqlite3`'s errors): SQLAlchemy's exception
//! classes as a Python class hierarchy, so `except IntegrityError as e:` catches what the ORM
//! raises and an uncaught one prints `sqlalchemy.exc.IntegrityError: (sqlite3.IntegrityError)
//! ...` with the driver's error chained before it, as CPython shows it.

use super::Bridge;
use crate::class::{Builtin, Class, c3_mro};
use crate::exceptions::{ExcInfo, TbEntry};
use crate::parse::Source;
use crate::value::Value;
use crate::{Exc, Interpreter};
use std::rc::Rc;

/// Every class: (name, module, base names). Bases come first.
pub const CLASSES: &[(&str, &str, &[&str])] = &[
    ("SQLAlchemyError", "sqlalchemy.exc", &["Exception"]),
    ("ArgumentError", "sqlalchemy.exc", &["SQLAlchemyError"]),
    ("NoSuchModuleError", "sqlalchemy.exc", &["ArgumentError"]),
    (
        "ObjectNotExecutableError",
        "sqlalchemy.exc",
        &["ArgumentError"],
    ),
    ("NoForeignKeysError", "sqlalchemy.exc", &["ArgumentError"]),
    (
        "AmbiguousForeignKeysError",
        "sqlalchemy.exc",
        &["ArgumentError"],
    ),
    (
        "ConstraintColumnNotFoundError",
        "sqlalchemy.exc",
        &["ArgumentError"],
    ),
    ("CompileError", "sqlalchemy.exc", &["SQLAlchemyError"]),
    (
        "CircularDependencyError",
        "sqlalchemy.exc",
        &["SQLAlchemyError"],
    ),
    (
        "InvalidRequestError",
        "sqlalchemy.exc",
        &["SQLAlchemyError"],
    ),
    (
        "NoInspectionAvailable",
        "sqlalchemy.exc",
        &["InvalidRequestError"],
    ),
    (
        "ResourceClosedError",
        "sqlalchemy.exc",
        &["InvalidRequestError"],
    ),
    (
        "PendingRollbackError",
        "sqlalchemy.exc",
        &["InvalidRequestError"],
    ),
    ("NoResultFound", "sqlalchemy.exc", &["InvalidRequestError"]),
    (
        "MultipleResultsFound",
        "sqlalchemy.exc",
        &["InvalidRequestError"],
    ),
    (
        "NoReferenceError",
        "sqlalchemy.exc",
        &["InvalidRequestError"],
    ),
    (
        "NoReferencedTableError",
        "sqlalchemy.exc",
        &["NoReferenceError"],
    ),
    (
        "NoReferencedColumnError",
        "sqlalchemy.exc",
        &["NoReferenceError"],
    ),
    (
        "NoSuchTableError",
        "sqlalchemy.exc",
        &["InvalidRequestError"],
    ),
    (
        "NoSuchColumnError",
        "sqlalchemy.exc",
        &["InvalidRequestError", "KeyError"],
    ),
    ("StatementError", "sqlalchemy.exc", &["SQLAlchemyError"]),
    (
        "CircularDependencyError",
        "sqlalchemy.exc",
        &["SQLAlchemyError"],
    ),
    ("DBAPIError", "sqlalchemy.exc", &["StatementError"]),
    ("InterfaceError", "sqlalchemy.exc", &["DBAPIError"]),
    ("DatabaseError", "sqlalchemy.exc", &["DBAPIError"]),
    ("DataError", "sqlalchemy.exc", &["DatabaseError"]),
    ("OperationalError", "sqlalchemy.exc", &["DatabaseError"]),
    ("IntegrityError", "sqlalchemy.exc", &["DatabaseError"]),
    ("InternalError", "sqlalchemy.exc", &["DatabaseError"]),
    ("ProgrammingError", "sqlalchemy.exc", &["DatabaseError"]),
    ("NotSupportedError", "sqlalchemy.exc", &["DatabaseError"]),
    ("SAWarning", "sqlalchemy.exc", &["RuntimeWarning"]),
    (
        "SADeprecationWarning",
        "sqlalchemy.exc",
        &["DeprecationWarning"],
    ),
    (
        "MovedIn20Warning",
        "sqlalchemy.exc",
        &["SADeprecationWarning"],
    ),
    (
        "LegacyAPIWarning",
        "sqlalchemy.exc",
        &["SADeprecationWarning"],
    ),
    (
        "DetachedInstanceError",
        "sqlalchemy.orm.exc",
        &["SQLAlchemyError"],
    ),
    (
        "ObjectDeletedError",
        "sqlalchemy.orm.exc",
        &["InvalidRequestError"],
    ),
    (
        "UnmappedError",
        "sqlalchemy.orm.exc",
        &["InvalidRequestError"],
    ),
    (
        "UnmappedInstanceError",
        "sqlalchemy.orm.exc",
        &["UnmappedError"],
    ),
    (
        "UnmappedClassError",
        "sqlalchemy.orm.exc",
        &["UnmappedError"],
    ),
    ("FlushError", "sqlalchemy.orm.exc", &["SQLAlchemyError"]),
    (
        "MappedAnnotationError",
        "sqlalchemy.orm.exc",
        &["ArgumentError"],
    ),
    ("StaleDataError", "sqlalchemy.orm.exc", &["SQLAlchemyError"]),
];

/// `sqlite3`'s exception classes (the driver's errors SQLAlchemy wraps).
const SQLITE3: &[(&str, &str)] = &[
    ("Error", "Exception"),
    ("Warning", "Exception"),
    ("InterfaceError", "Error"),
    ("DatabaseError", "Error"),
    ("DataError", "DatabaseError"),
    ("OperationalError", "DatabaseError"),
    ("IntegrityError", "DatabaseError"),
    ("InternalError", "DatabaseError"),
    ("ProgrammingError", "DatabaseError"),
    ("NotSupportedError", "DatabaseError"),
];

fn make_class(name: &str, module: &str, bases: Vec<Rc<Class>>) -> Rc<Class> {
    let mro = c3_mro(&bases).unwrap_or_default();
    let mut class = Class::new(name, module, bases, mro);
    class.builtin = Some(Builtin::Exception);
    Rc::new(class)
}

impl Bridge {
    /// Builds the exception classes once.
    fn ensure_exceptions(&self, i: &Interpreter) {
        if !self.exc_classes.borrow().is_empty() {
            return;
        }
        let mut classes = self.exc_classes.borrow_mut();
        for (name, module, bases) in CLASSES {
            let bases: Vec<Rc<Class>> = bases
                .iter()
                .filter_map(|b| classes.get(*b).cloned().or_else(|| i.exception_class(b)))
                .collect();
            classes.insert((*name).to_owned(), make_class(name, module, bases));
        }
        for (name, base) in SQLITE3 {
            let key = format!("sqlite3.{base}");
            let base = classes
                .get(&key)
                .cloned()
                .or_else(|| i.exception_class(base));
            let class = make_class(name, "sqlite3", base.into_iter().collect());
            classes.insert(format!("sqlite3.{name}"), class);
        }
    }

    /// The exception class `name` (`IntegrityError`, `sqlite3.IntegrityError`, ...).
    pub fn exc_class(&self, i: &Interpreter, name: &str) -> Option<Rc<Class>> {
        self.ensure_exceptions(i);
        self.exc_classes.borrow().get(name).cloned()
    }

    /// The classes of module `module` (for `sqlalchemy.exc` and `sqlalchemy.orm.exc`).
    pub fn exc_module_classes(&self, i: &Interpreter, module: &str) -> Vec<(String, Rc<Class>)> {
        self.ensure_exceptions(i);
        let classes = self.exc_classes.borrow();
        CLASSES
            .iter()
            .filter(|(_, m, _)| *m == module || module == "sqlalchemy.exc")
            .filter_map(|(n, _, _)| classes.get(*n).map(|c| ((*n).to_owned(), c.clone())))
            .collect()
    }

    /// A SQLAlchemy exception `name` with message `msg`.
    pub fn error(&self, i: &Interpreter, name: &str, msg: &str) -> Exc {
        let msg = self.python_addresses(msg);
        match self.exc_class(i, name) {
            Some(class) => Exc::Raise(i.new_exception(&class, vec![Value::str(&msg)])),
            None => i.exc("RuntimeError", msg),
        }
    }

    /// `exc` raised `from` an exception of builtin class `cause_class` that SQLAlchemy's own
    /// code raised first (one library frame, as the traceback shows it).
    pub fn chained(&self, i: &Interpreter, exc: Exc, cause_class: &str, cause_msg: &str) -> Exc {
        if let Some(class) = i.exception_class(cause_class) {
            let cause = i.new_exception(&class, vec![Value::str(cause_msg)]);
            library_frame(&cause);
            set_cause(&exc, cause);
        }
        exc
    }

    /// The ORM's error as the Python exception SQLAlchemy raises.
    pub fn raise(&self, i: &Interpreter, err: retort::Error) -> Exc {
        let message = err.to_string();
        if let retort::Error::Dbapi {
            kind,
            message: driver,
            ..
        } = &err
        {
            let exc = self.error(i, kind.name(), &message);
            if let Some(class) = self.exc_class(i, &format!("sqlite3.{}", kind.name())) {
                let cause = i.new_exception(&class, vec![Value::str(driver)]);
                library_frame(&cause);
                if let (
                    Exc::Raise(Value::Instance(inst)),
                    retort::Error::Dbapi { sql, params, .. },
                ) = (&exc, &err)
                {
                    let mut attrs = inst.attrs.borrow_mut();
                    attrs.insert("orig".into(), cause.clone());
                    attrs.insert("statement".into(), Value::str(sql));
                    attrs.insert(
                        "params".into(),
                        Value::tuple(params.iter().map(super::to_py).collect()),
                    );
                }
                set_cause(&exc, cause);
            }
            return exc;
        }
        match err.class_name() {
            // Python's own exceptions, worded as Python words them.
            "AttributeError" | "TypeError" | "NotImplementedError" | "AssertionError" => {
                i.exc(err.class_name(), message)
            }
            name => self.error(i, name, &message),
        }
    }
}

impl Bridge {
    /// The ORM names an object `<User at 0x3>` by its number in the arena; Python shows the
    /// address `id(obj)` gives, so the same object reads the same in both places.
    pub(super) fn python_addresses(&self, message: &str) -> String {
        let mut out = String::with_capacity(message.len());
        let mut rest = message;
        while let Some(at) = rest.find(" at 0x") {
            let (head, tail) = rest.split_at(at + " at 0x".len());
            out.push_str(head);
            let digits = tail.len()
                - tail
                    .trim_start_matches(|c: char| c.is_ascii_hexdigit())
                    .len();
            let (hex, after) = tail.split_at(digits);
            let named_object = head.rsplit('<').next().is_some_and(|name| {
                name.trim_end_matches(" at 0x")
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_')
            });
            let identity = if after.starts_with('>') && named_object {
                usize::from_str_radix(hex, 16)
                    .ok()
                    .and_then(|n| self.objects.borrow().get(&n).map(Value::identity))
            } else {
                None
            };
            match identity {
                Some(address) => out.push_str(&format!("{address:x}")),
                None => out.push_str(hex),
            }
            rest = after;
        }
        out.push_str(rest);
        out
    }
}

/// The driver or SQLAlchemy raised `exc` inside SQLAlchemy: one library frame (which the
/// corpus' N4 rule drops, as it drops SQLAlchemy's real frames).
fn library_frame(exc: &Value) {
    if let Value::Instance(inst) = exc
        && let Some(info) = inst.exc.borrow_mut().as_mut()
    {
        info.traceback.push(TbEntry {
            frame_id: 0,
            name: "<sqlalchemy>".into(),
            range: Default::default(),
            source: Rc::new(Source::new("<site-packages>/sqlalchemy/orm/session.py", "")),
        });
    }
}

/// `raise exc from cause`.
pub fn set_cause(exc: &Exc, cause: Value) {
    if let Exc::Raise(Value::Instance(inst)) = exc {
        let mut info = inst.exc.borrow_mut();
        let info = info.get_or_insert_with(ExcInfo::default);
        info.cause = Some(cause);
        info.suppress_context = true;
    }
}
