//! Reads one number phrase from the tokens: digits with separators, number words,
//! fractions ("two thirds", "5½", "2 1/2", "and a half") and scale words ("bn",
//! "half a million"). Hand-written instead of text2num because news needs
//! fractions, "half a million", "a dozen", glued scales ("$5m", "10k") and exact
//! token offsets, which text2num does not give; its cost also grows with input.

use super::lexicon::{
    denominator, digit_atom, digit_scale, ordinal_use, small_word, spoken_decimals, vulgar,
};
pub(super) use super::lexicon::{scale_word, starts_number_word};
use crate::tokens::{Tok, Tokens};

/// A number phrase: tokens `first..next` and the value they state.
#[derive(Debug, Clone, Copy)]
pub(super) struct Num {
    pub first: usize,
    pub next: usize,
    pub value: f64,
    /// A single digit run with no separators, scale or words ("2011", "16").
    pub bare_digits: bool,
    /// The largest scale word applied ("million" gives 1e6), 1 when none.
    pub scale: f64,
}

/// One building block of a number phrase.
#[derive(Clone, Copy, PartialEq)]
enum Atom {
    Digits,
    Word {
        tens: bool,
        unit: bool,
    },
    /// "a"/"an", a 1 that only counts before a scale word or fraction.
    Article,
    /// "half", "quarter" standing alone.
    Part,
}

fn atom(s: &Tokens, j: usize) -> Option<(f64, usize, Atom)> {
    if let Some((v, next)) = digit_atom(s, j) {
        return Some((v, next, Atom::Digits));
    }
    if s.kind(j) == Some(Tok::Punct) {
        return vulgar(s.raw(j)).map(|v| (v, j + 1, Atom::Part));
    }
    let w = s.low(j);
    if let Some(v) = small_word(w) {
        // "fifty-four", "thirty one": one atom, so "fifty-four hundredths" is .54.
        if v >= 20.0 {
            let unit = |k: usize| small_word(s.low(k)).filter(|&u| (1.0..10.0).contains(&u));
            if s.low(j + 1) == "-"
                && let Some(u) = unit(j + 2)
            {
                return Some((
                    v + u,
                    j + 3,
                    Atom::Word {
                        tens: false,
                        unit: false,
                    },
                ));
            }
            if let Some(u) = unit(j + 1) {
                return Some((
                    v + u,
                    j + 2,
                    Atom::Word {
                        tens: false,
                        unit: false,
                    },
                ));
            }
        }
        let tens = v >= 20.0;
        return Some((
            v,
            j + 1,
            Atom::Word {
                tens,
                unit: v < 10.0,
            },
        ));
    }
    match w {
        "a" | "an" if let Some(next) = half_dozen(s, j + 1) => Some((
            6.0,
            next,
            Atom::Word {
                tens: false,
                unit: false,
            },
        )),
        "a" | "an" if s.low(j + 1) == "couple" => Some((
            2.0,
            j + 2,
            Atom::Word {
                tens: false,
                unit: false,
            },
        )),
        // "a couple of", "couple of"; "the couple ran a shop" counts no one.
        "couple" if s.low(j + 1) == "of" => Some((
            2.0,
            j + 1,
            Atom::Word {
                tens: false,
                unit: false,
            },
        )),
        // "a pair of left hooks".
        "a" if s.low(j + 1) == "pair" && s.low(j + 2) == "of" => Some((
            2.0,
            j + 2,
            Atom::Word {
                tens: false,
                unit: false,
            },
        )),
        "a" | "an" => Some((1.0, j + 1, Atom::Article)),
        // "a half-dozen", "half-a-dozen": six.
        "half" if let Some(next) = half_dozen(s, j) => Some((
            6.0,
            next,
            Atom::Word {
                tens: false,
                unit: false,
            },
        )),
        "half" => Some((0.5, j + 1, Atom::Part)),
        "quarter" => Some((0.25, j + 1, Atom::Part)),
        _ => None,
    }
}

/// "half-dozen", "half-a-dozen", "half a dozen" at token `j`: the token after "dozen".
fn half_dozen(s: &Tokens, j: usize) -> Option<usize> {
    let mut k = j + 1;
    while matches!(s.low(k), "-" | "a") && k < j + 4 {
        k += 1;
    }
    (k > j + 1 && s.low(k) == "dozen").then_some(k + 1)
}

