//! Numbers that belong to a name, a code, a clock or a result instead of stating
//! an amount: indexes and models ("FTSE 100", "S&P 500", "Boeing 777", "Windows
//! 11", "ISO 9001", "BBC One"), addresses ("the 12000 block of"), calibres
//! (".38-caliber", "12-gauge"), phone numbers ("745-4811", "0845 125 2222",
//! "call 911"), times with a zone ("0241 GMT"), dotted dates ("2012.08.08"),
//! decades in words ("the nineteen fifties"), scores ("ended 3-3") and win-loss
//! records ("(52-3)", "fell to 5-10").

use super::Kind;
use super::nonfigure::Verdict;
use super::numbers::Num;
use crate::text::{DAYS, MONTHS};
use crate::tokens::{Tok, Tokens};

/// Time zones and words that make a four-digit number a clock time ("1300 GMT").
const ZONES: &[&str] = &[
    "gmt", "utc", "bst", "cet", "cest", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt",
    "ist", "jst", "aest", "local", "hrs", "zulu",
];

/// Words after a number that make it part of a gun's name ("a .38-caliber revolver").
const CALIBRE: &[&str] = &["caliber", "calibre", "gauge", "magnum", "bore"];

/// Words after a pair of numbers that make it a result ("a 14-0 lead").
const RESULT_AFTER: &[&str] = &[
    "record",
    "lead",
    "win",
    "wins",
    "victory",
    "loss",
    "defeat",
    "draw",
    "tie",
    "score",
    "mark",
    "overall",
    "season",
    "start",
    "finish",
    "run",
    "streak",
    "deficit",
    "advantage",
    "edge",
];

/// Words before a pair of numbers that make it a record ("the Saints are 7-7").
const RESULT_BEFORE: &[&str] = &[
    "are", "is", "was", "were", "stand", "stands", "stood", "fell", "falls", "dropped", "improved",
    "improves", "moved", "moves", "went", "goes", "finished", "ended", "won", "lost", "beat",
    "drew", "tied", "now", "record", "a", "an", "the", "their", "its", "his",
];

/// Decades in words after "nineteen" or "twenty" ("the nineteen fifties").
const DECADES: &[&str] = &[
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
    "hundreds",
];

/// The verdict on a number with no unit or currency that is part of a name, a
/// code, a time or a result; `None` when it is none of these.
pub(super) fn judge(s: &Tokens, n: &Num, hedged: bool) -> Option<Verdict> {
    let (first, next) = (n.first, n.next);
    let raw = s.raw(first);
    let next_w = s.low(next);
    let other = |end: usize| Some(Verdict::Not(Kind::Other, end));
    if n.bare_digits && ZONES.contains(&next_w) && clock(raw) {
        return Some(Verdict::Not(Kind::Time, next + 1));
    }
    // "22.34 BST".
    if !n.bare_digits
        && next == first + 1
        && ZONES.contains(&next_w)
        && raw.len() == 5
        && raw.as_bytes()[2] == b'.'
    {
        return Some(Verdict::Not(Kind::Time, next + 1));
    }
    // "2012.08.08", "08.07.2012": a date written with full stops.
    if next == first + 1
        && raw.contains('.')
        && s.low(next) == "."
        && s.glued(next)
        && s.kind(next + 1) == Some(Tok::Num)
        && s.glued(next + 1)
    {
        return Some(Verdict::Not(Kind::Date, next + 2));
    }
    // "a 4×4 car": a vehicle.
    if raw == "4" && matches!(next_w, "×" | "x") && s.glued(next) && s.raw(next + 1) == "4" {
        return other(next + 2);
    }
    // "struck at 1353 (1023 GMT)": a clock time restated with its zone.
    if n.bare_digits
        && clock(raw)
        && s.low(first.wrapping_sub(1)) == "at"
        && next_w == "("
        && ZONES.contains(&s.low(next + 2))
    {
        return Some(Verdict::Not(Kind::Time, next));
    }
    let caliber = if next_w == "-" && s.glued(next) {
        s.low(next + 1)
    } else {
        next_w
    };
    // "32-bit versions": a width, not an amount reported.
    if CALIBRE.contains(&caliber) || (caliber == "bit" && next_w == "-") {
        let end = if next_w == "-" { next + 2 } else { next + 1 };
        return other(end);
    }
    if n.bare_digits {
        if let Some(v) = phone(s, first, next) {
            return Some(v);
        }
        // "the 12000 block of East 223rd Street".
        if next_w == "block" && s.low(next + 1) == "of" {
            return other(next);
        }
        // "call 911", "a 911 caller".
        if raw == "911"
            && (matches!(
                s.low(first.wrapping_sub(1)),
                "call"
                    | "called"
                    | "calling"
                    | "calls"
                    | "dial"
                    | "dialed"
                    | "dialled"
                    | "a"
                    | "the"
            ) || matches!(
                next_w,
                "call" | "calls" | "caller" | "callers" | "dispatcher" | "dispatchers" | "operator"
            ))
        {
            return other(next);
        }
    }
    if let Some(v) = result(s, n) {
        return Some(v);
    }
    // "the nineteen fifties".
    if next == first + 1
        && matches!(s.low(first), "nineteen" | "twenty" | "eighteen")
        && DECADES.contains(&next_w)
    {
        return Some(Verdict::Not(Kind::Year, next + 1));
    }
    if !hedged && in_name(s, n) {
        return Some(Verdict::Name(next));
    }
    None
}

/// A four-digit clock reading: "0241", "2045" (hours below 24, minutes below 60).
fn clock(raw: &str) -> bool {
    let b = raw.as_bytes();
    b.len() == 4 && {
        let h = u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0');
        let m = u32::from(b[2] - b'0') * 10 + u32::from(b[3] - b'0');
        h < 24 && m < 60
    }
}

