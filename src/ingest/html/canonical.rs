//! The page's own address, which reports link to: `<link rel="canonical">`,
//! else `og:url`, else the JSON-LD article's `mainEntityOfPage` or `url`
//! (objects in an array or an `@graph` too). Read before Readability parses
//! the page, which removes the scripts that hold the JSON-LD. Only http(s)
//! addresses are kept; a relative canonical link is resolved against the
//! page's other address when it has one.

use dom_smoothie::Readability;
use serde_json::Value;

/// The canonical address of the page loaded in `reader`, if it states one.
pub fn read(reader: &Readability) -> Option<String> {
    let doc = &reader.doc;
    let canonical = doc
        .select("link[href]")
        .iter()
        .filter(|link| {
            link.attr("rel").is_some_and(|rel| {
                rel.split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
            })
        })
        .find_map(|link| non_empty(&link.attr("href")?));
    let og = doc
        .select("meta[content]")
        .iter()
        .filter(|meta| {
            let key = meta.attr("property").or_else(|| meta.attr("name"));
            key.is_some_and(|k| k.trim().eq_ignore_ascii_case("og:url"))
        })
        .find_map(|meta| non_empty(&meta.attr("content")?));
    let json_ld = doc
        .select("script[type]")
        .iter()
        .filter(|script| {
            script.attr("type").is_some_and(|t| {
                t.trim()
                    .to_ascii_lowercase()
                    .starts_with("application/ld+json")
            })
        })
        .find_map(|script| json_ld_url(&script.text()));
    let found = [canonical, og, json_ld];
    let base = found.iter().flatten().find(|u| is_http(u)).cloned();
    found
        .into_iter()
        .flatten()
        .find_map(|url| absolute(&url, base.as_deref()))
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

fn is_http(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// `url` as an absolute http(s) address: as it is, or a `//host/...` or
/// `/path` one completed from `base`. Anything else (`javascript:`, a bare
/// path with no base) is no address.
fn absolute(url: &str, base: Option<&str>) -> Option<String> {
    if is_http(url) {
        return Some(url.to_owned());
    }
    let base = base?;
    let (scheme, rest) = base.split_once("://")?;
    if let Some(host_path) = url.strip_prefix("//") {
        return Some(format!("{scheme}://{host_path}"));
    }
    if url.starts_with('/') {
        let host = rest.split(['/', '?', '#']).next()?;
        return Some(format!("{scheme}://{host}{url}"));
    }
    None
}

/// The address a JSON-LD block gives for its article: `mainEntityOfPage`
/// (a string, or an object's `@id` or `url`), else `url`; a `WebPage`'s `url`
/// or `@id` when the block names no article.
fn json_ld_url(text: &str) -> Option<String> {
    let text = text.trim();
    let text = text
        .strip_prefix("<![CDATA[")
        .and_then(|t| t.strip_suffix("]]>"))
        .unwrap_or(text);
    let value: Value = serde_json::from_str(text).ok()?;
    let mut objects = Vec::new();
    flatten(&value, &mut objects, 0);
    let article = objects.iter().filter(|o| has_type(o, is_article_type));
    let from_article = article.clone().find_map(|o| {
        let page = o.get("mainEntityOfPage");
        let page = page.and_then(|p| {
            p.as_str()
                .or_else(|| p.get("@id").and_then(Value::as_str))
                .or_else(|| p.get("url").and_then(Value::as_str))
        });
        page.and_then(non_empty)
            .filter(|u| is_http(u))
            .or_else(|| o.get("url").and_then(Value::as_str).and_then(non_empty))
    });
    from_article.or_else(|| {
        objects
            .iter()
            .filter(|o| has_type(o, |t| t == "WebPage"))
            .find_map(|o| {
                let url = o.get("url").or_else(|| o.get("@id"));
                url.and_then(Value::as_str).and_then(non_empty)
            })
    })
}

/// Deepest nesting of arrays and `@graph`s looked into.
const MAX_DEPTH: usize = 4;

/// The objects of a JSON-LD value: itself, the items of an array, the
/// members of an `@graph`.
fn flatten<'a>(value: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|v| flatten(v, out, depth + 1)),
        Value::Object(map) => {
            out.push(value);
            if let Some(graph) = map.get("@graph") {
                flatten(graph, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// Whether a JSON-LD object's `@type` (a string or a list) passes `test`.
fn has_type(object: &Value, test: impl Fn(&str) -> bool) -> bool {
    match object.get("@type") {
        Some(Value::String(t)) => test(t),
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).any(test),
        _ => false,
    }
}

/// schema.org's article types: Article, NewsArticle, ReportageNewsArticle,
/// BlogPosting, LiveBlogPosting, ...
fn is_article_type(t: &str) -> bool {
    t.ends_with("Article") || t.ends_with("BlogPosting") || t == "Report"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url_of(head: &str) -> Option<String> {
        let page = format!("<html><head>{head}</head><body><p>The dam held.</p></body></html>");
        let reader = Readability::new(page, None, None).expect("parses");
        read(&reader)
    }

    #[test]
    fn reads_the_canonical_link_first() {
        let head = r#"<meta property="og:url" content="https://example.org/og">
            <link rel="alternate canonical" href=" https://example.org/canon ">"#;
        assert_eq!(url_of(head).as_deref(), Some("https://example.org/canon"));
    }

    #[test]
    fn reads_og_url_without_a_canonical_link() {
        let head = r#"<meta property="og:url" content="https://example.org/og">"#;
        assert_eq!(url_of(head).as_deref(), Some("https://example.org/og"));
    }

    #[test]
    fn resolves_a_relative_canonical_link_against_og_url() {
        let head = r#"<link rel="canonical" href="/world/dam-holds">
            <meta name="og:url" content="https://news.example.org/x?y=1">"#;
        assert_eq!(
            url_of(head).as_deref(),
            Some("https://news.example.org/world/dam-holds")
        );
        assert_eq!(url_of(r#"<link rel="canonical" href="/a">"#), None);
    }

    #[test]
    fn reads_json_ld_main_entity_then_url_in_a_graph() {
        let head = r#"<script type="application/ld+json">
            {"@context": "https://schema.org", "@graph": [
              {"@type": "Organization", "url": "https://example.org/"},
              {"@type": ["NewsArticle"], "url": "https://example.org/u",
               "mainEntityOfPage": {"@type": "WebPage", "@id": "https://example.org/m"}}]}
            </script>"#;
        assert_eq!(url_of(head).as_deref(), Some("https://example.org/m"));
        let head = r#"<script type="application/ld+json">
            [{"@type": "WebSite", "url": "https://example.org/"},
             {"@type": "BlogPosting", "url": "https://example.org/post"}]</script>"#;
        assert_eq!(url_of(head).as_deref(), Some("https://example.org/post"));
    }

    #[test]
    fn ignores_what_is_no_web_address() {
        let head = r#"<link rel="canonical" href="javascript:void(0)">
            <script type="application/ld+json">{not json</script>"#;
        assert_eq!(url_of(head), None);
    }
}
