//! Turns the quantities of a story into comparable figures: each with the measure
//! it states (what is counted, the event, the scope), its hedge read as a stance,
//! and its source. A share with a stated base ("40% of the town's 5,000
//! residents") becomes the count it implies; the base itself measures nothing.

use std::sync::LazyLock;

use regex::Regex;

use super::attribution::Sources;
use super::context::{Reading, read_sentence, superseded};
use super::noun::noun_class;
use super::verdict::Stance;
use crate::model::{FigureRef, Sentence};
use crate::quantity::{Kind, Quantity};

/// What a figure measures; two figures are compared only when these are equal.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Measure {
    pub kind: Kind,
    pub unit: String,
    pub thing: String,
    pub event: String,
    pub scope: String,
}

/// Events that count people when no noun says what is counted ("the toll rose to 45").
const PEOPLE_EVENTS: &[&str] = &[
    "deaths",
    "injured",
    "trapped",
    "displaced",
    "evacuated",
    "arrested",
    "missing",
    "rescued",
    "infected",
];

impl Measure {
    /// The measure of a figure, or `None` when the text says too little to match
    /// it outside its own sentence (a bare count with no event, a year).
    fn of(q: &Quantity, r: &Reading) -> Option<Self> {
        if !q.kind.is_figure() {
            return None;
        }
        let fallback = || q.counted.as_deref().map(noun_class).unwrap_or_default();
        let thing = if r.thing.is_empty() {
            fallback()
        } else {
            r.thing.clone()
        };
        let (thing, event) = match q.kind {
            // A count is only comparable with its event: "100 people were working"
            // and "100 people were injured" are different measures.
            Kind::Count => {
                if r.event.is_empty() {
                    return None;
                }
                let thing = if thing.is_empty() && PEOPLE_EVENTS.contains(&r.event.as_str()) {
                    "people".to_owned()
                } else {
                    thing
                };
                (thing, r.event.clone())
            }
            // A span of time is named by its noun ("three-year war"), whatever else the
            // sentence says happened during it.
            Kind::Duration => (thing, String::new()),
            // Amounts (area, volume, money) are named by the event when there is one,
            // since outlets vary the noun ("of oil", "of crude").
            Kind::Percent => (thing, r.event.clone()),
            _ if !r.event.is_empty() => (String::new(), r.event.clone()),
            _ => (thing, String::new()),
        };
        if thing.is_empty() && event.is_empty() {
            return None;
        }
        Some(Self {
            kind: q.kind,
            unit: if q.kind == Kind::Count {
                String::new()
            } else {
                q.unit.clone()
            },
            thing,
            event,
            scope: r.scope.clone(),
        })
    }

    /// In words, for the report: "people deaths", "war duration", "hectare burned".
    pub fn describe(&self) -> String {
        let mut words: Vec<&str> = Vec::new();
        for w in [&self.thing, &self.event, &self.scope] {
            if !w.is_empty() && !words.contains(&w.as_str()) {
                words.push(w);
            }
        }
        match self.kind {
            Kind::Count => {}
            Kind::Duration => words.push("duration"),
            Kind::Percent => words.push("share"),
            _ => words.push(&self.unit),
        }
        words.join(" ").replace('_', " ")
    }

    /// Whether the scope is a time window ("last week"): such counts are not running totals.
    pub fn windowed(&self) -> bool {
        self.scope.starts_with("last") || self.scope.starts_with("this") || self.scope == "one day"
    }
}

/// One figure with what the comparison needs to know about it.
pub struct Figure<'a> {
    pub at: FigureRef,
    pub article: usize,
    pub measure: Measure,
    pub q: &'a Quantity,
    /// The value compared, in the measure's unit (a share with a base is a count).
    pub value: f64,
    pub stance: Stance,
    /// The figure as the explanation shows it.
    pub shown: String,
    pub source: Option<String>,
    /// The named place the figure is about, empty when the sentence names none.
    pub place: String,
}

impl Figure<'_> {
    pub fn point(&self) -> (f64, Stance) {
        (self.value, self.stance)
    }

    /// Whether two figures of one measure can be about the same thing: not when
    /// each names a place and the places differ.
    pub fn same_place(&self, other: &Figure<'_>) -> bool {
        self.place.is_empty() || other.place.is_empty() || self.place == other.place
    }
}

