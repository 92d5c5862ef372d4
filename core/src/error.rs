//! The crate's one error type, and the problems that loading reports.

use serde::Serialize;

/// Why data could not be turned into a domain value.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is not JSON at all; nothing in it could be read.
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line of the first byte that could not be read.
        line: usize,
        /// 1-based column of that byte.
        column: usize,
        /// What the JSON reader expected.
        message: String,
    },
    /// The input is JSON, but some records are wrong. Every problem found is listed.
    #[error("{} problem(s) in the data, the first: {}", .problems.len(), first_problem(.problems))]
    Invalid {
        /// Sorted by the position of the record concerned, then by path.
        problems: Vec<Problem>,
    },
}

fn first_problem(problems: &[Problem]) -> String {
    problems.first().map(ToString::to_string).unwrap_or_default()
}

impl Error {
    /// The problems behind this error; a syntax error is reported as one problem at `$`.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            Error::Syntax { line, column, message } => vec![Problem::error(
                None,
                "$".to_owned(),
                ProblemKind::Syntax { line: *line, column: *column, message: message.clone() },
            )],
            Error::Invalid { problems } => problems.clone(),
        }
    }

    pub(crate) fn syntax(err: &serde_json::Error) -> Self {
        Error::Syntax { line: err.line(), column: err.column(), message: strip_position(err) }
    }
}

/// serde_json appends " at line L column C" to its messages; we report those as fields.
fn strip_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    }
}

/// How bad a problem is: errors make data unusable, warnings are worth a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The data cannot be used until this is fixed.
    Error,
    /// The data is usable, but probably not what its author meant.
    Warning,
}

/// One thing wrong with one record, located by a JSON path such as `$.nodes[3].parent`.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[error("{path}{}: {kind}", record_suffix(.record))]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// The `id` of the record concerned, when it has a readable one.
    pub record: Option<String>,
    /// Where in the input: a JSON path from the document root `$`.
    pub path: String,
    /// What is wrong, with the values involved.
    #[serde(flatten)]
    pub kind: ProblemKind,
}

fn record_suffix(record: &Option<String>) -> String {
    record.as_ref().map(|id| format!(" (record \"{id}\")")).unwrap_or_default()
}

impl Problem {
    pub(crate) fn error(record: Option<String>, path: String, kind: ProblemKind) -> Self {
        Problem { severity: Severity::Error, record, path, kind }
    }
}

/// What is wrong. Serialized with a `code` tag so that a host can localise or filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ProblemKind {
    /// The input is not JSON.
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the JSON reader expected.
        message: String,
    },
    /// A value has the wrong type, a required field is missing or a field is unknown.
    #[error("{message}")]
    Shape {
        /// The reader's description, e.g. "missing field `name`".
        message: String,
    },
    /// A required text field is empty or only white space.
    #[error("must not be empty")]
    Empty,
    /// Two records share an id.
    #[error("duplicate id \"{id}\", first used at {first}")]
    DuplicateId {
        /// The id used twice.
        id: String,
        /// JSON path of the record that used it first.
        first: String,
    },
    /// `parent` names an id that no record has.
    #[error("parent \"{parent}\" does not exist")]
    UnknownParent {
        /// The missing id.
        parent: String,
    },
    /// Following `parent` links comes back to where it started.
    #[error("parent links form a cycle: {}", .ids.join(" → "))]
    Cycle {
        /// The ids on the cycle, starting at the record that reports it.
        ids: Vec<String>,
    },
    /// No record is without a parent, so the tree has no root.
    #[error("no root: exactly one record must have no parent")]
    NoRoot,
    /// More than one record is without a parent.
    #[error("second root: \"{root}\" is already the root, so this record needs a parent")]
    ExtraRoot {
        /// The id of the first root.
        root: String,
    },
    /// There are no records at all.
    #[error("no records")]
    NoRecords,
}
