//! Disagreement cards: one card per measure of a story, not one per pair. The
//! rows of `disagreements.csv` are pairs; when three outlets state 42, 42 and
//! 57 of one measure, the rows that share the measure (as compare named it,
//! in one unit, or counts whatever they count) become one card: every figure
//! once on a number line, each sentence with its figure marked, then the rows
//! and why each was flagged.

use std::fmt::Write;

use rustc_hash::FxHashMap;

use super::line::{self, Mark};
use super::{escape, grouped, highlight};
use crate::model::{Disagreement, FigureRef, Severity, StoryReport, Verdict};
use crate::quantity::Kind;
use crate::report::{hedge_name, scale};

/// The rows of one measure and the figures they pair.
pub struct Card<'s> {
    /// In the story's order.
    pub rows: Vec<&'s Disagreement>,
    /// Each figure of the rows once, smallest value first.
    pub figures: Vec<FigureRef>,
}

impl Card<'_> {
    /// 0 for a major disagreement, 1 for a minor one, 2 when every row is an update.
    pub fn rank(&self) -> u8 {
        self.rows.iter().map(|d| rank(d)).min().unwrap_or(2)
    }

    /// The class and badge of the card: its worst row.
    pub fn class(&self) -> &'static str {
        ["major", "minor", "update"][usize::from(self.rank())]
    }
}

/// How a row weighs: 0 major, 1 minor, 2 an update (news moved on).
pub fn rank(d: &Disagreement) -> u8 {
    match (d.verdict, d.severity) {
        (Verdict::Update, _) => 2,
        (_, Severity::Major) => 0,
        (_, Severity::Minor) => 1,
    }
}

/// The story's cards: rows grouped by measure and units, the worst cards
/// first, then in the order of their first row.
pub fn cards(story: &StoryReport) -> Vec<Card<'_>> {
    let mut cards: Vec<Card<'_>> = Vec::new();
    let mut by_key: FxHashMap<(&str, &str, &str), usize> = FxHashMap::default();
    for d in &story.disagreements {
        let (qa, qb) = (story.figure(d.a), story.figure(d.b));
        // Counts compare whatever they count ("740 buildings", "980 houses");
        // other figures only in one unit.
        let (u1, u2) = if qa.kind == Kind::Count && qb.kind == Kind::Count {
            ("", "")
        } else if qa.unit <= qb.unit {
            (qa.unit.as_str(), qb.unit.as_str())
        } else {
            (qb.unit.as_str(), qa.unit.as_str())
        };
        let i = *by_key
            .entry((d.measure.as_str(), u1, u2))
            .or_insert_with(|| {
                cards.push(Card {
                    rows: Vec::new(),
                    figures: Vec::new(),
                });
                cards.len() - 1
            });
        let card = &mut cards[i];
        card.rows.push(d);
        for r in [d.a, d.b] {
            if !card.figures.contains(&r) {
                card.figures.push(r);
            }
        }
    }
    for card in &mut cards {
        card.figures.sort_by(|&x, &y| {
            let (qx, qy) = (story.figure(x), story.figure(y));
            qx.value
                .total_cmp(&qy.value)
                .then_with(|| {
                    let outlet = |r: FigureRef| &story.article_of(r.sentence).outlet;
                    outlet(x).cmp(outlet(y))
                })
                .then(x.cmp(&y))
        });
    }
    cards.sort_by_key(Card::rank);
    cards
}

