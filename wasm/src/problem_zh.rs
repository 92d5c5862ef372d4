//! The zh-CN text of every problem the core reports (the en text is the core's own
//! `Display`). Kept apart from the catalogue because it follows `ProblemKind` variant by
//! variant; a unit test checks that no variant falls back to English.

use grassroots::{ProblemKind, RefKind};

fn what(kind: RefKind) -> &'static str {
    match kind {
        RefKind::Node => "组织",
        RefKind::Grid => "网格",
        RefKind::Unit => "单位",
        RefKind::Member => "党员",
        RefKind::Post => "岗位",
        RefKind::Level => "层级",
    }
}

/// The problem in Chinese.
pub fn text(kind: &ProblemKind) -> String {
    match kind {
        ProblemKind::Syntax { line, column, message } => format!("不是有效的 JSON（第 {line} 行第 {column} 列）：{message}"),
        ProblemKind::Shape { message } => format!("字段类型或结构不符：{message}"),
        ProblemKind::Empty => "不能为空".to_owned(),
        ProblemKind::DuplicateId { id, first } => format!("编号“{id}”重复，已在 {first} 使用"),
        ProblemKind::UnknownParent { parent } => format!("上级“{parent}”不存在"),
        ProblemKind::Cycle { ids } => format!("上下级关系成环：{}", ids.join(" → ")),
        ProblemKind::NoRoot => "没有根节点：必须恰有一条记录没有上级".to_owned(),
        ProblemKind::ExtraRoot { root } => format!("根节点重复：“{root}”已是根节点，本记录须填写上级"),
        ProblemKind::NoRecords => "没有任何记录".to_owned(),
        ProblemKind::UnknownPreset { name } => format!("没有名为“{name}”的层级方案，可选 laifeng、xinxiang、street"),
        ProblemKind::NoSchema => "未指定层级方案，层级顺序未检查".to_owned(),
        ProblemKind::DuplicateLevel { key } => format!("层级“{key}”重复定义"),
        ProblemKind::UnknownRef { what: kind, id } => format!("{}“{id}”不存在", what(*kind)),
        ProblemKind::LevelOrder { level, parent_level } => format!("“{level}”不能隶属于“{parent_level}”"),
        ProblemKind::NotRootLevel { level } => format!("“{level}”不能作为最高层级"),
        ProblemKind::DuplicateCode { value, first } => format!("编码“{value}”重复，已在 {first} 使用"),
        ProblemKind::NotCommunity { id } => format!("“{id}”不是社区（党委）"),
        ProblemKind::GridCodeFormat { value } => format!("网格编码“{value}”应为 6 位区划 + 3 位街道 + 3 位社区 + 2～3 位序号"),
        ProblemKind::GridCodePrefix { expected } => format!("网格编码应以所属社区编码 {expected} 开头"),
        ProblemKind::GridSequence { sequence } => format!("网格序号 {sequence}：合并网格从 601 起编，其他网格在 601 以下"),
        ProblemKind::NoWorker => "网格没有网格员（一格一员）".to_owned(),
        ProblemKind::NoHouseholds => "网格没有住户".to_owned(),
        ProblemKind::NoGrid => "党员未编入任何网格".to_owned(),
        ProblemKind::Flow => "“流入/流出”只适用于流动党员，且流动党员必须填写".to_owned(),
        ProblemKind::NotReported => "在职党员尚未到居住地社区报到（双报到）".to_owned(),
        ProblemKind::AgreementPeriod { start, end } => format!("协议结束日期 {end} 早于开始日期 {start}"),
        ProblemKind::CommitteeSize { count } => format!("大党委兼职委员一般为 3～7 名，现有 {count} 名"),
        ProblemKind::NoCommittee => "单位标为大党委成员单位，但所属社区未设大党委".to_owned(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_problem_falls_back_to_english() {
        let kinds = [
            ProblemKind::Syntax { line: 1, column: 2, message: "m".into() },
            ProblemKind::Shape { message: "m".into() },
            ProblemKind::Empty,
            ProblemKind::DuplicateId { id: "x".into(), first: "$.nodes[0]".into() },
            ProblemKind::UnknownParent { parent: "p".into() },
            ProblemKind::Cycle { ids: vec!["a".into(), "b".into()] },
            ProblemKind::NoRoot,
            ProblemKind::ExtraRoot { root: "r".into() },
            ProblemKind::NoRecords,
            ProblemKind::UnknownPreset { name: "n".into() },
            ProblemKind::NoSchema,
            ProblemKind::DuplicateLevel { key: "k".into() },
            ProblemKind::UnknownRef { what: RefKind::Grid, id: "g".into() },
            ProblemKind::LevelOrder { level: "a".into(), parent_level: "b".into() },
            ProblemKind::NotRootLevel { level: "a".into() },
            ProblemKind::DuplicateCode { value: "c".into(), first: "$.grids[0]".into() },
            ProblemKind::NotCommunity { id: "d".into() },
            ProblemKind::GridCodeFormat { value: "1".into() },
            ProblemKind::GridCodePrefix { expected: "4".into() },
            ProblemKind::GridSequence { sequence: 5 },
            ProblemKind::NoWorker,
            ProblemKind::NoHouseholds,
            ProblemKind::NoGrid,
            ProblemKind::Flow,
            ProblemKind::NotReported,
            ProblemKind::AgreementPeriod { start: "s".into(), end: "e".into() },
            ProblemKind::CommitteeSize { count: 2 },
            ProblemKind::NoCommittee,
        ];
        for kind in kinds {
            assert_ne!(text(&kind), kind.to_string(), "{kind} has no Chinese text");
            assert!(text(&kind).chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{kind}");
        }
    }
}
