//! Cleaning: decides, line by line, what is article body, what is metadata
//! (headline, byline, date) and what is junk (advertising, prompts, credits;
//! the patterns are `junk`'s).
//!
//! Works on spans of the original text, so offsets survive cleaning.

use std::sync::LazyLock;

use regex::Regex;

use super::date::parse_date;
use crate::model::{Date, Span};
use crate::segment::is_space;

/// The outcome of cleaning one article's text.
#[derive(Debug, Default, PartialEq)]
pub struct Cleaned {
    /// Body blocks: runs of lines that form one paragraph.
    pub body: Vec<Span>,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub date: Option<Date>,
    /// The place (and agency) opening the first paragraph: "WASHINGTON (AP)".
    pub dateline: Option<String>,
    /// Metadata the file states about itself (front matter or `Outlet: ...` lines).
    pub outlet: Option<String>,
    pub story: Option<String>,
    pub url: Option<String>,
    /// Lines dropped as junk.
    pub dropped: usize,
}

/// A dateline opening the first paragraph: "WASHINGTON (AP) — ", "LAGOS, Nigeria - ".
/// The place and agency are metadata, not part of the first claim.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\p{Lu}{2}[\p{Lu}\p{M} .'’-]{1,40}(?:,\s*[\p{L}.’' ]{2,30}(?:\s\d{1,2})?)?\s*(?:\([\p{L}. ]{1,30}\)\s*)?[-–—]+\s+",
    )
    .expect("dateline pattern is valid")
});

/// "By Jane Doe", "by Jane Doe –", "- Associated Press - Wednesday, ...".
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:by)\s+\p{Lu}[\p{L}.'\- ]{1,60}(?:\s*[-–—,|].{0,60})?$|^[-–—]\s*\p{Lu}.{2,80}[-–—]",
    )
    .expect("byline pattern is valid")
});

/// A photo caption credit: "Some caption / AP", "... via AP".
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s/\s[^/.]{1,60}$|(?-u:\b)via\s+\p{Lu}{2,}\S*$").expect("credit pattern")
});

#[derive(Debug, Clone, Copy, PartialEq)]
enum Line {
    Blank,
    Junk,
    Byline,
    Date,
    /// A short line without a final stop: headline, kicker or section label.
    Heading,
    Body,
}

/// "Outlet: The Daily", "date: 2016-10-03": metadata at the top of a file or in
/// Markdown front matter.
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(outlet|source|publisher|site|title|headline|date|published|author|byline|url|link|story)\s*:\s*(\S.*)$")
        .expect("field pattern is valid")
});

/// Classifies every line and gathers body lines into blocks.
pub fn clean(text: &str) -> Cleaned {
    let mut out = Cleaned::default();
    let mut headings: Vec<&str> = Vec::new();
    let mut block: Option<Span> = None;
    let mut seen_body = false;
    let mut in_front_matter = false;
    let front_matter = has_front_matter(text);
    let mut offset = 0;
    for (n, raw) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim_matches(is_space);
        let lead = line.len() - line.trim_start_matches(is_space).len();
        let span = Span::new(start + lead, start + lead + trimmed.len());
        // Markdown front matter: "---" on the first line, metadata until the next "---".
        if trimmed == "---" && ((n == 0 && front_matter) || in_front_matter) {
            in_front_matter = n == 0;
            continue;
        }
        if in_front_matter || (!seen_body && metadata_field(trimmed, &mut out)) {
            if in_front_matter {
                metadata_field(trimmed, &mut out);
            }
            continue;
        }
        let kind = classify(trimmed, seen_body);
        match kind {
            Line::Body => {
                let span = if seen_body {
                    span
                } else {
                    after_dateline(text, span, &mut out)
                };
                seen_body = true;
                block = Some(match block {
                    // A line that does not end a sentence continues the paragraph (hard-wrapped text).
                    Some(b) if !ends_sentence(&text[b.start..b.end]) => {
                        Span::new(b.start, span.end)
                    }
                    Some(b) => {
                        out.body.push(b);
                        span
                    }
                    None => span,
                });
                continue;
            }
            Line::Blank => {}
            Line::Junk => out.dropped += 1,
            Line::Byline => {
                out.byline.get_or_insert_with(|| byline_name(trimmed));
                if out.date.is_none() {
                    out.date = parse_date(trimmed);
                }
            }
            Line::Date => {
                if out.date.is_none() {
                    out.date = parse_date(trimmed);
                }
            }
            Line::Heading => headings.push(trimmed.trim_start_matches('#').trim()),
        }
        if let Some(b) = block.take() {
            out.body.push(b);
        }
    }
    if let Some(b) = block {
        out.body.push(b);
    }
    if out.title.is_none() {
        out.title = headings
            .iter()
            .filter(|h| !h.is_empty())
            .max_by_key(|h| h.split_whitespace().count())
            .map(|h| h.to_string());
    }
    if out.date.is_none() {
        out.date = out
            .body
            .first()
            .and_then(|b| parse_date(text.get(b.start..b.end.min(b.start + 200)).unwrap_or("")));
    }
    out
}

