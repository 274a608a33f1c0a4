//! Spans of time given by two dates: "from September 2017 through February
//! 2018" is a six-month period, "between March 3, 2011 and March 10, 2011"
//! seven days. Only spans that open with "from" or "between" and give a year
//! for both ends are read: a month and a year alone count the months of both
//! ends (September to February is six months), two full dates count the days
//! between them.

use crate::tokens::{Tok, Tokens};

/// One end of a span: months since year 0, the day of the month if written,
/// and the token after it.
struct End {
    month: i64,
    day: Option<i64>,
    next: usize,
}

fn month_number(w: &str) -> Option<i64> {
    let i = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| w.starts_with(m))?;
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    (w.len() == 3 || w == "sept" || w == full[i]).then_some(i as i64)
}

/// "September 2017", "Sept. 20, 2017", "20 September 2017" at token `k`.
fn date_at(s: &Tokens, k: usize) -> Option<End> {
    let number =
        |j: usize| (s.kind(j) == Some(Tok::Num) && s.toks[j].plain).then(|| s.toks[j].value as i64);
    let (month, mut j, mut day) = if let Some(m) = month_number(s.low(k)) {
        (m, k + 1, None)
    } else {
        let d = number(k).filter(|d| (1..=31).contains(d))?;
        (month_number(s.low(k + 1))?, k + 2, Some(d))
    };
    if s.low(j) == "." {
        j += 1;
    }
    if day.is_none()
        && let Some(d) = number(j).filter(|d| (1..=31).contains(d))
    {
        day = Some(d);
        j += 1;
        if s.low(j) == "," {
            j += 1;
        }
    }
    let year = number(j).filter(|y| (1800..=2100).contains(y))?;
    Some(End {
        month: year * 12 + month,
        day,
        next: j + 1,
    })
}

/// Days from the start of month `m` (months since year 0) to day `d` of it,
/// counted from a fixed origin (Howard Hinnant's days-from-civil).
fn days(m: i64, d: i64) -> i64 {
    let (y, mo) = (m.div_euclid(12), m.rem_euclid(12) + 1);
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe
}

/// The span opening at token `i` ("from" or "between"): its length, whether
/// in days (else months), and the token after it.
pub(super) fn span(s: &Tokens, i: usize) -> Option<(f64, bool, usize)> {
    let opener = s.low(i);
    if !matches!(opener, "from" | "between") {
        return None;
    }
    let a = date_at(s, i + 1)?;
    let joiner = s.low(a.next);
    let ok = match opener {
        "from" => matches!(joiner, "to" | "through" | "until" | "till" | "-" | "–"),
        _ => joiner == "and",
    };
    if !ok {
        return None;
    }
    let b = date_at(s, a.next + 1)?;
    match (a.day, b.day) {
        (Some(da), Some(db)) => {
            let n = days(b.month, db) - days(a.month, da);
            (n > 0).then_some((n as f64, true, b.next))
        }
        _ => {
            let n = b.month - a.month + 1;
            (n > 0).then_some((n as f64, false, b.next))
        }
    }
}
