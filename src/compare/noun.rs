//! The noun a figure counts: read from the words after it ("six-year civil war",
//! "hundreds of people") and folded to a class so that outlets' word choices
//! ("civilians" and "people", "truce" and "ceasefire") name one measure. Hand
//! written: a tagger would do better, but no maintained Rust POS tagger runs
//! without downloaded models, and news phrases after figures are short.

use super::context::EVENT;
use crate::quantity::{Kind, Quantity};

/// Words that end the noun phrase after a figure: it is read up to the first of these.
const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "by",
    "and",
    "or",
    "are",
    "is",
    "was",
    "were",
    "have",
    "has",
    "had",
    "be",
    "been",
    "who",
    "that",
    "which",
    "whom",
    "still",
    "said",
    "says",
    "ago",
    "after",
    "before",
    "later",
    "earlier",
    "since",
    "until",
    "from",
    "into",
    "than",
    "more",
    "this",
    "last",
    "as",
    "per",
    "each",
    "so",
    "but",
    "would",
    "will",
    "could",
    "remain",
    "remained",
    "left",
    "old",
    "long",
    "during",
    "across",
    "near",
    "amid",
    "over",
    "under",
    "about",
    "around",
    "between",
    "among",
    "within",
    "through",
    "throughout",
    "against",
    "along",
    "despite",
    "because",
    "while",
    "when",
    "where",
    "if",
    "had",
    "not",
    "also",
    "all",
    "there",
    "here",
    "now",
    "then",
    "such",
    "these",
    "those",
    "other",
    "only",
    "just",
    "did",
    "do",
    "does",
    "can",
    "may",
    "might",
    "must",
    "should",
    "got",
    "get",
    "die",
    "fell",
    "rose",
    // Irregular past tenses start the predicate too.
    "lost",
    "fled",
    "went",
    "came",
    "took",
    "made",
    "gave",
    "saw",
    "put",
    "hit",
    "struck",
    "ran",
    "spent",
    "sent",
    "told",
    "held",
    "kept",
    "met",
    "paid",
    "sold",
    "stood",
    "won",
    "drew",
    "grew",
    "threw",
    "burnt",
    "hurt",
    "began",
    "began",
    "fought",
];

/// Nouns that end like participles.
const NOUNS_IN_ED: &[&str] = &[
    "speed", "speeds", "seed", "seeds", "steed", "creed", "greed", "hundred", "hundreds", "shed",
    "sheds", "need", "needs", "feed", "feeds", "reed", "weed", "weeds", "bleed",
];

/// The head noun after a figure: the last word of the noun phrase that follows
/// it ("six-year civil war" -> war). For counts and shares the phrase may sit
/// behind "of" ("hundreds of people", "40% of the residents").
pub fn head_noun(text: &str, q: &Quantity) -> Option<String> {
    let after = text.get(q.end.min(text.len())..)?;
    let words: Vec<&str> = after
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .take(8)
        .collect();
    let mut start = 0;
    if q.kind != Kind::Duration && words.first().is_some_and(|w| w.eq_ignore_ascii_case("of")) {
        start = 1;
        while words
            .get(start)
            .is_some_and(|w| ["the", "its", "their", "a"].contains(&w.to_lowercase().as_str()))
        {
            start += 1;
        }
    }
    let mut head = None;
    for w in &words[start.min(words.len())..] {
        let bare: String = w
            .chars()
            .filter(|c| c.is_alphabetic() || *c == '\'' || *c == '’')
            .collect::<String>()
            .to_lowercase();
        let ends_phrase = w.ends_with([',', '.', ';', ':', ')', '—', '"', '”']);
        if bare.is_empty() || STOP.contains(&bare.as_str()) || bare.contains(['\'', '’']) {
            break;
        }
        // Participles and adverbs start the predicate, not the noun phrase.
        let participle =
            bare.ends_with("ed") && bare.len() > 3 && !NOUNS_IN_ED.contains(&bare.as_str());
        if participle || EVENT.is_match(&bare) || (head.is_some() && bare.ends_with("ly")) {
            break;
        }
        head = Some(bare);
        if ends_phrase {
            break;
        }
    }
    head
}

/// Folds a counted noun to a class, so "civilians" and "people", "conflict" and
/// "war", "truce" and "pause" are one measure.
pub fn noun_class(noun: &str) -> String {
    let singular = if let Some(stem) = noun.strip_suffix("ies").filter(|s| s.len() > 2) {
        format!("{stem}y")
    } else if noun.ends_with("ss") || noun.ends_with("us") {
        noun.to_owned()
    } else {
        noun.strip_suffix('s')
            .filter(|s| s.len() > 2)
            .unwrap_or(noun)
            .to_owned()
    };
    match singular.as_str() {
        "people" | "person" | "civilian" | "resident" | "individual" | "inhabitant"
        | "villager" | "citizen" | "other" => "people",
        "conflict" | "fighting" | "war" | "warfare" => "war",
        "cessation" | "ceasefire" | "cease" | "truce" | "pause" | "halt" | "lull" => "pause",
        "house" | "home" | "dwelling" | "residence" => "home",
        other => other,
    }
    .to_owned()
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::extract;

    fn head(text: &str) -> Option<String> {
        let q = extract(text).into_iter().next()?;
        head_noun(text, &q)
    }

    #[test]
    fn head_noun_skips_adjectives_before_it() {
        assert_eq!(
            head("a six-year civil war, which ended").as_deref(),
            Some("war")
        );
    }

    #[test]
    fn head_noun_stops_at_the_predicate() {
        assert_eq!(
            head("About 430 people died during it").as_deref(),
            Some("people")
        );
        assert_eq!(
            head("Some 115 people lost their lives").as_deref(),
            Some("people")
        );
    }

    #[test]
    fn head_noun_reads_behind_of() {
        assert_eq!(
            head("5,000 barrels of crude spilled").as_deref(),
            Some("crude")
        );
    }

    #[test]
    fn folds_synonyms_to_one_class() {
        assert_eq!(noun_class("civilians"), "people");
        assert_eq!(noun_class("truces"), "pause");
        assert_eq!(noun_class("casualties"), "casualty");
    }
}
