//! The zh-CN text of the problems an import reports: the spreadsheet problems, and the
//! organization's checks of the records read (the widgets' texts of the latter are in
//! `wasm/src/problem_zh.rs`; these are the same words, for the CLI and the import widget).

use crate::{ProblemKind, RefKind};

fn what(kind: RefKind) -> &'static str {
    match kind {
        RefKind::Node => "党组织",
        RefKind::Grid => "网格",
        RefKind::Unit => "单位",
        RefKind::Member => "党员",
        RefKind::Post => "岗位",
        RefKind::Level => "层级",
        RefKind::PropertyCompany => "物业企业",
        RefKind::Team => "队伍",
        #[allow(unreachable_patterns)]
        _ => "记录",
    }
}

fn field_zh(field: &str) -> String {
    match field {
        "name" => "姓名或名称",
        "kind" => "类别",
        "node" => "所在党支部",
        "code" => "编码",
        "community" => "所属社区",
        "level" => "层级",
        other => other,
    }
    .to_owned()
}

/// A grid worker's role key (reporting_member …) in Chinese.
fn worker_role_zh(key: &str) -> &str {
    crate::org::WorkerRole::ALL.into_iter().find(|r| r.key() == key).map_or(key, |r| r.zh())
}

/// A problem of an import in Chinese; a kind an import never reports falls back to English.
pub fn kind_zh(kind: &ProblemKind) -> String {
    match kind {
        ProblemKind::Unreadable { message } => format!("无法作为表格读取（支持 .xlsx、.xls、.ods、.csv）：{message}"),
        ProblemKind::SheetTooLarge { rows, columns, max } => {
            format!("工作表的范围（从第一格到最后一格，或文件声明的范围）共 {rows} 行 × {columns} 列，超过 {max} 格的上限（records），未读取")
        }
        ProblemKind::CellOutsideSheet { row, column } => format!("第 {row} 行第 {column} 列有单元格，超出工作表的 1048576 行、16384 列：文件已损坏，未读取"),
        ProblemKind::NoSuchSheet { name, sheets } => format!("没有名为“{name}”的工作表，现有：{}", sheets.join("、")),
        ProblemKind::NoHeaderRow { expected } => format!("找不到表头行：前几行中没有一行含两个以上的列名（{}）", expected.join("、")),
        ProblemKind::MissingColumn { field, headers } => format!("缺少“{}”列：表头应为 {} 之一（或在映射文件中指定）", field_zh(field), headers.join("、")),
        ProblemKind::UnknownColumn => "列名无法识别，此列未读取：可在映射文件中指定对应字段（或设为 null）".to_owned(),
        ProblemKind::DuplicateColumn { field, first } => format!("“{}”已有一列（“{first}”），此列未读取", field_zh(field)),
        ProblemKind::DigitsLost { shown } => format!("身份证号以数字形式保存，末几位已丢失（{shown}）：请把此列设为文本格式后重新录入"),
        ProblemKind::IdCardFormat => "身份证号应为 17 位数字加 1 位校验码（数字或 X）".to_owned(),
        ProblemKind::IdCardCheckDigit => "校验位不对".to_owned(),
        ProblemKind::PhoneFormat { value } => format!("“{value}”不是电话号码：手机号为 1 开头的 11 位数字，座机如 0718-6281234"),
        ProblemKind::DateFormat { value } => format!("“{value}”不是日期：请写 2026-03-01、2026/3/1 或 2026年3月1日，或使用日期格式的单元格"),
        ProblemKind::NotCount { value } => format!("“{value}”不是非负整数"),
        ProblemKind::NotNumber { value } => format!("“{value}”不是数字"),
        ProblemKind::NotOneOf { value, expected } => format!("“{value}”不是可选值（{}）", expected.join("、")),
        ProblemKind::UnknownName { what: w, name, candidates } if candidates.is_empty() => format!("没有名为“{name}”的{}", what(*w)),
        ProblemKind::UnknownName { what: w, name, candidates } => format!("没有名为“{name}”的{}，相近的有：{}", what(*w), candidates.join("、")),
        ProblemKind::AmbiguousName { what: w, name, candidates } => {
            format!("名为“{name}”的{}有 {} 个：{}；请写名称路径（如 城关街道/解放路社区/…）或编号", what(*w), candidates.len(), candidates.join("、"))
        }
        ProblemKind::CellError { value } => format!("单元格内是错误值（{value}）"),
        ProblemKind::AfterTotal => "合计行之后的行未读取".to_owned(),
        ProblemKind::NotForStatus { status } => format!("只有状态为“{status}”的事项才填写此列，此事项不是"),
        ProblemKind::Empty => "不能为空".to_owned(),
        ProblemKind::NoRecords => "没有任何数据行".to_owned(),
        ProblemKind::Shape { message } => format!("字段类型或结构不符：{message}"),
        ProblemKind::DuplicateId { id, first } => format!("编号“{id}”重复，已在 {first} 使用"),
        ProblemKind::UnknownParent { parent } => format!("上级“{parent}”不存在"),
        ProblemKind::Cycle { ids } => format!("上下级关系成环：{}", ids.join(" → ")),
        ProblemKind::NoRoot => "没有根节点：必须恰有一条记录没有上级".to_owned(),
        ProblemKind::ExtraRoot { root } => format!("根节点重复：“{root}”已是根节点，本记录须填写上级"),
        ProblemKind::NoSchema => "未指定层级方案，层级顺序未检查".to_owned(),
        ProblemKind::UnknownRef { what: w, id } => format!("{}“{id}”不存在", what(*w)),
        ProblemKind::LevelOrder { level, parent_level } => format!("“{level}”不能隶属于“{parent_level}”"),
        ProblemKind::NotRootLevel { level } => format!("“{level}”不能作为最高层级"),
        ProblemKind::DuplicateCode { value, first } => format!("编码“{value}”重复，已在 {first} 使用"),
        ProblemKind::NotCommunity { id } => format!("“{id}”不是社区（党委）"),
        ProblemKind::GridCodeFormat { value } => format!("网格编码“{value}”应为 6 位区划 + 3 位街道 + 3 位社区 + 2～3 位序号"),
        ProblemKind::GridCodePrefix { expected } => format!("网格编码应以所属社区编码 {expected} 开头"),
        ProblemKind::GridSequence { sequence } => format!("网格序号 {sequence}：合并网格从 601 起编，其他网格在 601 以下"),
        ProblemKind::NoWorker => "网格没有网格员（一格一员）".to_owned(),
        ProblemKind::NoHouseholds => "网格没有住户".to_owned(),
        ProblemKind::NoGrid => "党员未编入任何网格，所在党支部及其上级也没有对应网格".to_owned(),
        ProblemKind::Flow => "“流入/流出”只适用于流动党员，且流动党员必须填写".to_owned(),
        ProblemKind::NotReported => "在职党员尚未到居住地社区报到（双报到）".to_owned(),
        ProblemKind::AgreementPeriod { start, end } => format!("协议结束日期 {end} 早于开始日期 {start}"),
        ProblemKind::NoCommittee => "单位标为大党委成员单位，但所属社区未设大党委".to_owned(),
        ProblemKind::WorkerRoleMember { role, member } => format!("网格员身份为{}，但党员“{member}”不是这一类党员", worker_role_zh(role)),
        ProblemKind::WorkerModel { model, role, needed, found } => format!("“{model}”网格员模式要求每个网格有{}{needed}名，本网格有 {found} 名", worker_role_zh(role)),
        ProblemKind::ListedTwice { id } => format!("“{id}”重复列出"),
        ProblemKind::PeriodOrder { start, end } => format!("结束日期 {end} 早于开始日期 {start}"),
        ProblemKind::StationedNotBaobao { community } => format!("进驻社区“{community}”，但本单位并不包保该社区"),
        ProblemKind::SecondLead { first } => format!("该社区已有牵头单位（{first}），“1+4+N”只设一个牵头单位"),
        ProblemKind::RedSiteWithoutParty => "红色物业示范点须由建有党组织的物业企业服务".to_owned(),
        ProblemKind::GridOutsideCommunity { grid } => format!("网格“{grid}”属于其他社区"),
        ProblemKind::LeaderNotInTeam { id } => format!("队长“{id}”不在本队队员之中"),
        ProblemKind::EmptyTeam => "队伍没有队员、成员单位或志愿者".to_owned(),
        ProblemKind::NoOwner => "事项未明确责任主体：请填写承办的部门或岗位".to_owned(),
        ProblemKind::DuplicateItem { name, kind, first } => format!("{}“{name}”重复，与事项“{first}”相同", list_kind_zh(kind)),
        ProblemKind::NegativeDuty { name, negative } => format!("“{name}”已列入负面清单（事项“{negative}”），却仍被列为职责"),
        ProblemKind::UnknownItem { id } => format!("事项“{id}”不存在"),
        ProblemKind::NotCertificate { id, kind } => format!("事项“{id}”不是证明事项（类别为{}）", list_kind_zh(kind)),
        ProblemKind::AbolishedMaterial { certificate, id, since } => format!("所需材料“{certificate}”（{id}）已于 {since} 取消"),
        ProblemKind::DateOrder { date, earlier, what } => {
            format!("日期 {date} 早于{}（{earlier}）", if what == "day the item was introduced" { "事项列入日期" } else { what.as_str() })
        }
        ProblemKind::AfterEffective { date, effective } => format!("日期 {date} 晚于本版清单施行日期 {effective}"),
        ProblemKind::NotLower { from, to } => format!("下放至“{to}”，但它并不低于原层级“{from}”"),
        ProblemKind::NoInstead => "已取消的证明未说明改用什么方式（替代方式）".to_owned(),
        other => other.to_string(),
    }
}

