//! The words and digit forms numbers are written with: number words, scale words
//! ("million", "bn", "10k"), fraction denominators, vulgar fractions ("½"),
//! digit groups ("1,234", "40 000") and slash fractions ("2 1/2"). The phrase
//! reader in numbers.rs combines them.

use crate::tokens::{Tok, Tokens};

pub(super) fn small_word(w: &str) -> Option<f64> {
    Some(match w {
        "zero" => 0.0,
        "one" => 1.0,
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
        "twelve" => 12.0,
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
        _ => return None,
    })
}

/// Whether `text` begins with a number word ("fifty apples").
pub(super) fn starts_number_word(text: &str) -> bool {
    let w = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    small_word(w).is_some() || matches!(w, "half" | "quarter")
}

/// Scale words: hundred and dozen scale the current group, the rest the total.
pub(super) fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "dozen" | "dozens" => 12.0,
        "hundred" | "hundreds" => 100.0,
        "thousand" | "thousands" => 1e3,
        "million" | "millions" => 1e6,
        "billion" | "billions" => 1e9,
        "trillion" | "trillions" => 1e12,
        // South Asian scales: a lakh is 100,000, a crore 10 million.
        "lakh" | "lakhs" => 1e5,
        "crore" | "crores" => 1e7,
        _ => return None,
    })
}

/// Abbreviated scales written after digits: "10k", "$5m", "2bn", "US$ 1MM".
pub(super) fn digit_scale(s: &Tokens, j: usize, currency: bool) -> Option<f64> {
    let raw = s.raw(j);
    let glued = s.glued(j);
    Some(match s.low(j) {
        "k" => 1e3,
        "mn" | "mln" | "mil" => 1e6,
        // A lowercase "m" after a plain number is a metre; after money or in
        // capitals ("10M") it is a million.
        "m" if currency || raw == "M" || counts_after(s, j) => 1e6,
        "mm" if raw == "MM" => 1e6,
        "bn" | "bln" => 1e9,
        // "$1B"; "1B Mark Teixeira" is a first baseman.
        "b" if glued && currency => 1e9,
        "tn" | "tln" => 1e12,
        "t" if currency && raw == "T" => 1e12,
        w => scale_word(w)?,
    })
}

/// "1.8m residents": a plural noun after a glued "m" makes it a million, not metres.
fn counts_after(s: &Tokens, j: usize) -> bool {
    let mut k = j + 1;
    // "40m of its phones": millions of a plural thing.
    if s.low(k) == "of" {
        k += 1;
        if matches!(
            s.low(k),
            "its" | "the" | "their" | "his" | "her" | "our" | "those" | "these" | "all"
        ) {
            k += 1;
        }
    }
    let w = s.low(k);
    s.glued(j)
        && s.kind(k) == Some(Tok::Word)
        && s.kind(j + 1) == Some(Tok::Word)
        && w.len() > 3
        && w.ends_with('s')
        && !matches!(
            w,
            "tall" | "long" | "high" | "wide" | "deep" | "across" | "away"
        )
}

/// Fraction denominators: "third" is 3, "quarters" 4.
pub(super) fn denominator(w: &str) -> Option<f64> {
    Some(match w {
        "half" | "halves" => 2.0,
        "third" | "thirds" => 3.0,
        "quarter" | "quarters" | "fourth" | "fourths" => 4.0,
        "fifth" | "fifths" => 5.0,
        "sixth" | "sixths" => 6.0,
        "seventh" | "sevenths" => 7.0,
        "eighth" | "eighths" => 8.0,
        "ninth" | "ninths" => 9.0,
        "tenth" | "tenths" => 10.0,
        "hundredth" | "hundredths" => 100.0,
        "thousandth" | "thousandths" => 1000.0,
        _ => return None,
    })
}

pub(super) fn vulgar(c: &str) -> Option<f64> {
    Some(match c {
        "½" => 0.5,
        "¼" => 0.25,
        "¾" => 0.75,
        "⅓" => 1.0 / 3.0,
        "⅔" => 2.0 / 3.0,
        "⅕" => 0.2,
        "⅙" => 1.0 / 6.0,
        "⅛" => 0.125,
        "⅜" => 0.375,
        "⅝" => 0.625,
        "⅞" => 0.875,
        _ => return None,
    })
}

