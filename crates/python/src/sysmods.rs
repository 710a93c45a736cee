//! Small host-facing modules scripts import around their SQLAlchemy code: `os` (an empty
//! environment, `getenv`, `os.path` string helpers), `time` (clock readings and a no-op
//! `sleep`) and `warnings` (`warn` in CPython's stderr format, once per location, and
//! `filterwarnings`/`simplefilter` whose "ignore" filters [`warning_ignored`] reports).

use crate::class::Class;
use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::rc::Rc;

fn str_arg(i: &Interpreter, a: &Args, n: usize, what: &str) -> PyResult<String> {
    match a.pos.get(n) {
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(other) => {
            Err(i.type_error(format!("{what}: expected str, not {}", other.type_name())))
        }
        None => Err(i.type_error(format!("{what}: missing argument"))),
    }
}

fn set(m: &Module, name: &str, f: impl Fn(&mut Interpreter, Args) -> PyResult<Value> + 'static) {
    m.set(name, NativeFunction::value(name, f));
}

/// Whether a `warnings` filter set by the script ignores warnings of `category`
/// (`filterwarnings("ignore")`, `simplefilter("ignore", SAWarning)`, ...).
pub fn warning_ignored(i: &mut Interpreter, category: &str) -> bool {
    let Ok(m) = i.import_module("warnings") else {
        return false;
    };
    let filters = m.attrs.borrow().get("filters").cloned();
    let Some(Value::List(filters)) = filters else {
        return false;
    };
    let filters = filters.borrow().clone();
    for f in filters {
        let Value::Tuple(t) = f else { continue };
        let (Some(Value::Str(action)), Some(cat)) = (t.first(), t.get(2)) else {
            continue;
        };
        let applies = match cat {
            Value::Class(c) => {
                c.name == category
                    || c.name == "Warning"
                    || i.exception_class(category)
                        .is_some_and(|k| k.is_subclass_of(c))
            }
            _ => true,
        };
        if applies {
            return &**action == "ignore";
        }
    }
    false
}

fn warn(i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let msg = a.pos.first().cloned().unwrap_or(Value::None);
    let category = a
        .take_kw("category")
        .or_else(|| a.pos.get(1).cloned())
        .filter(|v| !matches!(v, Value::None));
    let (cat_name, text) = match (&msg, &category) {
        (Value::Instance(inst), _) => (inst.class.name.clone(), i.to_str(&msg)?),
        (_, Some(Value::Class(c))) => (c.name.clone(), i.to_str(&msg)?),
        _ => ("UserWarning".to_string(), i.to_str(&msg)?),
    };
    let level = match a.take_kw("stacklevel").or_else(|| a.pos.get(2).cloned()) {
        Some(Value::Int(n)) => usize::try_from(n).unwrap_or(1),
        _ => 1,
    };
    emit_warning(i, &cat_name, &text, level)?;
    Ok(Value::None)
}

/// `warnings.warn(text, category, stacklevel=level)` from native code: shown on stderr
/// unless a filter ignores `category`, once per message, category and line.
///
/// # Failure
/// Python's errors from comparing the registry's keys.
pub fn emit_warning(i: &mut Interpreter, cat_name: &str, text: &str, level: usize) -> PyResult<()> {
    if warning_ignored(i, cat_name) {
        return Ok(());
    }
    let (line, source) = i.caller_line(level);
    let key = Value::tuple(vec![
        Value::str(text),
        Value::str(cat_name),
        Value::Int(line as i64),
    ]);
    let m = i.import_module("warnings")?;
    let seen = m.attrs.borrow().get("_retort_seen").cloned();
    if let Some(Value::List(seen)) = seen {
        let known = seen.borrow().clone();
        for k in &known {
            if i.eq(k, &key)? {
                return Ok(());
            }
        }
        seen.borrow_mut().push(key);
    }
    let file = i.filename().to_string();
    i.write_stderr(&format!("{file}:{line}: {cat_name}: {text}\n"));
    if !source.trim().is_empty() {
        i.write_stderr(&format!("  {}\n", source.trim()));
    }
    Ok(())
}

