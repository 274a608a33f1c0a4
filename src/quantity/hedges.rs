//! Hedges turn a stated figure into the interval the text allows. The tables here
//! are the one place that decides it (README "## Hedges" mirrors them):
//!
//! | words | hedge | interval for value v |
//! |---|---|---|
//! | about, approximately, roughly, around, some, an estimated, close to, or so | approximate | [0.9 v, 1.1 v] |
//! | nearly, almost, just under, just shy of | upper_bound | [0.9 v, v] (just below) |
//! | more than, over, at least, upwards of, above, exceeding, or more | lower_bound | [v, open) |
//! | up to, as many as, no more than, fewer than, less than, under, below, or less | upper_bound | (open, v] |
//! | between X and Y, from X to Y, X to Y, X-Y, X or Y (Y at most 20 X) | range | [X, Y] |
//! | sub- ("sub-7 nm") | upper_bound | (open, v] |
//! | several, a few, a handful, dozens, scores, hundreds, thousands, millions, tens of thousands, multiple, double digits, (the past/next) few ... | vague | see `VAGUE` |

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use super::Hedge;

/// How a hedge word shapes the interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    Exact,
    Approximate,
    JustBelow,
    Lower,
    Upper,
}

impl Shape {
    pub fn hedge(self) -> Hedge {
        match self {
            Shape::Exact => Hedge::Exact,
            Shape::Approximate => Hedge::Approximate,
            Shape::JustBelow | Shape::Upper => Hedge::UpperBound,
            Shape::Lower => Hedge::LowerBound,
        }
    }

    /// The interval around the normalised value `v`.
    pub fn interval(self, v: f64) -> (Option<f64>, Option<f64>) {
        let (lo, hi) = (v * 0.9, v * 1.1);
        match self {
            Shape::Exact => (Some(v), Some(v)),
            Shape::Approximate => (Some(lo.min(hi)), Some(lo.max(hi))),
            Shape::JustBelow => (Some(lo.min(v)), Some(v)),
            Shape::Lower => (Some(v), None),
            Shape::Upper => (None, Some(v)),
        }
    }
}

/// Words before a figure; the longest match wins ("no more than" over "more than").
#[rustfmt::skip]
pub(super) const BEFORE: &[(&str, Shape)] = &[
    ("bigger or equal than", Shape::Lower), ("higher or equal than", Shape::Lower),
    ("greater or equal than", Shape::Lower), ("larger or equal than", Shape::Lower),
    ("greater than or equal to", Shape::Lower), ("more than or equal to", Shape::Lower),
    ("equal to or more than", Shape::Lower), ("equal to or greater than", Shape::Lower),
    ("at least or equal to", Shape::Lower), ("less than or equal to", Shape::Upper),
    ("smaller or equal than", Shape::Upper), ("lower or equal than", Shape::Upper),
    ("less or equal than", Shape::Upper), ("equal to or less than", Shape::Upper),
    ("equal to or fewer than", Shape::Upper),
    ("well in excess of", Shape::Lower), ("in excess of", Shape::Lower), ("upwards of", Shape::Lower),
    ("no fewer than", Shape::Lower), ("no less than", Shape::Lower), ("not less than", Shape::Lower),
    ("a minimum of", Shape::Lower), ("greater than", Shape::Lower), ("larger than", Shape::Lower),
    ("bigger than", Shape::Lower), ("higher than", Shape::Lower), ("more than", Shape::Lower),
    ("just over", Shape::Lower), ("well over", Shape::Lower), ("well above", Shape::Lower),
    ("at least", Shape::Lower), ("exceeding", Shape::Lower), ("surpassing", Shape::Lower),
    ("exceeded", Shape::Lower), ("surpassed", Shape::Lower), ("exceeds", Shape::Lower),
    ("exceed", Shape::Lower), ("surpass", Shape::Lower), ("above", Shape::Lower), ("over", Shape::Lower),
    ("no more than", Shape::Upper), ("not more than", Shape::Upper), ("a maximum of", Shape::Upper),
    ("as many as", Shape::Upper), ("as much as", Shape::Upper), ("fewer than", Shape::Upper),
    ("less than", Shape::Upper), ("smaller than", Shape::Upper), ("lower than", Shape::Upper),
    ("well under", Shape::Upper), ("well below", Shape::Upper), ("at most", Shape::Upper),
    ("up to", Shape::Upper), ("under", Shape::Upper), ("below", Shape::Upper), ("sub-", Shape::Upper),
    ("just under", Shape::JustBelow), ("just below", Shape::JustBelow), ("just shy of", Shape::JustBelow),
    ("nearly", Shape::JustBelow), ("almost", Shape::JustBelow),
    ("approximately", Shape::Approximate), ("aproximately", Shape::Approximate),
    ("an estimated", Shape::Approximate), ("estimated", Shape::Approximate),
    ("roughly", Shape::Approximate), ("around", Shape::Approximate), ("about", Shape::Approximate),
    ("close to", Shape::Approximate), ("some", Shape::Approximate), ("approx.", Shape::Approximate),
    ("equals to", Shape::Exact), ("equal to", Shape::Exact), ("equaling to", Shape::Exact),
    ("equals", Shape::Exact), ("exactly", Shape::Exact), ("precisely", Shape::Exact),
    (">=", Shape::Lower), ("> =", Shape::Lower), ("<=", Shape::Upper), ("< =", Shape::Upper),
    (">", Shape::Lower), ("<", Shape::Upper),
];

