//! Words as the scorer sees them: tokens with numbers masked, stop words dropped,
//! news synonyms folded onto one key and suffixes trimmed, so that "were killed" and
//! "died", or "negotiations" and "talks", count as the same content word.
//!
//! Hand-written on purpose: a general stemmer or thesaurus crate knows nothing of
//! news wording, and the table below is small enough to read and extend.
//! WordNet's synsets (see `thesaurus`) enter the scorer as a measure of their
//! own, never as keys: a word of many senses would fold onto unrelated words.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::text::fold;

/// Words too common to say anything about a claim.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by",
    "with", "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "it",
    "its", "that", "this", "these", "those", "which", "who", "whom", "he", "she", "they", "we",
    "i", "you", "his", "her", "their", "our", "would", "will", "could", "can", "also", "than",
    "there", "after", "before", "about", "into", "over", "up", "out", "if", "so", "such", "more",
    "most", "all", "some", "any", "other", "s", "t", "do", "does", "did", "him", "them", "us",
    "me", "my", "what", "when", "where", "while", "since", "just", "now", "then", "very", "within",
];

/// Words that reverse a statement; a pair where only one side has them is suspect.
const NEGATIONS: &[&str] = &[
    "not", "no", "never", "nor", "none", "without", "n't", "cannot",
];

/// Prefixes that outlets write with or without a hyphen ("co-operation",
/// "cooperation"): joined to the word after the hyphen.
const HYPHEN_PREFIXES: &[&str] = &["co", "re", "non", "pre", "anti"];

