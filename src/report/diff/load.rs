//! Reads a `report.json` into what the diff compares: figures and shared claims
//! resolved from the indices in the file to outlets and text. Only the fields the
//! diff needs are declared, so a newer report with more fields still reads.

use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use super::{Dis, SharedClaim, Side};
use crate::model::Severity;
use crate::report::SCHEMA_VERSION;

#[derive(Deserialize)]
struct Report {
    schema: String,
    version: u32,
    stories: Vec<StoryJson>,
}

#[derive(Deserialize)]
struct StoryJson {
    name: String,
    articles: Vec<ArticleJson>,
    sentences: Vec<SentenceJson>,
    claims: Vec<ClaimJson>,
    disagreements: Vec<DisagreementJson>,
}

#[derive(Deserialize)]
struct ArticleJson {
    outlet: String,
}

#[derive(Deserialize)]
struct SentenceJson {
    article: usize,
    text: String,
    quantities: Vec<QuantityJson>,
}

#[derive(Deserialize)]
struct QuantityJson {
    text: String,
}

#[derive(Deserialize)]
struct ClaimJson {
    id: String,
    members: Vec<usize>,
    outlets: usize,
}

#[derive(Deserialize)]
struct FigureJson {
    sentence: usize,
    quantity: usize,
}

#[derive(Deserialize)]
struct DisagreementJson {
    id: String,
    verdict: String,
    severity: String,
    measure: String,
    a: FigureJson,
    b: FigureJson,
    relative_difference: f64,
}

pub(super) fn load(dir: &Path) -> Result<Side> {
    let path = dir.join("report.json");
    let bytes = crate::read_named(&path, u64::MAX)?;
    crate::report::check_generation(dir, "report.json", &bytes)?;
    let report: Report = serde_json::from_slice(&bytes)
        .with_context(|| format!("{}: not a crossclaim report.json", path.display()))?;
    if report.schema != "crossclaim-report" || report.version > SCHEMA_VERSION {
        bail!(
            "{}: schema {} version {} is not one this crossclaim reads (up to version {SCHEMA_VERSION})",
            path.display(),
            report.schema,
            report.version
        );
    }
    let mut side = Side {
        disagreements: Vec::new(),
        claims: Vec::new(),
    };
    for story in &report.stories {
        let outlet = |sentence: usize| -> Result<&str> {
            let s = story
                .sentences
                .get(sentence)
                .with_context(|| format!("{}: sentence {sentence} missing", path.display()))?;
            let a = story
                .articles
                .get(s.article)
                .with_context(|| format!("{}: article {} missing", path.display(), s.article))?;
            Ok(&a.outlet)
        };
        let figure = |f: &FigureJson| -> Result<String> {
            story
                .sentences
                .get(f.sentence)
                .and_then(|s| s.quantities.get(f.quantity))
                .map(|q| q.text.clone())
                .with_context(|| {
                    format!(
                        "{}: figure {}.{} missing",
                        path.display(),
                        f.sentence,
                        f.quantity
                    )
                })
        };
        for d in &story.disagreements {
            side.disagreements.push(Dis {
                id: d.id.clone(),
                story: story.name.clone(),
                verdict: d.verdict.clone(),
                severity: if d.severity == "major" {
                    Severity::Major
                } else {
                    Severity::Minor
                },
                measure: d.measure.clone(),
                outlet_a: outlet(d.a.sentence)?.to_owned(),
                figure_a: figure(&d.a)?,
                outlet_b: outlet(d.b.sentence)?.to_owned(),
                figure_b: figure(&d.b)?,
                gap: d.relative_difference,
            });
        }
        for c in story.claims.iter().filter(|c| c.outlets > 1) {
            let mut members = Vec::with_capacity(c.members.len());
            for &m in &c.members {
                let text = story
                    .sentences
                    .get(m)
                    .map(|s| s.text.as_str())
                    .unwrap_or("");
                members.push(format!("{}: {}", outlet(m)?, text));
            }
            side.claims.push(SharedClaim {
                id: c.id.clone(),
                story: story.name.clone(),
                outlets: c.outlets,
                members,
            });
        }
    }
    Ok(side)
}
