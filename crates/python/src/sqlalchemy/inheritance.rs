//! Mapped class inheritance in declarative classes: `__mapper_args__`'s `polymorphic_on`
//! and `polymorphic_identity`, and single-table inheritance — a subclass of a mapped class
//! without a `__tablename__` maps the same table, its own columns added to it — as
//! SQLAlchemy's declarative scan does. The `Mapper` side is in `retort::mapper`.

use super::declarative::{
    Columns, Installed, attach_specs, build_columns, install_mapper, metadata_of, scan_attributes,
    warn_replaced,
};
use super::schema::{ColumnSpec, MetaDataObj};
use super::table::TableObj;
use super::{Bridge, Mapped, native, obj, to_sql};
use crate::class::Class;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::mapper::Mapper;
use std::rc::Rc;

/// `__mapper_args__[key]` of `cls` itself.
fn mapper_arg(cls: &Class, key: &str) -> Option<Value> {
    let args = cls.dict.borrow().get("__mapper_args__").cloned()?;
    let Value::Dict(d) = args else { return None };
    d.borrow()
        .values()
        .find(|(k, _)| matches!(k, Value::Str(s) if &**s == key))
        .map(|(_, v)| v.clone())
}

/// Refuses the `__mapper_args__` of inheritance Retort does not model.
fn check_mapper_args(i: &Interpreter, cls: &Class) -> PyResult<()> {
    for key in [
        "with_polymorphic",
        "polymorphic_load",
        "concrete",
        "inherits",
        "polymorphic_abstract",
        "inherit_condition",
    ] {
        if mapper_arg(cls, key).is_some() {
            return Err(super::unsupported(i, &format!("__mapper_args__ {key:?}")));
        }
    }
    Ok(())
}

/// Applies a base class's `polymorphic_on` / `polymorphic_identity` to its mapper.
/// `polymorphic_on` is an attribute name or the column object of the class body.
pub(super) fn set_polymorphic(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    cls: &Class,
    mapper: &Mapper,
    specs: &[(String, Value)],
) -> PyResult<()> {
    check_mapper_args(i, cls)?;
    let identity = match mapper_arg(cls, "polymorphic_identity") {
        Some(v) => Some(to_sql(i, &v)?),
        None => None,
    };
    let on = match mapper_arg(cls, "polymorphic_on") {
        None => None,
        Some(Value::Str(s)) => Some(
            specs
                .iter()
                .find(|(name, _)| **name == *s)
                .and_then(|(_, spec)| native::<ColumnSpec>(spec))
                .map_or_else(|| s.to_string(), |spec| spec.column.borrow().name.clone()),
        ),
        Some(v) => match native::<ColumnSpec>(&v) {
            Some(col) => Some(col.column.borrow().name.clone()),
            None => return Err(super::unsupported(i, "this polymorphic_on expression")),
        },
    };
    if on.is_none() && identity.is_none() {
        return Ok(());
    }
    mapper
        .set_polymorphic(on.as_deref(), identity)
        .map_err(|e| b.raise(i, e))
}

/// Maps `cls`, a subclass of the mapped class `parent` without a table of its own
/// (single-table inheritance): its columns go into the parent's table (the one `Table`
/// object of the hierarchy, which every class's `__table__` then is).
pub(super) fn map_single(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    cls: &Rc<Class>,
    parent: &Mapped,
) -> PyResult<()> {
    check_mapper_args(i, cls)?;
    if cls.dict.borrow().contains_key("__table_args__") {
        return Err(b.error(
            i,
            "ArgumentError",
            "Can't place __table_args__ on an inherited class with no table.",
        ));
    }
    if mapper_arg(cls, "polymorphic_on").is_some() {
        return Err(super::unsupported(i, "polymorphic_on on a subclass"));
    }
    let md_value = metadata_of(i, cls)?;
    let Some(md) = native::<MetaDataObj>(&md_value) else {
        return Err(i.type_error("declarative base metadata is not a MetaData"));
    };
    let scan = scan_attributes(b, i, cls)?;
    warn_replaced(b, i, cls);
    let Columns {
        columns,
        specs,
        rels,
        enum_columns,
    } = build_columns(b, i, cls, scan)?;
    let base = parent.mapper.base_mapper_rc();
    let name = parent.mapper.table().name().to_owned();
    let added = !columns.is_empty();
    let (full, view) = if added {
        let view = parent
            .mapper
            .table()
            .with_columns(columns.clone())
            .map_err(|e| b.raise(i, e))?;
        let full = md
            .md
            .extend_table(&name, columns)
            .map_err(|e| b.raise(i, e))?;
        (full, Rc::new(view))
    } else {
        (base.persist_table(), Rc::clone(parent.mapper.table()))
    };
    base.set_persist_table(&full);
    for (column, class) in enum_columns {
        b.py_enums
            .borrow_mut()
            .insert((name.clone(), column), class);
    }
    let defaults = attach_specs(&specs, &full, &md.md);
    let identity = match mapper_arg(cls, "polymorphic_identity") {
        Some(v) => Some(to_sql(i, &v)?),
        None => None,
    };
    warn_no_identity(b, i, cls, &parent.mapper, &name, identity.is_none());
    let mapper =
        Mapper::inherit(&cls.name, &view, &parent.mapper, identity).map_err(|e| b.raise(i, e))?;
    let table_value = if added {
        // The hierarchy's one `Table` object, with the new columns.
        let value = TableObj::value(b, &md.md, &full);
        for (n, t) in md.tables.borrow_mut().iter_mut() {
            if *n == name {
                *t = value.clone();
            }
        }
        for m in b.mapped.borrow().values() {
            if std::ptr::eq(m.mapper.base_mapper(), &*base) {
                m.class
                    .dict
                    .borrow_mut()
                    .insert("__table__".into(), value.clone());
            }
        }
        value
    } else {
        parent.class.lookup("__table__").unwrap_or(Value::None)
    };
    install_mapper(
        b,
        i,
        cls,
        &md.md,
        Installed {
            mapper,
            table_value,
            specs,
            rels,
            defaults,
        },
    )
}

