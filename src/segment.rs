//! Sentence splitting with byte offsets into the article text.
//!
//! sentencex (Wikimedia) splits inside each piece of text; `lines` first cuts the
//! text where a newline ends a headline, label or list line, and `rules` repairs
//! what sentencex gets wrong on lists, ellipses and clock times. Offsets always point
//! into the text given, so display can show the original typography.

mod lines;
mod rules;

use crate::model::{Article, Sentence, Span};

pub use lines::{ends_with_stop, is_blank, is_space};

/// Splits `text` into sentence spans, trimmed of surrounding whitespace, in order.
/// The spans never overlap and everything outside them is whitespace.
pub fn split(text: &str) -> Vec<Span> {
    split_with(text, split_sentencex)
}

/// A sentence splitter for one piece of text: spans relative to the piece.
pub type Engine = fn(&str) -> Vec<Span>;

/// Splits `text` with the line and news rules around another engine, so that
/// engines can be compared on the Golden Rules with everything else equal.
pub fn split_with(text: &str, engine: Engine) -> Vec<Span> {
    let mut out = Vec::new();
    for piece in lines::pieces(text) {
        split_piece(text, piece, engine, &mut out);
    }
    if out.iter().any(|s| s.len() > MAX_SENTENCE_BYTES) {
        out = out.into_iter().flat_map(|s| cap_length(text, s)).collect();
    }
    out
}

/// No news sentence is this long; a run of text without stops that is (a
/// transcript, a table flattened to one line) is cut at spaces into pieces of
/// at most this size, so that every later stage stays linear and every
/// spreadsheet cell stays under the 32,767 characters Excel and Calc allow.
pub const MAX_SENTENCE_BYTES: usize = 4096;

/// Cuts an over-long span at the last space before each limit (anywhere on a
/// character boundary when there is none); short spans pass through.
fn cap_length(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start;
    while span.end - start > MAX_SENTENCE_BYTES {
        let mut limit = start + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let mut cut = text[start..limit]
            .rfind(char::is_whitespace)
            .map_or(limit, |i| start + i)
            .max(start + 1);
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        out.extend(trimmed(text, Span::new(start, cut)));
        start = cut;
    }
    out.extend(trimmed(text, Span::new(start, span.end)));
    out
}

/// Splits `text` with sentencex alone (no line or news rules): the engine under
/// `split`, and the baseline the Golden Rules benchmark compares against.
pub fn split_sentencex(text: &str) -> Vec<Span> {
    sentencex::get_sentence_boundaries("en", text)
        .into_iter()
        .filter_map(|b| trimmed(text, Span::new(b.start_byte, b.end_byte)))
        .collect()
}

fn split_piece(text: &str, piece: Span, engine: Engine, out: &mut Vec<Span>) {
    let body = &text[piece.start..piece.end];
    let cuts = rules::list_items(body);
    let mut chunks: Vec<Span> = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for &cut in cuts.iter().skip(1) {
        chunks.push(Span::new(start, cut));
        start = cut;
    }
    chunks.push(Span::new(start, body.len()));
    for chunk in chunks {
        let chunk = chunk.shift(piece.start);
        if !may_hold_two_sentences(&text[chunk.start..chunk.end]) {
            // Headlines, labels and one-sentence paragraphs: the engine would find
            // nothing to cut, and calling it costs more than this check.
            out.extend(trimmed(text, chunk));
            continue;
        }
        let mut spans: Vec<Span> = engine(&text[chunk.start..chunk.end])
            .into_iter()
            .filter_map(|span| trimmed(text, span.shift(chunk.start)))
            .collect();
        rules::repair(text, &mut spans);
        out.extend(spans);
    }
}

#[cfg(test)]
mod cap_tests {
    use super::*;

