//! Fuzzes HTML extraction and HTML inside export records, with deep nesting:
//! the input is a small program whose steps open and close tags (`div`, `p`,
//! `li`, `td`, `b`, `svg`, `title`, `script`, ...), write text, comments and
//! quoted attributes, and repeat a step up to 16,000 times, so a few bytes nest
//! a page thousands deep. The page is read as an `.html` file, as the text of a
//! JSON Lines record and as the text of a CSV record: each must give articles
//! or reasons, never a panic, a stack overflow or a stall (libFuzzer's timeout).
#![no_main]

use libfuzzer_sys::fuzz_target;

use crossclaim::ingest::{Format, IngestOptions, extract_html, read_text};

const TAGS: [&str; 16] = [
    "div", "p", "li", "ul", "table", "tr", "td", "b", "font", "a", "span", "svg", "title",
    "script", "select", "h1",
];

/// The page a program of bytes writes.
fn page(program: &[u8]) -> String {
    let mut html = String::from("<html><body>");
    let mut last = String::new();
    let mut bytes = program.iter().copied();
    while let Some(op) = bytes.next() {
        let arg = bytes.next().unwrap_or(0);
        let tag = TAGS[usize::from(arg) % TAGS.len()];
        let step = match op % 8 {
            0 => format!("<{tag}>"),
            1 => format!("</{tag}>"),
            2 => format!("The council approved {arg} new homes. "),
            3 => format!("<{tag} class=\"c{arg}\" title='>'>"),
            4 => "<!-- a comment --!>".to_owned(),
            5 => format!("<{tag}/>"),
            6 => {
                // Repeat the last step: up to 16,000 times.
                let times = usize::from(arg) * 64;
                last.repeat(times.min(16_000))
            }
            _ => char::from(arg).to_string(),
        };
        if op % 8 != 6 {
            last.clone_from(&step);
        }
        html.push_str(&step);
        if html.len() > 1 << 20 {
            break;
        }
    }
    html
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, program)) = data.split_first() else {
        return;
    };
    let html = if mode % 2 == 0 {
        page(program)
    } else {
        String::from_utf8_lossy(program).into_owned()
    };
    if let Ok(page) = extract_html(&html) {
        assert!(page.text.len() <= html.len() * 4 + 1024);
    }
    let options = IngestOptions::default();
    let record = serde_json::json!({"outlet": "Feed", "text": html}).to_string();
    let csv = format!("outlet,text\nFeed,\"{}\"\n", html.replace('"', "\"\""));
    for (format, text) in [
        (Format::Html, html.clone()),
        (Format::JsonLines, record),
        (Format::Csv, csv),
    ] {
        for article in read_text(format, text, "page", "story", "page", &options)
            .into_iter()
            .flatten()
        {
            for block in &article.body {
                assert!(block.start <= block.end && block.end <= article.text.len());
                assert!(article.text.is_char_boundary(block.start));
                assert!(article.text.is_char_boundary(block.end));
            }
        }
    }
});
