//! `composite()`: one attribute made of several columns (`start: Mapped[Point] =
//! composite(mapped_column("x1"), mapped_column("y1"))`). The columns join the table (typed
//! from the composite class's annotations when untyped); on an instance the attribute is the
//! class built from the columns' values, and setting it (or passing it to the constructor)
//! sets the columns from the value's `__composite_values__()` or its dataclass fields; on the
//! class, `==` / `!=` with a value compare every column (joined with AND either way).

use super::declarative::MappedAnn;
use super::schema::ColumnSpec;
use super::{Bridge, native, obj};
use crate::function::{Args, NativeFunction};
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::sql::Expr;
use std::any::Any;
use std::rc::Rc;

/// `composite(...)` in a class body.
pub struct CompositeSpec {
    class: Option<Value>,
    columns: Vec<Value>,
}

/// `sqlalchemy.orm.composite`.
pub fn function() -> Value {
    NativeFunction::value("composite", |i, a: Args| {
        if let Some((k, _)) = a.kw.first() {
            return Err(super::unsupported(i, &format!("composite(..., {k}=...)")));
        }
        let mut class = None;
        let mut columns = Vec::new();
        for v in a.pos {
            if native::<ColumnSpec>(&v).is_some() {
                columns.push(v);
            } else if matches!(v, Value::Class(_)) && class.is_none() && columns.is_empty() {
                class = Some(v);
            } else {
                return Err(super::unsupported(
                    i,
                    "composite() of anything but a class and mapped_column()s",
                ));
            }
        }
        Ok(obj(CompositeSpec { class, columns }))
    })
}

