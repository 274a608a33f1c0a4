//! What a figure measures, read once for every stage: the counted thing or the
//! measure's noun, the event, the scope, the place and holder, the source, the
//! stance and the role. `quantities`, `report.json`, `align` and `compare` all
//! read these fields of `Quantity`, and nothing else reads a figure's measure.
//!
//! The reading is lexical and general: the event is a class from a data table
//! when one names it, else the base form of the verb that tells it, so a story
//! told with verbs no table lists still gets events that the comparison's
//! model can weigh (with WordNet synonyms). Word tables live in `data/measure/`.

mod attribution;
mod event;
mod phrase;
mod scope;
mod stance;
pub mod tables;
#[cfg(test)]
mod tests;
mod words;

use crate::model::{Article, Date, Sentence};
use crate::quantity::{Kind, Quantity, Role, Stance, extract};
use crate::tokens::Tokens;

pub use attribution::{Sources, same_source};
pub use phrase::same_thing;
pub use scope::same_scope;
pub(crate) use scope::years;
pub use words::{fold_name, same_name, singular};

/// A figure's position in its sentence's tokens: its first token and the one after it.
#[derive(Debug, Clone, Copy)]
struct At {
    first: usize,
    next: usize,
}

/// What one sentence gives the reading of the next: its text and whether it
/// states a figure of its own (only a sentence without one lends its event).
pub struct Previous<'a> {
    pub text: &'a str,
    pub has_figure: bool,
}

/// Reads what every figure of one sentence measures, filling the measure
/// fields of `qs` (offsets relative to `text`). `previous` is the sentence
/// before it in the same article; `year` the year the article reports from
/// (its date, or the latest year it names), which tells past events apart.
pub fn read_sentence(
    text: &str,
    qs: &mut [Quantity],
    previous: Option<Previous<'_>>,
    year: Option<i32>,
) {
    if !qs.iter().any(|q| q.kind.is_figure()) {
        return;
    }
    let s = Tokens::new(text);
    let at: Vec<At> = qs.iter().map(|q| locate(&s, q)).collect();
    let figures: Vec<usize> = (0..qs.len()).filter(|&i| qs[i].kind.is_figure()).collect();
    let mut events = event::assign(&s, qs, &at, &figures);
    // A figure restated in other words right after another ("released
    // 40,000 acre-feet, more than 200 million cubic metres") states its event.
    let mut restated = vec![false; qs.len()];
    for w in figures.windows(2) {
        let (i, j) = (w[0], w[1]);
        if qs[i].kind == qs[j].kind && restates(&s, at[i], at[j]) {
            if events[j].is_none() {
                events[j] = events[i].clone();
            }
            // In brackets, another value: a conversion ("€110 billion ($158 billion)").
            let bracket = s.raw(at[j].first.wrapping_sub(1)) == "(";
            let other = (qs[i].value - qs[j].value).abs() > 0.01 * qs[i].value.abs();
            restated[j] = bracket && (other || qs[i].unit != qs[j].unit);
        }
    }
    let borrowed = previous
        .filter(|p| !p.has_figure && figures.len() == 1)
        .and_then(|p| event::first_class(p.text));
    let scopes = scope::assign(&s, qs, &at, &figures);
    let sources = Sources::of(text);
    let places = scope::places(&s);
    for &i in &figures {
        let q = &qs[i];
        let role = if restated[i] {
            Role::Restated
        } else {
            scope::role(&s, qs, i, at[i], year)
        };
        let stance = stance::of(&s, at[i]);
        let mut event = events[i].clone();
        // A count with no listed event takes the one the sentence before
        // names ("The storm killed many. Officials counted 45.").
        let listed = listed_event(event.as_deref());
        if !listed && q.kind == Kind::Count && borrowed.is_some() {
            event = borrowed.map(str::to_owned);
        }
        let counted = phrase::thing(&s, q, at[i], event.as_deref());
        let source = sources.nearest(q.start, q.end).map(str::to_owned);
        let place = scope::place(&s, at[i], &places);
        let holder = if role == Role::Age {
            phrase::name_before(&s, at[i])
        } else {
            phrase::holder(&s, at[i])
        };
        let q = &mut qs[i];
        if q.kind == Kind::Count && q.unit.is_empty() {
            q.unit = count_unit(counted.as_deref(), event.as_deref());
        }
        if role == Role::Age {
            q.unit = "year_of_age".to_owned();
        }
        // A day narrows only a running total's count ("20 were arrested on Friday").
        let day = scopes[i].as_deref() == Some("one day");
        let running = event
            .as_deref()
            .is_some_and(|e| tables::course_of(e) != tables::Course::Once);
        // "Before the release" dates a level or a state ("stood at 97% of
        // capacity before the release began"), not a count of an event ("killed
        // 12 before the police arrived").
        let prior = scopes[i]
            .as_deref()
            .is_some_and(|s| s.starts_with("before "));
        q.scope = scopes[i]
            .clone()
            .filter(|_| (!day || running) && !(prior && listed_event(event.as_deref())));
        q.counted = counted;
        q.event = event;
        q.place = place;
        q.holder = holder;
        q.source = source;
        q.stance = stance;
        q.role = role;
    }
    correct(&s, qs, &at, &figures);
}