/// Maps `cls`, a subclass of the mapped class `parent` with a table of its own
/// (joined-table inheritance): its columns make that table, whose primary key refers to the
/// parent's; the class maps the parent's columns and its own.
pub(super) fn map_joined(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    cls: &Rc<Class>,
    parent: &Mapped,
    tablename: &str,
) -> PyResult<()> {
    check_mapper_args(i, cls)?;
    if cls.dict.borrow().contains_key("__table_args__") {
        return Err(super::unsupported(
            i,
            "__table_args__ on a joined-table inheritance subclass",
        ));
    }
    if mapper_arg(cls, "polymorphic_on").is_some() {
        return Err(super::unsupported(i, "polymorphic_on on a subclass"));
    }
    if parent.mapper.inherits().is_some() && !parent.mapper.is_joined() {
        return Err(super::unsupported(
            i,
            "a joined-table subclass of a single-table subclass",
        ));
    }
    let md_value = metadata_of(i, cls)?;
    let Some(md) = native::<MetaDataObj>(&md_value) else {
        return Err(i.type_error("declarative base metadata is not a MetaData"));
    };
    let scan = scan_attributes(b, i, cls)?;
    warn_replaced(b, i, cls);
    let Columns {
        columns,
        specs,
        rels,
        enum_columns,
    } = build_columns(b, i, cls, scan)?;
    let mut local = retort::schema::Table::new(tablename);
    let mut view = retort::schema::Table::new(tablename);
    for c in parent.mapper.table().columns() {
        view = view.column(c.clone());
    }
    for c in &columns {
        if !c.primary_key && view.column_index(&c.name).is_none() {
            view = view.column(c.clone());
        }
    }
    for c in columns {
        local = local.column(c);
    }
    let local = md.md.add(local).map_err(|e| b.raise(i, e))?;
    let parent_table = parent.mapper.parent_table_for_subclass();
    let refers = local.columns().iter().any(|c| {
        c.foreign_keys
            .iter()
            .any(|f| *f.table == *parent_table.name())
    });
    if !refers {
        return Err(b.error(
            i,
            "NoForeignKeysError",
            &format!(
                "Can't determine the inherit condition between inherited table '{}' and \
                 inheriting table '{tablename}'; tables have no foreign key relationships \
                 established.  Please ensure the inheriting table has a foreign key \
                 relationship to the inherited table, or provide an 'on clause' using the \
                 'inherit_condition' mapper argument.",
                parent_table.name()
            ),
        ));
    }
    for (column, class) in enum_columns {
        b.py_enums
            .borrow_mut()
            .insert((tablename.to_owned(), column), class);
    }
    let defaults = attach_specs(&specs, &local, &md.md);
    let identity = match mapper_arg(cls, "polymorphic_identity") {
        Some(v) => Some(to_sql(i, &v)?),
        None => None,
    };
    warn_no_identity(b, i, cls, &parent.mapper, tablename, identity.is_none());
    let mapper =
        Mapper::inherit_joined(&cls.name, &Rc::new(view), &local, &parent.mapper, identity)
            .map_err(|e| b.raise(i, e))?;
    let table_value = TableObj::value(b, &md.md, &local);
    md.tables
        .borrow_mut()
        .push((tablename.to_owned(), table_value.clone()));
    install_mapper(
        b,
        i,
        cls,
        &md.md,
        Installed {
            mapper,
            table_value,
            specs,
            rels,
            defaults,
        },
    )
}

