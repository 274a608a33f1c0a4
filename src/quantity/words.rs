//! Number words that state no amount: "one" as a pronoun or a determiner ("says
//! one.", "One factor could be race", "one thing"), "the two" standing for
//! people already named, idioms ("one-sided", "zero-day", "two cents"), number
//! words in titles ("Million Dollar Mermaid"), labels ("round two") and "one
//! day" as a time adverb. Word lists: `data/quantity/one_after.tsv` and
//! `data/quantity/idioms.txt`.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::Kind;
use super::nonfigure::Verdict;
use super::numbers::Num;
use crate::tokens::{Tok, Tokens};

/// Word after "one" -> whether it is a function word (else an abstract noun).
static ONE_AFTER: LazyLock<FxHashMap<&'static str, bool>> = LazyLock::new(|| {
    include_str!("../../data/quantity/one_after.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| l.split_once('\t').map(|(w, what)| (w, what == "pronoun")))
        .collect()
});

/// Idioms by their first word.
static IDIOMS: LazyLock<FxHashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    let mut map: FxHashMap<&'static str, Vec<&'static str>> = FxHashMap::default();
    for phrase in include_str!("../../data/quantity/idioms.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let head = phrase.split([' ', '-']).next().unwrap_or(phrase);
        map.entry(head).or_default().push(phrase);
    }
    map
});

/// Words before a number word that make it a label ("round two", "Game Three").
const LABELS: &[&str] = &[
    "round", "game", "number", "no", "chapter", "phase", "stage", "level", "season", "act", "part",
    "volume", "episode", "book", "article", "exhibit", "channel", "apollo", "title", "grade",
    "page",
];

/// The verdict on number words that state no amount; `None` to judge further.
pub(super) fn judge(s: &Tokens, n: &Num, unit: Option<Kind>, hedged: bool) -> Option<Verdict> {
    let (first, next) = (n.first, n.next);
    if s.kind(first) != Some(Tok::Word) {
        return None;
    }
    let start = s.toks[first].start;
    let head = s.low(first);
    if let Some(phrases) = IDIOMS.get(head)
        && phrases.iter().any(|p| idiom_at(&s.lower[start..], p))
    {
        return Some(Verdict::Drop);
    }
    let prev = first.checked_sub(1).map_or("", |p| s.low(p));
    // "the "Million Dollar Mermaid"": capitalised number words in a title.
    let in_title = first > 0
        && s.capitalised(first)
        && s.capitalised(next)
        && !s.capitalised(first - 1)
        && !matches!(prev, "." | "!" | "?" | ":")
        && !hedged;
    if in_title && !headline(s) {
        return Some(Verdict::Not(Kind::Other, next));
    }
    let one_word = next == first + 1;
    if one_word && LABELS.contains(&prev) && !hedged && n.value < 100.0 {
        return Some(Verdict::Not(Kind::Other, next));
    }
    if unit == Some(Kind::Duration) && head == "one" && one_word {
        return day_adverb(s, first).then_some(Verdict::Not(Kind::Other, next));
    }
    if unit.is_some() || !one_word || hedged {
        return None;
    }
    let after = s.low(next);
    let ends = match s.kind(next) {
        None => true,
        Some(Tok::Punct) => !matches!(after, "-" | "%" | "$" | "(" | "/"),
        _ => false,
    };
    if head == "one" {
        // "says one.", "one even wore", "One factor could be race".
        let share = (after == "in"
            && (s.low(next + 1) == "every" || super::numbers::parse(s, next + 1, false).is_some()))
            || (after == "out" && s.low(next + 1) == "of");
        if ends || (ONE_AFTER.contains_key(after) && !share) {
            return Some(Verdict::Drop);
        }
        return None;
    }
    // "between the two.", "the two met": people already named, not counted;
    // "the three who voted against" still counts them.
    let relative = matches!(after, "who" | "whom" | "whose" | "which" | "that" | "of");
    let pronoun = ends || (ONE_AFTER.get(after).copied().unwrap_or(false) && !relative);
    (matches!(prev, "the" | "these" | "those" | "both") && pronoun).then_some(Verdict::Drop)
}

/// Whether `text` opens with the idiom `phrase`, ending at a word boundary.
fn idiom_at(text: &str, phrase: &str) -> bool {
    text.strip_prefix(phrase)
        .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
}

/// "one day" / "one night" as a time adverb ("would one day start", "One night,
/// she ..."), not a day counted ("for one day", "one day after the vote").
fn day_adverb(s: &Tokens, first: usize) -> bool {
    let unit = s.low(first + 1);
    let next = first + 2;
    let prev = first.checked_sub(1).map_or("", |p| s.low(p));
    matches!(unit, "day" | "night" | "morning" | "evening" | "afternoon")
        && !matches!(
            s.low(next),
            "after"
                | "before"
                | "later"
                | "earlier"
                | "ago"
                | "of"
                | "and"
                | "or"
                | "-"
                | "long"
                | "old"
                | "in"
                | "a"
                | "per"
        )
        && !matches!(
            prev,
            "for"
                | "within"
                | "in"
                | "than"
                | "about"
                | "only"
                | "just"
                | "nearly"
                | "almost"
                | "lasted"
                | "last"
                | "took"
                | "spent"
                | "after"
                | "every"
                | "per"
                | "over"
                | "under"
                | "at"
                | "by"
                | "to"
                | "-"
        )
}

/// Whether most longer words of the text are capitalised (a headline).
pub(super) fn headline(s: &Tokens) -> bool {
    let (mut words, mut caps) = (0, 0);
    for (k, t) in s.toks.iter().enumerate() {
        if t.kind == Tok::Word && t.end - t.start >= 4 {
            words += 1;
            caps += usize::from(s.capitalised(k));
        }
    }
    // Running text full of names ("the West Coast Bank on Highway 214") stays
    // below four in five; a headline capitalises nearly every word.
    words > 2 && caps * 10 >= words * 8
}
