//! `<gr-roster-import>`: a roster or ledger chosen (or dropped) as .xlsx, .xls, .ods or .csv,
//! shown as the rows recognised and every problem with its file, sheet, row and column; on
//! confirmation a `gr-import` event carries the resulting document, which the host saves.
//! Nothing is uploaded anywhere.
//!
//! This module is the form and the tables only. The file is read by `read_sheet()` of the
//! module `sheets` (calamine, GBK, the same core import as `grassroots import`), which
//! `grassroots.js` fetches when a person first chooses a file and hands this module through
//! [`set_sheet_reader`]; what it read comes back as a [`sheet_outcome::Outcome`].

use std::cell::RefCell;
use std::rc::Rc;

use grassroots::org::Names;
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DragEvent, File, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::events::dispatch;
use crate::i18n::Lang;
pub use crate::sheet_outcome::{load, Base};
use crate::sheet_outcome::{self, Outcome, Problem, KINDS};

/// The largest file the widget reads (a county's roster is a few MB).
pub const MAX_BYTES: f64 = 32.0 * 1024.0 * 1024.0;

thread_local! {
    /// `grassroots.js`'s reader: `(records, file, bytes, sheet, base) => Promise<string>`,
    /// the [`Outcome`] as JSON text from the module `sheets`, loaded on the first call.
    static READER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Called by `grassroots.js` when it has loaded this module: the function that reads a file
/// (and loads the spreadsheet reader's module the first time).
#[wasm_bindgen]
pub fn set_sheet_reader(reader: js_sys::Function) {
    READER.with(|r| *r.borrow_mut() = Some(reader));
}

/// What a rejected promise or a thrown value says: its text, or an `Error`'s message.
fn js_message(e: JsValue) -> String {
    e.as_string().or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message()))).unwrap_or_default()
}

