//! Every output format in one place: how a command's problems and results are printed
//! (`--format text|json|github|junit|sarif|xlsx`), the exit-code failure type, and the one
//! way the commands read files (which keeps each text, so that problems can be given a line
//! and column afterwards, and only when there are problems).
//!
//! - `text`: `file:line:column: error[code]: $.path (record "id"): message`, the compilers'
//!   form; columns are counted in characters (a CJK character or a tab is one column).
//! - `json`: one report document, described by `docs/schemas/report.schema.json`.
//! - `github`: GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::…`).
//! - `junit`: JUnit XML, one testcase per document checked (per case file for `test`).
//! - `sarif`: SARIF 2.1.0, columns as Unicode code points (`columnKind`).
//! - `xlsx`: a table command's JSON report as a workbook written to `-o FILE`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use clap::ValueEnum;
use grassroots::{Error, Problem, Severity};
use serde_json::{Value, json};

/// The output formats.
#[derive(Clone, Copy, PartialEq, Eq, Debug, ValueEnum)]
pub(crate) enum Format {
    /// Lines for people: `file:line:column: error[code]: …` (for `eval`, a ranking table;
    /// `table` is accepted as a synonym).
    #[value(alias = "table")]
    Text,
    /// One JSON document (docs/schemas/report.schema.json for the problem reports).
    Json,
    /// GitHub Actions workflow commands: `::error file=…,line=…,col=…::…`, `::warning …`.
    Github,
    /// JUnit XML (validators and `test`): a testcase per document or case file.
    Junit,
    /// SARIF 2.1.0, for code-scanning views.
    Sarif,
    /// An .xlsx workbook written to `-o FILE` (stats, eval, metrics, clocks, diff lists,
    /// diff rules): one sheet per table of the JSON report.
    Xlsx,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Github => "github",
            Format::Junit => "junit",
            Format::Sarif => "sarif",
            Format::Xlsx => "xlsx",
        }
    }
}

/// The language of problem messages (`--lang`).
#[derive(Clone, Copy, PartialEq, Eq, Debug, ValueEnum)]
pub(crate) enum Lang {
    /// 中文: `$.grids[3].code（记录“g4”）：网格编码应以所属社区编码 422827001001 开头`;
    /// an import's `花名册.xlsx › 党员 › 第12行 › 公民身份号码：校验位不对`.
    Zh,
    /// English: `$.grids[3].code (record "g4"): grid code does not start with its community's
    /// code 422827001001`.
    En,
}

