//! Word-level helpers of the reading: verb forms and their base, singular
//! nouns, clause breaks, and names folded for comparison.

use unicode_normalization::UnicodeNormalization;

use super::tables;
use crate::align::thesaurus::knows;
use crate::tokens::{Tok, Tokens};

/// Nouns that end like past participles ("speed", "hundred").
const NOUNS_IN_ED: &[&str] = &[
    "bed", "bleed", "breed", "creed", "feed", "greed", "hundred", "need", "red", "reed", "seed",
    "shed", "sled", "speed", "steed", "weed",
];

/// Auxiliaries and copulas: never the event themselves.
const AUXILIARIES: &[&str] = &[
    "am", "are", "be", "been", "being", "can", "could", "did", "do", "does", "had", "has", "have",
    "is", "may", "might", "must", "shall", "should", "was", "were", "will", "would",
];

/// The base form of `word` when it is a past tense or participle
/// ("packed" -> pack, "drew" -> draw), else `None`.
pub fn verb_base(word: &str) -> Option<String> {
    if let Some(base) = tables::irregular_base(word) {
        return Some(base.to_owned());
    }
    let stem = word.strip_suffix("ed")?;
    if stem.len() < 3 || NOUNS_IN_ED.contains(&word.trim_end_matches('s')) {
        return None;
    }
    // The form WordNet knows: "forced" -> force, "packed" -> pack, "stopped" -> stop.
    let b = stem.as_bytes();
    let doubled = b.len() > 2 && b[b.len() - 1] == b[b.len() - 2];
    let tries = [
        format!("{stem}e"),
        stem.to_owned(),
        if doubled {
            stem[..stem.len() - 1].to_owned()
        } else {
            String::new()
        },
        stem.strip_suffix('i')
            .map(|s| format!("{s}y"))
            .unwrap_or_default(),
    ];
    if let Some(known) = tries.iter().find(|t| !t.is_empty() && knows(t)) {
        return Some(known.clone());
    }
    Some(if let Some(s) = stem.strip_suffix('i') {
        // "carried" -> carry
        format!("{s}y")
    } else if b.len() > 2 && b[b.len() - 1] == b[b.len() - 2] && !stem.ends_with("ss") {
        // "stopped" -> stop
        stem[..stem.len() - 1].to_owned()
    } else if stem.ends_with(|c: char| "cgvz".contains(c)) || stem.ends_with("ur") {
        // "forced", "raged", "moved", "seized", "injured": the e was dropped
        format!("{stem}e")
    } else {
        stem.to_owned()
    })
}

pub fn is_auxiliary(word: &str) -> bool {
    AUXILIARIES.contains(&word)
}

/// A noun in the singular: "fatalities" -> fatality, "homes" -> home, "men" -> man.
pub fn singular(noun: &str) -> String {
    let noun = noun
        .strip_suffix("’s")
        .or_else(|| noun.strip_suffix("'s"))
        .unwrap_or(noun);
    if noun == "people" || noun == "police" || noun == "staff" || noun == "news" {
        return noun.to_owned();
    }
    if let Some(stem) = noun.strip_suffix("men") {
        return format!("{stem}man");
    }
    if noun == "children" {
        return "child".to_owned();
    }
    if let Some(stem) = noun.strip_suffix("ies").filter(|s| s.len() > 2) {
        return format!("{stem}y");
    }
    for ending in ["ches", "shes", "sses", "xes"] {
        if let Some(stem) = noun.strip_suffix(ending) {
            return format!("{stem}{}", &ending[..ending.len() - 2]);
        }
    }
    if let Some(stem) = noun.strip_suffix("ives") {
        return format!("{stem}ife");
    }
    if noun.ends_with("ss") || noun.ends_with("us") || noun.ends_with("is") {
        return noun.to_owned();
    }
    let Some(one) = noun.strip_suffix('s').filter(|s| s.len() > 2) else {
        return noun.to_owned();
    };
    // "buses" -> bus but "houses" -> house: the form WordNet knows.
    match noun.strip_suffix("es") {
        Some(short) if !knows(one) && knows(short) => short.to_owned(),
        _ => one.to_owned(),
    }
}