/// A no-op context manager (`warnings.catch_warnings()`).
fn null_context(i: &mut Interpreter) -> PyResult<Value> {
    let object = i
        .builtin_type("object")
        .into_iter()
        .collect::<Vec<Rc<Class>>>();
    let mro = crate::class::c3_mro(&object).unwrap_or_default();
    let cls = Rc::new(Class::new("catch_warnings", "warnings", object, mro));
    cls.dict.borrow_mut().insert(
        "__enter__".into(),
        NativeFunction::value("__enter__", |_, _| Ok(Value::None)),
    );
    cls.dict.borrow_mut().insert(
        "__exit__".into(),
        NativeFunction::value("__exit__", |_, _| Ok(Value::Bool(false))),
    );
    i.call(&Value::Class(cls), Args::default())
}

/// The traceback text of `exc` (the exception being handled when None).
fn exc_text(i: &mut Interpreter, exc: Option<Value>) -> String {
    match exc.or_else(|| i.handling.last().cloned()) {
        Some(e @ Value::Instance(_)) => i.render_exception(&e, 0),
        _ => "NoneType: None\n".to_string(),
    }
}

/// The `traceback` module: `format_exc`, `print_exc`, `format_exception`,
/// `print_exception`, `format_exception_only`.
fn register_traceback(r: &mut ModuleRegistry) {
    r.register("traceback", |_| {
        let m = Module::new("traceback");
        set(&m, "format_exc", |i, _| Ok(Value::str(&exc_text(i, None))));
        set(&m, "print_exc", |i, _| {
            let text = exc_text(i, None);
            i.write_stderr(&text);
            Ok(Value::None)
        });
        set(&m, "format_exception", |i, a| {
            let text = exc_text(i, a.pos.first().cloned());
            Ok(Value::list(
                text.split_inclusive('\n').map(Value::str).collect(),
            ))
        });
        set(&m, "print_exception", |i, a| {
            let text = exc_text(i, a.pos.first().cloned());
            i.write_stderr(&text);
            Ok(Value::None)
        });
        set(&m, "format_exception_only", |i, a| {
            let text = exc_text(i, a.pos.first().cloned());
            let last = text.lines().last().unwrap_or("").to_string();
            Ok(Value::list(vec![Value::str(&format!("{last}\n"))]))
        });
        Ok(Rc::new(m))
    });
}

