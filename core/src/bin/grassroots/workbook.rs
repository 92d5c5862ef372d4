//! A command's JSON report laid out as an .xlsx workbook (`--format xlsx -o FILE`), and the
//! writing of workbooks (`export` too). Depends on no other module of the CLI.

use std::path::Path;

use grassroots::sheets::xlsx::{Table, Value as Cell, Workbook};
use serde_json::Value;

/// Writes a command's JSON report as a workbook to `output`.
pub(crate) fn write_report(value: &Value, title: &str, output: Option<&Path>) -> Result<(), String> {
    write(&json_workbook(title, value), output)
}

/// The time of export as the first rows of every sheet show it: now, at +08:00.
pub(crate) fn now_text() -> String {
    let now = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now());
    match chrono::FixedOffset::east_opt(8 * 3600) {
        Some(offset) => now.with_timezone(&offset).format("%Y-%m-%d %H:%M +08:00").to_string(),
        None => now.format("%Y-%m-%d %H:%M UTC").to_string(),
    }
}

/// Writes a workbook to `output` (`-o`); the message when it cannot.
pub(crate) fn write(book: &Workbook, output: Option<&Path>) -> Result<(), String> {
    let output = output.ok_or_else(|| "--format xlsx writes a file: give it with -o FILE.xlsx".to_owned())?;
    let bytes = book.to_xlsx().map_err(|e| format!("cannot make the workbook: {e}"))?;
    std::fs::write(output, bytes).map_err(|e| format!("cannot write {}: {e}", output.display()))?;
    eprintln!("{}: {} sheet(s)", output.display(), book.tables.len().max(1));
    Ok(())
}

/// A command's JSON report as a workbook: scalar fields on a sheet 概要 (field, value), every
/// array of records a sheet of its own named by its path, nested objects flattened into
/// dotted columns; numbers stay numbers, `YYYY-MM-DD` text becomes dates.
fn json_workbook(title: &str, value: &Value) -> Workbook {
    let mut summary = Table::new("概要", &["项目", "值"]);
    let mut tables = Vec::new();
    collect(value, "", &mut summary, &mut tables);
    if !summary.rows.is_empty() {
        tables.insert(0, summary);
    }
    Workbook { title: title.to_owned(), exported_at: now_text(), tables }
}

/// A report's key as a column header or sheet name people read: each dotted segment in Chinese
/// where the report's vocabulary has a word for it (`households.max` → `户数·最多`), the key
/// itself otherwise.
fn zh(key: &str) -> String {
    key.split('.').map(|k| word(k).unwrap_or(k)).collect::<Vec<_>>().join("·")
}

