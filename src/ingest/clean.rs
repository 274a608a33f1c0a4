//! Cleaning: decides, line by line, what is article body, what is metadata
//! (headline, byline, date) and what is junk (advertising, prompts, credits).
//!
//! Works on spans of the original text, so offsets survive cleaning.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Date, Span};

/// The outcome of cleaning one article's text.
#[derive(Debug, Default, PartialEq)]
pub struct Cleaned {
    /// Body blocks: runs of lines that form one paragraph.
    pub body: Vec<Span>,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub date: Option<Date>,
    /// Lines dropped as junk.
    pub dropped: usize,
}

/// Lines that are never article text: advertising, calls to action, comment
/// prompts, copyright and syndication notices.
static JUNK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            advertisement | sponsored(?:\ content)? | ad
          | click\ (?:to|here)\b.* | tap\ to\b.* | read\ more\b.* | see\ also\b.* | related\b.{0,60}
          | (?:please\ )?read\ our\ comment\ policy.* | (?:view|show|hide|load)\ comments?.*
          | (?:share|follow\ us|subscribe|sign\ up)\b.{0,80}
          | .*\bcopyright\b.* | ©.* | .{0,60}\(c\)\ \d{4}.* | all\ rights\ reserved.*
          | reprinted\ with\ permission.* | this\ (?:article|story)\ (?:was|first)\ (?:originally\ )?(?:published|appeared).*
          | (?:photo|image|picture|video)(?:\ credit)?\s*[:/].*
          | skip\ to\b.* | jump\ to\b.*
        )$",
    )
    .expect("junk pattern is valid")
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
    Regex::new(r"\s/\s[^/.]{1,60}$|\bvia\s+\p{Lu}{2,}\S*$").expect("credit pattern")
});

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:
            (?P<m1>jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+(?P<d1>\d{1,2}),?\s+(?P<y1>(?:19|20)\d{2})
          | (?P<d2>\d{1,2})\s+(?P<m2>jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?,?\s+(?P<y2>(?:19|20)\d{2})
          | (?P<y3>(?:19|20)\d{2})-(?P<m3>\d{2})-(?P<d3>\d{2})
        )\b",
    )
    .expect("date pattern is valid")
});

/// Finds the first full date (with a year) in `s`.
pub fn parse_date(s: &str) -> Option<Date> {
    let caps = DATE.captures(s)?;
    let (y, m, d) = if let Some(y) = caps.name("y1") {
        (y, month_number(&caps["m1"])?, &caps["d1"])
    } else if let Some(y) = caps.name("y2") {
        (y, month_number(&caps["m2"])?, &caps["d2"])
    } else {
        (caps.name("y3")?, caps["m3"].parse().ok()?, &caps["d3"])
    };
    let date = Date {
        year: y.as_str().parse().ok()?,
        month: m,
        day: d.parse().ok()?,
    };
    ((1..=12).contains(&date.month) && (1..=31).contains(&date.day)).then_some(date)
}

fn month_number(name: &str) -> Option<u8> {
    let key = name.get(..3)?.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months.iter().position(|m| *m == key).map(|i| i as u8 + 1)
}

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

/// Classifies every line and gathers body lines into blocks.
pub fn clean(text: &str) -> Cleaned {
    let mut out = Cleaned::default();
    let mut headings: Vec<&str> = Vec::new();
    let mut block: Option<Span> = None;
    let mut seen_body = false;
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        let lead = line.len() - line.trim_start().len();
        let span = Span::new(start + lead, start + lead + trimmed.len());
        let kind = classify(trimmed, seen_body);
        match kind {
            Line::Body => {
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
            Line::Heading => headings.push(trimmed),
        }
        if let Some(b) = block.take() {
            out.body.push(b);
        }
    }
    if let Some(b) = block {
        out.body.push(b);
    }
    out.title = headings
        .iter()
        .max_by_key(|h| h.split_whitespace().count())
        .map(|h| h.to_string());
    if out.date.is_none() {
        out.date = out.body.first().and_then(|b| {
            parse_date(
                text[b.start..b.end]
                    .get(..200)
                    .unwrap_or(&text[b.start..b.end]),
            )
        });
    }
    out
}

fn classify(line: &str, seen_body: bool) -> Line {
    if line.is_empty() {
        return Line::Blank;
    }
    if JUNK.is_match(line) {
        return Line::Junk;
    }
    let words = line.split_whitespace().count();
    if words <= 12 && BYLINE.is_match(line) && !ends_sentence(line) {
        return Line::Byline;
    }
    if words <= 8 && parse_date(line).is_some() {
        return Line::Date;
    }
    if !ends_sentence(line) && CREDIT.is_match(line) {
        return Line::Junk;
    }
    if !seen_body && words <= 20 && !ends_sentence(line) {
        return Line::Heading;
    }
    Line::Body
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end().ends_with([
        '.', '!', '?', '"', '\'', '\u{201d}', '\u{2019}', ':', ';', ')',
    ])
}

fn byline_name(line: &str) -> String {
    let s = line.trim_start_matches(['-', '–', '—', ' ']);
    let s = s
        .strip_prefix("By ")
        .or_else(|| s.strip_prefix("by "))
        .unwrap_or(s);
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
    fn parses_weekday_dates() {
        let d = parse_date("- Wire Service - Wednesday, September 28, 2016").unwrap();
        assert_eq!(d.to_string(), "2016-09-28");
    }

    #[test]
    fn drops_photo_credits() {
        assert_eq!(
            body("A man waves / Reuters\n\nThe talks ended."),
            ["The talks ended."]
        );
    }
}
