//! Ranges: two figures joined by "-", "to", "through", "or" or "between ... and"
//! ("8- to 16-meter", "between 44 and 50 mg", "six or seven years"), and a lower and an upper bound
//! joined by "and" ("at least 20 and no more than 50"). Changes ("rose from 200
//! to 300") and scores ("won 3-1") stay two figures.

use super::Hedge;
use super::figure::Figure;
use super::measure::{Measured, measure};
use super::nonfigure::{self, Verdict};
use super::units;
use crate::tokens::Tokens;

/// Verbs of change: "rose from 200 to 300" states two figures, not a range.
fn change_before(s: &Tokens, first: usize, window: usize) -> bool {
    (first.saturating_sub(window)..first).any(|k| {
        matches!(
            s.low(k),
            "rise"
                | "raise"
                | "raising"
                | "increase"
                | "increasing"
                | "reduce"
                | "reducing"
                | "decrease"
                | "decreased"
                | "boost"
                | "boosted"
                | "expand"
                | "expanded"
                | "lift"
                | "lifted"
                | "soared"
                | "surged"
                | "plunged"
                | "tumbled"
                | "shrank"
                | "swelled"
                | "rose"
                | "risen"
                | "rising"
                | "increased"
                | "fell"
                | "fallen"
                | "dropped"
                | "jumped"
                | "climbed"
                | "grew"
                | "declined"
                | "reduced"
                | "raised"
                | "lowered"
                | "cut"
                | "up"
                | "down"
                | "doubled"
                | "tripled"
                | "went"
                | "changed"
                | "moved"
                | "slid"
        )
    })
}

/// A second figure joined to `a` by "-", "to", "through" or "and" after "between".
pub(super) fn read_range(s: &Tokens, a: &Measured, opener: &str) -> Option<(Measured, usize)> {
    let c = a.after;
    let conn = s.low(c);
    let (k, dash) = match conn {
        "-" | "–" | "~" if s.low(c + 1) == "to" => (c + 2, false),
        "-" | "–" | "~" => (c + 1, true),
        "to" | "through" | "thru" | "or" => (c + 1, false),
        "and" if opener == "between" => (c + 1, false),
        _ => return None,
    };
    let or = conn == "or";
    if !matches!(opener, "between") && !dash && !or && change_before(s, a.first, 3) {
        return None;
    }
    // "raise the number of seats from 65 to 125".
    if opener == "from" && change_before(s, a.first.saturating_sub(1), 6) {
        return None;
    }
    // "between $140 million and $150 million": the second figure may open with its currency.
    let b = measure(s, k, None).or_else(|| {
        (k + 1..k + 4)
            .find(|&n| units::currency_before(s, n).is_some_and(|c| c.1 == k))
            .and_then(|n| measure(s, n, None))
    })?;
    let judged = nonfigure::judge(s, &b.num, b.kind(), b.currency.is_some(), b.after, true);
    if b.implied || matches!(judged, Verdict::Not(..) | Verdict::Drop | Verdict::Name(_)) {
        return None;
    }
    let same_kind = match (a.kind(), b.kind()) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    // "won 3-1" is a score and "5-year-old" a hyphenated age: a dash range rises.
    let rises = b.value
        * if a.num.scale == 1.0 {
            1.0
        } else {
            a.num.scale / b.num.scale.max(1.0)
        }
        > a.value;
    // "six or seven years", "a minute or two", "100 or 200": a range of close
    // guesses; "1 or 1,000" is two figures.
    let close = {
        let lo = if a.num.scale == 1.0 && b.num.scale > 1.0 {
            a.value * b.num.scale
        } else {
            a.value
        };
        b.value > lo && b.value <= 20.0 * lo
    };
    (same_kind && (!dash || rises) && (!or || close)).then_some((b, k))
}

/// "at least 20 and no more than 50" is one range when the bounds are consistent.
pub(super) fn merge_bounds(s: &Tokens, figures: &mut Vec<Figure>) {
    let mut k = 0;
    while k + 1 < figures.len() {
        let (a, b) = (&figures[k], &figures[k + 1]);
        let gap = s.lower.get(a.end..b.start).unwrap_or("?").trim();
        let joined = matches!(gap, "and" | "," | "but" | ", and");
        let pair = match (a.hedge, b.hedge) {
            (Hedge::LowerBound, Hedge::UpperBound) => Some((a.low, b.high)),
            (Hedge::UpperBound, Hedge::LowerBound) => Some((b.low, a.high)),
            _ => None,
        };
        if let Some((Some(lo), Some(hi))) = pair
            && joined
            && lo < hi
            && a.kind == b.kind
            && a.low.is_some() != a.high.is_some()
            && b.low.is_some() != b.high.is_some()
        {
            let b = figures.remove(k + 1);
            let a = &mut figures[k];
            a.end = b.end;
            a.next = b.next;
            a.low = Some(lo);
            a.high = Some(hi);
            a.number = (lo + hi) / 2.0;
            a.hedge = Hedge::Range;
        }
        k += 1;
    }
}
