//! The zh-CN text of every problem the crate reports (the en text is [`ProblemKind`]'s own
//! `Display`), variant by variant: the widgets' error panels, the CLI and the spreadsheet
//! import all say the same words. Each domain's texts come with its feature, so a build
//! carries only those of the documents it reads; unit tests check that no variant falls back
//! to English.
//!
//! ```
//! use grassroots::{ProblemKind, RefKind};
//! let kind = ProblemKind::UnknownRef { what: RefKind::Grid, id: "g9".into() };
//! assert_eq!(grassroots::zh::problem(&kind), "网格“g9”不存在");
//! ```

use crate::limits::Limit;
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
        #[cfg(feature = "services")]
        RefKind::Demand => "需求",
        #[cfg(feature = "services")]
        RefKind::Offer => "服务",
        #[cfg(feature = "services")]
        RefKind::Claim => "认领",
        #[cfg(feature = "recut")]
        RefKind::Block => "楼栋/小区",
        // Kinds of records of features this build leaves out.
        #[allow(unreachable_patterns)]
        _ => "记录",
    }
}

#[cfg(feature = "rules")]
/// A fact type as the core names it (number, ratio, boolean, text), in Chinese.
fn type_zh(name: &str) -> &str {
    match name {
        "number" => "数值",
        "ratio" => "比率",
        "boolean" => "是/否",
        "text" => "文本",
        other => other,
    }
}

#[cfg(feature = "lists")]
/// A list kind's JSON key (self_governance …) in Chinese.
fn kind_zh(key: &str) -> &str {
    crate::lists::ItemKind::ALL.into_iter().find(|k| k.key() == key).map_or(key, |k| k.zh())
}

#[cfg(feature = "services")]
/// A claim state's JSON name (dispatched …) in Chinese.
fn state_zh(name: &str) -> &str {
    crate::services::ClaimState::ALL.into_iter().find(|s| s.name() == name).map_or(name, |s| s.zh())
}

#[cfg(feature = "services")]
/// A provider as the services checks name it (`member m1`, `unit u1`, `nobody`), in Chinese.
fn provider_zh(text: &str) -> String {
    match text.split_once(' ') {
        Some(("member", id)) => format!("党员 {id}"),
        Some(("unit", id)) => format!("单位 {id}"),
        Some(("team", id)) => format!("队伍 {id}"),
        _ if text == "nobody" => "无人".to_owned(),
        _ => text.to_owned(),
    }
}

#[cfg(feature = "cases")]
/// A workflow step's JSON key (`handle`) in Chinese; `none` (after the last step) too.
fn step_zh(key: &str) -> &str {
    match key {
        "collect" => "收集",
        "analyse" => "分析",
        "handle" => "办理",
        "feedback" => "反馈",
        "review" => "评议",
        "none" => "无（流程已结束）",
        other => other,
    }
}

#[cfg(feature = "cases")]
/// A case event's JSON key in Chinese.
fn event_zh(key: &str) -> &str {
    match key {
        "contact_known" => "知晓联系对象",
        "contact_reached" => "联系到人",
        "on_site" => "到场",
        "dispatched" => "派单",
        "answered" => "答复",
        other => other,
    }
}

#[cfg(feature = "cases")]
/// What a time may not precede, as the cases loader words it (`the case opened`,
/// `step "collect"`), in Chinese.
fn earlier_zh(what: &str) -> String {
    match what.strip_prefix("step \"").and_then(|rest| rest.strip_suffix('"')) {
        Some(step) => format!("环节“{}”的时间", step_zh(step)),
        None if what == "the case opened" => "案件受理时间".to_owned(),
        None => what.to_owned(),
    }
}

/// A grid worker's role key (reporting_member …) in Chinese.
fn worker_role_zh(key: &str) -> &str {
    crate::org::WorkerRole::ALL.into_iter().find(|r| r.key() == key).map_or(key, |r| r.zh())
}

#[cfg(feature = "sheets")]
/// A field of an import's records (name, kind …) in Chinese, as its column is headed.
fn field_zh(field: &str) -> &str {
    match field {
        "name" => "姓名或名称",
        "kind" => "类别",
        "node" => "所在党支部",
        "code" => "编码",
        "community" => "所属社区",
        "level" => "层级",
        other => other,
    }
}

