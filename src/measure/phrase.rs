//! The thing a figure counts, or the noun that names its measure, read in
//! three places, first found wins:
//! - the noun phrase after it: "three-year civil war" -> war, "hundreds of
//!   people" -> people, "24 days of talks" -> talk;
//! - a noun right before "of" and the figure: "a depth of 140 metres" -> depth,
//!   "a crowd of 48,000" -> crowd ("a total of" names nothing);
//! - the subject of a verb that states a level or a span, for amounts, shares
//!   and spans: "turnout was 62%", "the strike lasted 23 days", "the deal is
//!   worth $5 billion".
//!
//! Nouns are read in the singular; `same_thing` folds them to a class
//! (`data/measure/nouns.tsv`) when two are compared.
//! Also the holder: the name a figure belongs to ("SkyJet cut 8%").

use super::At;
use super::tables::{ends_phrase, event_of, is_generic_noun, is_level_verb, is_speech_verb};
use super::words::{breaks_clause, clause_start, fold_name, singular, verb_base};
use crate::quantity::{Kind, Quantity};
use crate::tokens::{Tok, Tokens};

/// The counted thing or measure noun of the figure at `at`, in the singular.
pub fn thing(s: &Tokens, q: &Quantity, at: At, event: Option<&str>) -> Option<String> {
    let of_ok = matches!(
        q.kind,
        Kind::Count | Kind::Duration | Kind::Money | Kind::Percent
    );
    let noun = head_after(s, at.next, of_ok)
        .or_else(|| noun_before_of(s, at.first))
        .or_else(|| subject(s, at))?;
    let one = singular(&noun);
    // "the toll", "casualties": a noun of an event counts people.
    if event_of(&noun).is_some() && event.is_some_and(super::tables::counts_people) {
        return Some("people".to_owned());
    }
    Some(one)
}

/// Determiners and possessives that may stand between "of" and its noun.
const DETERMINERS: &[&str] = &["the", "those", "these", "its", "their", "his", "her", "our"];

/// The head noun of the phrase starting at token `j` ("civil war" -> war);
/// `of_ok` lets the figure reach through "of" ("thousands of detainees").
fn head_after(s: &Tokens, mut j: usize, of_ok: bool) -> Option<String> {
    if s.low(j) == "of" {
        match s.low(j + 1) {
            w if DETERMINERS.contains(&w) => j += 2,
            "them" | "whom" | "us" | "which" | "it" | "you" => return None,
            _ if of_ok => j += 1,
            _ => return None,
        }
    }
    let mut head: Option<usize> = None;
    let mut words = 0;
    while words < 4 && s.kind(j) == Some(Tok::Word) {
        let w = s.low(j);
        // A name after the noun starts something else; a line break ends the phrase.
        let broken = j > 0 && s.text[s.toks[j - 1].end..s.toks[j].start].contains('\n');
        if broken || (head.is_some_and(|h| !s.capitalised(h)) && s.capitalised(j)) {
            break;
        }
        // A name no dictionary knows is no counted thing ("mother of 13 Zurana Horton").
        if s.capitalised(j) && !known_word(w) {
            break;
        }
        // "hardest-hit villages", "72-hour closures": a hyphenated compound
        // before the noun modifies it, whatever its parts are.
        let compound = s.low(j + 1) == "-"
            && s.glued(j + 1)
            && s.glued(j + 2)
            && s.kind(j + 2) == Some(Tok::Word);
        if compound {
            let mut end = j + 2;
            while s.low(end + 1) == "-"
                && s.glued(end + 1)
                && s.glued(end + 2)
                && s.kind(end + 2) == Some(Tok::Word)
            {
                end += 2;
            }
            // The compound is the head only when no noun follows it.
            if head.is_none() && (s.kind(end + 1) != Some(Tok::Word) || ends_phrase(s.low(end + 1)))
            {
                head = Some(end);
            }
            words += 1;
            j = end + 1;
            continue;
        }
        let participle = verb_base(w).is_some();
        let event_word = event_of(w).is_some()
            && !matches!(
                w,
                "deaths" | "death" | "injuries" | "fatalities" | "casualties"
            );
        if ends_phrase(w) || event_word || (participle && head.is_some()) || w.ends_with("ly") {
            break;
        }
        // An "-ing" word is a modifier ("functioning hospitals"), kept only as a
        // last resort when nothing follows it.
        if !(w.ends_with("ing") && head.is_some()) {
            head = Some(j);
        }
        words += 1;
        j += 1;
        if s.kind(j) == Some(Tok::Punct) {
            break;
        }
    }
    let w = s.low(head?);
    (w.len() > 1 && verb_base(w).is_none()).then(|| w.to_owned())
}

