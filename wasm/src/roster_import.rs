//! `<gr-roster-import>`: a roster or ledger chosen (or dropped) as .xlsx, .xls, .ods or .csv,
//! read in the browser by the same core code as `grassroots import`, shown as the rows
//! recognised and every problem with its file, sheet, row and column; on confirmation a
//! `gr-import` event carries the resulting document, which the host saves. Nothing is
//! uploaded anywhere.

use std::rc::Rc;

use grassroots::lists::Lists;
use grassroots::sheets::{self, Imported, ImportOptions, Kind, SheetProblem};
use grassroots::org::Names;
use grassroots::{Organization, Severity};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, File, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::events::dispatch;
use crate::i18n::Lang;

/// The largest file the widget reads (a county's roster is a few MB).
pub const MAX_BYTES: f64 = 32.0 * 1024.0 * 1024.0;
/// More notes than this are folded under their count.
const FOLDED_NOTES: usize = 5;
/// Rows shown in the preview; all are imported.
const PREVIEW_ROWS: usize = 200;

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

/// The texts of the import, zh-CN and en.
pub struct ImportText {
    pub title: &'static str,
    pub kind_label: &'static str,
    pub kind: fn(Kind) -> &'static str,
    pub choose: &'static str,
    pub drop_hint: &'static str,
    pub reading: fn(&str) -> String,
    pub too_big: fn(&str, f64) -> String,
    pub unreadable: fn(&str, &str) -> String,
    pub sheet_label: &'static str,
    pub read: fn(usize, &str, &str) -> String,
    pub columns_title: &'static str,
    pub column_in_file: &'static str,
    pub column_field: &'static str,
    pub row: &'static str,
    pub preview_caption: &'static str,
    pub preview_more: fn(usize, usize) -> String,
    pub errors_title: fn(usize) -> String,
    pub errors_hint: &'static str,
    pub warnings_title: fn(usize) -> String,
    pub confirm: fn(usize) -> String,
    pub done: fn(usize, &str) -> String,
    pub problem: fn(&SheetProblem) -> String,
    pub table_region: &'static str,
    /// A member's kind and flow as people say them (the document's keys otherwise).
    pub value: fn(&str, &str) -> Option<&'static str>,
}

pub const IMPORT_ZH: ImportText = ImportText {
    title: "导入表格",
    kind_label: "导入内容",
    kind: |k| match k {
        Kind::Members => "党员花名册",
        Kind::Grids => "网格台账",
        Kind::Units => "报到单位",
        Kind::Nodes => "党组织架构",
        Kind::Lists => "四张清单",
    },
    choose: "选择文件",
    drop_hint: "也可以把 .xlsx、.xls、.ods 或 .csv 文件拖到这里。文件只在本机读取，不会上传。",
    reading: |f| format!("正在读取 {f}……"),
    too_big: |f, mb| format!("{f} 有 {mb:.1} MB，超过了 32 MB 的上限，未读取。"),
    unreadable: |f, e| format!("无法读取 {f}：{e}"),
    sheet_label: "工作表",
    read: |n, sheet, f| format!("从 {f} 的工作表“{sheet}”识别出 {n} 条记录。"),
    columns_title: "识别的列",
    column_in_file: "文件中的列",
    column_field: "对应字段",
    row: "行号",
    preview_caption: "识别出的记录",
    preview_more: |shown, all| format!("只显示前 {shown} 条，共 {all} 条；导入时全部导入。"),
    errors_title: |n| format!("发现 {n} 个错误，未能导入"),
    errors_hint: "请在表格中改正以下各处，再重新选择文件。",
    warnings_title: |n| format!("{n} 条提示"),
    confirm: |n| format!("确认导入 {n} 条记录"),
    done: |n, f| format!("已导入 {f} 中的 {n} 条记录，请在页面中保存。"),
    problem: SheetProblem::zh,
    table_region: "识别出的记录（可滚动）",
    value: |field, v| match (field, v) {
        ("kind", "in_service") => Some("在职党员"),
        ("kind", "retired") => Some("离退休党员"),
        ("kind", "mobile") => Some("流动党员"),
        ("kind", "no_office") => Some("无职党员"),
        ("flow", "in") => Some("流入"),
        ("flow", "out") => Some("流出"),
        _ => None,
    },
};

