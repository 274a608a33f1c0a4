//! When two figures for one measure agree, and when they do not, how serious the
//! gap is and what label it gets. Kept apart from the pairing so the rules can be
//! read (and tested) in one place; README "Comparison rules" states them in prose.

use crate::measure::same_source;
use crate::measure::tables::{Course, course_of};
use crate::model::{Date, Severity, Verdict};
use crate::quantity::{Hedge, Kind, Quantity};

/// Stated figures closer than this are the same value written another way
/// (36 hours and 1.5 days, 640 acres and a square mile, rounding in unit conversions).
pub const SAME: f64 = 0.01;
/// An approximate figure ("about", "some", "nearly") allows this gap around it.
pub const APPROXIMATE: f64 = 0.05;

/// A floor ("more than 7,400", "at least 50") states a figure a little above its
/// number: at least this share above it, more for a rounder number (`floor_reach`).
pub const FLOOR: f64 = 0.10;
/// The most a floor reaches above its number: "more than 100,000" is not 200,000.
pub const FLOOR_MAX: f64 = 0.5;

/// How far above its number a floor reaches: to the next step of its last
/// significant digit ("at least 70": 80; "more than 7,400": 7,500), at least
/// `FLOOR` and at most `FLOOR_MAX` of it.
fn floor_reach(number: f64) -> f64 {
    let n = number.abs();
    if n == 0.0 || !n.is_finite() {
        return FLOOR;
    }
    (digit_step(n) / n).clamp(FLOOR, FLOOR_MAX)
}

/// The step of a positive number's last significant digit: 100 for 7,400,
/// 1 for 16, 0.1 for 5.9 (down to a millionth).
fn digit_step(n: f64) -> f64 {
    let mut unit = 1.0;
    if n.fract() == 0.0 {
        while (n / (unit * 10.0)).fract() == 0.0 && unit * 10.0 <= n {
            unit *= 10.0;
        }
    } else {
        while unit > 1e-6 && ((n / unit).round() * unit - n).abs() > n * 1e-9 {
            unit /= 10.0;
        }
    }
    unit
}

/// A round figure ("$9 billion", "120,000") allows half a unit of its last
/// significant digit, at most this share of it: "$9 billion" and "$9.1
/// billion" for one deal agree, 120,000 and 140,000 do not.
pub const ROUNDING: f64 = 0.02;
/// A span stated in months or years allows this against one in days or
/// weeks: months have 28 to 31 days ("six-month" and "180-day" agree).
pub const CALENDAR: f64 = 0.025;

/// The gap a figure's rounding allows: half a unit of its last significant
/// digit for a whole number of 100 or more (at most `ROUNDING`), the
/// calendar's slack for spans in months or years, else none.
fn slack(q: &Quantity) -> f64 {
    let n = q.number.abs();
    let mut slack = 0.0;
    if n >= 100.0 && n.fract() == 0.0 && n < 1e15 {
        slack = (0.5 * digit_step(n) / n).min(ROUNDING);
    }
    if q.kind == Kind::Duration {
        let text = q.text.to_lowercase();
        if text.contains("month") || text.contains("year") {
            slack = slack.max(CALENDAR);
        }
    }
    slack
}

/// How a figure's hedge is read when comparing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Allowance {
    /// A figure meant as the value (exact, "about"), with the gap it allows.
    Estimate(f64),
    /// A stated maximum meant as the value ("as many as", "up to"), with the gap
    /// an estimate allows.
    Most(f64),
    /// A floor ("more than 7,400", "at least 50"): a figure from its number up
    /// to this share above it (see `floor_reach`). News writes the last round
    /// step below the count, so "more than 7,400" and "about 11,000" disagree.
    Floor(f64),
    /// A true bound or a vague range ("fewer than 10", "hundreds"): the
    /// interval from the quantity stage, `None` for an open side.
    Bound(Option<f64>, Option<f64>),
}

impl Allowance {
    /// Reads a quantity. "as many as" and "up to" state a figure (the high estimate)
    /// and compare by it, with an estimate's allowance: "up to 48,000" is not
    /// contradicted by 47,500, "as many as 1,500" is by "about 1,200".
    /// "fewer than", "no more than" are true bounds.
    pub fn of(q: &Quantity, scale: f64) -> Self {
        let text = q.text.to_lowercase();
        let strict_upper = [
            "fewer than",
            "less than",
            "no more than",
            "not more than",
            "under ",
            "below ",
            "at most",
        ]
        .iter()
        .any(|p| text.starts_with(p));
        let near = ["nearly", "almost", "close to", "just under"]
            .iter()
            .any(|p| text.starts_with(p));
        let scaled = |v: Option<f64>| v.map(|v| v * scale);
        match q.hedge {
            _ if near => Allowance::Estimate(APPROXIMATE),
            Hedge::UpperBound if strict_upper => Allowance::Bound(None, Some(q.value * scale)),
            Hedge::LowerBound => Allowance::Floor(floor_reach(q.number)),
            Hedge::Vague | Hedge::Range => Allowance::Bound(scaled(q.low), scaled(q.high)),
            Hedge::UpperBound => Allowance::Most(APPROXIMATE.max(slack(q))),
            Hedge::Approximate => Allowance::Estimate(APPROXIMATE.max(slack(q))),
            Hedge::Exact => Allowance::Estimate(SAME.max(slack(q))),
        }
    }

