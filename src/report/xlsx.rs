//! `report.xlsx`: the reports as a real spreadsheet, for people who open them in
//! Excel or LibreOffice, where a CSV's encoding and formula rules get in the way.
//! Sheets of disagreements, claims, stories and articles, each with a frozen
//! header, an autofilter, set column widths, wrapped sentences and figures as
//! number cells. Text is written as text cells, so no cell can become a formula.
//!
//! Rows go to disk as stories arrive (rust_xlsxwriter's constant-memory sheets),
//! and nothing in the file depends on time or threads: the document's creation
//! time is fixed, and the zip entries carry rust_xlsxwriter's fixed 1980 date.

use std::io::Write;

use anyhow::{Context, Result};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Url, Workbook, Worksheet,
    XlsxError,
};

use super::{claim_rows_in_order, figures_cell, hedge_name, readable, values_cell};
use crate::model::{Severity, StoryReport};

/// A column: its header and width in characters.
struct Column {
    name: &'static str,
    width: f64,
}

const fn col(name: &'static str, width: f64) -> Column {
    Column { name, width }
}

/// The sheets in the order they appear, with their columns.
const SHEETS: [(&str, &[Column]); 4] = [
    (
        "disagreements",
        &[
            col("disagreement_id", 15.0),
            col("story", 18.0),
            col("verdict", 13.0),
            col("severity", 9.0),
            col("measure", 20.0),
            col("outlet_a", 18.0),
            col("figure_a", 16.0),
            col("value_a", 11.0),
            col("unit_a", 9.0),
            col("hedge_a", 12.0),
            col("outlet_b", 18.0),
            col("figure_b", 16.0),
            col("value_b", 11.0),
            col("unit_b", 9.0),
            col("hedge_b", 12.0),
            col("gap", 8.0),
            col("sentence_a", 60.0),
            col("sentence_b", 60.0),
            col("explanation", 60.0),
        ],
    ),
    (
        "claims",
        &[
            col("claim_id", 15.0),
            col("story", 18.0),
            col("outlet", 18.0),
            col("sentence_no", 11.0),
            col("sentence", 80.0),
            col("outlets", 8.0),
            col("claim_size", 10.0),
            col("figures", 20.0),
            col("values", 20.0),
        ],
    ),
    (
        "stories",
        &[
            col("story", 24.0),
            col("articles", 9.0),
            col("sentences", 10.0),
            col("shared_claims", 10.0),
            col("disagreements", 12.0),
            col("major", 8.0),
            col("outlets", 60.0),
        ],
    ),
    (
        "articles",
        &[
            col("story", 24.0),
            col("outlet", 20.0),
            col("title", 50.0),
            col("date", 11.0),
            col("url", 40.0),
            col("source", 30.0),
            col("dropped_lines", 10.0),
        ],
    ),
];

const DISAGREEMENTS: usize = 0;
const CLAIMS: usize = 1;
const STORIES: usize = 2;
const ARTICLES: usize = 3;

/// Rows a sheet holds (Excel's limit), header included.
const MAX_ROWS: u32 = 1_048_576;

/// Characters a cell holds (Excel counts UTF-16 units; 32,767).
const MAX_CELL: usize = 32_767;

/// Hyperlinks a sheet may hold before Excel complains; later URLs are text.
const MAX_LINKS: usize = 65_530;

/// The workbook on its way to the staging folder.
pub struct Book {
    workbook: Workbook,
    /// The next row of each sheet.
    rows: [u32; 4],
    /// Rows left out of each sheet because it was full.
    cut: [u64; 4],
    links: usize,
    header: Format,
    wrap: Format,
    date: Format,
    percent: Format,
}

impl Book {
    pub fn new() -> Result<Self> {
        let mut workbook = Workbook::new();
        // The creation time is the only clock in the file: fixed, so the bytes
        // depend on the reports alone.
        let epoch = ExcelDateTime::from_ymd(2000, 1, 1)?;
        workbook.set_properties(
            &DocProperties::new()
                .set_title("crossclaim report")
                .set_creation_datetime(&epoch),
        );
        // Cells align at the top, where a wrapped sentence beside them starts:
        // the workbook's default format, so a plain cell needs no format of
        // its own (a per-cell format is a hash lookup per cell).
        workbook.set_default_format(&Format::new().set_align(FormatAlign::Top), 20, 64)?;
        // The fastest deflate: compressing took as long as writing the cells,
        // for a file about half as large again (still a fraction of the CSVs).
        workbook.set_zip_compression_level(1);
        let header = Format::new()
            .set_bold()
            .set_border_bottom(FormatBorder::Thin)
            .set_background_color(0xF3F3F3)
            .set_align(FormatAlign::Top);
        for (name, columns) in SHEETS {
            let sheet = workbook
                .add_worksheet_with_constant_memory()
                .context("cannot create a temporary file for report.xlsx")?;
            sheet.set_name(name)?;
            sheet.set_freeze_panes(1, 0)?;
            // Printed (or rendered to PDF): landscape, every column on one
            // page width, the header on every page.
            sheet.set_landscape();
            sheet.set_print_fit_to_pages(1, 0);
            sheet.set_repeat_rows(0, 0)?;
            for (i, c) in columns.iter().enumerate() {
                sheet.set_column_width(i as u16, c.width)?;
                sheet.write_string_with_format(0, i as u16, c.name, &header)?;
            }
        }
        Ok(Self {
            workbook,
            rows: [1; 4],
            cut: [0; 4],
            links: 0,
            header,
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            date: Format::new()
                .set_num_format("yyyy-mm-dd")
                .set_align(FormatAlign::Top),
            percent: Format::new()
                .set_num_format("0.0%")
                .set_align(FormatAlign::Top),
        })
    }

