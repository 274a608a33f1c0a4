//! `report.json`: everything, as one versioned object.

use anyhow::Result;
use serde::Serialize;

use crate::model::{Analysis, Article, Claim, Disagreement, Sentence, Skipped};
use crate::quantity::Quantity;

/// Bumped on any change a consumer could notice; documented in the README.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    schema: &'static str,
    version: u32,
    stories: Vec<StoryJson<'a>>,
    skipped: &'a [Skipped],
}

#[derive(Serialize)]
struct StoryJson<'a> {
    name: &'a str,
    articles: &'a [Article],
    sentences: Vec<SentenceJson<'a>>,
    claims: &'a [Claim],
    disagreements: &'a [Disagreement],
}

#[derive(Serialize)]
struct SentenceJson<'a> {
    #[serde(flatten)]
    sentence: &'a Sentence,
    quantities: &'a [Quantity],
}

pub fn report(analysis: &Analysis) -> Result<Vec<u8>> {
    let report = Report {
        schema: "crossclaim-report",
        version: SCHEMA_VERSION,
        stories: analysis
            .stories
            .iter()
            .map(|s| StoryJson {
                name: &s.story.name,
                articles: &s.story.articles,
                sentences: s
                    .sentences
                    .iter()
                    .zip(&s.quantities)
                    .map(|(sentence, quantities)| SentenceJson {
                        sentence,
                        quantities,
                    })
                    .collect(),
                claims: &s.claims,
                disagreements: &s.disagreements,
            })
            .collect(),
        skipped: &analysis.skipped,
    };
    let mut bytes = serde_json::to_vec_pretty(&report)?;
    bytes.push(b'\n');
    Ok(bytes)
}