/// The problem in Chinese.
pub fn problem(kind: &ProblemKind) -> String {
    match kind {
        ProblemKind::Syntax { line, column, message } => format!("不是有效的 JSON（第 {line} 行第 {column} 列）：{message}"),
        ProblemKind::Shape { message } => format!("字段类型或结构不符：{message}"),
        ProblemKind::Limit { limit, max, found } => match limit {
            Limit::Bytes => format!("数据有 {found} 字节，超过 {max} 字节的上限（bytes），未读取"),
            Limit::Depth => format!("嵌套超过 {max} 层的上限（depth），未读取"),
            Limit::String => format!("有一个值或键长 {found} 字节，超过 {max} 字节的上限（string），未读取"),
            Limit::Records => format!("条目超过 {max} 个的上限（records），未读取"),
        },
        ProblemKind::Empty => "不能为空".to_owned(),
        ProblemKind::DuplicateId { id, first } => format!("编号“{id}”重复，已在 {first} 使用"),
        ProblemKind::UnknownParent { parent } => format!("上级“{parent}”不存在"),
        ProblemKind::Cycle { ids } => format!("上下级关系成环：{}", ids.join(" → ")),
        ProblemKind::NoRoot => "没有根节点：必须恰有一条记录没有上级".to_owned(),
        ProblemKind::ExtraRoot { root } => format!("根节点重复：“{root}”已是根节点，本记录须填写上级"),
        ProblemKind::NoRecords => "没有任何记录".to_owned(),
        ProblemKind::UnknownPreset { name } => format!("没有名为“{name}”的层级方案，可选 laifeng、xinxiang、street、county"),
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
        ProblemKind::NoGrid => "党员未编入任何网格，所在党支部及其上级也没有对应网格".to_owned(),
        ProblemKind::Flow => "“流入/流出”只适用于流动党员，且流动党员必须填写".to_owned(),
        ProblemKind::NotReported => "在职党员尚未到居住地社区报到（双报到）".to_owned(),
        ProblemKind::AgreementPeriod { start, end } => format!("协议结束日期 {end} 早于开始日期 {start}"),
        ProblemKind::CommitteeSize { count } => format!("大党委兼职委员一般为 3～7 名，现有 {count} 名"),
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
        #[cfg(feature = "rules")]
        ProblemKind::UnknownFact { name } => format!("事实目录中没有“{name}”"),
        #[cfg(feature = "rules")]
        ProblemKind::UnknownOperator { op } => format!("“{op}”不是标准 JsonLogic 运算符"),
        #[cfg(feature = "rules")]
        ProblemKind::TypeMismatch { expected, found } => format!("此处需要{}，实际是{}", type_zh(expected), type_zh(found)),
        #[cfg(feature = "rules")]
        ProblemKind::UnreachableThreshold { threshold, max } => format!("门槛 {threshold} 永远达不到：取值最大为 {max}"),
        #[cfg(feature = "rules")]
        ProblemKind::BandOrder { threshold } => format!("档次须从高到低排列，门槛 {threshold} 不低于上一档"),
        #[cfg(feature = "rules")]
        ProblemKind::UnreachablePassMark { max, needed } => format!("此处最多得 {max} 分，达不到达标线 {needed} 分"),
        #[cfg(feature = "rules")]
        ProblemKind::Scoring => "指标须按“bands”（分档）或“points”（定分）之一计分，且只能给一种".to_owned(),
        #[cfg(feature = "rules")]
        ProblemKind::UnknownSection { id } => format!("评分项“{id}”不存在"),
        #[cfg(feature = "rules")]
        ProblemKind::Period { from, to } => format!("结束日期 {to} 早于开始日期 {from}"),
        #[cfg(feature = "rules")]
        ProblemKind::MissingFact { fact } => format!("缺少事实“{fact}”，该项按 0 分计"),
        #[cfg(feature = "rules")]
        ProblemKind::FactValue { fact, expected } => format!("事实“{fact}”应为{}", type_zh(expected)),
        #[cfg(feature = "rules")]
        ProblemKind::Evaluation { message } => format!("表达式无法计算：{message}"),
        #[cfg(feature = "lists")]
        ProblemKind::NoOwner => "事项未明确责任主体：请填写承办的部门或岗位".to_owned(),
        #[cfg(feature = "lists")]
        ProblemKind::DuplicateItem { name, kind, first } => format!("{}“{name}”重复，与事项“{first}”相同", kind_zh(kind)),
        #[cfg(feature = "lists")]
        ProblemKind::NegativeDuty { name, negative } => format!("“{name}”已列入负面清单（事项“{negative}”），却仍被列为职责"),
        #[cfg(feature = "lists")]
        ProblemKind::UnknownItem { id } => format!("事项“{id}”不存在"),
        #[cfg(feature = "lists")]
        ProblemKind::NotCertificate { id, kind } => format!("事项“{id}”不是证明事项（类别为{}）", kind_zh(kind)),
        #[cfg(feature = "lists")]
        ProblemKind::AbolishedMaterial { certificate, id, since } => format!("所需材料“{certificate}”（{id}）已于 {since} 取消"),
        #[cfg(feature = "lists")]
        ProblemKind::DateOrder { date, earlier, what } => format!("日期 {date} 早于{}（{earlier}）", if what == "day the item was introduced" { "事项列入日期" } else { what.as_str() }),
        #[cfg(feature = "lists")]
        ProblemKind::AfterEffective { date, effective } => format!("日期 {date} 晚于本版清单施行日期 {effective}"),
        #[cfg(feature = "lists")]
        ProblemKind::NotLower { from, to } => format!("下放至“{to}”，但它并不低于原层级“{from}”"),
        #[cfg(feature = "lists")]
        ProblemKind::NoInstead => "已取消的证明未说明改用什么方式（替代方式）".to_owned(),
        #[cfg(feature = "services")]
        ProblemKind::IllegalTransition { claim, step, state } => format!("认领“{claim}”不能从“{}”转到“{}”", state_zh(state), state_zh(step)),
        #[cfg(feature = "services")]
        ProblemKind::ClaimRepeated { claim, step } => format!("认领“{claim}”已是“{}”：同一步骤重复", state_zh(step)),
        #[cfg(feature = "services")]
        ProblemKind::ClaimTimeBackwards { claim, step, state, at, previous } => {
            format!("认领“{claim}”在“{}”时转到“{}”的时间 {at} 早于上一步（{previous}）", state_zh(state), state_zh(step))
        }
        #[cfg(feature = "services")]
        ProblemKind::Rating { found } => format!("评议评分应为 1～5，实际为 {found}"),
        #[cfg(feature = "services")]
        ProblemKind::ValidPeriod { from, to } => format!("有效期结束日期 {to} 早于开始日期 {from}"),
        #[cfg(feature = "services")]
        ProblemKind::NoCapacity => "每月名额为 0：这项服务永远不会被派单".to_owned(),
        #[cfg(feature = "services")]
        ProblemKind::Hours { hours } => format!("服务时长应在 0～24 小时之间，实际为 {hours}"),
        #[cfg(feature = "services")]
        ProblemKind::DayHours { provider, date, hours } => format!("{}在 {date} 的服务记录合计 {hours} 小时，超过一天的时长", provider_zh(provider)),
        #[cfg(feature = "services")]
        ProblemKind::ClaimProvider { claim, owner, provider } => format!("认领“{claim}”属于{}，不属于{}", provider_zh(owner), provider_zh(provider)),
        #[cfg(feature = "cases")]
        ProblemKind::StepOrder { step, expected } => format!("环节“{}”不能出现在这里：下一环节应为“{}”", step_zh(step), step_zh(expected)),
        #[cfg(feature = "cases")]
        ProblemKind::RepeatedStep { step, first } => format!("环节“{}”重复，首次记录在 {first}", step_zh(step)),
        #[cfg(feature = "cases")]
        ProblemKind::RepeatedEvent { event, first } => format!("事件“{}”重复记录，首次记录在 {first}", event_zh(event)),
        #[cfg(feature = "cases")]
        ProblemKind::TimeBackwards { at, earlier, what } => format!("时间倒流：{at} 早于{}（{earlier}）", earlier_zh(what)),
        #[cfg(feature = "cases")]
        ProblemKind::SatisfactionNotAtReview { step } => format!("满意度只在评议环节填写，不能填在“{}”环节", step_zh(step)),
        #[cfg(feature = "cases")]
        ProblemKind::NoSatisfaction => "评议环节未填写满意度（满意、基本满意、不满意）".to_owned(),
        #[cfg(feature = "cases")]
        ProblemKind::UnknownProfile { id } => format!("时限标准“{id}”不存在"),
        #[cfg(feature = "cases")]
        ProblemKind::UnknownCasesPreset { name, expected } => format!("没有名为“{name}”的预设，可选 {expected}"),
        #[cfg(feature = "cases")]
        ProblemKind::UnknownRung { level } => format!("升级层级“{level}”不在升级阶梯上"),
        #[cfg(feature = "cases")]
        ProblemKind::NoRoute { whistle, category } => format!("没有路由接收“{whistle}”就“{category}”的吹哨：无人须报到"),
        #[cfg(feature = "geo")]
        ProblemKind::GeoNoSubject => "该图形未指明对应记录：请在 properties 中填写 grid、node 或 block 之一".to_owned(),
        #[cfg(feature = "geo")]
        ProblemKind::GeoManySubjects { keys } => format!("该图形同时指明了多个记录（{keys}）：grid、node、block 只能填一个"),
        #[cfg(feature = "geo")]
        ProblemKind::GeoDuplicate { what, id, first } => format!("{}“{id}”已在 {first} 绘制过", geo_what_zh(what)),
        #[cfg(feature = "geo")]
        ProblemKind::GeoNotPolygon { found } => format!("图形类型为 {found}，应为 Polygon 或 MultiPolygon"),
        #[cfg(feature = "geo")]
        ProblemKind::GeoUnclosedRing => "边界环未闭合：最后一个点须与第一个点相同".to_owned(),
        #[cfg(feature = "geo")]
        ProblemKind::GeoShortRing { count } => format!("边界环至少需要 4 个点（3 个顶点加重复的起点），此处只有 {count} 个"),
        #[cfg(feature = "geo")]
        ProblemKind::GeoFarPosition { count, x, y, max } => format!("此环有 {count} 个点离原点超过 {max}，第一个为（{x}，{y}）：本地坐标系以米为单位，坐标是否有误？"),
        #[cfg(feature = "geo")]
        ProblemKind::GeoOutsideChina { count, lon, lat } => format!("此环有 {count} 个点位于我国范围之外（经度 73～136，纬度 3～54），第一个为（{lon}，{lat}）：坐标系是否填对，经纬度是否颠倒？"),
        #[cfg(feature = "geo")]
        ProblemKind::GeoUnknownCrs { name } => format!("未知坐标系“{name}”，可选 wgs84、gcj02、cgcs2000、local"),
        #[cfg(feature = "geo")]
        ProblemKind::GeoMissingGrid { id } => format!("网格“{id}”没有边界图形（全覆盖）"),
        #[cfg(feature = "geo")]
        ProblemKind::GeoNotDrawn { what: kind, id } => format!("组织数据中没有{}“{id}”，其图形未绘制", what(*kind)),
        #[cfg(feature = "geo")]
        ProblemKind::GeoSelfIntersection => "边界环自相交".to_owned(),
        #[cfg(feature = "geo")]
        ProblemKind::GeoHoleOutside => "内环不在外环之内，或与其他环相交".to_owned(),
        #[cfg(feature = "geo")]
        ProblemKind::GeoPartsOverlap { first, second } => format!("多面图形的第 {first} 块与第 {second} 块重叠或共边"),
        #[cfg(feature = "geo")]
        ProblemKind::GeoOutsideCommunity { community, distance_m, tolerance_m } => format!("网格超出所属社区“{community}”边界 {distance_m} 米（容差 {tolerance_m} 米）"),
        #[cfg(feature = "geo")]
        ProblemKind::GeoOverlap { other, area_m2 } => format!("与网格“{other}”重叠 {area_m2} 平方米（不交叉）"),
        #[cfg(feature = "geo")]
        ProblemKind::GeoGap { area_m2, x, y } => format!("社区内有 {area_m2} 平方米未被任何网格覆盖，位置约在（{x}，{y}）（无缝隙）"),
        #[cfg(feature = "geo")]
        ProblemKind::GeoForeignMember { name, count } if *count > 1 => format!("未读取成员“{name}”（GeoJSON 允许的外部成员；{count} 个要素有此成员，此为第一个）"),
        #[cfg(feature = "geo")]
        ProblemKind::GeoForeignMember { name, .. } => format!("未读取成员“{name}”（GeoJSON 允许的外部成员）"),
        #[cfg(feature = "geo")]
        ProblemKind::GeoAreaMismatch { declared_km2, drawn_km2 } => format!("组织数据中的面积为 {declared_km2} 平方公里，边界图形实测 {drawn_km2} 平方公里，相差超过 10%"),
        #[cfg(feature = "recut")]
        ProblemKind::RecutSelfPair { id } => format!("相邻关系中楼栋“{id}”与自身配对"),
        #[cfg(feature = "recut")]
        ProblemKind::RecutNoTarget => "请给出划分格数（parts，可带容差 tolerance）或每格规模范围（households、population）".to_owned(),
        #[cfg(feature = "recut")]
        ProblemKind::RecutTwoTargets => "划分格数（parts）与每格规模范围只能给出其一".to_owned(),
        #[cfg(feature = "recut")]
        ProblemKind::RecutEmptyRange { min, max } => format!("范围 {min}～{max} 为空：下限大于上限"),
        #[cfg(feature = "recut")]
        ProblemKind::RecutOutOfBounds { value, low, high } => format!("{value} 超出允许范围（{low} 至 {high}）"),
        #[cfg(feature = "recut")]
        ProblemKind::RecutNoBlocks => "没有可划分的楼栋：请提供带 households、population 的楼栋图形（properties 中的 block），或楼栋文档".to_owned(),
        #[cfg(feature = "sheets")]
        ProblemKind::Unreadable { message } => format!("无法作为表格读取（支持 .xlsx、.xls、.ods、.csv）：{message}"),
        #[cfg(feature = "sheets")]
        ProblemKind::SheetTooLarge { rows, columns, max } => {
            format!("工作表的范围（从第一格到最后一格，或文件声明的范围）共 {rows} 行 × {columns} 列，超过 {max} 格的上限（records），未读取")
        }
        #[cfg(feature = "sheets")]
        ProblemKind::CellOutsideSheet { row, column } => format!("第 {row} 行第 {column} 列有单元格，超出工作表的 1048576 行、16384 列：文件已损坏，未读取"),
        #[cfg(feature = "sheets")]
        ProblemKind::NoSuchSheet { name, sheets } => format!("没有名为“{name}”的工作表，现有：{}", sheets.join("、")),
        #[cfg(feature = "sheets")]
        ProblemKind::NoHeaderRow { expected } => format!("找不到表头行：前几行中没有一行含两个以上的列名（{}）", expected.join("、")),
        #[cfg(feature = "sheets")]
        ProblemKind::MissingColumn { field, headers } => format!("缺少“{}”列：表头应为 {} 之一（或在映射文件中指定）", field_zh(field), headers.join("、")),
        #[cfg(feature = "sheets")]
        ProblemKind::UnknownColumn => "列名无法识别，此列未读取：可在映射文件中指定对应字段（或设为 null）".to_owned(),
        #[cfg(feature = "sheets")]
        ProblemKind::DuplicateColumn { field, first } => format!("“{}”已有一列（“{first}”），此列未读取", field_zh(field)),
        #[cfg(feature = "sheets")]
        ProblemKind::DigitsLost { shown } => format!("身份证号以数字形式保存，末几位已丢失（{shown}）：请把此列设为文本格式后重新录入"),
        #[cfg(feature = "sheets")]
        ProblemKind::IdCardFormat => "身份证号应为 17 位数字加 1 位校验码（数字或 X）".to_owned(),
        #[cfg(feature = "sheets")]
        ProblemKind::IdCardCheckDigit => "校验位不对".to_owned(),
        #[cfg(feature = "sheets")]
        ProblemKind::PhoneFormat { value } => format!("“{value}”不是电话号码：手机号为 1 开头的 11 位数字，座机如 0718-6281234"),
        #[cfg(feature = "sheets")]
        ProblemKind::DateFormat { value } => format!("“{value}”不是日期：请写 2026-03-01、2026/3/1 或 2026年3月1日，或使用日期格式的单元格"),
        #[cfg(feature = "sheets")]
        ProblemKind::NotCount { value } => format!("“{value}”不是非负整数"),
        #[cfg(feature = "sheets")]
        ProblemKind::NotNumber { value } => format!("“{value}”不是数字"),
        #[cfg(feature = "sheets")]
        ProblemKind::NotOneOf { value, expected } => format!("“{value}”不是可选值（{}）", expected.join("、")),
        #[cfg(feature = "sheets")]
        ProblemKind::UnknownName { what: w, name, candidates } if candidates.is_empty() => format!("没有名为“{name}”的{}", what(*w)),
        #[cfg(feature = "sheets")]
        ProblemKind::UnknownName { what: w, name, candidates } => format!("没有名为“{name}”的{}，相近的有：{}", what(*w), candidates.join("、")),
        #[cfg(feature = "sheets")]
        ProblemKind::AmbiguousName { what: w, name, candidates } => {
            format!("名为“{name}”的{}有 {} 个：{}；请写名称路径（如 城关街道/解放路社区/…）或编号", what(*w), candidates.len(), candidates.join("、"))
        }
        #[cfg(feature = "sheets")]
        ProblemKind::CellError { value } => format!("单元格内是错误值（{value}）"),
        #[cfg(feature = "sheets")]
        ProblemKind::AfterTotal => "合计行之后的行未读取".to_owned(),
        #[cfg(feature = "sheets")]
        ProblemKind::NotForStatus { status } => format!("只有状态为“{status}”的事项才填写此列，此事项不是"),
        // A kind of a feature whose texts are not written yet: the English.
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

#[cfg(feature = "geo")]
/// What a geometry feature draws (`grid`, `node`, `block`), in Chinese.
fn geo_what_zh(what: &str) -> &str {
    match what {
        "grid" => "网格",
        "node" => "党组织",
        "block" => "楼栋/小区",
        other => other,
    }
}

/// Each kind's text, by `text`, is Chinese: not the English `Display`, and with a CJK character
/// (the tests of this table and of the import's wording).
#[cfg(test)]
#[cfg_attr(not(any(feature = "geo", feature = "sheets", all(feature = "rules", feature = "lists", feature = "services", feature = "cases"))), allow(dead_code))]
pub(crate) fn assert_chinese(kinds: &[ProblemKind], text: impl Fn(&ProblemKind) -> String) {
    for kind in kinds {
        let zh = text(kind);
        assert_ne!(zh, kind.to_string(), "{kind} has no Chinese text");
        assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{kind}: {zh}");
    }
}

#[cfg(all(test, feature = "rules", feature = "lists", feature = "services", feature = "cases"))]
mod tests {
    use super::*;

    #[test]
    fn no_problem_falls_back_to_english() {
        let kinds = [
            ProblemKind::Syntax { line: 1, column: 2, message: "m".into() },
            ProblemKind::Shape { message: "m".into() },
            ProblemKind::Limit { limit: Limit::Bytes, max: 1, found: 2 },
            ProblemKind::Limit { limit: Limit::Depth, max: 1, found: 2 },
            ProblemKind::Limit { limit: Limit::String, max: 1, found: 2 },
            ProblemKind::Limit { limit: Limit::Records, max: 1, found: 2 },
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
            ProblemKind::WorkerRoleMember { role: "no_office_member".into(), member: "m1".into() },
            ProblemKind::WorkerModel { model: "1+1".into(), role: "reporting_member".into(), needed: 1, found: 0 },
            ProblemKind::ListedTwice { id: "m1".into() },
            ProblemKind::PeriodOrder { start: "2026-03-01".into(), end: "2026-02-01".into() },
            ProblemKind::StationedNotBaobao { community: "c1".into() },
            ProblemKind::SecondLead { first: "$.units[0].baobao[0].role".into() },
            ProblemKind::RedSiteWithoutParty,
            ProblemKind::GridOutsideCommunity { grid: "g1".into() },
            ProblemKind::LeaderNotInTeam { id: "m1".into() },
            ProblemKind::EmptyTeam,
            ProblemKind::UnknownRef { what: RefKind::Team, id: "t".into() },
            ProblemKind::UnknownRef { what: RefKind::PropertyCompany, id: "p".into() },
            ProblemKind::UnknownFact { name: "f".into() },
            ProblemKind::UnknownOperator { op: "o".into() },
            ProblemKind::TypeMismatch { expected: "number".into(), found: "boolean".into() },
            ProblemKind::UnreachableThreshold { threshold: "95".into(), max: "1".into() },
            ProblemKind::BandOrder { threshold: "0.9".into() },
            ProblemKind::UnreachablePassMark { max: "70".into(), needed: "80".into() },
            ProblemKind::Scoring,
            ProblemKind::UnknownSection { id: "s".into() },
            ProblemKind::Period { from: "2026-02-01".into(), to: "2026-01-01".into() },
            ProblemKind::MissingFact { fact: "f".into() },
            ProblemKind::FactValue { fact: "f".into(), expected: "ratio".into() },
            ProblemKind::Evaluation { message: "m".into() },
            ProblemKind::NoOwner,
            ProblemKind::DuplicateItem { name: "n".into(), kind: "certificate".into(), first: "a".into() },
            ProblemKind::NegativeDuty { name: "n".into(), negative: "x".into() },
            ProblemKind::UnknownItem { id: "x".into() },
            ProblemKind::NotCertificate { id: "x".into(), kind: "assist".into() },
            ProblemKind::AbolishedMaterial { certificate: "c".into(), id: "x".into(), since: "2021-06-15".into() },
            ProblemKind::DateOrder { date: "2021-01-01".into(), earlier: "2021-02-01".into(), what: "day the item was introduced".into() },
            ProblemKind::AfterEffective { date: "2021-08-01".into(), effective: "2021-07-01".into() },
            ProblemKind::NotLower { from: "district".into(), to: "community".into() },
            ProblemKind::NoInstead,
            ProblemKind::UnknownRef { what: RefKind::Demand, id: "d".into() },
            ProblemKind::IllegalTransition { claim: "c".into(), step: "reviewed".into(), state: "dispatched".into() },
            ProblemKind::ClaimRepeated { claim: "c".into(), step: "done".into() },
            ProblemKind::ClaimTimeBackwards { claim: "c".into(), step: "done".into(), state: "accepted".into(), at: "a".into(), previous: "p".into() },
            ProblemKind::Rating { found: "none".into() },
            ProblemKind::ValidPeriod { from: "2026-02-01".into(), to: "2026-01-01".into() },
            ProblemKind::NoCapacity,
            ProblemKind::Hours { hours: "25".into() },
            ProblemKind::DayHours { provider: "member m1".into(), date: "2026-07-01".into(), hours: "25".into() },
            ProblemKind::ClaimProvider { claim: "c".into(), owner: "nobody".into(), provider: "unit u1".into() },
            ProblemKind::StepOrder { step: "handle".into(), expected: "analyse".into() },
            ProblemKind::RepeatedStep { step: "collect".into(), first: "$.cases[0].steps[0]".into() },
            ProblemKind::RepeatedEvent { event: "on_site".into(), first: "$.cases[0].events[0]".into() },
            ProblemKind::TimeBackwards { at: "a".into(), earlier: "b".into(), what: "step \"collect\"".into() },
            ProblemKind::SatisfactionNotAtReview { step: "handle".into() },
            ProblemKind::NoSatisfaction,
            ProblemKind::UnknownProfile { id: "p".into() },
            ProblemKind::UnknownCasesPreset { name: "beijing".into(), expected: "changning".into() },
            ProblemKind::UnknownRung { level: "x".into() },
            ProblemKind::NoRoute { whistle: "resident".into(), category: "noise".into() },
        ];
        assert_eq!(problem(&ProblemKind::IllegalTransition { claim: "c".into(), step: "reviewed".into(), state: "dispatched".into() }), "认领“c”不能从“已派单”转到“已评议”");
        assert_chinese(&kinds, problem);
    }

    #[test]
    fn case_problems_name_steps_and_times_in_chinese() {
        let kind = ProblemKind::StepOrder { step: "handle".into(), expected: "analyse".into() };
        assert_eq!(problem(&kind), "环节“办理”不能出现在这里：下一环节应为“分析”");
        let kind = ProblemKind::TimeBackwards { at: "t1".into(), earlier: "t0".into(), what: "the case opened".into() };
        assert_eq!(problem(&kind), "时间倒流：t1 早于案件受理时间（t0）");
        let kind = ProblemKind::TimeBackwards { at: "t1".into(), earlier: "t0".into(), what: "step \"collect\"".into() };
        assert_eq!(problem(&kind), "时间倒流：t1 早于环节“收集”的时间（t0）");
    }
}

#[cfg(all(test, feature = "recut"))]
mod recut_tests {
    use super::*;

    #[test]
    fn recut_problems_are_in_chinese() {
        let kinds = [
            ProblemKind::RecutSelfPair { id: "b1".into() },
            ProblemKind::RecutNoTarget,
            ProblemKind::RecutTwoTargets,
            ProblemKind::RecutEmptyRange { min: 500, max: 300 },
            ProblemKind::RecutOutOfBounds { value: "0".into(), low: "1".into(), high: "9".into() },
            ProblemKind::RecutNoBlocks,
            ProblemKind::UnknownRef { what: RefKind::Block, id: "b9".into() },
        ];
        assert_chinese(&kinds, problem);
    }
}

#[cfg(all(test, feature = "geo"))]
mod geo_tests {
    use super::*;

    #[test]
    fn geometry_problems_are_in_chinese() {
        let kinds = [
            ProblemKind::GeoNoSubject,
            ProblemKind::GeoManySubjects { keys: "grid, node".into() },
            ProblemKind::GeoDuplicate { what: "node".into(), id: "c1".into(), first: "$.features[0]".into() },
            ProblemKind::GeoNotPolygon { found: "Point".into() },
            ProblemKind::GeoUnclosedRing,
            ProblemKind::GeoShortRing { count: 3 },
            ProblemKind::GeoOutsideChina { count: 2, lon: "200".into(), lat: "30".into() },
            ProblemKind::GeoFarPosition { count: 1, x: "1e9".into(), y: "0".into(), max: "1000000".into() },
            ProblemKind::GeoUnknownCrs { name: "bd09".into() },
            ProblemKind::GeoMissingGrid { id: "g1".into() },
            ProblemKind::GeoNotDrawn { what: RefKind::Grid, id: "g9".into() },
            ProblemKind::GeoSelfIntersection,
            ProblemKind::GeoHoleOutside,
            ProblemKind::GeoPartsOverlap { first: 0, second: 1 },
            ProblemKind::GeoOutsideCommunity { community: "c1".into(), distance_m: "12".into(), tolerance_m: "5".into() },
            ProblemKind::GeoOverlap { other: "g2".into(), area_m2: "40".into() },
            ProblemKind::GeoGap { area_m2: "40".into(), x: "1".into(), y: "2".into() },
            ProblemKind::GeoAreaMismatch { declared_km2: "1".into(), drawn_km2: "2".into() },
            ProblemKind::GeoForeignMember { name: "geometry_name".into(), count: 2 },
            ProblemKind::GeoForeignMember { name: "totalFeatures".into(), count: 1 },
        ];
        assert_chinese(&kinds, problem);
        // A node drawn twice is named as the tree names it.
        assert_eq!(problem(&ProblemKind::GeoDuplicate { what: "node".into(), id: "c1".into(), first: "$.features[0]".into() }), "党组织“c1”已在 $.features[0] 绘制过");
    }
}
