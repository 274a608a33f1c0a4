//! Boilerplate shared across one outlet's articles: a line that recurs word for
//! word in several articles of the same outlet ("Follow us on ...", a standing
//! disclaimer) is site furniture, not reporting, even when no junk rule knows it.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{Article, Span};
use crate::text::fold_into;

/// A line must recur in this many articles of one outlet to count as boilerplate.
/// Two is too few: one outlet's updates of a story repeat real paragraphs.
pub const MIN_ARTICLES: usize = 3;

/// The fingerprint of a body line: a hash of its comparison key. Lines are
/// counted by fingerprint so that the first pass over a corpus keeps 8 bytes
/// a line, not the text.
pub type Fingerprint = u64;

/// The distinct fingerprints of an article's body lines, sorted.
pub fn fingerprints(article: &Article) -> Vec<Fingerprint> {
    let mut prints: Vec<Fingerprint> = Vec::new();
    body_lines(article, |_, print| prints.push(print));
    prints.sort_unstable();
    prints.dedup();
    prints
}

/// The fingerprint of a line's key: folded, trimmed, lower case. `buf` is
/// scratch space, so that a line costs no allocation.
fn fingerprint(line: &str, buf: &mut String) -> Option<Fingerprint> {
    buf.clear();
    fold_into(line.trim(), buf);
    if buf.is_empty() {
        return None;
    }
    // SipHash with fixed keys: the same within a run, and 64 bits make a
    // collision far rarer than the lines of any corpus.
    let mut hasher = std::hash::DefaultHasher::new();
    if buf.is_ascii() {
        buf.make_ascii_lowercase();
        buf.as_str().hash(&mut hasher);
    } else {
        buf.to_lowercase().hash(&mut hasher);
    }
    Some(hasher.finish())
}

/// For each outlet, how many of its articles hold each line. Counts of
/// disjoint sets of articles add up, so any split of a corpus can count its
/// part and the parts merge into the counts of one run over everything.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LineCounts {
    by_outlet: BTreeMap<String, FxHashMap<Fingerprint, u64>>,
}

impl LineCounts {
    /// Counts one article, given as its outlet and `fingerprints`.
    pub fn add_article(&mut self, outlet: &str, prints: &[Fingerprint]) {
        if !self.by_outlet.contains_key(outlet) {
            self.by_outlet
                .insert(outlet.to_owned(), FxHashMap::default());
        }
        if let Some(counts) = self.by_outlet.get_mut(outlet) {
            for &print in prints {
                *counts.entry(print).or_default() += 1;
            }
        }
    }

    /// Adds `n` articles holding the line `print` of `outlet` (a table read back).
    pub fn add_line(&mut self, outlet: &str, print: Fingerprint, n: u64) {
        let counts = self.by_outlet.entry(outlet.to_owned()).or_default();
        let count = counts.entry(print).or_default();
        *count = count.saturating_add(n);
    }

    /// Adds the counts of other articles.
    pub fn merge(&mut self, other: LineCounts) {
        for (outlet, counts) in other.by_outlet {
            for (print, n) in counts {
                self.add_line(&outlet, print, n);
            }
        }
    }

    /// Each outlet with its lines and their counts, outlets and lines sorted.
    pub fn sorted(&self) -> impl Iterator<Item = (&str, Vec<(Fingerprint, u64)>)> {
        self.by_outlet.iter().map(|(outlet, counts)| {
            let mut lines: Vec<(Fingerprint, u64)> = counts.iter().map(|(&p, &n)| (p, n)).collect();
            lines.sort_unstable();
            (outlet.as_str(), lines)
        })
    }

    /// Keeps only the lines that are boilerplate (a table of them alone is
    /// smaller, but can no longer be added to).
    pub fn prune(&mut self) {
        for counts in self.by_outlet.values_mut() {
            counts.retain(|_, n| *n >= MIN_ARTICLES as u64);
        }
        self.by_outlet.retain(|_, counts| !counts.is_empty());
    }

