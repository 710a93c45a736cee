//! How the panels name objects, states and flush steps in words: `User#1`, `pending`,
//! `INSERT`.

use retort::session::ObjectState;
use retort::unit_of_work::StepKind;
use retort_playground::Snapshot;

/// The lowercase name of a state, as SQLAlchemy's `inspect(obj)` flags say it; also its CSS
/// class.
pub fn state_name(state: ObjectState) -> &'static str {
    match state {
        ObjectState::Transient => "transient",
        ObjectState::Pending => "pending",
        ObjectState::Persistent => "persistent",
        ObjectState::Deleted => "deleted",
        ObjectState::Detached => "detached",
    }
}

/// The SQL verb of a flush step, and its CSS class.
pub fn step_verb(kind: StepKind) -> (&'static str, &'static str) {
    match kind {
        StepKind::Insert => ("INSERT", "insert"),
        StepKind::Update => ("UPDATE", "update"),
        StepKind::Delete => ("DELETE", "delete"),
        StepKind::InsertAssociation => ("INSERT", "insert"),
        StepKind::DeleteAssociation => ("DELETE", "delete"),
        StepKind::PostUpdate | StepKind::ClearPostUpdate => ("UPDATE", "update"),
    }
}

/// An object's short name: its class and arena number, `User#1`.
pub fn object_label(snapshot: &Snapshot, id: usize) -> String {
    match snapshot.objects.iter().find(|o| o.id == id) {
        Some(o) => format!("{}#{id}", o.class_name),
        None => format!("#{id}"),
    }
}

/// The module-level names bound to object `id`, comma-separated (empty when none).
pub fn object_names(snapshot: &Snapshot, id: usize) -> String {
    snapshot
        .object_names
        .iter()
        .filter(|(o, _)| *o == id)
        .map(|(_, n)| n.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}
