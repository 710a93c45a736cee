//! The interpreter: owns the builtin types, the module registry, the frame stack, the
//! output buffer and the step budget, and runs a module's statements.

use crate::PyResult;
use crate::budget::Budget;
use crate::class::{Builtin, Class, Instance, c3_mro};
use crate::error::Error;
use crate::exceptions::{Exc, TbEntry, build_hierarchy};
use crate::frame::{Env, Frame, FrameKind};
use crate::modules::{Module, ModuleRegistry};
use crate::parse::{Source, parse_module};
use crate::value::Value;
use ruff_text_size::TextRange;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// Settings for a run.
#[derive(Clone, Debug)]
pub struct Config {
    /// The file name tracebacks show.
    pub filename: String,
    /// Steps (statements, calls, loop iterations) a run may take.
    pub budget: u64,
    /// Maximum Python call depth before RecursionError.
    pub recursion_limit: usize,
    /// Native stack the evaluator may use before raising RecursionError (measured from
    /// where [`Interpreter::run`] was called). Deeply nested expressions and calls both
    /// count, so the evaluator never overflows the thread's stack if this is below it.
    pub max_stack_bytes: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            filename: "script.py".into(),
            budget: 50_000_000,
            // wasm's stack is about 1 MB: keep the depth well inside it there.
            recursion_limit: if cfg!(target_family = "wasm") {
                150
            } else {
                1000
            },
            // The wasm32 stack is 1 MiB; a native main thread has 8 MiB, test threads 2 MiB.
            max_stack_bytes: if cfg!(target_family = "wasm") {
                640 * 1024
            } else {
                1536 * 1024
            },
        }
    }
}

/// The builtin type objects.
pub struct Types {
    /// Every builtin type by name (`int`, `str`, ..., `object`, `type`).
    pub by_name: HashMap<String, Rc<Class>>,
    /// Exception classes by name.
    pub exceptions: HashMap<String, Rc<Class>>,
}

impl Types {
    fn new() -> Types {
        let object = Rc::new(Class {
            builtin: Some(Builtin::Object),
            ..Class::new("object", "builtins", vec![], vec![])
        });
        let mut by_name = HashMap::new();
        by_name.insert("object".to_string(), object.clone());
        let simple = [
            ("type", Builtin::Type),
            ("int", Builtin::Int),
            ("float", Builtin::Float),
            ("str", Builtin::Str),
            ("list", Builtin::List),
            ("tuple", Builtin::Tuple),
            ("dict", Builtin::Dict),
            ("set", Builtin::Set),
            ("frozenset", Builtin::FrozenSet),
            ("range", Builtin::Range),
            ("NoneType", Builtin::NoneType),
            ("slice", Builtin::Slice),
            ("function", Builtin::Function),
            ("property", Builtin::Property),
            ("classmethod", Builtin::ClassMethod),
            ("staticmethod", Builtin::StaticMethod),
            ("super", Builtin::Super),
            ("module", Builtin::Module),
            ("iterator", Builtin::Iterator),
            ("generator", Builtin::Iterator),
            ("list_iterator", Builtin::Iterator),
            ("range_iterator", Builtin::Iterator),
            ("builtin_function_or_method", Builtin::Function),
            ("method", Builtin::Function),
            ("ellipsis", Builtin::Object),
        ];
        for (name, b) in simple {
            let mut c = Class::new(name, "builtins", vec![object.clone()], vec![object.clone()]);
            c.builtin = Some(b);
            by_name.insert(name.to_string(), Rc::new(c));
        }
        if let Some(int) = by_name.get("int").cloned() {
            let mut c = Class::new(
                "bool",
                "builtins",
                vec![int.clone()],
                vec![int, object.clone()],
            );
            c.builtin = Some(Builtin::Bool);
            by_name.insert("bool".to_string(), Rc::new(c));
        }
        let exceptions = build_hierarchy(&object);
        Types {
            by_name,
            exceptions,
        }
    }
}

