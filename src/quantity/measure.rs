//! A number with what is written right around it: the currency before it, the
//! unit after it (also hyphenated, "48-hour"), compounds ("5 feet 2 inches",
//! "3 dollars 50 cents"), units with no number ("a gallon", "week-long") and
//! shares ("one out of three").

use super::Kind;
use super::numbers::{self, Num};
use super::rates;
use super::units::{self, Unit};
use crate::tokens::{Tok, Tokens};

/// A number with what is written right around it, in the unit as written.
#[derive(Clone, Copy)]
pub(super) struct Measured {
    pub num: Num,
    pub value: f64,
    /// First token, currency sign included.
    pub first: usize,
    /// Token after the unit (or the number when there is none).
    pub after: usize,
    pub unit: Option<&'static Unit>,
    pub currency: Option<&'static str>,
    /// Money written in hundredths ("50 cents") is 0.01 of its currency.
    pub money_factor: f64,
    /// Written with no number ("a gallon", "week-long"): never judged as a label.
    pub implied: bool,
}

impl Measured {
    pub fn kind(&self) -> Option<Kind> {
        if self.currency.is_some() {
            Some(Kind::Money)
        } else {
            self.unit.map(|u| u.kind)
        }
    }
}

/// "a gallon", "an hour", "another week", "week-long": a one that is not written.
fn implied_one(s: &Tokens, i: usize, prev_end: Option<usize>) -> Option<Measured> {
    let w = s.low(i);
    let (unit_at, first) = if matches!(w, "a" | "an" | "another") {
        // "twice a day", "pennies a day": the rate of something else.
        let rate = i > 0
            && (s.kind(i - 1) == Some(Tok::Num)
                || prev_end == Some(i)
                || matches!(s.low(i - 1), "once" | "twice" | "times" | "per")
                || (rates::plural_noun(s, i - 1) && rates::rate_at(s, i).is_some()));
        // "an SEC filing", "an HR manager": an acronym is no unit word.
        let raw = s.raw(i + 1);
        let acronym = raw.len() > 1 && raw.bytes().all(|b| b.is_ascii_uppercase());
        if rate || acronym {
            return None;
        }
        (i + 1, i)
    } else if s.low(i + 1) == "-" && s.low(i + 2) == "long" && s.glued(i + 1) {
        (i, i)
    } else {
        return None;
    };
    let (unit, after) = units::unit_at(s, unit_at)?;
    // "quite another"": a symbol is a unit only after a number; so is a letter ("A G-Man").
    if !unit.words[0].starts_with(|c: char| c.is_alphabetic()) || unit.words[0].len() == 1 {
        return None;
    }
    let mut value = 1.0;
    let usable = matches!(
        unit.kind,
        Kind::Duration | Kind::Length | Kind::Volume | Kind::Mass | Kind::Area
    ) || matches!(unit.words[0], "penny" | "cent");
    let age = unit.unit == "year_of_age";
    (usable && !age).then_some(Measured {
        after: after_unit_extras(s, after, &mut value),
        num: Num {
            first,
            next: unit_at,
            value,
            bare_digits: false,
            scale: 1.0,
        },
        value,
        first,
        unit: Some(unit),
        currency: None,
        money_factor: 1.0,
        implied: true,
    })
}

/// "and a half" and "-long" after a unit ("an hour and a half", "week-long").
fn after_unit_extras(s: &Tokens, mut after: usize, value: &mut f64) -> usize {
    if s.low(after) == "and" && s.low(after + 1) == "a" && s.low(after + 2) == "half" {
        *value += 0.5;
        after += 3;
    } else if s.low(after) == "and" && s.low(after + 1) == "half" {
        *value += 0.5;
        after += 2;
    }
    if s.low(after) == "-" && s.low(after + 1) == "long" && s.glued(after) {
        after += 2;
    }
    after
}

