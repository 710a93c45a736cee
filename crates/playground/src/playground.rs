//! The playground: one interpreter the learner's script runs in, whole or one top-level
//! statement at a time, and after every request a [`Snapshot`] of everything the panels show —
//! the console, the arena's objects with their states, each live session's `new` / `dirty` /
//! `deleted`, identity map and flush plan, and the SQL of flushes run step by step.
//!
//! Requests and snapshots are plain serde values ([`Request`], [`Snapshot`]), so the
//! playground can run where the page is or in a Web Worker, unchanged.

use crate::python_run::PAGE_STEP_BUDGET;
use retort::engine::echo::{EchoLine, echo_lines};
use retort::session::{
    ObjectSnapshot, ObjectState, Session, SessionSnapshot, StepSnapshot, store_objects,
};
use retort::unit_of_work::FlushPlan;
use retort_python::{Config, Interpreter, Program, StatementSpan};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;

/// What the page asks the playground to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// Run `source` from a fresh start, whole.
    Run {
        /// The script.
        source: String,
    },
    /// Run the next top-level statement of `source` (from a fresh start when `source` is not
    /// the script being stepped through, or when it has finished).
    Step {
        /// The script.
        source: String,
    },
    /// Run the next step of the named session's flush (planning it first if none is under way).
    FlushStep {
        /// The session's module-level name.
        session: String,
    },
    /// Run the rest of the named session's flush.
    FlushAll {
        /// The session's module-level name.
        session: String,
    },
    /// Just report.
    Snapshot,
}

/// The lines of a top-level statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lines {
    /// Its first line (1-based).
    pub first: usize,
    /// Its last line.
    pub last: usize,
}

impl From<StatementSpan> for Lines {
    fn from(span: StatementSpan) -> Self {
        Lines {
            first: span.first_line,
            last: span.last_line,
        }
    }
}

/// A live session and what it holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamedSession {
    /// The module-level name it is bound to.
    pub name: String,
    /// Its objects, views, identity map and next flush plan.
    pub snapshot: SessionSnapshot,
}

/// A flush being run one step at a time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlushProgress {
    /// The session flushing.
    pub session: String,
    /// The plan's steps.
    pub steps: Vec<StepSnapshot>,
    /// How many steps have run.
    pub done: usize,
    /// Why the last step failed, if it did (the session then needs `rollback()`).
    pub error: Option<String>,
}

/// An object that changed state during the last request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StateChange {
    /// The object's id.
    pub object: usize,
    /// Its class.
    pub class_name: String,
    /// Its state before (`None`: it did not exist yet).
    pub from: Option<ObjectState>,
    /// Its state now.
    pub to: ObjectState,
}

/// Everything the panels show, after a request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snapshot {
    /// What the script printed so far (the echo log included when it turned `echo` on).
    pub stdout: String,
    /// Warnings, and the traceback of an uncaught exception.
    pub stderr: String,
    /// Whether the script stopped at an uncaught exception (or a syntax error).
    pub failed: bool,
    /// How many top-level statements the script has (0 before it was parsed).
    pub statements: usize,
    /// How many have run.
    pub ran: usize,
    /// The lines of the statement that ran last.
    pub last_lines: Option<Lines>,
    /// The lines of the statement Step runs next (`None`: the script is done).
    pub next_lines: Option<Lines>,
    /// Every ORM object, in creation order.
    pub objects: Vec<ObjectSnapshot>,
    /// Module-level names of objects: `(object id, name)`.
    pub object_names: Vec<(usize, String)>,
    /// The sessions bound to module-level names.
    pub sessions: Vec<NamedSession>,
    /// The flush being run step by step (kept after its last step, until the next request).
    pub flush: Option<FlushProgress>,
    /// The SQL of flushes run step by step, as `echo=True` logs it.
    pub sql_log: Vec<EchoLine>,
    /// Objects whose state the last request changed.
    pub changes: Vec<StateChange>,
}

/// A flush under way.
struct Flushing {
    session: String,
    plan: FlushPlan,
    done: usize,
    error: Option<String>,
}

/// The playground: one interpreter and what the learner did with it.
pub struct Playground {
    interp: Interpreter,
    /// The script being stepped through, with its parsed program.
    program: Option<(String, Program, Vec<StatementSpan>)>,
    ran: usize,
    finished: bool,
    stdout: String,
    stderr: String,
    failed: bool,
    last_lines: Option<Lines>,
    sql_log: Vec<EchoLine>,
    flushing: Option<Flushing>,
    states: Vec<ObjectState>,
    changes: Vec<StateChange>,
}

