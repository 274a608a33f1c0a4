//! Exports with one article per record: JSON Lines, CSV and JSON arrays. Field
//! names differ between tools, so each field is looked up under a list of names
//! (configurable in the `[ingest]` table of crossclaim.toml, with common defaults).

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

/// Where to find each article field in a record: the first name present wins.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IngestConfig {
    #[serde(deserialize_with = "one_or_many")]
    pub outlet: Vec<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub story: Vec<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub date: Vec<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub title: Vec<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub byline: Vec<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub text: Vec<String>,
    #[serde(deserialize_with = "one_or_many")]
    pub url: Vec<String>,
    /// A record's stable name, the source of a record read from standard input.
    #[serde(deserialize_with = "one_or_many")]
    pub id: Vec<String>,
}

impl Default for IngestConfig {
    fn default() -> Self {
        let names = |n: &[&str]| n.iter().map(|s| (*s).to_owned()).collect();
        Self {
            outlet: names(&[
                "outlet",
                "source",
                "publisher",
                "site",
                "site_name",
                "domain",
            ]),
            story: names(&["story", "story_id", "event", "topic", "cluster"]),
            date: names(&[
                "date",
                "published",
                "published_at",
                "publish_date",
                "pubdate",
                "datetime",
            ]),
            title: names(&["title", "headline"]),
            byline: names(&["byline", "author", "authors"]),
            text: names(&["text", "body", "content", "article", "maintext"]),
            url: names(&["url", "link", "permalink"]),
            id: names(&["id", "article_id", "doc_id"]),
        }
    }
}

/// `text = "body"` and `text = ["body", "content"]` both work in the config.
fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

/// Records numbered from 1, each read or refused with a reason.
pub type Numbered = Vec<(usize, Result<Record, String>)>;

/// One record with its fields as text, ready to become an article.
#[derive(Debug, Default, PartialEq)]
pub struct Record {
    pub outlet: Option<String>,
    pub story: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub text: Option<String>,
    pub url: Option<String>,
    pub id: Option<String>,
}

impl Record {
    fn from_fields(get: impl Fn(&str) -> Option<String>, names: &IngestConfig) -> Self {
        // Field names match exactly first, then ignoring case ("Title", "TEXT").
        let pick = |wanted: &[String]| {
            wanted
                .iter()
                .find_map(|n| get(n))
                .filter(|v| !v.trim().is_empty())
        };
        Self {
            outlet: pick(&names.outlet),
            story: pick(&names.story),
            date: pick(&names.date),
            title: pick(&names.title),
            byline: pick(&names.byline),
            text: pick(&names.text),
            url: pick(&names.url),
            id: pick(&names.id),
        }
    }
}

/// Reads the records of a JSON Lines file; each item is a record or why it is not.
/// Items are numbered from 1 by line, so `path#N` points at line N.
pub fn jsonl(text: &str, names: &IngestConfig) -> Numbered {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let record = match serde_json::from_str::<Value>(line) {
                Ok(Value::Object(map)) => Ok(from_object(&map, names)),
                Ok(_) => Err("not a JSON object".to_owned()),
                Err(e) => Err(format!("not valid JSON ({e})")),
            };
            (i + 1, record)
        })
        .collect()
}

/// Reads a JSON file holding one article object or an array of them (numbered from 1).
pub fn json(text: &str, names: &IngestConfig) -> Result<Numbered, String> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(vec![(1, Ok(from_object(&map, names)))]),
        Ok(Value::Array(items)) => Ok(items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let record = match item {
                    Value::Object(map) => Ok(from_object(map, names)),
                    _ => Err("not a JSON object".to_owned()),
                };
                (i + 1, record)
            })
            .collect()),
        Ok(_) => Err("JSON is neither an article object nor an array of them".to_owned()),
        Err(e) => Err(format!("not valid JSON ({e})")),
    }
}

/// Reads the records of a CSV file with a header row (numbered from 1, header excluded).
///
/// A quote that is never closed makes the csv crate read the following lines
/// into one field, up to the next quote in the file or its end. Such a row is
/// refused, naming its line, and the lines after its first are read again.
pub fn csv(text: &str, names: &IngestConfig) -> Result<Numbered, String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("cannot read the CSV header ({e})"))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let record = |row: csv::StringRecord| {
        let get = |name: &str| {
            let col = headers
                .iter()
                .position(|h| h == name)
                .or_else(|| headers.iter().position(|h| h.eq_ignore_ascii_case(name)))?;
            row.get(col).map(str::to_owned)
        };
        Record::from_fields(get, names)
    };
    let mut out = Vec::new();
    // Where the rows being read start in `text`: byte offset and line number.
    let (mut offset, mut line) = (0usize, 1u64);
    'pass: loop {
        let rows: Vec<_> = reader
            .records()
            .map(|row| {
                let start = row.as_ref().ok().and_then(|r| r.position()).map(|p| {
                    let byte = usize::try_from(p.byte()).unwrap_or(usize::MAX);
                    (
                        offset.saturating_add(byte).min(text.len()),
                        line + p.line() - 1,
                    )
                });
                (start, row)
            })
            .collect();
        let starts: Vec<Option<usize>> = rows.iter().map(|(s, _)| s.map(|(at, _)| at)).collect();
        for (i, (start, row)) in rows.into_iter().enumerate() {
            let end = starts[i + 1..]
                .iter()
                .find_map(|&s| s)
                .unwrap_or(text.len());
            let n = out.len() + 1;
            match (start, row) {
                (Some((at, from_line)), Ok(_)) if runs_over_rows(&text[at..end.max(at)]) => {
                    let to_line = from_line + text[at..end.max(at)].matches('\n').count() as u64;
                    out.push((
                        n,
                        Err(format!(
                            "unterminated quote in the row on line {from_line}: the lines up to \
                             {to_line} would be read as one row; the lines after it are read as rows"
                        )),
                    ));
                    let Some(next) = text[at..].find('\n').map(|k| at + k + 1) else {
                        return Ok(out);
                    };
                    offset = next;
                    line = from_line + 1;
                    reader = csv::ReaderBuilder::new()
                        .flexible(true)
                        .has_headers(false)
                        .from_reader(&text.as_bytes()[next..]);
                    continue 'pass;
                }
                (_, row) => {
                    out.push((n, row.map_err(|e| format!("bad CSV row ({e})")).map(record)))
                }
            }
        }
        return Ok(out);
    }
}

