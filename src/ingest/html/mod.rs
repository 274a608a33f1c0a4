//! HTML pages: the main text comes from dom_smoothie, a port of Mozilla's
//! Readability, which drops navigation, asides, ads and footers. Article text is
//! the extracted text, with one paragraph per line; offsets point into it. The
//! page's address comes from its canonical link, `og:url` or JSON-LD (`canonical`).
//! Pages reach it bounded in depth and size (`nesting`), so one hostile page
//! costs bounded time and stack.

mod canonical;
mod nesting;
mod tags;

use dom_smoothie::{Config, Readability, TextMode};

/// The readable part of one HTML page.
#[derive(Debug, Default, PartialEq)]
pub struct Page {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub text: String,
}

/// Extracts the article from an HTML page, or says why there is none.
pub fn extract(html: &str) -> Result<Page, String> {
    let html = nesting::bound(html)?;
    let config = Config {
        text_mode: TextMode::Formatted,
        // The parser adds the elements a page leaves implied (html, body,
        // tbody, ...): a second guard, above what `nesting` lets through.
        max_elements_to_parse: 2 * nesting::MAX_ELEMENTS,
        ..Config::default()
    };
    let mut reader = Readability::new(html.as_ref(), None, Some(config))
        .map_err(|e| format!("cannot parse the HTML ({e})"))?;
    // Before `parse`, which removes the scripts that hold JSON-LD.
    let canonical = canonical::read(&reader);
    let article = reader
        .parse()
        .map_err(|e| format!("no article text found in the HTML ({e})"))?;
    let non_empty = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    Ok(Page {
        title: non_empty(Some(article.title.clone())),
        byline: non_empty(article.byline),
        published: non_empty(article.published_time),
        site: non_empty(article.site_name),
        url: canonical.or_else(|| non_empty(article.url)),
        text: article.text_content.to_string(),
    })
}

/// Whether text that came as a record field is HTML rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<p>")
        || head.starts_with("<p ")
        || head.starts_with("<div")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><title>Dam Holds After Storm</title>
<meta name="author" content="Ana Ruiz"><meta property="article:published_time" content="2016-10-03T10:00:00Z">
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Dam Holds After Storm</h1>
<p>The dam held through the night, engineers said on Monday, after the river rose to a record height.</p>
<p>About 4,000 people were moved to higher ground as a precaution, and most returned home by noon.</p>
<p>Officials said the repairs made last year had done their job, and that no one was hurt.</p>
</article><footer>Copyright 2016 Example News</footer></body></html>"#;

    #[test]
    fn extracts_the_article_without_navigation_or_footer() {
        let page = extract(PAGE).unwrap();
        assert!(
            page.text.contains("The dam held through the night"),
            "{}",
            page.text
        );
        assert!(page.text.contains("no one was hurt."));
        assert!(!page.text.contains("Home"));
        assert!(!page.text.contains("Copyright"));
        assert_eq!(page.title.as_deref(), Some("Dam Holds After Storm"));
        assert_eq!(page.byline.as_deref(), Some("Ana Ruiz"));
        assert!(page.published.unwrap().starts_with("2016-10-03"));
    }

    #[test]
    fn recognises_html_in_a_record_field() {
        assert!(looks_like_html("  <p>It rained.</p>"));
        assert!(!looks_like_html("It rained. <b>Then</b> it snowed."));
    }
}
