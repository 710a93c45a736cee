//! The importable modules: `sqlalchemy`, `sqlalchemy.orm`, `sqlalchemy.orm.session`,
//! `sqlalchemy.exc`, `sqlalchemy.orm.exc`, `sqlalchemy.ext.declarative`,
//! `sqlalchemy.inspection`, each built over the shared [`Bridge`].

use super::{
    Bridge, constraints, declarative, engine, expr, inspect, relationship, schema, select,
    sessionmaker, table,
};
use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::rc::Rc;

/// A native function closing over the bridge.
fn func(
    b: &Rc<Bridge>,
    name: &str,
    f: impl Fn(&Rc<Bridge>, &mut Interpreter, Args) -> PyResult<Value> + 'static,
) -> Value {
    let b = b.clone();
    NativeFunction::value(name, move |i, a| f(&b, i, a))
}

pub(super) fn dml(b: &Rc<Bridge>, i: &mut Interpreter, a: &Args, kind: &str) -> PyResult<Value> {
    let target = a.pos.first().cloned().unwrap_or(Value::None);
    let mut mapper = None;
    let t = match &target {
        Value::Class(c) => match b.mapped_class_of(c) {
            Some(m) if m.mapper.is_joined() => {
                return Err(super::unsupported(
                    i,
                    &format!("{kind}() of a joined-table inheritance subclass"),
                ));
            }
            Some(m) => {
                mapper = Some(m.mapper.clone());
                m.mapper.table().clone()
            }
            None => return Err(i.type_error(format!("class {} is not mapped", c.name))),
        },
        other => match super::native::<table::TableObj>(other) {
            Some(t) => t.table.clone(),
            None => return Err(super::unsupported(i, &format!("{kind}() of this object"))),
        },
    };
    Ok(table::DmlObj::orm(
        b,
        match kind {
            "insert" => table::Dml::Insert(retort::sql::insert(&t)),
            "update" => table::Dml::Update(retort::sql::update(&t)),
            _ => table::Dml::Delete(retort::sql::delete(&t)),
        },
        mapper,
    ))
}

fn sqlalchemy(b: &Rc<Bridge>) -> PyResult<Rc<Module>> {
    let m = Module::new("sqlalchemy");
    m.set("__version__", Value::str("2.1.9"));
    m.set(
        "create_engine",
        func(b, "create_engine", engine::create_engine),
    );
    m.set("text", func(b, "text", engine::text));
    m.set("select", func(b, "select", select::select));
    for kind in ["insert", "update", "delete"] {
        m.set(kind, func(b, kind, move |b, i, a| dml(b, i, &a, kind)));
    }
    m.set("func", super::obj(expr::Func(b.clone())));
    m.set(
        "and_",
        func(b, "and_", |b, i, a| expr::and_or(b, i, a, true)),
    );
    m.set(
        "or_",
        func(b, "or_", |b, i, a| expr::and_or(b, i, a, false)),
    );
    m.set("not_", func(b, "not_", expr::not_));
    m.set("literal", func(b, "literal", expr::literal));
    m.set("exists", func(b, "exists", expr::exists));
    m.set(
        "literal_column",
        func(b, "literal_column", expr::literal_column),
    );
    for &n in super::elements::NAMES
        .iter()
        .chain(super::elements::UNSUPPORTED)
    {
        m.set(
            n,
            func(b, n, move |b, i, a| super::elements::call(b, i, n, a)),
        );
    }
    for &n in super::compound::NAMES {
        m.set(
            n,
            func(b, n, move |b, i, a| {
                super::compound::call(b, i, n, None, &a)
            }),
        );
    }
    m.set("Table", func(b, "Table", table::make_table));
    m.set("inspect", func(b, "inspect", inspect::inspect));
    m.set(
        "MetaData",
        func(b, "MetaData", |b, i, mut a| {
            let md = schema::MetaDataObj::new(b);
            if let Some(conv) = a.take_kw("naming_convention") {
                // `MetaData(naming_convention={"pk": "pk_%(table_name)s", ...})`.
                let mut pairs = Vec::new();
                for k in i.iterate(&conv)? {
                    let v = i.get_item(&conv, &k)?;
                    pairs.push((i.to_str(&k)?, i.to_str(&v)?));
                }
                md.md.set_naming_convention(pairs);
            }
            Ok(super::obj(md))
        }),
    );
    m.set("Column", func(b, "Column", schema::column_with_bridge));
    m.set("ForeignKey", func(b, "ForeignKey", schema::foreign_key));
    m.set("Index", func(b, "Index", constraints::index));
    m.set(
        "UniqueConstraint",
        NativeFunction::value("UniqueConstraint", constraints::unique_constraint),
    );
    m.set("Identity", super::core_defaults::generator("Identity"));
    m.set("Sequence", super::core_defaults::generator("Sequence"));
    m.set(
        "CheckConstraint",
        NativeFunction::value("CheckConstraint", constraints::check_constraint),
    );
    for t in schema::TYPES {
        m.set(t, schema::type_class(t));
    }
    Ok(Rc::new(m))
}

