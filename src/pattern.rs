//! Cue patterns compiled twice. Unicode classes (`\w`, `\s`, `\p{Lu}`, case
//! folding) make a large lazy DFA that is slow to build, state by state, and a
//! large NFA for the capture engines. On ASCII text they match exactly what
//! their ASCII forms match, so ASCII sentences (most of them) go to a copy
//! compiled with Unicode off. A pattern's non-ASCII characters must sit in
//! classes, where ASCII text never meets them: that copy leaves them out.

use std::ops::Range;

use regex::Regex;

/// A pattern with its ASCII copy; `captures_iter` picks one per text.
#[derive(Debug)]
pub struct Pattern {
    ascii: regex::bytes::Regex,
    unicode: Regex,
}

impl Pattern {
    /// Panics on an invalid pattern: patterns are constants of the program.
    pub fn new(pattern: &str) -> Self {
        let ascii: String = pattern
            .replace(r"\p{Lu}", "[A-Z]")
            .chars()
            .filter(char::is_ascii)
            .collect();
        Self {
            ascii: regex::bytes::Regex::new(&format!("(?-u:{ascii})"))
                .unwrap_or_else(|e| panic!("ASCII copy of {pattern:?}: {e}")),
            unicode: Regex::new(pattern).unwrap_or_else(|e| panic!("{pattern:?}: {e}")),
        }
    }

    /// The pattern as written, which reads any text.
    pub fn unicode(&self) -> &Regex {
        &self.unicode
    }

    /// Every match in `text`, leftmost first, as `Regex::find_iter`: no groups,
    /// so the search never leaves the lazy DFA.
    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Match<'t>> + 't {
        let ascii = text.is_ascii();
        let bytes = ascii.then(|| self.ascii.find_iter(text.as_bytes()));
        let chars = (!ascii).then(|| self.unicode.find_iter(text));
        let bytes = bytes.into_iter().flatten().map(|m| m.range());
        let chars = chars.into_iter().flatten().map(|m| m.range());
        bytes.chain(chars).map(move |range| Match { text, range })
    }

    /// The leftmost match in `text`, as `Regex::captures`.
    pub fn captures<'t>(&'t self, text: &'t str) -> Option<Captures<'t>> {
        self.captures_iter(text).next()
    }

    /// Every match in `text`, leftmost first, as `Regex::captures_iter`.
    pub fn captures_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Captures<'t>> + 't {
        let ascii = text.is_ascii();
        let bytes = ascii.then(|| self.ascii.captures_iter(text.as_bytes()));
        let chars = (!ascii).then(|| self.unicode.captures_iter(text));
        let bytes = bytes.into_iter().flatten().map(move |c| Captures {
            text,
            groups: Groups::Ascii(c),
        });
        let chars = chars.into_iter().flatten().map(move |c| Captures {
            text,
            groups: Groups::Unicode(c),
        });
        bytes.chain(chars)
    }
}

/// One match of a `Pattern` and its groups.
pub struct Captures<'t> {
    text: &'t str,
    groups: Groups<'t>,
}

enum Groups<'t> {
    Ascii(regex::bytes::Captures<'t>),
    Unicode(regex::Captures<'t>),
}

impl<'t> Captures<'t> {
    /// Group `i`; 0 is the whole match.
    pub fn get(&self, i: usize) -> Option<Match<'t>> {
        self.at(match &self.groups {
            Groups::Ascii(c) => c.get(i).map(|m| m.range()),
            Groups::Unicode(c) => c.get(i).map(|m| m.range()),
        })
    }

    pub fn name(&self, name: &str) -> Option<Match<'t>> {
        self.at(match &self.groups {
            Groups::Ascii(c) => c.name(name).map(|m| m.range()),
            Groups::Unicode(c) => c.name(name).map(|m| m.range()),
        })
    }

    fn at(&self, range: Option<Range<usize>>) -> Option<Match<'t>> {
        range.map(|range| Match {
            text: self.text,
            range,
        })
    }
}

/// Where a group matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match<'t> {
    text: &'t str,
    range: Range<usize>,
}

impl<'t> Match<'t> {
    pub fn start(&self) -> usize {
        self.range.start
    }

    pub fn end(&self) -> usize {
        self.range.end
    }

    pub fn len(&self) -> usize {
        self.range.len()
    }

    pub fn is_empty(&self) -> bool {
        self.range.is_empty()
    }

    pub fn range(&self) -> Range<usize> {
        self.range.clone()
    }

    pub fn as_str(&self) -> &'t str {
        &self.text[self.range.clone()]
    }
}

/// Whether the two copies of `pattern` find the same matches and groups in
/// `text` (which must be ASCII for the copy to be used).
#[cfg(test)]
pub(crate) fn copies_agree(pattern: &Pattern, text: &str) -> bool {
    let spans = |c: &Captures| -> Vec<Option<Range<usize>>> {
        (0..pattern.unicode.captures_len())
            .map(|i| c.get(i).map(|m| m.range()))
            .collect()
    };
    let fast: Vec<_> = pattern.captures_iter(text).map(|c| spans(&c)).collect();
    let slow: Vec<Vec<Option<Range<usize>>>> = pattern
        .unicode
        .captures_iter(text)
        .map(|c| (0..c.len()).map(|i| c.get(i).map(|m| m.range())).collect())
        .collect();
    fast == slow
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capital_letter_and_word_classes_read_ascii_text_alike() {
        let pattern = Pattern::new(
            r"(?-u:\b)(?i:in|near)\s+(?P<place>\p{Lu}[\w’'.-]*(?:\s+\p{Lu}[\w’'.-]*){0,3})",
        );
        for text in [
            "Floods in Port Said and near New Ulm.",
            "in\tthe city",
            "IN Holton's west",
        ] {
            assert!(copies_agree(&pattern, text), "{text}");
        }
        let found: Vec<&str> = pattern
            .captures_iter("Floods near São Paulo’s port.")
            .filter_map(|c| Some(c.name("place")?.as_str()))
            .collect();
        assert_eq!(found, ["São Paulo’s"]);
    }
}
