//! The extractor: walks the tokens once, reads each number phrase with its unit or
//! currency, joins ranges ("between 20 and 30", "8- to 16-meter"), reads the hedge
//! around it and sorts out numbers that are not figures. What each figure
//! measures is read afterwards, by `measure::read`.

use super::hedges::{self, Shape};
use super::measure::{Measured, measure, ratio};
use super::nonfigure::{self, Verdict};
use super::numbers::{self, Num};
use super::ranges::{merge_bounds, read_range};
use super::units;
use super::{Hedge, Kind, Quantity, Role, Stance};
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
}

/// Finds every quantity in `text`, in order of position.
pub fn extract(text: &str) -> Vec<Quantity> {
    let s = Tokens::new(text);
    let urls = url_spans(&s.lower);
    let mut figures: Vec<Figure> = Vec::new();
    let mut i = 0;
    while i < s.toks.len() {
        let at = s.toks[i].start;
        // Spans are in text order: the one that could hold `at` is the last starting at or before it.
        let url = urls.partition_point(|&(a, _)| a <= at);
        if url > 0 && at < urls[url - 1].1 {
            i += 1;
            continue;
        }
        let prev_end = figures.last().map(|f| f.next);
        match read_at(&s, i, prev_end) {
            Some(f) => {
                i = f.next.max(i + 1);
                figures.push(f);
            }
            None => i += 1,
        }
    }
    merge_bounds(&s, &mut figures);
    let mut quantities = finish(&s, figures);
    // A digit string too long for f64 (a line of a million digits) states no
    // figure anyone could compare, and infinity has no place in the reports.
    quantities.retain(|q| {
        [Some(q.value), Some(q.number), q.low, q.high]
            .into_iter()
            .flatten()
            .all(f64::is_finite)
    });
    quantities
}

/// Web addresses, and the pieces of them a sentence splitter leaves behind
/// ("umi.com/pqdweb?RQT=305&SQ=..."): their digits are no figures.
fn url_spans(lower: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // Most sentences have no address: without "://", "www." and two of the
    // marks in the whole text, no word of it can be one.
    let marks = lower
        .bytes()
        .filter(|b| matches!(b, b'?' | b'=' | b'&' | b'%'))
        .count();
    if marks < 2 && !lower.contains("://") && !lower.contains("www.") {
        return out;
    }
    let mut at = 0;
    for chunk in lower.split(char::is_whitespace) {
        let marks = chunk.matches(['?', '=', '&', '%']).count();
        let url = chunk.contains("://")
            || chunk.starts_with("www.")
            || marks >= 3
            || (chunk.contains('/') && marks >= 2);
        if url {
            out.push((at, at + chunk.len()));
        }
        at += chunk.len() + chunk_gap(&lower[at + chunk.len()..]);
    }
    out
}

/// The byte length of the whitespace character at the start of `rest` (0 at the end).
fn chunk_gap(rest: &str) -> usize {
    rest.chars().next().map_or(0, char::len_utf8)
}

/// The word ending right before token `i`, lowercase.
fn word_ending_before<'s>(s: &'s Tokens<'_>, i: usize) -> &'s str {
    i.checked_sub(1).map_or("", |p| s.low(p))
}