fn orm(b: &Rc<Bridge>, i: &mut Interpreter, name: &str) -> PyResult<Rc<Module>> {
    let m = Module::new(name);
    m.set(
        "declarative_base",
        func(b, "declarative_base", declarative::declarative_base),
    );
    m.set(
        "DeclarativeBase",
        Value::Class(declarative::declarative_base_class(b, i)),
    );
    m.set("Mapped", super::obj(declarative::MappedForm));
    for lazy in [
        retort::relationship::Lazy::Dynamic,
        retort::relationship::Lazy::WriteOnly,
    ] {
        let form = super::annotations::LoaderMappedForm(lazy);
        m.set(form.name(), super::obj(form));
    }
    m.set(
        "MappedAsDataclass",
        Value::Class(i.native_class("MappedAsDataclass", "sqlalchemy.orm")),
    );
    m.set(
        "mapped_column",
        func(b, "mapped_column", schema::column_with_bridge),
    );
    m.set(
        "relationship",
        func(b, "relationship", relationship::relationship),
    );
    m.set(
        "backref",
        NativeFunction::value("backref", relationship::backref),
    );
    m.set(
        "column_property",
        func(
            b,
            "column_property",
            super::column_property::column_property,
        ),
    );
    m.set(
        "sessionmaker",
        func(b, "sessionmaker", sessionmaker::sessionmaker),
    );
    let session = sessionmaker::session_class(b, i);
    if let Value::Class(c) = &session
        && let Some(Value::StaticMethod(f)) = c.dict.borrow().get("object_session")
    {
        m.set("object_session", (**f).clone());
    }
    m.set("Session", session);
    m.set(
        "scoped_session",
        func(b, "scoped_session", super::scoped::scoped_session),
    );
    m.set("aliased", func(b, "aliased", select::aliased));
    for name in [
        "with_polymorphic",
        "selectin_polymorphic",
        "polymorphic_union",
    ] {
        let f = move |_: &Rc<Bridge>, i: &mut Interpreter, _: Args| {
            Err(super::unsupported(i, &format!("{name}()")))
        };
        m.set(name, func(b, name, f));
    }
    m.set(
        "make_transient",
        func(b, "make_transient", super::orm_functions::make_transient),
    );
    m.set(
        "make_transient_to_detached",
        func(
            b,
            "make_transient_to_detached",
            super::orm_functions::make_transient_to_detached,
        ),
    );
    m.set(
        "with_parent",
        func(b, "with_parent", super::orm_functions::with_parent),
    );
    m.set(
        "validates",
        NativeFunction::value("validates", super::validates::validates),
    );
    super::loader_options::register(b, &mut |n, v| m.set(n, v));
    super::column_options::register(b, &mut |n, v| m.set(n, v));
    m.set(
        "deferred",
        NativeFunction::value("deferred", |i, a| {
            let spec = match a.pos.as_slice() {
                [v] if native_column(v) => v.clone(),
                _ => {
                    return Err(super::unsupported(
                        i,
                        "deferred() of anything but one Column",
                    ));
                }
            };
            if let Some((k, _)) = a.kw.first() {
                return Err(super::unsupported(i, &format!("deferred(..., {k}=...)")));
            }
            if let Some(c) = super::native::<super::schema::ColumnSpec>(&spec) {
                c.deferred.set(true);
            }
            Ok(spec)
        }),
    );
    m.set("synonym", super::synonym::function());
    m.set("declared_attr", super::declared_attr::value());
    m.set(
        "configure_mappers",
        func(b, "configure_mappers", |b, i, _| {
            super::relationship::configure_late(b, i)?;
            Ok(Value::None)
        }),
    );
    // Real names Retort does not model: using one says so (rather than an ImportError).
    for name in UNSUPPORTED_ORM {
        m.set(name, unsupported_fn(name));
    }
    m.set("composite", super::composite::function());
    m.set(
        "Bundle",
        NativeFunction::value("Bundle", super::bundle::bundle),
    );
    m.set(
        "registry",
        NativeFunction::value("registry", |i, _| {
            Err(super::unsupported(
                i,
                "registry() (use DeclarativeBase or declarative_base())",
            ))
        }),
    );
    Ok(Rc::new(m))
}

