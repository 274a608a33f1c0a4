//! `report.html`: self-contained pages (inline CSS, no scripts, no network)
//! that a reader opens in a browser. A single story is one page: its articles,
//! a card per measure in conflict with the figures on a number line, then the
//! shared claims. Several stories make an index (`index.rs`) with one page per
//! story beside it. Every piece of article text goes through `escape`.

mod card;
pub mod index;
mod line;
mod story;

use std::fmt::Write;

use super::Totals;
use crate::model::Skipped;
use crate::quantity::Quantity;

pub use story::section as story_section;

const STYLE: &str = "\
body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:76rem;padding:0 1rem;color:#222;background:#fff}\
h1{margin:.1rem 0 .2rem;overflow-wrap:anywhere}h2{border-bottom:2px solid #ddd;margin-top:2.2rem}\
.muted{color:#666;font-size:90%}.kicker{margin:0;color:#666}\
.articles{padding-left:1.2rem}.articles li{margin:.2rem 0}\
.dis{border:1px solid #ddd;border-left:6px solid #d98b00;border-radius:4px;margin:1rem 0;padding:.6rem .9rem}\
.dis.major{border-left-color:#c0262d}.dis.update{border-left-color:#4a7bd0}\
.head{display:flex;flex-wrap:wrap;gap:.2rem .6rem;align-items:baseline}\
.badge{font-size:80%;font-weight:bold;text-transform:uppercase;padding:.05rem .45rem;border-radius:3px;color:#fff;background:#d98b00}\
.major .badge{background:#c0262d}.update .badge{background:#4a7bd0}\
.measure{font-weight:bold}.gap{margin-left:auto;font-variant-numeric:tabular-nums}\
.nl{display:block;margin:.5rem 0 .2rem}.nl text{font-size:12px;fill:#555}.nl .w{font-weight:bold;fill:#222}\
.nl .ax,.nl .tk{stroke:#999}.nl .gd{stroke:#eee}.nl .iv{stroke:#9db6d9;stroke-width:7;stroke-linecap:round}\
.nl .open{stroke-width:3;stroke-dasharray:4 3;stroke-linecap:butt;opacity:.8}.nl .dot{fill:#222}.major .nl .dot{fill:#c0262d}.minor .nl .dot{fill:#b36b00}\
.pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,20rem),1fr));gap:1rem;margin:.6rem 0}\
.side{background:#fafafa;border:1px solid #eee;border-radius:4px;padding:.5rem .7rem}\
.outlet{font-weight:bold}.fig{float:right;font-variant-numeric:tabular-nums;color:#444;margin-left:.5rem}\
.rows{margin:.3rem 0;padding-left:1.2rem;color:#555;font-size:90%}\
mark{background:#ffd54f;padding:0 .15em;border-radius:2px;font-weight:bold}\
table{border-collapse:collapse;width:100%;margin:.6rem 0 1.2rem}td,th{border:1px solid #ddd;padding:.35rem .5rem;vertical-align:top;text-align:left}\
th{background:#f3f3f3}td.outlet{width:12rem;white-space:nowrap}\
.index th{position:sticky;top:0}.index .n{width:1%;text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.index .zero{color:#bbb}\
.side,td,.muted,h2,.rows{overflow-wrap:anywhere}\
@media (max-width:40rem){body{margin:1rem auto;padding:0 .6rem}td,th{display:block}td.outlet{width:auto;white-space:normal;border-bottom:0;background:#fafafa}.gap{margin-left:0}\
.index td,.index th{display:table-cell}.index .wide{display:none}.fig{float:none;display:block;margin:0}}\
mark.q{background:#fff1b8;font-weight:normal}";

/// The start of every page, up to and including `<body>`.
fn document_head(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(title)
    )
}

/// The top of the page of a run with one story: its name and the counts.
/// The story's section follows.
pub fn single_head(totals: &Totals, story: &str) -> String {
    let mut h = document_head(&format!("{story} · crossclaim report"));
    let _ = writeln!(
        h,
        "<p class=\"kicker\">crossclaim report</p>\n<h1>{}</h1>\n<p class=\"muted\">{}</p>",
        escape(story),
        totals.line()
    );
    h
}

/// The top of a story's own page in a corpus: a way back to the index and to
/// its neighbours in the index's order, its name and its counts.
pub fn story_page_head(
    entry: &index::Entry,
    position: usize,
    of: usize,
    previous: Option<&index::Entry>,
    next: Option<&index::Entry>,
) -> String {
    let mut h = document_head(&format!("{} · crossclaim report", entry.name));
    let neighbour = |e: Option<&index::Entry>, text: &str| {
        e.map_or(String::new(), |e| {
            format!(" · <a href=\"{}.html\">{text}</a>", escape(&e.slug))
        })
    };
    let _ = writeln!(
        h,
        "<p class=\"kicker\"><a href=\"../report.html\">crossclaim report</a> · story {} of {} by disagreements{}{}</p>\n\
         <h1>{}</h1>\n<p class=\"muted\">{} major, {} minor, {} updates; {} articles from {} outlets; {} shared claims.</p>",
        position + 1,
        of,
        neighbour(previous, "previous"),
        neighbour(next, "next"),
        escape(&entry.name),
        entry.major,
        entry.minor,
        entry.updates,
        entry.articles,
        entry.outlets,
        entry.shared
    );
    h
}

/// The end of a story's own page.
pub fn story_page_tail() -> &'static str {
    "<p class=\"kicker\"><a href=\"../report.html\">All stories</a></p>\n</body>\n</html>\n"
}

/// What follows the story section or the index: what was skipped, and the end of the page.
pub fn tail(skipped: &[Skipped]) -> String {
    let mut h = String::new();
    if !skipped.is_empty() {
        h.push_str("<h2>Skipped inputs</h2>\n<ul>\n");
        for s in skipped {
            let _ = writeln!(
                h,
                "<li><code>{}</code>: {}</li>",
                escape(&s.path),
                escape(&s.reason)
            );
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</body>\n</html>\n");
    h
}

/// Escapes the sentence and marks its figures: with `only`, that figure strongly
/// and the others not at all; without, every figure lightly.
fn highlight(text: &str, quantities: &[Quantity], only: Option<usize>) -> String {
    let mut out = String::new();
    let mut at = 0;
    for (i, q) in quantities.iter().enumerate() {
        let wanted = match only {
            Some(o) => o == i,
            None => q.kind.is_figure(),
        };
        let inside = q.start >= at
            && q.end <= text.len()
            && text.is_char_boundary(q.start)
            && text.is_char_boundary(q.end);
        if !wanted || !inside {
            continue;
        }
        out.push_str(&escape(&text[at..q.start]));
        let class = if only.is_some() { "" } else { " class=\"q\"" };
        let _ = write!(out, "<mark{class}>{}</mark>", escape(&text[q.start..q.end]));
        at = q.end;
    }
    out.push_str(&escape(&text[at..]));
    out
}

/// A figure for reading: thousands grouped (`1,200`, `2,500.5`).
fn grouped(x: f64) -> String {
    let plain = super::plain_number(x);
    let (sign, rest) = plain.split_at(usize::from(plain.starts_with('-')));
    let (int, frac) = rest.split_at(rest.find('.').unwrap_or(rest.len()));
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out + frac
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{escape, grouped};

    #[test]
    fn groups_thousands_for_reading() {
        assert_eq!(grouped(1200.0), "1,200");
        assert_eq!(grouped(-1234567.5), "-1,234,567.5");
        assert_eq!(grouped(999.0), "999");
        assert_eq!(grouped(0.25), "0.25");
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(escape("5½ — ’"), "5½ — ’");
    }
}