/// The inheritance attributes of `inspect(Class)`: `polymorphic_identity`,
/// `polymorphic_on`, `inherits`, `base_mapper`, `single`, `concrete`.
pub(super) fn mapper_attr(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    m: &Mapped,
    name: &str,
) -> PyResult<Option<Value>> {
    let mapper_obj = |mapper: &Mapper| {
        b.mapped(mapper.class_name()).map_or(Value::None, |mapped| {
            obj(super::inspect::MapperObj(mapped, Rc::downgrade(b)))
        })
    };
    Ok(match name {
        "polymorphic_identity" => Some(
            m.mapper
                .polymorphic_identity()
                .map_or(Value::None, |v| super::to_py(&v)),
        ),
        "polymorphic_on" => Some(match m.mapper.polymorphic_on() {
            Some(on) => {
                let table = m.class.lookup("__table__").unwrap_or(Value::None);
                let c = i.getattr(&table, "c")?;
                i.getattr(&c, &on)?
            }
            None => Value::None,
        }),
        "inherits" => Some(m.mapper.inherits().map_or(Value::None, |p| mapper_obj(p))),
        "base_mapper" => Some(mapper_obj(m.mapper.base_mapper())),
        "single" => Some(Value::Bool(
            m.mapper.inherits().is_some() && !m.mapper.is_joined(),
        )),
        "concrete" => Some(Value::Bool(false)),
        _ => None,
    })
}

/// The single-table subclasses whose columns `select(*args)` names (`select(Manager.name)`).
pub(super) fn column_entities(args: &[Value]) -> Vec<retort::query::Entity> {
    args.iter()
        .filter_map(native::<super::instrument::Attribute>)
        .filter(|a| a.kind == super::instrument::Kind::Column && a.mapper.inherits().is_some())
        .map(|a| a.entity.clone())
        .collect()
}

/// An ORM `update(Sub)` / `delete(Sub)` of a single-table subclass limits its rows to the
/// subclass's identities, as SQLAlchemy's (`WHERE ... AND employee.type IN (...)`).
pub(super) fn dml_criterion(mapper: &Rc<Mapper>, st: &mut retort::sql::Statement) {
    let from = retort::sql::FromItem::Table(Rc::clone(mapper.table()));
    let Ok(Some(c)) = mapper.single_table_criterion(&from) else {
        return;
    };
    match st {
        retort::sql::Statement::Update(u) => u.where_.push(c),
        retort::sql::Statement::Delete(d) => d.where_.push(c),
        _ => {}
    }
}

/// The class an identity key names: the base class of an inheritance hierarchy.
pub(super) fn identity_class(b: &Bridge, class: &Rc<Class>) -> Rc<Class> {
    b.mapped_class_of(class)
        .and_then(|m| b.mapped(m.mapper.base_mapper().class_name()))
        .map_or_else(|| class.clone(), |m| m.class)
}

/// SQLAlchemy's warning for a subclass without a `polymorphic_identity` in a hierarchy with
/// a discriminator.
fn warn_no_identity(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    cls: &Class,
    parent: &Mapper,
    table: &str,
    missing: bool,
) {
    let Some(on) = parent.polymorphic_on().filter(|_| missing) else {
        return;
    };
    let base = parent.base_mapper().table().name().to_owned();
    b.warn(
        i,
        "SAWarning",
        &format!(
            "Mapper[{}({table})] does not indicate a 'polymorphic_identity', yet is part of an \
             inheritance hierarchy that has a 'polymorphic_on' column of '{base}.{on}'. If this \
             is an intermediary class that should not be instantiated, the class may either be \
             left unmapped, or may include the 'polymorphic_abstract=True' parameter in its \
             Mapper arguments. To leave the class unmapped when using Declarative, set the \
             '__abstract__ = True' attribute on the class.",
            cls.name
        ),
    );
}

/// `ConcreteBase` / `AbstractConcreteBase` (concrete table inheritance): a class whose
/// subclasses raise NotImplementedError naming it.
pub(super) fn concrete_base(i: &mut Interpreter, name: &'static str) -> Value {
    let class = i.native_class(name, "sqlalchemy.ext.declarative.extensions");
    class.dict.borrow_mut().insert(
        "__init_subclass__".into(),
        crate::function::NativeFunction::value("__init_subclass__", move |i, _| {
            Err(super::unsupported(
                i,
                &format!("{name} (concrete table inheritance)"),
            ))
        }),
    );
    Value::Class(class)
}
