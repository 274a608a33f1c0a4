//! The extractor: walks the tokens once, reads each number phrase with its unit or
//! currency, joins ranges ("between 20 and 30", "8- to 16-meter"), reads the hedge
//! around it and the rate after it, and sorts out numbers that are not figures.
//! Spans given by dates, figures written as words ("twice", "no one") and vague
//! amounts are read here too. What each figure measures is read afterwards, by
//! `measure::read`.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use super::figure::{Figure, hedge, read_vague, word_ending_before, word_figure};
use super::hedges::{self, Shape};
use super::magnitudes;
use super::measure::{Measured, measure, ratio};
use super::nonfigure::{self, Verdict};
use super::ranges::{merge_bounds, read_range};
use super::rates;
use super::spans;
use super::spoken;
use super::units;
use super::{Hedge, Kind, Quantity, Role, Stance};
use crate::tokens::{Tok, Tokens};

/// Finds every quantity in `text`, in order of position.
pub fn extract(text: &str) -> Vec<Quantity> {
    let s = Tokens::new(text);
    let urls = url_spans(&s.lower);
    let mut figures: Vec<Figure> = Vec::new();
    let mut i = 0;
    while i < s.toks.len() {
        if !may_start(&s, i) {
            i += 1;
            continue;
        }
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
    names_listed(&s, &mut figures);
    for f in &mut figures {
        let quake_kind = matches!(f.kind, Kind::Count | Kind::Temperature);
        if quake_kind
            && f.m.currency.is_none()
            && magnitudes::magnitude_near(&s, f.first, f.next, f.number)
        {
            f.kind = Kind::Magnitude;
        }
    }
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

/// Words that can open a figure: number and scale words, articles ("a week"),
/// vague and spoken amounts ("hundreds", "twice", "no one") and the openers of
/// spans ("from", "between").
static STARTERS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    let words = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "dozen",
        "dozens",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
        "trillion",
        "trillions",
        "lakh",
        "lakhs",
        "crore",
        "crores",
        "a",
        "an",
        "another",
        "half",
        "quarter",
        "couple",
        "minus",
        "negative",
        "few",
        "twice",
        "thrice",
        "once",
        "doubled",
        "tripled",
        "trebled",
        "quadrupled",
        "halved",
        "nobody",
        "none",
        "no",
        "from",
        "between",
    ];
    let vague = hedges::VAGUE
        .iter()
        .filter_map(|(p, _, _)| p.first().copied());
    words.into_iter().chain(vague).collect()
});

/// Whether a figure can start at token `i`: digits, a symbol, a starter word,
/// or a word right before digits or a symbol ("RM45", "Rs 500", "HK$8", "week-long").
/// Most words of a sentence are none of these, and skip every reader.
fn may_start(s: &Tokens, i: usize) -> bool {
    match s.kind(i) {
        Some(Tok::Word) => {
            matches!(s.kind(i + 1), Some(Tok::Num | Tok::Punct)) || STARTERS.contains(s.low(i))
        }
        Some(_) => true,
        None => false,
    }
}