thread_local! {
    /// `--lang`, set once at the start of a run.
    static LANG: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// Sets the language `--lang` asked for, if any.
pub(crate) fn set_lang(lang: Option<Lang>) {
    LANG.with(|l| l.set(lang));
}

/// The language problems are printed in by the problem formats: `--lang`, English unless
/// asked (what CI reads).
pub(crate) fn lang() -> Lang {
    lang_or(Lang::En)
}

/// `--lang`, or `default` when it was not given (an import's own lines are Chinese unless
/// asked).
pub(crate) fn lang_or(default: Lang) -> Lang {
    LANG.with(std::cell::Cell::get).unwrap_or(default)
}

/// `N error(s), M warning(s)` in `lang` (a check's summary line, an import's).
pub(crate) fn counts(lang: Lang, errors: usize, warnings: usize) -> String {
    match lang {
        Lang::Zh => format!("{errors} 个错误，{warnings} 个警告"),
        Lang::En => format!("{errors} error(s), {warnings} warning(s)"),
    }
}

/// `N error(s)` in `lang` (a failed JUnit testcase's message).
pub(crate) fn error_count(lang: Lang, errors: usize) -> String {
    match lang {
        Lang::Zh => format!("{errors} 个错误"),
        Lang::En => format!("{errors} error(s)"),
    }
}

/// What validators take: every format but `xlsx`.
pub(crate) const CHECKS: &[Format] = &[Format::Text, Format::Json, Format::Github, Format::Junit, Format::Sarif];
/// What commands that print results take: their problems as annotations or SARIF, their
/// results as text or JSON.
pub(crate) const RESULTS: &[Format] = &[Format::Text, Format::Json, Format::Github, Format::Sarif];
/// [`RESULTS`] and a workbook.
pub(crate) const TABLES: &[Format] = &[Format::Text, Format::Json, Format::Github, Format::Sarif, Format::Xlsx];
/// Commands whose output is a document (generators, schemas, import): text only, problems
/// in any of the problem formats.
pub(crate) const DOCUMENTS: &[Format] = &[Format::Text, Format::Json, Format::Github, Format::Sarif];

/// A failure that ends the command with an exit code.
pub(crate) enum Fail {
    /// Exit 1: the data is wrong; the problems have been printed.
    Invalid,
    /// Exit 2: the file could not be read or parsed.
    Unreadable(String),
}

/// What every command is run with: the output format, the file `-o` names, and the
/// command's name (`validate tree`) for the reports that carry it.
pub(crate) struct Ctx {
    pub format: Format,
    pub output: Option<PathBuf>,
    pub command: String,
}

impl Ctx {
    /// Exit 2 unless this command takes the format asked for.
    pub(crate) fn only(&self, allowed: &[Format]) -> Result<(), Fail> {
        if allowed.contains(&self.format) {
            return Ok(());
        }
        let names: Vec<&str> = allowed.iter().map(|f| f.name()).collect();
        Err(Fail::Unreadable(format!("`{}` takes --format {}, not {}", self.command, names.join(", "), self.format.name())))
    }

    /// Prints a command's JSON result (`--format json`) or writes it as a workbook
    /// (`--format xlsx -o FILE`).
    pub(crate) fn emit(&self, value: &Value, title: &str) -> Result<(), Fail> {
        match self.format {
            Format::Xlsx => super::workbook::write_report(value, title, self.output.as_deref()).map_err(Fail::Unreadable),
            _ => {
                out!("{}", serde_json::to_string_pretty(value).unwrap_or_default());
                Ok(())
            }
        }
    }

    /// Whether results are printed as lines for people (text, and github whose annotations
    /// stand among ordinary log lines); otherwise as JSON (sarif carries problems alone).
    pub(crate) fn text(&self) -> bool {
        matches!(self.format, Format::Text | Format::Github)
    }
}

thread_local! {
    /// The texts read, by path, for the positions of problems.
    static SOURCES: RefCell<HashMap<PathBuf, Rc<str>>> = RefCell::new(HashMap::new());
    /// The documents checked, for the formats printed once at the end (json, junit, sarif).
    static CHECKED: RefCell<Vec<Checked>> = const { RefCell::new(Vec::new()) };
}

/// Refuses a file over the `--max-bytes` limit before reading it (exit 2).
pub(crate) fn within_limit(path: &Path) -> Result<(), Fail> {
    let max = grassroots::limits::current().bytes;
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() > max as u64 => Err(Fail::Unreadable(format!(
            "{}: {} bytes, over the limit of {max} bytes (--max-bytes); not read",
            path.display(),
            m.len()
        ))),
        _ => Ok(()),
    }
}

/// Reads a text file (a UTF-8 byte-order mark dropped, as editors do not show it) and keeps
/// it for the positions of its problems.
pub(crate) fn read(path: &Path) -> Result<Rc<str>, Fail> {
    within_limit(path)?;
    let text = std::fs::read_to_string(path).map_err(|e| Fail::Unreadable(format!("cannot read {}: {e}", path.display())))?;
    let text: Rc<str> = Rc::from(text.strip_prefix('\u{feff}').unwrap_or(&text));
    SOURCES.with(|s| s.borrow_mut().insert(path.to_path_buf(), Rc::clone(&text)));
    Ok(text)
}

/// Splits a load error: text that is not JSON at all ends the command (exit 2); any other
/// error's problems go back to the caller to report (exit 1).
pub(crate) fn problems_of(file: &Path, e: Error) -> Result<Vec<Problem>, Fail> {
    match e {
        Error::Syntax { line, column, message } => {
            Err(Fail::Unreadable(format!("{}: not valid JSON at line {line}, column {column}: {message}", file.display())))
        }
        e => Ok(e.problems()),
    }
}

/// One document checked, with its problems and their positions.
struct Checked {
    file: PathBuf,
    problems: Vec<Located>,
}

