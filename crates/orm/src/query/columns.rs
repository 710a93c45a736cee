//! Column loading options: `load_only(User.name)`, `defer(User.fullname)`,
//! `defer(User.fullname, raiseload=True)` and `undefer(User.bio)` on a select or a legacy
//! query, and columns deferred by the mapping (`mapped_column(deferred=True)`). A deferred
//! column is left out of the entity's SELECT; the object remembers it, and its first read
//! SELECTs that column alone by primary key (or raises with `raiseload=True`), as
//! SQLAlchemy's deferred column loader.

use crate::error::Result;
use crate::mapper::Mapper;

/// What a column option does to the attributes of its class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnLoad {
    /// `load_only(*attrs)`: only these (and the primary key) are loaded.
    LoadOnly(Vec<String>),
    /// `defer(attr)` (`raiseload`: `defer(attr, raiseload=True)`).
    Defer {
        /// The attribute.
        attr: String,
        /// Reading it raises instead of loading.
        raiseload: bool,
    },
    /// `undefer(attr)`: loaded with the entity though the mapping defers it.
    Undefer(String),
}

/// A column option for the entities of one class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnOption {
    /// The class whose entities it applies to.
    pub class: String,
    /// What it does.
    pub load: ColumnLoad,
}

/// The columns an entity loads, and those it defers (position, raise on read).
pub(crate) type EntityColumns = (Vec<usize>, Vec<(usize, bool)>);

/// The columns an entity of `mapper` loads given the query's column options: their
/// positions in table order, and the deferred ones (position, raise on read).
///
/// # Failure
/// [`crate::Error::AttributeError`] for an option naming an unknown attribute.
pub(crate) fn entity_columns(mapper: &Mapper, options: &[ColumnOption]) -> Result<EntityColumns> {
    let width = mapper.width();
    // Per column: Some(raise) when deferred.
    let mut deferred: Vec<Option<bool>> = (0..width)
        .map(|i| mapper.is_deferred(i).then_some(false))
        .collect();
    let mut only: Option<Vec<usize>> = None;
    let mut explicit: Vec<usize> = Vec::new();
    for o in options.iter().filter(|o| o.class == mapper.class_name()) {
        match &o.load {
            ColumnLoad::LoadOnly(names) => {
                let set = only.get_or_insert_with(|| mapper.pk().to_vec());
                for n in names {
                    set.push(mapper.attr(n)?);
                }
            }
            ColumnLoad::Defer { attr, raiseload } => {
                let pos = mapper.attr(attr)?;
                if !mapper.pk().contains(&pos) {
                    deferred[pos] = Some(*raiseload);
                    explicit.push(pos);
                }
            }
            ColumnLoad::Undefer(attr) => {
                let pos = mapper.attr(attr)?;
                deferred[pos] = None;
            }
        }
    }
    if let Some(only) = only {
        // `load_only()` undefers the columns it names unless `defer()` names them too.
        for (i, d) in deferred.iter_mut().enumerate() {
            if !only.contains(&i) && d.is_none() {
                *d = Some(false);
            } else if only.contains(&i) && !explicit.contains(&i) {
                *d = None;
            }
        }
    }
    let loaded = (0..width).filter(|&i| deferred[i].is_none()).collect();
    let deferred = deferred
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.map(|r| (i, r)))
        .collect();
    Ok((loaded, deferred))
}