    fn interval(self, value: f64) -> (f64, f64) {
        match self {
            Allowance::Estimate(tol) | Allowance::Most(tol) => {
                (value * (1.0 - tol), value * (1.0 + tol))
            }
            Allowance::Floor(reach) => (value, value * (1.0 + reach)),
            Allowance::Bound(lo, hi) => {
                (lo.unwrap_or(f64::NEG_INFINITY), hi.unwrap_or(f64::INFINITY))
            }
        }
    }
}

/// Whether two figures for one measure can both be right. Figures further apart
/// than `max_ratio` never agree: "more than 40" says nothing about 12,000. A
/// floor and a stated maximum ("more than 100 mph", "up to 120 mph") agree when
/// the floor is below the maximum: they are the two ends of one range.
pub fn agree(a: (f64, Allowance), b: (f64, Allowance), max_ratio: f64) -> bool {
    let d = gap(a.0, b.0);
    if d <= SAME {
        return true;
    }
    if ratio(a.0, b.0) >= max_ratio {
        return false;
    }
    match (a.1, b.1) {
        (
            Allowance::Estimate(ta) | Allowance::Most(ta),
            Allowance::Estimate(tb) | Allowance::Most(tb),
        ) => d <= ta.max(tb),
        (Allowance::Floor(_), Allowance::Most(t)) => a.0 <= b.0 * (1.0 + t),
        (Allowance::Most(t), Allowance::Floor(_)) => b.0 <= a.0 * (1.0 + t),
        _ => {
            let (alo, ahi) = a.1.interval(a.0);
            let (blo, bhi) = b.1.interval(b.0);
            alo <= bhi && blo <= ahi
        }
    }
}

/// A figure with an open bound ("fewer than 10", "no more than 40") read as
/// an estimate of its own value; other figures as they are.
pub fn closed(point: (f64, Allowance)) -> (f64, Allowance) {
    match point.1 {
        Allowance::Bound(None, _) | Allowance::Bound(_, None) => {
            (point.0, Allowance::Estimate(APPROXIMATE))
        }
        _ => point,
    }
}

/// |a - b| relative to the larger of the two.
pub fn gap(a: f64, b: f64) -> f64 {
    let scale = a.abs().max(b.abs());
    if scale == 0.0 {
        0.0
    } else {
        (a - b).abs() / scale
    }
}

/// How many times larger the larger figure is.
pub fn ratio(a: f64, b: f64) -> f64 {
    let (lo, hi) = if a.abs() < b.abs() {
        (a.abs(), b.abs())
    } else {
        (b.abs(), a.abs())
    };
    if lo == 0.0 { f64::INFINITY } else { hi / lo }
}

/// Major at and above `major` (the share of the larger figure), minor below it:
/// a 12-day vs an 11-day strike (8%) is a rounding-sized gap, 1,200 vs 1,400 (14%) is not.
pub fn severity(relative_difference: f64, major: f64) -> Severity {
    if relative_difference >= major {
        Severity::Major
    } else {
        Severity::Minor
    }
}

/// What one side of a pair brings to the verdict.
pub struct Side<'a> {
    pub value: f64,
    pub date: Option<Date>,
    pub source: Option<&'a str>,
}