pub const IMPORT_EN: ImportText = ImportText {
    title: "Import a spreadsheet",
    kind_label: "What to import",
    kind: |k| match k {
        Kind::Members => "Party member roster",
        Kind::Grids => "Grid ledger",
        Kind::Units => "Reporting units",
        Kind::Nodes => "Party organizations",
        Kind::Lists => "The four lists",
    },
    choose: "Choose a file",
    drop_hint: "Or drop an .xlsx, .xls, .ods or .csv file here. The file is read on this device and never uploaded.",
    reading: |f| format!("Reading {f}…"),
    too_big: |f, mb| format!("{f} is {mb:.1} MB, over the 32 MB limit; it was not read."),
    unreadable: |f, e| format!("{f} could not be read: {e}"),
    sheet_label: "Sheet",
    read: |n, sheet, f| format!("{n} records recognised on sheet “{sheet}” of {f}."),
    columns_title: "Columns recognised",
    column_in_file: "Column in the file",
    column_field: "Field",
    row: "Row",
    preview_caption: "Records recognised",
    preview_more: |shown, all| format!("Showing the first {shown} of {all}; all of them are imported."),
    errors_title: |n| format!("{n} errors found; nothing was imported"),
    errors_hint: "Correct these places in the spreadsheet, then choose the file again.",
    warnings_title: |n| format!("{n} notes"),
    confirm: |n| format!("Import {n} records"),
    done: |n, f| format!("{n} records from {f} imported; save them on the page."),
    problem: |p| p.to_string(),
    table_region: "Records recognised (scrollable)",
    value: |field, v| match (field, v) {
        ("kind", "in_service") => Some("in service"),
        ("kind", "no_office") => Some("no office"),
        _ => None,
    },
};

fn catalogue(lang: Lang) -> &'static ImportText {
    match lang {
        Lang::ZhCn => &IMPORT_ZH,
        Lang::En => &IMPORT_EN,
    }
}

/// A file read: what the import made of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub file: String,
    pub kind: Kind,
    /// The workbook's sheets, for choosing another.
    pub sheets: Vec<String>,
    pub imported: Option<Imported>,
    /// The document with the records in it (JSON text), when there is no error.
    pub document: Option<String>,
    pub errors: Vec<SheetProblem>,
    pub warnings: Vec<SheetProblem>,
}

/// Reads `bytes` as records of `kind` into `base`: the core's import, then its document
/// check. Every problem is kept, errors and warnings apart.
pub fn run(kind: Kind, file: &str, bytes: &[u8], sheet: Option<&str>, base: &Base) -> Outcome {
    let sheets = sheets::sheets(file, bytes).map(|s| s.into_iter().map(|s| s.name).collect()).unwrap_or_default();
    let options = ImportOptions { org: base.org.as_ref(), sheet, mapping: None, lists: base.lists.as_ref() };
    let base_name = if kind == Kind::Lists { "lists.json" } else { "org.json" };
    let (imported, document, problems) = match sheets::import(kind, file, bytes, &options) {
        Err(problems) => (None, None, problems),
        Ok(imported) => {
            let base_doc = base.text.as_deref().filter(|_| (kind == Kind::Lists) == base.lists.is_some()).map(|t| (base_name, t));
            match sheets::document(&imported, base_doc) {
                Ok(doc) => (Some(imported), Some(doc.json), doc.warnings),
                Err(problems) => (Some(imported), None, problems),
            }
        }
    };
    let (errors, warnings) = problems.into_iter().partition(|p| p.severity == Severity::Error);
    Outcome { file: file.rsplit(['/', '\\']).next().unwrap_or(file).to_owned(), kind, sheets, imported, document, errors, warnings }
}

/// One problem in `gr-error`'s detail: where, what, and the message in the widget's language.
#[derive(Serialize)]
struct Entry<'a> {
    severity: &'static str,
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    row: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<&'a str>,
    code: String,
    message: String,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    widget: &'static str,
    errors: Vec<Entry<'a>>,
    warnings: Vec<Entry<'a>>,
}

