//! The extractor: finds numbers (digits, words, fractions), then reads the hedge
//! before them and the unit, counted noun, event and scope around them.

use std::sync::LazyLock;

use regex::Regex;

use super::{Hedge, Kind, Quantity};

/// Digits with separators and decimals, a vulgar fraction, or a run of number words.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?P<cur>US\$|\$|£|€)?\s?
        (?:
          (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<frac>[½¼¾⅓⅔])?
          | (?P<vf>[½¼¾⅓⅔])
          | \b(?P<long>hour|day|week|month|year)-long\b
          | (?P<words>\b(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen
              |fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty
              |seventy|eighty|ninety|hundred|a\ dozen|dozen|half\ a|a\ half|half)
              (?:[\s-]+(?:and\ )?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve
              |thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty
              |fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion))*)\b)
        )
        (?P<scale>\s?(?:million|billion|trillion|thousand|bn|m|k)\b)?",
    )
    .expect("number pattern is valid")
});

/// What may follow a number, with the normalised unit, its kind and the factor to it.
const UNITS: &[(&str, &str, Kind, f64)] = &[
    ("percent", "percent", Kind::Percent, 1.0),
    ("per cent", "percent", Kind::Percent, 1.0),
    ("%", "percent", Kind::Percent, 1.0),
    ("minutes", "hour", Kind::Duration, 1.0 / 60.0),
    ("minute", "hour", Kind::Duration, 1.0 / 60.0),
    ("hours", "hour", Kind::Duration, 1.0),
    ("hour", "hour", Kind::Duration, 1.0),
    ("days", "hour", Kind::Duration, 24.0),
    ("day", "hour", Kind::Duration, 24.0),
    ("weeks", "hour", Kind::Duration, 168.0),
    ("week", "hour", Kind::Duration, 168.0),
    ("months", "hour", Kind::Duration, 730.5),
    ("month", "hour", Kind::Duration, 730.5),
    ("years", "hour", Kind::Duration, 8766.0),
    ("year", "hour", Kind::Duration, 8766.0),
    ("kilometres", "km", Kind::Length, 1.0),
    ("kilometers", "km", Kind::Length, 1.0),
    ("kilometre", "km", Kind::Length, 1.0),
    ("kilometer", "km", Kind::Length, 1.0),
    ("km", "km", Kind::Length, 1.0),
    ("miles", "km", Kind::Length, 1.609_344),
    ("mile", "km", Kind::Length, 1.609_344),
    ("square miles", "hectare", Kind::Area, 258.998_811),
    ("acres", "hectare", Kind::Area, 0.404_685_642),
    ("acre", "hectare", Kind::Area, 0.404_685_642),
    ("hectares", "hectare", Kind::Area, 1.0),
    ("barrels", "litre", Kind::Volume, 158.987_295),
    ("gallons", "litre", Kind::Volume, 3.785_411_784),
    ("litres", "litre", Kind::Volume, 1.0),
    ("liters", "litre", Kind::Volume, 1.0),
];

/// Hedge phrases that stand right before a figure, longest first.
const HEDGES: &[(&str, Hedge)] = &[
    ("as many as", Hedge::UpperBound),
    ("no more than", Hedge::UpperBound),
    ("fewer than", Hedge::UpperBound),
    ("less than", Hedge::UpperBound),
    ("up to", Hedge::UpperBound),
    ("more than", Hedge::LowerBound),
    ("at least", Hedge::LowerBound),
    ("upwards of", Hedge::LowerBound),
    ("over", Hedge::LowerBound),
    ("an estimated", Hedge::Approximate),
    ("approximately", Hedge::Approximate),
    ("roughly", Hedge::Approximate),
    ("around", Hedge::Approximate),
    ("about", Hedge::Approximate),
    ("some", Hedge::Approximate),
    ("nearly", Hedge::UpperBound),
    ("almost", Hedge::UpperBound),
];

const MONTHS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Words that name an event, and the event they normalise to.
const EVENTS: &[(&str, &str)] = &[
    ("killed", "deaths"),
    ("died", "deaths"),
    ("dead", "deaths"),
    ("deaths", "deaths"),
    ("death toll", "deaths"),
    ("lost their lives", "deaths"),
    ("injured", "injured"),
    ("wounded", "injured"),
    ("hurt", "injured"),
    ("trapped", "trapped"),
    ("displaced", "displaced"),
    ("evacuated", "evacuated"),
    ("arrested", "arrested"),
    ("destroyed", "destroyed"),
];

const PERSON_NOUNS: &[&str] = &[
    "people",
    "persons",
    "civilians",
    "residents",
    "individuals",
    "men",
    "women",
    "children",
];

/// Finds every quantity in `text`, in order of position.
pub fn extract(text: &str) -> Vec<Quantity> {
    NUMBER
        .captures_iter(text)
        .filter_map(|caps| read_figure(text, &caps))
        .collect()
}

