//! Loader options: `.options(selectinload(User.addresses))`, `joinedload(..., innerjoin=True)`,
//! `subqueryload()`, `lazyload()`, `raiseload()`, `noload()` and `contains_eager()` on a select or a legacy query,
//! chained along a path (`selectinload(User.addresses).joinedload(Address.keywords)`). Each
//! step of a path names a relationship and the strategy that loads it; a step overrides the
//! relationship's configured `lazy=` for the objects this query loads.

use crate::mapper::Mapper;
use crate::relationship::{Lazy, Relationship};

/// How a relationship is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// `lazyload()` / `lazy="select"`: one SELECT when first read.
    Select,
    /// `raiseload()` / `lazy="raise"` (`sql_only`: `raiseload(..., sql_only=True)` /
    /// `lazy="raise_on_sql"`, raising only when the read would emit SQL).
    Raise {
        /// Raise only when SQL would be emitted.
        sql_only: bool,
    },
    /// `selectinload()` / `lazy="selectin"`.
    Selectin,
    /// `subqueryload()`: one SELECT of the related rows joined to a subquery of the
    /// query's parent keys (see [`super::subquery_load`]).
    Subquery,
    /// `joinedload()` / `lazy="joined"`: LEFT OUTER JOIN (`innerjoin=True`: JOIN).
    Joined {
        /// `innerjoin=True`.
        innerjoin: bool,
    },
    /// `noload()`: never loaded (an empty collection, `None`).
    NoLoad,
    /// `immediateload()` / `lazy="immediate"`: each object's lazy load, right after the
    /// query.
    Immediate,
    /// `contains_eager()`: populated from columns the statement already joins.
    ContainsEager,
    /// `defaultload()`: the relationship's own `lazy=`, for paths going further.
    Default,
}

impl From<Lazy> for Strategy {
    fn from(lazy: Lazy) -> Self {
        match lazy {
            Lazy::Select | Lazy::Dynamic | Lazy::WriteOnly => Strategy::Select,
            Lazy::Raise => Strategy::Raise { sql_only: false },
            Lazy::RaiseOnSql => Strategy::Raise { sql_only: true },
            Lazy::Selectin => Strategy::Selectin,
            Lazy::Joined => Strategy::Joined { innerjoin: false },
            Lazy::NoLoad => Strategy::NoLoad,
            Lazy::Immediate => Strategy::Immediate,
        }
    }
}

/// The relationship name of a wildcard step (`lazyload("*")`, `raiseload("*")`): every
/// relationship of its level not named by another option.
pub const WILDCARD: &str = "*";

/// One step of a loader option's path: `Parent.relationship` and its strategy.
#[derive(Debug, Clone)]
pub struct PathStep {
    /// The class the relationship belongs to.
    pub parent: String,
    /// The relationship's name.
    pub rel: String,
    /// How it loads.
    pub strategy: Strategy,
    /// `Parent.rel.of_type(alias)`: the alias the objects come from (`contains_eager`).
    pub of_type: Option<super::Entity>,
}

/// A loader option: a path of relationships from a queried entity.
#[derive(Debug, Clone)]
pub struct LoaderOption {
    /// The steps, from the queried entity outwards.
    pub steps: Vec<PathStep>,
}

impl LoaderOption {
    /// `strategy(Parent.rel)`.
    pub fn new(parent: &str, rel: &str, strategy: Strategy) -> LoaderOption {
        LoaderOption {
            steps: vec![PathStep {
                parent: parent.to_owned(),
                rel: rel.to_owned(),
                strategy,
                of_type: None,
            }],
        }
    }

    /// `option.strategy(Next.rel)`: one more step along the path.
    pub fn then(mut self, parent: &str, rel: &str, strategy: Strategy) -> LoaderOption {
        self.steps.push(PathStep {
            parent: parent.to_owned(),
            rel: rel.to_owned(),
            strategy,
            of_type: None,
        });
        self
    }

    /// The last step reads its objects from `alias` (`Parent.rel.of_type(alias)`).
    pub fn of_type(mut self, alias: super::Entity) -> LoaderOption {
        if let Some(last) = self.steps.last_mut() {
            last.of_type = Some(alias);
        }
        self
    }

    /// The class the path ends at (where a chained step starts from).
    pub fn last(&self) -> Option<&PathStep> {
        self.steps.last()
    }
}

/// How `rel` of `mapper` loads for this query, given the options that start at `mapper`'s
/// level, and the options for the level below it.
pub(crate) fn effective(
    mapper: &Mapper,
    rel: &Relationship,
    options: &[LoaderOption],
) -> (Strategy, Vec<LoaderOption>) {
    let (strategy, below, _) = effective_of_type(mapper, rel, options);
    (strategy, below)
}

/// As [`effective`], with the alias an option's `of_type()` names.
pub(crate) fn effective_of_type(
    mapper: &Mapper,
    rel: &Relationship,
    options: &[LoaderOption],
) -> (Strategy, Vec<LoaderOption>, Option<super::Entity>) {
    let mut strategy = rel.strategy();
    let mut specific = false;
    let mut wildcard = None;
    let mut below = Vec::new();
    let mut of_type = None;
    for opt in options {
        let Some((first, rest)) = opt.steps.split_first() else {
            continue;
        };
        if first.rel == WILDCARD {
            if first.strategy != Strategy::Default {
                wildcard = Some(first.strategy);
            }
            continue;
        }
        if first.parent != mapper.class_name() || first.rel != rel.name {
            continue;
        }
        if first.strategy != Strategy::Default {
            strategy = first.strategy;
            specific = true;
        }
        if first.of_type.is_some() {
            of_type.clone_from(&first.of_type);
        }
        if !rest.is_empty() {
            below.push(LoaderOption {
                steps: rest.to_vec(),
            });
        }
    }
    if let Some(w) = wildcard.filter(|_| !specific) {
        strategy = w;
    }
    (strategy, below, of_type)
}

/// Whether some option names `rel` of `mapper` (an explicit request, followed even where a
/// configured `lazy=` would stop at a cycle).
pub(crate) fn named(mapper: &Mapper, rel: &Relationship, options: &[LoaderOption]) -> bool {
    options.iter().any(|o| {
        o.steps
            .first()
            .is_some_and(|s| s.parent == mapper.class_name() && s.rel == rel.name)
    })
}