/// News synonyms: each word on the left scores as the key on the right.
const SYNONYMS: &[(&str, &str)] = &[
    ("killed", "die"),
    ("kill", "die"),
    ("kills", "die"),
    ("died", "die"),
    ("dies", "die"),
    ("dead", "die"),
    ("death", "die"),
    ("deaths", "die"),
    ("slain", "die"),
    ("perished", "die"),
    ("fatalities", "die"),
    ("said", "say"),
    ("says", "say"),
    ("told", "say"),
    ("tell", "say"),
    ("tells", "say"),
    ("stated", "say"),
    ("added", "say"),
    ("according", "say"),
    ("negotiations", "talk"),
    ("negotiation", "talk"),
    ("talks", "talk"),
    ("purchase", "buy"),
    ("purchased", "buy"),
    ("bought", "buy"),
    ("acquire", "buy"),
    ("acquired", "buy"),
    ("acquisition", "buy"),
    ("rose", "rise"),
    ("risen", "rise"),
    ("increased", "rise"),
    ("climbed", "rise"),
    ("gained", "rise"),
    ("jumped", "rise"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("dropped", "fall"),
    ("declined", "fall"),
    ("decreased", "fall"),
    ("slipped", "fall"),
    ("pct", "percent"),
    ("per", "percent"),
    ("cent", "percent"),
    ("firm", "company"),
    ("began", "start"),
    ("begun", "start"),
    ("begin", "start"),
    ("started", "start"),
    ("injured", "wound"),
    ("wounded", "wound"),
    ("hurt", "wound"),
    ("large", "big"),
    ("huge", "big"),
    ("resigned", "resign"),
    ("quit", "resign"),
    ("detained", "arrest"),
    ("arrested", "arrest"),
    ("charged", "accuse"),
    ("accused", "accuse"),
    ("kids", "child"),
    ("children", "child"),
    ("people", "person"),
    ("persons", "person"),
    ("men", "man"),
    ("women", "woman"),
    ("vehicle", "car"),
    ("announced", "announce"),
    ("unveiled", "announce"),
    ("expects", "expect"),
    ("anticipates", "expect"),
    ("forecast", "expect"),
    ("government", "administration"),
    ("officials", "official"),
    ("authorities", "official"),
    ("nearly", "almost"),
    ("approximately", "about"),
    ("roughly", "about"),
    ("ceo", "chief"),
    ("ceasefire", "pause"),
    ("ceasefires", "pause"),
    ("truce", "pause"),
    ("truces", "pause"),
    ("cessation", "pause"),
    ("cessations", "pause"),
    ("pauses", "pause"),
    ("lull", "pause"),
    ("permit", "allow"),
    ("enable", "allow"),
    ("repeatedly", "often"),
    ("frequently", "often"),
    ("executive", "chief"),
    // Stopping something, in the words news uses for it.
    ("stop", "stop"),
    ("stops", "stop"),
    ("stopped", "stop"),
    ("stopping", "stop"),
    ("halt", "stop"),
    ("halts", "stop"),
    ("halted", "stop"),
    ("halting", "stop"),
    ("suspend", "stop"),
    ("suspends", "stop"),
    ("suspended", "stop"),
    ("suspending", "stop"),
    ("suspension", "stop"),
    ("end", "stop"),
    ("ends", "stop"),
    ("ended", "stop"),
    ("ending", "stop"),
    ("cease", "stop"),
    ("ceased", "stop"),
    ("sever", "stop"),
    ("severed", "stop"),
    ("attack", "attack"),
    ("attacks", "attack"),
    ("attacked", "attack"),
    ("attacking", "attack"),
    ("assault", "attack"),
    ("assaults", "attack"),
    ("assaulted", "attack"),
    ("target", "attack"),
    ("targets", "attack"),
    ("targeted", "attack"),
    ("targeting", "attack"),
    ("raid", "attack"),
    ("raids", "attack"),
    ("raided", "attack"),
    ("bombing", "bomb"),
    ("bombings", "bomb"),
    ("bombed", "bomb"),
    ("bombardment", "bomb"),
    ("shelling", "bomb"),
    ("shelled", "bomb"),
    ("airstrike", "bomb"),
    ("airstrikes", "bomb"),
    ("deliberately", "deliberate"),
    ("deliberate", "deliberate"),
    ("intentionally", "deliberate"),
    ("intentional", "deliberate"),
    ("purposely", "deliberate"),
    ("knowingly", "deliberate"),
    ("cooperation", "cooperate"),
    ("cooperate", "cooperate"),
    ("cooperated", "cooperate"),
    ("cooperating", "cooperate"),
    ("collaboration", "cooperate"),
    ("collaborate", "cooperate"),
    ("threat", "warn"),
    ("threats", "warn"),
    ("threaten", "warn"),
    ("threatens", "warn"),
    ("threatened", "warn"),
    ("threatening", "warn"),
    ("warn", "warn"),
    ("warns", "warn"),
    ("warned", "warn"),
    ("warning", "warn"),
    ("warnings", "warn"),
    ("war", "war"),
    ("wars", "war"),
    ("conflict", "war"),
    ("conflicts", "war"),
    ("fighting", "war"),
    ("hostilities", "war"),
    ("deal", "deal"),
    ("deals", "deal"),
    ("agreement", "deal"),
    ("agreements", "deal"),
    ("accord", "deal"),
    ("accords", "deal"),
    ("pact", "deal"),
    ("vowed", "vow"),
    ("vows", "vow"),
    ("pledged", "vow"),
    ("pledges", "vow"),
    ("promised", "vow"),
    ("restore", "restore"),
    ("restored", "restore"),
    ("reinstate", "restore"),
    ("reinstated", "restore"),
    ("revive", "restore"),
    ("revived", "restore"),
    ("options", "option"),
    ("choices", "option"),
    ("alternatives", "option"),
    ("past", "last"),
    ("attorney", "lawyer"),
    ("attorneys", "lawyer"),
    ("lawyers", "lawyer"),
    ("countries", "country"),
    ("nations", "country"),
    ("earnings", "profit"),
    ("profits", "profit"),
    // Month names and their abbreviations ("Sept. 9", "September 9").
    ("jan", "january"),
    ("january", "january"),
    ("feb", "february"),
    ("february", "february"),
    ("mar", "march"),
    ("march", "march"),
    ("apr", "april"),
    ("april", "april"),
    ("jun", "june"),
    ("june", "june"),
    ("jul", "july"),
    ("july", "july"),
    ("aug", "august"),
    ("august", "august"),
    ("sep", "september"),
    ("september", "september"),
    ("sept", "september"),
    ("oct", "october"),
    ("october", "october"),
    ("nov", "november"),
    ("november", "november"),
    ("dec", "december"),
    ("december", "december"),
];

/// One sentence as tokens: every word lower-cased, numbers masked as `#`.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// All words in order, joined by single spaces (a word never holds one):
    /// one buffer for the sentence, not one per word.
    joined: String,
    /// Where each word ends in `joined`.
    ends: Vec<u32>,
    /// Where each word starts in the text read, in bytes: ASCII text only
    /// (folding leaves its offsets as they are); empty for other text.
    starts: Vec<u32>,
    /// The numbers as written, without grouping commas ("1,200" -> "1200").
    pub numbers: Vec<String>,
    /// How many negation words the sentence has.
    pub negations: usize,
}

impl Tokens {
    /// The words in order, numbers as `#`.
    pub fn words(&self) -> impl Iterator<Item = &str> + Clone {
        (0..self.ends.len()).map(|i| self.word(i))
    }

    /// The words joined by single spaces.
    pub fn joined(&self) -> &str {
        &self.joined
    }

    pub fn word_count(&self) -> usize {
        self.ends.len()
    }

