//! The word tables the measure reading uses, kept as data under `data/measure/`:
//! one table per concept, each sorted and unique (tested below), so that a word
//! is added in one place and its effect is one line of a diff.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// The lines of a table file that hold entries: comments and blank lines left out.
fn entries(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A one-column table: its words.
fn words(src: &'static str) -> Vec<&'static str> {
    entries(src).collect()
}

/// A table of two or more tab-separated columns: its rows.
fn rows(src: &'static str) -> Vec<Vec<&'static str>> {
    entries(src).map(|l| l.split('\t').collect()).collect()
}

fn map(src: &'static str) -> FxHashMap<&'static str, &'static str> {
    rows(src)
        .into_iter()
        .filter_map(|r| Some((*r.first()?, *r.get(1)?)))
        .collect()
}

const EVENTS: &str = include_str!("../../data/measure/events.tsv");
const EVENT_CLASSES: &str = include_str!("../../data/measure/event-classes.tsv");
const NOUNS: &str = include_str!("../../data/measure/nouns.tsv");
const PHRASE_STOPS: &str = include_str!("../../data/measure/phrase-stops.txt");
const IRREGULAR: &str = include_str!("../../data/measure/irregular-verbs.tsv");
const SPEECH: &str = include_str!("../../data/measure/speech-verbs.txt");
const LEVEL: &str = include_str!("../../data/measure/level-verbs.tsv");
const DISPUTE: &str = include_str!("../../data/measure/dispute-cues.txt");
const HYPOTHETICAL: &str = include_str!("../../data/measure/hypothetical-cues.txt");
const RECORD: &str = include_str!("../../data/measure/record-words.txt");
const GENERIC: &str = include_str!("../../data/measure/generic-nouns.txt");
const PAST: &str = include_str!("../../data/measure/past-cues.txt");
const CORRECTION: &str = include_str!("../../data/measure/correction-cues.txt");

static EVENT_OF: LazyLock<FxHashMap<&str, &str>> = LazyLock::new(|| map(EVENTS));
static CLASS_OF: LazyLock<FxHashMap<&str, &str>> = LazyLock::new(|| map(NOUNS));
/// The classes whose counts count people.
static PEOPLE_CLASSES: LazyLock<Vec<&str>> = LazyLock::new(|| {
    let mut classes: Vec<&str> = rows(NOUNS)
        .into_iter()
        .filter(|r| r.get(2) == Some(&"people"))
        .map(|r| r[1])
        .collect();
    classes.sort_unstable();
    classes.dedup();
    classes
});
static BASE_OF: LazyLock<FxHashMap<&str, &str>> = LazyLock::new(|| map(IRREGULAR));
static COURSE: LazyLock<FxHashMap<&str, (&str, &str)>> = LazyLock::new(|| {
    rows(EVENT_CLASSES)
        .into_iter()
        .filter_map(|r| Some((*r.first()?, (*r.get(1)?, *r.get(2)?))))
        .collect()
});
static STOPS: LazyLock<Vec<&str>> = LazyLock::new(|| words(PHRASE_STOPS));
static SPEECH_VERBS: LazyLock<Vec<&str>> = LazyLock::new(|| words(SPEECH));
static LEVEL_VERBS: LazyLock<FxHashMap<&str, &str>> = LazyLock::new(|| map(LEVEL));
static RECORDS: LazyLock<Vec<&str>> = LazyLock::new(|| words(RECORD));
static GENERICS: LazyLock<Vec<&str>> = LazyLock::new(|| words(GENERIC));
/// The cue phrases, each as its words.
static DISPUTES: LazyLock<Vec<Vec<&str>>> = LazyLock::new(|| phrases(DISPUTE));
static HYPOTHETICALS: LazyLock<Vec<Vec<&str>>> = LazyLock::new(|| phrases(HYPOTHETICAL));
static PASTS: LazyLock<Vec<Vec<&str>>> = LazyLock::new(|| phrases(PAST));
static CORRECTIONS: LazyLock<Vec<Vec<&str>>> = LazyLock::new(|| phrases(CORRECTION));

/// The last word of every cue phrase: most words end none, and are passed over
/// with one look-up.
static CUE_ENDS: LazyLock<rustc_hash::FxHashSet<&str>> = LazyLock::new(|| {
    [&*DISPUTES, &*HYPOTHETICALS, &*PASTS, &*CORRECTIONS]
        .into_iter()
        .flatten()
        .filter_map(|p| p.last().copied())
        .collect()
});

fn phrases(src: &'static str) -> Vec<Vec<&'static str>> {
    entries(src).map(|l| l.split(' ').collect()).collect()
}

/// The event a word names ("killed" -> deaths), lower-case word in.
pub fn event_of(word: &str) -> Option<&'static str> {
    EVENT_OF.get(word).copied()
}

/// The class a singular counted noun folds to ("civilian" -> people).
pub fn noun_class(noun: &str) -> Option<&'static str> {
    CLASS_OF.get(noun).copied()
}

/// Whether a singular counted noun counts people ("civilian", "employee", "fan").
pub fn counts_persons(noun: &str) -> bool {
    noun_class(noun).is_some_and(|c| PEOPLE_CLASSES.binary_search(&c).is_ok())
}

/// The base form of an irregular verb form ("drew" -> draw).
pub fn irregular_base(word: &str) -> Option<&'static str> {
    BASE_OF.get(word).copied()
}

/// How counts of an event move over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Course {
    /// A running total: it only grows.
    Cumulative,
    /// A present state: it moves either way.
    State,
    /// One occurrence.
    Once,
}

