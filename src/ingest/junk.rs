//! Junk lines: what is never article text (advertising, calls to action,
//! comment prompts, credits, copyright). The patterns are data, one table per
//! concept under `data/ingest/`; this file turns them into matchers and adds
//! the two rules that make them general: a line joined from several junk
//! pieces is junk, and a call to action that names an offer is junk.

use std::sync::LazyLock;

use regex::Regex;

const LINES: &str = include_str!("../../data/ingest/junk-lines.txt");
const NAVIGATION: &str = include_str!("../../data/ingest/navigation.txt");
const PROMOTIONS: &str = include_str!("../../data/ingest/promotions.tsv");

/// Longest line (bytes) that the junk, promotion and joined-pieces rules are
/// tried on: a long line is a paragraph even when it mentions "copyright".
const MAX_LINE: usize = 300;

/// Longest line (bytes) tried as junk pieces joined: page furniture is a few
/// words each side ("Advertisement | Story continues below" is 37 bytes), and
/// most body lines are longer, so they cost no search for a separator.
const MAX_JOINED: usize = 150;

/// Most words in a promotion line; longer lines are reporting.
const MAX_PROMOTION_WORDS: usize = 40;

/// The lines of a table that hold entries: comments and blank lines left out.
fn entries(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// One regular expression that matches a whole line matching any entry.
fn whole_line(src: &'static str) -> Regex {
    let alternatives: Vec<String> = entries(src).map(|e| format!("(?:{e})")).collect();
    Regex::new(&format!("(?i)^(?:{})$", alternatives.join("|")))
        .expect("junk tables hold valid patterns (tested)")
}

/// The phrases of `promotions.tsv` with the role `role`, as one regular
/// expression of whole words; `opening` anchors it at the start of a line.
fn promotion(role: &str, opening: bool) -> Regex {
    let phrases: Vec<String> = entries(PROMOTIONS)
        .filter_map(|l| l.split_once('\t'))
        .filter(|(_, r)| *r == role)
        .map(|(p, _)| regex::escape(p).replace('\'', "['’]"))
        .collect();
    let anchor = if opening { "^" } else { "(?-u:\\b)" };
    Regex::new(&format!("(?i){anchor}(?:{})(?-u:\\b)", phrases.join("|")))
        .expect("promotion phrases are escaped")
}

static JUNK: LazyLock<Regex> = LazyLock::new(|| whole_line(LINES));
static NAV: LazyLock<Regex> = LazyLock::new(|| whole_line(NAVIGATION));
static ACTION: LazyLock<Regex> = LazyLock::new(|| promotion("action", true));
static OFFER: LazyLock<Regex> = LazyLock::new(|| promotion("offer", false));

/// A price per period: "$1 a week", "£4.99/month", "99p a month", "€3 per month".
static PRICE_PER_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:[$£€¥]\s?\d[\d.,]*|(?-u:\b)\d+p)\s*(?:a|an|per|/|each)\s*(?:day|week|month|year|wk|mo|yr)(?-u:\b)",
    )
    .expect("price pattern is valid")
});

/// A caption ending in its credit: "Rescuers reach the town. (AP Photo/Jo Smith)".
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\([^()]*(?-u:\b)(?:photo|photograph|images?|pictures?|file)(?-u:\b)[^()]*\)$")
        .expect("caption pattern is valid")
});

/// What joins the pieces of a line of page furniture: a dash, a bar or a
/// bullet with space on both sides.
static SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[-–—|·•]\s+").expect("separator pattern is valid"));

/// Whether a trimmed, non-empty line is junk. `ends_sentence` says whether it
/// ends with a stop (navigation counts only on lines without one).
pub fn is_junk(line: &str, ends_sentence: bool) -> bool {
    let short = line.len() <= MAX_LINE;
    (short && (JUNK.is_match(line) || is_promotion(line) || is_joined_junk(line)))
        || (!ends_sentence && NAV.is_match(line))
        || (line.ends_with(')') && CAPTION.is_match(line))
}

/// "Advertisement – Story continues below", "Share | Tweet | Email": two or
/// more pieces, each junk or navigation on its own.
fn is_joined_junk(line: &str) -> bool {
    // Every separator holds '-', '|' or a byte that starts '–', '—', '·' or '•'.
    let may_join = |b: &u8| matches!(b, b'-' | b'|' | 0xC2 | 0xE2);
    if line.len() > MAX_JOINED || !line.as_bytes().iter().any(may_join) || !SEPARATOR.is_match(line)
    {
        return false;
    }
    SEPARATOR.split(line).all(|piece| {
        let piece = piece.trim_end_matches(['.', ':', '!', '…']).trim();
        !piece.is_empty() && (JUNK.is_match(piece) || NAV.is_match(piece))
    })
}