/// Phone numbers: "745-4811", and digits with a leading zero ("0845 125 2222",
/// "0241") with the digit groups that follow them.
fn phone(s: &Tokens, first: usize, next: usize) -> Option<Verdict> {
    let raw = s.raw(first);
    if raw.len() == 3
        && s.low(next) == "-"
        && s.glued(next)
        && s.kind(next + 1) == Some(Tok::Num)
        && s.glued(next + 1)
        && s.raw(next + 1).len() == 4
        && s.toks[next + 1].plain
    {
        return Some(Verdict::Not(Kind::Other, next + 2));
    }
    if raw.len() >= 3 && raw.starts_with('0') {
        let mut end = next;
        while s.kind(end) == Some(Tok::Num) && s.toks[end].plain && !s.glued(end) {
            end += 1;
        }
        return Some(Verdict::Not(Kind::Other, end));
    }
    None
}

/// Scores and win-loss records: two whole numbers joined by a dash, the second
/// not higher ("won 3-1", "ended 3-3", "52-3"), or higher in a record's place
/// ("(5-10)", "fell to 5-10", "a 0-14 start").
fn result(s: &Tokens, n: &Num) -> Option<Verdict> {
    let (first, next) = (n.first, n.next);
    let pair = n.bare_digits
        && s.low(next) == "-"
        && s.glued(next)
        && s.kind(next + 1) == Some(Tok::Num)
        && s.glued(next + 1)
        && s.toks[next + 1].plain
        && s.raw(first).len() < 4
        && !(s.glued(next + 2) && s.kind(next + 2) == Some(Tok::Word));
    if !pair {
        return None;
    }
    let (a, b) = (n.value, s.toks[next + 1].value);
    // "the 9-11 attacks": a date.
    if a == 9.0 && b == 11.0 {
        return Some(Verdict::Not(Kind::Date, next + 2));
    }
    let end = Some(Verdict::Not(Kind::Other, next + 2));
    if b <= a {
        return end;
    }
    let before = first.checked_sub(1).map_or("", |p| s.low(p));
    let before2 = first.checked_sub(2).map_or("", |p| s.low(p));
    // "fell to 5-10", "improved to 11-4".
    let before = if before == "to" && RESULT_BEFORE.contains(&before2) {
        before2
    } else {
        before
    };
    let after = s.low(next + 2);
    let bracket = before == "(" && matches!(after, ")" | "," | ";");
    // "are 7-7 and", "the 0-14 Lions".
    let placed = RESULT_BEFORE.contains(&before)
        && (s.kind(next + 2) != Some(Tok::Word)
            || matches!(after, "and" | "in" | "on" | "this")
            || s.capitalised(next + 2));
    (a < 200.0 && b < 200.0 && (bracket || placed || RESULT_AFTER.contains(&after)))
        .then_some(Verdict::Not(Kind::Other, next + 2))
}

/// Words that are capitalised for the sentence, not for a name, before a number.
fn plain_capital(w: &str) -> bool {
    MONTHS.contains(&w)
        || DAYS.contains(&w)
        || matches!(
            w,
            "about" | "some" | "over" | "nearly" | "almost" | "around" | "only" | "just" | "and"
        )
}

/// A number that is part of a name: after a capitalised word or an acronym that
/// does not open the sentence ("Boeing 777", "FTSE 100", "S&P 500", "BBC One").
/// Headlines in title case capitalise every word, so there the rule is off.
fn in_name(s: &Tokens, n: &Num) -> bool {
    let first = n.first;
    // "Windows 8, due to be released": a known name opens the sentence.
    if first == 1 && NAMES.contains(&s.low(0)) && s.kind(first) == Some(Tok::Num) {
        return true;
    }
    if first < 2 || !s.capitalised(first - 1) || plain_capital(s.low(first - 1)) {
        return false;
    }
    let opens = matches!(
        s.low(first - 2),
        "." | "!" | "?" | "\"" | "“" | "‘" | ":" | "(" | "-" | "—" | "–"
    );
    if opens && !NAMES.contains(&s.low(first - 1)) {
        return false;
    }
    let one_token = n.next == first + 1;
    let named = match s.kind(first) {
        // "BBC One", "Formula One", "Channel Four": a capitalised number word.
        Some(Tok::Word) => one_token && s.capitalised(first) && n.value < 100.0,
        // "Boeing 777", "Web 2.0"; not "40 000" or "1,200".
        Some(Tok::Num) => one_token && !s.glued(first) && !s.raw(first).contains(','),
        _ => false,
    };
    if !named || super::words::headline(s) {
        return false;
    }
    // "In Texas 20 people died": a place before a count. Only known names and
    // acronyms keep a number before a plural noun ("Windows 11 users").
    let prev = s.raw(first - 1);
    let acronym = prev.len() > 1 && prev.bytes().all(|b| b.is_ascii_uppercase());
    acronym || NAMES.contains(&s.low(first - 1)) || !super::rates::plural_noun(s, n.next)
}

/// Names that take a number ("Boeing 777 jets", "Windows 11 users").
const NAMES: &[&str] = &[
    "airbus",
    "android",
    "apollo",
    "boeing",
    "cessna",
    "dow",
    "embraer",
    "explorer",
    "firefox",
    "formula",
    "galaxy",
    "interstate",
    "ios",
    "ipad",
    "iphone",
    "macbook",
    "nasdaq",
    "nikkei",
    "office",
    "pixel",
    "playstation",
    "russell",
    "soyuz",
    "stoxx",
    "tupolev",
    "windows",
    "xbox",
];