fn read_at(s: &Tokens, i: usize, prev_end: Option<usize>) -> Option<Figure> {
    if let Some(f) = read_vague(s, i) {
        return Some(f);
    }
    let a = measure(s, i, prev_end)?;
    let hedged =
        hedges::before(&s.lower, s.toks[a.first].start).is_some_and(|(sh, _)| sh != Shape::Exact);
    let time_ref = matches!(
        s.low(a.after),
        "ago" | "later" | "earlier" | "before" | "after"
    );
    let verdict = if a.implied && a.kind() == Some(Kind::Duration) && time_ref {
        Verdict::Not(Kind::Other, a.after)
    } else if a.implied {
        Verdict::Figure
    } else {
        nonfigure::judge(s, &a.num, a.kind(), a.currency.is_some(), a.after, hedged)
    };
    let kind_of = |m: &Measured| m.kind().unwrap_or(Kind::Count);
    let mut fig = Figure {
        first: a.first,
        next: a.after,
        start: s.toks[a.first].start,
        end: s.toks[a.after - 1].end,
        number: a.value,
        low: Some(a.value),
        high: Some(a.value),
        hedge: Hedge::Exact,
        hedge_words: None,
        m: a,
        kind: kind_of(&a),
    };
    match verdict {
        Verdict::Drop => return None,
        Verdict::Not(kind, next) => {
            fig.kind = kind;
            fig.next = next.max(a.after);
            fig.end = s.toks[fig.next - 1].end;
            return Some(fig);
        }
        Verdict::Figure => {}
        Verdict::Magnitude => fig.kind = Kind::Magnitude,
    }
    if let Some((share, next)) = ratio(s, &a) {
        fig.number = share;
        fig.low = Some(share);
        fig.high = Some(share);
        fig.next = next;
        fig.end = s.toks[next - 1].end;
        fig.kind = Kind::Percent;
        fig.m.unit = Some(&units::SHARE);
        return Some(fig);
    }
    let opener = word_ending_before(s, a.first);
    if let Some(range) = read_range(s, &a, opener) {
        let (b, _) = range;
        let (mut av, mut bv) = (a.value, b.value);
        let (unit, currency) = (a.unit.or(b.unit), a.currency.or(b.currency));
        if a.num.scale == 1.0 && b.num.scale > 1.0 && av * b.num.scale <= bv {
            av *= b.num.scale;
        }
        if av > bv {
            std::mem::swap(&mut av, &mut bv);
        }
        let from = matches!(opener, "between" | "from") && a.first > 0;
        fig.first = if from { a.first - 1 } else { a.first };
        fig.next = b.after;
        fig.start = s.toks[fig.first].start;
        fig.end = s.toks[b.after - 1].end;
        fig.number = (av + bv) / 2.0;
        fig.low = Some(av);
        fig.high = Some(bv);
        fig.hedge = Hedge::Range;
        fig.m.unit = unit;
        fig.m.currency = currency;
        fig.m.money_factor = a.money_factor.min(b.money_factor);
        fig.kind = kind_of(&fig.m);
        return Some(fig);
    }
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
    Some(fig)
}

/// "hundreds", "tens of thousands", "several", "a handful": vague amounts.
fn read_vague(s: &Tokens, i: usize) -> Option<Figure> {
    let (lo, hi, n) = hedges::vague(|k| s.low(i + k))?;
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
    })
}

/// Rounds to 12 significant digits so unit conversions print as 473000, not
/// 473000.00000000006.
fn tidy(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let m = 10f64.powi(12 - v.abs().log10().ceil() as i32);
    let r = (v * m).round() / m;
    if r.is_finite() { r } else { v }
}

fn finish(s: &Tokens, figures: Vec<Figure>) -> Vec<Quantity> {
    figures
        .into_iter()
        .map(|f| {
            let (factor, offset, unit) = match (f.m.currency, f.m.unit) {
                _ if f.kind == Kind::Magnitude => (1.0, 0.0, "magnitude".to_owned()),
                (Some(code), _) => (1.0, 0.0, code.to_owned()),
                (None, Some(u)) => (u.factor, u.offset, u.unit.to_owned()),
                (None, None) => (1.0, 0.0, String::new()),
            };
            let norm = |v: f64| {
                if f.m.currency.is_some() {
                    v * f.m.money_factor
                } else {
                    v * factor + offset
                }
            };
            let conv = |v: Option<f64>| v.map(|x| tidy(norm(x)));
            Quantity {
                text: s.text[f.start..f.end].to_owned(),
                value: tidy(norm(f.number)),
                low: conv(f.low),
                high: conv(f.high),
                hedge: f.hedge,
                hedge_words: f.hedge_words,
                number: f.number,
                unit,
                kind: f.kind,
                counted: None,
                event: None,
                scope: None,
                place: None,
                holder: None,
                source: None,
                stance: Stance::Asserted,
                role: Role::Story,
                start: f.start,
                end: f.end,
            }
        })
        .collect()
}