    #[test]
    fn cuts_a_line_without_stops_at_spaces_under_the_limit() {
        let text = "word ".repeat(3000);
        let spans = split(&text);
        assert!(spans.len() >= 4, "{}", spans.len());
        assert!(spans.iter().all(|s| s.len() <= MAX_SENTENCE_BYTES));
        assert!(
            spans
                .iter()
                .all(|s| text[s.start..s.end].starts_with("word"))
        );
        assert!(spans.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn cuts_a_run_without_spaces_on_character_boundaries() {
        let text = "é".repeat(5000);
        let spans = split(&text);
        assert!(spans.len() >= 3);
        assert_eq!(spans.iter().map(Span::len).sum::<usize>(), text.len());
    }
}

/// False only when no stop, list marker or bracket sits before the end of `s`.
fn may_hold_two_sentences(s: &str) -> bool {
    let inner = s.trim_end_matches(|c: char| {
        is_space(c)
            || matches!(
                c,
                '.' | '!' | '?' | '\u{2026}' | '"' | '\'' | '\u{201d}' | '\u{2019}'
            )
    });
    inner.contains([
        '.', '!', '?', '\u{2026}', ')', '\u{2022}', '\u{2043}', '\n', ';',
    ])
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

/// `span` without the spaces and zero-width marks around it; None when nothing is left.
fn trimmed(text: &str, span: Span) -> Option<Span> {
    let s = text.get(span.start..span.end)?;
    let body = s.trim_start_matches(is_space);
    let lead = s.len() - body.len();
    let body = body.trim_end_matches(is_space);
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

    #[test]
    fn keeps_news_abbreviations_and_states_inside_sentences() {
        assert_eq!(
            texts("Sens. Ann Lee (Ariz.) and Bo Kim (S.C.) spoke. Gov. Ray Cole agreed."),
            [
                "Sens. Ann Lee (Ariz.) and Bo Kim (S.C.) spoke.",
                "Gov. Ray Cole agreed."
            ]
        );
        assert_eq!(
            texts("On Sept. 28 Lt. Col. Jo Park called it the No. 2 goal. He left."),
            [
                "On Sept. 28 Lt. Col. Jo Park called it the No. 2 goal.",
                "He left."
            ]
        );
    }

    #[test]
    fn keeps_middle_initials_inside_names() {
        assert_eq!(
            texts("Deputy minister Ivan B. Petrov said so. Others did not."),
            ["Deputy minister Ivan B. Petrov said so.", "Others did not."]
        );
    }

    #[test]
    fn keeps_a_quote_of_several_sentences_with_its_speaker() {
        assert_eq!(
            texts("\u{201c}We will go. We will win,\u{201d} he said. Then he left."),
            [
                "\u{201c}We will go. We will win,\u{201d} he said.",
                "Then he left."
            ]
        );
    }

    #[test]
    fn keeps_em_dashes_and_mid_sentence_ellipses() {
        assert_eq!(
            texts(
                "The talks\u{200a}\u{2014}\u{200a}long and hard\u{2014}ended. He paused ... and went on. Done."
            ),
            [
                "The talks\u{200a}\u{2014}\u{200a}long and hard\u{2014}ended.",
                "He paused ... and went on.",
                "Done."
            ]
        );
    }

    #[test]
    fn keeps_a_dateline_with_its_sentence() {
        assert_eq!(
            texts("LAGOS, Nigeria (AP) \u{2014} The vote ended. It was calm."),
            [
                "LAGOS, Nigeria (AP) \u{2014} The vote ended.",
                "It was calm."
            ]
        );
    }

    #[test]
    fn keeps_a_headline_without_stop_apart() {
        assert_eq!(
            texts("Floods Close Schools Across the Region\nThe river rose. It fell."),
            [
                "Floods Close Schools Across the Region",
                "The river rose.",
                "It fell."
            ]
        );
    }

    #[test]
    fn keeps_a_clock_time_with_the_day_after_it() {
        assert_eq!(
            texts("They met at 5 p.m. Tuesday in the capital. It rained."),
            ["They met at 5 p.m. Tuesday in the capital.", "It rained."]
        );
    }

    #[test]
    fn offsets_point_into_text_with_bom_crlf_and_no_break_spaces() {
        let text = "\u{feff}The U.S.\u{a0}Army left.\r\nIt\u{200b} rained.\r\n";
        let spans = split(text);
        assert_eq!(
            texts(text),
            ["The U.S.\u{a0}Army left.", "It\u{200b} rained."]
        );
        assert_eq!(spans[0].start, 3);
    }

    #[test]
    fn ends_a_quote_before_a_sentence_that_opens_with_a_figure() {
        assert_eq!(
            texts("Lee said: \u{201c}It is over.\u{201d} 25 homes burned. By May. Kim left."),
            [
                "Lee said: \u{201c}It is over.\u{201d}",
                "25 homes burned.",
                "By May.",
                "Kim left."
            ]
        );
    }

    #[test]
    fn keeps_a_quoted_question_with_its_attribution() {
        assert_eq!(
            texts("\u{201c}Who will pay for this?\u{201d} Ann Lee asked. She left."),
            [
                "\u{201c}Who will pay for this?\u{201d} Ann Lee asked.",
                "She left."
            ]
        );
    }

    #[test]
    fn keeps_a_title_with_the_name_after_it() {
        assert_eq!(
            texts("Ms. Ann Lee said so.\n\nMs. Jo Kim agreed."),
            ["Ms. Ann Lee said so.", "Ms. Jo Kim agreed."]
        );
    }
}