/// Reads the number phrase starting at token `i`; `currency` says money was just
/// named, so a trailing "m" is a million rather than a metre.
pub(super) fn parse(s: &Tokens, i: usize, currency: bool) -> Option<Num> {
    let (sign, start) = read_sign(s, i);
    let mut j = start;
    let (mut total, mut cur, mut big) = (0.0_f64, 0.0_f64, f64::INFINITY);
    let mut scale = 1.0_f64;
    let mut have_atom = false;
    // The last atom: value, `cur` before it, joined by "and" after a big scale, tens word.
    let mut last: Option<(f64, f64, bool, Atom)> = None;
    let mut frac_done = false;
    let mut hundred_used = false;
    let mut good: Option<(usize, f64)> = None;
    let mut atoms = 0;
    let mut only_digits = true;
    loop {
        let any = good.is_some();
        // "$140-million", "a two-million-euro fund": a hyphen glues the scale on.
        if any
            && have_atom
            && s.low(j) == "-"
            && s.glued(j)
            && s.glued(j + 1)
            && scale_word(s.low(j + 1)).is_some_and(|m| m >= 1e3)
        {
            j += 1;
            continue;
        }
        // A joiner ("and", "&", "-", ",") only counts when a valid part follows.
        let (k, joined) = match s.low(j) {
            "and" | "&" if any => (j + 1, true),
            "-" if any && s.kind(j - 1) == Some(Tok::Word) && s.kind(j + 1) == Some(Tok::Word) => {
                (j + 1, true)
            }
            "," if any && big.is_finite() && cur == 0.0 && s.kind(j + 1) == Some(Tok::Word) => {
                (j + 1, true)
            }
            _ => (j, false),
        };
        let w = s.low(k);
        // A denominator turns the atom before it into a fraction.
        if (!joined || s.low(j) == "-")
            && let Some((a, before, and_big, _)) = last
            && let Some(d) = denominator(w)
            && !ordinal_use(s, k)
            && half_dozen(s, k).is_none()
        {
            let f = a / d;
            if and_big && before == 0.0 {
                total += f * big;
                cur = before;
            } else {
                cur = before + f;
            }
            last = None;
            frac_done = true;
            j = k + 1;
            good = Some((j, total + cur));
            continue;
        }
        if frac_done && !joined && matches!(w, "a" | "an") && scale_word(s.low(k + 1)).is_some() {
            j = k + 1;
            continue;
        }
        if let Some((v, next, kind)) = atom(s, k) {
            let fraction_next = denominator(s.low(next)).is_some() && !ordinal_use(s, next);
            let scale_next = scale_word(s.low(next)).is_some();
            let after_tens = matches!(last, Some((_, _, _, Atom::Word { tens: true, .. })));
            let allowed = match kind {
                Atom::Article => {
                    (fraction_next || scale_next) && (!any || (joined && fraction_next))
                }
                Atom::Part => !any || joined,
                Atom::Digits => !any || !have_atom,
                Atom::Word { unit, .. } => {
                    !any || !have_atom || fraction_next || (unit && after_tens)
                }
            };
            // "3 hundred and 2 hundred" is two numbers: stop before the "and".
            let bad_scale_next = joined
                && match scale_word(s.low(next)) {
                    Some(m) if m < 1e3 => hundred_used,
                    Some(m) => m >= big,
                    None => false,
                };
            if !allowed || bad_scale_next {
                break;
            }
            only_digits &= kind == Atom::Digits;
            let and_big = joined && cur == 0.0 && big.is_finite();
            let before = cur;
            // "twenty one": the unit joins the tens as one atom for fractions.
            let (atom_v, atom_before) = match (kind, last) {
                (Atom::Word { unit: true, .. }, Some((t, b, _, Atom::Word { tens: true, .. })))
                    if have_atom && !fraction_next =>
                {
                    (t + v, b)
                }
                _ => (v, before),
            };
            cur += v;
            last = Some((atom_v, atom_before, and_big, kind));
            have_atom = true;
            frac_done |= kind == Atom::Part;
            atoms += 1;
            j = next;
            if kind != Atom::Article {
                good = Some((j, total + cur));
            }
            continue;
        }
        if !any && !matches!(last, Some((_, _, _, Atom::Article))) {
            // A bare "hundred" or "thousand" means one of them.
            if joined || w.ends_with('s') || scale_word(w).is_none() {
                return None;
            }
            cur = 1.0;
            have_atom = true;
            only_digits = false;
            last = Some((1.0, 0.0, false, Atom::Article));
            continue;
        }
        if joined {
            break;
        }
        // "of a million" after a fraction, "half a dozen".
        let k = if frac_done && matches!(w, "of" | "a" | "an") {
            let k2 = if w == "of" && matches!(s.low(k + 1), "a" | "an") {
                k + 2
            } else {
                k + 1
            };
            if scale_word(s.low(k2)).is_some() {
                k2
            } else {
                k
            }
        } else {
            k
        };
        let m = if matches!(last, Some((_, _, _, Atom::Digits))) {
            digit_scale(s, k, currency)
        } else {
            scale_word(s.low(k))
        };
        if let Some(m) = m.filter(|_| have_atom || frac_done || cur > 0.0) {
            only_digits = false;
            if m < 1e3 {
                if hundred_used && m == 100.0 {
                    break;
                }
                hundred_used |= m == 100.0;
                cur *= m;
            } else {
                hundred_used = false;
                if m >= big {
                    break;
                }
                total += cur * m;
                cur = 0.0;
                big = m;
            }
            scale = scale.max(m);
            have_atom = false;
            last = None;
            j = k + 1;
            good = Some((j, total + cur));
            continue;
        }
        if w == "point"
            && atoms > 0
            && !only_digits
            && let Some((d, next)) = spoken_decimals(s, k + 1)
        {
            cur += d;
            j = next;
            good = Some((j, total + cur));
        }
        break;
    }
    let (next, value) = good?;
    Some(Num {
        first: i,
        next,
        value: sign * value,
        bare_digits: only_digits && atoms == 1 && next == start + 1 && s.toks[start].plain,
        scale,
    })
}

