//! Text hygiene shared by the stages: news text carries no-break and hair spaces,
//! zero-width marks, curly quotes and vulgar fractions. Matching works on a folded
//! copy; offsets always stay in the original text. Also the calendar words that
//! several stages tell apart from figures and places.

/// Month names and their abbreviations, lower-case.
pub const MONTHS: &[&str] = &[
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
/// Day names, lower-case.
pub const DAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Folds typography for matching: curly quotes to straight, exotic spaces to one
/// space, dashes to '-', zero-width marks removed, vulgar fractions spelled as
/// decimals ("5½" -> "5.5") before anything else could turn them into "51⁄2".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// `fold`, appended to `out`.
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        fold_ascii(s, out);
    } else {
        fold_chars(s, out);
    }
}

fn fold_chars(s: &str, out: &mut String) {
    let mut prev_digit = false;
    for c in s.chars() {
        fold_char(c, prev_digit, out);
        prev_digit = c.is_ascii_digit();
    }
}

/// `fold`, plus where each byte of the folded text came from: `map[i]` is the
/// offset in `s` of the character that produced folded byte `i`, and one last
/// entry holds `s.len()`. A match found in the folded text at `a..b` is
/// `map[a]..map[b]` in the original, so offsets survive hygiene.
pub fn fold_with_offsets(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    let mut prev_digit = false;
    for (at, c) in s.char_indices() {
        fold_char(c, prev_digit, &mut out);
        map.resize(out.len(), at);
        prev_digit = c.is_ascii_digit();
    }
    map.push(s.len());
    (out, map)
}

/// `fold` of ASCII text, where only whitespace changes: each run becomes one
/// space. Spans with nothing to change are copied whole.
fn fold_ascii(s: &str, out: &mut String) {
    // The ASCII characters that `char::is_whitespace` knows.
    let space = |b: u8| matches!(b, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b' ');
    let bytes = s.as_bytes();
    let (mut copied, mut i) = (0, 0);
    while i < bytes.len() {
        if !space(bytes[i]) {
            i += 1;
            continue;
        }
        let end = i + bytes[i..].iter().take_while(|&&b| space(b)).count();
        if end - i > 1 || bytes[i] != b' ' || (i == copied && out.ends_with(' ')) {
            out.push_str(&s[copied..i]);
            if !out.ends_with(' ') {
                out.push(' ');
            }
            copied = end;
        }
        i = end;
    }
    out.push_str(&s[copied..]);
}

fn fold_char(c: char, prev_digit: bool, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => out.push('\''),
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => out.push('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
        c if c.is_whitespace() => {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        }
        c => match vulgar_fraction(c) {
            Some(frac) => {
                if !prev_digit {
                    out.push('0');
                }
                out.push_str(frac);
            }
            None => out.push(c),
        },
    }
}

/// The decimal tail of a vulgar fraction character (".5" for '½').
pub fn vulgar_fraction(c: char) -> Option<&'static str> {
    Some(match c {
        '½' => ".5",
        '¼' => ".25",
        '¾' => ".75",
        '⅓' => ".333",
        '⅔' => ".667",
        '⅛' => ".125",
        _ => return None,
    })
}

/// A short id that depends only on `parts` (FNV-1a, 64 bits): the same content gives
/// the same id on every run, machine and thread count.
pub fn stable_id<'a>(prefix: &str, parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.as_bytes().iter().chain(&[0xff]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{prefix}{:012x}", hash >> 16)
}

#[cfg(test)]
mod tests {
    use super::{fold, fold_ascii, fold_chars, fold_with_offsets};

    #[test]
    fn ascii_text_folds_as_character_by_character() {
        let texts = [
            "",
            " ",
            "  ",
            "a",
            " a ",
            "a  b",
            "a\tb",
            "a \t\n b",
            "\x0b\x0ca\r\n",
            "one two three.",
            "  lead",
            "trail \n",
            "x \u{1c} y",
        ];
        for before in ["", "x", "x "] {
            for text in texts {
                let (mut fast, mut slow) = (before.to_owned(), before.to_owned());
                fold_ascii(text, &mut fast);
                fold_chars(text, &mut slow);
                assert_eq!(fast, slow, "{before:?} + {text:?}");
            }
        }
    }

    #[test]
    fn folds_curly_quotes_and_exotic_spaces() {
        assert_eq!(fold("“Hi,”\u{a0}he\u{200a}said’"), "\"Hi,\" he said'");
    }

    #[test]
    fn spells_vulgar_fractions_as_decimals() {
        assert_eq!(fold("a 5½-year war, ½ of it"), "a 5.5-year war, 0.5 of it");
    }

    #[test]
    fn drops_bom_and_zero_width_marks_and_joins_crlf() {
        assert_eq!(fold("\u{feff}U.S.\u{200b}\r\nArmy"), "U.S. Army");
    }

    #[test]
    fn maps_folded_offsets_back_to_the_original() {
        let text = "\u{201c}About 5\u{bd}\u{a0}million\u{201d}";
        let (folded, map) = fold_with_offsets(text);
        assert_eq!(folded, "\"About 5.5 million\"");
        let at = folded.find("5.5").unwrap();
        let (start, end) = (map[at], map[at + 3]);
        assert_eq!(&text[start..end], "5\u{bd}");
        assert_eq!(map.len(), folded.len() + 1);
        assert_eq!(map[folded.len()], text.len());
    }
}
