//! `stmt.compile(...)`: a statement compiled for the default dialect or SQLite (with
//! `literal_binds`), its `str()` and its `params`.

use super::{Bridge, obj};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::sql::Statement;
use std::any::Any;
use std::rc::Rc;

/// `stmt.compile(...)`: the SQL text and its parameters.
pub struct CompiledObj {
    sql: String,
    params: Vec<(String, retort::sql::compiler::BoundValue)>,
}

/// `stmt.compile(dialect=..., compile_kwargs=...)` of a Core statement.
pub fn compile(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    stmt: &Statement,
    mut a: Args,
) -> PyResult<Value> {
    let mut literal = false;
    if let Some(Value::Dict(d)) = a.take_kw("compile_kwargs") {
        let entries: Vec<(Value, Value)> = d.borrow().values().cloned().collect();
        for (k, v) in entries {
            match &k {
                Value::Str(s) if &**s == "literal_binds" => literal = i.truthy(&v)?,
                other => {
                    let shown = i.repr(other)?;
                    return Err(super::unsupported(
                        i,
                        &format!("compile(compile_kwargs={{{shown}: ...}})"),
                    ));
                }
            }
        }
    }
    // `compile(engine)`, `compile(bind=engine)`, `compile(dialect=...)`: SQLite's `?`
    // (expanding IN lists still shown as `__[POSTCOMPILE_...]`); else the default dialect.
    let dialect = a.take_kw("dialect").or_else(|| a.take_kw("bind"));
    let sqlite = dialect
        .or_else(|| a.pos.first().cloned())
        .is_some_and(|d| !matches!(d, Value::None));
    let style = if sqlite {
        retort::sql::compiler::ParamStyle::SqliteStr
    } else {
        retort::sql::compiler::ParamStyle::Named
    };
    if literal {
        let sql = retort::sql::compiler::compile_literal(stmt, style).map_err(|e| b.raise(i, e))?;
        return Ok(obj(CompiledObj {
            sql,
            params: Vec::new(),
        }));
    }
    let c = retort::sql::compiler::compile(stmt, style, &[]).map_err(|e| b.raise(i, e))?;
    Ok(obj(CompiledObj {
        sql: c.sql,
        params: c.bound,
    }))
}

impl NativeObject for CompiledObj {
    fn type_name(&self) -> String {
        "SQLCompiler".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.sql.compiler.SQLCompiler object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.sql.clone())
    }
    fn get_attr(&self, i: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "params" => {
                use retort::sql::compiler::BoundValue;
                let pairs = self
                    .params
                    .iter()
                    .map(|(k, v)| {
                        let v = match v {
                            BoundValue::One(v) => super::to_py(v),
                            BoundValue::List(vs) => {
                                Value::list(vs.iter().map(super::to_py).collect())
                            }
                        };
                        (Value::str(k), v)
                    })
                    .collect();
                Some(i.new_dict(pairs)?)
            }
            "string" => Some(Value::str(&self.sql)),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