/// The Python evaluator.
///
/// ```
/// let mut py = retort_python::Interpreter::new();
/// py.run("print(1 + 1)").ok();
/// assert_eq!(py.take_output(), "2\n");
/// ```
pub struct Interpreter {
    pub(crate) config: Config,
    pub(crate) types: Types,
    pub(crate) builtins: HashMap<String, Value>,
    pub(crate) registry: ModuleRegistry,
    pub(crate) loaded: HashMap<String, Rc<Module>>,
    pub(crate) frames: Vec<Frame>,
    pub(crate) globals: Rc<Env>,
    pub(crate) output: String,
    /// What the script wrote to stderr besides an uncaught exception (warnings).
    pub(crate) stderr: String,
    pub(crate) budget: Budget,
    pub(crate) next_frame_id: u64,
    pub(crate) source: Rc<Source>,
    /// Exceptions being handled (innermost last), for bare `raise` and `__context__`.
    pub(crate) handling: Vec<Value>,
    /// Address of a local in `run`: the base native stack use is measured from.
    pub(crate) stack_base: usize,
    /// The deepest native stack use seen so far in this run, in bytes.
    pub(crate) stack_peak: usize,
}

impl Default for Interpreter {
    fn default() -> Self {
        Interpreter::new()
    }
}

impl Interpreter {
    /// An interpreter with the default [`Config`].
    pub fn new() -> Interpreter {
        Interpreter::with_config(Config::default())
    }

    /// An interpreter with `config`.
    pub fn with_config(config: Config) -> Interpreter {
        let globals = Env::new(None);
        globals.set("__name__", Value::str("__main__"));
        globals.set("__file__", Value::str(&config.filename));
        let source = Rc::new(Source::new(&config.filename, ""));
        let mut interp = Interpreter {
            budget: Budget::new(config.budget),
            config,
            types: Types::new(),
            builtins: HashMap::new(),
            registry: ModuleRegistry::default(),
            loaded: HashMap::new(),
            frames: Vec::new(),
            globals,
            output: String::new(),
            stderr: String::new(),
            next_frame_id: 0,
            source,
            handling: Vec::new(),
            stack_base: 0,
            stack_peak: 0,
        };
        crate::builtins::install(&mut interp);
        crate::stdlib::register(&mut interp.registry);
        crate::sqlalchemy::register(&mut interp.registry);
        interp
    }

    /// The registry native modules are added to (`sqlalchemy`, ...).
    pub fn registry(&mut self) -> &mut ModuleRegistry {
        &mut self.registry
    }

    /// Everything printed so far, emptying the buffer.
    pub fn take_output(&mut self) -> String {
        std::mem::take(&mut self.output)
    }

    /// Append text to the script's standard output.
    pub fn write_output(&mut self, text: &str) {
        self.output.push_str(text);
    }

    /// Everything written to stderr so far (warnings; an uncaught exception's traceback is
    /// returned by [`Interpreter::run`] instead), emptying the buffer.
    pub fn take_stderr(&mut self) -> String {
        std::mem::take(&mut self.stderr)
    }

    /// Append text to the script's standard error (how warnings are shown).
    pub fn write_stderr(&mut self, text: &str) {
        self.stderr.push_str(text);
    }

    /// The line number and source text of the statement running in the innermost frame
    /// (where a warning is reported).
    pub fn current_line(&self) -> (usize, String) {
        self.caller_line(1)
    }

    /// The line (number and text) `level` frames up: 1 is the running statement, 2 the
    /// statement that called its function (`warnings.warn(..., stacklevel=2)`); levels past
    /// the outermost frame give the module-level statement.
    pub fn caller_line(&self, level: usize) -> (usize, String) {
        let depth = self.frames.len().saturating_sub(level.max(1));
        let range = self
            .frames
            .get(depth)
            .or(self.frames.first())
            .map(|f| f.stmt_range)
            .unwrap_or_default();
        let line = self.source.line_of(range.start());
        (line, self.source.line_text(line).to_string())
    }

    /// The file name tracebacks and warnings show.
    pub fn filename(&self) -> &str {
        &self.config.filename
    }