    /// Adds one story's rows to every sheet.
    pub fn add(&mut self, story: &StoryReport) -> Result<()> {
        guarded(|| self.add_rows(story))
    }

    fn add_rows(&mut self, story: &StoryReport) -> Result<(), XlsxError> {
        for d in &story.disagreements {
            let Some(row) = self.next_row(DISAGREEMENTS) else {
                continue;
            };
            let (qa, qb) = (story.figure(d.a), story.figure(d.b));
            let (va, ua) = readable(qa.value, &qa.unit);
            let (vb, ub) = readable(qb.value, &qb.unit);
            let sheet = self.workbook.worksheet_from_index(DISAGREEMENTS)?;
            let mut cells = Cells::new(sheet, DISAGREEMENTS, row, &self.wrap);
            cells.text(&d.id)?;
            cells.text(&story.story.name)?;
            cells.text(d.verdict.as_str())?;
            cells.text(d.severity.as_str())?;
            cells.text(&d.measure)?;
            cells.text(&story.article_of(d.a.sentence).outlet)?;
            cells.text(&qa.text)?;
            cells.number(va)?;
            cells.text(ua)?;
            cells.text(hedge_name(qa.hedge))?;
            cells.text(&story.article_of(d.b.sentence).outlet)?;
            cells.text(&qb.text)?;
            cells.number(vb)?;
            cells.text(ub)?;
            cells.text(hedge_name(qb.hedge))?;
            cells.number_with(d.relative_difference, &self.percent)?;
            cells.wrapped(&story.sentences[d.a.sentence].text)?;
            cells.wrapped(&story.sentences[d.b.sentence].text)?;
            cells.wrapped(&d.explanation)?;
            cells.finish()?;
        }
        for (claim, i) in claim_rows_in_order(story) {
            let Some(row) = self.next_row(CLAIMS) else {
                continue;
            };
            let sentence = &story.sentences[i];
            let sheet = self.workbook.worksheet_from_index(CLAIMS)?;
            let mut cells = Cells::new(sheet, CLAIMS, row, &self.wrap);
            cells.text(&claim.id)?;
            cells.text(&story.story.name)?;
            cells.text(&story.article_of(i).outlet)?;
            cells.number((sentence.no + 1) as f64)?;
            cells.wrapped(&sentence.text)?;
            cells.number(claim.outlets as f64)?;
            cells.number(claim.members.len() as f64)?;
            cells.text(&figures_cell(&story.quantities[i]))?;
            cells.text(&values_cell(&story.quantities[i]))?;
            cells.finish()?;
        }
        if let Some(row) = self.next_row(STORIES) {
            let outlets: Vec<&str> = story
                .story
                .articles
                .iter()
                .map(|a| a.outlet.as_str())
                .collect();
            let count = |severity| {
                story
                    .disagreements
                    .iter()
                    .filter(|d| d.severity == severity)
                    .count()
            };
            let sheet = self.workbook.worksheet_from_index(STORIES)?;
            let mut cells = Cells::new(sheet, STORIES, row, &self.wrap);
            cells.text(&story.story.name)?;
            cells.number(story.story.articles.len() as f64)?;
            cells.number(story.sentences.len() as f64)?;
            cells.number(story.claims.iter().filter(|c| c.outlets > 1).count() as f64)?;
            cells.number(story.disagreements.len() as f64)?;
            cells.number(count(Severity::Major) as f64)?;
            cells.wrapped(&outlets.join(", "))?;
            cells.finish()?;
        }
        for article in &story.story.articles {
            let Some(row) = self.next_row(ARTICLES) else {
                continue;
            };
            let sheet = self.workbook.worksheet_from_index(ARTICLES)?;
            let mut cells = Cells::new(sheet, ARTICLES, row, &self.wrap);
            cells.text(&story.story.name)?;
            cells.text(&article.outlet)?;
            cells.wrapped(article.title.as_deref().unwrap_or_default())?;
            let date = article.date.and_then(|d| {
                let year = u16::try_from(d.year).ok()?;
                ExcelDateTime::from_ymd(year, d.month, d.day).ok()
            });
            match date {
                Some(date) => cells.date(&date, &self.date)?,
                None => cells.text("")?,
            }
            let url = article.url.as_deref().unwrap_or_default();
            let linked = self.links < MAX_LINKS && cells.link(url)?;
            if linked {
                self.links += 1;
            } else {
                cells.text(url)?;
            }
            cells.text(&article.source)?;
            cells.number(article.dropped_lines as f64)?;
            cells.finish()?;
        }
        Ok(())
    }