fn exc_module(b: &Rc<Bridge>, i: &mut Interpreter, name: &str) -> PyResult<Rc<Module>> {
    let m = Module::new(name);
    for (n, class) in b.exc_module_classes(i, name) {
        m.set(&n, Value::Class(class));
    }
    Ok(Rc::new(m))
}

/// Registers the modules.
pub fn register(r: &mut ModuleRegistry, b: Rc<Bridge>) {
    let b1 = b.clone();
    r.register("sqlalchemy", move |i| {
        let m = sqlalchemy(&b1)?;
        m.set("event", Value::Module(i.import_module("sqlalchemy.event")?));
        Ok(m)
    });
    let b6 = b.clone();
    r.register("sqlalchemy.event", move |_| {
        Ok(Rc::new(super::events::module(&b6)))
    });
    let b2 = b.clone();
    r.register("sqlalchemy.orm", move |i| {
        // One DeclarativeBase class per interpreter, shared by every spelling.
        let m = orm(&b2, i, "sqlalchemy.orm")?;
        Ok(m)
    });
    r.register("sqlalchemy.orm.session", move |i| {
        let orm = i.import_module("sqlalchemy.orm")?;
        let m = Module::new("sqlalchemy.orm.session");
        for n in ["sessionmaker", "Session"] {
            if let Some(v) = orm.attrs.borrow().get(n) {
                m.set(n, v.clone());
            }
        }
        Ok(Rc::new(m))
    });
    let b3 = b.clone();
    r.register("sqlalchemy.exc", move |i| {
        exc_module(&b3, i, "sqlalchemy.exc")
    });
    let b4 = b.clone();
    r.register("sqlalchemy.orm.exc", move |i| {
        exc_module(&b4, i, "sqlalchemy.orm.exc")
    });
    let b5 = b.clone();
    r.register("sqlalchemy.schema", move |i| {
        super::ddl_elements::module(&b5, i)
    });
    r.register("sqlalchemy.sql", |i| {
        // `sqlalchemy.sql` re-exports the expression constructors of `sqlalchemy`.
        let top = i.import_module("sqlalchemy")?;
        let m = Module::new("sqlalchemy.sql");
        for n in [
            "select",
            "insert",
            "update",
            "delete",
            "text",
            "func",
            "and_",
            "or_",
            "not_",
            "exists",
            "literal",
            "literal_column",
        ]
        .iter()
        .chain(super::elements::NAMES)
        {
            if let Some(v) = top.attrs.borrow().get(*n) {
                m.set(n, v.clone());
            }
        }
        Ok(Rc::new(m))
    });
    r.register("sqlalchemy.dialects.sqlite", |_| {
        let m = Module::new("sqlalchemy.dialects.sqlite");
        // `sqlite.dialect()`: the dialect `stmt.compile(dialect=...)` takes.
        m.set(
            "dialect",
            NativeFunction::value("dialect", |_, _| {
                Ok(super::obj(super::engine_info::Dialect))
            }),
        );
        Ok(Rc::new(m))
    });
    r.register("sqlalchemy.dialects", |i| {
        let m = Module::new("sqlalchemy.dialects");
        m.set(
            "sqlite",
            Value::Module(i.import_module("sqlalchemy.dialects.sqlite")?),
        );
        Ok(Rc::new(m))
    });
    r.register("sqlalchemy.ext", |_| {
        Ok(Rc::new(Module::new("sqlalchemy.ext")))
    });
    let b7 = b.clone();
    r.register("sqlalchemy.ext.hybrid", move |_| {
        Ok(Rc::new(super::hybrid::module(&b7)))
    });
    for (module, names) in UNSUPPORTED_MODULES {
        r.register(module, move |_| {
            let m = Module::new(module);
            for name in *names {
                m.set(name, unsupported_fn(name));
            }
            Ok(Rc::new(m))
        });
    }
    let b8 = b.clone();
    r.register("sqlalchemy.ext.associationproxy", move |_| {
        Ok(Rc::new(super::association_proxy::module(&b8)))
    });
    let b5 = b.clone();
    r.register("sqlalchemy.ext.declarative", move |i| {
        let m = Module::new("sqlalchemy.ext.declarative");
        let b = b5.clone();
        m.set(
            "declarative_base",
            NativeFunction::value("declarative_base", move |i, a| {
                b.warn(
                    i,
                    "MovedIn20Warning",
                    "The ``declarative_base()`` function is now available as sqlalchemy.orm.declarative_base(). (deprecated since: 2.0) (Background on SQLAlchemy 2.0 at: https://sqlalche.me/e/b8d9)",
                );
                declarative::declarative_base(&b, i, a)
            }),
        );
        for name in ["ConcreteBase", "AbstractConcreteBase"] {
            m.set(name, super::inheritance::concrete_base(i, name));
        }
        Ok(Rc::new(m))
    });
}

