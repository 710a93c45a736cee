//! The `logging` module for a script's own messages: `basicConfig` (level, format,
//! stream), `getLogger` with dotted-name level inheritance, the module-level and logger
//! methods (`debug` ... `critical`, `exception`, `log`), CPython's last-resort output
//! (the bare message on stderr for warnings and above) and its `%(...)s` record fields.
//! SQLAlchemy's engine logger (`sqlalchemy.engine.Engine`, left at WARNING by SQLAlchemy
//! unless the script sets it) writes the engine's log through the configured handler:
//! [`engine_log`] tells the bridge whether and how.

use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry, NativeObject};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

const LEVELS: [(&str, i64); 6] = [
    ("CRITICAL", 50),
    ("ERROR", 40),
    ("WARNING", 30),
    ("INFO", 20),
    ("DEBUG", 10),
    ("NOTSET", 0),
];

#[derive(Default)]
struct State {
    levels: HashMap<String, i64>,
    /// `basicConfig` ran: (format, to stdout).
    configured: Option<(String, bool)>,
}

type Shared = Rc<RefCell<State>>;

fn level_name(n: i64) -> String {
    LEVELS
        .iter()
        .find(|(_, v)| *v == n)
        .map(|(k, _)| (*k).to_string())
        .unwrap_or_else(|| format!("Level {n}"))
}

fn effective(st: &State, name: &str) -> i64 {
    let mut cur = name.to_string();
    loop {
        if let Some(l) = st.levels.get(&cur)
            && *l != 0
        {
            return *l;
        }
        match cur.rfind('.') {
            Some(p) => cur.truncate(p),
            None => break,
        }
    }
    st.levels.get("root").copied().unwrap_or(30)
}

fn emit(
    i: &mut Interpreter,
    st: &Shared,
    name: &str,
    level: i64,
    a: &Args,
    exc: bool,
) -> PyResult<()> {
    if level < effective(&st.borrow(), name) {
        return Ok(());
    }
    let msg = a.pos.first().cloned().unwrap_or(Value::None);
    let mut text = i.to_str(&msg)?;
    if a.pos.len() > 1 {
        let args = match a.pos.as_slice() {
            [_, Value::Dict(d)] => Value::Dict(d.clone()),
            [_, rest @ ..] => Value::tuple(rest.to_vec()),
            _ => Value::None,
        };
        text = crate::percent::percent_format(i, &text, &args)?;
    }
    let configured = st.borrow().configured.clone();
    let line = match &configured {
        None => text,
        Some((fmt, _)) => {
            let (lineno, _) = i.current_line();
            let fields = vec![
                (Value::str("levelname"), Value::str(&level_name(level))),
                (Value::str("name"), Value::str(name)),
                (Value::str("message"), Value::str(&text)),
                (Value::str("levelno"), Value::Int(level)),
                (Value::str("lineno"), Value::Int(lineno as i64)),
                (Value::str("module"), Value::str("script")),
                (Value::str("filename"), Value::str(i.filename())),
                (
                    Value::str("funcName"),
                    Value::str(&i.frame().map(|f| f.name.clone()).unwrap_or_default()),
                ),
                (Value::str("asctime"), Value::str(&asctime(i)?)),
            ];
            let d = i.new_dict(fields)?;
            crate::percent::percent_format(i, fmt, &d)?
        }
    };
    let mut out = format!("{line}\n");
    if exc && let Some(e) = i.handling.last().cloned() {
        out.push_str(&i.render_exception(&e, 0));
    }
    if configured.as_ref().is_some_and(|(_, stdout)| *stdout) {
        i.write_output(&out);
    } else {
        i.write_stderr(&out);
    }
    Ok(())
}

fn asctime(i: &mut Interpreter) -> PyResult<String> {
    let t = crate::datetime::now_seconds(i)?;
    let us = (t * 1e6) as i64;
    let days = us.div_euclid(86_400_000_000);
    let (y, m, d) = crate::calendar::civil_from_days(days);
    let rem = us.rem_euclid(86_400_000_000);
    let (h, mi, s, ms) = (
        rem / 3_600_000_000,
        rem / 60_000_000 % 60,
        rem / 1_000_000 % 60,
        rem / 1000 % 1000,
    );
    Ok(format!(
        "{y:04}-{m:02}-{d:02} {h:02}:{mi:02}:{s:02},{ms:03}"
    ))
}

/// A `logging.Logger`.
struct Logger {
    name: String,
    state: Shared,
}