    /// The next free row of a sheet, or `None` (counted) when it is full; the
    /// last row is kept for the note that says what was left out.
    fn next_row(&mut self, sheet: usize) -> Option<u32> {
        let row = self.rows[sheet];
        if row >= MAX_ROWS - 1 {
            self.cut[sheet] += 1;
            return None;
        }
        self.rows[sheet] += 1;
        Some(row)
    }

    /// Adds the autofilters and any note of rows left out, then writes the file.
    pub fn save<W: Write + Send>(self, out: W) -> Result<()> {
        guarded(|| self.finish(out))
    }

    fn finish<W: Write + Send>(mut self, out: W) -> Result<(), XlsxError> {
        for (i, (name, columns)) in SHEETS.iter().enumerate() {
            let last = self.rows[i] - 1;
            let sheet = self.workbook.worksheet_from_index(i)?;
            sheet.autofilter(0, 0, last, columns.len() as u16 - 1)?;
            if self.cut[i] > 0 {
                let note = format!(
                    "{} more rows did not fit in this sheet (Excel holds {MAX_ROWS}); \
                     every row is in the CSV and JSON reports ({name})",
                    self.cut[i]
                );
                sheet.write_string_with_format(self.rows[i], 0, note, &self.header)?;
            }
        }
        self.workbook.save_to_writer(out)
    }
}

/// What rust_xlsxwriter's panic on a failed temporary-file write says.
const XLSX_WRITE_PANIC: &str = "Couldn't write to xml file";

/// Whether a panic is rust_xlsxwriter's failed write, which `guarded` turns
/// into an error: `main`'s panic hook prints no backtrace for it.
pub fn is_write_panic(payload: &(dyn std::any::Any + Send)) -> bool {
    crate::panic_message(payload).starts_with(XLSX_WRITE_PANIC)
}

/// Runs a step of rust_xlsxwriter. Its constant-memory sheets panic when their
/// temporary file cannot be written (a full disk, a file-size limit) instead
/// of returning an error: that panic becomes an error here, so the run ends
/// with a message and the staging folder is cleared, as for any other file.
fn guarded(step: impl FnOnce() -> Result<(), XlsxError>) -> Result<()> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(step)) {
        Ok(result) => Ok(result?),
        Err(panic) => Err(anyhow::anyhow!(
            "a temporary file of the workbook could not be written (in {}): {}",
            std::env::temp_dir().display(),
            crate::panic_message(panic.as_ref())
        )),
    }
}

/// Writes one row's cells left to right; dropped, it sets the row's height
/// to the lines its wrapped cells take.
struct Cells<'a> {
    sheet: &'a mut Worksheet,
    columns: &'static [Column],
    row: u32,
    col: u16,
    wrap: &'a Format,
    /// Lines of the tallest wrapped cell so far.
    lines: usize,
}

impl<'a> Cells<'a> {
    fn new(sheet: &'a mut Worksheet, index: usize, row: u32, wrap: &'a Format) -> Self {
        Self {
            sheet,
            columns: SHEETS[index].1,
            row,
            col: 0,
            wrap,
            lines: 1,
        }
    }

    /// Sets the row height. Spreadsheets do not agree on fitting a row to its
    /// wrapped text when they open a file (LibreOffice leaves it one line
    /// high), so the height is set from the lines the text will take, on the
    /// first `SIZED_ROWS` rows of a sheet only: rust_xlsxwriter keeps every
    /// sized row's options until the file is saved (about 150 bytes a row,
    /// 47 MB of a 300k-sentence run's 171 MB peak when every row was sized).
    fn finish(self) -> Result<(), XlsxError> {
        if self.lines > 1 && self.row <= SIZED_ROWS {
            let height = (self.lines as f64 * LINE_HEIGHT).min(MAX_ROW_HEIGHT);
            self.sheet.set_row_height(self.row, height)?;
        }
        Ok(())
    }

    fn next(&mut self) -> u16 {
        self.col += 1;
        self.col - 1
    }