fn word(key: &str) -> Option<&'static str> {
    Some(match key {
        "id" => "编号",
        "code" => "编码",
        "name" => "名称",
        "title" => "标题",
        "level" => "层级",
        "levels" => "各层级数量",
        "node" => "党组织",
        "nodes" => "党组织",
        "street" => "街道",
        "county" => "县（区）",
        "community" => "社区",
        "communities" => "社区",
        "branch" => "支部",
        "grid" | "grids" => "网格",
        "grid_workers" => "网格员",
        "households" => "户数",
        "population" => "人口",
        "members" => "党员",
        "in_service" => "在职党员",
        "retired" => "离退休党员",
        "mobile_in" => "流入党员",
        "mobile_out" => "流出党员",
        "no_office" => "无职党员",
        "total" => "合计",
        "units" => "单位",
        "reporting_units" => "报到单位",
        "co_located_units" => "驻区单位",
        "members_reported" => "已双报到党员",
        "central_households" => "党员中心户",
        "linked_households" => "联系户",
        "coverage" => "覆盖率",
        "grids_with_branch" => "网格建支部",
        "members_in_grid" => "党员入网格",
        "households_linked" => "联系户覆盖",
        "numerator" => "分子",
        "denominator" => "分母",
        "value" => "值",
        "compounds" => "小区",
        "without_property" => "无物业小区",
        "red_property" => "红色物业",
        "red_property_sites" => "红色物业示范点",
        "joint_meeting" => "联席会议",
        "compounds_managed" => "有物业小区",
        "teams" => "服务队伍",
        "people" => "人数",
        "by_kind" => "按类型",
        "by_module" => "按服务模块",
        "people_by_module" => "各模块人数",
        "vanguard" => "先锋队",
        "volunteer" => "志愿服务队",
        "warm_service" => "暖心服务小分队",
        "errand" => "党员代办队",
        "emergency_rescue" => "应急救援",
        "care" => "关爱帮困",
        "culture" => "文艺服务",
        "public_affairs" => "公共事务",
        "mediation" => "法治调解",
        "party_service" => "党员服务",
        "baobao" => "包保",
        "baobao_complete" => "包保“1+4+N”配齐",
        "complete" => "配齐",
        "with_units" => "有包保单位",
        "lead" => "牵头单位",
        "responsible" => "责任单位",
        "member" => "成员单位",
        "task_force" => "尖刀班",
        "task_force_full" => "尖刀班满编",
        "first_secretaries" => "第一书记",
        "stationed_funds_yuan" => "驻点经费（元/年）",
        "workers_by_role" => "网格员按角色",
        "reporting_member" => "报到党员",
        "no_office_member" => "无职党员",
        "full_time" => "专职网格员",
        "building_head" => "楼栋长",
        "unit_head" => "单元长",
        "unspecified" => "未注明",
        "worker_model" => "网格员配备达标",
        "grids_meeting_model" => "达标网格",
        "grids_under_model" => "应达标网格",
        "entities" => "评定对象",
        "entity" => "评定对象",
        "rank" => "名次",
        "tier" => "等级",
        "score" => "得分",
        "points" => "分值",
        "max" => "最多",
        "min" => "最少",
        "mean" => "平均",
        "passed" => "达标",
        "voided" => "否决",
        "vetoes" => "否决项",
        "bonuses" => "加分项",
        "sections" => "星级",
        "indicators" => "指标",
        "threshold" => "达标线",
        "reason" => "说明",
        "fact" => "事实",
        "rule_set" => "规则集",
        "version" => "版本",
        "diagnostics" => "提示",
        "zh" => "中文",
        "en" => "英文",
        "cases" => "案件",
        "case" => "案件",
        "metrics" => "指标",
        "response" => "响应率",
        "resolution" => "办结率",
        "satisfaction" => "满意率",
        "on_time_closure" => "按时办结率",
        "clocks_1310" => "1310 时限达标",
        "clocks_12345" => "12345 时限达标",
        "min_sample" => "最少样本",
        "from" => "起",
        "to" => "止",
        "now" => "时刻",
        "clocks" => "时限",
        "clock" => "时限",
        "profile" => "时限规范",
        "state" => "状态",
        "deadline" => "期限",
        "due" => "到期",
        "start" | "since" => "起算",
        "opened" => "立案",
        "arrived" => "到达",
        "left_seconds" => "剩余（秒）",
        "overdue_seconds" => "超时（秒）",
        "by_seconds" => "超出（秒）",
        "margin_seconds" => "余量（秒）",
        "escalation" => "升级",
        "route" => "派单",
        "role" => "角色",
        "within" => "所属",
        "unplaced" => "未落位",
        "event" => "环节",
        "at" => "时间",
        "warnings" => "警告",
        "errors" => "错误",
        "problems" => "问题",
        "severity" => "级别",
        "message" => "说明",
        "path" => "位置",
        "record" => "记录",
        "file" => "文件",
        "line" => "行",
        "column" => "列",
        "valid" => "有效",
        "added" => "新增",
        "removed" => "删除",
        "changed" => "变更",
        "before" => "变更前",
        "after" => "变更后",
        "kind" => "类型",
        "status" => "状态",
        _ => return None,
    })
}

fn scalar(v: &Value) -> Cell {
    match v {
        Value::Null => Cell::Empty,
        Value::Bool(b) => Cell::Bool(*b),
        Value::Number(n) => n.as_f64().map_or(Cell::Empty, Cell::Number),
        Value::String(s) => grassroots::org::Date::parse(s).map_or_else(|| Cell::Text(s.clone()), Cell::Date),
        other => Cell::Text(other.to_string()),
    }
}