impl NativeObject for Logger {
    fn type_name(&self) -> String {
        if self.name == "root" {
            "RootLogger"
        } else {
            "Logger"
        }
        .into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        let level = level_name(effective(&self.state.borrow(), &self.name));
        Ok(format!("<{} {} ({level})>", self.type_name(), self.name))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let (st, me) = (self.state.clone(), self.name.clone());
        Ok(Some(match name {
            "name" => Value::str(&me),
            "level" => Value::Int(st.borrow().levels.get(&me).copied().unwrap_or(0)),
            "setLevel" => NativeFunction::value("setLevel", move |i, a| {
                let level = level_arg(i, a.pos.first())?;
                st.borrow_mut().levels.insert(me.clone(), level);
                Ok(Value::None)
            }),
            "getEffectiveLevel" => NativeFunction::value("getEffectiveLevel", move |_, _| {
                Ok(Value::Int(effective(&st.borrow(), &me)))
            }),
            "isEnabledFor" => NativeFunction::value("isEnabledFor", move |i, a| {
                let level = level_arg(i, a.pos.first())?;
                Ok(Value::Bool(level >= effective(&st.borrow(), &me)))
            }),
            "addHandler" | "removeHandler" | "addFilter" => {
                NativeFunction::value(name, |_, _| Ok(Value::None))
            }
            other => match method_level(other) {
                Some((level, exc)) => NativeFunction::value(other, move |i, a| {
                    let (level, a) = match level {
                        Some(l) => (l, a),
                        None => {
                            let mut a = a;
                            let l = level_arg(i, a.pos.first())?;
                            a.pos.remove(0);
                            (l, a)
                        }
                    };
                    emit(i, &st, &me, level, &a, exc)?;
                    Ok(Value::None)
                }),
                None => return Ok(None),
            },
        }))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The handler SQLAlchemy's engine log goes through: the `basicConfig` format and stream,
/// and whether DEBUG (result rows) is on.
pub struct EngineLog {
    format: String,
    to_stdout: bool,
    /// The logger allows DEBUG: result rows are logged too.
    pub debug: bool,
}

/// The logging state, kept on the module so [`engine_log`] can find it.
struct StateHolder(Shared);

impl NativeObject for StateHolder {
    fn type_name(&self) -> String {
        "_retort_logging_state".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok("<logging state>".into())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// How the engine log goes through `logging`, when the script configured a handler
/// (`basicConfig`) and `sqlalchemy.engine` allows INFO; None otherwise (SQLAlchemy sets
/// the `sqlalchemy` logger to WARNING when it is imported, so a root level alone does not
/// turn the SQL log on; without a handler, logging's last resort shows WARNING and up only).
pub fn engine_log(i: &Interpreter) -> Option<EngineLog> {
    let module = i.loaded.get("logging")?;
    let holder = module.attrs.borrow().get("_retort_state").cloned()?;
    let Value::Object(o) = holder else {
        return None;
    };
    let st = o.as_any().downcast_ref::<StateHolder>()?.0.borrow();
    let (format, to_stdout) = st.configured.clone()?;
    let mut levels = st.levels.clone();
    levels.entry("sqlalchemy".into()).or_insert(30);
    let level = effective(
        &State {
            levels,
            configured: None,
        },
        "sqlalchemy.engine.Engine",
    );
    (level <= 20).then_some(EngineLog {
        format,
        to_stdout,
        debug: level <= 10,
    })
}

/// Write one engine log line (`at`: its `asctime`) through the handler `log` describes.
pub fn emit_engine_line(
    i: &mut Interpreter,
    log: &EngineLog,
    at: &str,
    debug: bool,
    message: &str,
) -> PyResult<()> {
    let level = if debug { 10 } else { 20 };
    let fields = vec![
        (Value::str("levelname"), Value::str(&level_name(level))),
        (Value::str("name"), Value::str("sqlalchemy.engine.Engine")),
        (Value::str("message"), Value::str(message)),
        (Value::str("levelno"), Value::Int(level)),
        (Value::str("module"), Value::str("base")),
        (Value::str("asctime"), Value::str(at)),
    ];
    let d = i.new_dict(fields)?;
    let line = crate::percent::percent_format(i, &log.format, &d)? + "\n";
    if log.to_stdout {
        i.write_output(&line);
    } else {
        i.write_stderr(&line);
    }
    Ok(())
}

/// The level of a logging method (None: `log(level, ...)`) and whether it adds the
/// traceback of the exception being handled.
fn method_level(name: &str) -> Option<(Option<i64>, bool)> {
    Some(match name {
        "debug" => (Some(10), false),
        "info" => (Some(20), false),
        "warning" | "warn" => (Some(30), false),
        "error" => (Some(40), false),
        "exception" => (Some(40), true),
        "critical" | "fatal" => (Some(50), false),
        "log" => (None, false),
        _ => return None,
    })
}

fn level_arg(i: &Interpreter, v: Option<&Value>) -> PyResult<i64> {
    match v {
        Some(Value::Int(n)) => Ok(*n),
        Some(Value::Str(s)) => LEVELS
            .iter()
            .find(|(k, _)| *k == &**s)
            .map(|(_, v)| *v)
            .ok_or_else(|| i.value_error(format!("Unknown level: '{s}'"))),
        _ => Err(i.type_error("Level not an integer or a valid string")),
    }
}

/// Register `logging`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("logging", |_| {
        let m = Module::new("logging");
        let st: Shared = Rc::default();
        m.set("_retort_state", Value::Object(Rc::new(StateHolder(st.clone()))));
        for (k, v) in LEVELS {
            m.set(k, Value::Int(v));
        }
        m.set("WARN", Value::Int(30));
        m.set("FATAL", Value::Int(50));
        m.set("BASIC_FORMAT", Value::str("%(levelname)s:%(name)s:%(message)s"));
        let s = st.clone();
        m.set(
            "getLogger",
            NativeFunction::value("getLogger", move |_, a| {
                let name = match a.pos.first() {
                    Some(Value::Str(n)) if !n.is_empty() => n.to_string(),
                    _ => "root".into(),
                };
                Ok(Value::Object(Rc::new(Logger { name, state: s.clone() })))
            }),
        );
        let s = st.clone();
        m.set(
            "basicConfig",
            NativeFunction::value("basicConfig", move |i, mut a| {
                if s.borrow().configured.is_some() && a.take_kw("force").is_none() {
                    return Ok(Value::None);
                }
                if let Some(l) = a.take_kw("level") {
                    let level = level_arg(i, Some(&l))?;
                    s.borrow_mut().levels.insert("root".into(), level);
                }
                let fmt = match a.take_kw("format") {
                    Some(Value::Str(f)) => f.to_string(),
                    _ => "%(levelname)s:%(name)s:%(message)s".into(),
                };
                let to_stdout = matches!(
                    a.take_kw("stream"),
                    Some(Value::Object(o)) if o.as_any().downcast_ref::<crate::stdlib::Stream>().is_some_and(|s| !s.0)
                );
                s.borrow_mut().configured = Some((fmt, to_stdout));
                Ok(Value::None)
            }),
        );
        for name in ["debug", "info", "warning", "warn", "error", "exception", "critical", "log"] {
            let s = st.clone();
            let Some((level, exc)) = method_level(name) else { continue };
            m.set(
                name,
                NativeFunction::value(name, move |i, a| {
                    if s.borrow().configured.is_none() {
                        s.borrow_mut().configured = Some(("%(levelname)s:%(name)s:%(message)s".into(), false));
                    }
                    let (level, a) = match level {
                        Some(l) => (l, a),
                        None => {
                            let mut a = a;
                            let l = level_arg(i, a.pos.first())?;
                            a.pos.remove(0);
                            (l, a)
                        }
                    };
                    emit(i, &s, "root", level, &a, exc)?;
                    Ok(Value::None)
                }),
            );
        }
        let s = st.clone();
        m.set(
            "disable",
            NativeFunction::value("disable", move |i, a| {
                let level = a.pos.first().map(|v| level_arg(i, Some(v))).transpose()?.unwrap_or(50);
                s.borrow_mut().levels.insert("root".into(), level + 1);
                Ok(Value::None)
            }),
        );
        m.set(
            "getLevelName",
            NativeFunction::value("getLevelName", |_, a| match a.pos.first() {
                Some(Value::Int(n)) => Ok(Value::str(&level_name(*n))),
                Some(other) => Ok(other.clone()),
                None => Ok(Value::None),
            }),
        );
        Ok(Rc::new(m))
    });
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7 (stderr).
    #[test]
    fn last_resort_basic_config_and_levels() {
        let mut py = crate::Interpreter::new();
        let r = py.run("import logging\nlog = logging.getLogger('a.b')\nlog.info('x')\nlog.warning('w %d', 1)\nlogging.basicConfig(level=logging.INFO)\nlog.info('i')\n");
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(py.take_stderr(), "w 1\nINFO:a.b:i\n");
    }

    #[test]
    fn engine_log_through_logging() {
        let mut py = crate::Interpreter::new();
        let r = py.run(concat!(
            "import logging\n",
            "from sqlalchemy import create_engine, text\n",
            "logging.basicConfig(level=logging.INFO)\n",
            "engine = create_engine('sqlite://')\n",
            "with engine.connect() as c:\n    c.execute(text('select 1'))\n",
            "logging.getLogger('sqlalchemy.engine').setLevel(logging.INFO)\n",
            "with engine.connect() as c:\n    c.execute(text('select 2'))\n",
        ));
        assert!(r.is_ok(), "{r:?}");
        let err = py.take_stderr();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(
            lines.first(),
            Some(&"INFO:sqlalchemy.engine.Engine:BEGIN (implicit)")
        );
        assert_eq!(
            lines.get(1),
            Some(&"INFO:sqlalchemy.engine.Engine:select 2")
        );
        assert_eq!(
            lines.last(),
            Some(&"INFO:sqlalchemy.engine.Engine:ROLLBACK")
        );
    }
}