    /// The boilerplate these counts make: the lines in at least
    /// `MIN_ARTICLES` articles of their outlet.
    pub fn boilerplate(&self) -> Boilerplate {
        let mut repeated = FxHashMap::default();
        for (outlet, counts) in &self.by_outlet {
            let lines: FxHashSet<Fingerprint> = counts
                .iter()
                .filter(|(_, n)| **n >= MIN_ARTICLES as u64)
                .map(|(print, _)| *print)
                .collect();
            if !lines.is_empty() {
                repeated.insert(outlet.clone(), lines);
            }
        }
        Boilerplate { repeated }
    }
}

/// The fingerprint of a fixed text: a table counted by a binary whose
/// fingerprints differ (another build of std's hasher) is refused.
pub fn probe() -> Fingerprint {
    fingerprint("crossclaim boilerplate probe", &mut String::new()).unwrap_or_default()
}

/// For each outlet, the fingerprints of the lines found in at least
/// `MIN_ARTICLES` of its articles.
#[derive(Debug, Default)]
pub struct Boilerplate {
    repeated: FxHashMap<String, FxHashSet<Fingerprint>>,
}

impl Boilerplate {
    /// Counts the lines of every article, given as its outlet and `fingerprints`.
    pub fn count<'a>(articles: impl IntoIterator<Item = (&'a str, &'a [Fingerprint])>) -> Self {
        let mut counts = LineCounts::default();
        for (outlet, prints) in articles {
            counts.add_article(outlet, prints);
        }
        counts.boilerplate()
    }

    /// Whether every body line of an article with these fingerprints is
    /// boilerplate of `outlet`, so that nothing would be left of it.
    pub fn covers(&self, outlet: &str, prints: &[Fingerprint]) -> bool {
        self.repeated
            .get(outlet)
            .is_some_and(|lines| !prints.is_empty() && prints.iter().all(|p| lines.contains(p)))
    }

    /// Removes the boilerplate lines of the article's outlet from its body,
    /// counting them in `dropped_lines`.
    pub fn remove(&self, article: &mut Article) {
        if let Some(lines) = self.repeated.get(&article.outlet) {
            remove_lines(article, lines);
        }
    }
}

/// Calls `each` with the span and fingerprint of every body line that is not blank.
fn body_lines(article: &Article, mut each: impl FnMut(Span, Fingerprint)) {
    let mut buf = String::new();
    for block in &article.body {
        let mut offset = block.start;
        for raw in article.text[block.start..block.end].split_inclusive('\n') {
            let start = offset;
            offset += raw.len();
            let line = raw.trim_end();
            let lead = line.len() - line.trim_start().len();
            if let Some(print) = fingerprint(line, &mut buf) {
                each(Span::new(start + lead, start + line.len()), print);
            }
        }
    }
}