/// A problem with where it is in its file.
struct Located {
    problem: Problem,
    /// The file the problem is in (a member roster's problems are in that roster).
    file: PathBuf,
    line: Option<usize>,
    column: Option<usize>,
    code: String,
    /// For a spreadsheet's problem: its sheet, row and column header, added to the JSON.
    cell: Option<Value>,
    /// The place in Chinese where the path is not a JSON path (a CSV roster's or a
    /// spreadsheet's row and column).
    place_zh: Option<String>,
}

impl Located {
    fn severity(&self) -> &'static str {
        match self.problem.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// `file:line:column:` (`file:line:` for a spreadsheet's row, `file:` when the place is
    /// not known).
    fn place(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file.display()),
            (Some(l), None) => format!("{}:{l}", self.file.display()),
            _ => self.file.display().to_string(),
        }
    }

    /// The problem's message (path, record, what is wrong) in the language of the run.
    fn message(&self) -> String {
        match lang() {
            Lang::En => self.problem.to_string(),
            // A CSV roster's place (`row 3, column parent`) said in Chinese too.
            Lang::Zh => {
                let zh = self.problem.zh();
                match (&self.place_zh, zh.strip_prefix(self.problem.path.as_str())) {
                    (Some(place), Some(rest)) => format!("{place}{rest}"),
                    _ => zh,
                }
            }
        }
    }

    fn json(&self) -> Value {
        let mut v = serde_json::to_value(&self.problem).unwrap_or_default();
        v["message"] = Value::from(self.message());
        v["file"] = Value::from(self.file.display().to_string());
        v["line"] = self.line.map_or(Value::Null, Value::from);
        v["column"] = self.column.map_or(Value::Null, Value::from);
        if let (Some(Value::Object(cell)), Some(v)) = (&self.cell, v.as_object_mut()) {
            v.extend(cell.clone());
        }
        v
    }
}

/// Gives each problem its line and column in the text read from `file` (JSON paths), or in a
/// CSV roster (`row 3, column parent`; a member roster's rows carry its name first).
fn locate(file: &Path, problems: &[Problem]) -> Vec<Located> {
    let text = |path: &Path| SOURCES.with(|s| s.borrow().get(path).cloned());
    let positions: Vec<Option<grassroots::Position>> = match text(file) {
        Some(t) if !problems.is_empty() => {
            let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
            grassroots::locate(&t, &paths)
        }
        _ => problems.iter().map(|_| None).collect(),
    };
    problems
        .iter()
        .zip(positions)
        .map(|(p, position)| {
            let (mut in_file, mut line, mut column) = (file.to_path_buf(), position.map(|x| x.line), position.map(|x| x.column));
            let mut place_zh = None;
            if let Some((label, row, field)) = csv_place(&p.path) {
                let roster = if label.is_empty() { String::new() } else { format!("{label} ") };
                place_zh = Some(format!("{roster}第 {row} 行{}", field.map(|f| format!("“{f}”列")).unwrap_or_default()));
                if !label.is_empty() {
                    in_file = PathBuf::from(label);
                }
                line = Some(row);
                column = Some(text(&in_file).and_then(|t| csv_column(&t, row, field)).unwrap_or(1));
            }
            Located { problem: p.clone(), file: in_file, line, column, code: code_of(p), cell: None, place_zh }
        })
        .collect()
}

fn code_of(p: &Problem) -> String {
    serde_json::to_value(&p.kind).ok().and_then(|v| v.get("code").and_then(Value::as_str).map(str::to_owned)).unwrap_or_default()
}

