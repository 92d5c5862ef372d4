//! Which column is which: the checked-in table of the headers offices use
//! (`headers.tsv`), a mapping file for any other header, and finding the header row under
//! a title.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::Kind;
use super::read::{Cell, Sheet};
use crate::text::fold;

const TABLE: &str = include_str!("headers.tsv");

/// How far down a sheet the header row is looked for (titles, merged cells, notes above it).
const HEADER_SEARCH_ROWS: usize = 20;

/// One field of a kind of sheet and the headers it is known by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The field's key (`name`, `id_card`, …); `-` for columns known and not read.
    pub key: &'static str,
    /// Whether every record needs it.
    pub required: bool,
    /// Its headers; the first is the one exports write.
    pub headers: Vec<&'static str>,
}

/// The fields of a kind of sheet, from `headers.tsv`.
pub fn fields(kind: Kind) -> Vec<Field> {
    table(kind).to_vec()
}

/// [`fields`], read from the table once: an import asks for them per sheet and per problem.
pub(crate) fn table(kind: Kind) -> &'static [Field] {
    static FIELDS: LazyLock<[Vec<Field>; Kind::ALL.len()]> = LazyLock::new(|| {
        Kind::ALL.map(|kind| {
            TABLE
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .filter_map(|l| {
                    let mut parts = l.split('\t');
                    let (k, field, headers) = (parts.next()?, parts.next()?, parts.next()?);
                    (k == kind.key()).then(|| {
                        let required = field.ends_with('*');
                        Field { key: field.trim_end_matches('*'), required, headers: headers.split('|').collect() }
                    })
                })
                .collect()
        })
    });
    let at = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    &FIELDS[at]
}

/// The header a field is written under in exports and named by in problems.
pub fn header_of(kind: Kind, key: &str) -> String {
    table(kind).iter().find(|f| f.key == key).and_then(|f| f.headers.first().map(|h| (*h).to_owned())).unwrap_or_else(|| key.to_owned())
}

/// A mapping file: headers this office uses that the table does not know, each to a field
/// key, or to `null` for a column not to read; optionally the sheet to read.
///
/// ```json
/// {"sheet": "党员", "columns": {"人员编码": "id", "党内职务": null}}
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The sheet to read (default: the first sheet with a header row).
    #[serde(default)]
    pub sheet: Option<String>,
    /// Header → field key, or `null` to leave the column unread without a warning.
    #[serde(default)]
    pub columns: BTreeMap<String, Option<String>>,
}

impl Mapping {
    /// Reads a mapping file; the message says what is wrong.
    pub fn from_json(text: &str) -> Result<Self, String> {
        crate::limits::check(text).map_err(|e| e.to_string())?;
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// Mapped fields that are not fields of `kind`.
    pub fn unknown_fields(&self, kind: Kind) -> Vec<String> {
        let fields = table(kind);
        self.columns.values().flatten().filter(|v| !fields.iter().any(|f| f.key == v.as_str() && f.key != "-")).cloned().collect()
    }
}

/// A header folded for matching: full-width forms, case and spaces folded, a trailing unit
/// in brackets dropped (户数（户）, 面积(平方公里)), a trailing `*` (required marks) dropped.
fn fold_header(text: &str) -> String {
    let mut folded = fold(text);
    while folded.ends_with('*') {
        folded.pop();
    }
    if let Some(open) = folded.rfind(['(', '（']) {
        if open > 0 && folded.ends_with([')', '）']) {
            folded.truncate(open);
        }
    }
    folded
}

/// What a header names: a field, a column deliberately not read, or nothing known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meaning {
    /// The field with this key.
    Field(String),
    /// Not read, on purpose (序号, or `null` in the mapping).
    Skip,
    /// Not a header this kind of sheet knows.
    Unknown,
}

/// What a header names for a kind of sheet; the mapping is asked first.
pub fn meaning(kind: Kind, header: &str, mapping: Option<&Mapping>) -> Meaning {
    let folded = fold_header(header);
    if folded.is_empty() {
        return Meaning::Unknown;
    }
    if let Some(m) = mapping {
        if let Some((_, target)) = m.columns.iter().find(|(h, _)| fold_header(h) == folded) {
            return target.clone().map_or(Meaning::Skip, Meaning::Field);
        }
    }
    match known(kind).iter().find(|(h, _)| *h == folded) {
        Some((_, "-")) => Meaning::Skip,
        Some((_, key)) => Meaning::Field((*key).to_owned()),
        None => Meaning::Unknown,
    }
}

