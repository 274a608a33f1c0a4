//! `report.json`: everything, as one versioned object.

use anyhow::Result;
use serde::Serialize;

use crate::model::{Analysis, Article, Claim, Disagreement, Sentence, Skipped, StoryReport};
use crate::quantity::Quantity;

/// Bumped on any change a consumer could notice; documented in the README.
pub const SCHEMA_VERSION: u32 = 1;

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

/// The opening of the document, up to the stories array.
pub fn head() -> Vec<u8> {
    format!("{{\n  \"schema\": \"crossclaim-report\",\n  \"version\": {SCHEMA_VERSION},\n  \"stories\": [")
        .into_bytes()
}

/// One story as an element of the stories array (pretty, indented to its depth);
/// `first` leaves out the separating comma.
pub fn story(s: &StoryReport, first: bool) -> Result<Vec<u8>> {
    let json = StoryJson {
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
    };
    let lead = if first { "\n    " } else { ",\n    " };
    Ok(indented(&serde_json::to_vec_pretty(&json)?, lead, "    "))
}

/// The end of the stories array, the skipped inputs and the closing brace.
pub fn tail(skipped: &[Skipped]) -> Result<Vec<u8>> {
    let mut out = indented(
        &serde_json::to_vec_pretty(skipped)?,
        "\n  ],\n  \"skipped\": ",
        "  ",
    );
    out.extend(b"\n}\n");
    Ok(out)
}

/// `lead`, then `pretty` with every line after the first indented by `indent`,
/// which nests a pretty-printed value at its depth in the document.
fn indented(pretty: &[u8], lead: &str, indent: &str) -> Vec<u8> {
    let mut out = lead.as_bytes().to_vec();
    for (i, line) in pretty.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
            out.extend(indent.as_bytes());
        }
        out.extend(line);
    }
    out
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
