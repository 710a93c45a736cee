//! `io.StringIO` and the `csv` module's `reader`, `DictReader`, `writer` and `DictWriter`:
//! what tutorials use to seed a database from CSV text or export query results. Readers
//! are lazy iterators over any iterable of lines (a `StringIO`, a list of strings); writers
//! call the target's `write` (a `StringIO`, `sys.stdout`). Dialect options: `delimiter`,
//! `quotechar`, `lineterminator`, `quoting` (`QUOTE_MINIMAL`, `QUOTE_ALL`).

use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry, NativeObject};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// `io.StringIO`: a text buffer with a read position.
pub struct StringIo {
    buf: RefCell<String>,
    pos: Cell<usize>,
}

impl StringIo {
    fn rest(&self) -> String {
        let buf = self.buf.borrow();
        buf.get(self.pos.get()..).unwrap_or("").to_string()
    }
}

fn this_io(v: &Value) -> Option<&StringIo> {
    match v {
        Value::Object(o) => o.as_any().downcast_ref::<StringIo>(),
        _ => None,
    }
}

impl NativeObject for StringIo {
    fn type_name(&self) -> String {
        "_io.StringIO".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok("<_io.StringIO object>".into())
    }
    fn iterate(&self, _: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        let rest = self.rest();
        self.pos.set(self.buf.borrow().len());
        Some(Ok(rest.split_inclusive('\n').map(Value::str).collect()))
    }
    fn get_attr(&self, _: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let this = this.clone();
        let f = move |name: &str,
                      body: fn(&mut Interpreter, &StringIo, Args, &Value) -> PyResult<Value>| {
            let this = this.clone();
            NativeFunction::value(name, move |i, a| match this_io(&this) {
                Some(me) => body(i, me, a, &this),
                None => Ok(Value::None),
            })
        };
        Ok(Some(match name {
            "write" => f(name, |i, me, a, _| match a.pos.first() {
                Some(Value::Str(s)) => {
                    let mut buf = me.buf.borrow_mut();
                    let at = me.pos.get().min(buf.len());
                    buf.truncate(at);
                    buf.push_str(s);
                    me.pos.set(buf.len());
                    Ok(Value::Int(s.chars().count() as i64))
                }
                other => Err(i.type_error(format!(
                    "string argument expected, got '{}'",
                    other
                        .map(|v| v.type_name())
                        .unwrap_or_else(|| "NoneType".into())
                ))),
            }),
            "getvalue" => f(name, |_, me, _, _| Ok(Value::str(&me.buf.borrow()))),
            "read" => f(name, |_, me, _, _| {
                let rest = me.rest();
                me.pos.set(me.buf.borrow().len());
                Ok(Value::str(&rest))
            }),
            "readline" => f(name, |_, me, _, _| {
                let rest = me.rest();
                let line = rest.split_inclusive('\n').next().unwrap_or("").to_string();
                me.pos.set(me.pos.get() + line.len());
                Ok(Value::str(&line))
            }),
            "readlines" => f(name, |_, me, _, _| {
                let rest = me.rest();
                me.pos.set(me.buf.borrow().len());
                Ok(Value::list(
                    rest.split_inclusive('\n').map(Value::str).collect(),
                ))
            }),
            "seek" => f(name, |i, me, a, _| match a.pos.first() {
                Some(Value::Int(n)) if *n >= 0 => {
                    let at = (*n as usize).min(me.buf.borrow().len());
                    me.pos.set(at);
                    Ok(Value::Int(at as i64))
                }
                _ => Err(i.value_error("Negative seek position")),
            }),
            "tell" => f(name, |_, me, _, _| Ok(Value::Int(me.pos.get() as i64))),
            "close" | "flush" => f(name, |_, _, _, _| Ok(Value::None)),
            "__enter__" => f(name, |_, _, _, this| Ok(this.clone())),
            "__exit__" => f(name, |_, _, _, _| Ok(Value::Bool(false))),
            _ => return Ok(None),
        }))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A dialect: the characters and quoting a reader or writer uses.
#[derive(Clone)]
struct Dialect {
    delimiter: char,
    quotechar: char,
    lineterminator: String,
    quote_all: bool,
}

fn dialect(i: &mut Interpreter, a: &mut Args) -> PyResult<Dialect> {
    let mut d = Dialect {
        delimiter: ',',
        quotechar: '"',
        lineterminator: "\r\n".into(),
        quote_all: false,
    };
    let one_char = |i: &Interpreter, v: Value, what: &str| match v {
        Value::Str(s) if s.chars().count() == 1 => Ok(s.chars().next().unwrap_or(',')),
        _ => Err(i.type_error(format!("\"{what}\" must be a 1-character string"))),
    };
    if let Some(v) = a.take_kw("delimiter") {
        d.delimiter = one_char(i, v, "delimiter")?;
    }
    if let Some(v) = a.take_kw("quotechar") {
        d.quotechar = one_char(i, v, "quotechar")?;
    }
    if let Some(Value::Str(s)) = a.take_kw("lineterminator") {
        d.lineterminator = s.to_string();
    }
    match a.take_kw("quoting") {
        None | Some(Value::Int(0)) => {}
        Some(Value::Int(1)) => d.quote_all = true,
        Some(_) => {
            return Err(i.exc(
                "NotImplementedError",
                "csv quoting other than QUOTE_MINIMAL and QUOTE_ALL is not supported by Retort",
            ));
        }
    }
    let _ = a.take_kw("skipinitialspace");
    let _ = a.take_kw("dialect");
    Ok(d)
}

/// Split one record; `None` when a quoted field runs past the end of `line`.
fn parse_record(line: &str, d: &Dialect) -> Option<Vec<String>> {
    let line = line.strip_suffix('\n').unwrap_or(line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == d.quotechar {
                if chars.peek() == Some(&d.quotechar) {
                    chars.next();
                    field.push(c);
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else if c == d.quotechar && at_start {
            quoted = true;
            at_start = false;
        } else if c == d.delimiter {
            fields.push(std::mem::take(&mut field));
            at_start = true;
        } else {
            field.push(c);
            at_start = false;
        }
    }
    if quoted {
        return None;
    }
    fields.push(field);
    Some(fields)
}

/// The next record from the line iterator `src` (joining lines a quoted field spans).
fn next_record(i: &mut Interpreter, src: &Value, d: &Dialect) -> PyResult<Option<Vec<String>>> {
    let mut text = String::new();
    loop {
        i.tick()?;
        let Some(line) = i.iter_step(src)? else {
            return Ok(if text.is_empty() {
                None
            } else {
                parse_record(&text, d)
                    .map(Some)
                    .ok_or_else(|| i.exc("csv.Error", "unexpected end of data"))?
            });
        };
        let Value::Str(line) = line else {
            return Err(i.exc(
                "csv.Error",
                format!(
                    "iterator should return strings, not {} (the file should be opened in text mode)",
                    line.type_name()
                ),
            ));
        };
        text.push_str(&line);
        if text.trim_end_matches(['\r', '\n']).is_empty() && !text.is_empty() {
            // A blank line is an empty record, as CPython's reader gives `[]`.
            return Ok(Some(vec![]));
        }
        if let Some(fields) = parse_record(&text, d) {
            return Ok(Some(fields));
        }
    }
}

fn reader(i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let d = dialect(i, &mut a)?;
    let src = i.make_iter(&a.pos.first().cloned().unwrap_or(Value::None))?;
    Ok(Value::lazy_iter("_csv.reader", move |i| {
        Ok(next_record(i, &src, &d)?
            .map(|f| Value::list(f.iter().map(|s| Value::str(s)).collect())))
    }))
}

fn dict_reader(i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let d = dialect(i, &mut a)?;
    let given = match a.take_kw("fieldnames").or_else(|| a.pos.get(1).cloned()) {
        None | Some(Value::None) => None,
        Some(v) => Some(
            i.iterate(&v)?
                .iter()
                .map(|v| i.to_str(v))
                .collect::<PyResult<Vec<String>>>()?,
        ),
    };
    let restval = a.take_kw("restval").unwrap_or(Value::None);
    let src = i.make_iter(&a.pos.first().cloned().unwrap_or(Value::None))?;
    let mut names = given;
    Ok(Value::lazy_iter("DictReader", move |i| {
        if names.is_none() {
            names = next_record(i, &src, &d)?;
        }
        let Some(keys) = names.clone() else {
            return Ok(None);
        };
        loop {
            let Some(fields) = next_record(i, &src, &d)? else {
                return Ok(None);
            };
            if fields.is_empty() {
                continue;
            }
            let mut pairs: Vec<(Value, Value)> = keys
                .iter()
                .enumerate()
                .map(|(k, name)| {
                    let v = fields
                        .get(k)
                        .map(|s| Value::str(s))
                        .unwrap_or(restval.clone());
                    (Value::str(name), v)
                })
                .collect();
            if fields.len() > keys.len() {
                let extra = fields[keys.len()..].iter().map(|s| Value::str(s)).collect();
                pairs.push((Value::None, Value::list(extra)));
            }
            return i.new_dict(pairs).map(Some);
        }
    }))
}

/// `csv.writer(f)` / `csv.DictWriter(f, fieldnames)`.
struct Writer {
    target: Value,
    dialect: Dialect,
    fieldnames: Option<Vec<Value>>,
    restval: Value,
}

impl Writer {
    fn format_row(&self, i: &mut Interpreter, row: &[Value]) -> PyResult<String> {
        let d = &self.dialect;
        let mut parts = Vec::new();
        for v in row {
            let text = match v {
                Value::None => String::new(),
                other => i.to_str(other)?,
            };
            let special = |c: char| c == d.delimiter || c == d.quotechar || c == '\r' || c == '\n';
            parts.push(if d.quote_all || text.chars().any(special) {
                let q = d.quotechar.to_string();
                format!("{q}{}{q}", text.replace(&q, &format!("{q}{q}")))
            } else {
                text
            });
        }
        Ok(parts.join(&d.delimiter.to_string()) + &d.lineterminator)
    }

    fn write_row(&self, i: &mut Interpreter, row: &Value) -> PyResult<Value> {
        let values = match &self.fieldnames {
            Some(names) => {
                let mut out = Vec::new();
                let keys: Vec<Value> = i.dict_items(row)?.into_iter().map(|(k, _)| k).collect();
                for k in &keys {
                    let mut known = false;
                    for n in names {
                        known |= i.eq(k, n)?;
                    }
                    if !known {
                        let key = i.repr(k)?;
                        return Err(i.value_error(format!(
                            "dict contains fields not in fieldnames: {key}"
                        )));
                    }
                }
                for n in names {
                    out.push(if i.contains(row, n)? {
                        i.get_item(row, n)?
                    } else {
                        self.restval.clone()
                    });
                }
                out
            }
            None => i.iterate(row)?,
        };
        let text = self.format_row(i, &values)?;
        let write = i.getattr(&self.target, "write")?;
        i.call(&write, Args::positional(vec![Value::str(&text)]))
    }
}

impl NativeObject for Writer {
    fn type_name(&self) -> String {
        if self.fieldnames.is_some() {
            "DictWriter".into()
        } else {
            "_csv.writer".into()
        }
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!("<{} object>", self.type_name()))
    }
    fn get_attr(&self, _: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let this = this.clone();
        let me = |v: &Value| match v {
            Value::Object(o) => o.clone().as_any().downcast_ref::<Writer>().map(|w| Writer {
                target: w.target.clone(),
                dialect: w.dialect.clone(),
                fieldnames: w.fieldnames.clone(),
                restval: w.restval.clone(),
            }),
            _ => None,
        };
        let Some(w) = me(&this) else {
            return Ok(None);
        };
        Ok(Some(match name {
            "writerow" => NativeFunction::value(name, move |i, a| {
                w.write_row(i, &a.pos.first().cloned().unwrap_or(Value::None))
            }),
            "writerows" => NativeFunction::value(name, move |i, a| {
                for row in i.iterate(&a.pos.first().cloned().unwrap_or(Value::None))? {
                    w.write_row(i, &row)?;
                }
                Ok(Value::None)
            }),
            "writeheader" if w.fieldnames.is_some() => NativeFunction::value(name, move |i, _| {
                let names = w.fieldnames.clone().unwrap_or_default();
                let text = w.format_row(i, &names)?;
                let write = i.getattr(&w.target, "write")?;
                i.call(&write, Args::positional(vec![Value::str(&text)]))
            }),
            "fieldnames" if w.fieldnames.is_some() => {
                Value::list(w.fieldnames.clone().unwrap_or_default())
            }
            _ => return Ok(None),
        }))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn writer(i: &mut Interpreter, mut a: Args, dict: bool) -> PyResult<Value> {
    let d = dialect(i, &mut a)?;
    let target = a.pos.first().cloned().unwrap_or(Value::None);
    let fieldnames = if dict {
        match a.take_kw("fieldnames").or_else(|| a.pos.get(1).cloned()) {
            Some(v) => Some(i.iterate(&v)?),
            None => {
                return Err(i.type_error(
                    "DictWriter.__init__() missing 1 required positional argument: 'fieldnames'",
                ));
            }
        }
    } else {
        None
    };
    let restval = a.take_kw("restval").unwrap_or_else(|| Value::str(""));
    Ok(Value::Object(Rc::new(Writer {
        target,
        dialect: d,
        fieldnames,
        restval,
    })))
}

/// `csv.Error` (an `Exception`), made once per interpreter; `i.exc("csv.Error", ...)` finds it.
fn error_class(i: &mut Interpreter) -> Option<Rc<crate::class::Class>> {
    const KEY: &str = "csv.Error";
    if let Some(class) = i.exception_class(KEY) {
        return Some(class);
    }
    let bases = vec![i.exception_class("Exception")?];
    let mro = crate::class::c3_mro(&bases)?;
    let mut class = crate::class::Class::new("Error", "_csv", bases, mro);
    class.builtin = Some(crate::class::Builtin::Exception);
    let class = Rc::new(class);
    i.types.exceptions.insert(KEY.to_owned(), Rc::clone(&class));
    Some(class)
}

/// Register `io` and `csv`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("io", |_| {
        let m = Module::new("io");
        m.set(
            "StringIO",
            NativeFunction::value("StringIO", |i, mut a| {
                let init = a
                    .take_kw("initial_value")
                    .or_else(|| a.pos.first().cloned());
                let text = match init {
                    None | Some(Value::None) => String::new(),
                    Some(Value::Str(s)) => s.to_string(),
                    Some(other) => {
                        return Err(i.type_error(format!(
                            "initial_value must be str or None, not {}",
                            other.type_name()
                        )));
                    }
                };
                Ok(Value::Object(Rc::new(StringIo {
                    buf: RefCell::new(text),
                    pos: Cell::new(0),
                })))
            }),
        );
        Ok(Rc::new(m))
    });
    r.register("csv", |i| {
        let m = Module::new("csv");
        if let Some(c) = error_class(i) {
            m.set("Error", Value::Class(c));
        }
        m.set("reader", NativeFunction::value("reader", reader));
        m.set(
            "DictReader",
            NativeFunction::value("DictReader", dict_reader),
        );
        m.set(
            "writer",
            NativeFunction::value("writer", |i, a| writer(i, a, false)),
        );
        m.set(
            "DictWriter",
            NativeFunction::value("DictWriter", |i, a| writer(i, a, true)),
        );
        for (name, v) in [
            ("QUOTE_MINIMAL", 0),
            ("QUOTE_ALL", 1),
            ("QUOTE_NONNUMERIC", 2),
            ("QUOTE_NONE", 3),
        ] {
            m.set(name, Value::Int(v));
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
    fn read_and_write_csv() {
        let (out, r) = crate::interp::run_for_test(concat!(
            "import csv, io\n",
            "text = 'name,email\\nann,\"a, b\"\\n\"say \"\"hi\"\"\",x\\n'\n",
            "print(list(csv.reader(io.StringIO(text))))\n",
            "print([dict(r) for r in csv.DictReader(io.StringIO(text))])\n",
            "buf = io.StringIO()\n",
            "w = csv.DictWriter(buf, fieldnames=['id', 'note'])\n",
            "w.writeheader()\n",
            "w.writerow({'id': 1, 'note': 'a,b'})\n",
            "csv.writer(buf).writerows([[2, None], [3, 'q\"']])\n",
            "print(repr(buf.getvalue()))\n",
        ));
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            concat!(
                "[['name', 'email'], ['ann', 'a, b'], ['say \"hi\"', 'x']]\n",
                "[{'name': 'ann', 'email': 'a, b'}, {'name': 'say \"hi\"', 'email': 'x'}]\n",
                "'id,note\\r\\n1,\"a,b\"\\r\\n2,\\r\\n3,\"q\"\"\"\\r\\n'\n",
            )
        );
    }
}