/// The reader's outcome for `bytes`, or why there is none (its module could not be loaded).
async fn read_file(records: &str, file: &str, bytes: &js_sys::Uint8Array, sheet: Option<&str>, base: Option<&str>) -> Result<Outcome, String> {
    let reader = READER.with(|r| r.borrow().clone()).ok_or_else(|| "grassroots.js did not give a spreadsheet reader".to_owned())?;
    let args = js_sys::Array::of5(&records.into(), &file.into(), bytes, &sheet.map_or(JsValue::UNDEFINED, JsValue::from), &base.map_or(JsValue::UNDEFINED, JsValue::from));
    let promise = reader.apply(&JsValue::NULL, &args).map_err(js_message)?;
    let text = JsFuture::from(js_sys::Promise::resolve(&promise)).await.map_err(js_message)?;
    let text = text.as_string().ok_or_else(|| "the spreadsheet reader gave no text".to_owned())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// The texts of the import, zh-CN and en.
pub struct ImportText {
    pub title: &'static str,
    pub kind_label: &'static str,
    /// A kind of records by its key (`members` …).
    pub kind: fn(&str) -> &'static str,
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
    /// A problem's text in this language.
    pub problem: fn(&Problem) -> &str,
    pub table_region: &'static str,
    /// A member's kind and flow as people say them (the document's keys otherwise).
    pub value: fn(&str, &str) -> Option<&'static str>,
}

pub const IMPORT_ZH: ImportText = ImportText {
    title: "导入表格",
    kind_label: "导入内容",
    kind: |k| match k {
        "members" => "党员花名册",
        "grids" => "网格台账",
        "units" => "报到单位",
        "nodes" => "党组织架构",
        _ => "四张清单",
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
    problem: |p| &p.zh,
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
        "members" => "Party member roster",
        "grids" => "Grid ledger",
        "units" => "Reporting units",
        "nodes" => "Party organizations",
        _ => "The four lists",
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
    problem: |p| &p.en,
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
    /// As every widget's `gr-error` (error_panel.rs): problems not carried; a file's are all carried.
    #[serde(skip_serializing_if = "crate::error_panel::is_zero")]
    omitted: usize,
}

fn entries<'a>(problems: &'a [Problem], severity: &'static str, text: &ImportText) -> Vec<Entry<'a>> {
    problems
        .iter()
        .map(|p| Entry {
            severity,
            file: &p.file,
            sheet: p.sheet.as_deref(),
            row: p.row,
            column: p.column.as_deref(),
            record: p.record.as_deref(),
            code: p.code.clone(),
            message: (text.problem)(p).to_owned(),
        })
        .collect()
}

/// `gr-import`'s detail: what was read and the document to save.
#[derive(Serialize)]
struct ImportDetail<'a> {
    records: &'a str,
    file: &'a str,
    sheet: &'a str,
    count: usize,
    document: Value,
    warnings: Vec<Entry<'a>>,
}

/// A record's field as shown: from the record's own serialization, which masks phone and
/// ID-card numbers.
fn shown(record: &Value, kind: &str, field: &str, names: &Names, text: &ImportText) -> String {
    let raw = raw_shown(record, kind, field);
    match field {
        "node" | "parent" | "community" | "reports_to" => names.place(&raw).to_owned(),
        "grid" => names.grid(&raw).to_owned(),
        _ if kind == "members" => (text.value)(field, &raw).map_or(raw, str::to_owned),
        _ => raw,
    }
}

fn raw_shown(record: &Value, kind: &str, field: &str) -> String {
    let text = |v: &Value| match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        other => other.to_string(),
    };
    match (kind, field) {
        ("grids", "workers" | "worker_phones") => {
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

#[derive(Properties)]
pub struct RosterImportProps {
    pub base: Rc<Base>,
    pub lang: Lang,
    pub label: Option<AttrValue>,
    /// The kind chosen first (`members` …).
    pub records: Option<AttrValue>,
    pub host: HtmlElement,
}

props_eq!(RosterImportProps { shared: base; lang, label, records, host });

/// The file being read, or the last one read.
#[derive(Clone)]
enum State {
    Idle,
    Reading(String),
    /// A file that was not read: too big, or the browser could not read it, or the reader's
    /// module could not be loaded.
    Refused(String),
    /// `bytes` kept for reading another sheet, or as another kind, without choosing again.
    Read { outcome: Rc<Outcome>, bytes: Rc<js_sys::Uint8Array>, confirmed: bool },
}

impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (State::Idle, State::Idle) => true,
            (State::Reading(a), State::Reading(b)) | (State::Refused(a), State::Refused(b)) => a == b,
            (State::Read { outcome: a, bytes: x, confirmed: c }, State::Read { outcome: b, bytes: y, confirmed: d }) => a == b && Rc::ptr_eq(x, y) && c == d,
            _ => false,
        }
    }
}

/// Reads `bytes` with the spreadsheet reader and shows what it gave; `gr-error` for errors.
#[derive(Clone)]
struct Reading {
    state: UseStateHandle<State>,
    base: Rc<Base>,
    host: HtmlElement,
    lang: Lang,
}

impl Reading {
    fn start(&self, records: &'static str, file: String, bytes: Rc<js_sys::Uint8Array>, sheet: Option<String>) {
        self.state.set(State::Reading(file.clone()));
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match read_file(records, &file, &bytes, sheet.as_deref(), this.base.text.as_deref()).await {
                Ok(outcome) => {
                    report(&this.host, &outcome, this.lang);
                    this.state.set(State::Read { outcome: Rc::new(outcome), bytes, confirmed: false });
                }
                Err(why) => this.refuse((catalogue(this.lang).unreadable)(&file, &why)),
            }
        });
    }

    /// Shows why a file was not read, and tells the host.
    fn refuse(&self, message: String) {
        dispatch(&self.host, "gr-error", &RefusedDetail { widget: "roster-import", errors: [Refused { severity: "error", code: "unreadable", message: &message }], warnings: [] });
        self.state.set(State::Refused(message));
    }
}

#[derive(Serialize)]
struct Refused<'a> {
    severity: &'static str,
    code: &'static str,
    message: &'a str,
}

#[derive(Serialize)]
struct RefusedDetail<'a> {
    widget: &'static str,
    errors: [Refused<'a>; 1],
    warnings: [Refused<'a>; 0],
}

/// The kind's key as a `'static` text (the select's values are the keys).
fn kind_key(key: &str) -> Option<&'static str> {
    KINDS.into_iter().find(|k| *k == key)
}

