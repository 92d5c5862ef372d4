//! Bytes to sheets of cells: .xlsx, .xls and .ods through calamine, .csv through the csv
//! reader after decoding (UTF-8 with or without a BOM, else GB18030, which covers the GBK
//! that Chinese Excel and WPS write).

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use chrono::NaiveDate;

/// One cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in it.
    Empty,
    /// Text (every CSV cell is text).
    Text(String),
    /// A number, as the spreadsheet stores it (a double: 15 significant digits).
    Number(f64),
    /// TRUE / FALSE.
    Bool(bool),
    /// A cell formatted as a date.
    Date(NaiveDate),
    /// A spreadsheet error (#REF!, #VALUE! …), as shown.
    Error(String),
}

impl Cell {
    /// Whether the cell is empty or white space only.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, as a person reads it (numbers without a trailing `.0`).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_owned(),
            Cell::Number(n) => number_text(*n),
            Cell::Bool(true) => "TRUE".to_owned(),
            Cell::Bool(false) => "FALSE".to_owned(),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// A number as a spreadsheet shows it in a general cell: whole numbers without a fraction.
pub(crate) fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e21 { format!("{n:.0}") } else { n.to_string() }
}

/// One sheet: its name and its rows, each with its 1-based row number as the spreadsheet
/// shows it, and the 1-based column number of the first cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The sheet's name (for a CSV file, the file's name without the extension).
    pub name: String,
    /// Rows with their numbers; cells from `first_column`.
    pub rows: Vec<(u32, Vec<Cell>)>,
    /// The 1-based number of the first column.
    pub first_column: u32,
}

/// Which reader a file name asks for.
fn is_csv(file_name: &str) -> bool {
    file_name.rsplit_once('.').is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("csv") || ext.eq_ignore_ascii_case("txt"))
}

/// Reads every sheet of a workbook, or the one table of a CSV file. `Err` says why the bytes
/// are not a spreadsheet.
pub fn sheets(file_name: &str, bytes: &[u8]) -> Result<Vec<Sheet>, String> {
    if is_csv(file_name) {
        let stem = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
        let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
        return csv_sheet(stem, bytes).map(|s| vec![s]);
    }
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| format!("sheet {name}: {e}"))?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .enumerate()
            .map(|(i, row)| (row0 + 1 + i as u32, row.iter().map(cell).collect()))
            .collect();
        out.push(Sheet { name, rows, first_column: col0 + 1 });
    }
    Ok(out)
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) if d.is_datetime() => match d.as_datetime() {
            Some(dt) => Cell::Date(dt.date()),
            None => Cell::Number(d.as_f64()),
        },
        Data::DateTime(d) => Cell::Number(d.as_f64()),
        // OpenDocument keeps dates as ISO text (2026-03-01 or 2026-03-01T00:00:00).
        Data::DateTimeIso(s) => match s.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) {
            Some(day) if s.len() == 10 || s.as_bytes().get(10) == Some(&b'T') => Cell::Date(day),
            _ => Cell::Text(s.clone()),
        },
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// Decodes CSV bytes: UTF-8 (a BOM dropped) when they are valid UTF-8, else GB18030 (a
/// superset of GBK and GB2312). Returns the text and the encoding's name.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::GB18030.decode(bytes);
            (text.into_owned(), "GB18030")
        }
    }
}

fn csv_sheet(name: &str, bytes: &[u8]) -> Result<Sheet, String> {
    let (text, _) = decode(bytes);
    if text.contains('\u{0}') {
        return Err("binary data, not text: is this a workbook saved with a .csv name?".to_owned());
    }
    // Excel in a Chinese locale may separate with tabs ("Unicode text"); commas otherwise.
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches('\t').count() > first_line.matches(',').count() { b'\t' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // Row numbers as a spreadsheet shows the file: the reader skips blank lines, which are
    // rows there, and a line break inside quotes stays in one row.
    let (mut row, mut next_line) = (0u64, 1u64);
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        // The line the record's first character is on (its position may be that of blank
        // lines skipped before it).
        let line = match record.position().and_then(|p| usize::try_from(p.byte()).ok()) {
            Some(byte) => {
                let head = text.get(..byte).unwrap_or("");
                let skipped = text.get(byte..).unwrap_or("").bytes().take_while(|b| matches!(b, b'\r' | b'\n')).filter(|&b| b == b'\n').count();
                (head.matches('\n').count() + skipped + 1) as u64
            }
            None => next_line,
        };
        row += 1 + line.saturating_sub(next_line);
        next_line = line + 1 + record.iter().map(|c| c.matches('\n').count() as u64).sum::<u64>();
        let cells = record.iter().map(|c| if c.trim().is_empty() { Cell::Empty } else { Cell::Text(c.to_owned()) }).collect();
        rows.push((u32::try_from(row).unwrap_or(u32::MAX), cells));
    }
    Ok(Sheet { name: name.to_owned(), rows, first_column: 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_with_and_without_bom_and_gbk() {
        assert_eq!(decode("姓名,电话".as_bytes()), ("姓名,电话".to_owned(), "UTF-8"));
        assert_eq!(decode("\u{feff}姓名".as_bytes()).0, "姓名");
        // 姓名 in GBK.
        assert_eq!(decode(&[0xD0, 0xD5, 0xC3, 0xFB]), ("姓名".to_owned(), "GB18030"));
    }

    #[test]
    fn csv_rows_keep_their_line_numbers() -> Result<(), String> {
        let sheet = csv_sheet("t", "标题\n\n姓名,电话\n\"张\n三\",1\n李四,2\n".as_bytes())?;
        let numbers: Vec<u32> = sheet.rows.iter().map(|(n, _)| *n).collect();
        // The blank line is row 2; a quoted line break stays in row 4.
        assert_eq!(numbers, [1, 3, 4, 5]);
        assert_eq!(sheet.rows[2].1[0], Cell::Text("张\n三".into()));
        Ok(())
    }

    #[test]
    fn numbers_read_as_a_spreadsheet_shows_them() {
        assert_eq!(Cell::Number(1.1010519491231002e17).text(), "110105194912310016");
        assert_eq!(Cell::Number(320.0).text(), "320");
        assert_eq!(Cell::Number(2.5).text(), "2.5");
    }
}