/// The course of an event class, `Once` for events not in the table.
pub fn course_of(event: &str) -> Course {
    match COURSE.get(event).map(|c| c.0) {
        Some("cumulative") => Course::Cumulative,
        Some("state") => Course::State,
        _ => Course::Once,
    }
}

/// Whether an event is a class of the events table (not a verb's base form).
pub fn is_event_class(event: &str) -> bool {
    COURSE.contains_key(event)
}

/// Whether a count of the event counts people when no noun says so.
pub fn counts_people(event: &str) -> bool {
    COURSE.get(event).is_some_and(|c| c.1 == "people")
}

pub fn ends_phrase(word: &str) -> bool {
    STOPS.binary_search(&word).is_ok()
}

pub fn is_speech_verb(word: &str) -> bool {
    SPEECH_VERBS.binary_search(&word).is_ok()
}

/// Whether a verb form states a level, a span or a change ("stood", "lasted",
/// "rose"): its subject names the measure of the figure after it.
pub fn is_level_verb(word: &str) -> bool {
    LEVEL_VERBS.contains_key(word)
}

/// Whether a verb form only states a level or a span ("stood", "reached",
/// "came in at"): no event of its own, unlike a change ("rose").
pub fn only_states_level(word: &str) -> bool {
    LEVEL_VERBS.get(word) == Some(&"level")
}

pub fn is_record_word(word: &str) -> bool {
    RECORDS.binary_search(&word).is_ok()
}

pub fn is_generic_noun(word: &str) -> bool {
    GENERICS.binary_search(&word).is_ok()
}

/// Which cue table a phrase belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    Dispute,
    Hypothetical,
    Past,
    Correction,
}