fn entries<'a>(problems: &'a [SheetProblem], text: &ImportText) -> Vec<Entry<'a>> {
    problems
        .iter()
        .map(|p| Entry {
            severity: if p.severity == Severity::Error { "error" } else { "warning" },
            file: &p.file,
            sheet: p.sheet.as_deref(),
            row: p.row,
            column: p.column.as_deref(),
            record: p.record.as_deref(),
            code: serde_json::to_value(&p.kind).ok().and_then(|v| v.get("code").and_then(Value::as_str).map(str::to_owned)).unwrap_or_default(),
            message: (text.problem)(p),
        })
        .collect()
}

/// `gr-import`'s detail: what was read and the document to save.
#[derive(Serialize)]
struct ImportDetail<'a> {
    records: &'static str,
    file: &'a str,
    sheet: &'a str,
    count: usize,
    document: Value,
    warnings: Vec<Entry<'a>>,
}

/// A record's field as shown: from the record's own serialization, which masks phone and
/// ID-card numbers.
fn shown(record: &Value, kind: Kind, field: &str, names: &Names, text: &ImportText) -> String {
    let raw = raw_shown(record, kind, field);
    match field {
        "node" | "parent" | "community" | "reports_to" => names.place(&raw).to_owned(),
        "grid" => names.grid(&raw).to_owned(),
        _ if kind == Kind::Members => (text.value)(field, &raw).map_or(raw, str::to_owned),
        _ => raw,
    }
}

fn raw_shown(record: &Value, kind: Kind, field: &str) -> String {
    let text = |v: &Value| match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        other => other.to_string(),
    };
    match (kind, field) {
        (Kind::Grids, "workers" | "worker_phones") => {
            let key = if field == "workers" { "name" } else { "phone" };
            record.get("workers").and_then(Value::as_array).map_or_else(String::new, |ws| ws.iter().filter_map(|w| w.get(key)).map(text).collect::<Vec<_>>().join("、"))
        }
        _ => match record.get(field) {
            Some(Value::Array(items)) => items.iter().map(text).collect::<Vec<_>>().join("、"),
            Some(v) => text(v),
            None => String::new(),
        },
    }
}

fn masked_values(records: &sheets::Records) -> Vec<Value> {
    fn each<T: Serialize>(rs: &[T]) -> Vec<Value> {
        rs.iter().map(|r| serde_json::to_value(r).unwrap_or(Value::Null)).collect()
    }
    match records {
        sheets::Records::Members(r) => each(r),
        sheets::Records::Grids(r) => each(r),
        sheets::Records::Units(r) => each(r),
        sheets::Records::Nodes(r) => each(r),
        sheets::Records::Items(r) => each(r),
    }
}

#[derive(Properties, PartialEq)]
pub struct RosterImportProps {
    pub base: Rc<Base>,
    pub lang: Lang,
    pub label: Option<AttrValue>,
    /// The kind chosen first (`members` …).
    pub records: Option<AttrValue>,
    pub host: HtmlElement,
}