/// Longest front matter read, in lines.
const MAX_FRONT_MATTER: usize = 100;

/// Whether the text opens with front matter: "---" on the first line, a closing
/// "---" within `MAX_FRONT_MATTER` lines, and only YAML-like lines between
/// (`key: value`, list items, indented lines, comments). A file that merely
/// opens with a rule keeps its text.
fn has_front_matter(text: &str) -> bool {
    let mut lines = text.lines().map(|l| l.trim_end_matches('\r'));
    if lines.next().map(|l| l.trim_matches(is_space)) != Some("---") {
        return false;
    }
    for line in lines.take(MAX_FRONT_MATTER) {
        let trimmed = line.trim_matches(is_space);
        if trimmed == "---" || trimmed == "..." {
            return true;
        }
        let yaml_like = trimmed.is_empty()
            || trimmed.starts_with('#')
            || trimmed.starts_with("- ")
            || line.starts_with([' ', '\t'])
            || trimmed.split_once(':').is_some_and(|(key, _)| {
                !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' ' | '"' | '\''))
            });
        if !yaml_like {
            return false;
        }
    }
    false
}

/// Records a `key: value` metadata line; false when the line is not one.
fn metadata_field(line: &str, out: &mut Cleaned) -> bool {
    let Some(caps) = FIELD.captures(line) else {
        return false;
    };
    let value = caps[2].trim().trim_matches(['"', '\'']).to_owned();
    match caps[1].to_ascii_lowercase().as_str() {
        "outlet" | "source" | "publisher" | "site" => out.outlet = Some(value),
        "title" | "headline" => out.title = Some(value),
        "date" | "published" => out.date = out.date.or_else(|| parse_date(&value)),
        "author" | "byline" => out.byline = Some(value),
        "url" | "link" => out.url = Some(value),
        _ => out.story = Some(value),
    }
    true
}

/// The first body line without its dateline, which is kept as metadata.
fn after_dateline(text: &str, span: Span, out: &mut Cleaned) -> Span {
    let line = &text[span.start..span.end];
    match DATELINE.find(line) {
        Some(m) if m.end() < line.len() => {
            let place = line[..m.end()]
                .trim_end_matches(|c: char| is_space(c) || matches!(c, '-' | '–' | '—'));
            out.dateline = Some(place.to_owned());
            Span::new(span.start + m.end(), span.end)
        }
        _ => span,
    }
}

fn classify(line: &str, seen_body: bool) -> Line {
    if line.is_empty()
        || line
            .chars()
            .all(|c| matches!(c, '-' | '*' | '_' | '=' | ' '))
    {
        return Line::Blank;
    }
    if super::junk::is_junk(line, ends_sentence(line)) {
        return Line::Junk;
    }
    // Markdown images and headings ("![..](..)", "## Background").
    if line.starts_with("![") {
        return Line::Junk;
    }
    if line.starts_with('#') {
        return Line::Heading;
    }
    // The rest never holds a line that ends a sentence: most body lines stop
    // here, before the patterns (the byline one is costly on every line).
    if ends_sentence(line) {
        return Line::Body;
    }
    let words = line.split_whitespace().count();
    if words <= 12 && BYLINE.is_match(line) {
        return Line::Byline;
    }
    if words <= 8 && parse_date(line).is_some() {
        return Line::Date;
    }
    if CREDIT.is_match(line) {
        return Line::Junk;
    }
    if !seen_body && words <= 20 {
        return Line::Heading;
    }
    Line::Body
}

/// Whether a line ends with a stop, a closing quote or bracket, or a colon.
pub(super) fn ends_sentence(s: &str) -> bool {
    s.trim_end().ends_with([
        '.', '!', '?', '"', '\'', '\u{201d}', '\u{2019}', ':', ';', ')',
    ])
}