#[function_component(RosterImportView)]
pub fn roster_import_view(props: &RosterImportProps) -> Html {
    let text = catalogue(props.lang);
    let kind = use_state(|| props.records.as_deref().and_then(kind_key).unwrap_or("members"));
    let state = use_state(|| State::Idle);
    let dragging = use_state(|| false);
    let input_id = "gr-import-file";
    let reading = Reading { state: state.clone(), base: Rc::clone(&props.base), host: props.host.clone(), lang: props.lang };

    // Reads a file the person chose or dropped, then runs the import.
    let read = {
        let reading = reading.clone();
        let kind = kind.clone();
        Callback::from(move |file: File| {
            let name = file.name();
            let size = file.size();
            if size > MAX_BYTES {
                reading.refuse((text.too_big)(&name, size / 1024.0 / 1024.0));
                return;
            }
            reading.state.set(State::Reading(name.clone()));
            let (reading, records) = (reading.clone(), *kind);
            wasm_bindgen_futures::spawn_local(async move {
                match JsFuture::from(file.array_buffer()).await {
                    Ok(buffer) => reading.start(records, name, Rc::new(js_sys::Uint8Array::new(&buffer)), None),
                    Err(e) => reading.refuse((catalogue(reading.lang).unreadable)(&name, &js_message(e))),
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
        let reading = reading.clone();
        Callback::from(move |e: Event| {
            let Some(k) = e.target_dyn_into::<HtmlSelectElement>().and_then(|s| kind_key(&s.value())) else { return };
            kind.set(k);
            // A file already read is read again as the newly chosen kind.
            if let State::Read { outcome, bytes, .. } = &*reading.state {
                reading.start(k, outcome.file.clone(), Rc::clone(bytes), None);
            }
        })
    };
    let on_sheet = {
        let reading = reading.clone();
        Callback::from(move |e: Event| {
            let Some(sheet) = e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()) else { return };
            if let State::Read { outcome, bytes, .. } = &*reading.state {
                let Some(records) = kind_key(&outcome.records) else { return };
                reading.start(records, outcome.file.clone(), Rc::clone(bytes), Some(sheet));
            }
        })
    };
    let on_confirm = {
        let state = state.clone();
        let host = props.host.clone();
        let lang = props.lang;
        Callback::from(move |_: MouseEvent| {
            if let State::Read { outcome, bytes, .. } = &*state {
                let (Some(doc), Some(read)) = (&outcome.document, &outcome.read) else { return };
                let detail = ImportDetail {
                    records: &outcome.records,
                    file: &outcome.file,
                    sheet: &read.sheet,
                    count: read.count,
                    document: serde_json::from_str(doc).unwrap_or(Value::Null),
                    warnings: entries(&outcome.warnings, "warning", catalogue(lang)),
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
                        { for KINDS.iter().map(|k| html! { <option value={*k} selected={*k == *kind}>{ (text.kind)(k) }</option> }) }
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
    dispatch(host, "gr-error", &ErrorDetail { widget: "roster-import", errors: entries(&outcome.errors, "error", text), warnings: entries(&outcome.warnings, "warning", text), omitted: 0 });
}

fn problem_items(problems: &[Problem], text: &ImportText) -> Html {
    html! {
        <ul class="gr-problems">
            { for problems.iter().map(|p| html! { <li><span class="gr-message">{ crate::error_panel::dated(&(text.problem)(p)) }</span></li> }) }
        </ul>
    }
}

fn result(outcome: &Outcome, confirmed: bool, names: &Names, text: &'static ImportText, on_sheet: Callback<Event>, on_confirm: Callback<MouseEvent>) -> Html {
    let sheet_choice = if outcome.sheets.len() > 1 {
        let current = outcome.read.as_ref().map(|r| r.sheet.clone());
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
        // count, which the title gives; errors never do.
        let count = outcome.warnings.len();
        let title = html! { <strong>{ (text.warnings_title)(count) }</strong> };
        crate::error_panel::note(count, title, Html::default(), problem_items(&outcome.warnings, text))
    };
    let preview = match &outcome.read {
        Some(read) if read.count > 0 => preview(read, &outcome.records, names, text),
        _ => Html::default(),
    };
    let action = match (&outcome.document, &outcome.read) {
        (Some(_), Some(read)) if confirmed => html! { <p class="gr-status gr-done" role="status">{ (text.done)(read.count, &outcome.file) }</p> },
        (Some(_), Some(read)) => html! { <p><button type="button" class="gr-button" onclick={on_confirm}>{ (text.confirm)(read.count) }</button></p> },
        _ => Html::default(),
    };
    html! {
        <>
            { sheet_choice }
            { errors }
            if let Some(read) = &outcome.read {
                <p class="gr-status" role="status">{ (text.read)(read.count, &read.sheet, &outcome.file) }</p>
            }
            { action }
            { warnings }
            { preview }
        </>
    }
}

fn preview(read: &sheet_outcome::Read, kind: &str, names: &Names, text: &'static ImportText) -> Html {
    // The recognised columns, in the order the kind's fields are listed (the header table).
    let fields = &read.columns;
    let shown_rows = read.preview.len();
    html! {
        <>
            <details class="gr-columns">
                <summary>{ text.columns_title }</summary>
                <table class="gr-table">
                    <thead><tr><th scope="col">{ text.column_in_file }</th><th scope="col">{ text.column_field }</th></tr></thead>
                    <tbody>
                        { for fields.iter().map(|(key, header)| html! { <tr><td>{ header.clone() }</td><td><code>{ key.clone() }</code></td></tr> }) }
                    </tbody>
                </table>
            </details>
            if read.count > shown_rows {
                <p class="gr-hint">{ (text.preview_more)(shown_rows, read.count) }</p>
            }
            <div class="gr-table-wrap" tabindex="0" role="region" aria-label={text.table_region}>
                <table class="gr-table gr-import-rows">
                    <caption class="gr-vh">{ text.preview_caption }</caption>
                    <thead><tr>
                        <th scope="col" class="gr-num">{ text.row }</th>
                        { for fields.iter().map(|(_, header)| html! { <th scope="col">{ header.clone() }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for read.preview.iter().zip(&read.rows).map(|(record, row)| html! {
                            <tr>
                                <td class="gr-num">{ row }</td>
                                { for fields.iter().map(|(key, _)| html! { <td>{ shown(record, kind, key, names, text) }</td> }) }
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
    use serde_json::json;

    #[test]
    fn a_records_fields_are_shown_as_people_say_them() {
        let member = json!({"name": "张三", "kind": "retired", "phone": "138****5678", "flow": "in", "active": true, "tags": ["a", "b"]});
        assert_eq!(shown(&member, "members", "kind", &Names::default(), &IMPORT_ZH), "离退休党员");
        assert_eq!(shown(&member, "members", "kind", &Names::default(), &IMPORT_EN), "retired");
        assert_eq!(shown(&member, "members", "flow", &Names::default(), &IMPORT_ZH), "流入");
        assert_eq!(shown(&member, "members", "phone", &Names::default(), &IMPORT_ZH), "138****5678");
        assert_eq!(shown(&member, "members", "active", &Names::default(), &IMPORT_ZH), "是");
        assert_eq!(shown(&member, "members", "tags", &Names::default(), &IMPORT_ZH), "a、b");
        assert_eq!(shown(&member, "members", "missing", &Names::default(), &IMPORT_ZH), "");
        let grid = json!({"id": "g1", "workers": [{"name": "李四", "phone": "139****0000"}, {"name": "王五"}]});
        assert_eq!(shown(&grid, "grids", "workers", &Names::default(), &IMPORT_ZH), "李四、王五");
        assert_eq!(shown(&grid, "grids", "worker_phones", &Names::default(), &IMPORT_ZH), "139****0000");
    }

    #[test]
    fn every_kind_has_a_name_in_both_languages() {
        let names: std::collections::BTreeSet<_> = KINDS.iter().map(|k| (IMPORT_ZH.kind)(k)).collect();
        assert_eq!(names.len(), KINDS.len());
        let names: std::collections::BTreeSet<_> = KINDS.iter().map(|k| (IMPORT_EN.kind)(k)).collect();
        assert_eq!(names.len(), KINDS.len());
    }
}
