//! The number line of a card: each outlet's figure as a dot on one shared
//! axis, one lane per figure, its hedge interval as a bar (dashed to the edge
//! when a side is open), so that a conflict is seen before it is read.
//! Inline SVG without script: positions are percentages of the width, so the
//! line fits any screen while the dots stay round and the text keeps its size.

use std::fmt::Write;

use super::escape;

/// One figure on the line, in the card's display unit.
pub struct Mark<'a> {
    /// Who states it (the outlet).
    pub label: &'a str,
    /// The figure as written ("about 1,200").
    pub written: &'a str,
    pub value: f64,
    /// The interval the text allows; `None` for an open side.
    pub low: Option<f64>,
    pub high: Option<f64>,
}

/// Height of one lane: a label line, then the bar and dot.
const LANE: u32 = 34;
/// Where the axis starts and ends, in percent of the width.
const LEFT: f64 = 2.0;
const RIGHT: f64 = 98.0;

/// Writes the SVG of `marks` on one axis, labelled in `unit`. Nothing is
/// written when no value is finite.
pub fn svg(out: &mut String, marks: &[Mark<'_>], unit: &str, title: &str) {
    let Some(axis) = Axis::of(marks) else {
        return;
    };
    let axis_y = marks.len() as u32 * LANE + 6;
    // A short unit ends the last tick label; a long one gets a line of its
    // own, so that it never runs into the label before it on a narrow screen.
    let own_line = unit.chars().count() > 7;
    let described: Vec<String> = marks
        .iter()
        .map(|m| format!("{} {}", m.label, m.written))
        .collect();
    let _ = write!(
        out,
        "<svg class=\"nl\" width=\"100%\" height=\"{}\" role=\"img\" aria-label=\"{}: {}\">",
        axis_y + if own_line { 36 } else { 22 },
        escape(title),
        escape(&described.join("; "))
    );
    for (i, m) in marks.iter().enumerate() {
        lane(out, &axis, i as u32 * LANE, m);
    }
    let _ = write!(
        out,
        "<line class=\"ax\" x1=\"{LEFT:.1}%\" x2=\"{RIGHT:.1}%\" y1=\"{axis_y}\" y2=\"{axis_y}\"/>"
    );
    let ticks = axis.ticks();
    for (i, &t) in ticks.iter().enumerate() {
        let x = axis.at(t);
        let anchor = match i {
            0 => "start",
            i if i + 1 == ticks.len() => "end",
            _ => "middle",
        };
        let mut label = compact(t);
        if i + 1 == ticks.len() && !unit.is_empty() && !own_line {
            label = format!("{label} {unit}");
        }
        let _ = write!(
            out,
            "<line class=\"tk\" x1=\"{x}\" x2=\"{x}\" y1=\"{axis_y}\" y2=\"{}\"/>\
             <text x=\"{x}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>",
            axis_y + 4,
            axis_y + 17,
            escape(&label)
        );
    }
    if own_line {
        let _ = write!(
            out,
            "<text x=\"{RIGHT:.1}%\" y=\"{}\" text-anchor=\"end\">{}</text>",
            axis_y + 31,
            escape(unit)
        );
    }
    out.push_str("</svg>\n");
}

/// One lane: the label above, a faint guide, the interval and the dot.
fn lane(out: &mut String, axis: &Axis, top: u32, m: &Mark<'_>) {
    let y = top + 25;
    let _ = write!(
        out,
        "<text class=\"lb\" x=\"0\" y=\"{}\"><tspan class=\"w\">{}</tspan> · {}</text>\
         <line class=\"gd\" x1=\"{LEFT:.1}%\" x2=\"{RIGHT:.1}%\" y1=\"{y}\" y2=\"{y}\"/>",
        top + 13,
        escape(m.written),
        escape(m.label)
    );
    let (low, high) = (
        m.low.filter(|x| x.is_finite()),
        m.high.filter(|x| x.is_finite()),
    );
    let from = low.map_or(format!("{LEFT:.1}%"), |x| axis.at(x));
    let to = high.map_or(format!("{RIGHT:.1}%"), |x| axis.at(x));
    let open = low.is_none() || high.is_none();
    let wide = match (low, high) {
        (Some(l), Some(h)) => h > l,
        _ => true,
    };
    if wide {
        let class = if open { "iv open" } else { "iv" };
        let _ = write!(
            out,
            "<line class=\"{class}\" x1=\"{from}\" x2=\"{to}\" y1=\"{y}\" y2=\"{y}\"/>"
        );
    }
    let _ = write!(
        out,
        "<circle class=\"dot\" cx=\"{}\" cy=\"{y}\" r=\"5\"><title>{}: {}</title></circle>",
        axis.at(m.value),
        escape(m.label),
        escape(m.written)
    );
}

/// The values the axis spans, from a round number to a round number.
struct Axis {
    low: f64,
    high: f64,
    step: f64,
}

impl Axis {
    /// Spans every finite value and interval end, and zero when all are of
    /// one sign: the distance between dots then shows the relative gap.
    fn of(marks: &[Mark<'_>]) -> Option<Self> {
        let finite = marks
            .iter()
            .flat_map(|m| [Some(m.value), m.low, m.high])
            .flatten()
            .filter(|x| x.is_finite());
        let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
        for x in finite {
            low = low.min(x);
            high = high.max(x);
        }
        if !low.is_finite() {
            return None;
        }
        low = low.min(0.0);
        high = high.max(0.0);
        if high <= low {
            high = low + 1.0;
        }
        // Three or four spans: tick labels stay apart at 400 px.
        let step = nice_step((high - low) / 3.0);
        Some(Self {
            low: (low / step).floor() * step,
            high: (high / step).ceil() * step,
            step,
        })
    }

    /// Where `x` lies, in percent of the width.
    fn at(&self, x: f64) -> String {
        let share = ((x - self.low) / (self.high - self.low)).clamp(0.0, 1.0);
        format!("{:.1}%", LEFT + (RIGHT - LEFT) * share)
    }

    /// The round values from `low` to `high`, both included.
    fn ticks(&self) -> Vec<f64> {
        let first = (self.low / self.step).round() as i64;
        let last = (self.high / self.step).round() as i64;
        (first..=last).map(|k| k as f64 * self.step).collect()
    }
}

/// The round step (1, 2 or 5 times a power of ten) at or above `x`.
fn nice_step(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return 1.0;
    }
    let power = 10f64.powf(x.log10().floor());
    let fraction = x / power;
    let nice = [1.0, 2.0, 5.0]
        .into_iter()
        .find(|&n| fraction <= n * (1.0 + 1e-9))
        .unwrap_or(10.0);
    nice * power
}

/// A tick label: short and round (`0`, `250k`, `1.5M`, `0.25`).
fn compact(x: f64) -> String {
    let a = x.abs();
    let (divisor, suffix) = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")]
        .into_iter()
        .find(|&(d, _)| a >= d)
        .unwrap_or((1.0, ""));
    let v = ((x / divisor) * 100.0).round() / 100.0;
    // `Display` drops a zero fraction and never writes an exponent here.
    let v = if v == 0.0 { 0.0 } else { v };
    format!("{v}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(written: &str, value: f64, low: Option<f64>, high: Option<f64>) -> Mark<'_> {
        Mark {
            label: "outlet",
            written,
            value,
            low,
            high,
        }
    }

    #[test]
    fn steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(nice_step(17.0), 20.0);
        assert_eq!(nice_step(125_000.0), 200_000.0);
        assert_eq!(nice_step(0.3), 0.5);
        assert_eq!(nice_step(5.0), 5.0);
        assert_eq!(nice_step(0.0), 1.0);
    }

    #[test]
    fn tick_labels_are_short() {
        assert_eq!(compact(0.0), "0");
        assert_eq!(compact(250_000.0), "250k");
        assert_eq!(compact(1_500_000.0), "1.5M");
        assert_eq!(compact(0.25), "0.25");
        assert_eq!(compact(-2000.0), "-2k");
        assert_eq!(compact(600.0), "600");
    }

    #[test]
    fn the_axis_starts_at_zero_and_ends_on_a_round_value() {
        let marks = [mark("42", 42.0, None, None), mark("57", 57.0, None, None)];
        let axis = Axis::of(&marks).unwrap();
        assert_eq!((axis.low, axis.high, axis.step), (0.0, 60.0, 20.0));
        assert_eq!(axis.ticks(), [0.0, 20.0, 40.0, 60.0]);
        let marks = [
            mark("1,200", 1200.0, None, None),
            mark("2,000", 2000.0, None, None),
        ];
        assert_eq!(Axis::of(&marks).unwrap().ticks(), [0.0, 1000.0, 2000.0]);
        assert_eq!(axis.at(0.0), "2.0%");
        assert_eq!(axis.at(60.0), "98.0%");
    }

    #[test]
    fn one_dot_per_figure_and_open_sides_run_dashed_to_the_edge() {
        let marks = [
            mark("42", 42.0, Some(42.0), Some(42.0)),
            mark("about 42", 42.0, Some(39.9), Some(44.1)),
            mark("more than 57", 57.0, Some(57.0), None),
        ];
        let mut out = String::new();
        svg(&mut out, &marks, "people", "injured");
        assert_eq!(out.matches("<circle").count(), 3);
        assert_eq!(out.matches("class=\"iv\"").count(), 1);
        assert!(out.contains("<line class=\"iv open\" x1=\"93.2%\" x2=\"98.0%\""));
        assert!(out.contains(">60 people</text>"));
        assert!(!out.contains("<script"));
    }

    #[test]
    fn a_long_unit_gets_a_line_of_its_own() {
        let marks = [mark("$2", 2.0, None, None), mark("$3", 3.0, None, None)];
        let mut out = String::new();
        svg(&mut out, &marks, "usd per share", "dividend");
        assert!(out.contains("text-anchor=\"end\">3</text>"), "{out}");
        assert!(out.contains(">usd per share</text>"));
    }

    #[test]
    fn nothing_is_drawn_without_a_finite_value() {
        let mut out = String::new();
        svg(&mut out, &[mark("?", f64::NAN, None, None)], "", "x");
        assert!(out.is_empty());
    }
}