fn read_figure(text: &str, caps: &regex::Captures<'_>) -> Option<Quantity> {
    let whole = caps.get(0)?;
    let (mut value, mut kind, mut unit) = (number_value(caps)?, Kind::Count, String::new());
    let mut end = whole.end();
    let start = caps
        .name("cur")
        .map_or_else(|| first_non_space(text, whole.start()), |m| m.start());
    if caps.name("cur").is_some() {
        kind = Kind::Money;
        unit = "usd".to_owned();
    }
    if let Some(long) = caps.name("long") {
        let (_, u, k, factor) = unit_after(long.as_str())?;
        value *= factor;
        unit = u.to_owned();
        kind = k;
    } else if kind == Kind::Count
        && let Some((len, u, k, factor)) = unit_after(&text[end..])
    {
        value *= factor;
        unit = u.to_owned();
        kind = k;
        end += len;
    }
    let before = text[..start].trim_end().to_lowercase();
    if kind == Kind::Count {
        kind = classify_bare(text, start, end, value, &before);
    }
    let (hedge, hedge_start) = hedge_before(&before);
    let text_start = hedge_start.unwrap_or(start);
    let (low, high) = interval(hedge, value);
    let counted = counted_after(&text[end..]);
    if kind == Kind::Count {
        unit = match counted.as_deref() {
            Some(n) if PERSON_NOUNS.contains(&n) => "people".to_owned(),
            Some(n) => n.to_owned(),
            None => String::new(),
        };
    }
    Some(Quantity {
        text: text[text_start..end].to_owned(),
        value,
        low,
        high,
        hedge,
        unit,
        kind,
        counted,
        event: event_near(text, end),
        scope: scope_after(&text[end..]),
        start: text_start,
        end,
    })
}

fn first_non_space(text: &str, from: usize) -> usize {
    from + text[from..].len() - text[from..].trim_start().len()
}

fn number_value(caps: &regex::Captures<'_>) -> Option<f64> {
    let base = if let Some(n) = caps.name("num") {
        let mut v: f64 = n.as_str().replace(',', "").parse().ok()?;
        if let Some(f) = caps.name("frac") {
            v += fraction(f.as_str());
        }
        v
    } else if let Some(f) = caps.name("vf") {
        fraction(f.as_str())
    } else if caps.name("long").is_some() {
        1.0
    } else {
        words_value(caps.name("words")?.as_str())?
    };
    let scale =
        caps.name("scale")
            .map_or(1.0, |s| match s.as_str().trim().to_lowercase().as_str() {
                "thousand" | "k" => 1e3,
                "million" | "m" => 1e6,
                "billion" | "bn" => 1e9,
                "trillion" => 1e12,
                _ => 1.0,
            });
    Some(base * scale)
}

fn fraction(s: &str) -> f64 {
    match s {
        "½" => 0.5,
        "¼" => 0.25,
        "¾" => 0.75,
        "⅓" => 1.0 / 3.0,
        "⅔" => 2.0 / 3.0,
        _ => 0.0,
    }
}

/// Reads "twenty-two", "three hundred and twelve", "half a", "a dozen".
fn words_value(s: &str) -> Option<f64> {
    let lower = s.to_lowercase();
    let (mut total, mut current) = (0.0_f64, 0.0_f64);
    for w in lower.split(|c: char| c.is_whitespace() || c == '-') {
        let small = match w {
            "one" | "a" => 1.0,
            "two" => 2.0,
            "three" => 3.0,
            "four" => 4.0,
            "five" => 5.0,
            "six" => 6.0,
            "seven" => 7.0,
            "eight" => 8.0,
            "nine" => 9.0,
            "ten" => 10.0,
            "eleven" => 11.0,
            "twelve" | "dozen" => 12.0,
            "thirteen" => 13.0,
            "fourteen" => 14.0,
            "fifteen" => 15.0,
            "sixteen" => 16.0,
            "seventeen" => 17.0,
            "eighteen" => 18.0,
            "nineteen" => 19.0,
            "twenty" => 20.0,
            "thirty" => 30.0,
            "forty" => 40.0,
            "fifty" => 50.0,
            "sixty" => 60.0,
            "seventy" => 70.0,
            "eighty" => 80.0,
            "ninety" => 90.0,
            "half" => 0.5,
            "and" | "" => continue,
            "hundred" => {
                current = current.max(1.0) * 100.0;
                continue;
            }
            "thousand" | "million" | "billion" => {
                let scale = match w {
                    "thousand" => 1e3,
                    "million" => 1e6,
                    _ => 1e9,
                };
                total += current.max(1.0) * scale;
                current = 0.0;
                continue;
            }
            _ => return None,
        };
        if w == "a" && current > 0.0 {
            continue;
        }
        current = if small < 1.0 && current > 0.0 {
            current * small
        } else {
            current + small
        };
    }
    let v = total + current;
    (v > 0.0).then_some(v)
}