/// A figure that corrects the ones of its kind before it ("early lists said
/// 240 were missing, but the real number is about 90") leaves them disputed,
/// and takes what they count when it names nothing of its own.
fn correct(s: &Tokens, qs: &mut [Quantity], at: &[At], figures: &[usize]) {
    for (n, &j) in figures.iter().enumerate() {
        if !stance::corrects(s, at[j]) {
            continue;
        }
        for &i in &figures[..n] {
            if qs[i].kind != qs[j].kind || qs[i].stance != Stance::Asserted {
                continue;
            }
            qs[i].stance = Stance::Disputed;
            if qs[j].event.is_none() && qs[i].event.is_some() {
                let (event, counted, unit) = (
                    qs[i].event.clone(),
                    qs[i].counted.clone(),
                    qs[i].unit.clone(),
                );
                let q = &mut qs[j];
                q.event = event;
                q.counted = counted;
                if q.kind == Kind::Count {
                    q.unit = unit;
                }
            }
        }
    }
}

/// Whether an event is one of the events table's classes ("deaths"), not a verb's base.
fn listed_event(event: Option<&str>) -> bool {
    event.is_some_and(tables::is_event_class)
}

/// The unit of a count: `people` when it counts people (by its noun, or by
/// an event that counts people when no noun says what), else its noun.
fn count_unit(counted: Option<&str>, event: Option<&str>) -> String {
    match counted {
        Some(noun) if tables::counts_persons(noun) => "people".to_owned(),
        Some(noun) => noun.to_owned(),
        None if event.is_some_and(tables::counts_people) => "people".to_owned(),
        None => String::new(),
    }
}

/// Reads every sentence of one article in order (quantities parallel to
/// `sentences`, offsets relative to each sentence).
pub fn read_article(sentences: &[&str], quantities: &mut [Vec<Quantity>], date: Option<Date>) {
    let year = date.map(|d| d.year).or_else(|| latest_year(quantities));
    for i in 0..sentences.len().min(quantities.len()) {
        let previous = i.checked_sub(1).map(|p| Previous {
            text: sentences[p],
            has_figure: quantities[p].iter().any(|q| q.kind.is_figure()),
        });
        read_sentence(sentences[i], &mut quantities[i], previous, year);
    }
}

/// Reads every article of a story: `quantities` parallel to `sentences`,
/// each article's sentences in order.
pub fn read_story(articles: &[Article], sentences: &[Sentence], quantities: &mut [Vec<Quantity>]) {
    let mut start = 0;
    while start < sentences.len() {
        let article = sentences[start].article;
        let end = start + sentences[start..].partition_point(|s| s.article == article);
        let texts: Vec<&str> = sentences[start..end]
            .iter()
            .map(|s| s.text.as_str())
            .collect();
        let date = articles.get(article).and_then(|a| a.date);
        read_article(&texts, &mut quantities[start..end], date);
        start = end;
    }
}

/// The latest year an article names (as a year or in a date): the year it
/// reports from when it carries no date.
fn latest_year(quantities: &[Vec<Quantity>]) -> Option<i32> {
    quantities
        .iter()
        .flatten()
        .filter(|q| q.kind == Kind::Year && (1900.0..2100.0).contains(&q.value))
        .map(|q| q.value as i32)
        .max()
}

/// Extracts and reads the figures of one text, as one sentence: what
/// `crossclaim quantities` prints per sentence, and what tests read.
pub fn read_text(text: &str) -> Vec<Quantity> {
    let mut qs = extract(text);
    read_sentence(text, &mut qs, None, None);
    qs
}

/// Whether the figure at `b` restates the one at `a`: between them at most
/// a few words of `a`'s unit or noun ("acre-feet"), then a comma, a bracket,
/// a dash or "or", then only hedge words.
fn restates(s: &Tokens, a: At, b: At) -> bool {
    let between: Vec<usize> = (a.next..b.first).collect();
    let Some(mark) = between
        .iter()
        .position(|&k| matches!(s.raw(k), "," | "(" | "—" | "–") || s.low(k) == "or")
    else {
        return false;
    };
    let unit_words = between[..mark]
        .iter()
        .all(|&k| s.kind(k) != Some(crate::tokens::Tok::Word) || verb_base_none(s.low(k)));
    mark <= 4
        && unit_words
        && between[mark + 1..].iter().all(|&k| {
            matches!(
                s.low(k),
                "about"
                    | "some"
                    | "nearly"
                    | "roughly"
                    | "around"
                    | "almost"
                    | "more"
                    | "than"
                    | "over"
                    | "or"
            )
        })
}

/// Whether a word is no past form (a unit or noun, not a verb).
fn verb_base_none(word: &str) -> bool {
    words::verb_base(word).is_none()
}

/// The tokens a quantity covers.
fn locate(s: &Tokens, q: &Quantity) -> At {
    let first = s.toks.partition_point(|t| t.start < q.start);
    let next = s.toks.partition_point(|t| t.start < q.end).max(first);
    At { first, next }
}