/// Register `os`, `os.path`, `time`, `warnings` and `traceback`.
pub fn register(r: &mut ModuleRegistry) {
    register_traceback(r);
    r.register("os.path", |_| {
        let m = Module::new("os.path");
        m.set("sep", Value::str("/"));
        set(&m, "join", |i, a| {
            let mut out = String::new();
            for n in 0..a.pos.len() {
                let part = str_arg(i, &a, n, "join")?;
                if part.starts_with('/') {
                    out = part;
                } else if out.is_empty() || out.ends_with('/') {
                    out.push_str(&part);
                } else {
                    out.push('/');
                    out.push_str(&part);
                }
            }
            Ok(Value::str(&out))
        });
        set(&m, "basename", |i, a| {
            let p = str_arg(i, &a, 0, "basename")?;
            Ok(Value::str(p.rsplit('/').next().unwrap_or("")))
        });
        set(&m, "dirname", |i, a| {
            let p = str_arg(i, &a, 0, "dirname")?;
            Ok(Value::str(match p.rfind('/') {
                Some(0) => "/",
                Some(k) => &p[..k],
                None => "",
            }))
        });
        set(&m, "splitext", |i, a| {
            let p = str_arg(i, &a, 0, "splitext")?;
            let base_start = p.rfind('/').map(|k| k + 1).unwrap_or(0);
            let dot = p[base_start..]
                .rfind('.')
                .filter(|d| p[base_start..][..*d].chars().any(|c| c != '.'))
                .map(|d| d + base_start);
            let (root, ext) = match dot {
                Some(d) => (&p[..d], &p[d..]),
                None => (&p[..], ""),
            };
            Ok(Value::tuple(vec![Value::str(root), Value::str(ext)]))
        });
        // Retort has no file system: scripts run against in-memory databases.
        for name in ["exists", "isfile", "isdir"] {
            set(&m, name, |_, _| Ok(Value::Bool(false)));
        }
        for name in ["abspath", "realpath"] {
            set(&m, name, move |i, a| {
                Ok(Value::str(&crate::paths::abspath(&str_arg(
                    i, &a, 0, name,
                )?)))
            });
        }
        set(&m, "normpath", |i, a| {
            Ok(Value::str(&crate::paths::normpath(&str_arg(
                i, &a, 0, "normpath",
            )?)))
        });
        set(&m, "isabs", |i, a| {
            Ok(Value::Bool(str_arg(i, &a, 0, "isabs")?.starts_with('/')))
        });
        Ok(Rc::new(m))
    });
    r.register("os", |i| {
        let m = Module::new("os");
        m.set("name", Value::str("posix"));
        m.set("sep", Value::str("/"));
        m.set("linesep", Value::str("\n"));
        m.set("environ", i.new_dict(vec![])?);
        m.set("path", Value::Module(i.import_module("os.path")?));
        set(&m, "getcwd", |_, _| Ok(Value::str(crate::paths::CWD)));
        set(&m, "getenv", |i, a| {
            let key = str_arg(i, &a, 0, "getenv")?;
            let _ = key;
            Ok(a.pos.get(1).cloned().unwrap_or(Value::None))
        });
        Ok(Rc::new(m))
    });
    r.register("time", |_| {
        let m = Module::new("time");
        for name in ["time", "perf_counter", "monotonic", "process_time"] {
            set(&m, name, |i, _| {
                let t = crate::datetime::now_seconds(i)?;
                Ok(Value::Float(t))
            });
        }
        set(&m, "sleep", |_, _| Ok(Value::None));
        Ok(Rc::new(m))
    });
    r.register("warnings", |_| {
        let m = Module::new("warnings");
        m.set("filters", Value::list(vec![]));
        m.set("_retort_seen", Value::list(vec![]));
        set(&m, "warn", warn);
        for name in ["filterwarnings", "simplefilter"] {
            set(&m, name, |i, mut a| {
                let action = a
                    .take_kw("action")
                    .or_else(|| a.pos.first().cloned())
                    .unwrap_or(Value::None);
                let category = a
                    .take_kw("category")
                    .or_else(|| {
                        a.pos
                            .get(2)
                            .cloned()
                            .filter(|v| matches!(v, Value::Class(_)))
                    })
                    .or_else(|| {
                        a.pos
                            .get(1)
                            .cloned()
                            .filter(|v| matches!(v, Value::Class(_)))
                    })
                    .unwrap_or(Value::None);
                let entry = Value::tuple(vec![action, Value::None, category]);
                let m = i.import_module("warnings")?;
                if let Some(Value::List(f)) = m.attrs.borrow().get("filters").cloned() {
                    f.borrow_mut().insert(0, entry);
                }
                Ok(Value::None)
            });
        }
        set(&m, "resetwarnings", |i, _| {
            let m = i.import_module("warnings")?;
            m.set("filters", Value::list(vec![]));
            Ok(Value::None)
        });
        set(&m, "catch_warnings", |i, _| null_context(i));
        Ok(Rc::new(m))
    });
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7 (stderr as `python script.py` shows it).
    #[test]
    fn warn_once_per_location_and_ignore_filters() {
        let mut py = crate::Interpreter::new();
        let r = py.run("import os, warnings\nprint(os.getenv('NOPE', 'dflt'), os.path.join('a', 'b'))\nfor _ in range(2):\n    warnings.warn('w')\nwarnings.filterwarnings('ignore')\nwarnings.warn('x')\n");
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(py.take_output(), "dflt a/b\n");
        assert_eq!(
            py.take_stderr(),
            "script.py:4: UserWarning: w\n  warnings.warn('w')\n"
        );
    }

    #[test]
    fn traceback_format_exc_shows_the_handled_exception() {
        let (out, r) = crate::interp::run_for_test(
            "import traceback\ndef f():\n    raise ValueError('v')\ntry:\n    f()\nexcept ValueError:\n    print(traceback.format_exc(), end='')\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "Traceback (most recent call last):\n  File \"script.py\", line 5, in <module>\n    f()\n  File \"script.py\", line 3, in f\n    raise ValueError('v')\nValueError: v\n"
        );
    }
}