fn collect(value: &Value, path: &str, summary: &mut Table, tables: &mut Vec<Table>) {
    let join = |key: &str| if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                collect(v, &join(k), summary, tables);
            }
        }
        Value::Array(items) if items.iter().any(Value::is_object) => tables.extend(records_table(if path.is_empty() { "records" } else { path }, items)),
        Value::Array(items) => summary.rows.push(vec![zh(path).into(), items.iter().map(|i| cell_text(&scalar(i))).collect::<Vec<_>>().join("、").into()]),
        other => summary.rows.push(vec![zh(path).into(), scalar(other)]),
    }
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Empty => String::new(),
        Cell::Text(t) => t.clone(),
        Cell::Number(n) => grassroots::text::number(*n),
        Cell::Date(d) => d.to_string(),
        Cell::Bool(b) => (if *b { "是" } else { "否" }).to_owned(),
        Cell::Percent(p) => format!("{:.1}%", p * 100.0),
    }
}

/// A record's cells: nested objects as dotted columns, lists of values joined with 、,
/// lists of records set aside (with their key) to become tables of their own.
fn flatten<'v>(value: &'v Value, prefix: &str, out: &mut Vec<(String, Cell)>, nested: &mut Vec<(String, &'v [Value])>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(v, &key, out, nested);
            }
        }
        Value::Array(items) if items.iter().any(Value::is_object) => nested.push((prefix.to_owned(), items)),
        Value::Array(items) => {
            out.push((prefix.to_owned(), Cell::Text(items.iter().map(|i| cell_text(&scalar(i))).collect::<Vec<_>>().join("、"))));
        }
        other => out.push((prefix.to_owned(), scalar(other))),
    }
}

/// A table of records, and after it a table for each list of records inside them (named
/// `name.key`), whose first column says which record each row belongs to.
fn records_table(name: &str, items: &[Value]) -> Vec<Table> {
    records_table_under(name, items, None)
}

/// [`records_table`] for records inside other records: `owners` says, per item, which record
/// (and which record above that) it belongs to, e.g. `hq-c1 / s1`.
fn records_table_under(name: &str, items: &[Value], owners: Option<&[String]>) -> Vec<Table> {
    let mut headers: Vec<String> = Vec::new();
    let mut rows: Vec<Vec<(String, Cell)>> = Vec::new();
    // Per nested key: the owner's label and the records, in order.
    let mut children: Vec<(String, Vec<(String, Value)>)> = Vec::new();
    for (n, item) in items.iter().enumerate() {
        let (mut cells, mut nested) = (Vec::new(), Vec::new());
        flatten(item, "", &mut cells, &mut nested);
        let owner = ["id", "case", "entity", "code", "name"]
            .iter()
            .find_map(|k| cells.iter().find(|(h, _)| h == k))
            .or_else(|| cells.first())
            .map_or_else(String::new, |(_, c)| cell_text(c));
        let owner = match owners.and_then(|o| o.get(n)) {
            Some(above) => format!("{above} / {owner}"),
            None => owner,
        };
        for (key, list) in nested {
            let at = match children.iter().position(|(k, _)| *k == key) {
                Some(i) => i,
                None => {
                    children.push((key.clone(), Vec::new()));
                    children.len() - 1
                }
            };
            children[at].1.extend(list.iter().map(|v| (owner.clone(), v.clone())));
        }
        for (k, _) in &cells {
            if !headers.contains(k) {
                headers.push(k.clone());
            }
        }
        rows.push(cells);
    }
    let rows = rows
        .into_iter()
        .map(|cells| headers.iter().map(|h| cells.iter().find(|(k, _)| k == h).map_or(Cell::Empty, |(_, c)| c.clone())).collect())
        .collect();
    let headers = headers.into_iter().map(|h| if h.is_empty() { "值".to_owned() } else { zh(&h) }).collect();
    let mut tables = vec![Table { name: zh(name), headers, rows }];
    for (key, list) in children {
        let values: Vec<Value> = list.iter().map(|(_, v)| v.clone()).collect();
        let labels: Vec<String> = list.iter().map(|(o, _)| o.clone()).collect();
        let mut inner = records_table_under(&format!("{name}.{key}"), &values, Some(&labels));
        if let Some(first) = inner.first_mut() {
            first.headers.insert(0, zh(name));
            for (row, label) in first.rows.iter_mut().zip(&labels) {
                row.insert(0, Cell::Text(label.clone()));
            }
        }
        tables.extend(inner);
    }
    tables
}

