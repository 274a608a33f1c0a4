//! Sentence splitting with byte offsets into the article text.
//!
//! sentencex (Wikimedia) does the splitting inside each body block; blocks come
//! from ingest, so a sentence never crosses a paragraph or a dropped junk line.

use crate::model::{Article, Sentence, Span};

/// Splits `text` into sentence spans, trimmed of surrounding whitespace, in order.
pub fn split(text: &str) -> Vec<Span> {
    sentencex::get_sentence_boundaries("en", text)
        .into_iter()
        .filter_map(|b| trimmed(text, Span::new(b.start_byte, b.end_byte)))
        .collect()
}

/// The sentences of one article's body, numbered from 0.
pub fn sentences(article_index: usize, article: &Article) -> Vec<Sentence> {
    article
        .body
        .iter()
        .flat_map(|block| {
            split(&article.text[block.start..block.end])
                .into_iter()
                .map(move |s| s.shift(block.start))
        })
        .enumerate()
        .map(|(no, span)| Sentence {
            article: article_index,
            no,
            span,
            text: article.text[span.start..span.end].to_owned(),
        })
        .collect()
}

fn trimmed(text: &str, span: Span) -> Option<Span> {
    let s = &text[span.start..span.end];
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    (!body.is_empty()).then(|| Span::new(span.start + lead, span.start + lead + body.len()))
}

#[cfg(test)]
mod tests {
    use super::split;

    fn texts(text: &str) -> Vec<&str> {
        split(text).iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn keeps_abbreviations_inside_sentences() {
        assert_eq!(
            texts("The U.S. Army left. Dr. Smith stayed."),
            ["The U.S. Army left.", "Dr. Smith stayed."]
        );
    }

    #[test]
    fn keeps_decimal_point_inside_number() {
        assert_eq!(
            texts("It rose 3.5 percent. Then fell."),
            ["It rose 3.5 percent.", "Then fell."]
        );
    }
}