impl PartialEq for Base {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

/// The file being read, or the last one read.
#[derive(Clone, PartialEq)]
enum State {
    Idle,
    Reading(String),
    /// A file that was not read: too big, or the browser could not read it.
    Refused(String),
    Read { outcome: Rc<Outcome>, bytes: Rc<Vec<u8>>, confirmed: bool },
}

#[function_component(RosterImportView)]
pub fn roster_import_view(props: &RosterImportProps) -> Html {
    let text = catalogue(props.lang);
    let kind = use_state(|| props.records.as_deref().and_then(Kind::from_key).unwrap_or(Kind::Members));
    let state = use_state(|| State::Idle);
    let dragging = use_state(|| false);
    let input_id = "gr-import-file";

    // Reads a file the person chose or dropped, then runs the import.
    let read = {
        let state = state.clone();
        let kind = kind.clone();
        let base = Rc::clone(&props.base);
        let host = props.host.clone();
        let lang = props.lang;
        Callback::from(move |file: File| {
            let name = file.name();
            let size = file.size();
            if size > MAX_BYTES {
                state.set(State::Refused((text.too_big)(&name, size / 1024.0 / 1024.0)));
                return;
            }
            state.set(State::Reading(name.clone()));
            let (state, kind, base, host) = (state.clone(), *kind, Rc::clone(&base), host.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                    Ok(buffer) => {
                        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                        let outcome = run(kind, &name, &bytes, None, &base);
                        report(&host, &outcome, lang);
                        state.set(State::Read { outcome: Rc::new(outcome), bytes: Rc::new(bytes), confirmed: false });
                    }
                    Err(e) => {
                        let why = e.as_string().or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message()))).unwrap_or_default();
                        state.set(State::Refused((catalogue(lang).unreadable)(&name, &why)));
                    }
                }
            });
        })
    };

    let on_file = {
        let read = read.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else { return };
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                read.emit(file);
            }
            // The same file chosen again (after correcting it) fires `change` again.
            input.set_value("");
        })
    };
    let on_drag = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(e.type_() != "dragleave");
        })
    };
    let on_drop = {
        let dragging = dragging.clone();
        let read = read.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                read.emit(file);
            }
        })
    };
    let on_kind = {
        let kind = kind.clone();
        let state = state.clone();
        let base = Rc::clone(&props.base);
        let host = props.host.clone();
        let lang = props.lang;
        Callback::from(move |e: Event| {
            let Some(k) = e.target_dyn_into::<HtmlSelectElement>().and_then(|s| Kind::from_key(&s.value())) else { return };
            kind.set(k);
            // A file already read is read again as the newly chosen kind.
            if let State::Read { outcome, bytes, .. } = &*state {
                let outcome = run(k, &outcome.file, bytes, None, &base);
                report(&host, &outcome, lang);
                state.set(State::Read { outcome: Rc::new(outcome), bytes: Rc::clone(bytes), confirmed: false });
            }
        })
    };
    let on_sheet = {
        let state = state.clone();
        let base = Rc::clone(&props.base);
        let host = props.host.clone();
        let lang = props.lang;
        Callback::from(move |e: Event| {
            let Some(sheet) = e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()) else { return };
            if let State::Read { outcome, bytes, .. } = &*state {
                let outcome = run(outcome.kind, &outcome.file, bytes, Some(&sheet), &base);
                report(&host, &outcome, lang);
                state.set(State::Read { outcome: Rc::new(outcome), bytes: Rc::clone(bytes), confirmed: false });
            }
        })
    };
    let on_confirm = {
        let state = state.clone();
        let host = props.host.clone();
        let lang = props.lang;
        Callback::from(move |_: MouseEvent| {
            if let State::Read { outcome, bytes, .. } = &*state {
                let (Some(doc), Some(imported)) = (&outcome.document, &outcome.imported) else { return };
                let detail = ImportDetail {
                    records: outcome.kind.key(),
                    file: &outcome.file,
                    sheet: &imported.sheet,
                    count: imported.records.len(),
                    document: serde_json::from_str(doc).unwrap_or(Value::Null),
                    warnings: entries(&outcome.warnings, catalogue(lang)),
                };
                dispatch(&host, "gr-import", &detail);
                state.set(State::Read { outcome: Rc::clone(outcome), bytes: Rc::clone(bytes), confirmed: true });
            }
        })
    };

    let title = props.label.clone().unwrap_or_else(|| AttrValue::from(text.title));
    let body = match &*state {
        State::Idle => Html::default(),
        State::Reading(name) => html! { <p class="gr-status" role="status">{ (text.reading)(name) }</p> },
        State::Refused(why) => html! { <div class="gr-error" role="alert"><p>{ why.clone() }</p></div> },
        State::Read { outcome, confirmed, .. } => result(outcome, *confirmed, &props.base.names, text, on_sheet, on_confirm),
    };
    html! {
        <section class="gr-import" aria-label={title.clone()}>
            <h2 class="gr-title">{ title }</h2>
            <div class="gr-filters">
                <label class="gr-field">{ text.kind_label }
                    <select class="gr-input" onchange={on_kind}>
                        { for Kind::ALL.iter().map(|k| html! { <option value={k.key()} selected={*k == *kind}>{ (text.kind)(*k) }</option> }) }
                    </select>
                </label>
            </div>
            <div class={classes!("gr-drop", dragging.then_some("gr-dragging"))} ondragenter={on_drag.clone()} ondragover={on_drag.clone()} ondragleave={on_drag} ondrop={on_drop}>
                <input id={input_id} class="gr-file" type="file" accept=".xlsx,.xls,.ods,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet,text/csv" onchange={on_file} aria-describedby="gr-import-hint" />
                <label for={input_id} class="gr-button">{ text.choose }</label>
                <p id="gr-import-hint" class="gr-hint">{ text.drop_hint }</p>
            </div>
            { body }
        </section>
    }
}