/// Prints an import's problems in a problem format (json, github, junit, sarif): a cell's
/// problem in `file` at its row (`line`; a spreadsheet has no column of characters, so
/// `column` is null and the JSON adds `sheet`, `row` and `header`), with the path `sheet S,
/// row N, column H`; a problem of the document read against (`org`, its `column` a JSON
/// path) at its line and column there.
pub(crate) fn print_sheet_problems(ctx: &Ctx, file: &Path, org: Option<&Path>, problems: &[grassroots::sheets::SheetProblem]) {
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    let mut located = Vec::with_capacity(problems.len());
    for p in problems {
        let in_org = p.column.as_deref().is_some_and(|c| c.starts_with('$'));
        match (in_org, org) {
            (true, Some(org)) if name(org).as_deref() == Some(p.file.as_str()) => {
                let problem = Problem { severity: p.severity, record: p.record.clone(), path: p.column.clone().unwrap_or_default(), kind: p.kind.clone() };
                located.extend(locate(org, &[problem]));
            }
            _ => {
                let mut place = Vec::new();
                place.extend(p.sheet.as_ref().map(|s| format!("sheet {s}")));
                place.extend(p.row.map(|r| format!("row {r}")));
                place.extend(p.column.as_ref().map(|c| format!("column {c}")));
                let mut place_zh = Vec::new();
                place_zh.extend(p.sheet.as_ref().map(|s| format!("工作表“{s}”")));
                place_zh.extend(p.row.map(|r| format!("第 {r} 行")));
                place_zh.extend(p.column.as_ref().map(|c| format!("“{c}”列")));
                let place_zh = Some(place_zh.join(" "));
                let problem = Problem { severity: p.severity, record: p.record.clone(), path: place.join(", "), kind: p.kind.clone() };
                let in_file = if name(file).as_deref() == Some(p.file.as_str()) { file.to_path_buf() } else { PathBuf::from(&p.file) };
                let cell = json!({ "sheet": p.sheet, "row": p.row, "header": p.column });
                located.push(Located { code: code_of(&problem), problem, file: in_file, line: p.row.map(|r| r as usize), column: None, cell: Some(cell), place_zh });
            }
        }
    }
    print_located(ctx, file, located);
}

/// `members.csv row 4, column kind` → (`members.csv`, 4, Some("kind")).
fn csv_place(path: &str) -> Option<(&str, usize, Option<&str>)> {
    if path.starts_with('$') {
        return None;
    }
    let at = path.find("row ")?;
    let (label, rest) = (path[..at].trim_end(), &path[at + 4..]);
    let (row, field) = match rest.split_once(", column ") {
        Some((row, field)) => (row, Some(field)),
        None => (rest, None),
    };
    Some((label, row.parse().ok()?, field))
}

/// The character column where `field`'s cell starts on line `row` of a CSV text (1 when
/// the field or the row is not there).
fn csv_column(text: &str, row: usize, field: Option<&str>) -> Option<usize> {
    let mut lines = text.lines();
    let header = cells(lines.next()?);
    let field = field.map(|f| f.split('[').next().unwrap_or(f));
    let index = field.and_then(|f| header.iter().position(|(_, h)| h.trim() == f)).unwrap_or(0);
    let line = text.lines().nth(row.checked_sub(1)?)?;
    cells(line).get(index).map(|(start, _)| line[..*start].chars().count() + 1)
}