/// Whether token `i` ends a clause: a comma, semicolon, colon, bracket,
/// dash or quotation mark, or a word that joins two clauses.
pub fn breaks_clause(s: &Tokens, i: usize) -> bool {
    match s.kind(i) {
        Some(Tok::Punct) => {
            let p = s.raw(i);
            // A hyphen inside a word ("48-hour") joins; a spaced one is a dash.
            let joining = (p == "-" || p == "/" || p == ".") && s.glued(i) && s.glued(i + 1);
            !joining && !matches!(p, "$" | "%" | "£" | "€" | "'" | "’" | "&")
        }
        Some(Tok::Word) => matches!(
            s.low(i),
            "and" | "but" | "while" | "whereas" | "although" | "though"
        ),
        _ => false,
    }
}

/// The first token of the clause holding token `i`.
pub fn clause_start(s: &Tokens, i: usize) -> usize {
    (0..i)
        .rev()
        .find(|&k| breaks_clause(s, k))
        .map_or(0, |k| k + 1)
}

/// The token after the clause holding the tokens up to `next`.
pub fn clause_end(s: &Tokens, next: usize) -> usize {
    (next..s.toks.len())
        .find(|&k| breaks_clause(s, k))
        .unwrap_or(s.toks.len())
}

/// A name as compared: lower case, accents and possessive dropped, spaces
/// and dashes as one space ("São Paulo's" and "Sao Paulo" are one name).
pub fn fold_name(name: &str) -> String {
    let name = name
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .trim_end_matches(['.', ',']);
    let mut out = String::with_capacity(name.len());
    for c in name.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_owned()
}

/// Whether two folded names can name one holder: equal, one the other's
/// words at a word boundary ("skyjet" and "skyjet airlines"), or one the
/// initials of the other ("hp" and "hewlett packard").
pub fn same_name(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let words = |s: &str| format!(" {s} ");
    if words(long).contains(&words(short)) {
        return true;
    }
    let initials: String = long.split(' ').filter_map(|w| w.chars().next()).collect();
    !short.contains(' ') && short.len() >= 2 && initials == short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_base_of_past_forms() {
        for (form, base) in [
            ("packed", "pack"),
            ("drew", "draw"),
            ("stopped", "stop"),
            ("carried", "carry"),
            ("forced", "force"),
            ("killed", "kill"),
        ] {
            assert_eq!(verb_base(form).as_deref(), Some(base), "{form}");
        }
        assert_eq!(verb_base("speed"), None);
        assert_eq!(verb_base("hundred"), None);
        assert_eq!(verb_base("arena"), None);
    }

    #[test]
    fn singular_nouns() {
        for (plural, one) in [
            ("fatalities", "fatality"),
            ("homes", "home"),
            ("men", "man"),
            ("firemen", "fireman"),
            ("people", "people"),
            ("buses", "bus"),
            ("churches", "church"),
            ("crisis", "crisis"),
        ] {
            assert_eq!(singular(plural), one, "{plural}");
        }
    }

    #[test]
    fn folds_names_with_accents_and_possessives() {
        assert_eq!(fold_name("São Paulo's"), "sao paulo");
        assert_eq!(fold_name("Sao  Paulo"), "sao paulo");
        assert_eq!(fold_name("Hewlett-Packard"), "hewlett packard");
    }

    #[test]
    fn names_meet_by_words_and_initials() {
        assert!(same_name("hp", "hewlett packard"));
        assert!(same_name("skyjet", "skyjet airlines"));
        assert!(!same_name("skyjet", "blueair"));
        assert!(!same_name("sky", "skyjet"));
    }
}
