//! Bytes to sheets of cells: .xlsx, .xls and .ods through calamine, .csv through the csv
//! reader after decoding (UTF-8 with or without a BOM, else GB18030, which covers the GBK
//! that Chinese Excel and WPS write).

use std::io::Cursor;

use calamine::{Data, Ods, Reader, Xls, Xlsb, Xlsx};

use crate::ProblemKind;
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

/// The rows and columns a worksheet has (Excel 2007 and later; an .xls has 65,536 × 256).
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLUMNS: u32 = 16_384;

/// Why a file gave no sheets: the problem, and the sheet it is in when it is in one.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadError {
    /// The sheet, when the problem is one sheet's.
    pub sheet: Option<String>,
    /// What is wrong: [`ProblemKind::Unreadable`], [`ProblemKind::SheetTooLarge`] or
    /// [`ProblemKind::CellOutsideSheet`].
    pub kind: ProblemKind,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.sheet {
            Some(sheet) => write!(f, "sheet {sheet}: {}", self.kind),
            None => write!(f, "{}", self.kind),
        }
    }
}

fn unreadable(message: impl Into<String>) -> ReadError {
    ReadError { sheet: None, kind: ProblemKind::Unreadable { message: message.into() } }
}

/// Reads every sheet of a workbook, or the one table of a CSV file. `Err` says why the bytes
/// are not a spreadsheet, or which sheet is past the limits: a sheet may span at most as many
/// cells (rows × columns, first cell to last) as the `records` limit of [`crate::limits`]
/// allows, and no cell may lie outside a worksheet's grid.
///
/// An .xls goes through [`super::guard`] first. Office Open XML sheets (.xlsx, .xlsb) are read
/// cell by cell, so a far cell costs its row, not the grid up to it; .xls and .ods sheets are
/// read whole by calamine (after the guard, for .xls).
pub fn sheets(file_name: &str, bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    if is_csv(file_name) {
        let stem = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
        let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
        return csv_sheet(stem, bytes).map(|s| vec![s]).map_err(unreadable);
    }
    let max_cells = crate::limits::current().records;
    if bytes.starts_with(&super::guard::CFB_SIGNATURE) {
        let clean = super::guard::xls(bytes, max_cells)?;
        let mut book = Xls::new(Cursor::new(clean)).map_err(|e| unreadable(e.to_string()))?;
        return whole(&mut book);
    }
    // Not a compound document: a zip of Office Open XML or OpenDocument, tried in calamine's
    // own order (its detection would first try the bytes as an .xls).
    let data = Cursor::new(bytes);
    // Every sheet of an .xlsx or .xlsb, cell by cell (the two readers have the same methods but
    // no trait in common).
    macro_rules! cell_by_cell {
        ($book:expr) => {{
            let mut book = $book;
            let names = book.sheet_names();
            names
                .into_iter()
                .map(|name| {
                    let mut cells = book.worksheet_cells_reader(&name).map_err(|e| unreadable(format!("sheet {name}: {e}")))?;
                    by_cell(name.clone(), max_cells, || cells.next_cell().map(|c| c.map(|c| (c.get_position(), Data::from(c.get_value().clone())))))
                })
                .collect()
        }};
    }
    if let Ok(book) = Xlsx::new(data.clone()) {
        return cell_by_cell!(book);
    }
    if let Ok(book) = Xlsb::new(data.clone()) {
        return cell_by_cell!(book);
    }
    match Ods::new(data) {
        Ok(mut book) => whole(&mut book),
        Err(_) => Err(unreadable("Cannot detect file format")),
    }
}

/// Every sheet of a workbook that calamine reads whole (a dense range a sheet).
fn whole<R: Reader<Cursor<B>>, B: AsRef<[u8]>>(book: &mut R) -> Result<Vec<Sheet>, ReadError>
where
    R::Error: std::fmt::Display,
{
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| unreadable(format!("sheet {name}: {e}")))?;
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