impl Default for Playground {
    fn default() -> Self {
        Playground::new()
    }
}

fn fresh_interpreter() -> Interpreter {
    Interpreter::with_config(Config {
        budget: PAGE_STEP_BUDGET,
        ..Config::default()
    })
}

impl Playground {
    /// A playground with nothing run yet.
    pub fn new() -> Playground {
        Playground {
            interp: fresh_interpreter(),
            program: None,
            ran: 0,
            finished: false,
            stdout: String::new(),
            stderr: String::new(),
            failed: false,
            last_lines: None,
            sql_log: Vec::new(),
            flushing: None,
            states: Vec::new(),
            changes: Vec::new(),
        }
    }

    /// Does what `request` asks and reports.
    pub fn handle(&mut self, request: Request) -> Snapshot {
        match request {
            Request::Run { source } => self.run(&source),
            Request::Step { source } => {
                self.step(&source);
            }
            Request::FlushStep { session } => self.flush_step(&session),
            Request::FlushAll { session } => self.flush_all(&session),
            Request::Snapshot => {}
        }
        self.snapshot()
    }

    fn reset(&mut self) {
        *self = Playground::new();
    }

    /// Runs `source` whole, from a fresh start.
    pub fn run(&mut self, source: &str) {
        self.reset();
        let result = self.interp.run(source);
        self.finished = true;
        self.collect_output();
        if let Err(err) = result {
            self.stderr.push_str(&err.render());
            self.failed = true;
        }
        self.track_states();
        // A whole run starts from nothing: every object is new, none "changed".
        self.changes.clear();
    }

    /// Runs the next top-level statement of `source` (parsing it first, from a fresh start,
    /// when it is not the script being stepped through or that script has finished); the
    /// lines of the statement that ran, if one did.
    pub fn step(&mut self, source: &str) -> Option<Lines> {
        let same = self.program.as_ref().is_some_and(|(s, _, _)| s == source);
        if !same || self.finished {
            self.reset();
            match self.interp.parse_program(source) {
                Ok(program) => {
                    let spans = program.spans();
                    self.program = Some((source.to_owned(), program, spans));
                }
                Err(err) => {
                    self.stderr.push_str(&err.render());
                    self.failed = true;
                    self.finished = true;
                    return None;
                }
            }
        }
        self.flushing = None;
        let (_, program, spans) = self.program.as_ref()?;
        let Some(&span) = spans.get(self.ran) else {
            self.finished = true;
            return None;
        };
        let total = spans.len();
        let result = self.interp.run_statement(program, self.ran);
        self.ran += 1;
        self.last_lines = Some(span.into());
        self.collect_output();
        if let Err(err) = result {
            self.stderr.push_str(&err.render());
            self.failed = true;
            self.finished = true;
        } else if self.ran >= total {
            self.finished = true;
        }
        self.track_states();
        self.last_lines
    }

    /// Runs the next step of the named session's flush, planning the flush first (as
    /// `session.flush()` does: cascades, then the plan) when none is under way. Its SQL is
    /// appended to the SQL log.
    pub fn flush_step(&mut self, session: &str) {
        let Some(live) = self.session(session) else {
            self.stderr
                .push_str(&format!("NameError: no session named {session:?}\n"));
            return;
        };
        let restart = self.flushing.as_ref().is_none_or(|f| {
            f.session != session || f.done >= f.plan.steps.len() || f.error.is_some()
        });
        if restart {
            let planned = live.borrow_mut().prepare_flush();
            self.drain_log(&live);
            match planned {
                Ok(plan) => {
                    self.flushing = Some(Flushing {
                        session: session.to_owned(),
                        plan,
                        done: 0,
                        error: None,
                    });
                }
                Err(err) => {
                    self.flushing = Some(Flushing {
                        session: session.to_owned(),
                        plan: FlushPlan::default(),
                        done: 0,
                        error: Some(format!("{}: {err}", err.class_name())),
                    });
                    self.track_states();
                    return;
                }
            }
        }
        if let Some(flushing) = self.flushing.as_mut()
            && let Some(step) = flushing.plan.steps.get(flushing.done).cloned()
        {
            let mut result = live.borrow_mut().run_step(&step);
            flushing.done += 1;
            if result.is_ok() && flushing.done == flushing.plan.steps.len() {
                // The flush's end: the values its INSERTs wrote become committed.
                result = live.borrow_mut().finish_flush();
            }
            if let Err(err) = result {
                flushing.error = Some(format!("{}: {err}", err.class_name()));
            }
        }
        self.drain_log(&live);
        self.track_states();
    }