/// Fires `gr-error` when the file has errors.
fn report(host: &HtmlElement, outcome: &Outcome, lang: Lang) {
    if outcome.errors.is_empty() {
        return;
    }
    let text = catalogue(lang);
    dispatch(host, "gr-error", &ErrorDetail { widget: "roster-import", errors: entries(&outcome.errors, text), warnings: entries(&outcome.warnings, text) });
}

fn problem_items(problems: &[SheetProblem], text: &ImportText) -> Html {
    html! {
        <ul class="gr-problems">
            { for problems.iter().map(|p| html! { <li><span class="gr-message">{ (text.problem)(p) }</span></li> }) }
        </ul>
    }
}

fn result(outcome: &Outcome, confirmed: bool, names: &Names, text: &'static ImportText, on_sheet: Callback<Event>, on_confirm: Callback<MouseEvent>) -> Html {
    let sheet_choice = if outcome.sheets.len() > 1 {
        let current = outcome.imported.as_ref().map(|i| i.sheet.clone());
        html! {
            <div class="gr-filters">
                <label class="gr-field">{ text.sheet_label }
                    <select class="gr-input" onchange={on_sheet}>
                        { for outcome.sheets.iter().map(|s| html! { <option value={s.clone()} selected={current.as_deref() == Some(s.as_str())}>{ s.clone() }</option> }) }
                    </select>
                </label>
            </div>
        }
    } else {
        Html::default()
    };
    let errors = if outcome.errors.is_empty() {
        Html::default()
    } else {
        html! {
            <div class="gr-error" role="alert">
                <p class="gr-error-title"><strong>{ (text.errors_title)(outcome.errors.len()) }</strong></p>
                <p>{ text.errors_hint }</p>
                { problem_items(&outcome.errors, text) }
            </div>
        }
    };
    let warnings = if outcome.warnings.is_empty() {
        Html::default()
    } else {
        // Many notes (a county's roster: dozens of members not yet 双报到) fold away under their
        // count; errors never do.
        let title = html! { <strong>{ (text.warnings_title)(outcome.warnings.len()) }</strong> };
        html! {
            <div class="gr-notes" role="note">
                if outcome.warnings.len() > FOLDED_NOTES {
                    <details class="gr-columns">
                        <summary>{ title }</summary>
                        { problem_items(&outcome.warnings, text) }
                    </details>
                } else {
                    <p>{ title }</p>
                    { problem_items(&outcome.warnings, text) }
                }
            </div>
        }
    };
    let preview = match &outcome.imported {
        None => Html::default(),
        Some(imported) if !imported.records.is_empty() => preview(imported, names, text),
        Some(_) => Html::default(),
    };
    let action = match (&outcome.document, &outcome.imported) {
        (Some(_), Some(imported)) if confirmed => html! { <p class="gr-status gr-done" role="status">{ (text.done)(imported.records.len(), &outcome.file) }</p> },
        (Some(_), Some(imported)) => html! { <p><button type="button" class="gr-button" onclick={on_confirm}>{ (text.confirm)(imported.records.len()) }</button></p> },
        _ => Html::default(),
    };
    html! {
        <>
            { sheet_choice }
            { errors }
            if let Some(imported) = &outcome.imported {
                <p class="gr-status" role="status">{ (text.read)(imported.records.len(), &imported.sheet, &outcome.file) }</p>
            }
            { action }
            { warnings }
            { preview }
        </>
    }
}