/// One sheet from its cells one by one (`next` gives each cell's 0-based row and column and
/// its value, `None` after the last): a row for every row from the first cell's to the last
/// cell's, each as long as its last cell. At most `max_cells` cells with a value.
fn by_cell<E: std::fmt::Display>(
    name: String,
    max_cells: usize,
    mut next: impl FnMut() -> Result<Option<((u32, u32), Data)>, E>,
) -> Result<Sheet, ReadError> {
    let problem = |kind: ProblemKind| ReadError { sheet: Some(name.clone()), kind };
    let mut cells = Vec::new();
    // The first and last row and column of the cells so far.
    let (mut first, mut last) = ((u32::MAX, u32::MAX), (0, 0));
    while let Some(((row, column), value)) = next().map_err(|e| problem(ProblemKind::Unreadable { message: e.to_string() }))? {
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            return Err(problem(ProblemKind::CellOutsideSheet { row: u64::from(row) + 1, column: u64::from(column) + 1 }));
        }
        if value == Data::Empty {
            continue;
        }
        if cells.len() == max_cells {
            // The count is enough to refuse; the extent is what it spans so far.
            let (rows, columns) = super::guard::extent(first, last).unwrap_or((1, 1));
            return Err(problem(ProblemKind::SheetTooLarge { rows, columns, max: max_cells }));
        }
        first = (first.0.min(row), first.1.min(column));
        last = (last.0.max(row), last.1.max(column));
        cells.push(((row, column), cell(&value)));
    }
    // In row order; of two cells at one place, the later one (as a whole sheet's range keeps).
    cells.sort_by_key(|&(at, _)| at);
    cells.reverse();
    cells.dedup_by_key(|&mut (at, _)| at);
    cells.reverse();
    let (Some(first_row), Some(last_row)) = (cells.first().map(|c| c.0.0), cells.last().map(|c| c.0.0)) else {
        return Ok(Sheet { name, rows: Vec::new(), first_column: 1 });
    };
    let first_column = first.1;
    let mut rows: Vec<(u32, Vec<Cell>)> = (first_row..=last_row).map(|r| (r + 1, Vec::new())).collect();
    for ((row, column), value) in cells {
        let cells = &mut rows[(row - first_row) as usize].1;
        let at = (column - first_column) as usize;
        cells.resize(at, Cell::Empty);
        cells.push(value);
    }
    Ok(Sheet { name, rows, first_column: first_column + 1 })
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        // A date's serial number (days since 1899-12-30) within ±10 million days, else a
        // number: calamine's `as_datetime` makes a chrono duration of its milliseconds, which
        // panics past i64's range (fuzz finding 11); Excel's own dates end at 2,958,465
        // (9999-12-31).
        Data::DateTime(d) if d.is_datetime() && d.as_f64().abs() < 1e7 => match d.as_datetime() {
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
    // Line breaks before `counted` (a byte offset): counted on from there for each record, not
    // from the start of the text (which made a long file quadratic).
    let (mut counted, mut breaks) = (0usize, 0usize);
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        // The line the record's first character is on (its position may be that of blank
        // lines skipped before it).
        let line = match record.position().and_then(|p| usize::try_from(p.byte()).ok()) {
            Some(byte) => {
                breaks += memchr::memchr_iter(b'\n', text.as_bytes().get(counted..byte).unwrap_or_default()).count();
                counted = counted.max(byte);
                let skipped = text.get(byte..).unwrap_or("").bytes().take_while(|b| matches!(b, b'\r' | b'\n')).filter(|&b| b == b'\n').count();
                (breaks + skipped + 1) as u64
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
    fn a_date_too_far_for_a_calendar_is_its_number() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        let date = |days: f64| cell(&Data::DateTime(ExcelDateTime::new(days, ExcelDateTimeType::DateTime, false)));
        assert_eq!(date(46_082.0), Cell::Date(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()));
        assert_eq!(date(2_958_465.0), Cell::Date(NaiveDate::from_ymd_opt(9999, 12, 31).unwrap()));
        for far in [-1e300, 1e300, -1e7, 1e7, f64::NEG_INFINITY, f64::INFINITY] {
            assert!(matches!(date(far), Cell::Number(n) if n == far), "{far}");
        }
        assert!(matches!(date(f64::NAN), Cell::Number(n) if n.is_nan()));
    }

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
