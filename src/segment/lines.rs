//! Line breaks: decides which newlines end a sentence and which are only a wrap.
//!
//! sentencex treats a single newline as a space, which joins headlines, list
//! lines and labels to the text below them. A newline is a hard break here when
//! the line above has no final stop and either nothing later in the paragraph
//! has one (a list of labels) or the line reads as a heading above new text.

use crate::model::Span;

/// Splits `text` into pieces that no sentence crosses: paragraphs (blank lines
/// between) cut further at hard line breaks. Pieces keep their line wraps inside.
pub fn pieces(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut paragraph: Vec<Span> = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        if is_blank(line) {
            cut_paragraph(text, &paragraph, &mut out);
            paragraph.clear();
        } else {
            paragraph.push(Span::new(start, start + line.len()));
        }
    }
    cut_paragraph(text, &paragraph, &mut out);
    out
}

fn cut_paragraph(text: &str, lines: &[Span], out: &mut Vec<Span>) {
    let Some(first) = lines.first() else {
        return;
    };
    let stops: Vec<bool> = lines
        .iter()
        .map(|l| ends_with_stop(&text[l.start..l.end]))
        .collect();
    // later_stop[i]: some line from i on ends with a stop.
    let mut later_stop = vec![false; lines.len() + 1];
    for i in (0..lines.len()).rev() {
        later_stop[i] = stops[i] || later_stop[i + 1];
    }
    let mut start = first.start;
    for i in 0..lines.len() - 1 {
        let (line, next) = (
            &text[lines[i].start..lines[i].end],
            &text[lines[i + 1].start..lines[i + 1].end],
        );
        let hard = !stops[i] && (!later_stop[i + 1] || reads_as_heading(line, next));
        if hard {
            out.push(Span::new(start, lines[i].end));
            start = lines[i + 1].start;
        }
    }
    out.push(Span::new(start, lines[lines.len() - 1].end));
}

/// Whitespace, zero-width marks and byte-order marks only.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(is_space)
}

/// Characters that separate words without being text: every Unicode space plus
/// the zero-width marks news sites leave in (which `char::is_whitespace` misses).
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
        )
}

/// Whether a line ends with a sentence stop, possibly inside closing quotes or brackets.
pub fn ends_with_stop(line: &str) -> bool {
    let s = line.trim_end_matches(|c: char| {
        is_space(c)
            || matches!(
                c,
                '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']' | '\u{bb}'
            )
    });
    s.ends_with(['.', '!', '?', '\u{2026}', ':', ';'])
}

/// A line without a stop followed by a capitalised line is a heading, byline or
/// label when most of its longer words are capitalised ("Russia Dismisses Talks").
/// A wrapped sentence line is mostly lower case.
fn reads_as_heading(line: &str, next: &str) -> bool {
    let next_starts_new = next
        .trim_start_matches(|c: char| {
            is_space(c) || matches!(c, '"' | '\'' | '\u{201c}' | '\u{2018}')
        })
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    if !next_starts_new {
        return false;
    }
    let words: Vec<&str> = line
        .split(is_space)
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .collect();
    if words.is_empty() {
        return true;
    }
    let capitalised = words
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    capitalised * 10 >= words.len() * 6
}

#[cfg(test)]
mod tests {
    use super::pieces;

    fn texts(text: &str) -> Vec<&str> {
        pieces(text).iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn joins_a_line_wrapped_inside_a_sentence() {
        assert_eq!(
            texts("It was a cold \nnight in the city."),
            ["It was a cold \nnight in the city."]
        );
    }

    #[test]
    fn keeps_lines_of_labels_apart() {
        assert_eq!(
            texts("features\ncontact manager\nevents, activities\n"),
            ["features", "contact manager", "events, activities"]
        );
    }

    #[test]
    fn cuts_a_headline_from_the_text_below() {
        assert_eq!(
            texts("Floods Hit the Coast Again\nThe river rose all night."),
            ["Floods Hit the Coast Again", "The river rose all night."]
        );
    }

    #[test]
    fn joins_a_wrap_before_a_capitalised_word() {
        assert_eq!(
            texts("The minister met officials from\nRussia on Monday.\r\n\r\nNext one."),
            [
                "The minister met officials from\nRussia on Monday.",
                "Next one."
            ]
        );
    }
}