/// "a depth of 140 metres", "a crowd of some 48,000": the noun before "of",
/// unless it names no measure ("a total of").
fn noun_before_of(s: &Tokens, first: usize) -> Option<String> {
    let of = (first.saturating_sub(4)..first)
        .rev()
        .find(|&k| s.low(k) == "of")?;
    // Only hedge words between "of" and the figure.
    if (of + 1..first).any(|k| s.kind(k) != Some(Tok::Word) || breaks_clause(s, k)) {
        return None;
    }
    let noun = of.checked_sub(1)?;
    let w = s.low(noun);
    let plain = s.kind(noun) == Some(Tok::Word) && !ends_phrase(w) && !s.capitalised(noun);
    (plain && !is_generic_noun(w) && w.len() > 2 && verb_base(w).is_none()).then(|| w.to_owned())
}

/// The subject of the level verb before the figure: the last noun of the
/// noun phrase before that verb ("turnout in the election was" -> turnout).
/// ("the toll rose to 45", "the strike lasted 23 days").
fn subject(s: &Tokens, at: At) -> Option<String> {
    let start = clause_start(s, at.first);
    // The verb: within three words before the figure, past "to", "at", "by"
    // and hedge words.
    let verb = (start..at.first).rev().take(4).find(|&k| {
        let w = s.low(k);
        is_level_verb(w)
    })?;
    let mut k = verb;
    // Skip auxiliaries and adverbs back to the noun phrase.
    while k > start && {
        let w = s.low(k - 1);
        matches!(
            w,
            "has" | "have" | "had" | "was" | "is" | "be" | "been" | "will" | "would"
        ) || w.ends_with("ly")
    } {
        k -= 1;
    }
    // The phrase before the verb; its head is the last noun before a preposition.
    let phrase: Vec<usize> = (start..k)
        .filter(|&i| s.kind(i) == Some(Tok::Word))
        .collect();
    let cut = phrase
        .iter()
        .position(|&i| {
            matches!(
                s.low(i),
                "in" | "of" | "for" | "on" | "at" | "by" | "from" | "with" | "among" | "across"
            )
        })
        .unwrap_or(phrase.len());
    let nouns = &phrase[..cut];
    let &head = nouns.iter().rev().find(|&&i| {
        let w = s.low(i);
        let name = i > 0 && s.capitalised(i);
        !ends_phrase(w) && w.len() > 2 && !name && verb_base(w).is_none()
    })?;
    // A generic head takes its modifier: "inflation rate" is not "jobless rate".
    let w = s.low(head);
    let generic = [
        "rate", "price", "prices", "level", "index", "share", "cost", "ratio",
    ];
    if generic.contains(&w)
        && let Some(&m) = nouns.iter().rev().find(|&&i| i < head)
        && m + 1 == head
        && !ends_phrase(s.low(m))
        && !s.capitalised(m)
    {
        return Some(format!("{} {w}", s.low(m)));
    }
    Some(w.to_owned())
}