/// An ordinal word used as an ordinal, not a fraction: "a third time".
pub(super) fn ordinal_use(s: &Tokens, j: usize) -> bool {
    matches!(
        s.low(j + 1),
        "time" | "times" | "round" | "term" | "straight" | "consecutive" | "day" | "year"
    )
}

/// A digit atom: "1,234", "40 000", "2 1/2", "3/4", "5½". Returns value and end.
pub(super) fn digit_atom(s: &Tokens, j: usize) -> Option<(f64, usize)> {
    let t = s.toks.get(j).filter(|t| t.kind == Tok::Num)?;
    let mut value = t.value;
    let mut next = j + 1;
    // "40 000": groups of exactly three digits after a one-space gap.
    let short_head = t.plain && s.raw(j).len() <= 3;
    while short_head
        && s.kind(next) == Some(Tok::Num)
        && !s.raw(next).contains(',')
        && s.raw(next).split('.').next().is_some_and(|g| g.len() == 3)
        && single_gap(s, next)
        && s.low(next + 1) != "/"
    {
        let tail = s.toks[next];
        value = value * 1000.0 + tail.value;
        next += 1;
        if !tail.plain {
            break;
        }
    }
    // "10, 000 people": a grouping comma with a stray space (wire and OCR text),
    // when no list of numbers goes on after it.
    if next == j + 1
        && short_head
        && s.low(next) == ","
        && s.glued(next)
        && s.kind(next + 1) == Some(Tok::Num)
        && s.toks[next + 1].plain
        && s.raw(next + 1).len() == 3
        && single_gap(s, next + 1)
        && !(s.low(next + 2) == "," && s.kind(next + 3) == Some(Tok::Num))
        && !(j >= 2 && s.low(j - 1) == "," && s.kind(j - 2) == Some(Tok::Num))
        && !matches!(s.low(next + 2), "and" | "or")
    {
        value = value * 1000.0 + s.toks[next + 1].value;
        next += 2;
    }
    if let Some(f) = slash_fraction(s, next) {
        if t.plain && !s.glued(next) {
            return Some((value + f, next + 3));
        }
    } else if s.glued(next)
        && s.low(next) == "/"
        && let Some(f) = slash_fraction(s, j)
    {
        return Some((f, j + 3));
    }
    if s.glued(next)
        && let Some(f) = vulgar(s.raw(next))
    {
        return Some((value + f, next + 1));
    }
    Some((value, next))
}

/// "1/4" at `j`, not part of a date such as "9/11/2001".
fn slash_fraction(s: &Tokens, j: usize) -> Option<f64> {
    let ok = s.kind(j) == Some(Tok::Num)
        && s.toks[j].plain
        && s.low(j + 1) == "/"
        && s.glued(j + 1)
        && s.kind(j + 2) == Some(Tok::Num)
        && s.glued(j + 2)
        && s.toks[j + 2].plain
        && !(s.low(j + 3) == "/" && s.glued(j + 3))
        && !(j > 0 && s.low(j - 1) == "/" && s.glued(j));
    let den = s.toks.get(j + 2)?.value;
    // "24/7" and "9/11" are no fractions: only proper ones are read.
    (ok && den > s.toks[j].value).then(|| s.toks[j].value / den)
}

/// Whether token `j` follows the one before after exactly one space.
fn single_gap(s: &Tokens, j: usize) -> bool {
    let t = s.toks[j];
    let prev = s.toks[j - 1];
    let gap = &s.text[prev.end..t.start];
    matches!(gap, " " | "\u{a0}" | "\u{202f}" | "\u{2009}")
}

/// "zero three" after "point" is .03, "seventy-one" is .71.
pub(super) fn spoken_decimals(s: &Tokens, mut j: usize) -> Option<(f64, usize)> {
    let mut digits = String::new();
    while let Some(v) = small_word(s.low(j)) {
        let mut v = v;
        if v >= 20.0 && s.low(j + 1) == "-" && small_word(s.low(j + 2)).is_some_and(|u| u < 10.0) {
            v += small_word(s.low(j + 2)).unwrap_or(0.0);
            j += 2;
        }
        digits.push_str(&format!("{v}"));
        j += 1;
    }
    let d: f64 = format!("0.{digits}").parse().ok()?;
    (!digits.is_empty()).then_some((d, j))
}