fn native_column(v: &Value) -> bool {
    super::native::<super::schema::ColumnSpec>(v).is_some()
}

/// Names of `sqlalchemy.orm` that Retort does not support yet.
const UNSUPPORTED_ORM: &[&str] = &[
    "with_loader_criteria",
    "query_expression",
    "with_expression",
    "foreign",
    "remote",
    "undefer_group",
    "selectin_polymorphic",
    "attribute_keyed_dict",
];

/// Modules Retort does not support yet, with the names learners import from them.
const UNSUPPORTED_MODULES: &[(&str, &[&str])] = &[
    (
        "sqlalchemy.ext.asyncio",
        &[
            "create_async_engine",
            "AsyncSession",
            "async_sessionmaker",
            "AsyncAttrs",
            "async_scoped_session",
            "AsyncEngine",
        ],
    ),
    (
        "sqlalchemy.ext.orderinglist",
        &["ordering_list", "OrderingList"],
    ),
    (
        "sqlalchemy.ext.mutable",
        &["MutableDict", "MutableList", "Mutable", "MutableComposite"],
    ),
];

/// A stand-in for `name` that raises NotImplementedError naming it when called.
fn unsupported_fn(name: &'static str) -> Value {
    NativeFunction::value(name, move |i, _| {
        Err(super::unsupported(i, &format!("{name}()")))
    })
}