    /// Word `i` (see `words`).
    pub fn word(&self, i: usize) -> &str {
        let start = if i == 0 {
            0
        } else {
            self.ends[i - 1] as usize + 1
        };
        &self.joined[start..self.ends[i] as usize]
    }

    /// Where each word starts in the text, in bytes, when the text was ASCII.
    pub fn starts(&self) -> Option<&[u32]> {
        (self.starts.len() == self.ends.len()).then_some(&self.starts[..])
    }

    /// Opens a word found at byte `at` of the text (when positions are
    /// bytes): the offset in `joined` where it will start.
    fn open(&mut self, at: Option<usize>) -> usize {
        if !self.ends.is_empty() {
            self.joined.push(' ');
        }
        if let Some(at) = at {
            self.starts.push(at as u32);
        }
        self.joined.len()
    }

    /// Closes the word written to `joined` from `start`: a number moves to
    /// the numbers and is masked as `#`; a negation is counted.
    fn close(&mut self, start: usize) {
        let word = &self.joined[start..];
        if word.bytes().any(|b| b.is_ascii_digit()) {
            self.numbers.push(word.replace(',', ""));
            self.joined.truncate(start);
            self.joined.push('#');
        } else if NEGATIONS.contains(&word) {
            self.negations += 1;
        }
        self.ends.push(self.joined.len() as u32);
    }

    /// "5%" says what "5 percent" says.
    fn push_percent(&mut self, at: Option<usize>) {
        let word = self.open(at);
        self.joined.push_str("percent");
        self.close(word);
    }

    fn finish(mut self) -> Self {
        self.numbers.sort_unstable();
        self.numbers.dedup();
        self
    }
}

/// Splits `text` into words; a number keeps its inner commas and decimal point.
pub fn tokenize(text: &str) -> Tokens {
    if text.is_ascii() {
        // Folding changes only whitespace in ASCII text, and words never hold
        // whitespace: the bytes, lower-cased, are the same tokens.
        return scan(&Ascii(text), text.len());
    }
    let folded = fold(text).to_lowercase();
    let chars: Vec<char> = folded.chars().collect();
    scan(&chars[..], folded.len())
}

/// What `scan` reads: characters by position, and a run of them copied out.
trait Chars {
    /// Whether a character's position is its byte offset in the text.
    const BYTES: bool;
    fn at(&self, i: usize) -> Option<char>;
    /// Appends the characters `start..end`, lower-cased, to `out`.
    fn copy(&self, start: usize, end: usize, out: &mut String);
}

/// ASCII text, read as bytes; `copy` is one slice copy.
struct Ascii<'t>(&'t str);

impl Chars for Ascii<'_> {
    const BYTES: bool = true;

    fn at(&self, i: usize) -> Option<char> {
        self.0
            .as_bytes()
            .get(i)
            .map(|&b| char::from(b.to_ascii_lowercase()))
    }

    fn copy(&self, start: usize, end: usize, out: &mut String) {
        let from = out.len();
        out.push_str(&self.0[start..end]);
        out[from..].make_ascii_lowercase();
    }
}

/// Folded, lower-cased text as its characters.
impl Chars for [char] {
    const BYTES: bool = false;

    fn at(&self, i: usize) -> Option<char> {
        self.get(i).copied()
    }

    fn copy(&self, start: usize, end: usize, out: &mut String) {
        out.extend(&self[start..end]);
    }
}

/// The tokenizer: runs of letters and digits are words ("1,200" and "3.5" stay
/// one), a prefix joins the word after its hyphen, "%" is the word "percent".
/// `len` is the text's length in bytes: the words, joined, take about as
/// much, so their buffers are allocated once.
fn scan<T: Chars + ?Sized>(text: &T, len: usize) -> Tokens {
    let words = len / 4 + 1;
    let mut tokens = Tokens {
        joined: String::with_capacity(len + 8),
        ends: Vec::with_capacity(words),
        starts: Vec::with_capacity(if T::BYTES { words } else { 0 }),
        ..Tokens::default()
    };
    let mut i = 0;
    while let Some(c) = text.at(i) {
        if !c.is_alphanumeric() {
            if c == '%' {
                tokens.push_percent(T::BYTES.then_some(i));
            }
            i += 1;
            continue;
        }
        let word = tokens.open(T::BYTES.then_some(i));
        let mut start = i;
        loop {
            while let Some(c) = text.at(i) {
                let inner_stop = matches!(c, ',' | '.')
                    && i > start
                    && text.at(i - 1).is_some_and(|p| p.is_ascii_digit())
                    && text.at(i + 1).is_some_and(|n| n.is_ascii_digit());
                if !(c.is_alphanumeric() || inner_stop) {
                    break;
                }
                i += 1;
            }
            text.copy(start, i, &mut tokens.joined);
            let joins = text.at(i) == Some('-')
                && text.at(i + 1).is_some_and(char::is_alphabetic)
                && joins_hyphen(&tokens.joined[word..]);
            if !joins {
                break;
            }
            i += 1;
            start = i;
        }
        // "didn't" splits as "didn" + "t": the negation lives in the "n" before "'t".
        if tokens.joined.ends_with('n') && text.at(i) == Some('\'') && text.at(i + 1) == Some('t') {
            tokens.negations += 1;
        }
        tokens.close(word);
    }
    tokens.finish()
}

