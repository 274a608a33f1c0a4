//! Boilerplate shared across one outlet's articles: a line that recurs word for
//! word in several articles of the same outlet ("Follow us on ...", a standing
//! disclaimer) is site furniture, not reporting, even when no junk rule knows it.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{Article, Span};
use crate::text::fold;

/// A line must recur in this many articles of one outlet to count as boilerplate.
/// Two is too few: one outlet's updates of a story repeat real paragraphs.
pub const MIN_ARTICLES: usize = 3;

/// Removes from every article the body lines found in at least `MIN_ARTICLES` of
/// its outlet's articles, counting them in `dropped_lines`.
pub fn drop_repeated(articles: &mut [Article]) {
    let mut by_outlet: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, article) in articles.iter().enumerate() {
        by_outlet.entry(article.outlet.clone()).or_default().push(i);
    }
    for members in by_outlet.values().filter(|m| m.len() >= MIN_ARTICLES) {
        let mut counts: FxHashMap<String, usize> = FxHashMap::default();
        for &i in members {
            let keys: FxHashSet<String> = body_lines(&articles[i]).map(|(_, key)| key).collect();
            for key in keys {
                *counts.entry(key).or_default() += 1;
            }
        }
        let repeated: FxHashSet<String> = counts
            .into_iter()
            .filter(|(_, n)| *n >= MIN_ARTICLES)
            .map(|(key, _)| key)
            .collect();
        if repeated.is_empty() {
            continue;
        }
        for &i in members {
            remove_lines(&mut articles[i], &repeated);
        }
    }
}

/// Every body line with its span and the key it is compared by (folded, lower case).
fn body_lines(article: &Article) -> impl Iterator<Item = (Span, String)> + '_ {
    article.body.iter().flat_map(move |block| {
        let mut offset = block.start;
        article.text[block.start..block.end]
            .split_inclusive('\n')
            .filter_map(move |raw| {
                let start = offset;
                offset += raw.len();
                let line = raw.trim_end();
                let lead = line.len() - line.trim_start().len();
                let key = fold(line.trim()).to_lowercase();
                (!key.is_empty()).then(|| (Span::new(start + lead, start + line.len()), key))
            })
    })
}

fn remove_lines(article: &mut Article, repeated: &FxHashSet<String>) {
    let lines: Vec<(Span, bool)> = body_lines(article)
        .map(|(span, key)| (span, repeated.contains(&key)))
        .collect();
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
    fn keeps_a_line_shared_by_only_two_articles() {
        let mut articles = vec![
            article("daily", "The dam held.\n\nThe river rose."),
            article("daily", "The dam held.\n\nThe river fell."),
        ];
        drop_repeated(&mut articles);
        assert_eq!(body(&articles[0]), ["The dam held.", "The river rose."]);
    }
}
