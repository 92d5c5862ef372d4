//! `xlsx()`: the workbook a widget's 导出 Excel button asks for. `grassroots.js` reads the
//! table as shown, fires `gr-export`, and unless the host cancels it loads the module that has
//! this function (the `xlsx` feature: the workbook writer alone, no widget) and downloads the
//! file it returns.

use grassroots::sheets::xlsx::{Table, Value as Cell, Workbook};
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// A workbook from the table an export button asks for (the shape of `gr-export`'s detail):
/// `{"title": …, "exportedAt": …, "sheets": [{"name", "headers": […], "rows": [[cell, …]]}]}`,
/// where a cell is a string, a number, `null`, `true`/`false`, `{"date": "yyyy-mm-dd"}` or
/// `{"percent": 0.853}`. Returns the .xlsx file's bytes.
#[wasm_bindgen]
pub fn xlsx(table: &str) -> Result<Vec<u8>, JsError> {
    let doc: Value = serde_json::from_str(table).map_err(|e| JsError::new(&format!("xlsx: the table is not JSON: {e}")))?;
    let text = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or_default().to_owned();
    let mut book = Workbook { title: text(doc.get("title")), exported_at: text(doc.get("exportedAt")), tables: Vec::new() };
    for (s, sheet) in doc.get("sheets").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let headers = sheet.get("headers").and_then(Value::as_array).map(|h| h.iter().map(|h| text(Some(h))).collect()).unwrap_or_default();
        let mut rows = Vec::new();
        for (r, row) in sheet.get("rows").and_then(Value::as_array).into_iter().flatten().enumerate() {
            let cells = row.as_array().ok_or_else(|| JsError::new(&format!("xlsx: $.sheets[{s}].rows[{r}] is not an array")))?;
            rows.push(cells.iter().enumerate().map(|(c, v)| cell(v).ok_or_else(|| JsError::new(&format!("xlsx: $.sheets[{s}].rows[{r}][{c}] is not a cell")))).collect::<Result<Vec<_>, _>>()?);
        }
        book.tables.push(Table { name: text(sheet.get("name")), headers, rows });
    }
    book.to_xlsx().map_err(|e| JsError::new(&format!("xlsx: {e}")))
}

fn cell(v: &Value) -> Option<Cell> {
    Some(match v {
        Value::Null => Cell::Empty,
        Value::Bool(b) => Cell::Bool(*b),
        Value::Number(n) => Cell::Number(n.as_f64()?),
        Value::String(s) => Cell::Text(s.clone()),
        Value::Object(o) => match (o.get("date").and_then(Value::as_str), o.get("percent").and_then(Value::as_f64)) {
            (Some(d), _) => grassroots::org::Date::parse(d).map_or_else(|| Cell::Text(d.to_owned()), Cell::Date),
            (_, Some(p)) => Cell::Percent(p),
            _ => return None,
        },
        Value::Array(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use grassroots::sheets;

    #[test]
    fn an_export_table_becomes_a_workbook() {
        let bytes = xlsx(r#"{"title":"排名","exportedAt":"2026-08-31 18:00 +08:00","sheets":[{"name":"排名","headers":["名次","名称","得分","日期","占比"],"rows":[[1,"解放路社区",92.5,{"date":"2026-08-01"},{"percent":0.853}],[null,"—",null,null,null]]}]}"#);
        let Ok(bytes) = bytes else { panic!("no workbook") };
        assert_eq!(&bytes[..2], b"PK");
        let sheets = sheets::sheets("x.xlsx", &bytes).unwrap_or_default();
        assert_eq!(sheets.len(), 1);
        assert_eq!(sheets[0].name, "排名");
    }
}