/// "co-operation" is "cooperation": a prefix and its hyphen join the word after.
fn joins_hyphen(prefix: &str) -> bool {
    HYPHEN_PREFIXES.contains(&prefix)
}

/// The content key of a word, or `None` for a stop word: a synonym's key, or
/// a prefix of the word itself (see `stem`), so no copy is made.
pub fn content_key(word: &str) -> Option<&str> {
    match LOOKUP.get(word) {
        Some(&key) => key,
        None => Some(stem(word)),
    }
}

/// The word lists as one table, looked up once per word: stop words and
/// negations map to `None`, synonyms to their key.
static LOOKUP: LazyLock<FxHashMap<&'static str, Option<&'static str>>> = LazyLock::new(|| {
    let mut table = FxHashMap::default();
    for &(word, key) in SYNONYMS.iter().rev() {
        table.insert(word, Some(key));
    }
    for &word in STOPWORDS.iter().chain(NEGATIONS) {
        table.insert(word, None);
    }
    table
});

/// Trims a plural, then a verb ending, then keeps at most seven characters:
/// truncation matches "negotiated"/"negotiations" without a full stemmer's surprises.
fn stem(word: &str) -> &str {
    let mut w = word;
    if w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") {
        w = &w[..w.len() - 1];
    }
    for suffix in ["ing", "ed", "ly", "e"] {
        if w.len() > suffix.len() + 3 && w.ends_with(suffix) {
            w = &w[..w.len() - suffix.len()];
            break;
        }
    }
    let end = w.char_indices().nth(7).map_or(w.len(), |(i, _)| i);
    &w[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_decimal_point_and_commas_inside_number() {
        let t = tokenize("Shares rose 3.5% to $1,200, said Ann.");
        assert_eq!(t.numbers, ["1200", "3.5"]);
        assert_eq!(t.words().filter(|w| *w == "#").count(), 2);
        assert_eq!(t.joined(), "shares rose # percent to # said ann");
    }

    #[test]
    fn ascii_text_tokenizes_as_its_folded_chars() {
        for text in [
            "Shares rose 3.5% to $1,200, said Ann.",
            "He didn't go;\tthey   DID not.\r\n 1,2,3 and 4.5.6 o'clock",
            "",
            " ,. ",
            "n't 'n't x'nt isn't DIDN'T",
            "Co-operation, re-run and non-profit 5% co- op a-b",
        ] {
            let chars: Vec<char> = fold(text).to_lowercase().chars().collect();
            let (fast, slow) = (tokenize(text), scan(&chars[..], text.len()));
            assert_eq!(fast.joined(), slow.joined(), "{text}");
            assert_eq!(fast.word_count(), slow.word_count(), "{text}");
            assert_eq!(fast.numbers, slow.numbers, "{text}");
            assert_eq!(fast.negations, slow.negations, "{text}");
        }
    }

    #[test]
    fn counts_contracted_negation() {
        assert_eq!(tokenize("He didn't go.").negations, 1);
        assert_eq!(tokenize("He did not go.").negations, 1);
        assert_eq!(tokenize("He went.").negations, 0);
    }

    #[test]
    fn folds_news_synonyms_and_inflections() {
        assert_eq!(content_key("killed"), content_key("died"));
        assert_eq!(content_key("negotiations"), content_key("talks"));
        assert_eq!(content_key("bombings"), content_key("bombing"));
        assert_eq!(content_key("the"), None);
    }

    #[test]
    fn folds_general_news_verbs_and_adverbs() {
        for (a, b) in [
            ("halt", "suspended"),
            ("end", "stop"),
            ("attacked", "targeting"),
            ("deliberately", "intentionally"),
            ("threatened", "warned"),
            ("conflict", "war"),
            ("agreement", "deal"),
        ] {
            assert_eq!(content_key(a), content_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn joins_a_hyphenated_prefix_to_its_word() {
        let words = |text: &str| tokenize(text).joined().to_owned();
        assert_eq!(words("co-operation"), words("cooperation"));
        assert_eq!(words("non-profit groups"), "nonprofit groups");
        assert_eq!(words("a ten-day pause"), "a ten day pause");
        assert_eq!(words("Non-profit — co-op"), "nonprofit coop");
    }
}
