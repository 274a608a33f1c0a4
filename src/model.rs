//! Plain data passed between the pipeline stages.
//!
//! Every stage takes these types in and hands these types out, so a stage can be
//! rewritten without touching its neighbours. Offsets are byte offsets into
//! `Article::text`, which is the text as read (decoded), never a cleaned copy.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::quantity::Quantity;
use crate::text::stable_id;

/// A half-open byte range `[start, end)` into some text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Self { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn shift(self, by: usize) -> Self {
        Self::new(self.start + by, self.end + by)
    }
}

/// A calendar date, as found in metadata or a dateline. Ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let mut parts = text.splitn(3, '-').map(str::parse::<i32>);
        match (parts.next(), parts.next(), parts.next()) {
            (Some(Ok(year)), Some(Ok(month)), Some(Ok(day))) => Ok(Date {
                year,
                month: u8::try_from(month).map_err(serde::de::Error::custom)?,
                day: u8::try_from(day).map_err(serde::de::Error::custom)?,
            }),
            _ => Err(serde::de::Error::custom(format!(
                "not a YYYY-MM-DD date: {text}"
            ))),
        }
    }
}

/// One article from one outlet, as ingest hands it on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Article {
    pub story: String,
    pub outlet: String,
    /// Where it came from, as the user named it (a path, or `path#record`).
    pub source: String,
    pub date: Option<Date>,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub url: Option<String>,
    /// The text as read; every offset in the pipeline points into it.
    #[serde(skip)]
    pub text: String,
    /// The parts of `text` that are article body (junk and metadata lines left out), in order.
    /// Each block is a paragraph or line: sentences never cross a block boundary.
    #[serde(skip)]
    pub body: Vec<Span>,
    /// Lines dropped as junk, kept so that nothing is lost silently.
    pub dropped_lines: usize,
}

/// An input that could not be read as an article, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

/// Articles that report one story.
#[derive(Debug, Clone)]
pub struct Story {
    pub name: String,
    /// Sorted by outlet, then source, so that everything downstream is ordered.
    pub articles: Vec<Article>,
}

/// One sentence of one article.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sentence {
    /// Index into `Story::articles`.
    pub article: usize,
    /// Position within its article, from 0.
    pub no: usize,
    /// Offsets into the article's text.
    pub span: Span,
    pub text: String,
}

/// Sentences from several outlets that state the same claim. Every sentence of a
/// story sits in a claim, most alone; a sentence that states two claims (through
/// parts of it that do not overlap) sits in two.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claim {
    /// Stable id from the member sentences' content, not from their order.
    pub id: String,
    /// Indices into the story's sentences, ascending.
    pub members: Vec<usize>,
    /// Number of distinct outlets among the members.
    pub outlets: usize,
}

/// Points at one quantity of one sentence of a story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FigureRef {
    pub sentence: usize,
    pub quantity: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Major,
    Minor,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Major => "major",
            Severity::Minor => "minor",
        }
    }
}

/// What kind of conflict a pair of figures is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The outlets state incompatible figures for the same measure.
    Disagreement,
    /// Each outlet attributes its figure to a different source: both may quote correctly.
    SourceDisagreement,
    /// A later article reports a higher cumulative figure: news moved on.
    Update,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Disagreement => "disagreement",
            Verdict::SourceDisagreement => "source_disagreement",
            Verdict::Update => "update",
        }
    }
}

/// Two figures from two outlets that measure the same thing and do not agree.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Disagreement {
    /// Stable id from what the row says: story, outlets, measure and the figures
    /// as written (`StoryReport::assign_disagreement_ids`).
    pub id: String,
    pub verdict: Verdict,
    pub severity: Severity,
    /// What is measured, in words ("people deaths", "war duration").
    pub measure: String,
    pub a: FigureRef,
    pub b: FigureRef,
    /// |a - b| / max(|a|, |b|) of the stated figures.
    pub relative_difference: f64,
    /// Who figure `a` is attributed to in its sentence ("the interior ministry"), if anyone.
    pub source_a: Option<String>,
    /// Who figure `b` is attributed to in its sentence, if anyone.
    pub source_b: Option<String>,
    pub explanation: String,
}

/// Everything the pipeline found in one story.
#[derive(Debug, Clone)]
pub struct StoryReport {
    pub story: Story,
    pub sentences: Vec<Sentence>,
    /// Quantities per sentence, parallel to `sentences`; offsets relative to the sentence.
    pub quantities: Vec<Vec<Quantity>>,
    pub claims: Vec<Claim>,
    pub disagreements: Vec<Disagreement>,
}

impl StoryReport {
    pub fn article_of(&self, sentence: usize) -> &Article {
        &self.story.articles[self.sentences[sentence].article]
    }

    pub fn figure(&self, r: FigureRef) -> &Quantity {
        &self.quantities[r.sentence][r.quantity]
    }

    /// Gives each disagreement an id made of what its row says: the story, the
    /// two outlets, the measure and the two figures as written. An edit
    /// elsewhere in either sentence (another figure, a word) keeps the id, so
    /// `diff` shows such a row as unchanged. Rows that say the same (one outlet
    /// with two articles) are told apart by their sentences, then by position.
    pub fn assign_disagreement_ids(&mut self) {
        let mut seen = rustc_hash::FxHashSet::default();
        for i in 0..self.disagreements.len() {
            let d = &self.disagreements[i];
            let (qa, qb) = (self.figure(d.a), self.figure(d.b));
            let row = [
                self.story.name.as_str(),
                self.article_of(d.a.sentence).outlet.as_str(),
                self.article_of(d.b.sentence).outlet.as_str(),
                d.measure.as_str(),
                qa.text.as_str(),
                qb.text.as_str(),
            ];
            let mut id = stable_id("d", row);
            if seen.contains(&id) {
                let sentences = [
                    self.sentences[d.a.sentence].text.as_str(),
                    self.sentences[d.b.sentence].text.as_str(),
                ];
                id = stable_id("d", row.into_iter().chain(sentences));
                let base = id.clone();
                let mut n = 2usize;
                while seen.contains(&id) {
                    id = stable_id("d", [base.as_str(), &n.to_string()]);
                    n += 1;
                }
            }
            seen.insert(id.clone());
            self.disagreements[i].id = id;
        }
    }
}

/// The whole result of one `compare` run.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Sorted by story name.
    pub stories: Vec<StoryReport>,
    /// Sorted by path.
    pub skipped: Vec<Skipped>,
}
