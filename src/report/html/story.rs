//! One story's section, the same bytes on the one page of a single story and
//! on a story's own page in a corpus: its articles (title, date, link where
//! known), its disagreement cards, then its shared claims by number of outlets.

use std::fmt::Write;

use super::card::{card, cards};
use super::{escape, highlight};
use crate::model::{Article, StoryReport};

/// Appends the section of `story` to `h`.
pub fn section(h: &mut String, story: &StoryReport) {
    h.push_str("<section class=\"story\">\n");
    articles(h, &story.story.articles);
    let cards = cards(story);
    let _ = writeln!(
        h,
        "<h2>Disagreements ({})</h2>\n<p class=\"muted\">{} measure{} in conflict: one card each, \
         every outlet's figure on a number line (bars: the interval a hedge allows; dashed: open on that side).</p>",
        story.disagreements.len(),
        cards.len(),
        if cards.len() == 1 { "" } else { "s" }
    );
    if cards.is_empty() {
        h.push_str("<p class=\"muted\">None found.</p>\n");
    }
    for c in &cards {
        card(h, story, c);
    }
    shared_claims(h, story);
    h.push_str("</section>\n");
}

/// The articles, by outlet: title (linked when a web address is known), date,
/// byline, and the file or record it was read from.
fn articles(h: &mut String, articles: &[Article]) {
    let _ = writeln!(
        h,
        "<h2>Articles ({})</h2>\n<ul class=\"articles\">",
        articles.len()
    );
    for a in articles {
        let _ = write!(
            h,
            "<li><span class=\"outlet\">{}</span> ",
            escape(&a.outlet)
        );
        let title = a.title.as_deref().map(str::trim).filter(|t| !t.is_empty());
        match (title, a.url.as_deref().filter(|u| is_web_address(u))) {
            (Some(title), Some(url)) => {
                let _ = write!(h, "<a href=\"{}\">{}</a>", escape(url), escape(title));
            }
            (Some(title), None) => {
                let _ = write!(h, "{}", escape(title));
            }
            (None, Some(url)) => {
                let _ = write!(h, "<a href=\"{0}\">{0}</a>", escape(url));
            }
            (None, None) => h.push_str("<span class=\"muted\">(no title)</span>"),
        }
        let mut about: Vec<String> = Vec::new();
        if let Some(date) = a.date {
            about.push(date.to_string());
        }
        if let Some(byline) = a.byline.as_deref().filter(|b| !b.trim().is_empty()) {
            about.push(escape(byline.trim()));
        }
        about.push(format!("<code>{}</code>", escape(&a.source)));
        let _ = writeln!(
            h,
            " <span class=\"muted\">{}</span></li>",
            about.join(" · ")
        );
    }
    h.push_str("</ul>\n");
}

/// Whether a link may point at `url`: only web addresses, never `javascript:`
/// or a local file named in an export.
fn is_web_address(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The claims stated by two or more outlets, the most outlets first.
fn shared_claims(h: &mut String, story: &StoryReport) {
    let mut shared: Vec<_> = story.claims.iter().filter(|c| c.outlets > 1).collect();
    shared.sort_by(|a, b| {
        b.outlets
            .cmp(&a.outlets)
            .then(a.members[0].cmp(&b.members[0]))
    });
    let _ = writeln!(h, "<h2>Shared claims ({})</h2>", shared.len());
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

#[cfg(test)]
mod tests {
    use super::is_web_address;

    #[test]
    fn links_only_to_web_addresses() {
        assert!(is_web_address("https://example.org/a?b=1"));
        assert!(is_web_address("HTTP://example.org"));
        assert!(!is_web_address("javascript:alert(1)"));
        assert!(!is_web_address("file:///etc/passwd"));
        assert!(!is_web_address("https://example.org/a b"));
    }
}
