//! Whether the outlet states a figure as its own: a figure mentioned only to
//! dispute it ("we are told 1,240 are missing") or as a forecast, threat or
//! condition ("could face up to 20 years") is no figure the outlet asserts.
//! The cue phrases are data (`data/measure/dispute-cues.txt`,
//! `hypothetical-cues.txt`), looked for in the figure's clause before it.

use super::At;
use super::tables::{Cue, cue_ending_at};
use super::words::clause_start;
use crate::quantity::Stance;
use crate::tokens::{Tok, Tokens};

/// The words of the figure's clause before it, lower-case.
fn words_before<'t>(s: &'t Tokens, at: At) -> Vec<&'t str> {
    let start = clause_start(s, at.first);
    (start..at.first)
        .filter(|&k| s.kind(k) == Some(Tok::Word))
        .map(|k| {
            // "May" is a month, "may" a modal.
            if s.raw(k) == "May" { "" } else { s.low(k) }
        })
        .collect()
}

/// Whether the figure at `at` corrects the figures of its kind given before it
/// in the sentence ("..., but the real number is about 90").
pub fn corrects(s: &Tokens, at: At) -> bool {
    let words = words_before(s, at);
    (0..words.len()).any(|k| cue_ending_at(&words, k) == Some(Cue::Correction))
}

/// The stance of the figure at `at`.
pub fn of(s: &Tokens, at: At) -> Stance {
    let words = words_before(s, at);
    // A modal right after the figure's phrase makes it a case, not a fact: "a
    // magnitude 6 quake can cause severe damage".
    let end = super::words::clause_end(s, at.next);
    let modal_after = (at.next..end.min(at.next + 4))
        .any(|k| matches!(s.low(k), "can" | "could" | "would" | "might") || s.raw(k) == "may");
    let mut stance = if modal_after {
        Stance::Hypothetical
    } else {
        Stance::Asserted
    };
    for k in 0..words.len() {
        match cue_ending_at(&words, k) {
            Some(Cue::Dispute) => return Stance::Disputed,
            Some(Cue::Hypothetical) => stance = Stance::Hypothetical,
            _ if words[k] == "may" => stance = Stance::Hypothetical,
            _ => {}
        }
    }
    stance
}
