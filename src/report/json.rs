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

#[derive(serde::Deserialize)]
struct ReportIn {
    schema: String,
    version: u32,
    stories: Vec<StoryIn>,
    #[serde(default)]
    skipped: Vec<Skipped>,
}

#[derive(serde::Deserialize)]
struct StoryIn {
    name: String,
    articles: Vec<Article>,
    sentences: Vec<SentenceIn>,
    claims: Vec<Claim>,
    disagreements: Vec<Disagreement>,
}

#[derive(serde::Deserialize)]
struct SentenceIn {
    #[serde(flatten)]
    sentence: Sentence,
    quantities: Vec<Quantity>,
}

/// Reads a `report.json` back into an analysis (article texts are not in it, and
/// no report needs them), for `merge` and `diff`.
pub fn read(bytes: &[u8]) -> Result<Analysis> {
    let report: ReportIn = serde_json::from_slice(bytes)?;
    if report.schema != "crossclaim-report" || report.version != SCHEMA_VERSION {
        anyhow::bail!(
            "not a crossclaim report of version {SCHEMA_VERSION} (schema {:?}, version {})",
            report.schema,
            report.version
        );
    }
    let stories = report
        .stories
        .into_iter()
        .map(|s| {
            let (sentences, quantities) = s
                .sentences
                .into_iter()
                .map(|x| (x.sentence, x.quantities))
                .unzip();
            crate::model::StoryReport {
                story: crate::model::Story {
                    name: s.name,
                    articles: s.articles,
                },
                sentences,
                quantities,
                claims: s.claims,
                disagreements: s.disagreements,
            }
        })
        .collect();
    Ok(Analysis {
        stories,
        skipped: report.skipped,
    })
}