/// One card: the heading line, the number line, a box per figure, the rows.
pub fn card(h: &mut String, story: &StoryReport, card: &Card<'_>) {
    let first = card.rows[0];
    let mut verdicts: Vec<&str> = Vec::new();
    for d in &card.rows {
        let v = d.verdict.as_str();
        if !verdicts.contains(&v) {
            verdicts.push(v);
        }
    }
    let gap = card
        .rows
        .iter()
        .map(|d| d.relative_difference)
        .fold(0.0, f64::max);
    let mut outlets: Vec<&str> = card
        .figures
        .iter()
        .map(|&r| story.article_of(r.sentence).outlet.as_str())
        .collect();
    outlets.sort_unstable();
    outlets.dedup();
    let _ = write!(
        h,
        "<section class=\"dis {class}\">\n<div class=\"head\"><span class=\"badge\">{class}</span>\
         <span>{}</span><span class=\"measure\">{}</span>\
         <span class=\"muted\">{} figures, {} outlets</span>\
         <span class=\"gap\">{}{:.1}% apart</span></div>\n",
        verdicts.join(", ").replace('_', " "),
        escape(&first.measure),
        card.figures.len(),
        outlets.len(),
        if card.rows.len() > 1 { "up to " } else { "" },
        gap * 100.0,
        class = card.class(),
    );
    number_line(h, story, card);
    h.push_str("<div class=\"pair\">");
    for &r in &card.figures {
        side(h, story, r);
    }
    h.push_str("</div>\n<ul class=\"rows\">\n");
    for d in &card.rows {
        let _ = writeln!(
            h,
            "<li id=\"{}\"><b>{}</b> {} · {:.1}% apart · {} <code>{}</code></li>",
            escape(&d.id),
            d.severity.as_str(),
            d.verdict.as_str().replace('_', " "),
            d.relative_difference * 100.0,
            escape(&d.explanation),
            escape(&d.id)
        );
    }
    h.push_str("</ul>\n</section>\n");
}

/// The card's figures on one axis, when they share a unit or are all counts
/// (a share compared as the count it implies is neither).
fn number_line(h: &mut String, story: &StoryReport, card: &Card<'_>) {
    let unit = &story.figure(card.figures[0]).unit;
    let one_unit = card.figures.iter().all(|&r| story.figure(r).unit == *unit);
    let counts = card
        .figures
        .iter()
        .all(|&r| story.figure(r).kind == Kind::Count);
    if !one_unit && !counts {
        return;
    }
    let unit = if one_unit { unit.as_str() } else { "" };
    let largest = card
        .figures
        .iter()
        .map(|&r| story.figure(r).value.abs())
        .fold(0.0, f64::max);
    let (divisor, shown): (f64, &str) = scale(largest, unit).unwrap_or((1.0, unit));
    let marks: Vec<Mark<'_>> = card
        .figures
        .iter()
        .map(|&r| {
            let q = story.figure(r);
            Mark {
                label: &story.article_of(r.sentence).outlet,
                written: &q.text,
                value: q.value / divisor,
                low: q.low.map(|x| x / divisor),
                high: q.high.map(|x| x / divisor),
            }
        })
        .collect();
    line::svg(h, &marks, &shown.replace('_', " "), &card.rows[0].measure);
}

/// One figure's box: outlet and date, the figure read, its source, the sentence.
fn side(h: &mut String, story: &StoryReport, r: FigureRef) {
    let q = story.figure(r);
    let article = story.article_of(r.sentence);
    let (value, unit) = crate::report::readable(q.value, &q.unit);
    let _ = write!(
        h,
        "<div class=\"side\"><span class=\"outlet\">{}</span>",
        escape(&article.outlet)
    );
    if let Some(date) = article.date {
        let _ = write!(h, " <span class=\"muted\">{date}</span>");
    }
    let _ = write!(
        h,
        "<span class=\"fig\">{} {} ({})</span>",
        grouped(value),
        escape(&unit.replace('_', " ")),
        hedge_name(q.hedge).replace('_', " ")
    );
    if let Some(source) = &q.source {
        let _ = write!(
            h,
            "<div class=\"muted\">attributed to {}</div>",
            escape(source)
        );
    }
    let _ = write!(
        h,
        "<p>{}</p></div>",
        highlight(
            &story.sentences[r.sentence].text,
            &story.quantities[r.sentence],
            Some(r.quantity)
        )
    );
}