/// "of", maybe an article or a possessive, between a share and its base.
static OF_BASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*of\s+(?:(?:the|its|their|a|an)\s+)?(?:[\w.-]+['’]s?\s+)?$")
        .expect("base pattern is valid")
});

/// Every comparable figure of a story, in sentence order.
pub fn figures<'a>(sentences: &'a [Sentence], quantities: &'a [Vec<Quantity>]) -> Vec<Figure<'a>> {
    let mut out = Vec::new();
    for (s, (sentence, qs)) in sentences.iter().zip(quantities).enumerate() {
        let previous = s
            .checked_sub(1)
            // Only a sentence with no figure of its own lends its event: otherwise
            // the event is that figure's ("The storm killed 12. Another 40 ...").
            .filter(|&p| {
                sentences[p].article == sentence.article
                    && quantities
                        .get(p)
                        .is_some_and(|qs| !qs.iter().any(|q| q.kind.is_figure()))
            })
            .map(|p| sentences[p].text.as_str());
        if !qs.iter().any(|q| q.kind.is_figure()) {
            continue;
        }
        let readings = read_sentence(&sentence.text, qs, previous);
        let sources = Sources::of(&sentence.text);
        // Indexed by quantity, so a sentence of many figures stays linear.
        let mut share_of: Vec<Option<(usize, usize)>> = vec![None; qs.len()];
        let mut is_base = vec![false; qs.len()];
        for (share, base) in shares_with_base(&sentence.text, qs) {
            share_of[share] = Some((share, base));
            is_base[base] = true;
        }
        for (i, (q, r)) in qs.iter().zip(&readings).enumerate() {
            if is_base[i] || superseded(&sentence.text, q) {
                continue;
            }
            let share = share_of[i].as_ref();
            let (q_measured, reading, scale) = match share {
                Some(&(_, base)) => {
                    let mut r = readings[base].clone();
                    if r.event.is_empty() {
                        r.event.clone_from(&readings[i].event);
                    }
                    (&qs[base], r, qs[base].value / 100.0)
                }
                None => (q, r.clone(), 1.0),
            };
            let Some(measure) = Measure::of(q_measured, &reading) else {
                continue;
            };
            let shown = match share {
                Some(&(_, base)) => format!(
                    "{} of {} = {}",
                    q.text,
                    qs[base].text,
                    (q.value * scale).round()
                ),
                None => q.text.clone(),
            };
            out.push(Figure {
                at: FigureRef {
                    sentence: s,
                    quantity: i,
                },
                article: sentence.article,
                measure,
                q,
                value: q.value * scale,
                stance: Stance::of(q, scale),
                shown,
                source: sources.nearest(q.start, q.end).map(str::to_owned),
                place: reading.place.clone(),
            });
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;
    use crate::quantity::extract;

    fn story(texts: &[&str]) -> (Vec<Sentence>, Vec<Vec<Quantity>>) {
        let sentences: Vec<Sentence> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Sentence {
                article: i,
                no: 0,
                span: Span::new(0, t.len()),
                text: (*t).to_owned(),
            })
            .collect();
        let qs = sentences.iter().map(|s| extract(&s.text)).collect();
        (sentences, qs)
    }

    #[test]
    fn share_of_a_stated_base_becomes_a_count() {
        let (s, q) = story(&["Officials said 40% of the town's 5,000 residents were evacuated."]);
        let f = figures(&s, &q);
        assert_eq!(f.len(), 1, "the base is not a figure of its own");
        assert_eq!(f[0].value, 2000.0);
        assert_eq!(f[0].measure.event, "evacuated");
        assert_eq!(f[0].measure.thing, "people");
    }

    #[test]
    fn killed_and_died_are_one_measure() {
        let (s, q) = story(&[
            "About 1,200 people died during the war.",
            "Already, as many as 500 people have been killed.",
        ]);
        let f = figures(&s, &q);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].measure, f[1].measure);
    }

    #[test]
    fn old_value_in_from_to_is_not_a_figure() {
        let (s, q) = story(&["The death toll rose from 30 to 45 people."]);
        let f = figures(&s, &q);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].value, 45.0);
    }

    #[test]
    fn count_without_event_is_not_compared() {
        let (s, q) = story(&["Some 100 people were working at the plant."]);
        assert!(figures(&s, &q).is_empty());
    }
}
