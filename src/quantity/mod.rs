//! Quantity extraction: the figures a sentence states, as intervals with units.
//!
//! A figure is more than a number: "about 1,200 people ... died" is the value
//! 1,200, the interval a hedge allows, the unit (people), the thing counted and
//! the event. The comparison stage needs all of them to know when two figures
//! measure the same thing.

mod extract;
mod figure;
mod hedges;
mod lexicon;
mod magnitudes;
mod measure;
mod names;
mod nonfigure;
mod numbers;
mod ranges;
mod rates;
mod spans;
mod spoken;
#[cfg(test)]
mod tests;
mod units;
mod words;

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
    /// An earthquake's magnitude ("magnitude 6.1").
    Magnitude,
    /// Digital storage, in bytes ("512GB").
    Data,
    /// Power, in watts ("4kW", "1,200 megawatts").
    Power,
    /// Energy, in kilowatt-hours ("3 TWh").
    Energy,
    /// Frequency, in hertz ("20kHz").
    Frequency,
    /// A multiple of another figure ("6.5 times as many", "twice as large",
    /// "nearly doubled"), unit `times`. A count of times ("shot seven times",
    /// "twice") is a `Count` with the unit `times`.
    Multiple,
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

/// Whether the outlet states a figure as its own (see `measure::stance`).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// The outlet states it.
    #[default]
    Asserted,
    /// Mentioned only to deny or doubt it ("we are told 1,240 are missing").
    Disputed,
    /// A forecast, a threat, a plan or a condition ("could face up to 20 years").
    Hypothetical,
}

impl Stance {
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Asserted => "asserted",
            Stance::Disputed => "disputed",
            Stance::Hypothetical => "hypothetical",
        }
    }

    fn is_default(&self) -> bool {
        *self == Stance::Asserted
    }
}

/// What a figure is about in its story (see `measure`).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// About the story's own events.
    #[default]
    Story,
    /// About an earlier event or another incident ("the 1987 flood destroyed 2,000 homes").
    Past,
    /// A person's age ("Ana Ruiz, 47,", "a 61-year-old").
    Age,
    /// The old value of a change the sentence states ("rose from 30 to 45"): no outlet's current figure.
    Old,
    /// The figure before it again, in another unit or currency ("€110 billion
    /// ($158 billion)"): the conversion is the outlet's, and only the figure
    /// first stated is compared.
    Restated,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Story => "story",
            Role::Past => "past",
            Role::Age => "age",
            Role::Old => "old",
            Role::Restated => "restated",
        }
    }

    fn is_default(&self) -> bool {
        *self == Role::Story
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
    /// What the figure measures, as `measure::read` reads it: the counted
    /// thing or the measure's noun, singular and folded ("people", "war", "depth").
    pub counted: Option<String>,
    /// The event: a class from `data/measure/events.tsv` ("deaths", "injured"),
    /// else the base form of the verb that tells it ("draw").
    pub event: Option<String>,
    /// Words that narrow the figure: a window or rate ("last week", "per day"),
    /// a start ("since 2011"), a part ("in the city", "national").
    pub scope: Option<String>,
    /// The named place the figure is about ("holton", "sao paulo"), folded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The named holder of the figure: the company, country or person whose
    /// figure it is ("skyjet" in "SkyJet cut 8% of its staff"), folded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    /// Who the sentence attributes the figure to ("the interior ministry").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Stance::is_default")]
    pub stance: Stance,
    #[serde(default, skip_serializing_if = "Role::is_default")]
    pub role: Role,
    /// Byte offsets into the text handed to `extract`.
    pub start: usize,
    pub end: usize,
}