/// Words after a figure ("500 or more").
#[rustfmt::skip]
pub(super) const AFTER: &[(&str, Shape)] = &[
    ("or greater than", Shape::Lower), ("or more than", Shape::Lower),
    ("or more", Shape::Lower), ("and more", Shape::Lower), ("or greater", Shape::Lower),
    ("or above", Shape::Lower), ("and above", Shape::Lower), ("or higher", Shape::Lower),
    ("or over", Shape::Lower), ("or less", Shape::Upper), ("or fewer", Shape::Upper),
    ("or below", Shape::Upper), ("and below", Shape::Upper), ("or under", Shape::Upper),
    ("or lower", Shape::Upper), ("or so", Shape::Approximate), ("or equal to", Shape::Exact),
    ("or equal", Shape::Exact), ("+", Shape::Lower),
];

/// The `BEFORE` phrases by their last byte, in table order: a phrase can only
/// end the text before a figure if its last byte does.
static BY_LAST_BYTE: LazyLock<[Vec<usize>; 256]> = LazyLock::new(|| {
    let mut table: [Vec<usize>; 256] = std::array::from_fn(|_| Vec::new());
    for (k, (phrase, _)) in BEFORE.iter().enumerate() {
        if let Some(&last) = phrase.as_bytes().last() {
            table[usize::from(last)].push(k);
        }
    }
    table
});

/// The hedge ending right before byte `at` of `lower`: shape and where it starts.
pub(super) fn before(lower: &str, at: usize) -> Option<(Shape, usize)> {
    let head = lower[..at].trim_end();
    let last = *head.as_bytes().last()?;
    BY_LAST_BYTE[usize::from(last)]
        .iter()
        .map(|&k| BEFORE[k])
        .filter_map(|(phrase, shape)| {
            let rest = head.strip_suffix(phrase)?;
            let boundary = rest.is_empty()
                || !phrase.starts_with(|c: char| c.is_ascii_alphabetic())
                || rest.ends_with(|c: char| !c.is_alphanumeric());
            // "=>30" and "<>30" are not comparisons.
            let broken = !phrase.starts_with(|c: char| c.is_ascii_alphabetic())
                && rest.ends_with(['=', '<', '>']);
            (boundary && !broken).then_some((shape, rest.len()))
        })
        .min_by_key(|&(_, at)| at)
}

/// The hedge starting right after byte `at`: shape and where it ends.
pub(super) fn after(lower: &str, at: usize) -> Option<(Shape, usize)> {
    let tail = &lower[at..];
    let skipped = tail.len() - tail.trim_start().len();
    let tail = tail.trim_start();
    AFTER.iter().find_map(|&(phrase, shape)| {
        let rest = tail.strip_prefix(phrase)?;
        // "and below 1500" and "or less than 6000" start the next figure.
        let next_word = rest.trim_start();
        let boundary = !rest.starts_with(|c: char| c.is_alphanumeric())
            && !next_word.starts_with(|c: char| c.is_ascii_digit())
            && !next_word.starts_with("than")
            && !next_word.starts_with("a ")
            && !super::numbers::starts_number_word(next_word);
        // "20+" is a lower bound; "1+1" is arithmetic.
        let glued_plus =
            phrase == "+" && skipped == 0 && !rest.starts_with(|c: char| c.is_ascii_digit());
        ((boundary && phrase != "+") || glued_plus).then_some((shape, at + skipped + phrase.len()))
    })
}