/// Whether the raw text of one CSV row shows a quote left open: a quoted
/// field runs over a line break and then either never closes, or "closes" at
/// a quote that is followed by more text (the opening quote of a later row's
/// field). The states are RFC 4180's as the csv crate reads them: a quote
/// opens a field only at its start, and `""` inside one is a quote.
fn runs_over_rows(raw: &str) -> bool {
    #[derive(PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let (mut state, mut crossed, mut bad) = (State::FieldStart, false, false);
    for &b in raw.as_bytes() {
        state = match (state, b) {
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, b'\n') => {
                crossed = true;
                State::Quoted
            }
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, b'"') | (State::FieldStart, b'"') => State::Quoted,
            (_, b',' | b'\n' | b'\r') => State::FieldStart,
            (State::QuoteInQuoted, _) => {
                bad = true;
                State::Unquoted
            }
            _ => State::Unquoted,
        };
    }
    crossed && (bad || state == State::Quoted)
}

fn from_object(map: &Map<String, Value>, names: &IngestConfig) -> Record {
    let get = |name: &str| {
        let value = map.get(name).or_else(|| {
            map.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v)
        })?;
        as_text(value)
    };
    Record::from_fields(get, names)
}

/// Strings as they are, numbers as written, lists of strings joined ("authors").
fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(as_text).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_default_field_names_from_json_lines() {
        let text = "{\"source\":\"Daily\",\"headline\":\"H\",\"body\":\"It rained.\",\"date\":\"2016-10-03\"}\n\n[1]\n";
        let records = jsonl(text, &IngestConfig::default());
        assert_eq!(records.len(), 2);
        let (line, first) = &records[0];
        let first = first.as_ref().unwrap();
        assert_eq!(*line, 1);
        assert_eq!(first.outlet.as_deref(), Some("Daily"));
        assert_eq!(first.title.as_deref(), Some("H"));
        assert_eq!(first.text.as_deref(), Some("It rained."));
        assert_eq!(records[1], (3, Err("not a JSON object".to_owned())));
    }

    #[test]
    fn reads_configured_field_names_from_csv() {
        let names: IngestConfig =
            toml::from_str("text = \"story_text\"\noutlet = [\"paper\"]").unwrap();
        let text = "Paper,Story_Text\nThe Post,\"It rained. Then, it snowed.\"\n";
        let records = csv(text, &names).unwrap();
        let record = records[0].1.as_ref().unwrap();
        assert_eq!(record.outlet.as_deref(), Some("The Post"));
        assert_eq!(record.text.as_deref(), Some("It rained. Then, it snowed."));
    }

    #[test]
    fn an_unterminated_quote_costs_its_row_only_and_names_the_line() {
        // B's quote is never closed: the csv crate would read C and D into its text.
        let text =
            "outlet,text\nA,\"It rained.\"\nB,\"It snowed.\nC,It hailed.\nD,\"Fog, then sun.\"\n";
        let records = csv(text, &IngestConfig::default()).unwrap();
        let texts: Vec<Result<&str, &str>> = records
            .iter()
            .map(|(_, r)| match r {
                Ok(r) => Ok(r.text.as_deref().unwrap_or("")),
                Err(e) => Err(e.as_str()),
            })
            .collect();
        assert_eq!(texts[0], Ok("It rained."));
        assert!(texts[1].is_err_and(|e| e.contains("line 3")), "{texts:?}");
        assert_eq!(texts[2..], [Ok("It hailed."), Ok("Fog, then sun.")]);
        let numbers: Vec<usize> = records.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, [1, 2, 3, 4]);
        // With no quote after it, the open field would run to the end of the file.
        let text = "outlet,text\nA,It rained.\nB,\"It snowed.\nC,It hailed.\n";
        let records = csv(text, &IngestConfig::default()).unwrap();
        assert!(records[1].1.as_ref().is_err_and(|e| e.contains("line 3")));
        assert_eq!(
            records[2].1.as_ref().unwrap().text.as_deref(),
            Some("It hailed.")
        );
    }

    #[test]
    fn a_quoted_field_over_several_lines_is_one_row() {
        let text = "outlet,text\nA,\"It rained.\n\nThen it \"\"poured\"\".\"\n";
        let records = csv(text, &IngestConfig::default()).unwrap();
        assert_eq!(records.len(), 1);
        let record = records[0].1.as_ref().unwrap();
        assert_eq!(
            record.text.as_deref(),
            Some("It rained.\n\nThen it \"poured\".")
        );
    }

    #[test]
    fn reads_an_array_of_articles_from_json() {
        let records = json(
            "[{\"text\":\"A.\"},{\"text\":\"B.\"}]",
            &IngestConfig::default(),
        )
        .unwrap();
        assert_eq!(records.len(), 2);
        assert!(json("42", &IngestConfig::default()).is_err());
    }
}
