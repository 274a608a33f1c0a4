//! Rates: a figure counted per something ("$5 per share", "30 cars a minute",
//! "1.2 million hectares per year"). What it is per stays in the unit
//! ("usd_per_share", "per_minute"), so a price per share never meets a total
//! and a rate never meets a count. The words are in `data/quantity/rates.tsv`.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::tokens::{Tok, Tokens};

/// Word after "per", "a", "an", "every" or "each" -> (the name kept in the unit, a span of time).
static PER: LazyLock<FxHashMap<&'static str, (&'static str, bool)>> = LazyLock::new(|| {
    include_str!("../../data/quantity/rates.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| {
            let mut f = l.split('\t');
            let (word, per, what) = (f.next()?, f.next()?, f.next()?);
            Some((word, (per, what == "time")))
        })
        .collect()
});

/// The rate written at token `k`: what it is per and the token after it.
pub(super) fn rate_at(s: &Tokens, k: usize) -> Option<(&'static str, usize)> {
    let opener = s.low(k);
    let slash = opener == "/" && s.glued(k) && s.glued(k + 1);
    if !matches!(opener, "per" | "a" | "an" | "every" | "each") && !slash {
        return None;
    }
    let &(per, time) = PER.get(s.low(k + 1))?;
    if matches!(opener, "every" | "each") && !time {
        return None;
    }
    // "a week ago", "a day after the blast", "a year old", "a day or two": no rate.
    let after = s.low(k + 2);
    let ends = matches!(
        after,
        "ago" | "later" | "earlier" | "before" | "after" | "old" | "or" | "of" | "-"
    ) || (after == "and" && matches!(s.low(k + 3), "a" | "half"));
    (!ends).then_some((per, k + 2))
}

/// A plural noun that can stand between a count and its rate ("30 cars a minute").
pub(super) fn plural_noun(s: &Tokens, k: usize) -> bool {
    let w = s.low(k);
    s.kind(k) == Some(Tok::Word)
        && !s.capitalised(k)
        && w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("is")
        && !w.ends_with("us")
        && !matches!(
            w,
            "this" | "plus" | "thus" | "does" | "goes" | "was" | "has"
        )
}

/// The rate after a figure whose tokens end before `next`: what it is per, the
/// token after the rate, and whether it follows the figure directly (then it
/// belongs to the figure's span). A plural noun and an "of" phrase may stand
/// between ("5,000 gallons of water a minute").
pub(super) fn rate(s: &Tokens, next: usize) -> Option<(&'static str, usize, bool)> {
    if let Some((per, end)) = rate_at(s, next) {
        return Some((per, end, true));
    }
    let mut k = next;
    if plural_noun(s, k) {
        k += 1;
    }
    if s.low(k) == "of" && s.kind(k + 1) == Some(Tok::Word) && !s.capitalised(k + 1) {
        k += 2;
    }
    if k == next {
        return None;
    }
    // Only "a", "an" or "per" after the words between: "every" there starts a clause.
    let (per, end) = rate_at(s, k).filter(|_| matches!(s.low(k), "a" | "an" | "per"))?;
    Some((per, end, false))
}
