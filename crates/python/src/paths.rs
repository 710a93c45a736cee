//! Paths without a file system: `os.path.abspath`/`realpath`/`normpath`/`isabs`,
//! `os.getcwd()` (Retort's working directory is `/`) and `pathlib.Path` (joining with `/`,
//! `name`, `stem`, `suffix`, `parent`, `parts`, `with_suffix`, `resolve`, ...). Scripts build
//! SQLite file URLs from these; queries to the file system answer as for a missing file.

use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry, NativeObject};
use crate::value::{HashKey, Value};
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::rc::Rc;

/// The working directory Retort reports.
pub const CWD: &str = "/";

/// `os.path.normpath`: `.` and `..` resolved, repeated and trailing slashes dropped.
pub fn normpath(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let absolute = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in p.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|l| *l != "..") => {
                parts.pop();
            }
            ".." if absolute => {}
            other => parts.push(other),
        }
    }
    let body = parts.join("/");
    match (absolute, body.is_empty()) {
        (true, _) => format!("/{body}"),
        (false, true) => ".".into(),
        (false, false) => body,
    }
}

/// `os.path.abspath`.
pub fn abspath(p: &str) -> String {
    if p.starts_with('/') {
        normpath(p)
    } else {
        normpath(&format!("{CWD}/{p}"))
    }
}

/// A `pathlib.PurePosixPath`-like path.
struct PathObj(String);

thread_local! {
    /// The `pathlib.PosixPath` class `type(path)` reports (set when `pathlib` is imported).
    static POSIX_PATH: std::cell::RefCell<Option<Rc<crate::Class>>> = const { std::cell::RefCell::new(None) };
}

impl PathObj {
    fn new(text: &str) -> PathObj {
        let n = if text.is_empty() {
            ".".to_string()
        } else {
            text.to_string()
        };
        // pathlib collapses repeated slashes and drops `.` parts and a trailing slash.
        let absolute = n.starts_with('/');
        let parts: Vec<&str> = n
            .split('/')
            .filter(|p| !p.is_empty() && *p != ".")
            .collect();
        let body = parts.join("/");
        PathObj(match (absolute, body.is_empty()) {
            (true, _) => format!("/{body}"),
            (false, true) => ".".into(),
            (false, false) => body,
        })
    }
    fn name(&self) -> &str {
        match self.0.as_str() {
            "." | "/" => "",
            p => p.rsplit('/').next().unwrap_or(""),
        }
    }
    fn suffix(&self) -> &str {
        let name = self.name();
        match name.rfind('.') {
            Some(0) | None => "",
            Some(k) if k + 1 == name.len() => "",
            Some(k) => &name[k..],
        }
    }
    fn stem(&self) -> &str {
        let (name, suffix) = (self.name(), self.suffix());
        &name[..name.len() - suffix.len()]
    }
    fn parent(&self) -> String {
        match self.0.rfind('/') {
            Some(0) => "/".into(),
            Some(k) => self.0[..k].to_string(),
            None => ".".into(),
        }
    }
    fn join(&self, other: &str) -> PathObj {
        if other.starts_with('/') || self.0 == "." {
            PathObj::new(other)
        } else {
            PathObj::new(&format!("{}/{other}", self.0))
        }
    }
}

fn path_value(p: PathObj) -> Value {
    Value::Object(Rc::new(p))
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::Str(s) => Some(s.to_string()),
        Value::Object(o) => o.as_any().downcast_ref::<PathObj>().map(|p| p.0.clone()),
        _ => None,
    }
}

