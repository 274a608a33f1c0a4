//! Dates as news pages write them: "October 3, 2016", "Wednesday, September 28,
//! 2016", "3 Oct. 2016" and ISO "2016-10-03T08:00Z". Dates order articles in time,
//! so a later, higher toll reads as an update rather than a contradiction.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Date;

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?-u:\b)(?:
            (?P<m1>jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+(?P<d1>\d{1,2}),?\s+(?P<y1>(?:19|20)\d{2})
          | (?P<d2>\d{1,2})\s+(?P<m2>jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?,?\s+(?P<y2>(?:19|20)\d{2})
        )(?-u:\b) | (?-u:\b)(?P<y3>(?:19|20)\d{2})-(?P<m3>\d{2})-(?P<d3>\d{2})(?:(?-u:\b)|T)",
    )
    .expect("date pattern is valid")
});

/// Finds the first full date (with a year) in `s`.
pub fn parse_date(s: &str) -> Option<Date> {
    let caps = DATE.captures(s)?;
    let (y, m, d) = if let Some(y) = caps.name("y1") {
        (y, month_number(&caps["m1"])?, &caps["d1"])
    } else if let Some(y) = caps.name("y2") {
        (y, month_number(&caps["m2"])?, &caps["d2"])
    } else {
        (caps.name("y3")?, caps["m3"].parse().ok()?, &caps["d3"])
    };
    let date = Date {
        year: y.as_str().parse().ok()?,
        month: m,
        day: d.parse().ok()?,
    };
    (date.day >= 1 && date.day <= days_in_month(date.year, date.month)?).then_some(date)
}

fn days_in_month(year: i32, month: u8) -> Option<u8> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

fn month_number(name: &str) -> Option<u8> {
    let key = name.get(..3)?.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months.iter().position(|m| *m == key).map(|i| i as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    fn parsed(s: &str) -> Option<String> {
        parse_date(s).map(|d| d.to_string())
    }

    #[test]
    fn parses_weekday_dates() {
        assert_eq!(
            parsed("- Wire Service - Wednesday, September 28, 2016").as_deref(),
            Some("2016-09-28")
        );
    }

    #[test]
    fn parses_abbreviated_day_first_and_iso_dates() {
        assert_eq!(parsed("Oct. 3, 2016").as_deref(), Some("2016-10-03"));
        assert_eq!(parsed("3 Sept 2016").as_deref(), Some("2016-09-03"));
        assert_eq!(
            parsed("2016-10-03T08:00:00Z").as_deref(),
            Some("2016-10-03")
        );
    }

    #[test]
    fn refuses_impossible_dates() {
        assert_eq!(parsed("2016-13-03"), None);
        assert_eq!(parsed("February 30, 2016"), None);
        assert_eq!(parsed("February 29, 2016").as_deref(), Some("2016-02-29"));
        assert_eq!(parsed("Monday"), None);
    }
}