    /// Read a module-level variable.
    pub fn global(&self, name: &str) -> Option<Value> {
        self.globals.get(name)
    }

    /// Run `text` as (more of) the `__main__` module. Globals persist between runs, so a
    /// playground can run a script one top-level statement at a time.
    pub fn run(&mut self, text: &str) -> Result<(), Error> {
        let source = Rc::new(Source::new(&self.config.filename, text));
        let module = parse_module(&source)?;
        self.source = source.clone();
        self.budget.reset();
        let marker = 0u8;
        self.stack_base = std::ptr::addr_of!(marker) as usize;
        self.stack_peak = 0;
        self.handling.clear();
        let frame = self.new_frame(
            "<module>",
            FrameKind::Module,
            self.globals.clone(),
            self.globals.clone(),
        );
        self.frames.clear();
        self.frames.push(frame);
        let result = self.exec_block(&module.body);
        let frame_id = self.frames.last().map(|f| f.id).unwrap_or(0);
        self.frames.clear();
        match result {
            Ok(_) => Ok(()),
            Err(Exc::Halt(e)) => Err(e),
            Err(Exc::Raise(exc)) => {
                self.record_frame(&exc, frame_id, "<module>", &source);
                Err(self.uncaught(&exc))
            }
        }
    }

    pub(crate) fn new_frame(
        &mut self,
        name: &str,
        kind: FrameKind,
        locals: Rc<Env>,
        globals: Rc<Env>,
    ) -> Frame {
        self.next_frame_id += 1;
        Frame {
            name: name.to_string(),
            kind,
            locals,
            globals,
            global_names: HashSet::new(),
            nonlocal_names: HashSet::new(),
            local_names: Rc::default(),
            stmt_range: TextRange::default(),
            function: None,
            id: self.next_frame_id,
        }
    }

    pub(crate) fn frame(&self) -> Option<&Frame> {
        self.frames.last()
    }

    /// Note that `exc` unwound out of the frame `frame_id`.
    pub(crate) fn record_frame(
        &mut self,
        exc: &Value,
        frame_id: u64,
        name: &str,
        source: &Rc<Source>,
    ) {
        let stmt = self.frames.last().map(|f| f.stmt_range).unwrap_or_default();
        if let Value::Instance(inst) = exc
            && let Some(info) = inst.exc.borrow_mut().as_mut()
        {
            let range = info.pending.take().unwrap_or(stmt);
            if info.traceback.last().map(|e| e.frame_id) != Some(frame_id) {
                info.traceback.push(TbEntry {
                    frame_id,
                    name: name.to_string(),
                    range,
                    source: source.clone(),
                });
            }
        }
    }

    /// Remember `range` as where `exc` failed in the current frame (the innermost wins).
    pub(crate) fn locate(&self, exc: Exc, range: TextRange) -> Exc {
        if let Exc::Raise(Value::Instance(inst)) = &exc
            && let Some(info) = inst.exc.borrow_mut().as_mut()
            && info.pending.is_none()
        {
            info.pending = Some(range);
        }
        exc
    }

    /// A builtin type by name (`int`, `str`, ...).
    pub fn builtin_type(&self, name: &str) -> Option<Rc<Class>> {
        self.types.by_name.get(name).cloned()
    }

    /// A builtin exception class by name.
    pub fn exception_class(&self, name: &str) -> Option<Rc<Class>> {
        self.types.exceptions.get(name).cloned()
    }

    /// A new instance of exception class `class` with `args`.
    pub fn new_exception(&self, class: &Rc<Class>, args: Vec<Value>) -> Value {
        let inst = Instance::new(class.clone());
        if let Some(info) = inst.exc.borrow_mut().as_mut() {
            info.args = args;
        }
        Value::Instance(Rc::new(inst))
    }

    /// An exception of builtin class `name` with message `msg`, ready to return as `Err`.
    pub fn exc(&self, name: &str, msg: impl Into<String>) -> Exc {
        let class = self
            .types
            .exceptions
            .get(name)
            .or_else(|| self.types.exceptions.get("RuntimeError"));
        match class {
            Some(c) => Exc::Raise(self.new_exception(c, vec![Value::str(&msg.into())])),
            None => Exc::Halt(Error::Uncaught {
                class_name: name.into(),
                message: msg.into(),
                rendered: String::new(),
            }),
        }
    }