/// The label of a pair that does not agree, and the rule behind it in words.
/// `event` is the figures' event (its course, from `data/measure/event-classes.tsv`,
/// says whether it is a running total); counts over a window ("in the last
/// week") are no running totals.
pub fn verdict(a: &Side<'_>, b: &Side<'_>, event: &str, windowed: bool) -> (Verdict, String) {
    let course = course_of(event);
    let cumulative = course == Course::Cumulative && !windowed;
    if let (Some(da), Some(db)) = (a.date, b.date)
        && da != db
        && cumulative
    {
        let (earlier, later, when) = if da < db { (a, b, db) } else { (b, a, da) };
        return if later.value > earlier.value {
            (
                Verdict::Update,
                format!(
                    "the later article ({when}) reports a higher running total, so it is an update, not an error"
                ),
            )
        } else {
            (
                Verdict::Disagreement,
                format!(
                    "the later article ({when}) reports a lower running total, which no update explains"
                ),
            )
        };
    }
    if let (Some(da), Some(db)) = (a.date, b.date)
        && da != db
        && course == Course::State
    {
        return (
            Verdict::Update,
            format!(
                "the articles are dated {} and {} and the figure counts a present state, which moves over time",
                da.min(db),
                da.max(db)
            ),
        );
    }
    if let (Some(sa), Some(sb)) = (a.source, b.source)
        && !same_source(sa, sb)
    {
        return (
            Verdict::SourceDisagreement,
            "each outlet attributes its figure to a different source, so both may quote correctly"
                .to_owned(),
        );
    }
    (
        Verdict::Disagreement,
        "the outlets state incompatible figures for the same measure".to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXACT: Allowance = Allowance::Estimate(SAME);

    #[test]
    fn same_value_in_other_units_agrees() {
        assert!(agree((48.0, EXACT), (48.000_1, EXACT), 4.0));
    }

    #[test]
    fn high_estimate_is_compared_by_its_figure() {
        let about = Allowance::Estimate(APPROXIMATE);
        assert!(!agree((1_200.0, about), (1_400.0, EXACT), 4.0));
    }

    #[test]
    fn compatible_bounds_agree() {
        let hundreds = Allowance::Bound(Some(200.0), Some(999.0));
        assert!(agree(
            (200.0, hundreds),
            (250.0, Allowance::Floor(FLOOR)),
            4.0
        ));
    }

    #[test]
    fn bound_far_below_a_figure_is_not_agreement() {
        assert!(!agree(
            (40.0, Allowance::Floor(FLOOR)),
            (12_000.0, EXACT),
            4.0
        ));
    }

    #[test]
    fn floor_states_a_figure_a_little_above_it() {
        let about = Allowance::Estimate(APPROXIMATE);
        let floor = |n: f64| (n, Allowance::Floor(floor_reach(n)));
        assert!(agree(floor(350.0), (352.0, EXACT), 4.0));
        assert!(agree(floor(7_400.0), (7_700.0, about), 4.0));
        assert!(!agree(floor(7_400.0), (11_000.0, about), 4.0));
        assert!(!agree(floor(200.0), floor(400.0), 4.0));
        assert!(agree(floor(100_000.0), (120_000.0, EXACT), 4.0));
        assert!(!agree(floor(100_000.0), (200_000.0, EXACT), 4.0));
        assert!(agree(floor(70.0), (80.0, EXACT), 4.0));
        assert!(!agree(floor(70.0), (100.0, about), 4.0));
    }

    #[test]
    fn digit_step_is_the_last_significant_digit() {
        assert_eq!(digit_step(7_400.0), 100.0);
        assert_eq!(digit_step(16.0), 1.0);
        assert_eq!(digit_step(1_000.0), 1_000.0);
        assert!((digit_step(5.9) - 0.1).abs() < 1e-12);
    }

    #[test]
    fn floor_and_maximum_are_two_ends_of_a_range() {
        let most = Allowance::Most(APPROXIMATE);
        let floor = Allowance::Floor(FLOOR);
        assert!(agree((100.0, floor), (120.0, most), 4.0));
        assert!(agree((120.0, most), (100.0, floor), 4.0));
        assert!(!agree((150.0, floor), (120.0, most), 4.0));
    }

    #[test]
    fn rounding_sized_gap_is_minor() {
        assert_eq!(severity(gap(6.0, 5.5), 0.1), Severity::Minor);
        assert_eq!(severity(gap(1_200.0, 1_400.0), 0.1), Severity::Major);
    }

    #[test]
    fn higher_total_in_later_article_is_an_update() {
        let d = |day| {
            Some(Date {
                year: 2020,
                month: 1,
                day,
            })
        };
        let early = Side {
            value: 45.0,
            date: d(1),
            source: None,
        };
        let late = Side {
            value: 61.0,
            date: d(3),
            source: None,
        };
        assert_eq!(verdict(&early, &late, "deaths", false).0, Verdict::Update);
        let lower = Side {
            value: 38.0,
            date: d(4),
            source: None,
        };
        assert_eq!(
            verdict(&early, &lower, "deaths", false).0,
            Verdict::Disagreement
        );
        // A present state moves either way; a one-off event is not a running total.
        assert_eq!(verdict(&early, &lower, "trapped", false).0, Verdict::Update);
        assert_eq!(
            verdict(&early, &late, "attended", false).0,
            Verdict::Disagreement
        );
    }

    #[test]
    fn different_sources_are_labelled() {
        let a = Side {
            value: 1.0,
            date: None,
            source: Some("the Red Cross"),
        };
        let b = Side {
            value: 2.0,
            date: None,
            source: Some("Interior Ministry"),
        };
        assert_eq!(verdict(&a, &b, "", false).0, Verdict::SourceDisagreement);
    }
}
