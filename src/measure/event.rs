//! The event of each figure: what happened to what it counts. A word of the
//! events table names a class ("killed", "died", "death toll" -> deaths);
//! any other past form near the figure names the event by its base form
//! ("the final drew 48,000" -> draw), which the comparison weighs with
//! WordNet synonyms. A verb that states a level ("stood at", "reached",
//! `data/measure/level-verbs.tsv`) is no event: its subject names the measure. Each event word goes to the nearest figure, so in "80
//! were trapped and 12 were injured" each count keeps its own.

use super::At;
use super::tables::{event_of, is_speech_verb, only_states_level};
use super::words::{breaks_clause, is_auxiliary, verb_base};
use crate::quantity::{Kind, Quantity};
use crate::tokens::{Tok, Tokens};

/// One word of the sentence that can name an event.
struct Candidate {
    at: usize,
    event: String,
    /// From the events table (a class), not only a verb form.
    listed: bool,
    /// An "-ing" form governs the figure after it only ("killing at least 120").
    governs_after: bool,
}

/// How far (in tokens, a clause break counting as three) an event word may be
/// from its figure: a listed word, then any verb.
const REACH_LISTED: usize = 12;
const REACH_VERB: usize = 6;

fn candidates(s: &Tokens) -> Vec<Candidate> {
    let mut out = Vec::new();
    for i in 0..s.toks.len() {
        if s.kind(i) != Some(Tok::Word) {
            continue;
        }
        let w = s.low(i);
        let before = |k: usize| i.checked_sub(k).map_or("", |p| s.low(p));
        let lives = w == "lives"
            && (["lost", "claimed", "their"].contains(&before(1))
                || ["lost", "claimed"].contains(&before(2)));
        if lives {
            out.push(Candidate {
                at: i,
                event: "deaths".to_owned(),
                listed: true,
                governs_after: false,
            });
        } else if let Some(e) = event_of(w) {
            out.push(Candidate {
                at: i,
                event: e.to_owned(),
                listed: true,
                governs_after: w.ends_with("ing") && w != "missing",
            });
        } else if !(is_speech_verb(w)
            || only_states_level(w)
            || is_auxiliary(w)
            || (i > 0 && s.capitalised(i)))
            && let Some(base) = verb_base(w)
        {
            out.push(Candidate {
                at: i,
                event: base,
                listed: false,
                governs_after: false,
            });
        }
    }
    out
}

/// Tokens between an event word at `at` and a figure at `f`, plus three for
/// each clause break between them; a word before the figure counts one more.
fn distance(s: &Tokens, at: usize, f: At) -> usize {
    let (lo, hi, extra) = if at < f.first {
        (at + 1, f.first, 1)
    } else {
        (f.next, at, 0)
    };
    let breaks = (lo..hi).filter(|&k| breaks_clause(s, k)).count();
    hi.saturating_sub(lo) + 3 * breaks + extra
}

/// The event of every figure of the sentence (`None` for the rest). Spans of
/// time take no event ("died during the three-day siege" is about deaths), nor
/// do kinds that are no figure.
pub fn assign(s: &Tokens, qs: &[Quantity], at: &[At], figures: &[usize]) -> Vec<Option<String>> {
    let mut best: Vec<Option<(bool, usize, String)>> = vec![None; qs.len()];
    let takers: Vec<usize> = figures
        .iter()
        .copied()
        .filter(|&i| qs[i].kind != Kind::Duration)
        .collect();
    for c in candidates(s) {
        let eligible = takers
            .iter()
            .copied()
            .filter(|&i| !(c.governs_after && c.at > at[i].first))
            .filter(|&i| c.at < at[i].first || c.at >= at[i].next);
        let Some((d, i)) = eligible.map(|i| (distance(s, c.at, at[i]), i)).min() else {
            continue;
        };
        let reach = if c.listed { REACH_LISTED } else { REACH_VERB };
        if d > reach {
            continue;
        }
        // A listed word beats a verb; then the nearer wins.
        let better = match &best[i] {
            None => true,
            Some((listed, dist, _)) => {
                (c.listed, std::cmp::Reverse(d)) > (*listed, std::cmp::Reverse(*dist))
            }
        };
        if better {
            best[i] = Some((c.listed, d, c.event));
        }
    }
    best.into_iter().map(|b| b.map(|(_, _, e)| e)).collect()
}

/// The first listed event of a text: what a sentence with no figure lends
/// the figure of the next ("The storm killed many. Officials counted 45.").
pub fn first_class(text: &str) -> Option<&'static str> {
    let s = Tokens::new(text);
    (0..s.toks.len())
        .filter(|&i| s.kind(i) == Some(Tok::Word))
        .find_map(|i| event_of(s.low(i)))
}
