//! The noun a figure counts: read from the words after it ("three-year civil war",
//! "hundreds of people") and folded to a class so that outlets' word choices
//! ("civilians" and "people", "truce" and "ceasefire") name one measure. Hand
//! written: a tagger would do better, but no maintained Rust POS tagger runs
//! without downloaded models, and news phrases after figures are short.

use std::sync::LazyLock;

use super::context::EVENT;
use crate::pattern::Pattern;
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
/// it ("three-year civil war" -> war). For counts and shares the phrase may sit
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

/// A verb that states a level, and up to six words before it, at the end of the text.
static LEVEL: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?i)(?P<np>(?:[\w’'-]+\s+){1,6}?)(?:is|was|were|are|stood\s+at|stands\s+at|reached|hit|rose\s+to|fell\s+to|climbed\s+to|dropped\s+to|(?:was\s+|were\s+)?set\s+at|to|(?:is\s+|was\s+)?worth|(?:is\s+|was\s+)?valued\s+at|values|totall?ed|amounted\s+to)\s+$",
    )
});

/// What a share or an amount is of when no noun follows it: the subject before a
/// verb that states a level ("turnout was 62%", "the deal is worth $5 billion",
/// "set its key interest rate to 2.5%"): the last noun before the verb, or
/// before the first preposition of that noun phrase ("turnout in the election").
pub fn subject_noun(text: &str, q: &Quantity) -> Option<String> {
    let before = text.get(..q.start)?;
    let mut from = before.len().saturating_sub(80);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let np = LEVEL.captures(&before[from..])?.name("np")?.as_str();
    let words: Vec<String> = np
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let phrase_end = words
        .iter()
        .position(|w| ["in", "of", "for", "on", "at", "by"].contains(&w.as_str()))
        .unwrap_or(words.len());
    let noun = |w: &String| {
        w.chars().all(char::is_alphabetic)
            && !STOP.contains(&w.as_str())
            && ![
                "its", "their", "his", "her", "key", "main", "new", "annual", "current",
            ]
            .contains(&w.as_str())
    };
    let phrase = &words[..phrase_end];
    let at = phrase.iter().rposition(noun)?;
    let head = phrase[at].clone();
    // A generic head takes its modifier: "inflation rate" is not "jobless rate".
    let generic = [
        "rate", "price", "prices", "level", "index", "share", "cost", "ratio",
    ];
    match at.checked_sub(1).map(|m| &phrase[m]) {
        Some(modifier) if generic.contains(&head.as_str()) && noun(modifier) => {
            Some(format!("{modifier} {head}"))
        }
        _ => Some(head),
    }
}

/// Folds a counted noun to a class, so "civilians" and "people", "conflict" and
/// "war", "truce" and "pause" are one measure.
pub fn noun_class(noun: &str) -> String {
    let noun = noun
        .strip_suffix("’s")
        .or_else(|| noun.strip_suffix("'s"))
        .unwrap_or(noun);
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
        "soldier" | "troop" | "servicemen" | "serviceman" => "troops",
        "strike" | "walkout" | "stoppage" => "strike",
        "passenger" | "traveler" | "traveller" => "passenger",
        "worker" | "employee" | "staff" | "job" => "workers",
        "fire" | "blaze" | "wildfire" | "bushfire" => "fire",
        other => other,
    }
    .to_owned()
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::extract;

    #[test]
    fn the_level_pattern_reads_ascii_text_as_with_unicode_classes() {
        for text in [
            "Turnout in the regional election was ",
            "The deal, signed on Monday, is worth ",
            "the bank set its key interest rate to ",
            "Unemployment   STOOD AT ",
        ] {
            assert!(crate::pattern::copies_agree(&LEVEL, text), "{text}");
        }
    }

    fn head(text: &str) -> Option<String> {
        let q = extract(text).into_iter().next()?;
        head_noun(text, &q)
    }

    #[test]
    fn a_share_with_no_noun_after_it_is_of_its_subject() {
        let subject = |text: &str| {
            let q = extract(text).into_iter().next()?;
            subject_noun(text, &q)
        };
        assert_eq!(
            subject("Voter turnout in the election reached an estimated 45%.").as_deref(),
            Some("turnout")
        );
        assert_eq!(
            subject("The bank set its key interest rate to 2.5%.").as_deref(),
            Some("interest rate")
        );
        assert_eq!(
            subject("The annual inflation rate hit about 11%.").as_deref(),
            Some("inflation rate")
        );
        assert_eq!(
            subject("Levnor said the deal is worth roughly $5.3 billion.").as_deref(),
            Some("deal")
        );
        assert_eq!(
            subject("Bail was set at $9.4 million.").as_deref(),
            Some("bail")
        );
        assert_eq!(subject("Some 45% said yes.").as_deref(), None);
    }

    #[test]
    fn head_noun_skips_adjectives_before_it() {
        assert_eq!(
            head("a three-year civil war, which ended").as_deref(),
            Some("war")
        );
    }

    #[test]
    fn head_noun_stops_at_the_predicate() {
        assert_eq!(
            head("About 1,200 people died during it").as_deref(),
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
