//! What a figure counts and under which circumstances: the head noun after it
//! ("three-year civil war" -> war), the event nearby (killed, died, death toll ->
//! deaths) and scope words that narrow it ("in the last week", "since 2011", "per
//! day", "in the city"). The comparison stage matches figures on these.

use std::sync::LazyLock;

use super::tokens::{Tok, Tokens};
use crate::pattern::Pattern;

/// Nouns for people: a count of any of them has the unit `people`.
pub(super) const PERSON_NOUNS: &[&str] = &[
    "people",
    "persons",
    "person",
    "civilians",
    "civilian",
    "residents",
    "individuals",
    "men",
    "women",
    "children",
    "adults",
    "victims",
    "inhabitants",
    "citizens",
    "refugees",
    "migrants",
    "patients",
    "casualties",
    "fatalities",
    "lives",
    "soldiers",
    "troops",
    "fighters",
    "rebels",
    "militants",
    "police",
    "officers",
    "doctors",
    "nurses",
    "workers",
    "staff",
    "members",
    "journalists",
    "students",
    "protesters",
    "demonstrators",
    "detainees",
    "prisoners",
    "passengers",
    "miners",
    "families",
    "villagers",
    "pilgrims",
    "tourists",
    "voters",
    "employees",
    "volunteers",
    "survivors",
    "hostages",
    "infants",
    "babies",
    "teenagers",
];
/// Events and what they normalise to.
fn event_of(w: &str) -> Option<&'static str> {
    Some(match w {
        "killed" | "kill" | "killing" | "kills" | "died" | "die" | "dies" | "dead" | "deaths"
        | "death" | "fatalities" | "perished" | "slain" | "deadliest" => "deaths",
        "injured" | "injuring" | "wounded" | "wounding" | "hurt" | "injuries" | "injury" => {
            "injured"
        }
        "trapped" | "stranded" => "trapped",
        "displaced" | "fled" | "homeless" | "uprooted" => "displaced",
        "evacuated" | "evacuation" | "evacuations" => "evacuated",
        "destroyed" | "razed" | "demolished" => "destroyed",
        "damaged" => "damaged",
        "arrested" | "detained" | "jailed" => "arrested",
        "missing" => "missing",
        "rescued" => "rescued",
        "kidnapped" | "abducted" => "abducted",
        _ => return None,
    })
}

/// Events whose subject is people even when the sentence names no noun.
pub(super) fn human_event(e: &str) -> bool {
    matches!(
        e,
        "deaths"
            | "injured"
            | "trapped"
            | "displaced"
            | "evacuated"
            | "arrested"
            | "missing"
            | "rescued"
            | "abducted"
    )
}

/// Words that end a noun phrase: function words, auxiliaries and common verbs.
fn stops_phrase(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "but"
            | "of"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "from"
            | "with"
            | "to"
            | "into"
            | "across"
            | "since"
            | "during"
            | "over"
            | "under"
            | "after"
            | "before"
            | "per"
            | "than"
            | "as"
            | "who"
            | "whom"
            | "which"
            | "that"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "have"
            | "has"
            | "had"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "must"
            | "should"
            | "said"
            | "say"
            | "says"
            | "remain"
            | "remained"
            | "left"
            | "live"
            | "lived"
            | "lost"
            | "die"
            | "dies"
            | "fled"
            | "hit"
            | "struck"
            | "this"
            | "these"
            | "those"
            | "there"
            | "their"
            | "its"
            | "his"
            | "her"
            | "our"
            | "it"
            | "they"
            | "we"
            | "he"
            | "she"
            | "you"
            | "i"
            | "still"
            | "also"
            | "already"
            | "now"
            | "only"
            | "more"
            | "less"
            | "each"
            | "ago"
            | "later"
            | "earlier"
            | "while"
            | "when"
            | "where"
            | "if"
            | "so"
            | "not"
            | "no"
            | "do"
            | "does"
            | "did"
            | "got"
            | "get"
            | "go"
            | "went"
            | "came"
            | "come"
            | "took"
            | "make"
            | "made"
            | "within"
            | "according"
            | "including"
            | "between"
            | "against"
            | "through"
            | "among"
            | "around"
            | "about"
            | "near"
            | "off"
            | "out"
            | "up"
            | "down"
            | "throughout"
            | "via"
            | "then"
            | "yet"
            | "again"
            | "too"
            | "very"
    ) || (w.len() > 4 && w.ends_with("ly"))
        || event_of(w).is_some_and(|_| !matches!(w, "deaths" | "death" | "injuries" | "fatalities"))
}