fn preview(imported: &Imported, names: &Names, text: &'static ImportText) -> Html {
    // The recognised columns in the order the kind's fields are listed (the header table).
    let fields: Vec<(&'static str, &str)> = sheets::fields(imported.kind)
        .into_iter()
        .filter_map(|f| imported.columns.get(f.key).map(|header| (f.key, header.as_str())))
        .collect();
    let values = masked_values(&imported.records);
    let shown_rows = values.len().min(PREVIEW_ROWS);
    html! {
        <>
            <details class="gr-columns">
                <summary>{ text.columns_title }</summary>
                <table class="gr-table">
                    <thead><tr><th scope="col">{ text.column_in_file }</th><th scope="col">{ text.column_field }</th></tr></thead>
                    <tbody>
                        { for fields.iter().map(|(key, header)| html! { <tr><td>{ *header }</td><td><code>{ *key }</code></td></tr> }) }
                    </tbody>
                </table>
            </details>
            if values.len() > shown_rows {
                <p class="gr-hint">{ (text.preview_more)(shown_rows, values.len()) }</p>
            }
            <div class="gr-table-wrap" tabindex="0" role="region" aria-label={text.table_region}>
                <table class="gr-table gr-import-rows">
                    <caption class="gr-vh">{ text.preview_caption }</caption>
                    <thead><tr>
                        <th scope="col" class="gr-num">{ text.row }</th>
                        { for fields.iter().map(|(_, header)| html! { <th scope="col">{ *header }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for values.iter().zip(&imported.rows).take(shown_rows).map(|(record, row)| html! {
                            <tr>
                                <td class="gr-num">{ row }</td>
                                { for fields.iter().map(|(key, _)| html! { <td>{ shown(record, imported.kind, key, names, text) }</td> }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(name: &str) -> Vec<u8> {
        std::fs::read(format!("{}/../tests/data/sheets/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap_or_default()
    }

    fn shengli() -> Base {
        let text = std::fs::read_to_string(format!("{}/../tests/data/tree/valid/laifeng-shengli.json", env!("CARGO_MANIFEST_DIR"))).unwrap_or_default();
        load(&text).unwrap_or_else(|e| panic!("{:?}", e.problems()))
    }

    #[test]
    fn a_roster_reads_into_a_document_and_every_problem_is_kept() {
        let base = shengli();
        let good = run(Kind::Members, "members.xlsx", &corpus("members.xlsx"), None, &base);
        assert!(good.errors.is_empty(), "{:?}", good.errors);
        let doc = good.document.unwrap_or_default();
        assert!(Organization::from_json(&doc).is_ok());
        assert!(good.imported.as_ref().is_some_and(|i| i.records.len() > 3));
        // The broken roster: every problem, as `grassroots import` prints them (zh), in order.
        let broken = run(Kind::Members, "members-broken.xlsx", &corpus("members-broken.xlsx"), None, &base);
        assert!(broken.document.is_none());
        let expected = String::from_utf8(corpus("members-broken.xlsx.expected.txt")).unwrap_or_default();
        let ours: Vec<String> = broken.errors.iter().chain(&broken.warnings).map(SheetProblem::zh).collect();
        assert!(broken.errors.len() > 1);
        for line in &ours {
            assert!(expected.contains(line.as_str()), "{line} not in the expected problems:\n{expected}");
        }
    }

    #[test]
    fn the_preview_masks_personal_data() {
        let good = run(Kind::Members, "members.xlsx", &corpus("members.xlsx"), None, &shengli());
        let Some(imported) = good.imported else { panic!("no records") };
        let values = masked_values(&imported.records);
        let full = imported.records.to_json_values();
        let phone = full.iter().find_map(|v| v.get("phone").and_then(Value::as_str).map(str::to_owned)).unwrap_or_default();
        assert!(phone.len() >= 11);
        let shown_phones: Vec<String> = values.iter().map(|v| shown(v, Kind::Members, "phone", &Names::default(), &IMPORT_ZH)).collect();
        assert!(!shown_phones.iter().any(|p| p == &phone), "a phone number shown in full");
        assert!(shown_phones.iter().any(|p| p.contains('*')));
    }
}