/// "Subscribe to the Courier for just $1 a week.": an opening call to action
/// with an offer or a price per period in a short line.
fn is_promotion(line: &str) -> bool {
    ACTION.is_match(line)
        && line.split_whitespace().count() <= MAX_PROMOTION_WORDS
        && (OFFER.is_match(line) || PRICE_PER_PERIOD.is_match(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Invented lines, each with whether it is junk (`ends_sentence` as
    /// `clean` works it out).
    const CASES: &[(&str, bool)] = &[
        // Single junk lines.
        ("ADVERTISEMENT", true),
        ("Advertisement 4", true),
        ("Sponsored content", true),
        ("Story continues after this message", true),
        ("Click here to see the full gallery", true),
        ("Copyright © 2031 Lakeside Media Group", true),
        ("Already a subscriber? Log in here.", true),
        ("(Reporting by Ida Voss; Editing by Tom Reyes)", true),
        ("Photo: Marta Lind / Lakeside Herald", true),
        // Navigation, only without a final stop.
        ("Share this story", true),
        ("Share prices fell 3% on the news.", false),
        ("Related Coverage", true),
        // Pieces joined by a dash, a bar or a bullet.
        ("Advertisement - Article continues below", true),
        ("ADVERTISEMENT | Continue reading below", true),
        ("Sponsored content · Story continues after this", true),
        ("Share • Tweet • Email", true),
        ("Comments (12) — Leave a comment", true),
        (
            "Advertising revenue fell 12% - the steepest drop in a decade.",
            false,
        ),
        ("Home - World - Europe", false),
        ("The mayor - who spoke first - said the dam held.", false),
        // Calls to action with an offer.
        (
            "Subscribe to the Riverside Courier for only £2 a month.",
            true,
        ),
        ("Get unlimited digital access for $4.99/month.", true),
        ("Sign up for our free morning newsletter.", true),
        ("Start your free trial today!", true),
        ("Support local journalism: try 3 months for just $1.", true),
        ("Don't miss a story: get our app.", true),
        ("Try 8 weeks for 99p a week. Cancel anytime.", true),
        // Offers and calls to action in reporting.
        (
            "Subscribers to the water utility pay $40 a month, the council said.",
            false,
        ),
        ("Join us, the mayor told residents on Tuesday.", false),
        (
            "The paper offered readers a trial for just $1 a week.",
            false,
        ),
        ("Sign-up sheets were posted at the library.", false),
        ("Try as they might, crews could not reach the ridge.", false),
        ("Registered voters in the county number 48,000.", false),
        (
            "The suit alleges copyright infringement by the studio.",
            false,
        ),
    ];

    #[test]
    fn junk_lines_table() {
        for &(line, junk) in CASES {
            let ends = super::super::clean::ends_sentence(line);
            assert_eq!(is_junk(line, ends), junk, "{line:?}");
        }
    }

    #[test]
    fn a_long_line_is_never_junk() {
        let line = format!("Advertisement. {}", "The river rose again. ".repeat(20));
        assert!(!is_junk(&line, true));
    }

    /// Every table compiles, and is sorted and unique by its first column, so a
    /// pattern is added in one place and shows as one line of a diff.
    #[test]
    fn junk_tables_are_valid_sorted_and_unique() {
        for (name, src) in [
            ("junk-lines.txt", LINES),
            ("navigation.txt", NAVIGATION),
            ("promotions.tsv", PROMOTIONS),
        ] {
            let keys: Vec<&str> = entries(src)
                .map(|l| l.split('\t').next().unwrap_or(l))
                .collect();
            assert!(!keys.is_empty(), "{name} is empty");
            for pair in keys.windows(2) {
                assert!(
                    pair[0] < pair[1],
                    "{name}: {:?} before {:?}",
                    pair[0],
                    pair[1]
                );
            }
            if name.ends_with(".txt") {
                for key in &keys {
                    assert!(
                        Regex::new(key).is_ok(),
                        "{name}: {key:?} is no valid pattern"
                    );
                }
            } else {
                for row in entries(src) {
                    let role = row.split_once('\t').map(|(_, r)| r);
                    assert!(
                        matches!(role, Some("action" | "offer")),
                        "{name}: {row:?} needs the role action or offer"
                    );
                }
            }
        }
        // Built once each: a bad table fails here, not in a user's run.
        for matcher in [&*JUNK, &*NAV, &*ACTION, &*OFFER] {
            assert!(!matcher.as_str().is_empty());
        }
    }
}
