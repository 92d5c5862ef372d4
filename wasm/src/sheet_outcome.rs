//! What reading a spreadsheet gave, as it crosses from the reader's module (`sheets`: calamine,
//! GBK, the import and its checks, fetched when a person first chooses a file) to the widget's
//! (`roster-import`: the form and the tables, which a page that shows the import loads): JSON
//! text through `grassroots.js`. Both modules read the document the records go into with
//! [`load`].

use grassroots::lists::Lists;
use grassroots::org::Names;
use grassroots::Organization;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The kinds of records a sheet can hold, by key, in the order the widget offers them: the
/// core's `sheets::Kind::ALL` (a test in the reader holds the two together).
pub const KINDS: [&str; 5] = ["members", "grids", "units", "nodes", "lists"];

/// Rows shown in the preview; all are imported.
pub const PREVIEW_ROWS: usize = 200;

/// What the host gave: the document the records go into (an organization document, or a
/// lists document for list items), or nothing for a new one.
#[derive(Debug, Default)]
pub struct Base {
    pub text: Option<String>,
    pub org: Option<Organization>,
    pub lists: Option<Lists>,
    /// The organization's names, for the rows shown (a node's name, not its id).
    pub names: Names,
}

impl PartialEq for Base {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

/// Reads the widget's data: empty (or `null`) for none, else the document records go into.
/// A lists document is told apart by its `items`.
pub fn load(json: &str) -> Result<Base, grassroots::Error> {
    let trimmed = json.trim();
    if trimmed.is_empty() || trimmed == "null" {
        return Ok(Base::default());
    }
    let is_lists = serde_json::from_str::<Value>(trimmed).ok().is_some_and(|v| v.get("items").is_some());
    if is_lists {
        let lists = Lists::from_json(trimmed)?;
        Ok(Base { text: Some(trimmed.to_owned()), org: None, lists: Some(lists), names: Names::default() })
    } else {
        let org = Organization::from_json(trimmed)?;
        Ok(Base { text: Some(trimmed.to_owned()), names: Names::of(&org), org: Some(org), lists: None })
    }
}

/// A file read: what the import made of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// The file's name, without a folder.
    pub file: String,
    /// The kind of records read (a key of [`KINDS`]).
    pub records: String,
    /// The workbook's sheets, for choosing another.
    pub sheets: Vec<String>,
    /// The records recognised, unless the file could not be read as this kind at all.
    pub read: Option<Read>,
    /// The document with the records in it (JSON text, personal data in full: the data file
    /// itself), when there is no error.
    pub document: Option<String>,
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

/// The records recognised on a sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Read {
    pub sheet: String,
    /// How many records (all are imported; the preview holds the first [`PREVIEW_ROWS`]).
    pub count: usize,
    /// The columns recognised, in the order of the kind's fields: (field key, header as written).
    pub columns: Vec<(String, String)>,
    /// The first records as their own serializers write them: phone and ID-card numbers masked.
    pub preview: Vec<Value>,
    /// The spreadsheet row of each record in the preview.
    pub rows: Vec<u32>,
}

/// One problem: where (file, sheet, row, the column's header), what (`code`), and its text in
/// both languages, so the widget can switch language without reading the file again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    pub file: String,
    pub sheet: Option<String>,
    pub row: Option<u32>,
    pub column: Option<String>,
    pub record: Option<String>,
    pub code: String,
    pub zh: String,
    pub en: String,
}
