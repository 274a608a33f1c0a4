//! The tokenizer under the quantity and measure readers: words, digit runs and single
//! symbols with byte offsets, plus an ASCII-lowercased copy of the text whose
//! offsets equal the original's, so matching is case-blind but spans stay exact.
//! Hand-written (not regex) because the number reader needs token-level lookahead
//! on separators ("1,234", "40 000", "5½", "48-hour") that a regex would re-scan.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok {
    Word,
    Num,
    Punct,
}

/// One token: byte span, whether whitespace precedes it, and for digits the value.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub kind: Tok,
    pub start: usize,
    pub end: usize,
    pub space_before: bool,
    /// Digit value, separators removed; 0 for words and symbols.
    pub value: f64,
    /// Digits only: no grouping comma and no decimal point.
    pub plain: bool,
}

/// A sentence split into tokens, with its lowercased twin.
pub(crate) struct Tokens<'a> {
    pub text: &'a str,
    pub lower: String,
    pub toks: Vec<Token>,
}

impl<'a> Tokens<'a> {
    pub fn new(text: &'a str) -> Self {
        let lower = text.to_ascii_lowercase();
        let bytes = text.as_bytes();
        let mut toks = Vec::with_capacity(text.len() / 4);
        let mut i = 0;
        let mut space_before = true;
        while i < bytes.len() {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let start = i;
            if c.is_whitespace() {
                i += c.len_utf8();
                space_before = true;
                continue;
            }
            let lead_dot = c == '.'
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                && !(i > 0 && bytes[i - 1].is_ascii_digit());
            let (kind, end, value, plain) = if c.is_ascii_digit() || lead_dot {
                let (end, value, plain) = scan_digits(bytes, i);
                (Tok::Num, end, value, plain)
            } else if c.is_alphabetic() {
                let end = text[i..]
                    .char_indices()
                    .find(|&(_, ch)| !ch.is_alphabetic())
                    .map_or(text.len(), |(k, _)| i + k);
                (Tok::Word, end, 0.0, false)
            } else {
                (Tok::Punct, i + c.len_utf8(), 0.0, false)
            };
            toks.push(Token {
                kind,
                start,
                end,
                space_before,
                value,
                plain,
            });
            space_before = false;
            i = end;
        }
        Self { text, lower, toks }
    }

    /// The lowercased text of token `i` ("" past the end).
    pub fn low(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| &self.lower[t.start..t.end])
    }

    /// The text of token `i` as written.
    pub fn raw(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
    }

    pub fn kind(&self, i: usize) -> Option<Tok> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// Whether token `i` directly touches the one before it.
    pub fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before)
    }

    /// Whether token `i` is a word starting with a capital letter.
    pub fn capitalised(&self, i: usize) -> bool {
        self.kind(i) == Some(Tok::Word) && self.raw(i).starts_with(|c: char| c.is_uppercase())
    }
}

/// Reads `1,234,567.89`, `4.800` or `.08` from `at`: end, value, plainness.
fn scan_digits(bytes: &[u8], at: usize) -> (usize, f64, bool) {
    let digit_run = |from: usize| {
        bytes[from..]
            .iter()
            .position(|b| !b.is_ascii_digit())
            .map_or(bytes.len(), |k| from + k)
    };
    let mut end = digit_run(at);
    let mut plain = true;
    // Grouping commas must be followed by exactly three digits ("22,24" is a list).
    while bytes.get(end) == Some(&b',') {
        let next = digit_run(end + 1);
        if next - (end + 1) != 3 {
            break;
        }
        end = next;
        plain = false;
    }
    if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        end = digit_run(end + 1);
        plain = false;
    }
    let digits: String = bytes[at..end]
        .iter()
        .filter(|&&b| b != b',')
        .map(|&b| b as char)
        .collect();
    let value = digits.parse().unwrap_or(0.0);
    (end, value, plain && bytes[at] != b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_decimal_point_inside_number() {
        let t = Tokens::new("rose 4.5% to 1,234,567.89");
        let nums: Vec<f64> = t
            .toks
            .iter()
            .filter(|t| t.kind == Tok::Num)
            .map(|t| t.value)
            .collect();
        assert_eq!(nums, [4.5, 1_234_567.89]);
    }

    #[test]
    fn a_comma_list_is_several_numbers() {
        let t = Tokens::new("nrs. 22,24,26");
        assert_eq!(t.toks.iter().filter(|t| t.kind == Tok::Num).count(), 3);
    }

    #[test]
    fn offsets_survive_multibyte_text() {
        let t = Tokens::new("the 5½\u{a0}year war");
        assert_eq!(t.raw(2), "½");
        assert_eq!(t.low(3), "year");
        assert!(t.glued(2));
    }
}