/// The head noun of the phrase starting at token `j` ("civil war" -> "war");
/// `of_ok` lets a count reach through "of" ("thousands of detainees").
pub(super) fn counted(s: &Tokens, mut j: usize, of_ok: bool) -> Option<String> {
    // "12 of the victims": the noun is after the determiner.
    if s.low(j) == "of" {
        match s.low(j + 1) {
            "the" | "those" | "these" | "its" | "their" | "his" | "her" | "our" => j += 2,
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
        let participle = w.ends_with("ed") && w.len() > 4;
        if stops_phrase(w) || (participle && head.is_some()) {
            break;
        }
        // An "-ing" word is a modifier ("functioning hospitals"), kept only as a
        // last resort when nothing follows it.
        if !(w.ends_with("ing") && head.is_some()) {
            head = Some(j);
        }
        words += 1;
        j += 1;
        // "72-hour closures", "army-held towns": hyphenated words join.
        if s.low(j) == "-" && s.glued(j) && s.glued(j + 1) && s.kind(j + 1) == Some(Tok::Word) {
            j += 1;
        } else if s.kind(j) == Some(Tok::Punct) {
            break;
        }
    }
    let h = head?;
    let w = s.low(h);
    let participle = w.ends_with("ed") && w.len() > 4;
    (w.len() > 1 && !participle).then(|| w.to_owned())
}

/// Event words of the sentence: token index, normalised event, and whether the
/// word is an "-ing" form ("killing"), which governs what follows it.
pub(super) fn events(s: &Tokens) -> Vec<(usize, &'static str, bool)> {
    let mut out = Vec::new();
    for (i, t) in s.toks.iter().enumerate() {
        if t.kind != Tok::Word {
            continue;
        }
        let w = s.low(i);
        let before = s.low(i.wrapping_sub(1));
        let toll = w == "toll" && matches!(before, "death" | "casualty");
        let lives = w == "lives" && matches!(before, "their" | "lost");
        if toll || lives {
            out.push((i, "deaths", false));
        } else if let Some(e) = event_of(w) {
            out.push((i, e, w.ends_with("ing") && w != "missing"));
        }
    }
    out
}

/// Tokens from an event word to a figure; a word before the figure counts a half more.
fn distance(at: usize, first: usize, next: usize) -> usize {
    if at < first {
        (first - at) * 2 + 1
    } else {
        at.saturating_sub(next) * 2
    }
}

/// The nearest event to the figure at tokens `first..next`, not across another figure.
pub(super) fn nearest_event(
    events: &[(usize, &'static str, bool)],
    first: usize,
    next: usize,
    figures: &[(usize, usize)],
) -> Option<&'static str> {
    events
        .iter()
        .filter(|&&(at, _, _)| {
            let (lo, hi) = if at < first { (at, first) } else { (next, at) };
            at + 8 >= first
                && at <= next + 12
                && !figures
                    .iter()
                    .any(|&(f, n)| f >= lo && n <= hi && (f, n) != (first, next))
        })
        // "struck two hospitals and killed hundreds": an event nearer another
        // figure is that figure's.
        // "killing at least 120": an -ing event governs the figure after it only.
        .filter(|&&(at, _, ing)| at < first || !ing)
        .filter(|&&(at, _, ing)| {
            let own = distance(at, first, next);
            figures
                .iter()
                .filter(|&&(f, _)| !(ing && at > f))
                .all(|&(f, n)| distance(at, f, n) >= own)
        })
        .min_by_key(|&&(at, _, _)| distance(at, first, next))
        .map(|&(_, e, _)| e)
}

/// Speech verbs: a time after them dates the statement, not the figure.
const SPEECH: [&str; 6] = ["said", "says", "told", "announced", "reported", "stated"];

/// Scope phrases; ASCII word boundaries keep the search in the lazy DFA.
static SCOPE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?ix)(?-u:\b)(?:
          (?P<last>(?:in|over|during|within|for|throughout)\s+the\s+(?:last|past|previous)\s+(?:[\w-]+\s+)?(?:hours?|days?|weeks?|months?|years?|decades?|weekend))
        | (?P<this>(?:this|last)\s+(?:week|month|year|weekend))
        | (?P<sofar>so\s+far|to\s+date|in\s+total|altogether|overall)
        | (?P<since>since\s+(?:\d{4}|the\s+(?:start|beginning|outbreak)\s+of\s+(?:the\s+)?[\w-]+(?:\s+war)?))
        | (?P<rate>(?:per|each|every)\s+(?:day|week|month|year|hour)|a\s+(?:day|week|month))
        | (?P<place>(?:in|across|throughout)\s+the\s+(?:city|town|country|region|province|capital|area|village|camp|district|neighbou?rhood))
        | (?P<war>(?:during|throughout|in|of)\s+(?:the\s+|[\p{Lu}][\w’']*\s+)?(?:[\w½]+-\w+\s+)?(?:civil\s+)?(?:war|conflict|uprising))
        )(?-u:\b)",
    )
});

/// Scope phrases of the sentence: byte span and normalised label.
pub(super) fn scopes(text: &str) -> Vec<(usize, usize, String)> {
    SCOPE
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let lower = m.as_str().to_lowercase();
            let words: Vec<&str> = lower.split_whitespace().collect();
            // "so far", "to date", "during the war" name the cumulative total, which is
            // what an unscoped toll states too: they narrow nothing, so they give no
            // scope and "1,200 died during the war" still meets "1,500 killed".
            if c.name("sofar").is_some() || c.name("war").is_some() {
                return None;
            }
            let label = if c.name("last").is_some() {
                format!("last {}", words.get(3..).unwrap_or_default().join(" "))
            } else {
                words.join(" ")
            };
            // "a week-long pause" is no rate; "said last week" dates a statement.
            let rate_adjective = c.name("rate").is_some() && text[m.end()..].starts_with('-');
            let before = text[..m.start()].trim_end().to_lowercase();
            let said = c.name("this").is_some() && SPEECH.iter().any(|w| before.ends_with(w));
            (!rate_adjective && !said).then_some((m.start(), m.end(), label))
        })
        .collect()
}