/// The named holder of the figure at `at`: the last name before it that is
/// the subject of a verb ("SkyJet cut 8% of its staff", "the Washington
/// Nationals made Teixeira an eight-year, $160 million offer"), in the part
/// of the sentence before the figure up to a semicolon, colon, dash or quote.
/// Folded.
pub fn holder(s: &Tokens, at: At) -> Option<String> {
    if title_case(s) {
        return None;
    }
    // In an appositive ("Zanyarsk, a quiet town of about 8,900 people,"),
    // the figure is the named thing's.
    let clause = super::words::clause_start(s, at.first);
    let at_clause = At {
        first: clause,
        next: clause,
    };
    if clause >= 2
        && s.raw(clause - 1) == ","
        && matches!(s.low(clause), "a" | "an")
        && let Some(name) = name_before(s, at_clause)
    {
        return Some(name);
    }
    let start = (0..at.first)
        .rev()
        .find(|&k| matches!(s.raw(k), ";" | ":" | "—" | "–" | "\"" | "“" | "”"))
        .map_or(0, |k| k + 1);
    let mut found = None;
    let mut k = start;
    while k < at.first {
        if !s.capitalised(k) {
            k += 1;
            continue;
        }
        let from = k;
        while k < at.first && (s.capitalised(k) || (s.raw(k) == "-" && s.glued(k))) {
            k += 1;
        }
        let word = s.low(from);
        // The sentence's first word is a name only when WordNet does not
        // know it as a word ("SkyJet", not "Police").
        let lone_first = from == 0 && k == 1 && known_word(word);
        let name_like =
            !lone_first && !super::scope::is_calendar(word) && !DETERMINERS.contains(&word);
        if name_like && subject_of_verb(s, k, at.first) {
            found = Some((from, k));
        }
    }
    let (from, to) = found?;
    let name = &s.text[s.toks[from].start..s.toks[to - 1].end];
    let folded = fold_name(name);
    (!folded.is_empty()).then_some(folded)
}

/// The name right before a figure and a comma ("Robyn Mendes, 48,"): whose
/// age an appositive age is. Folded.
pub fn name_before(s: &Tokens, at: At) -> Option<String> {
    let mut k = at.first.checked_sub(1)?;
    if s.raw(k) != "," {
        return None;
    }
    let to = k;
    while k > 0 && s.capitalised(k - 1) {
        k -= 1;
    }
    (k < to).then(|| fold_name(&s.text[s.toks[k].start..s.toks[to - 1].end]))
}

/// Whether a verb (a past form, or an auxiliary and then anything) follows
/// token `k` directly, or after an appositive set off by commas ("Zanyarsk,
/// a town of 8,900 people, lies 125 km north"), before `limit`, and it is
/// not a verb of saying.
fn subject_of_verb(s: &Tokens, k: usize, limit: usize) -> bool {
    let mut j = k;
    if s.raw(j) == ","
        && matches!(s.low(j + 1), "a" | "an" | "the")
        && let Some(close) = (j + 1..limit.min(j + 16)).find(|&m| s.raw(m) == ",")
    {
        j = close + 1;
    }
    while j < limit
        && matches!(
            s.low(j),
            "has" | "have" | "had" | "will" | "would" | "also" | "then"
        )
    {
        j += 1;
    }
    if j >= limit || s.kind(j) != Some(Tok::Word) || is_speech_verb(s.low(j)) {
        return false;
    }
    let w = s.low(j);
    verb_base(w).is_some()
        || (j > k && !ends_phrase(w))
        || matches!(
            w,
            "cut" | "put" | "set" | "hit" | "is" | "was" | "are" | "were"
        )
}

/// Whether most words of the sentence are capitalised (a headline in title
/// case), where capitals say nothing of names.
fn title_case(s: &Tokens) -> bool {
    let words = (0..s.toks.len()).filter(|&i| s.kind(i) == Some(Tok::Word) && s.low(i).len() > 3);
    let (mut all, mut capital) = (0, 0);
    for i in words {
        all += 1;
        capital += usize::from(s.capitalised(i));
    }
    all >= 3 && capital * 3 >= all * 2
}

/// Whether WordNet knows a lower-case word, through its inflections.
fn known_word(word: &str) -> bool {
    crate::align::thesaurus::with_synsets(word, |s| !s.is_empty())
}

/// Whether two counted things (singular nouns) name one thing: the same
/// noun, one class ("truce" and "ceasefire", "employee" and "staff",
/// "civilian" and "people"), a generic "people" against any noun of people
/// ("fans"), or WordNet synonyms. Two classes of people ("women" and "man",
/// "staff" and "fans") are two things.
pub fn same_thing(a: &str, b: &str) -> bool {
    use super::tables::{counts_persons, noun_class};
    if a == b {
        return true;
    }
    let generic = |n: &str| noun_class(n) == Some("people");
    if counts_persons(a) && counts_persons(b) && (generic(a) || generic(b)) {
        return true;
    }
    match (noun_class(a), noun_class(b)) {
        (Some(x), Some(y)) => x == y,
        _ => crate::align::thesaurus::synonyms(a, b),
    }
}