fn byline_name(line: &str) -> String {
    let s = line.trim_start_matches(|c: char| is_space(c) || matches!(c, '-' | '–' | '—'));
    let s = match s.get(..2) {
        Some(by) if by.eq_ignore_ascii_case("by") && s[2..].starts_with(is_space) => &s[2..],
        _ => s,
    };
    s.split(['–', '—', '|'])
        .next()
        .unwrap_or(s)
        .split(" - ")
        .next()
        .unwrap_or(s)
        .trim_matches(|c: char| c.is_whitespace() || c == '-')
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Vec<&str> {
        clean(text)
            .body
            .iter()
            .map(|b| &text[b.start..b.end])
            .collect()
    }

    #[test]
    fn drops_advertising_and_prompts() {
        let text = "ADVERTISEMENT\n\nThe dam held.\n\nClick to Read More and View Comments\n";
        assert_eq!(body(text), ["The dam held."]);
        assert_eq!(clean(text).dropped, 2);
    }

    #[test]
    fn keeps_headline_byline_and_date_as_metadata() {
        let text = "Floods Hit the Coast\n\nBy Ana Ruiz\nMarch 4, 2021\n\nThe river rose.";
        let c = clean(text);
        assert_eq!(c.title.as_deref(), Some("Floods Hit the Coast"));
        assert_eq!(c.byline.as_deref(), Some("Ana Ruiz"));
        assert_eq!(c.date.map(|d| d.to_string()).as_deref(), Some("2021-03-04"));
        assert_eq!(body(text), ["The river rose."]);
    }

    #[test]
    fn joins_hard_wrapped_lines_into_one_paragraph() {
        assert_eq!(
            body("It began.\nThe river rose\nall night.\nIt fell."),
            ["It began.", "The river rose\nall night.", "It fell."]
        );
    }

    #[test]
    fn drops_photo_credits() {
        assert_eq!(
            body("A man waves / Reuters\n\nThe talks ended."),
            ["The talks ended."]
        );
    }

    #[test]
    fn reads_a_byline_after_a_no_break_space() {
        let c = clean("Talks Stall\n\nby\u{a0}Ana Ruiz\u{a0}\u{2013}\n\nThe talks stalled.");
        assert_eq!(c.byline.as_deref(), Some("Ana Ruiz"));
    }

    #[test]
    fn keeps_the_dateline_as_metadata() {
        let text = "LAGOS, Nigeria (AP) \u{2014} The vote ended calmly.\n\nIt was late.";
        let c = clean(text);
        assert_eq!(c.dateline.as_deref(), Some("LAGOS, Nigeria (AP)"));
        assert_eq!(body(text), ["The vote ended calmly.", "It was late."]);
    }

    #[test]
    fn a_file_opening_with_a_rule_and_no_front_matter_keeps_its_text() {
        let text = "---\nThe dam held through the night.\n\nAbout 4,000 people were moved.\n";
        let cleaned = clean(text);
        assert_eq!(cleaned.body.len(), 2, "{cleaned:?}");
        let text = "---\nThe dam held.\n---\nAbout 4,000 people were moved.\n";
        assert_eq!(clean(text).body.len(), 2);
    }

    #[test]
    fn reads_front_matter_and_header_fields() {
        let text = "---\ntitle: Dam Holds\noutlet: The Daily\ndate: 2016-10-03T08:00:00Z\n---\n# Dam Holds\n\nThe dam held.";
        let c = clean(text);
        assert_eq!(c.outlet.as_deref(), Some("The Daily"));
        assert_eq!(c.title.as_deref(), Some("Dam Holds"));
        assert_eq!(c.date.map(|d| d.to_string()).as_deref(), Some("2016-10-03"));
        assert_eq!(body(text), ["The dam held."]);
        let header = clean("Source: Evening Post\nThe dam held.");
        assert_eq!(header.outlet.as_deref(), Some("Evening Post"));
    }

    #[test]
    fn drops_navigation_only_without_a_final_stop() {
        let text =
            "The dam held.\nShare this article\nShare prices fell on Monday.\nRelated Coverage\n";
        assert_eq!(
            body(text),
            ["The dam held.", "Share prices fell on Monday."]
        );
    }

    #[test]
    fn drops_captions_credits_and_syndication_lines() {
        let text = "The dam held.\n\nRescuers reach the town on Monday. (AP Photo/Jo Smith)\n\nPhoto: Getty\n\nReprinted with permission from Example Wire.\n\nCopyright \u{a9} 2024 Example News, LLC.\n\nPlease read our comment policy before commenting.";
        assert_eq!(body(text), ["The dam held."]);
        assert_eq!(clean(text).dropped, 5);
    }

    #[test]
    fn keeps_a_short_sentence_that_holds_a_date() {
        assert_eq!(
            body("Talks began on October 3, 2016."),
            ["Talks began on October 3, 2016."]
        );
    }

    #[test]
    fn drops_a_wire_trailer() {
        let text = "The dam held.\n\n(Reporting by Jo Kim; Editing by Ann Lee)";
        assert_eq!(body(text), ["The dam held."]);
    }

    #[test]
    fn keeps_a_sentence_about_copyright() {
        let text = "The suit alleges copyright infringement by the studio.";
        assert_eq!(body(text), [text]);
    }
}