/// Vague quantities: the words, and the interval they allow. `value` is the low end.
/// The high ends were checked against the exact figures other outlets give for
/// the same measure in the ECB+ annotations (train topics): "dozens" stood for
/// 50 to 130, "several" for 3 to 12 (twice for 2), "thousands" for 10,000,
/// "tens of thousands" for 30,000 to 100,000, "multiple times" for 7 and 11.
#[rustfmt::skip]
pub(super) const VAGUE: &[(&[&str], f64, f64)] = &[
    (&["hundreds", "of", "thousands"], 200_000.0, 999_999.0),
    (&["tens", "of", "thousands"], 20_000.0, 100_000.0),
    (&["tens", "of", "millions"], 20e6, 99_999_999.0),
    (&["hundreds", "of", "millions"], 200e6, 999_999_999.0),
    (&["a", "handful", "of"], 2.0, 9.0), (&["a", "handful"], 2.0, 9.0),
    (&["several", "hundred"], 300.0, 999.0), (&["several", "thousand"], 3_000.0, 9_999.0),
    (&["several", "million"], 3e6, 9_999_999.0), (&["several", "dozen"], 36.0, 119.0),
    (&["a", "few", "hundred"], 200.0, 999.0), (&["a", "few", "thousand"], 2_000.0, 9_999.0),
    (&["a", "few", "dozen"], 24.0, 99.0), (&["a", "few"], 2.0, 9.0),
    (&["dozens"], 24.0, 150.0), (&["scores", "of"], 40.0, 199.0), (&["hundreds"], 200.0, 1_000.0),
    (&["thousands"], 2_000.0, 10_000.0), (&["millions"], 2e6, 9_999_999.0),
    (&["billions"], 2e9, 9_999_999_999.0), (&["several"], 3.0, 12.0),
    (&["multiple"], 2.0, 12.0), (&["double", "-", "digit"], 10.0, 99.0),
    (&["double", "digits"], 10.0, 99.0), (&["double", "figures"], 10.0, 99.0),
    (&["triple", "-", "digit"], 100.0, 999.0), (&["triple", "digits"], 100.0, 999.0),
];

/// "the past few days", "the next few weeks": "few" without "a" after these words
/// is vague too, [2, 9] as "a few".
pub(super) fn few_after(w: &str) -> bool {
    matches!(
        w,
        "past" | "last" | "next" | "first" | "these" | "those" | "coming"
    )
}

/// The words that open a `VAGUE` phrase: most tokens are none of them.
static VAGUE_FIRST: LazyLock<FxHashSet<&str>> = LazyLock::new(|| {
    VAGUE
        .iter()
        .filter_map(|(phrase, _, _)| phrase.first().copied())
        .collect()
});

/// The vague quantity at token words `words` (lowercase, from the start): interval and length.
pub(super) fn vague<'a>(words: impl Fn(usize) -> &'a str) -> Option<(f64, f64, usize)> {
    let first = words(0);
    if !VAGUE_FIRST.contains(first) {
        return None;
    }
    VAGUE.iter().find_map(|&(phrase, lo, hi)| {
        (phrase.first() == Some(&first)
            && phrase
                .iter()
                .enumerate()
                .skip(1)
                .all(|(k, w)| words(k) == *w))
        .then_some((lo, hi, phrase.len()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_hedge_wins() {
        let text = "no more than 50";
        assert_eq!(before(text, 13), Some((Shape::Upper, 0)));
    }

    #[test]
    fn hedge_needs_a_word_boundary() {
        assert_eq!(before("moreover 5", 9), None);
    }

    #[test]
    fn approximate_interval_is_narrow() {
        let (lo, hi) = Shape::Approximate.interval(100.0);
        let near = |a: Option<f64>, b: f64| a.is_some_and(|a| (a - b).abs() < 1e-9);
        assert!(near(lo, 90.0) && near(hi, 110.0));
    }

    #[test]
    fn or_more_after_figure_is_lower_bound() {
        assert_eq!(after("500 or more in", 3), Some((Shape::Lower, 11)));
    }
}
