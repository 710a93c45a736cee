//! Playground tests: stepping, snapshots and flushes run one step at a time.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::QUICKSTART_SCRIPT;
use retort::unit_of_work::StepKind;
use retort_python::golden::normalize;

/// The quick start up to `session.add_all(...)`: six pending objects, nothing flushed.
fn pending_script() -> String {
    let end = QUICKSTART_SCRIPT
        .find("session.commit()")
        .unwrap_or(QUICKSTART_SCRIPT.len());
    QUICKSTART_SCRIPT[..end].to_owned()
}

/// The log as comparable text: timings and times blanked.
fn log_text(lines: &[EchoLine]) -> String {
    let text: String = lines
        .iter()
        .map(|l| format!("{}{}\n", l.prefix(), l.message))
        .collect();
    normalize(&text)
}

#[test]
fn the_quickstart_prints_what_sqlalchemy_prints() {
    let mut pg = Playground::new();
    pg.run(QUICKSTART_SCRIPT);
    let snap = pg.snapshot();
    assert_eq!(snap.stderr, "");
    assert_eq!(
        normalize(&snap.stdout),
        normalize(include_str!("../scripts/quickstart.out"))
    );
}

#[test]
fn stepping_statement_by_statement_prints_what_running_whole_prints() {
    let mut whole = Playground::new();
    whole.run(QUICKSTART_SCRIPT);
    let mut stepped = Playground::new();
    let mut lines = Vec::new();
    while let Some(ran) = stepped.step(QUICKSTART_SCRIPT) {
        lines.push(ran.first);
        if stepped.snapshot().next_lines.is_none() {
            break;
        }
        assert!(lines.len() < 100, "stepping never ends");
    }
    let (a, b) = (whole.snapshot(), stepped.snapshot());
    assert_eq!(normalize(&a.stdout), normalize(&b.stdout));
    assert_eq!((b.stderr.as_str(), b.failed), ("", false));
    assert_eq!(b.ran, b.statements);
    assert_eq!(b.next_lines, None);
    // Imports, classes, then one line per statement of the script's body.
    assert_eq!(lines[..2], [3, 5]);
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
    // A new Step starts over.
    assert_eq!(stepped.step(QUICKSTART_SCRIPT).map(|l| l.first), Some(3));
}

#[test]
fn after_the_quickstart_the_session_holds_persistent_objects() {
    let mut pg = Playground::new();
    let snap = pg.handle(Request::Run {
        source: QUICKSTART_SCRIPT.to_owned(),
    });
    assert_eq!(snap.sessions.len(), 1);
    let session = &snap.sessions[0];
    assert_eq!(session.name, "session");
    // The three users; the addresses went with their expired collections, as CPython's
    // garbage collector frees them (SQLAlchemy 2.1.9 with gc.collect(): three users in
    // session.identity_map).
    assert_eq!(snap.objects.len(), 3, "{:?}", snap.objects);
    assert!(
        snap.objects
            .iter()
            .all(|o| o.state == ObjectState::Persistent)
    );
    assert_eq!(session.snapshot.identity_map.len(), 3);
    assert!(session.snapshot.flush_plan.is_empty());
    let Some(&(id, _)) = snap.object_names.iter().find(|(_, n)| n == "spongebob") else {
        panic!("no spongebob in {:?}", snap.object_names)
    };
    let Some(loaded) = snap.objects.iter().find(|o| o.id == id) else {
        panic!("object {id} not shown")
    };
    assert_eq!(loaded.class_name, "User");
    assert_eq!(loaded.identity.as_deref(), Some("(1,)"));
    assert_eq!(
        loaded.attributes[1].value.as_deref(),
        Some("'spongebob'"),
        "{loaded:?}"
    );
}

#[test]
fn pending_objects_queue_insert_steps() {
    let mut pg = Playground::new();
    let snap = pg.handle(Request::Run {
        source: pending_script(),
    });
    let session = &snap.sessions[0].snapshot;
    assert_eq!(session.new.len(), 6);
    let steps: Vec<(StepKind, &str, usize)> = session
        .flush_plan
        .iter()
        .map(|s| (s.kind, s.table.as_str(), s.objects.len()))
        .collect();
    assert_eq!(
        steps,
        [
            (StepKind::Insert, "user_account", 3),
            (StepKind::Insert, "address", 3)
        ]
    );
    assert!(
        snap.changes
            .iter()
            .all(|c| c.from.is_none() && c.to == ObjectState::Pending)
    );
}

#[test]
fn flushing_step_by_step_emits_what_session_flush_emits() {
    // The reference: the same session flushed whole.
    let mut whole = Playground::new();
    whole.run(&pending_script());
    let Some(session) = whole.session("session") else {
        panic!("no session")
    };
    let flushed = session.borrow_mut().flush();
    assert!(flushed.is_ok(), "{flushed:?}");
    let mut reference = Vec::new();
    let events = session.borrow().engine().drain_events();
    reference.extend(events.iter().flat_map(echo_lines));

    let mut pg = Playground::new();
    pg.run(&pending_script());
    let first = pg.handle(Request::FlushStep {
        session: "session".into(),
    });
    let Some(progress) = &first.flush else {
        panic!("no flush under way")
    };
    assert_eq!((progress.done, progress.steps.len()), (1, 2));
    assert_eq!(progress.error, None);
    let messages: Vec<&str> = first.sql_log.iter().map(|l| l.message.as_str()).collect();
    assert_eq!(messages[0], "BEGIN (implicit)");
    assert!(messages[1].starts_with("INSERT INTO user_account"));
    assert!(messages.iter().all(|m| !m.contains("INSERT INTO address")));
    // The users are persistent now, their addresses still pending.
    let states: Vec<ObjectState> = first.objects.iter().map(|o| o.state).collect();
    assert_eq!(
        states
            .iter()
            .filter(|s| **s == ObjectState::Persistent)
            .count(),
        3
    );
    assert_eq!(
        states
            .iter()
            .filter(|s| **s == ObjectState::Pending)
            .count(),
        3
    );

    let last = pg.handle(Request::FlushStep {
        session: "session".into(),
    });
    assert_eq!(last.flush.as_ref().map(|f| f.done), Some(2));
    assert_eq!(log_text(&last.sql_log), log_text(&reference));
    assert!(last.sessions[0].snapshot.new.is_empty());
    assert!(last.sessions[0].snapshot.flush_plan.is_empty());
}

#[test]
fn flush_all_runs_the_rest_and_an_unknown_session_is_reported() {
    let mut pg = Playground::new();
    pg.run(&pending_script());
    let snap = pg.handle(Request::FlushAll {
        session: "session".into(),
    });
    assert_eq!(
        snap.flush.as_ref().map(|f| (f.done, f.steps.len())),
        Some((2, 2))
    );
    assert!(
        snap.objects
            .iter()
            .all(|o| o.state == ObjectState::Persistent)
    );
    let snap = pg.handle(Request::FlushStep {
        session: "nope".into(),
    });
    assert!(snap.stderr.contains("no session named \"nope\""));
}

#[test]
fn a_failing_statement_stops_stepping_and_a_syntax_error_is_reported() {
    let mut pg = Playground::new();
    let src = "a = 1\nb = a / 0\nprint('never')\n";
    assert!(pg.step(src).is_some());
    assert!(pg.step(src).is_some());
    let snap = pg.snapshot();
    assert!(snap.failed && snap.stderr.contains("ZeroDivisionError"));
    assert_eq!(snap.next_lines, None);
    let mut pg = Playground::new();
    assert_eq!(pg.step("print('x'"), None);
    assert!(pg.snapshot().stderr.contains("SyntaxError"));
}
