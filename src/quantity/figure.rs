//! A figure being assembled, and the readers that build one without a number
//! phrase: vague amounts ("hundreds", "the past few days") and figures written as
//! words. `hedge` reads the hedge words around any figure into its interval.

use super::hedges::{self, Shape};
use super::measure::Measured;
use super::numbers::{self, Num};
use super::rates;
use super::units;
use super::{Hedge, Kind};
use crate::tokens::{Tok, Tokens};

/// A figure being assembled.
pub(super) struct Figure {
    pub first: usize,
    pub next: usize,
    pub start: usize,
    pub end: usize,
    pub number: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub hedge: Hedge,
    pub hedge_words: Option<String>,
    pub m: Measured,
    pub kind: Kind,
    /// What the figure is counted per ("minute", "share"), kept in the unit.
    pub per: Option<&'static str>,
    /// Part of a name ("Boeing 777"): numbers listed after it are too.
    pub name: bool,
}

/// The word ending right before token `i`, lowercase.
pub(super) fn word_ending_before<'s>(s: &'s Tokens<'_>, i: usize) -> &'s str {
    i.checked_sub(1).map_or("", |p| s.low(p))
}

/// Reads the hedge words before and after the figure into its interval.
pub(super) fn hedge(s: &Tokens, fig: &mut Figure) {
    let mut shape = None;
    if let Some((sh, end)) = hedges::after(&s.lower, fig.end) {
        let words = s.lower[fig.end..end].trim().to_owned();
        fig.end = end;
        while fig.next < s.toks.len() && s.toks[fig.next].start < end {
            fig.next += 1;
        }
        if sh != Shape::Exact {
            shape = Some(sh);
            fig.hedge_words = Some(words);
        }
    }
    if let Some((sh, at)) = hedges::before(&s.lower, fig.start) {
        let words = s.lower[at..fig.start].trim().to_owned();
        fig.start = at;
        // A bound before wins over "or so" after; "or more" after wins over "about".
        let wins = matches!(shape, None | Some(Shape::Approximate))
            || matches!(sh, Shape::Lower | Shape::Upper);
        if wins && (sh != Shape::Exact || shape.is_none()) {
            shape = Some(sh);
            fig.hedge_words = Some(words);
        }
    }
    if let Some(sh) = shape {
        fig.hedge = sh.hedge();
        (fig.low, fig.high) = sh.interval(fig.number);
    }
}

/// A figure of tokens `i..next` with no number parsed: a word that states it.
pub(super) fn word_figure(s: &Tokens, i: usize, next: usize, value: f64, kind: Kind) -> Figure {
    let num = Num {
        first: i,
        next,
        value,
        bare_digits: false,
        scale: 1.0,
    };
    let m = Measured {
        num,
        value,
        first: i,
        after: next,
        unit: None,
        currency: None,
        money_factor: 1.0,
        implied: false,
    };
    Figure {
        first: i,
        next,
        start: s.toks[i].start,
        end: s.toks[next - 1].end,
        number: value,
        low: Some(value),
        high: Some(value),
        hedge: Hedge::Exact,
        hedge_words: None,
        m,
        kind,
        per: None,
        name: false,
    }
}

/// "hundreds", "tens of thousands", "several", "a handful": vague amounts.
pub(super) fn read_vague(s: &Tokens, i: usize) -> Option<Figure> {
    let prev = word_ending_before(s, i);
    let few = s.low(i) == "few" && hedges::few_after(prev);
    let (lo, hi, n) = if few {
        (2.0, 9.0, 1)
    } else {
        hedges::vague(|k| s.low(i + k))?
    };
    // "multiple victims", "multiple times"; not "multiple sclerosis".
    if s.low(i) == "multiple" && !rates::plural_noun(s, i + 1) && s.low(i + 1) != "times" {
        return None;
    }
    // "the thousands" or "two hundreds" is read by the number parser instead.
    if i > 0 && (s.kind(i - 1) == Some(Tok::Num) || numbers::parse(s, i - 1, false).is_some()) {
        return None;
    }
    let mut next = i + n;
    let mut unit = None;
    let k = if s.low(next) == "of" { next + 1 } else { next };
    if let Some((u, after)) = units::unit_at(s, k).filter(|(u, _)| u.kind != Kind::Money) {
        unit = Some(u);
        next = after;
    }
    let num = Num {
        first: i,
        next: i + n,
        value: lo,
        bare_digits: false,
        scale: 1.0,
    };
    let m = Measured {
        num,
        value: lo,
        first: i,
        after: next,
        unit,
        currency: None,
        money_factor: 1.0,
        implied: false,
    };
    Some(Figure {
        first: i,
        next,
        start: s.toks[i].start,
        end: s.toks[next - 1].end,
        number: lo,
        low: Some(lo),
        high: Some(hi),
        hedge: Hedge::Vague,
        hedge_words: Some(s.lower[s.toks[i].start..s.toks[i + n - 1].end].to_owned()),
        m,
        kind: unit.map_or(Kind::Count, |u| u.kind),
        per: None,
        name: false,
    })
}