/// A CSV line's cells with the byte where each starts (quotes kept in the text).
fn cells(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                out.push((start, &line[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push((start, &line[start..]));
    out
}

/// Prints what a check found: a valid file's warnings (exit 0), or every problem when there
/// is an error among them (exit 1).
pub(crate) fn report(ctx: &Ctx, file: &Path, problems: &[Problem]) -> Result<(), Fail> {
    print_problems(ctx, file, problems);
    if problems.iter().any(|p| p.severity == Severity::Error) { Err(Fail::Invalid) } else { Ok(()) }
}

/// [`report`] for a command that cannot go on: `Err` whatever the problems.
pub(crate) fn stop<T>(ctx: &Ctx, file: &Path, problems: &[Problem]) -> Result<T, Fail> {
    print_problems(ctx, file, problems);
    Err(Fail::Invalid)
}

/// Prints a document's problems in the format asked for: at once for text and github, at
/// the end ([`finish`]) for the formats that are one document.
pub(crate) fn print_problems(ctx: &Ctx, file: &Path, problems: &[Problem]) {
    print_located(ctx, file, locate(file, problems));
}

fn print_located(ctx: &Ctx, file: &Path, located: Vec<Located>) {
    let errors = located.iter().filter(|p| p.problem.severity == Severity::Error).count();
    let warnings = located.len() - errors;
    match ctx.format {
        Format::Text => {
            for p in &located {
                out!("{}: {}[{}]: {}", p.place(), p.severity(), p.code, p.message());
            }
            out!("{}: {}", file.display(), counts(lang(), errors, warnings));
        }
        Format::Github => {
            for p in &located {
                out!("{}", github(p));
            }
            out!("{}: {}", file.display(), counts(lang(), errors, warnings));
        }
        _ => CHECKED.with(|c| c.borrow_mut().push(Checked { file: file.to_path_buf(), problems: located })),
    }
}

/// The JSON report of one document, to which a command may add what it found.
pub(crate) fn problems_json(file: &Path, problems: &[Problem]) -> Value {
    document_json(&Checked { file: file.to_path_buf(), problems: locate(file, problems) })
}

fn document_json(doc: &Checked) -> Value {
    let errors = doc.problems.iter().filter(|p| p.problem.severity == Severity::Error).count();
    json!({
        "file": doc.file.display().to_string(),
        "valid": errors == 0,
        "errors": errors,
        "warnings": doc.problems.len() - errors,
        "problems": doc.problems.iter().map(Located::json).collect::<Vec<_>>(),
    })
}

/// Escapes a workflow command's message (`%`, CR, LF) or property (and `:`, `,`).
fn github_escape(text: &str, property: bool) -> String {
    let mut out = text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    out
}

fn github(p: &Located) -> String {
    let mut props = format!("file={}", github_escape(&p.file.display().to_string(), true));
    match (p.line, p.column) {
        (Some(l), Some(c)) => {
            let _ = write!(props, ",line={l},col={c}");
        }
        (Some(l), None) => {
            let _ = write!(props, ",line={l}");
        }
        _ => {}
    }
    let title = format!("grassroots {}", p.code);
    let _ = write!(props, ",title={}", github_escape(&title, true));
    format!("::{} {props}::{}", p.severity(), github_escape(&p.message(), false))
}

/// One `::error` line for a text that is not a problem of a document (a failed case).
pub(crate) fn github_line(severity: &str, file: &Path, title: &str, message: &str) -> String {
    let file = github_escape(&file.display().to_string(), true);
    format!("::{severity} file={file},title={}::{}", github_escape(title, true), github_escape(message, false))
}

/// Prints the reports that are one document for the whole run (json, junit, sarif) from the
/// documents checked; nothing when no document was (the command printed its own result).
pub(crate) fn finish(ctx: &Ctx) {
    let docs = CHECKED.with(|c| std::mem::take(&mut *c.borrow_mut()));
    if docs.is_empty() {
        return;
    }
    match ctx.format {
        Format::Json | Format::Xlsx => {
            let value = match docs.as_slice() {
                [one] => document_json(one),
                many => {
                    let errors: usize = many.iter().flat_map(|d| &d.problems).filter(|p| p.problem.severity == Severity::Error).count();
                    let total: usize = many.iter().map(|d| d.problems.len()).sum();
                    json!({
                        "valid": errors == 0,
                        "errors": errors,
                        "warnings": total - errors,
                        "documents": many.iter().map(document_json).collect::<Vec<_>>(),
                    })
                }
            };
            out!("{}", serde_json::to_string_pretty(&value).unwrap_or_default());
        }
        Format::Junit => {
            let cases: Vec<Case> = docs
                .iter()
                .map(|d| {
                    let errors: Vec<&Located> = d.problems.iter().filter(|p| p.problem.severity == Severity::Error).collect();
                    let line = |p: &Located| format!("{}: {}[{}]: {}", p.place(), p.severity(), p.code, p.message());
                    let warnings: Vec<String> = d.problems.iter().filter(|p| p.problem.severity == Severity::Warning).map(line).collect();
                    Case {
                        name: d.file.display().to_string(),
                        failure: (!errors.is_empty()).then(|| (error_count(lang(), errors.len()), errors.iter().map(|p| line(p)).collect::<Vec<_>>().join("\n"))),
                        out: warnings.join("\n"),
                    }
                })
                .collect();
            out!("{}", junit(&ctx.command, &cases));
        }
        Format::Sarif => {
            let problems: Vec<&Located> = docs.iter().flat_map(|d| &d.problems).collect();
            out!("{}", serde_json::to_string_pretty(&sarif(&problems, &[])).unwrap_or_default());
        }
        Format::Text | Format::Github => {}
    }
}

/// A JUnit testcase: its name, its failure (message, text) if it failed, its output.
pub(crate) struct Case {
    pub name: String,
    pub failure: Option<(String, String)>,
    pub out: String,
}

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// JUnit XML (the Ant/Jenkins form that GitLab, Jenkins and the test-report actions read):
/// one testsuite named after the command, a testcase per document or case file.
pub(crate) fn junit(command: &str, cases: &[Case]) -> String {
    let failures = cases.iter().filter(|c| c.failure.is_some()).count();
    let suite = xml_escape(&format!("grassroots {command}"));
    let classname = xml_escape(&format!("grassroots.{}", command.replace(' ', ".")));
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(x, "<testsuites name=\"{suite}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">", cases.len());
    let _ = writeln!(x, "  <testsuite name=\"{suite}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">", cases.len());
    for case in cases {
        let _ = write!(x, "    <testcase name=\"{}\" classname=\"{classname}\"", xml_escape(&case.name));
        if case.failure.is_none() && case.out.is_empty() {
            x.push_str("/>\n");
            continue;
        }
        x.push_str(">\n");
        if let Some((message, text)) = &case.failure {
            let _ = writeln!(x, "      <failure message=\"{}\" type=\"failure\">{}</failure>", xml_escape(message), xml_escape(text));
        }
        if !case.out.is_empty() {
            let _ = writeln!(x, "      <system-out>{}</system-out>", xml_escape(&case.out));
        }
        x.push_str("    </testcase>\n");
    }
    x.push_str("  </testsuite>\n</testsuites>");
    x
}

/// A file path as a relative URI reference: `/` separators, every byte but the unreserved
/// ones and `/` percent-encoded (a Chinese file name stays a valid URI).
fn uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A SARIF result that is not a document's problem (a failed case): rule, file, message.
pub(crate) struct Finding {
    pub rule: String,
    pub file: PathBuf,
    pub message: String,
}

/// SARIF of findings that are not problems of a document (`test`'s failed cases).
pub(crate) fn sarif_findings(findings: &[Finding]) -> Value {
    sarif(&[], findings)
}

/// SARIF 2.1.0: one run of `grassroots`, a rule per problem code met, a result per problem
/// with its file, line and column (in Unicode code points) and its JSON path as the
/// logical location.
fn sarif(problems: &[&Located], findings: &[Finding]) -> Value {
    let mut rules: Vec<String> = problems.iter().map(|p| p.code.clone()).chain(findings.iter().map(|f| f.rule.clone())).collect();
    rules.sort();
    rules.dedup();
    let index = |code: &str| rules.iter().position(|r| r == code).unwrap_or(0);
    let mut results: Vec<Value> = problems
        .iter()
        .map(|p| {
            let region = match (p.line, p.column) {
                (Some(l), Some(c)) => json!({ "startLine": l, "startColumn": c }),
                (Some(l), None) => json!({ "startLine": l }),
                _ => json!({}),
            };
            let mut physical = json!({ "artifactLocation": { "uri": uri(&p.file) } });
            if region.as_object().is_some_and(|r| !r.is_empty()) {
                physical["region"] = region;
            }
            let mut result = json!({
                "ruleId": p.code,
                "ruleIndex": index(&p.code),
                "level": p.severity(),
                "message": { "text": p.message() },
                "locations": [{
                    "physicalLocation": physical,
                    "logicalLocations": [{ "fullyQualifiedName": p.problem.path, "kind": "value" }],
                }],
            });
            if let Some(record) = &p.problem.record {
                result["properties"] = json!({ "record": record });
            }
            result
        })
        .collect();
    results.extend(findings.iter().map(|f| {
        json!({
            "ruleId": f.rule,
            "ruleIndex": index(&f.rule),
            "level": "error",
            "message": { "text": f.message },
            "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&f.file) } } }],
        })
    }));
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "grassroots",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules.iter().map(|r| json!({ "id": r, "shortDescription": { "text": r } })).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}