/// A list kind's key (self_governance …) in Chinese.
fn list_kind_zh(key: &str) -> &str {
    crate::lists::ItemKind::ALL.into_iter().find(|k| k.key() == key).map_or(key, |k| k.zh())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_import_problem_has_chinese_text() {
        let kinds = [
            ProblemKind::Unreadable { message: "m".into() },
            ProblemKind::SheetTooLarge { rows: 2, columns: 3, max: 5 },
            ProblemKind::CellOutsideSheet { row: 1, column: 20_000 },
            ProblemKind::NoSuchSheet { name: "a".into(), sheets: vec!["b".into()] },
            ProblemKind::NoHeaderRow { expected: vec!["姓名".into()] },
            ProblemKind::MissingColumn { field: "name".into(), headers: vec!["姓名".into()] },
            ProblemKind::UnknownColumn,
            ProblemKind::DuplicateColumn { field: "name".into(), first: "姓名".into() },
            ProblemKind::DigitsLost { shown: "1".into() },
            ProblemKind::IdCardFormat,
            ProblemKind::IdCardCheckDigit,
            ProblemKind::PhoneFormat { value: "1".into() },
            ProblemKind::DateFormat { value: "x".into() },
            ProblemKind::NotCount { value: "x".into() },
            ProblemKind::NotNumber { value: "x".into() },
            ProblemKind::NotOneOf { value: "x".into(), expected: vec!["是".into()] },
            ProblemKind::UnknownName { what: RefKind::Node, name: "x".into(), candidates: vec![] },
            ProblemKind::UnknownName { what: RefKind::Node, name: "x".into(), candidates: vec!["y".into()] },
            ProblemKind::AmbiguousName { what: RefKind::Grid, name: "x".into(), candidates: vec!["a".into(), "b".into()] },
            ProblemKind::CellError { value: "#REF!".into() },
            ProblemKind::AfterTotal,
            ProblemKind::NotForStatus { status: "取消".into() },
            ProblemKind::NoGrid,
            ProblemKind::UnknownRef { what: RefKind::Post, id: "p".into() },
            ProblemKind::WorkerModel { model: "1+1".into(), role: "no_office_member".into(), needed: 1, found: 0 },
            ProblemKind::WorkerRoleMember { role: "reporting_member".into(), member: "m1".into() },
            ProblemKind::ListedTwice { id: "c1".into() },
            ProblemKind::PeriodOrder { start: "2026-03-01".into(), end: "2026-02-01".into() },
            ProblemKind::StationedNotBaobao { community: "c1".into() },
            ProblemKind::SecondLead { first: "row 3".into() },
            ProblemKind::RedSiteWithoutParty,
            ProblemKind::GridOutsideCommunity { grid: "g1".into() },
            ProblemKind::LeaderNotInTeam { id: "m1".into() },
            ProblemKind::EmptyTeam,
            ProblemKind::UnknownItem { id: "x".into() },
            ProblemKind::NoInstead,
            ProblemKind::NotLower { from: "a".into(), to: "b".into() },
        ];
        for kind in kinds {
            let zh = kind_zh(&kind);
            assert_ne!(zh, kind.to_string());
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{kind}");
        }
    }
}
