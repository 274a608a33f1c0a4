//! `report.json`: everything, as one versioned object.

use std::io;

use anyhow::Result;
use serde::Serialize;

use crate::model::{Analysis, Article, Claim, Disagreement, Sentence, Skipped, Span, StoryReport};
use crate::quantity::Quantity;

/// Bumped on any change a consumer could notice; documented in the README.
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Serialize)]
struct StoryJson<'a> {
    name: &'a str,
    articles: &'a [Article],
    sentences: Vec<SentenceJson<'a>>,
    claims: &'a [Claim],
    disagreements: &'a [Disagreement],
}

/// A sentence's fields, then its quantities (written out rather than
/// `#[serde(flatten)]`, which goes through a map serializer; same JSON).
#[derive(Serialize)]
struct SentenceJson<'a> {
    article: usize,
    no: usize,
    span: Span,
    text: &'a str,
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
                article: sentence.article,
                no: sentence.no,
                span: sentence.span,
                text: &sentence.text,
                quantities,
            })
            .collect(),
        claims: &s.claims,
        disagreements: &s.disagreements,
    };
    let lead = if first { "\n    " } else { ",\n    " };
    pretty_at(&json, lead, 2)
}

/// The end of the stories array, the skipped inputs and the closing brace.
pub fn tail(skipped: &[Skipped]) -> Result<Vec<u8>> {
    let mut out = pretty_at(skipped, "\n  ],\n  \"skipped\": ", 1)?;
    out.extend(b"\n}\n");
    Ok(out)
}

/// `lead`, then `value` pretty-printed as serde_json does it, as if nested
/// `depth` levels deep in the document (two spaces a level).
fn pretty_at<T: Serialize + ?Sized>(value: &T, lead: &str, depth: usize) -> Result<Vec<u8>> {
    let mut out = lead.as_bytes().to_vec();
    let formatter = Nested {
        depth,
        has_value: false,
    };
    value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out, formatter,
    ))?;
    Ok(out)
}

/// serde_json's pretty layout, starting `depth` levels in: written straight
/// into the document rather than indented afterwards.
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn newline<W: ?Sized + io::Write>(&self, w: &mut W) -> io::Result<()> {
        w.write_all(b"\n")?;
        for _ in 0..self.depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline(w)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(w, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(w, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
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
