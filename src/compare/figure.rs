//! The figures of a story as the comparison sees them: each with the value it
//! compares (a share of a stated base is the count it implies), the interval
//! its hedge and its rounding allow, and the words around it that the pair
//! model reads.

use std::sync::LazyLock;

use regex::Regex;

use super::verdict::Allowance;
use crate::align::Grouping;
use crate::model::{FigureRef, Sentence};
use crate::quantity::{Kind, Quantity, Role};
use crate::tokens::{Tok, Tokens};

/// One comparable figure.
pub struct Figure<'a> {
    pub at: FigureRef,
    pub article: usize,
    /// The quantity whose reading (event, thing, scope...) the figure has: the
    /// base's for a share of a stated base, else its own.
    pub reading: &'a Quantity,
    /// The quantity as written in the sentence.
    pub q: &'a Quantity,
    pub kind: Kind,
    /// The value compared, in the unit of `kind` (a share of a base is a count).
    pub value: f64,
    pub allowance: Allowance,
    /// The same figure restated in brackets in another unit ("4 kilometres (2
    /// miles)"), whose rounding the outlet chose: either form may agree.
    pub restated: Option<(f64, Allowance)>,
    /// The figure as the explanation shows it.
    pub shown: String,
    /// Content keys of the words around the figure, with rarity weights, sorted by hash.
    pub context: Vec<(u64, f64)>,
    pub context_total: f64,
    /// The same for the nearest `NEAR_WORDS` words on each side.
    pub near: Vec<(u64, f64)>,
    pub near_total: f64,
    /// The figure's place among the figures of its dimension in its
    /// sentence, and how many there are ("14 points and 11 rebounds").
    pub rank: usize,
    pub of: usize,
    /// The names (capitalised words, lower case) among the words around the figure.
    pub names: Vec<String>,
    /// Every word of the figure's sentence, lower case, sorted and unique.
    pub words: std::rc::Rc<Vec<String>>,
    /// The years the figure's sentence names (see `measure::years`).
    pub years: std::rc::Rc<Vec<u16>>,
}

impl Figure<'_> {
    /// Whether a name around this figure is a word of the other figure's sentence.
    fn names_in(&self, other: &Figure<'_>) -> (bool, bool) {
        let mut found = false;
        let mut missing = false;
        for n in &self.names {
            if other.words.binary_search(n).is_ok() {
                found = true;
            } else {
                missing = true;
            }
        }
        (found, missing)
    }

    /// Whether both sentences name years and none in common: figures of two times.
    pub fn years_apart(&self, other: &Figure<'_>) -> bool {
        !self.years.is_empty()
            && !other.years.is_empty()
            && !self.years.iter().any(|y| other.years.contains(y))
    }

    /// (a name around one figure is around the other too, each figure has a
    /// name around it that the other's sentence lacks).
    pub fn names_against(&self, other: &Figure<'_>) -> (bool, bool) {
        let shared = self.names.iter().any(|n| other.names.contains(n));
        let (_, missing_a) = self.names_in(other);
        let (_, missing_b) = other.names_in(self);
        (shared, missing_a && missing_b)
    }
}

impl Figure<'_> {
    /// The figure's value with its allowance, and its restated form if any.
    pub fn points(&self) -> impl Iterator<Item = (f64, Allowance)> + '_ {
        std::iter::once((self.value, self.allowance)).chain(self.restated)
    }

    /// What two figures must share to be compared at all: their kind and, for
    /// money, the currency (counts meet whatever they count: the model reads that).
    pub fn dimension(&self) -> (Kind, &str) {
        match self.kind {
            Kind::Money => (self.kind, self.q.unit.as_str()),
            _ => (self.kind, ""),
        }
    }
}

/// "of", maybe an article or a possessive, between a share and its base.
static OF_BASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*of\s+(?:(?:the|its|their|a|an)\s+)?(?:[\w.-]+['’]s?\s+)?$")
        .expect("base pattern is valid")
});

/// Words on each side of a figure that its context holds.
const CONTEXT_WORDS: usize = 8;
/// Words on each side of a figure that its near context holds.
const NEAR_WORDS: usize = 3;