    /// Runs the rest of the named session's flush (all of it when none is under way).
    pub fn flush_all(&mut self, session: &str) {
        loop {
            self.flush_step(session);
            match &self.flushing {
                Some(f) if f.error.is_none() && f.done < f.plan.steps.len() => {}
                _ => break,
            }
        }
    }

    /// What the panels show now. Taking it runs no SQL and changes nothing.
    pub fn snapshot(&self) -> Snapshot {
        let live = self.interp.live_sessions();
        let objects = live
            .first()
            .map(|s| store_objects(&s.session.borrow().store().borrow()))
            .unwrap_or_default()
            .into_iter()
            .filter(|o| self.visible(o.id, o.state))
            .collect();
        let object_names = self
            .interp
            .global_names()
            .into_iter()
            .filter_map(|name| Some((self.interp.global_object_id(&name)?, name)))
            .collect();
        let sessions = live
            .iter()
            .map(|s| NamedSession {
                name: s.name.clone(),
                snapshot: s.session.borrow().snapshot(),
            })
            .collect();
        let next_lines = if self.finished {
            None
        } else {
            self.program
                .as_ref()
                .and_then(|(_, _, spans)| spans.get(self.ran).copied().map(Lines::from))
        };
        Snapshot {
            stdout: self.stdout.clone(),
            stderr: self.stderr.clone(),
            failed: self.failed,
            statements: self.program.as_ref().map_or(0, |(_, p, _)| p.len()),
            ran: self.ran,
            last_lines: self.last_lines,
            next_lines,
            objects,
            object_names,
            sessions,
            flush: self.flushing.as_ref().map(|f| FlushProgress {
                session: f.session.clone(),
                steps: StepSnapshot::of_plan(&f.plan),
                done: f.done,
                error: f.error.clone(),
            }),
            sql_log: self.sql_log.clone(),
            changes: self.changes.clone(),
        }
    }

    fn session(&self, name: &str) -> Option<Rc<RefCell<Session>>> {
        self.interp
            .live_sessions()
            .into_iter()
            .find(|s| s.name == name)
            .map(|s| s.session)
    }

    fn collect_output(&mut self) {
        self.stdout.push_str(&self.interp.take_output());
        self.stderr.push_str(&self.interp.take_stderr());
    }

    /// Moves what the session's engine recorded into the SQL log.
    fn drain_log(&mut self, session: &Rc<RefCell<Session>>) {
        let events = session.borrow().engine().drain_events();
        self.sql_log.extend(events.iter().flat_map(echo_lines));
    }

    /// Whether panels show object `id`: every object in a session, and the transient and
    /// detached ones the script still references (CPython would have freed the others).
    fn visible(&self, id: usize, state: ObjectState) -> bool {
        matches!(
            state,
            ObjectState::Pending | ObjectState::Persistent | ObjectState::Deleted
        ) || self.interp.object_referenced(id)
    }

    /// Notes which objects changed state since the last request, after dropping from the
    /// sessions the objects the script no longer references (unless a flush is half done).
    fn track_states(&mut self) {
        let flush_under_way = self
            .flushing
            .as_ref()
            .is_some_and(|f| f.error.is_none() && f.done < f.plan.steps.len());
        if !flush_under_way {
            self.interp.prune_sessions();
        }
        let live = self.interp.live_sessions();
        let now: Vec<(ObjectState, String)> = match live.first() {
            Some(s) => {
                let session = s.session.borrow();
                let store = session.store().borrow();
                store_objects(&store)
                    .into_iter()
                    .map(|o| (o.state, o.class_name))
                    .collect()
            }
            None => Vec::new(),
        };
        self.changes = now
            .iter()
            .enumerate()
            .filter_map(|(id, (to, class))| {
                let from = self.states.get(id).copied();
                (from != Some(*to) && self.visible(id, *to)).then(|| StateChange {
                    object: id,
                    class_name: class.clone(),
                    from,
                    to: *to,
                })
            })
            .collect();
        self.states = now.into_iter().map(|(s, _)| s).collect();
    }
}

#[cfg(test)]
#[path = "playground_tests.rs"]
mod tests;
