//! `report.html`: one self-contained page (inline CSS, no scripts, no network):
//! disagreements first, both sentences side by side with the figures marked, then
//! the shared claims by number of outlets.

use std::fmt::Write;

use super::Totals;
use crate::model::{Analysis, StoryReport};
use crate::quantity::Quantity;

const STYLE: &str = "body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;color:#222}\
table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border:1px solid #ccc;padding:.4rem;vertical-align:top;text-align:left}\
th{background:#f3f3f3}mark{background:#ffe08a;padding:0 .1em}.major{color:#a00;font-weight:bold}.minor{color:#a60}\
.muted{color:#666;font-size:90%}h2{border-bottom:2px solid #ddd}";

pub fn page(analysis: &Analysis) -> String {
    let t = Totals::of(analysis);
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>crossclaim report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>crossclaim report</h1>\n<p>{} stories, {} articles, {} sentences, {} shared claims, {} disagreements.</p>\n",
        t.stories, t.articles, t.sentences, t.shared_claims, t.disagreements
    );
    for story in &analysis.stories {
        story_section(&mut h, story);
    }
    if !analysis.skipped.is_empty() {
        h.push_str("<h2>Skipped inputs</h2>\n<ul>\n");
        for s in &analysis.skipped {
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

fn story_section(h: &mut String, story: &StoryReport) {
    let _ = writeln!(h, "<h2>Story {}</h2>", escape(&story.story.name));
    let _ = writeln!(h, "<h3>Disagreements ({})</h3>", story.disagreements.len());
    if !story.disagreements.is_empty() {
        h.push_str("<table>\n<tr><th>severity</th><th>measure</th><th>outlet A</th><th>outlet B</th></tr>\n");
        for d in &story.disagreements {
            let side = |r: crate::model::FigureRef| {
                let s = &story.sentences[r.sentence];
                format!(
                    "<b>{}</b><br>{}",
                    escape(&story.article_of(r.sentence).outlet),
                    highlight(&s.text, &story.quantities[r.sentence], Some(r.quantity))
                )
            };
            let _ = writeln!(
                h,
                "<tr id=\"{}\"><td class=\"{}\">{} {}</td><td>{}<br><span class=\"muted\">{}</span></td><td>{}</td><td>{}</td></tr>",
                escape(&d.id),
                d.severity.as_str(),
                d.severity.as_str(),
                d.verdict.as_str().replace('_', " "),
                escape(&d.measure),
                escape(&d.explanation),
                side(d.a),
                side(d.b)
            );
        }
        h.push_str("</table>\n");
    }
    let mut shared: Vec<_> = story.claims.iter().filter(|c| c.outlets > 1).collect();
    shared.sort_by(|a, b| {
        b.outlets
            .cmp(&a.outlets)
            .then(a.members[0].cmp(&b.members[0]))
    });
    let _ = writeln!(h, "<h3>Shared claims ({})</h3>", shared.len());
    for claim in shared {
        let _ = writeln!(
            h,
            "<table id=\"{}\"><tr><th colspan=\"2\">{} outlets</th></tr>",
            escape(&claim.id),
            claim.outlets
        );
        for &m in &claim.members {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td></tr>",
                escape(&story.article_of(m).outlet),
                highlight(&story.sentences[m].text, &story.quantities[m], None)
            );
        }
        h.push_str("</table>\n");
    }
}

/// Escapes the sentence and marks its figures; `only` marks just one of them.
fn highlight(text: &str, quantities: &[Quantity], only: Option<usize>) -> String {
    let mut out = String::new();
    let mut at = 0;
    for (i, q) in quantities.iter().enumerate() {
        if !q.kind.is_figure() || only.is_some_and(|o| o != i) || q.start < at || q.end > text.len()
        {
            continue;
        }
        out.push_str(&escape(&text[at..q.start]));
        let _ = write!(out, "<mark>{}</mark>", escape(&text[q.start..q.end]));
        at = q.end;
    }
    out.push_str(&escape(&text[at..]));
    out
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
