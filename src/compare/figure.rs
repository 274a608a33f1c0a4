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
    /// The figure as the explanation shows it.
    pub shown: String,
    /// Content keys of the words around the figure, with rarity weights, sorted by hash.
    pub context: Vec<(u64, f64)>,
    pub context_total: f64,
}

impl Figure<'_> {
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

/// Every comparable figure of a story, in sentence order: figures of kinds
/// outlets can disagree on, that are no old value of a change.
pub fn figures<'a>(
    sentences: &'a [Sentence],
    quantities: &'a [Vec<Quantity>],
    grouping: &Grouping,
) -> Vec<Figure<'a>> {
    let mut out = Vec::new();
    for (s, (sentence, qs)) in sentences.iter().zip(quantities).enumerate() {
        if !qs.iter().any(|q| q.kind.is_figure() && q.role != Role::Old) {
            continue;
        }
        let tokens = Tokens::new(&sentence.text);
        let mut share_of: Vec<Option<usize>> = vec![None; qs.len()];
        for (share, base) in shares_with_base(&sentence.text, qs) {
            share_of[share] = Some(base);
        }
        for (i, q) in qs.iter().enumerate() {
            if !q.kind.is_figure() || q.role == Role::Old {
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
                grouping.weighted_keys_of(&context_of(&sentence.text, &tokens, q));
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
                shown,
                context,
                context_total,
            });
        }
    }
    out
}

/// The words around a figure: up to `CONTEXT_WORDS` on each side, the
/// figure itself left out.
fn context_of(text: &str, s: &Tokens, q: &Quantity) -> String {
    let first = s.toks.partition_point(|t| t.start < q.start);
    let next = s.toks.partition_point(|t| t.start < q.end);
    let words = |range: &mut dyn Iterator<Item = usize>| -> Option<usize> {
        range
            .filter(|&k| s.kind(k) == Some(Tok::Word))
            .take(CONTEXT_WORDS)
            .last()
    };
    let from = words(&mut (0..first).rev()).map_or(q.start, |k| s.toks[k].start);
    let to = words(&mut (next..s.toks.len())).map_or(q.end, |k| s.toks[k].end);
    format!("{} {}", &text[from..q.start], &text[q.end..to])
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