/// "Internet Explorer 8 and 9", "IE6, 7, 8": bare numbers listed after a
/// number of a name belong to the name.
fn names_listed(s: &Tokens, figures: &mut [Figure]) {
    for k in 1..figures.len() {
        let (done, rest) = figures.split_at_mut(k);
        let (a, b) = (&done[k - 1], &mut rest[0]);
        let gap = s.lower.get(a.end..b.start).unwrap_or("?").trim();
        let listed = matches!(
            gap,
            "," | "and" | "or" | "/" | "&" | ", and" | ", or" | "to" | "through" | "through to"
        );
        if a.name && listed && b.m.num.bare_digits && b.m.unit.is_none() && b.m.currency.is_none() {
            b.kind = Kind::Other;
            b.name = true;
        }
    }
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

/// Whether the word at `k` makes "a second" before it an ordinal: a noun or an
/// adjective follows ("a second quake"), not a function word ("for a second before").
fn ordinal_next(s: &Tokens, k: usize) -> bool {
    s.kind(k) == Some(Tok::Word)
        && !matches!(
            s.low(k),
            "later"
                | "ago"
                | "earlier"
                | "before"
                | "after"
                | "or"
                | "and"
                | "longer"
                | "more"
                | "less"
                | "too"
                | "to"
                | "in"
                | "of"
                | "at"
                | "on"
                | "for"
                | "when"
                | "as"
                | "while"
                | "then"
                | "the"
                | "that"
                | "until"
                | "till"
                | "with"
                | "by"
                | "from"
                | "into"
                | "but"
                | "so"
                | "if"
                | "he"
                | "she"
                | "it"
                | "they"
                | "we"
                | "i"
                | "you"
        )
}

fn read_at(s: &Tokens, i: usize, prev_end: Option<usize>) -> Option<Figure> {
    let mut fig = read_figure(s, i, prev_end)?;
    if fig.kind.is_figure()
        && let Some((per, end, joined)) = rates::rate(s, fig.next)
    {
        fig.per = Some(per);
        if joined {
            fig.end = s.toks[end - 1].end;
        }
        fig.next = end;
    }
    Some(fig)
}

fn read_figure(s: &Tokens, i: usize, prev_end: Option<usize>) -> Option<Figure> {
    if let Some(f) = read_vague(s, i) {
        return Some(f);
    }
    if let Some((n, in_days, next)) = spans::span(s, i) {
        let mut fig = word_figure(s, i, next, n, Kind::Duration);
        fig.m.unit = Some(if in_days {
            &units::SPAN_DAYS
        } else {
            &units::SPAN_MONTHS
        });
        return Some(fig);
    }
    if let Some(w) = spoken::read(s, i) {
        let mut fig = word_figure(s, i, w.next, w.value, w.kind);
        if w.times {
            fig.m.unit = Some(&units::TIMES);
        }
        hedge(s, &mut fig);
        return Some(fig);
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
    } else if a.implied
        && a.unit.is_some_and(|u| u.words[0] == "second")
        && ordinal_next(s, a.after)
    {
        // "a second quake", "a second look": an ordinal, not one second.
        Verdict::Not(Kind::Ordinal, a.after)
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
        per: None,
        name: false,
    };
    match verdict {
        Verdict::Drop => return None,
        Verdict::Name(next) => {
            fig.kind = Kind::Other;
            fig.name = true;
            fig.next = next.max(a.after);
            fig.end = s.toks[fig.next - 1].end;
            return Some(fig);
        }
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
    // "shot seven times" counts; "6.5 times as many" multiplies.
    if fig.m.unit.is_some_and(|u| u.unit == "times") && spoken::comparative(s.low(fig.next)) {
        fig.kind = Kind::Multiple;
    }
    hedge(s, &mut fig);
    Some(fig)
}

/// Rounds to 12 significant digits so unit conversions print as 473000, not
/// 473000.00000000006.
fn tidy(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    // Dividing by 1e20 and more is inexact ("7nm" would print 7.000000000000001e-12):
    // tiny values round through their decimal form.
    if v.abs() < 1e-6 {
        return format!("{v:.11e}").parse().unwrap_or(v);
    }
    let m = 10f64.powi(12 - v.abs().log10().ceil() as i32);
    let r = (v * m).round() / m;
    if r.is_finite() { r } else { v }
}

fn finish(s: &Tokens, figures: Vec<Figure>) -> Vec<Quantity> {
    figures
        .into_iter()
        .map(|f| {
            let (factor, offset, mut unit) = match (f.m.currency, f.m.unit) {
                _ if f.kind == Kind::Magnitude => (1.0, 0.0, "magnitude".to_owned()),
                (Some(code), _) => (1.0, 0.0, code.to_owned()),
                (None, Some(u)) => (u.factor, u.offset, u.unit.to_owned()),
                (None, None) => (1.0, 0.0, String::new()),
            };
            // A rate keeps what it is per in the unit: "usd_per_share", "per_minute".
            if let Some(per) = f.per {
                if !unit.is_empty() {
                    unit.push('_');
                }
                unit.push_str("per_");
                unit.push_str(per);
            }
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