/// Bytes between a scope `a..b` and a figure `start..end`; one before counts double.
fn byte_distance(a: usize, b: usize, start: usize, end: usize) -> usize {
    if b <= start {
        (start - b) * 2 + 1
    } else {
        a.saturating_sub(end) * 2
    }
}

/// The scope nearest the figure at bytes `start..end`, preferring one after it.
pub(super) fn nearest_scope(
    scopes: &[(usize, usize, String)],
    start: usize,
    end: usize,
    figures: &[(usize, usize)],
) -> Option<String> {
    scopes
        .iter()
        .filter(|&&(a, b, _)| {
            // A scope never spans the figure itself ("three-year" inside "the three-year war"),
            // nor reaches past another figure.
            let (lo, hi) = if b <= start { (b, start) } else { (end, a) };
            !(a <= start && b >= end)
                && (b <= start || a >= end)
                && !figures
                    .iter()
                    .any(|&(f, n)| f >= lo && n <= hi && (f, n) != (start, end))
        })
        // "1.5 million barrels a day, down 7 per cent": the rate is the barrels'.
        .filter(|&&(a, b, _)| {
            let own = byte_distance(a, b, start, end);
            figures
                .iter()
                .all(|&(f, n)| byte_distance(a, b, f, n) >= own)
        })
        .min_by_key(|&&(a, b, _)| byte_distance(a, b, start, end))
        .map(|(_, _, label)| label.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_pattern_reads_ascii_text_as_with_unicode_classes() {
        for text in [
            "In the last 24 hours 40 died, and so far 300 were hurt during the Syrian civil war.",
            "Since the start of the five-year war, 12 a day; throughout the country 9 per week.",
            "OVER THE PAST few weeks, in total 7, since 1984, of the Kosovo conflict.",
        ] {
            assert!(crate::pattern::copies_agree(&SCOPE, text), "{text}");
        }
    }

    #[test]
    fn head_noun_skips_adjectives() {
        let s = Tokens::new("civil war, which began");
        assert_eq!(counted(&s, 0, true).as_deref(), Some("war"));
    }

    #[test]
    fn participle_ends_the_phrase() {
        let s = Tokens::new("people killed in the city");
        assert_eq!(counted(&s, 0, true).as_deref(), Some("people"));
        let s = Tokens::new("killed in the last week");
        assert_eq!(counted(&s, 0, true), None);
    }

    #[test]
    fn last_week_scope_is_normalised() {
        let found = scopes("killed within the past week, since 2011 and so far");
        let labels: Vec<&str> = found.iter().map(|s| s.2.as_str()).collect();
        assert_eq!(labels, ["last week", "since 2011"]);
    }
}