/// Every comparable figure of a story, in sentence order: figures of kinds
/// outlets can disagree on, that are no old value of a change nor a conversion.
pub fn figures<'a>(
    sentences: &'a [Sentence],
    quantities: &'a [Vec<Quantity>],
    grouping: &Grouping,
) -> Vec<Figure<'a>> {
    let mut out: Vec<Figure<'a>> = Vec::new();
    for (s, (sentence, qs)) in sentences.iter().zip(quantities).enumerate() {
        let first_of_sentence = out.len();
        if !qs
            .iter()
            .any(|q| q.kind.is_figure() && !matches!(q.role, Role::Old | Role::Restated))
        {
            continue;
        }
        let tokens = Tokens::new(&sentence.text);
        let words = std::rc::Rc::new(sentence_words(&tokens));
        let years = std::rc::Rc::new(crate::measure::years(&tokens));
        let mut share_of: Vec<Option<usize>> = vec![None; qs.len()];
        for (share, base) in shares_with_base(&sentence.text, qs) {
            share_of[share] = Some(base);
        }
        for (i, q) in qs.iter().enumerate() {
            if !q.kind.is_figure() || matches!(q.role, Role::Old | Role::Restated) {
                continue;
            }
            let (reading, kind, scale, shown) = match share_of[i] {
                Some(base) => {
                    let b = &qs[base];
                    let value = (q.value * b.value / 100.0).round();
                    let shown = format!("{} of {} = {value}", q.text, b.text);
                    (b, Kind::Count, b.value / 100.0, shown)
                }
                None => (q, q.kind, 1.0, q.text.clone()),
            };
            let (context, context_total) =
                grouping.weighted_keys_of(&context_of(&sentence.text, &tokens, q, CONTEXT_WORDS));
            let (near, near_total) =
                grouping.weighted_keys_of(&context_of(&sentence.text, &tokens, q, NEAR_WORDS));
            let names = names_around(&tokens, q);
            out.push(Figure {
                at: FigureRef {
                    sentence: s,
                    quantity: i,
                },
                article: sentence.article,
                reading,
                q,
                kind,
                value: q.value * scale,
                allowance: Allowance::of(q, scale),
                restated: qs
                    .get(i + 1)
                    .filter(|r| {
                        r.role == Role::Restated && r.kind == q.kind && share_of[i].is_none()
                    })
                    .map(|r| (r.value, Allowance::of(r, 1.0))),
                shown,
                context,
                context_total,
                near,
                near_total,
                rank: 0,
                of: 1,
                names,
                words: words.clone(),
                years: years.clone(),
            });
        }
        rank_in_sentence(&mut out[first_of_sentence..]);
    }
    out
}

/// Numbers each figure of one sentence among those of its dimension.
fn rank_in_sentence(figures: &mut [Figure<'_>]) {
    for i in 0..figures.len() {
        let dimension = |f: &Figure<'_>| (f.kind, f.q.unit.clone());
        let mine = dimension(&figures[i]);
        let rank = figures[..i].iter().filter(|f| dimension(f) == mine).count();
        let of = figures.iter().filter(|f| dimension(f) == mine).count();
        figures[i].rank = rank;
        figures[i].of = of;
    }
}

/// The words around a figure: up to `reach` on each side, the figure itself
/// left out.
fn context_of(text: &str, s: &Tokens, q: &Quantity, reach: usize) -> String {
    let first = s.toks.partition_point(|t| t.start < q.start);
    let next = s.toks.partition_point(|t| t.start < q.end);
    let words = |range: &mut dyn Iterator<Item = usize>| -> Option<usize> {
        range
            .filter(|&k| s.kind(k) == Some(Tok::Word))
            .take(reach)
            .last()
    };
    let from = words(&mut (0..first).rev()).map_or(q.start, |k| s.toks[k].start);
    let to = words(&mut (next..s.toks.len())).map_or(q.end, |k| s.toks[k].end);
    format!("{} {}", &text[from..q.start], &text[q.end..to])
}

/// Every word of a sentence, lower case, sorted and unique.
fn sentence_words(s: &Tokens) -> Vec<String> {
    let mut words: Vec<String> = (0..s.toks.len())
        .filter(|&k| s.kind(k) == Some(Tok::Word))
        .map(|k| s.low(k).to_owned())
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// The names among the `CONTEXT_WORDS` words on each side of a figure:
/// capitalised words that are not the sentence's first, nor month or day
/// names, in a sentence that is not a headline in title case.
fn names_around(s: &Tokens, q: &Quantity) -> Vec<String> {
    let first = s.toks.partition_point(|t| t.start < q.start);
    let next = s.toks.partition_point(|t| t.start < q.end);
    let words: Vec<usize> = (0..s.toks.len())
        .filter(|&k| s.kind(k) == Some(Tok::Word))
        .collect();
    let capitals = words.iter().filter(|&&k| s.capitalised(k)).count();
    if words.len() >= 4 && capitals * 3 >= words.len() * 2 {
        return Vec::new();
    }
    let before = words
        .iter()
        .rev()
        .filter(|&&k| k < first)
        .take(CONTEXT_WORDS);
    let after = words.iter().filter(|&&k| k >= next).take(CONTEXT_WORDS);
    let mut names: Vec<String> = before
        .chain(after)
        .copied()
        .filter(|&k| k > 0 && s.capitalised(k) && s.low(k).len() > 1)
        .map(|k| s.low(k).to_owned())
        .filter(|w| {
            !crate::text::MONTHS.contains(&w.as_str()) && !crate::text::DAYS.contains(&w.as_str())
        })
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// Pairs (share, base) of quantity indices: a percentage followed by "of" and a count.
fn shares_with_base(text: &str, qs: &[Quantity]) -> Vec<(usize, usize)> {
    qs.windows(2)
        .enumerate()
        .filter(|(_, w)| {
            w[0].kind == Kind::Percent
                && w[1].kind == Kind::Count
                && text
                    .get(w[0].end..w[1].start)
                    .is_some_and(|between| OF_BASE.is_match(between))
        })
        .map(|(i, _)| (i, i + 1))
        .collect()
}