fn unit_after(after: &str) -> Option<(usize, &'static str, Kind, f64)> {
    let trimmed = after.trim_start_matches([' ', '-', '\u{a0}']);
    let skipped = after.len() - trimmed.len();
    let lower = trimmed.to_lowercase();
    UNITS.iter().find_map(|&(word, unit, kind, factor)| {
        let rest = lower.strip_prefix(word)?;
        let boundary = word == "%" || !rest.starts_with(|c: char| c.is_alphanumeric());
        boundary.then_some((skipped + word.len(), unit, kind, factor))
    })
}

/// Years, dates, clock times, ordinals and labels are numbers that are not figures.
fn classify_bare(text: &str, start: usize, end: usize, value: f64, before: &str) -> Kind {
    let raw = &text[start..end];
    let after = &text[end..];
    let prev_word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let prev_word = prev_word.trim_end_matches('.');
    if MONTHS.contains(&prev_word)
        || after.starts_with(':')
        || after.starts_with(['s', 't', 'n', 'r'])
    {
        return if after.starts_with(':') {
            Kind::Time
        } else if MONTHS.contains(&prev_word) {
            Kind::Date
        } else {
            Kind::Ordinal
        };
    }
    let next_word = after
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    if MONTHS.contains(&next_word.as_str()) {
        return Kind::Date;
    }
    if before.ends_with("no.") || before.ends_with('#') || before.ends_with('-') {
        return Kind::Other;
    }
    let digits_only = raw.bytes().all(|b| b.is_ascii_digit());
    if digits_only && raw.len() == 4 && (1500.0..=2100.0).contains(&value) {
        return Kind::Year;
    }
    Kind::Count
}

fn hedge_before(before: &str) -> (Hedge, Option<usize>) {
    for &(phrase, hedge) in HEDGES {
        if let Some(head) = before.strip_suffix(phrase)
            && (head.is_empty() || head.ends_with(|c: char| !c.is_alphanumeric()))
        {
            return (hedge, Some(head.len()));
        }
    }
    (Hedge::Exact, None)
}

fn interval(hedge: Hedge, value: f64) -> (Option<f64>, Option<f64>) {
    match hedge {
        Hedge::Exact | Hedge::Range => (Some(value), Some(value)),
        Hedge::Approximate => (Some(value * 0.9), Some(value * 1.1)),
        Hedge::LowerBound => (Some(value), None),
        Hedge::UpperBound => (None, Some(value)),
        Hedge::Vague => (Some(value), Some(value * 10.0)),
    }
}

fn counted_after(after: &str) -> Option<String> {
    let word: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let word = word.to_lowercase();
    (word.len() > 2
        && ![
            "and", "the", "of", "in", "to", "for", "was", "were", "have", "has", "are",
        ]
        .contains(&word.as_str()))
    .then_some(word)
}

fn event_near(text: &str, from: usize) -> Option<String> {
    let lower = text.to_lowercase();
    EVENTS
        .iter()
        .filter_map(|&(word, event)| lower.find(word).map(|at| (at.abs_diff(from), event)))
        .min()
        .map(|(_, event)| event.to_owned())
}

fn scope_after(after: &str) -> Option<String> {
    static SCOPE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(in the (?:last|past) (?:\w+ )?(?:week|weeks|month|months|day|days|hours)|so far|this (?:week|month|year)|since \d{4}|in the city)\b")
            .expect("scope pattern is valid")
    });
    SCOPE.find(after).map(|m| m.as_str().to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Quantity {
        let found = extract(text);
        assert_eq!(found.len(), 1, "{found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn reads_hedged_count_as_interval() {
        let q = one("About 1,200 people died in the flood.");
        assert_eq!(q.value, 1200.0);
        assert_eq!(q.hedge, Hedge::Approximate);
        assert_eq!(q.unit, "people");
        assert_eq!(q.event.as_deref(), Some("deaths"));
        assert_eq!(q.text, "About 1,200");
    }

    #[test]
    fn upper_bound_leaves_low_open() {
        let q = one("As many as 80 homes were destroyed.");
        assert_eq!((q.low, q.high), (None, Some(80.0)));
    }

    #[test]
    fn hyphenated_durations_share_one_unit() {
        let a = one("a week-long truce");
        let b = one("a seven-day truce");
        assert_eq!(a.kind, Kind::Duration);
        assert_eq!(a.value, b.value);
    }

    #[test]
    fn vulgar_fraction_joins_its_number() {
        let q = one("the 3½-year dispute");
        assert_eq!(q.value, 3.5 * 8766.0);
    }

    #[test]
    fn years_and_dates_are_not_figures() {
        let kinds: Vec<Kind> = extract("Since 2011, on March 4, it grew.")
            .iter()
            .map(|q| q.kind)
            .collect();
        assert_eq!(kinds, [Kind::Year, Kind::Date]);
    }
}