/// The cue phrases of each table that end at word `i` of `words` (lower-case).
pub fn cue_ending_at(words: &[&str], i: usize) -> Option<Cue> {
    if !words.get(i).is_some_and(|w| CUE_ENDS.contains(w)) {
        return None;
    }
    let tables = [
        (Cue::Dispute, &*DISPUTES),
        (Cue::Hypothetical, &*HYPOTHETICALS),
        (Cue::Past, &*PASTS),
        (Cue::Correction, &*CORRECTIONS),
    ];
    for (cue, table) in tables {
        let hit = table.iter().any(|p| {
            p.len() <= i + 1
                && words[i + 1 - p.len()..=i]
                    .iter()
                    .zip(p)
                    .all(|(w, c)| w == c)
        });
        if hit {
            return Some(cue);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every table: entries sorted by their first column, no duplicate key.
    const ALL: &[(&str, &str)] = &[
        ("events", EVENTS),
        ("event-classes", EVENT_CLASSES),
        ("nouns", NOUNS),
        ("phrase-stops", PHRASE_STOPS),
        ("irregular-verbs", IRREGULAR),
        ("speech-verbs", SPEECH),
        ("level-verbs", LEVEL),
        ("dispute-cues", DISPUTE),
        ("hypothetical-cues", HYPOTHETICAL),
        ("record-words", RECORD),
        ("generic-nouns", GENERIC),
        ("past-cues", PAST),
        ("correction-cues", CORRECTION),
    ];

    #[test]
    fn every_table_is_sorted_and_unique() {
        for (name, src) in ALL {
            let keys: Vec<&str> = entries(src)
                .map(|l| l.split('\t').next().unwrap_or(l))
                .collect();
            assert!(!keys.is_empty(), "{name} is empty");
            for w in keys.windows(2) {
                assert!(w[0] < w[1], "{name}: {:?} then {:?}", w[0], w[1]);
            }
            for key in &keys {
                assert_eq!(key.trim(), *key, "{name}: {key:?} has spaces around it");
                assert_eq!(
                    key.to_lowercase(),
                    *key,
                    "{name}: {key:?} is not lower case"
                );
            }
        }
    }

    #[test]
    fn no_key_is_a_phrase_stop() {
        for (name, src) in [("events", EVENTS), ("nouns", NOUNS)] {
            for row in rows(src) {
                let key = row[0];
                // "hit" and "hurt" end a phrase and still name their event.
                if ["hurt", "die", "dies", "fled", "lost", "left"].contains(&key) {
                    continue;
                }
                assert!(!ends_phrase(key), "{name}: {key} is a phrase stop");
            }
        }
    }

    #[test]
    fn every_event_has_a_class_row() {
        for row in rows(EVENTS) {
            assert_eq!(row.len(), 2, "events: {row:?}");
            assert!(
                COURSE.contains_key(row[1]),
                "events: {} has no class",
                row[1]
            );
        }
        for row in rows(EVENT_CLASSES) {
            assert_eq!(row.len(), 3, "event-classes: {row:?}");
            assert!(
                ["cumulative", "state", "once"].contains(&row[1]),
                "event-classes: {row:?}"
            );
            assert!(
                ["people", "thing"].contains(&row[2]),
                "event-classes: {row:?}"
            );
        }
    }

    #[test]
    fn every_noun_class_is_its_own_class() {
        for row in rows(NOUNS) {
            assert_eq!(row.len(), 3, "nouns: {row:?}");
            assert!(["people", "thing"].contains(&row[2]), "nouns: {row:?}");
            let class = row[1];
            if let Some(c) = noun_class(class) {
                assert_eq!(c, class, "nouns: class {class} folds on to {c}");
            }
        }
    }

    #[test]
    fn reads_cues_that_end_at_a_word() {
        let words = ["we", "are", "told", "1,240"];
        assert_eq!(cue_ending_at(&words, 2), Some(Cue::Dispute));
        assert_eq!(cue_ending_at(&["it", "could"], 1), Some(Cue::Hypothetical));
        assert_eq!(cue_ending_at(&["the", "told"], 1), None);
    }

    #[test]
    fn looks_words_up() {
        assert_eq!(event_of("killed"), Some("deaths"));
        assert_eq!(noun_class("civilian"), Some("people"));
        assert_eq!(irregular_base("drew"), Some("draw"));
        assert_eq!(course_of("deaths"), Course::Cumulative);
        assert_eq!(course_of("trapped"), Course::State);
        assert_eq!(course_of("drew"), Course::Once);
        assert!(counts_people("injured"));
        assert!(is_speech_verb("said") && !is_speech_verb("killed"));
        assert!(is_level_verb("stood") && only_states_level("stood"));
        assert!(is_level_verb("rose") && !only_states_level("rose"));
        assert!(!is_level_verb("killed"));
    }

    #[test]
    fn every_level_verb_is_a_level_or_a_change() {
        for row in rows(LEVEL) {
            assert!(
                row.len() == 2 && ["level", "change"].contains(&row[1]),
                "level-verbs: {row:?}"
            );
            assert!(event_of(row[0]).is_none(), "{} is also an event", row[0]);
        }
    }
}
