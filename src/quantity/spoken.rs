//! Figures written as words of their own: frequencies ("twice", "only once",
//! "twice a day"), multiples ("twice as many", "6.5 times as many", "nearly
//! doubled") and zero ("no one was hurt", "nobody died", "no injuries were
//! reported"). Zero words are in `data/quantity/zero.tsv`.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::Kind;
use super::rates;
use crate::tokens::{Tok, Tokens};

/// A figure written as a word: its value, the token after it and its kind
/// (`Count` with the unit "times", `Multiple`, or a `Count` of 0).
pub(super) struct Spoken {
    pub value: f64,
    pub next: usize,
    pub kind: Kind,
    pub times: bool,
}

/// Word -> (follows "no one" as a verb, follows "no" as a noun).
static ZERO: LazyLock<FxHashMap<&'static str, (bool, bool)>> = LazyLock::new(|| {
    include_str!("../../data/quantity/zero.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| {
            let (w, what) = l.split_once('\t')?;
            Some((w, (what != "noun", what != "verb")))
        })
        .collect()
});

/// Words after "times" or "twice" that make it a multiple of another figure.
pub(super) fn comparative(w: &str) -> bool {
    matches!(
        w,
        "as" | "more"
            | "less"
            | "fewer"
            | "higher"
            | "lower"
            | "larger"
            | "bigger"
            | "greater"
            | "smaller"
            | "faster"
            | "slower"
            | "longer"
            | "shorter"
            | "the"
            | "that"
            | "than"
            | "its"
            | "their"
            | "his"
            | "her"
            | "what"
    )
}

/// The figure written as a word at token `i`, if any.
pub(super) fn read(s: &Tokens, i: usize) -> Option<Spoken> {
    let w = s.low(i);
    let prev = i.checked_sub(1).map_or("", |p| s.low(p));
    let spoken = |value: f64, next: usize, kind: Kind, times: bool| {
        Some(Spoken {
            value,
            next,
            kind,
            times,
        })
    };
    match w {
        "twice" | "thrice" => {
            let v = if w == "twice" { 2.0 } else { 3.0 };
            let kind = if comparative(s.low(i + 1)) {
                Kind::Multiple
            } else {
                Kind::Count
            };
            spoken(v, i + 1, kind, true)
        }
        // "once" is mostly a conjunction or "formerly": only a count when
        // bounded ("only once", "more than once") or a rate ("once a month").
        "once"
            if matches!(
                prev,
                "only" | "just" | "than" | "least" | "exactly" | "most"
            ) || rates::rate_at(s, i + 1).is_some() =>
        {
            spoken(1.0, i + 1, Kind::Count, true)
        }
        "doubled" | "tripled" | "trebled" | "quadrupled" | "halved" => {
            let v = match w {
                "doubled" => 2.0,
                "tripled" | "trebled" => 3.0,
                "quadrupled" => 4.0,
                _ => 0.5,
            };
            spoken(v, i + 1, Kind::Multiple, true)
        }
        "nobody" | "none" => zero_before_verb(s, i + 1).then(|| Spoken {
            value: 0.0,
            next: i + 1,
            kind: Kind::Count,
            times: false,
        }),
        "no" => {
            let one = matches!(s.low(i + 1), "one")
                || (s.low(i + 1) == "-" && s.low(i + 2) == "one" && s.glued(i + 1));
            if one {
                let next = if s.low(i + 1) == "-" { i + 3 } else { i + 2 };
                return zero_before_verb(s, next).then_some(Spoken {
                    value: 0.0,
                    next,
                    kind: Kind::Count,
                    times: false,
                });
            }
            // "no injuries", "no reports of injuries".
            let noun = |k: usize| ZERO.get(s.low(k)).is_some_and(|z| z.1);
            let counted = noun(i + 1)
                || (matches!(s.low(i + 1), "reports" | "report" | "reported")
                    && s.low(i + 2) == "of"
                    && noun(i + 3));
            counted.then_some(Spoken {
                value: 0.0,
                next: i + 1,
                kind: Kind::Count,
                times: false,
            })
        }
        _ => None,
    }
}

/// "no one was hurt", "none of the passengers": a verb of the table within four
/// words after the zero word, or "of" right after "none".
fn zero_before_verb(s: &Tokens, next: usize) -> bool {
    if s.low(next) == "of" && s.low(next.wrapping_sub(1)) == "none" {
        return true;
    }
    (next..next + 4)
        .take_while(|&k| s.kind(k) == Some(Tok::Word))
        .any(|k| ZERO.get(s.low(k)).is_some_and(|z| z.0))
}