    /// A text cell; empty text leaves the cell empty.
    fn text(&mut self, s: &str) -> Result<(), XlsxError> {
        let col = self.next();
        if !s.is_empty() {
            self.sheet.write_string(self.row, col, fit(s))?;
        }
        Ok(())
    }

    fn wrapped(&mut self, s: &str) -> Result<(), XlsxError> {
        let col = self.next();
        if !s.is_empty() {
            let width = self.columns.get(usize::from(col)).map_or(10.0, |c| c.width);
            self.lines = self.lines.max(wrapped_lines(s, width));
            self.sheet
                .write_string_with_format(self.row, col, fit(s), self.wrap)?;
        }
        Ok(())
    }

    /// A number cell; a value that is not finite leaves the cell empty.
    fn number(&mut self, x: f64) -> Result<(), XlsxError> {
        let col = self.next();
        if x.is_finite() {
            self.sheet.write_number(self.row, col, x)?;
        }
        Ok(())
    }

    fn number_with(&mut self, x: f64, format: &Format) -> Result<(), XlsxError> {
        let col = self.next();
        if x.is_finite() {
            self.sheet
                .write_number_with_format(self.row, col, x, format)?;
        }
        Ok(())
    }

    fn date(&mut self, date: &ExcelDateTime, format: &Format) -> Result<(), XlsxError> {
        let col = self.next();
        self.sheet
            .write_datetime_with_format(self.row, col, date, format)?;
        Ok(())
    }

    /// A hyperlink cell for a web address; `false` (nothing written, column not
    /// taken) for anything else, which the caller writes as text.
    fn link(&mut self, url: &str) -> Result<bool, XlsxError> {
        let web = url.starts_with("https://") || url.starts_with("http://");
        if !web || url.len() > 2000 || url.contains(char::is_whitespace) {
            return Ok(false);
        }
        match self.sheet.write_url(self.row, self.col, Url::new(url)) {
            Ok(_) => {
                self.col += 1;
                Ok(true)
            }
            Err(XlsxError::ParameterError(_) | XlsxError::MaxUrlLengthExceeded) => Ok(false),
            Err(e) => Err(e),
        }
    }
}

/// The rows of a sheet whose height is set to their wrapped text; later rows
/// stay one line high (a spreadsheet fits them on request).
const SIZED_ROWS: u32 = 50_000;

/// Points a line of the default 11-point font takes, and the most a row may.
const LINE_HEIGHT: f64 = 15.0;
const MAX_ROW_HEIGHT: f64 = 409.0;

/// The lines `text` takes when wrapped at word boundaries in a column `width`
/// characters wide (a width counts the widest digits; text averages narrower).
fn wrapped_lines(text: &str, width: f64) -> usize {
    let per_line = ((width * 1.1) as usize).max(1);
    let (mut lines, mut used) = (1, 0);
    for word in text.split_whitespace() {
        let len = word.chars().count();
        let need = if used == 0 { len } else { used + 1 + len };
        if need <= per_line {
            used = need;
        } else {
            // On a new line, unless it is the first; a long word takes more.
            lines += usize::from(used > 0) + (len - 1) / per_line;
            used = (len - 1) % per_line + 1;
        }
    }
    lines
}

/// The text cut to what a cell holds (Excel counts UTF-16 units), on a
/// character boundary. Sentences are far shorter; a title or name may not be.
fn fit(s: &str) -> &str {
    if s.len() <= MAX_CELL {
        return s;
    }
    let mut units = 0;
    for (at, c) in s.char_indices() {
        units += c.len_utf16();
        if units > MAX_CELL {
            return &s[..at];
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::{MAX_CELL, SHEETS, fit, wrapped_lines};

    #[test]
    fn wrapped_text_counts_its_lines_by_words() {
        assert_eq!(wrapped_lines("", 10.0), 1);
        assert_eq!(wrapped_lines("one two", 10.0), 1);
        assert_eq!(wrapped_lines("one two three four", 10.0), 2);
        assert_eq!(wrapped_lines(&"x".repeat(25), 10.0), 3);
    }

    #[test]
    fn long_text_is_cut_to_a_cell_on_a_character_boundary() {
        assert_eq!(fit("short"), "short");
        let long = "é".repeat(MAX_CELL + 5);
        let cut = fit(&long);
        assert_eq!(cut.chars().count(), MAX_CELL);
        let wide = "😀".repeat(MAX_CELL);
        assert_eq!(fit(&wide).encode_utf16().count(), MAX_CELL - 1);
    }

    #[test]
    fn sheet_names_and_headers_are_unique() {
        for (name, columns) in SHEETS {
            assert!(name.len() <= 31);
            let mut names: Vec<&str> = columns.iter().map(|c| c.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), columns.len(), "{name}");
        }
    }
}
