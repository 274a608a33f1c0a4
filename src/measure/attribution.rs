//! Who a figure is attributed to: "according to the interior ministry", "Lopez
//! said", "said Jane Roe", "officials estimated". Outlets that quote different
//! sources correctly are not in error, so a disagreement between two attributed
//! figures with different sources is labelled as a source disagreement.

use std::sync::LazyLock;

use regex::Regex;

use crate::pattern::Pattern;

/// The verbs of attribution, in the forms news writing uses.
const VERBS: &str = r"said|says|told|estimated|estimates|estimate|reported|reports|announced|stated|claimed|claims|counted|confirmed|put\ the\ (?:toll|figure|number)";

/// A name: capitalised words, with the small words names carry ("Secretary of State").
const NAME: &str =
    r"(?:[A-Z][\w’'.&-]*|of|the|for|and)(?:\s+(?:[A-Z][\w’'.&-]*|of|the|for|and)){0,6}";

/// Every attribution pattern holds one of these words. Word boundaries are
/// ASCII, so the lazy DFA keeps going past non-ASCII bytes (see `context::EVENT`).
static CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:according|citing)|(?-u:\b)(?:{VERBS})(?-u:\b)"
    ))
    .expect("cue pattern is valid")
});

static ACCORDING: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::new(r"(?i:according\s+to|citing)\s+(?P<src>[^,.;:()“”\x22]{2,60})"));

static AGENT_VERB: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(&format!(
        r"(?P<src>(?:(?i:the)\s+)?(?:{NAME}\s+)?(?:{NAME}|(?i:officials|authorities|police|activists|medics|rescuers|witnesses|experts|analysts|doctors|researchers|scientists|investigators|organi[sz]ers|he|she|they|it))(?:\s+(?i:officials|spokesman|spokeswoman|spokesperson))?)\s+(?:{VERBS})(?-u:\b)"
    ))
});

static VERB_AGENT: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::new(
        r"(?:said|says|told\s+reporters|reported)\s+(?P<src>(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|of|the)){0,6})",
    )
});

/// The agent of an `AGENT_VERB` match: what comes before its verb. Only
/// "put the toll" (or figure, number) is a verb of several words.
fn agent(matched: &str) -> &str {
    let mut words = matched.trim_end().rsplitn(2, char::is_whitespace);
    let last = words.next().unwrap_or_default();
    let mut head = words.next().unwrap_or_default();
    if ["toll", "figure", "number"].contains(&last) {
        for verb in ["the", "put"] {
            head = head.trim_end();
            head = head.strip_suffix(verb).unwrap_or(head);
        }
    }
    head.trim_end()
}

/// Words that open a sentence or clause and are not names.
const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "but", "and", "it", "this", "that", "he", "she", "they", "we", "i", "in",
    "on", "of", "for",
];

/// The source nearest to the byte range `[start, end)` of `sentence`, if it names one.
/// Pronouns ("he said") are not sources: they name no one the reader can check.
#[cfg(test)]
fn source_of(sentence: &str, start: usize, end: usize) -> Option<String> {
    Sources::of(sentence).nearest(start, end).map(str::to_owned)
}

/// Every source a sentence names, read once: a sentence may hold many figures.
pub struct Sources {
    /// (start, end, name) of each attribution, sorted.
    found: Vec<(usize, usize, String)>,
    /// The longest attribution, which bounds how far back a nearer one can start.
    longest: usize,
}

impl Sources {
    pub fn of(sentence: &str) -> Self {
        let mut found = Vec::new();
        // Most sentences attribute nothing: one cheap scan for a verb of saying
        // (or "according to") spares them the three name patterns.
        if !CUE.is_match(sentence) {
            return Self { found, longest: 0 };
        }
        // The agent is all of its match but the verb: found without groups.
        for m in AGENT_VERB.find_iter(sentence) {
            let name = tidy(agent(m.as_str()));
            if !name.is_empty() {
                found.push((m.start(), m.end(), name));
            }
        }
        for pattern in [&*ACCORDING, &*VERB_AGENT] {
            for caps in pattern.captures_iter(sentence) {
                let (Some(all), Some(src)) = (caps.get(0), caps.name("src")) else {
                    continue;
                };
                let name = tidy(src.as_str());
                if !name.is_empty() {
                    found.push((all.start(), all.end(), name));
                }
            }
        }
        found.sort();
        let longest = found.iter().map(|(s, e, _)| e - s).max().unwrap_or(0);
        Self { found, longest }
    }