/// Reads a number and its unit or currency starting at token `i`.
pub(super) fn measure(s: &Tokens, i: usize, prev_end: Option<usize>) -> Option<Measured> {
    // A currency word already read as the previous figure's unit ("10 rmb 20") is not this one's.
    let cur = units::currency_before(s, i).filter(|c| prev_end.is_none_or(|p| c.1 >= p));
    let Some(num) = numbers::parse(s, i, cur.is_some()) else {
        return implied_one(s, i, prev_end);
    };
    let mut m = Measured {
        num,
        value: num.value,
        first: cur.map_or(i, |c| c.1),
        after: num.next,
        unit: None,
        currency: cur.map(|c| c.0),
        money_factor: 1.0,
        implied: false,
    };
    let j = num.next;
    // "P2P", "MP3s": letters glued before the digits make a code; the letters
    // after it are no unit.
    let coded = num.first > 0 && s.glued(num.first) && s.kind(num.first - 1) == Some(Tok::Word);
    if m.currency.is_none() && !coded {
        let last = s.low(j.wrapping_sub(1));
        // "48-hour", "half an hour", "a couple of weeks": the unit is one token on.
        let skip = (s.low(j) == "-" && s.glued(j) && s.glued(j + 1))
            || (matches!(s.low(j), "a" | "an") && matches!(last, "half" | "quarter"))
            || (s.low(j) == "of" && matches!(last, "couple" | "dozen" | "dozens"));
        // "a quarter of an hour", "three quarters of a mile".
        let part_of = s.low(j) == "of"
            && matches!(s.low(j + 1), "a" | "an")
            && matches!(last, "half" | "quarter" | "quarters" | "third" | "thirds");
        let k = if part_of {
            j + 2
        } else if skip {
            j + 1
        } else {
            j
        };
        if let Some((unit, after)) = units::unit_at(s, k) {
            m.after = after;
            if unit.kind == Kind::Money {
                m.currency = Some(unit.unit);
                // "30 MUSD" states 30 million; "50 cents" states 50 hundredths.
                if unit.factor >= 1.0 {
                    m.value *= unit.factor;
                } else {
                    m.money_factor = unit.factor;
                }
                m.after = after;
                compound_cents(s, &mut m);
                // "75 USD million".
                if let Some(scale) = numbers::scale_word(s.low(after)).filter(|&x| x >= 1e3) {
                    m.value *= scale;
                    m.after += 1;
                }
            } else if unit.words[0] == "pounds" && num.scale >= 1e6 {
                m.currency = Some("gbp");
            } else {
                m.unit = Some(unit);
            }
            m.after = after_unit_extras(s, m.after, &mut m.value);
            compound_inches(s, &mut m);
        } else if let Some(code) = units::currency_after(s, j) {
            m.currency = Some(code);
            m.after = j + 1;
        }
    }
    // "revenue was ($99.99)": accounts write losses in brackets. A bracket
    // after anything else restates or adds ("3 million pounds (£3m)", "(US$80)").
    if m.currency.is_some()
        && m.first > 0
        && m.value > 0.0
        && s.low(m.first - 1) == "("
        && s.glued(m.first)
        && s.low(m.after) == ")"
        && s.glued(m.after)
        && accounting(s, m.first - 1)
    {
        m.value = -m.value;
    }
    Some(m)
}

/// "3 dollars 50 cents", "thirteen dollars and forty-five cents": one amount.
fn compound_cents(s: &Tokens, m: &mut Measured) {
    if !matches!(s.low(m.after - 1), "dollars" | "dollar") {
        return;
    }
    let k = if s.low(m.after) == "and" {
        m.after + 1
    } else {
        m.after
    };
    if let Some(c) = numbers::parse(s, k, false)
        && matches!(s.low(c.next), "cents" | "cent")
        && c.value < 100.0
    {
        m.value += c.value / 100.0;
        m.after = c.next + 1;
    }
}

/// "5 feet 2 inches", "12 ft 2 in": one length, in feet.
fn compound_inches(s: &Tokens, m: &mut Measured) {
    let Some(unit) = m.unit else { return };
    if !matches!(unit.words[0], "feet" | "foot" | "ft") {
        return;
    }
    let k = if s.low(m.after) == "and" {
        m.after + 1
    } else {
        m.after
    };
    if s.kind(k) == Some(Tok::Num)
        && s.toks[k].value < 12.0
        && matches!(s.low(k + 1), "inches" | "inch" | "in")
    {
        m.value += s.toks[k].value / 12.0;
        m.after = k + 2;
        return;
    }
    // A height: "6-foot-9", "six-foot-five", "5-foot-11-inch".
    let j = m.after;
    if s.low(j) == "-" && s.glued(j) && s.glued(j + 1) {
        let inches = if s.kind(j + 1) == Some(Tok::Num) && s.toks[j + 1].plain {
            Some(s.toks[j + 1].value)
        } else {
            super::lexicon::small_word(s.low(j + 1))
        };
        if let Some(v) = inches.filter(|&v| v < 12.0) {
            m.value += v / 12.0;
            m.after = j + 2;
            if s.low(m.after) == "-" && matches!(s.low(m.after + 1), "inch" | "inches") {
                m.after += 2;
            }
        }
    }
}

/// "one out of three", "1 in 5": a share, as a fraction.
pub(super) fn ratio(s: &Tokens, a: &Measured) -> Option<(f64, usize)> {
    if a.unit.is_some() || a.currency.is_some() || a.value.fract() != 0.0 || a.value <= 0.0 {
        return None;
    }
    let k = match (s.low(a.after), s.low(a.after + 1)) {
        ("out", "of") => a.after + 2,
        // "one in every 500".
        ("in", "every") if a.value <= 10.0 => a.after + 2,
        ("in", _) if a.value <= 10.0 => a.after + 1,
        _ => return None,
    };
    let b = numbers::parse(s, k, false)?;
    let year = b.bare_digits && b.value >= 1000.0;
    (b.value > a.value && !year && b.value.fract() == 0.0).then_some((a.value / b.value, b.next))
}

/// Whether the bracket at token `open` reads as a negative amount: it opens the
/// text or follows a copula, a colon or an accounting word ("net loss ($1.2m)").
fn accounting(s: &Tokens, open: usize) -> bool {
    open == 0
        || matches!(
            s.low(open - 1),
            "is" | "was"
                | "were"
                | "are"
                | "be"
                | "of"
                | ":"
                | "="
                | "|"
                | "loss"
                | "losses"
                | "deficit"
                | "net"
                | "outflow"
                | "outflows"
        )
}