fn remove_lines(article: &mut Article, repeated: &FxHashSet<Fingerprint>) {
    let mut lines: Vec<(Span, bool)> = Vec::new();
    body_lines(article, |span, print| {
        lines.push((span, repeated.contains(&print)));
    });
    if !lines.iter().any(|(_, drop)| *drop) {
        return;
    }
    let mut body = Vec::with_capacity(article.body.len());
    for block in &article.body {
        let mut kept: Option<Span> = None;
        for &(line, drop) in lines
            .iter()
            .filter(|(l, _)| block.start <= l.start && l.end <= block.end)
        {
            if drop {
                article.dropped_lines += 1;
                body.extend(kept.take());
            } else {
                kept = Some(kept.map_or(line, |k| Span::new(k.start, line.end)));
            }
        }
        body.extend(kept);
    }
    article.body = body;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(outlet: &str, text: &str) -> Article {
        let cleaned = crate::ingest::clean(text);
        Article {
            story: "s".into(),
            outlet: outlet.into(),
            source: format!("{outlet}.txt"),
            date: None,
            title: None,
            byline: None,
            url: None,
            text: text.into(),
            body: cleaned.body,
            dropped_lines: 0,
        }
    }

    /// Both passes of a corpus run, on articles already in memory.
    fn drop_repeated(articles: &mut [Article]) {
        let prints: Vec<Vec<Fingerprint>> = articles.iter().map(fingerprints).collect();
        let boilerplate = Boilerplate::count(
            articles
                .iter()
                .zip(&prints)
                .map(|(a, p)| (a.outlet.as_str(), p.as_slice())),
        );
        for article in articles {
            boilerplate.remove(article);
        }
    }

    fn body(a: &Article) -> Vec<&str> {
        a.body.iter().map(|b| &a.text[b.start..b.end]).collect()
    }

    #[test]
    fn drops_a_line_repeated_in_three_articles_of_one_outlet() {
        let tail = "Our reporters cover the region every day for readers.";
        let mut articles = vec![
            article("daily", &format!("The dam held.\n\n{tail}")),
            article("daily", &format!("The river fell.\n\n{tail}")),
            article("daily", &format!("Schools reopened.\n{tail}")),
            article("other", &format!("Roads closed.\n\n{tail}")),
        ];
        drop_repeated(&mut articles);
        assert_eq!(body(&articles[0]), ["The dam held."]);
        assert_eq!(body(&articles[2]), ["Schools reopened."]);
        assert_eq!(articles[2].dropped_lines, 1);
        assert_eq!(body(&articles[3]), ["Roads closed.", tail]);
    }

    #[test]
    fn knows_an_article_that_is_all_boilerplate() {
        let tail = "Our reporters cover the region every day for readers.";
        let articles: Vec<Article> = ["The dam held.", "The river fell.", ""]
            .iter()
            .map(|fact| article("daily", &format!("{fact}\n\n{tail}")))
            .collect();
        let prints: Vec<Vec<Fingerprint>> = articles.iter().map(fingerprints).collect();
        let boilerplate = Boilerplate::count(prints.iter().map(|p| ("daily", p.as_slice())));
        assert!(!boilerplate.covers("daily", &prints[0]));
        assert!(boilerplate.covers("daily", &prints[2]));
        assert!(!boilerplate.covers("other", &prints[2]));
    }

    #[test]
    fn counts_of_two_parts_add_up_to_the_counts_of_all() {
        let tail = "Our reporters cover the region every day for readers.";
        let articles: Vec<Article> = ["The dam held.", "The river fell.", "Rain came."]
            .iter()
            .map(|fact| article("daily", &format!("{fact}\n\n{tail}")))
            .collect();
        let prints: Vec<Vec<Fingerprint>> = articles.iter().map(fingerprints).collect();
        let mut all = LineCounts::default();
        let (mut first, mut second) = (LineCounts::default(), LineCounts::default());
        for (i, p) in prints.iter().enumerate() {
            all.add_article("daily", p);
            if i == 0 { &mut first } else { &mut second }.add_article("daily", p);
        }
        first.merge(second);
        assert_eq!(first, all);
        let tail_print = prints[0]
            .iter()
            .find(|p| prints[1].contains(p))
            .copied()
            .unwrap();
        assert!(all.boilerplate().covers("daily", &[tail_print]));
        let mut half = LineCounts::default();
        half.add_article("daily", &prints[0]);
        half.add_article("daily", &prints[1]);
        assert!(!half.boilerplate().covers("daily", &[tail_print]));
    }

    #[test]
    fn keeps_a_line_shared_by_only_two_articles() {
        let mut articles = vec![
            article("daily", "The dam held.\n\nThe river rose."),
            article("daily", "The dam held.\n\nThe river fell."),
        ];
        drop_repeated(&mut articles);
        assert_eq!(body(&articles[0]), ["The dam held.", "The river rose."]);
    }
}