    /// A `TypeError`.
    pub fn type_error(&self, msg: impl Into<String>) -> Exc {
        self.exc("TypeError", msg)
    }

    /// A `ValueError`.
    pub fn value_error(&self, msg: impl Into<String>) -> Exc {
        self.exc("ValueError", msg)
    }

    /// Raise RecursionError when the native stack is deeper than the configured maximum.
    #[inline]
    pub(crate) fn check_stack(&mut self) -> PyResult<()> {
        let marker = 0u8;
        let used = self
            .stack_base
            .abs_diff(std::ptr::addr_of!(marker) as usize);
        self.stack_peak = self.stack_peak.max(used);
        if self.stack_base != 0 && used > self.config.max_stack_bytes {
            return Err(self.exc("RecursionError", "maximum recursion depth exceeded"));
        }
        Ok(())
    }

    /// The deepest native stack use of the last run, in bytes (for sizing `max_stack_bytes`).
    pub fn stack_peak(&self) -> usize {
        self.stack_peak
    }

    /// Count one evaluation step against the budget.
    pub(crate) fn tick(&mut self) -> PyResult<()> {
        if self.budget.step() {
            Ok(())
        } else {
            let line = self
                .frame()
                .map(|f| self.source.line_of_range(f.stmt_range))
                .unwrap_or(0);
            Err(Exc::Halt(Error::BudgetExhausted {
                steps: self.budget.limit(),
                line,
            }))
        }
    }

    /// A `dict` holding `pairs` in order (TypeError for an unhashable key).
    pub fn new_dict(&mut self, pairs: Vec<(Value, Value)>) -> PyResult<Value> {
        let mut d = crate::value::Dict::new();
        for (k, v) in pairs {
            let hk = self.hash_key(&k)?;
            crate::value::dict_put(&mut d, hk, k, v);
        }
        Ok(Value::Dict(Rc::new(std::cell::RefCell::new(d))))
    }

    /// A class implemented by a native module (module `module`, deriving from `object`).
    ///
    /// Put native functions in its `dict` to give it behaviour: `__init__` (e.g. a default
    /// constructor taking keyword arguments), `__init_subclass__` (called with each Python
    /// subclass right after its `class` statement runs, plus the statement's keyword
    /// arguments), `__new__` (to return a [`Value::Object`] instead of an instance), and
    /// [`crate::NativeObject`] descriptors as class attributes. Python classes may list it
    /// as a base; their instances are ordinary [`Instance`]s.
    pub fn native_class(&self, name: &str, module: &str) -> Rc<Class> {
        let object: Vec<Rc<Class>> = self.builtin_type("object").into_iter().collect();
        let mut class = Class::new(name, module, object.clone(), object);
        class.builtin = Some(Builtin::Native);
        Rc::new(class)
    }

    /// Create a class from Python-level pieces (used by `class` statements and `type()`).
    pub(crate) fn make_class(&self, name: &str, bases: Vec<Rc<Class>>) -> PyResult<Rc<Class>> {
        let bases = if bases.is_empty() {
            self.builtin_type("object").into_iter().collect()
        } else {
            bases
        };
        let Some(mro) = c3_mro(&bases) else {
            let names: Vec<String> = bases.iter().map(|b| b.name.clone()).collect();
            return Err(self.type_error(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            )));
        };
        Ok(Rc::new(Class::new(name, "__main__", bases, mro)))
    }
}

/// Run `src` in a fresh interpreter: (stdout, result). For the modules' unit tests.
#[cfg(test)]
pub(crate) fn run_for_test(src: &str) -> (String, Result<(), Error>) {
    let mut py = Interpreter::new();
    let r = py.run(src);
    (py.take_output(), r)
}

#[cfg(test)]
#[path = "interp_tests.rs"]
mod tests;
