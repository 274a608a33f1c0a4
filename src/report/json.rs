//! `report.json`: everything, as one versioned object.

use std::io;

use anyhow::Result;
use serde::Serialize;

use crate::model::{Analysis, Article, Claim, Disagreement, Sentence, Skipped, Span, StoryReport};
use crate::quantity::Quantity;

/// Bumped on any change a consumer could notice; documented in the README.
/// Version 2 added `shard` and the figure's measure fields.
pub const SCHEMA_VERSION: u32 = 2;

/// Which part of a corpus a sharded run (`compare --shard i/N`) handled, so
/// that `merge` can refuse a set of shards that is incomplete or mixed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardInfo {
    pub index: u64,
    pub count: u64,
    /// A hash of the names of every story in the inputs, the same for every
    /// shard of one corpus.
    pub corpus: String,
}

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
pub fn head(shard: Option<&ShardInfo>) -> Vec<u8> {
    let shard = shard.map_or(String::new(), |s| {
        format!(
            "\n  \"shard\": {{\"index\": {}, \"count\": {}, \"corpus\": {}}},",
            s.index,
            s.count,
            serde_json::Value::from(s.corpus.as_str())
        )
    });
    format!("{{\n  \"schema\": \"crossclaim-report\",\n  \"version\": {SCHEMA_VERSION},{shard}\n  \"stories\": [")
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
    #[serde(default)]
    shard: Option<ShardInfo>,
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

/// A `report.json` read back: the analysis (article texts are not in it, and
/// no report needs them) and the shard it covers.
pub struct Report {
    pub analysis: Analysis,
    pub shard: Option<ShardInfo>,
}

/// Reads a `report.json` back, for `merge`. Every index in it is checked, so a
/// damaged or edited file is refused with the field named instead of breaking
/// the reports written from it.
pub fn read(bytes: &[u8]) -> Result<Report> {
    let report: ReportIn = serde_json::from_slice(bytes)?;
    check_schema(&report.schema, report.version)?;
    let mut stories = Vec::with_capacity(report.stories.len());
    for (i, s) in report.stories.into_iter().enumerate() {
        stories.push(story_report(s, i)?);
    }
    Ok(Report {
        analysis: Analysis {
            stories,
            skipped: report.skipped,
        },
        shard: report.shard,
    })
}

fn check_schema(schema: &str, version: u32) -> Result<()> {
    if schema != "crossclaim-report" || version != SCHEMA_VERSION {
        anyhow::bail!(
            "not a crossclaim report of version {SCHEMA_VERSION} (schema {schema:?}, version {version})"
        );
    }
    Ok(())
}

/// A story read back and checked; `i` is its place in the stories array.
fn story_report(s: StoryIn, i: usize) -> Result<StoryReport> {
    validate(&s).map_err(|field| anyhow::anyhow!("stories[{i}] ({:?}).{field}", s.name))?;
    let (sentences, quantities) = s
        .sentences
        .into_iter()
        .map(|x| (x.sentence, x.quantities))
        .unzip();
    Ok(StoryReport {
        story: crate::model::Story {
            name: s.name,
            articles: s.articles,
        },
        sentences,
        quantities,
        claims: s.claims,
        disagreements: s.disagreements,
    })
}

/// The head of a `report.json` up to its stories, as `head` writes it with
/// the stories array closed (`...\"stories\": []}`): its shard, if any.
pub fn read_head(bytes: &[u8]) -> Result<Option<ShardInfo>> {
    #[derive(serde::Deserialize)]
    struct HeadIn {
        schema: String,
        version: u32,
        #[serde(default)]
        shard: Option<ShardInfo>,
    }
    let head: HeadIn = serde_json::from_slice(bytes)?;
    check_schema(&head.schema, head.version)?;
    Ok(head.shard)
}

/// One element of the stories array, read back and checked (`merge` reads
/// a story at a time); `i` is its place in the array.
pub fn read_story(bytes: &[u8], i: usize) -> Result<StoryReport> {
    story_report(serde_json::from_slice(bytes)?, i)
}

/// The skipped inputs of the rest of a `report.json` after its stories,
/// given as an object (`{"skipped": [...]}`).
pub fn read_skipped(bytes: &[u8]) -> Result<Vec<Skipped>> {
    #[derive(serde::Deserialize)]
    struct TailIn {
        #[serde(default)]
        skipped: Vec<Skipped>,
    }
    Ok(serde_json::from_slice::<TailIn>(bytes)?.skipped)
}

/// Checks every index of a story against what it points into; the error names
/// the field and what is wrong with it.
fn validate(s: &StoryIn) -> std::result::Result<(), String> {
    let sentences = s.sentences.len();
    for (i, x) in s.sentences.iter().enumerate() {
        let sentence = &x.sentence;
        if sentence.article >= s.articles.len() {
            return Err(format!(
                "sentences[{i}].article = {}: no such article (the story has {})",
                sentence.article,
                s.articles.len()
            ));
        }
        if sentence.no >= sentences {
            return Err(format!(
                "sentences[{i}].no = {}: more than the story's {sentences} sentences",
                sentence.no
            ));
        }
        if sentence.span.start > sentence.span.end {
            return Err(format!("sentences[{i}].span: start after end"));
        }
        for (j, q) in x.quantities.iter().enumerate() {
            let inside = q.start <= q.end
                && sentence.text.is_char_boundary(q.start)
                && sentence.text.is_char_boundary(q.end);
            if !inside {
                return Err(format!(
                    "sentences[{i}].quantities[{j}]: start {} and end {} are not a span of the sentence",
                    q.start, q.end
                ));
            }
        }
    }
    for (c, claim) in s.claims.iter().enumerate() {
        if claim.members.is_empty() {
            return Err(format!(
                "claims[{c}].members: empty (a claim has a sentence)"
            ));
        }
        if let Some((m, &bad)) = claim
            .members
            .iter()
            .enumerate()
            .find(|&(_, &m)| m >= sentences)
        {
            return Err(format!(
                "claims[{c}].members[{m}] = {bad}: no such sentence (the story has {sentences})"
            ));
        }
        if claim.outlets == 0 || claim.outlets > claim.members.len() {
            return Err(format!(
                "claims[{c}].outlets = {}: not between 1 and its {} members",
                claim.outlets,
                claim.members.len()
            ));
        }
    }
    for (d, dis) in s.disagreements.iter().enumerate() {
        for (side, r) in [("a", dis.a), ("b", dis.b)] {
            let Some(x) = s.sentences.get(r.sentence) else {
                return Err(format!(
                    "disagreements[{d}].{side}.sentence = {}: no such sentence (the story has {sentences})",
                    r.sentence
                ));
            };
            if r.quantity >= x.quantities.len() {
                return Err(format!(
                    "disagreements[{d}].{side}.quantity = {}: sentence {} has {} quantities",
                    r.quantity,
                    r.sentence,
                    x.quantities.len()
                ));
            }
        }
        if !dis.relative_difference.is_finite() {
            return Err(format!(
                "disagreements[{d}].relative_difference: not a number"
            ));
        }
    }
    Ok(())
}