/// A leading "minus", "negative" or a minus sign glued to the digits.
fn read_sign(s: &Tokens, i: usize) -> (f64, usize) {
    match s.low(i) {
        "minus" | "negative"
            if small_word(s.low(i + 1)).is_some() || s.kind(i + 1) == Some(Tok::Num) =>
        {
            (-1.0, i + 1)
        }
        // "minus-20 degree temperatures".
        "minus" | "negative"
            if s.low(i + 1) == "-"
                && s.glued(i + 1)
                && s.glued(i + 2)
                && s.kind(i + 2) == Some(Tok::Num) =>
        {
            (-1.0, i + 2)
        }
        "-" | "\u{2212}" if s.kind(i + 1) == Some(Tok::Num) => {
            let glued = s.glued(i + 1);
            // "Stoxx 50 -1.3%": a signed change after a number of a name.
            let change = matches!(s.low(i + 2), "%" | "percent" | "pc" | "points");
            let after_ok = i == 0
                || (s.toks[i].space_before && (s.kind(i - 1) != Some(Tok::Num) || change))
                || matches!(s.low(i - 1), "(" | "$" | "=" | "<" | ">" | "~");
            if (glued && after_ok) || (i == 0 && !glued) {
                (-1.0, i + 1)
            } else {
                (1.0, i)
            }
        }
        _ => (1.0, i),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Option<f64> {
        let s = Tokens::new(text);
        parse(&s, 0, false).map(|n| n.value)
    }

    #[test]
    fn reads_number_words_with_and() {
        assert_eq!(value("three hundred and twelve"), Some(312.0));
        assert_eq!(
            value("twenty-one trillion and three hundred"),
            Some(21e12 + 300.0)
        );
        assert_eq!(value("a hundred and two"), Some(102.0));
    }

    #[test]
    fn reads_fractions_in_words() {
        assert_eq!(value("two and a half"), Some(2.5));
        assert_eq!(value("three quarters"), Some(0.75));
        assert_eq!(value("one million and a half"), Some(1.5e6));
        assert_eq!(value("one hundred and three quarters"), Some(100.75));
    }

    #[test]
    fn glued_scales_read_as_multipliers() {
        assert_eq!(value("10k"), Some(1e4));
        assert_eq!(value("2.5bn"), Some(2.5e9));
        assert_eq!(value("1,674.5 million"), Some(1_674_500_000.0));
    }

    #[test]
    fn two_numbers_side_by_side_stay_apart() {
        let s = Tokens::new("3 hundred and 2 hundred");
        let first = parse(&s, 0, false).map(|n| (n.value, n.next));
        assert_eq!(first, Some((300.0, 2)));
    }

    #[test]
    fn space_grouped_digits_are_one_number() {
        assert_eq!(value("1 414 021 100 people"), Some(1_414_021_100.0));
    }

    #[test]
    fn a_lone_article_is_no_number() {
        assert_eq!(value("a man"), None);
    }
}