/// A kind's headers, folded, each with its field's key (`-`: known, not read), in the table's
/// order (the first field naming a header wins, as before; the table test below rules out
/// two); built from the table once. Before, every cell of the rows searched for the header
/// re-read the table and folded each alias of each field (see ARCHITECTURE.md,
/// "Spreadsheets"). A list looked through, not a hash map or a sorted list: a hundred short
/// comparisons a cell, and less code in the import's module.
fn known(kind: Kind) -> &'static [(String, &'static str)] {
    static KNOWN: LazyLock<[Vec<(String, &'static str)>; Kind::ALL.len()]> = LazyLock::new(|| {
        Kind::ALL.map(|kind| table(kind).iter().flat_map(|f| f.headers.iter().map(move |h| (fold_header(h), f.key))).collect())
    });
    let at = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    &KNOWN[at]
}

/// The header row of a sheet: its index in `sheet.rows`, and each column's header text and
/// meaning.
pub struct HeaderRow {
    /// Index into `sheet.rows`.
    pub index: usize,
    /// Per column (0-based from the sheet's first column): the header as written, and what
    /// it names.
    pub columns: Vec<(String, Meaning)>,
}

/// The first row near the top with the most cells naming a field, if any names two.
pub fn find_header(sheet: &Sheet, kind: Kind, mapping: Option<&Mapping>) -> Option<HeaderRow> {
    let mut best: Option<(usize, usize)> = None;
    for (index, (_, cells)) in sheet.rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let known = cells
            .iter()
            .filter(|c| matches!(c, Cell::Text(t) if matches!(meaning(kind, t, mapping), Meaning::Field(_))))
            .count();
        if known >= 2 && best.is_none_or(|(_, n)| known > n) {
            best = Some((index, known));
        }
    }
    let (index, _) = best?;
    let columns = sheet.rows[index].1.iter().map(|c| {
        let text = c.text();
        let m = meaning(kind, &text, mapping);
        (text, m)
    });
    Some(HeaderRow { index, columns: columns.collect() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_known_by_their_aliases() {
        for (header, field) in [("姓名", "name"), ("党员姓名", "name"), ("身份证号", "id_card"), ("公民身份号码", "id_card"), ("手机号码", "phone"), ("党组织名称", "node"), ("党员类别", "kind"), ("所属网格", "grid")] {
            assert_eq!(meaning(Kind::Members, header, None), Meaning::Field(field.to_owned()), "{header}");
        }
        assert_eq!(meaning(Kind::Grids, "户数（户）", None), Meaning::Field("households".into()));
        assert_eq!(meaning(Kind::Grids, " 人 口 ", None), Meaning::Field("population".into()));
        assert_eq!(meaning(Kind::Members, "序号", None), Meaning::Skip);
        assert_eq!(meaning(Kind::Members, "党内职务", None), Meaning::Unknown);
        let mapping = Mapping::from_json(r#"{"columns": {"党内职务": null, "人员编码": "id"}}"#).unwrap_or_default();
        assert_eq!(meaning(Kind::Members, "党内职务", Some(&mapping)), Meaning::Skip);
        assert_eq!(meaning(Kind::Members, "人员编码", Some(&mapping)), Meaning::Field("id".into()));
        assert!(Mapping::from_json(r#"{"colums": {}}"#).is_err());
    }

    #[test]
    fn every_kind_has_its_required_fields_in_the_table() {
        for kind in Kind::ALL {
            let fields = fields(kind);
            assert!(fields.iter().filter(|f| f.required).count() >= 2, "{kind:?}");
            // No header names two fields of one kind.
            let mut seen = std::collections::HashMap::new();
            for f in &fields {
                for h in &f.headers {
                    let first = seen.entry(fold_header(h)).or_insert(f.key);
                    assert_eq!(*first, f.key, "{kind:?}: {h} names two fields");
                }
            }
        }
    }
}