impl NativeObject for CompositeSpec {
    fn type_name(&self) -> String {
        "Composite".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.descriptor_props.Composite object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A composite attribute to install once its class is mapped: (attribute, class, columns).
pub type Pending = (String, Value, Vec<String>);

/// A scan entry of the declarative scan: (name, value, annotation).
type ScanEntry = (String, Option<Value>, Option<Value>);

/// Replaces each `composite()` of `scan` by its columns (annotated with the composite
/// class's field types), returning the composites to install.
///
/// # Failure
/// `NotImplementedError` for a composite without a class or with unnamed columns.
pub fn expand(i: &mut Interpreter, scan: &mut Vec<ScanEntry>) -> PyResult<Vec<Pending>> {
    let mut out = Vec::new();
    let mut expanded = Vec::with_capacity(scan.len());
    for (name, value, ann) in std::mem::take(scan) {
        let Some(spec) = value.as_ref().and_then(native::<CompositeSpec>) else {
            expanded.push((name, value, ann));
            continue;
        };
        let class = spec.class.clone().or_else(|| {
            ann.as_ref()
                .and_then(native::<MappedAnn>)
                .map(|m| m.0.clone())
        });
        let Some(Value::Class(c)) = class.clone() else {
            return Err(super::unsupported(i, "composite() without its class"));
        };
        let fields = field_annotations(&c);
        let mut names = Vec::with_capacity(spec.columns.len());
        for (n, col) in spec.columns.iter().enumerate() {
            let Some(cs) = native::<ColumnSpec>(col) else {
                continue;
            };
            let col_name = cs.column.borrow().name.clone();
            if col_name.is_empty() {
                return Err(super::unsupported(i, "composite() of unnamed columns"));
            }
            let ann = fields.get(n).map(|(_, t)| obj(MappedAnn(t.clone())));
            names.push(col_name.clone());
            expanded.push((col_name, Some(col.clone()), ann));
        }
        out.push((name, Value::Class(c), names));
    }
    *scan = expanded;
    Ok(out)
}

/// The annotated fields of a composite class, in order.
fn field_annotations(c: &crate::Class) -> Vec<(String, Value)> {
    match c.dict.borrow().get("__annotations__") {
        Some(Value::Dict(d)) => d
            .borrow()
            .values()
            .filter_map(|(k, v)| match k {
                Value::Str(s) => Some((s.to_string(), v.clone())),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Installs the composites of a mapped class.
pub fn install(b: &Rc<Bridge>, class: &crate::Class, pending: Vec<Pending>) {
    for (name, composite, columns) in pending {
        class.dict.borrow_mut().insert(
            name,
            obj(CompositeAttr(Rc::new(Composite {
                bridge: b.clone(),
                class: composite,
                columns,
            }))),
        );
    }
}

struct Composite {
    bridge: Rc<Bridge>,
    class: Value,
    columns: Vec<String>,
}

impl Composite {
    /// The column values of a composite value.
    fn values_of(&self, i: &mut Interpreter, v: &Value) -> PyResult<Vec<Value>> {
        if let Ok(f) = i.getattr(v, "__composite_values__") {
            let r = i.call(&f, Args::default())?;
            return i.iterate(&r);
        }
        let Value::Class(c) = &self.class else {
            return Ok(Vec::new());
        };
        let fields = field_annotations(c);
        fields.iter().map(|(n, _)| i.getattr(v, n)).collect()
    }
}

/// The attribute in the mapped class.
struct CompositeAttr(Rc<Composite>);

impl NativeObject for CompositeAttr {
    fn type_name(&self) -> String {
        "Composite".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.descriptor_props.Composite object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn descr_get(
        &self,
        i: &mut Interpreter,
        instance: Option<&Value>,
        owner: &Value,
    ) -> Option<PyResult<Value>> {
        let c = self.0.clone();
        Some((|| match instance {
            Some(inst) => {
                let mut values = Vec::with_capacity(c.columns.len());
                for col in &c.columns {
                    values.push(i.getattr(inst, col)?);
                }
                if values.iter().all(|v| matches!(v, Value::None)) {
                    return Ok(Value::None);
                }
                i.call(&c.class, Args::positional(values))
            }
            None => {
                let mut cols = Vec::with_capacity(c.columns.len());
                for col in &c.columns {
                    let attr = i.getattr(owner, col)?;
                    match super::expr::expr_of(&c.bridge, i, &attr)? {
                        Some(e) => cols.push(e),
                        None => return Err(super::unsupported(i, "this composite column")),
                    }
                }
                Ok(obj(CompositeExpr {
                    composite: c.clone(),
                    cols,
                }))
            }
        })())
    }
    fn descr_set(
        &self,
        i: &mut Interpreter,
        instance: &Value,
        value: Value,
    ) -> Option<PyResult<()>> {
        let c = self.0.clone();
        Some((|| {
            let values = match value {
                Value::None => vec![Value::None; c.columns.len()],
                v => c.values_of(i, &v)?,
            };
            for (col, v) in c.columns.iter().zip(values) {
                i.setattr(instance, col, v)?;
            }
            Ok(())
        })())
    }
    fn is_data_descriptor(&self) -> bool {
        true
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `Vertex.start` in a query: compares all its columns.
struct CompositeExpr {
    composite: Rc<Composite>,
    cols: Vec<Expr>,
}

impl NativeObject for CompositeExpr {
    fn type_name(&self) -> String {
        "Comparator".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.descriptor_props.Composite.Comparator object at 0x{:x}>",
            self as *const Self as usize
        ))
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
        let b = self.composite.bridge.clone();
        Some((|| {
            let values = self.composite.values_of(i, other)?;
            let mut parts = Vec::with_capacity(self.cols.len());
            for (col, v) in self.cols.iter().zip(values) {
                let cmp = match super::expr::binary(&b, i, col.clone(), op, &v, false) {
                    Some(r) => r?,
                    None => return Err(super::unsupported(i, "this composite comparison")),
                };
                match super::expr::expr_of(&b, i, &cmp)? {
                    Some(e) => parts.push(e),
                    None => return Err(super::unsupported(i, "this composite comparison")),
                }
            }
            // SQLAlchemy joins the column comparisons with AND for `!=` too.
            Ok(super::expr::ex(&b, retort::sql::and_(parts)))
        })())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
