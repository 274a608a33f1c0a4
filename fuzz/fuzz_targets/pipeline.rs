//! Fuzzes the whole pipeline on one story: the input is cut at NUL bytes into up
//! to four articles from different outlets, then segmented, quantified, aligned,
//! compared and rendered (as `--check` does, into a staging folder). Every
//! sentence must land in one claim or two.
#![no_main]

use libfuzzer_sys::fuzz_target;

use crossclaim::config::Config;
use crossclaim::ingest::clean;
use crossclaim::model::{Article, Story};
use crossclaim::{analyse_story, report};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let articles: Vec<Article> = text
        .split('\0')
        .take(4)
        .enumerate()
        .map(|(i, part)| {
            let cleaned = clean(part);
            Article {
                story: "fuzz".to_owned(),
                outlet: format!("outlet-{i}"),
                source: format!("outlet-{i}.txt"),
                date: cleaned.date,
                title: cleaned.title,
                byline: cleaned.byline,
                url: None,
                text: part.to_owned(),
                body: cleaned.body,
                dropped_lines: cleaned.dropped,
            }
        })
        .collect();
    let story = Story {
        name: "fuzz".to_owned(),
        articles,
    };
    let result = analyse_story(story, &Config::default());
    let mut seen = vec![0u8; result.sentences.len()];
    for claim in &result.claims {
        for &m in &claim.members {
            seen[m] += 1;
        }
    }
    assert!(seen.iter().all(|&n| n == 1 || n == 2));
    let dir = std::env::temp_dir().join(format!("crossclaim-fuzz-reports-{}", std::process::id()));
    let mut out = report::ReportDir::create(&dir, true, &report::Options::default())
        .expect("staging folder");
    out.add(&result).expect("reports render");
    out.finish(&[]).expect("reports render");
});
