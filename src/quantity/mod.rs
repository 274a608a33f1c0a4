//! Quantity extraction: the figures a sentence states, as intervals with units.
//!
//! A figure is more than a number: "about 1,200 people ... died" is the value
//! 1,200, the interval a hedge allows, the unit (people), the thing counted and
//! the event. The comparison stage needs all of them to know when two figures
//! measure the same thing.

mod context;
mod extract;
mod hedges;
mod lexicon;
mod measure;
mod nonfigure;
mod numbers;
mod ranges;
#[cfg(test)]
mod tests;
mod tokens;
mod units;

use serde::{Deserialize, Serialize};

pub use extract::extract;

/// How the text qualifies a figure; decides the interval it allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hedge {
    Exact,
    Approximate,
    LowerBound,
    UpperBound,
    Range,
    Vague,
}

impl Hedge {
    /// The name used in every output (the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            Hedge::Exact => "exact",
            Hedge::Approximate => "approximate",
            Hedge::LowerBound => "lower_bound",
            Hedge::UpperBound => "upper_bound",
            Hedge::Range => "range",
            Hedge::Vague => "vague",
        }
    }
}

/// The dimension of a figure. Only figures of the same kind are ever compared;
/// years, dates, times, ordinals and `other` are never compared at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Count,
    Money,
    Percent,
    Duration,
    Length,
    Area,
    Volume,
    Mass,
    Speed,
    Temperature,
    Year,
    Date,
    Time,
    Ordinal,
    Other,
}

impl Kind {
    /// Whether figures of this kind are measures that outlets can disagree on.
    pub fn is_figure(self) -> bool {
        !matches!(
            self,
            Kind::Year | Kind::Date | Kind::Time | Kind::Ordinal | Kind::Other
        )
    }
}

/// One figure found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The span as written, hedge included.
    pub text: String,
    /// The stated figure, in `unit` (durations in hours, lengths in km, ...; see units.rs).
    pub value: f64,
    /// The interval the text allows, in `unit`; `None` for an open side.
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub hedge: Hedge,
    /// The hedge as written ("as many as", "or more", "hundreds"), if any.
    pub hedge_words: Option<String>,
    /// The figure as written, before unit conversion ("three days" is 3, "50 cents"
    /// is 50); the midpoint for a range, the low end for a vague amount.
    pub number: f64,
    /// Normalised unit: people, hour, day, year, percent, usd, km, ... ("" for a bare number).
    pub unit: String,
    pub kind: Kind,
    /// The head noun of what is counted ("people", "civilians", "hospitals").
    pub counted: Option<String>,
    /// The event or predicate, normalised ("deaths", "injured", "trapped").
    pub event: Option<String>,
    /// Scope words that narrow the figure ("in the last week", "in the city").
    pub scope: Option<String>,
    /// Byte offsets into the text handed to `extract`.
    pub start: usize,
    pub end: usize,
}