impl NativeObject for PathObj {
    fn type_name(&self) -> String {
        "PosixPath".into()
    }
    fn class(&self) -> Option<Rc<crate::Class>> {
        POSIX_PATH.with(|c| c.borrow().clone())
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!("PosixPath({})", crate::format::str_repr(&self.0)))
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.0.clone())
    }
    fn hash_key(&self) -> Option<HashKey> {
        Some(HashKey::Tuple(vec![
            HashKey::Str(Rc::from("path")),
            HashKey::Str(Rc::from(self.0.as_str())),
        ]))
    }
    fn binary_op(
        &self,
        _: &mut Interpreter,
        op: &str,
        other: &Value,
        reflected: bool,
    ) -> Option<PyResult<Value>> {
        let theirs = text_of(other)?;
        Some(Ok(match op {
            "/" if reflected => path_value(PathObj::new(&theirs).join(&self.0)),
            "/" => path_value(self.join(&theirs)),
            "==" => {
                Value::Bool(matches!(other, Value::Object(_)) && PathObj::new(&theirs).0 == self.0)
            }
            "!=" => Value::Bool(
                !(matches!(other, Value::Object(_)) && PathObj::new(&theirs).0 == self.0),
            ),
            _ => return None,
        }))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let me = self.0.clone();
        let func = |name: &str, f: fn(&mut Interpreter, &PathObj, Args) -> PyResult<Value>| {
            let me = me.clone();
            NativeFunction::value(name, move |i, a| f(i, &PathObj(me.clone()), a))
        };
        Ok(Some(match name {
            "name" => Value::str(self.name()),
            "stem" => Value::str(self.stem()),
            "suffix" => Value::str(self.suffix()),
            "parent" => path_value(PathObj(self.parent())),
            "parts" => {
                let mut parts: Vec<Value> = Vec::new();
                if me.starts_with('/') {
                    parts.push(Value::str("/"));
                }
                parts.extend(
                    me.split('/')
                        .filter(|p| !p.is_empty() && *p != ".")
                        .map(Value::str),
                );
                Value::tuple(parts)
            }
            "anchor" => Value::str(if me.starts_with('/') { "/" } else { "" }),
            "resolve" | "absolute" | "expanduser" => {
                func(name, |_, p, _| Ok(path_value(PathObj::new(&abspath(&p.0)))))
            }
            "as_posix" | "__fspath__" => func(name, |_, p, _| Ok(Value::str(&p.0))),
            "is_absolute" => func(name, |_, p, _| Ok(Value::Bool(p.0.starts_with('/')))),
            "exists" | "is_file" | "is_dir" => func(name, |_, _, _| Ok(Value::Bool(false))),
            "mkdir" | "touch" | "unlink" => func(name, |_, _, _| Ok(Value::None)),
            "joinpath" => func(name, |i, p, a| {
                let mut out = PathObj(p.0.clone());
                for v in &a.pos {
                    let t = text_of(v).ok_or_else(|| i.type_error("expected str or Path"))?;
                    out = out.join(&t);
                }
                Ok(path_value(out))
            }),
            "with_suffix" => func(name, |i, p, a| {
                let s = a
                    .pos
                    .first()
                    .and_then(text_of)
                    .ok_or_else(|| i.type_error("expected str"))?;
                let parent = p.parent();
                let base = format!("{}{s}", p.stem());
                Ok(path_value(if p.0.contains('/') {
                    PathObj::new(&format!("{parent}/{base}"))
                } else {
                    PathObj::new(&base)
                }))
            }),
            "with_name" => func(name, |i, p, a| {
                let s = a
                    .pos
                    .first()
                    .and_then(text_of)
                    .ok_or_else(|| i.type_error("expected str"))?;
                Ok(path_value(PathObj::new(&p.parent()).join(&s)))
            }),
            "read_text" | "write_text" | "read_bytes" | "write_bytes" | "open" => {
                func(name, |i, _, _| {
                    Err(i.exc(
                        "NotImplementedError",
                        "reading and writing files is not supported by Retort",
                    ))
                })
            }
            _ => return Ok(None),
        }))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Register `pathlib`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("pathlib", |i| {
        let m = Module::new("pathlib");
        // PurePath <- Path <- PosixPath, PurePath <- PurePosixPath: `Path(...)` makes a
        // PosixPath, an instance of all but PurePosixPath, as on Linux.
        let pure = i.native_class("PurePath", "pathlib");
        let sub = |name: &str, base: &Rc<crate::Class>| {
            let bases = vec![base.clone()];
            let mro = crate::class::c3_mro(&bases).unwrap_or_default();
            let mut c = crate::Class::new(name, "pathlib", bases, mro);
            c.builtin = Some(crate::class::Builtin::Native);
            Rc::new(c)
        };
        let path = sub("Path", &pure);
        let posix = sub("PosixPath", &path);
        let pure_posix = sub("PurePosixPath", &pure);
        POSIX_PATH.with(|c| *c.borrow_mut() = Some(posix.clone()));
        for (cls_name, class) in [
            ("PurePath", pure),
            ("Path", path),
            ("PosixPath", posix),
            ("PurePosixPath", pure_posix),
        ] {
            {
                let mut d = class.dict.borrow_mut();
                d.insert(
                    "__new__".into(),
                    NativeFunction::value("__new__", |i, a| {
                        let mut out = PathObj::new(".");
                        for v in a.pos.iter().skip(1) {
                            let t = text_of(v).ok_or_else(|| {
                                i.type_error(format!(
                                    "argument should be a str or an os.PathLike object, not '{}'",
                                    v.type_name()
                                ))
                            })?;
                            out = out.join(&t);
                        }
                        Ok(path_value(out))
                    }),
                );
                d.insert(
                    "cwd".into(),
                    NativeFunction::value("cwd", |_, _| Ok(path_value(PathObj::new(CWD)))),
                );
                d.insert(
                    "home".into(),
                    NativeFunction::value("home", |_, _| Ok(path_value(PathObj::new("/home")))),
                );
            }
            m.set(cls_name, Value::Class(class));
        }
        Ok(Rc::new(m))
    });
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn pure_paths() {
        let (out, r) = crate::interp::run_for_test(concat!(
            "from pathlib import Path\nimport os\n",
            "p = Path('data') / 'app.db'\n",
            "print(p, repr(p), p.name, p.stem, p.suffix, p.parent, p.parts, p.with_suffix('.sqlite'), Path('/a/b/../c.txt').name)\n",
            "print(f'sqlite:///{p}', Path('a', 'b/c'), 'x' / Path('y'), p == Path('data/app.db'), os.path.normpath('a//b/./c/../d'), os.path.isabs('/x'))\n",
        ));
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "data/app.db PosixPath('data/app.db') app.db app .db data ('data', 'app.db') data/app.sqlite c.txt\nsqlite:///data/app.db a/b/c x/y True a/b/d True\n"
        );
    }
}
