//! `report.html`: one self-contained page (inline CSS, no scripts, no network)
//! that a reader opens in a browser: disagreements first, both sentences side by
//! side with the conflicting figures marked, then the shared claims by number of
//! outlets. Every piece of article text goes through `escape`.

use std::fmt::Write;

use super::{Totals, hedge_name};
use crate::model::{Disagreement, FigureRef, Skipped, StoryReport};
use crate::quantity::Quantity;

const STYLE: &str = "\
body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:76rem;padding:0 1rem;color:#222;background:#fff}\
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #ddd;margin-top:2.5rem}h3{margin-top:1.8rem}\
.muted{color:#666;font-size:90%}nav{margin:.5rem 0}\
.dis{border:1px solid #ddd;border-left:6px solid #d98b00;border-radius:4px;margin:1rem 0;padding:.6rem .9rem}\
.dis.major{border-left-color:#c0262d}.dis.update{border-left-color:#4a7bd0}\
.head{display:flex;flex-wrap:wrap;gap:.6rem;align-items:baseline}\
.badge{font-size:80%;font-weight:bold;text-transform:uppercase;padding:.05rem .45rem;border-radius:3px;color:#fff;background:#d98b00}\
.major .badge{background:#c0262d}.update .badge{background:#4a7bd0}\
.measure{font-weight:bold}.gap{margin-left:auto;font-variant-numeric:tabular-nums}\
.pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,20rem),1fr));gap:1rem;margin:.6rem 0}\
.side{background:#fafafa;border:1px solid #eee;border-radius:4px;padding:.5rem .7rem}\
.outlet{font-weight:bold}.fig{float:right;font-variant-numeric:tabular-nums;color:#444}\
mark{background:#ffd54f;padding:0 .15em;border-radius:2px;font-weight:bold}\
table{border-collapse:collapse;width:100%;margin:.6rem 0 1.2rem}td,th{border:1px solid #ddd;padding:.35rem .5rem;vertical-align:top;text-align:left}\
th{background:#f3f3f3}td.outlet{width:12rem;white-space:nowrap}\
.side,td,.muted,h2{overflow-wrap:anywhere}\
@media (max-width:40rem){body{margin:1rem auto;padding:0 .6rem}td,th{display:block}td.outlet{width:auto;white-space:normal;border-bottom:0;background:#fafafa}.gap{margin-left:0}}\
mark.q{background:#fff1b8;font-weight:normal}";

/// The top of the page: title, counts and the index of stories (name, disagreements).
pub fn head(totals: &Totals, stories: &[(String, usize)]) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>crossclaim report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>crossclaim report</h1>\n<p class=\"muted\">{}</p>\n",
        totals.line()
    );
    if stories.len() > 1 {
        let links: Vec<String> = stories
            .iter()
            .enumerate()
            .map(|(i, (name, count))| {
                format!("<a href=\"#story-{i}\">{}</a> ({count})", escape(name))
            })
            .collect();
        let _ = write!(h, "<nav>Stories (disagreements): {}", links.join(" · "));
        h.push_str("</nav>\n");
    }
    h
}

/// What follows the story sections: what was skipped, and the end of the page.
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

/// One story: its disagreements side by side, then its shared claims.
pub fn story_section(h: &mut String, index: usize, story: &StoryReport) {
    let outlets: Vec<String> = story
        .story
        .articles
        .iter()
        .map(|a| escape(&a.outlet))
        .collect();
    let _ = writeln!(
        h,
        "<h2 id=\"story-{index}\">Story {}</h2>\n<p class=\"muted\">Outlets: {}.</p>",
        escape(&story.story.name),
        outlets.join(", ")
    );
    let _ = writeln!(h, "<h3>Disagreements ({})</h3>", story.disagreements.len());
    if story.disagreements.is_empty() {
        h.push_str("<p class=\"muted\">None found.</p>\n");
    }
    for d in &story.disagreements {
        disagreement(h, story, d);
    }
    let mut shared: Vec<_> = story.claims.iter().filter(|c| c.outlets > 1).collect();
    shared.sort_by(|a, b| {
        b.outlets
            .cmp(&a.outlets)
            .then(a.members[0].cmp(&b.members[0]))
    });
    let _ = writeln!(h, "<h3>Shared claims ({})</h3>", shared.len());
    if shared.is_empty() {
        h.push_str("<p class=\"muted\">No claim is stated by more than one outlet.</p>\n");
    }
    for claim in shared {
        let _ = writeln!(
            h,
            "<table id=\"{}\"><tr><th colspan=\"2\">{} outlets <span class=\"muted\">{}</span></th></tr>",
            escape(&claim.id),
            claim.outlets,
            escape(&claim.id)
        );
        for &m in &claim.members {
            let _ = writeln!(
                h,
                "<tr><td class=\"outlet\">{}</td><td>{}</td></tr>",
                escape(&story.article_of(m).outlet),
                highlight(&story.sentences[m].text, &story.quantities[m], None)
            );
        }
        h.push_str("</table>\n");
    }
}

/// One disagreement: a heading line, the two sentences side by side, the why.
fn disagreement(h: &mut String, story: &StoryReport, d: &Disagreement) {
    let class = match d.verdict {
        crate::model::Verdict::Update => "update",
        _ => d.severity.as_str(),
    };
    let _ = writeln!(
        h,
        "<section class=\"dis {class}\" id=\"{}\">\n<div class=\"head\"><span class=\"badge\">{}</span>\
         <span>{}</span><span class=\"measure\">{}</span><span class=\"gap\">{:.1}% apart</span></div>\n\
         <div class=\"pair\">{}{}</div>\n<div class=\"muted\">{} · <code>{}</code></div>\n</section>",
        escape(&d.id),
        d.severity.as_str(),
        d.verdict.as_str().replace('_', " "),
        escape(&d.measure),
        d.relative_difference * 100.0,
        side(story, d.a),
        side(story, d.b),
        escape(&d.explanation),
        escape(&d.id)
    );
}

fn side(story: &StoryReport, r: FigureRef) -> String {
    let q = story.figure(r);
    let s = &story.sentences[r.sentence];
    let (value, unit) = super::readable(q.value, &q.unit);
    format!(
        "<div class=\"side\"><span class=\"outlet\">{}</span><span class=\"fig\">{} {} ({})</span><p>{}</p></div>",
        escape(&story.article_of(r.sentence).outlet),
        grouped(value),
        escape(unit),
        hedge_name(q.hedge).replace('_', " "),
        highlight(&s.text, &story.quantities[r.sentence], Some(r.quantity))
    )
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