    /// The source nearest to `[start, end)`: the least distance, then the first
    /// name in order. One that starts after the figure is as far as the gap; one
    /// before or around it as far as from its end to the figure's start.
    pub fn nearest(&self, start: usize, end: usize) -> Option<&str> {
        let found = &self.found;
        let split = found.partition_point(|c| c.0 < end);
        let mut best: Option<(usize, &str)> = None;
        // After the figure only the first start can be nearest; names break ties.
        if let Some(first) = found.get(split) {
            for c in found[split..].iter().take_while(|c| c.0 == first.0) {
                consider(&mut best, c.0 - end, c.2.as_str());
            }
        }
        for c in found[..split].iter().rev() {
            // Earlier ones end even further back, by at most the longest span.
            if best.is_some_and(|(bd, _)| c.0 + self.longest + bd < start) {
                break;
            }
            consider(&mut best, start.saturating_sub(c.1), c.2.as_str());
        }
        best.map(|(_, name)| name)
    }
}

/// Keeps the nearer of two sources, the first name in order on a tie.
fn consider<'a>(best: &mut Option<(usize, &'a str)>, d: usize, name: &'a str) {
    if best.is_none_or(|(bd, bn)| (d, name) < (bd, bn)) {
        *best = Some((d, name));
    }
}

/// Trims the article and the small words around a name; empty when nothing is left.
fn tidy(raw: &str) -> String {
    let words: Vec<&str> = raw.split_whitespace().collect();
    let mut lo = 0;
    let mut hi = words.len();
    while lo < hi && NOT_NAMES.contains(&words[lo].to_lowercase().as_str()) {
        lo += 1;
    }
    while hi > lo && NOT_NAMES.contains(&words[hi - 1].to_lowercase().as_str()) {
        hi -= 1;
    }
    let name = words[lo..hi].join(" ");
    // A sentence's full stop is not part of the name, an abbreviation's is ("U.S.").
    let last = name.rsplit(' ').next().unwrap_or("");
    if last.matches('.').count() == 1 {
        name.trim_end_matches(['.', ',', ';', ':']).to_owned()
    } else {
        name.trim_end_matches([',', ';', ':']).to_owned()
    }
}

/// Whether two attributions name the same source: "Interior Ministry" and "Interior
/// Ministry spokesman Jane Roe" do, as do "officials" and "city officials".
pub fn same_source(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| {
                w.len() > 2
                    && !["the", "and", "for", "spokesman", "spokeswoman"].contains(&w.as_str())
            })
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    wa.iter().any(|w| wb.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(s: &str) -> Option<String> {
        let at = s.find(char::is_numeric).unwrap_or(0);
        source_of(s, at, at + 1)
    }

    #[test]
    fn reads_according_to() {
        assert_eq!(
            source("About 40 people died, according to the Interior Ministry.").as_deref(),
            Some("Interior Ministry")
        );
    }

    #[test]
    fn reads_name_before_said() {
        assert_eq!(
            source("Some 40 people died, Governor Ann Lee said on Monday.").as_deref(),
            Some("Governor Ann Lee")
        );
        assert_eq!(
            source("Officials estimated that 40 people died.").as_deref(),
            Some("Officials")
        );
    }

    #[test]
    fn reads_said_before_name() {
        assert_eq!(
            source("\"We counted 40 bodies,\" said Ann Lee.").as_deref(),
            Some("Ann Lee")
        );
    }

    #[test]
    fn unattributed_figure_has_no_source() {
        assert_eq!(source("About 40 people are believed to have died."), None);
        assert_eq!(source("About 40 people died, he said."), None);
    }

    #[test]
    fn ascii_sentences_read_as_with_unicode_classes() {
        let sentences = [
            "About 40 people died, according to the Interior Ministry.",
            "Some 40 people died, Governor Ann Lee said on Monday, and police said 12 more.",
            "\"We counted 40 bodies,\" said Ann Lee of the Red Cross. Officials estimated 50.",
            "The U.K. Home Office's spokeswoman Mary Hale told reporters 7 days.",
            "citing\tthe ministry of health, they reported 3,000 cases",
        ];
        for pattern in [&*ACCORDING, &*AGENT_VERB, &*VERB_AGENT] {
            for sentence in sentences {
                assert!(
                    crate::pattern::copies_agree(pattern, sentence),
                    "{sentence}"
                );
            }
        }
        assert_eq!(
            source("Some 40 people died, José Martínez said.").as_deref(),
            Some("José Martínez")
        );
    }

    #[test]
    fn sources_sharing_a_name_are_the_same() {
        assert!(same_source(
            "Interior Ministry",
            "Interior Ministry spokesman Roe"
        ));
        assert!(!same_source("Red Cross", "the Interior Ministry"));
    }
}
