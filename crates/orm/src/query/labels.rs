//! How an ORM query labels the columns it selects: the 2.0 `select()` keeps plain names and
//! labels a repeated one `name_1`, `name_2`, ...; the legacy `Query` labels every column
//! `table_column` (`users_1_id` for an anonymous alias, named as the compiler will name it:
//! `table_N` in order of appearance, the columns clause being compiled first); a lazy load
//! labels nothing.

use super::LabelStyle;
use crate::sql::{Expr, Select, Source};
use std::collections::HashMap;

/// The labels given so far in one columns clause.
#[derive(Debug)]
pub(crate) struct Labeller {
    style: LabelStyle,
    used: Vec<String>,
    counts: HashMap<String, u32>,
    anon: HashMap<u64, String>,
    anon_counts: HashMap<String, u32>,
}

impl Labeller {
    /// A new columns clause in `style`.
    pub(crate) fn new(style: LabelStyle) -> Labeller {
        Labeller {
            style,
            used: Vec::new(),
            counts: HashMap::new(),
            anon: HashMap::new(),
            anon_counts: HashMap::new(),
        }
    }

    /// The name the compiler will give the source of a column.
    pub(crate) fn source_name(&mut self, source: &Source) -> Option<String> {
        match source {
            Source::Named(t) => Some(t.clone()),
            Source::AnonAlias { id, table } => Some(
                self.anon
                    .entry(*id)
                    .or_insert_with(|| {
                        let n = self.anon_counts.entry(table.clone()).or_insert(0);
                        *n += 1;
                        format!("{table}_{n}")
                    })
                    .clone(),
            ),
            // An anonymous subquery is `anon_N`, numbered in order of appearance.
            Source::Anon(id) => Some(
                self.anon
                    .entry(*id)
                    .or_insert_with(|| {
                        let n = self.anon_counts.entry("anon".to_owned()).or_insert(0);
                        *n += 1;
                        format!("anon_{n}")
                    })
                    .clone(),
            ),
        }
    }

    /// The label `e` needs (`None`: its own name will do).
    pub(crate) fn label(&mut self, e: &Expr) -> Option<String> {
        let Expr::Column { source, name, .. } = e else {
            return None;
        };
        match self.style {
            LabelStyle::TablePlusColumn => {
                let table = self.source_name(source)?;
                Some(format!("{table}_{name}"))
            }
            LabelStyle::None => None,
            LabelStyle::Disambiguate => {
                if self.used.contains(name) {
                    let n = self.counts.entry(name.clone()).or_insert(0);
                    *n += 1;
                    Some(format!("{name}_{n}"))
                } else {
                    self.used.push(name.clone());
                    None
                }
            }
        }
    }

    /// Adds `e` to the columns of `select`, labelled as needed.
    pub(crate) fn push(&mut self, select: &mut Select, e: Expr) {
        select.columns.push(match self.label(&e) {
            Some(label) => e.label(&label),
            None => e,
        });
    }
}
