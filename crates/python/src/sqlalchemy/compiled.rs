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
    /// Compiled for SQLite (`compile(engine)`), else for the default string dialect.
    sqlite: bool,
}

impl CompiledObj {
    /// The compiler's module.
    fn module(&self) -> &'static str {
        if self.sqlite {
            "sqlalchemy.dialects.sqlite.base"
        } else {
            "sqlalchemy.sql.compiler"
        }
    }
}

/// `stmt.compile(dialect=..., compile_kwargs=...)` of a Core statement.
pub fn compile(b: &Rc<Bridge>, i: &mut Interpreter, stmt: &Statement, a: Args) -> PyResult<Value> {
    compile_either(b, i, Ok(stmt), a)
}

/// `expr.compile(...)` of a column expression (`(User.name == "x").compile().params`).
pub fn compile_expr(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    e: &retort::sql::Expr,
    a: Args,
) -> PyResult<Value> {
    compile_either(b, i, Err(e), a)
}

fn compile_either(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    what: Result<&Statement, &retort::sql::Expr>,
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
    let stmt = match what {
        Ok(stmt) => stmt,
        Err(e) => {
            if literal {
                return Err(super::unsupported(
                    i,
                    "expression.compile(compile_kwargs={'literal_binds': True})",
                ));
            }
            let c = retort::sql::compiler::compile_expr(e, style).map_err(|e| b.raise(i, e))?;
            return Ok(obj(CompiledObj {
                sql: c.sql,
                params: c.bound,
                sqlite,
            }));
        }
    };
    if literal {
        let sql = retort::sql::compiler::compile_literal(stmt, style).map_err(|e| b.raise(i, e))?;
        return Ok(obj(CompiledObj {
            sql,
            params: Vec::new(),
            sqlite,
        }));
    }
    let c = retort::sql::compiler::compile(stmt, style, &[]).map_err(|e| b.raise(i, e))?;
    Ok(obj(CompiledObj {
        sql: c.sql,
        params: c.bound,
        sqlite,
    }))
}

impl NativeObject for CompiledObj {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class(self.module(), &self.type_name()))
    }
    fn type_name(&self) -> String {
        if self.sqlite {
            "SQLiteCompiler"
        } else {
            "StrSQLCompiler"
        }
        .into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<{}.{} object at 0x{:x}>",
            self.module(),
            self.type_name(),
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
