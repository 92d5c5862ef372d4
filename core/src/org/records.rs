//! The input records of an organization document, as portals export them. These are the
//! JSON (and CSV) formats; `Organization` turns them into checked domain values.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Text;
use super::personal::{IdCard, Phone};

/// A grid (网格): coded, in exactly one community, with its worker(s) and figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GridRecord {
    /// Unique id of the grid.
    pub id: Text,
    /// CJ/T 349 style code: 6-digit division + 3 street + 3 community + 2–3 sequence.
    pub code: Text,
    /// Display name, e.g. 第一网格.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// Id of the community node the grid belongs to.
    pub community: Text,
    /// A grid made by merging across communities (numbered from 601).
    #[serde(default)]
    pub merged: bool,
    /// Grid workers (一格一员): at least one.
    #[serde(default)]
    pub workers: Vec<WorkerRecord>,
    /// Households in the grid.
    #[serde(default)]
    pub households: u32,
    /// Residents in the grid.
    #[serde(default)]
    pub population: u32,
    /// Buildings in the grid.
    #[serde(default)]
    pub buildings: u32,
    /// Area in square kilometres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_km2: Option<f64>,
}

/// A grid worker (网格员).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WorkerRecord {
    /// Name.
    pub name: Text,
    /// Contact number; masked in every output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Phone>,
    /// Id of the worker's member record, when the worker is a Party member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<Text>,
    /// What kind of grid worker: a level schema's grid-worker model (昌宁's "1+1") counts
    /// these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<WorkerRole>,
}

/// The role of a grid worker (网格员), as the seeds name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum WorkerRole {
    /// 报到党员: an in-service member who reported to the community (昌宁 "1+1").
    ReportingMember,
    /// 无职党员: a member without office (昌宁 "1+1").
    NoOfficeMember,
    /// 专职网格员.
    FullTime,
    /// 楼栋长 (呼和浩特 回民区 2,126; 赛罕区 9,020 楼栋长 and 单元长).
    BuildingHead,
    /// 单元长 (回民区 7,665).
    UnitHead,
}

impl WorkerRole {
    /// Every role, in the order figures list them.
    pub const ALL: [WorkerRole; 5] =
        [WorkerRole::ReportingMember, WorkerRole::NoOfficeMember, WorkerRole::FullTime, WorkerRole::BuildingHead, WorkerRole::UnitHead];

    /// The JSON name, e.g. `reporting_member`.
    pub fn key(self) -> &'static str {
        match self {
            WorkerRole::ReportingMember => "reporting_member",
            WorkerRole::NoOfficeMember => "no_office_member",
            WorkerRole::FullTime => "full_time",
            WorkerRole::BuildingHead => "building_head",
            WorkerRole::UnitHead => "unit_head",
        }
    }

    /// The name in Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            WorkerRole::ReportingMember => "报到党员",
            WorkerRole::NoOfficeMember => "无职党员",
            WorkerRole::FullTime => "专职网格员",
            WorkerRole::BuildingHead => "楼栋长",
            WorkerRole::UnitHead => "单元长",
        }
    }
}

/// The kind of a Party member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum MemberKind {
    /// 在职党员.
    InService,
    /// 离退休党员.
    Retired,
    /// 流动党员; see [`Flow`].
    Mobile,
    /// 无职党员.
    NoOffice,
}

/// Direction of a mobile member (流入 / 流出).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Flow {
    /// 流入: came here from elsewhere.
    In,
    /// 流出: left here for elsewhere.
    Out,
}

/// A Party member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MemberRecord {
    /// Unique id.
    pub id: Text,
    /// Name.
    pub name: Text,
    /// 在职 / 离退休 / 流动 / 无职.
    pub kind: MemberKind,
    /// For mobile members only: 流入 or 流出.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow: Option<Flow>,
    /// Id of the node (branch, group or household) the member belongs to.
    pub node: Text,
    /// Id of the grid the member is placed in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grid: Option<Text>,
    /// Ids of the posts (设岗定责) the member holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub posts: Vec<Text>,
    /// Id of the community the member reports to where they live (双报到).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reports_to: Option<Text>,
    /// Masked in every output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Phone>,
    /// Masked in every output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_card: Option<IdCard>,
}

/// How a unit relates to the community.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum UnitKind {
    /// 报到单位: reports to the community (双报到).
    Reporting,
    /// 驻区单位: located in the community.
    CoLocated,
}

/// A unit (机关企事业单位) working with a community.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UnitRecord {
    /// Unique id.
    pub id: Text,
    /// Name.
    pub name: Text,
    /// 报到单位 or 驻区单位.
    pub kind: UnitKind,
    /// Id of the community node.
    pub community: Text,
    /// Whether the unit is a member of the community's big committee (大党委).
    #[serde(default)]
    pub big_committee: bool,
    /// Joint-building agreements (共建协议).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreements: Vec<AgreementRecord>,
    /// The communities the unit 包保 (联系包保; 来凤's "1+4+N"), each with its role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub baobao: Vec<BaobaoRecord>,
    /// People the unit has stationed in a community (尖刀班, 第一书记), with their dates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stationed: Vec<StationedRecord>,
}

/// A unit's role in a community's 包保 (来凤 "1+4+N": one lead department, four responsible
/// departments and several county departments for each community).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum BaobaoRole {
    /// 牵头单位: the "1".
    Lead,
    /// 责任单位: one of the "4".
    Responsible,
    /// 联系单位 (a county department): one of the "N".
    Member,
}

impl BaobaoRole {
    /// The name in Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            BaobaoRole::Lead => "牵头单位",
            BaobaoRole::Responsible => "责任单位",
            BaobaoRole::Member => "联系单位",
        }
    }
}

/// One community a unit 包保, with its role and, when known, the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BaobaoRecord {
    /// Id of the community node.
    pub community: Text,
    /// Lead, responsible or member.
    pub role: BaobaoRole,
    /// First day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// Last day; open while none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
}

/// What a stationed person is there as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum StationedRole {
    /// A member of the community's 尖刀班 (来凤: five from the lead and responsible units).
    TaskForce,
    /// 第一书记 (of the community or of one of its branches).
    FirstSecretary,
}

impl StationedRole {
    /// The name in Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            StationedRole::TaskForce => "尖刀班队员",
            StationedRole::FirstSecretary => "第一书记",
        }
    }
}

/// A person a unit stations (进驻) in a community.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StationedRecord {
    /// Name.
    pub name: Text,
    /// 尖刀班 member or 第一书记.
    pub role: StationedRole,
    /// Id of the community node they are stationed in.
    pub community: Text,
    /// Id of their member record, when they are in the document's members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<Text>,
    /// First day.
    pub from: Date,
    /// Last day; still there while none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
    /// Work funds the unit pays for them a year, in yuan (来凤: at least 10,000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funds_yuan: Option<f64>,
}

impl StationedRecord {
    /// Whether they are stationed on this day.
    pub fn on(&self, day: Date) -> bool {
        self.from <= day && self.to.is_none_or(|to| day <= to)
    }
}

/// A property-management company (物业企业) and its Party organization, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PropertyCompanyRecord {
    /// Unique id.
    pub id: Text,
    /// Name.
    pub name: Text,
    /// Its Party organization: a node of the tree or a unit of the document. Several
    /// companies may share one (新乡: 101 Party organizations cover 355 companies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<PartyRef>,
}

/// Where a Party organization is recorded: a node of the tree or a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PartyRef {
    /// `node` or `unit`.
    pub kind: PartyRefKind,
    /// The node's or unit's id.
    pub id: Text,
}

/// What a [`PartyRef`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum PartyRefKind {
    /// A node of the tree (e.g. a property company's branch under the community).
    Node,
    /// A unit of the document.
    Unit,
}

/// A residential compound (小区).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CompoundRecord {
    /// Unique id.
    pub id: Text,
    /// Name, e.g. 幸福家园.
    pub name: Text,
    /// Id of the community node it lies in.
    pub community: Text,
    /// Ids of the grids it lies in (of that community).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grids: Vec<Text>,
    /// Households.
    #[serde(default)]
    pub households: u32,
    /// Buildings.
    #[serde(default)]
    pub buildings: u32,
    /// Id of its property company; none for a compound without property management
    /// (无物业小区, which 新乡 and 呼和浩特 drove to zero).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub property_company: Option<Text>,
    /// Whether a joint-meeting mechanism (联席会议、恳谈会、议事会) is in place.
    #[serde(default)]
    pub joint_meeting: bool,
    /// Whether it is a 红色物业 demonstration site (红色物业示范点).
    #[serde(default)]
    pub red_property_site: bool,
}

/// The kind of a team (队).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum TeamKind {
    /// 先锋队 (来凤's 张富清先锋队).
    Vanguard,
    /// 志愿服务队 (祁门: 69).
    Volunteer,
    /// 党员服务队 (祁门: 7).
    PartyService,
    /// 暖心服务小分队 (回民区 63, 赛罕区 1,220).
    WarmService,
    /// 党员代办队 (玉泉区 85).
    Errand,
}

impl TeamKind {
    /// Every kind, in the order figures list them.
    pub const ALL: [TeamKind; 5] = [TeamKind::Vanguard, TeamKind::Volunteer, TeamKind::PartyService, TeamKind::WarmService, TeamKind::Errand];

    /// The JSON name.
    pub fn key(self) -> &'static str {
        match self {
            TeamKind::Vanguard => "vanguard",
            TeamKind::Volunteer => "volunteer",
            TeamKind::PartyService => "party_service",
            TeamKind::WarmService => "warm_service",
            TeamKind::Errand => "errand",
        }
    }

    /// The name in Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            TeamKind::Vanguard => "先锋队",
            TeamKind::Volunteer => "志愿服务队",
            TeamKind::PartyService => "党员服务队",
            TeamKind::WarmService => "暖心服务小分队",
            TeamKind::Errand => "党员代办队",
        }
    }
}

/// A team's service module (来凤's five: 应急救援、关爱帮困、文艺服务、公共事务、法治调解).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ServiceModule {
    /// 应急救援.
    EmergencyRescue,
    /// 关爱帮困.
    Care,
    /// 文艺服务.
    Culture,
    /// 公共事务.
    PublicAffairs,
    /// 法治调解.
    Mediation,
}

impl ServiceModule {
    /// Every module, in the order figures list them.
    pub const ALL: [ServiceModule; 5] =
        [ServiceModule::EmergencyRescue, ServiceModule::Care, ServiceModule::Culture, ServiceModule::PublicAffairs, ServiceModule::Mediation];

    /// The JSON name.
    pub fn key(self) -> &'static str {
        match self {
            ServiceModule::EmergencyRescue => "emergency_rescue",
            ServiceModule::Care => "care",
            ServiceModule::Culture => "culture",
            ServiceModule::PublicAffairs => "public_affairs",
            ServiceModule::Mediation => "mediation",
        }
    }

    /// The name in Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            ServiceModule::EmergencyRescue => "应急救援",
            ServiceModule::Care => "关爱帮困",
            ServiceModule::Culture => "文艺服务",
            ServiceModule::PublicAffairs => "公共事务",
            ServiceModule::Mediation => "法治调解",
        }
    }
}

/// A volunteer or service team (队): whom it serves, its modules, its people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TeamRecord {
    /// Unique id.
    pub id: Text,
    /// Name, e.g. 胜利社区张富清先锋队.
    pub name: Text,
    /// 先锋队, 志愿服务队, 党员服务队, 暖心服务小分队 or 党员代办队.
    pub kind: TeamKind,
    /// Id of the community it serves.
    pub community: Text,
    /// Id of the grid it serves, when it serves one grid of that community.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grid: Option<Text>,
    /// Its service modules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modules: Vec<ServiceModule>,
    /// Ids of the members in it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Text>,
    /// Ids of the units in it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<Text>,
    /// Volunteers in it who are not in the document's members (退休干部, 社会爱心人士 …).
    #[serde(default)]
    pub volunteers: u32,
    /// Id of the member who leads it (one of its members).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader: Option<Text>,
}

impl TeamRecord {
    /// The people in the team: its members and its other volunteers.
    pub fn people(&self) -> u32 {
        (self.members.len() as u32).saturating_add(self.volunteers)
    }
}

/// A joint-building agreement (共建联建协议) with its period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AgreementRecord {
    /// Title.
    pub title: Text,
    /// First day in force.
    pub start: Date,
    /// Last day in force.
    pub end: Date,
}

/// A calendar date written `YYYY-MM-DD` (RFC 3339 full-date).
///
/// Read by hand rather than through chrono's general parser, which would add more to the
/// wasm bundle than the rest of this module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NaiveDate);

impl Date {
    /// What a required date of a record read by its table holds until it is read.
    pub(crate) const PLACEHOLDER: Date = Date(NaiveDate::MIN);

    /// `YYYY-MM-DD`, a real day of the proleptic Gregorian calendar.
    ///
    /// ```
    /// use grassroots::org::Date;
    /// assert!(Date::parse("2026-02-28").is_some());
    /// assert!(Date::parse("2026-02-30").is_none());
    /// assert!(Date::parse("2026-2-3").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<Self> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| text.get(r).filter(|t| t.bytes().all(|c| c.is_ascii_digit()))?.parse::<u32>().ok();
        let year = i32::try_from(num(0..4)?).ok()?;
        NaiveDate::from_ymd_opt(year, num(5..7)?, num(8..10)?).map(Date)
    }

    /// The day as chrono's type.
    pub fn naive(self) -> NaiveDate {
        self.0
    }

    /// Makes a date from numbers; `None` when there is no such day.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.0.year(), self.0.month(), self.0.day())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("\"{text}\" is not a date written YYYY-MM-DD")))
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date" })
    }
}

/// A big committee (大党委) on a community node: part-time members (兼职委员) from units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CommitteeRecord {
    /// Part-time committee members, usually 3–7.
    #[serde(default)]
    pub part_time: Vec<PartTimeRecord>,
}

/// A part-time committee member (兼职委员) and the unit they come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PartTimeRecord {
    /// Name.
    pub name: Text,
    /// Id of their unit.
    pub unit: Text,
}

/// A category of posts for members without office (设岗定责), e.g. 志愿者服务岗.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PostCategoryRecord {
    /// Unique id.
    pub id: Text,
    /// Name, e.g. 社区事务监督岗.
    pub name: Text,
    /// The posts in this category.
    #[serde(default)]
    pub posts: Vec<PostRecord>,
}

/// One post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PostRecord {
    /// Unique id across all categories.
    pub id: Text,
    /// Name, e.g. 民事调解员.
    pub name: Text,
}

// The wasm build reads these records by a table of their fields (`crate::jsonpath::table`),
// not by serde's derived visitors; each table lists every field as the derive reads it (a
// unit test holds the two readings to the same records, paths and messages). A placeholder
// in parentheses is what a required field holds until it is read.
crate::by_serde!(Phone, IdCard, Date);
crate::lean_enum!(WorkerRole { ReportingMember = "reporting_member", NoOfficeMember = "no_office_member", FullTime = "full_time", BuildingHead = "building_head", UnitHead = "unit_head" });
crate::lean_enum!(MemberKind { InService = "in_service", Retired = "retired", Mobile = "mobile", NoOffice = "no_office" });
crate::lean_enum!(Flow { In = "in", Out = "out" });
crate::lean_enum!(UnitKind { Reporting = "reporting", CoLocated = "co_located" });
crate::lean_enum!(BaobaoRole { Lead = "lead", Responsible = "responsible", Member = "member" });
crate::lean_enum!(StationedRole { TaskForce = "task_force", FirstSecretary = "first_secretary" });
crate::lean_enum!(PartyRefKind { Node = "node", Unit = "unit" });
crate::lean_enum!(TeamKind { Vanguard = "vanguard", Volunteer = "volunteer", PartyService = "party_service", WarmService = "warm_service", Errand = "errand" });
crate::lean_enum!(ServiceModule { EmergencyRescue = "emergency_rescue", Care = "care", Culture = "culture", PublicAffairs = "public_affairs", Mediation = "mediation" });

crate::lean_record!(GridRecord, deny = true, {
    id: Required,
    code: Required,
    name: Default,
    community: Required,
    merged: Default,
    workers: Default,
    households: Default,
    population: Default,
    buildings: Default,
    area_km2: Default,
});

crate::lean_record!(WorkerRecord, deny = true, {
    name: Required,
    phone: Default,
    member: Default,
    role: Default,
});

crate::lean_record!(MemberRecord, deny = true, {
    id: Required,
    name: Required,
    kind: Required(MemberKind::InService),
    flow: Default,
    node: Required,
    grid: Default,
    posts: Default,
    reports_to: Default,
    phone: Default,
    id_card: Default,
});

crate::lean_record!(UnitRecord, deny = true, {
    id: Required,
    name: Required,
    kind: Required(UnitKind::Reporting),
    community: Required,
    big_committee: Default,
    agreements: Default,
    baobao: Default,
    stationed: Default,
});

crate::lean_record!(BaobaoRecord, deny = true, {
    community: Required,
    role: Required(BaobaoRole::Lead),
    from: Default,
    to: Default,
});

crate::lean_record!(StationedRecord, deny = true, {
    name: Required,
    role: Required(StationedRole::TaskForce),
    community: Required,
    member: Default,
    from: Required(Date::PLACEHOLDER),
    to: Default,
    funds_yuan: Default,
});

crate::lean_record!(PropertyCompanyRecord, deny = true, {
    id: Required,
    name: Required,
    party: Default,
});

crate::lean_record!(PartyRef, deny = true, {
    kind: Required(PartyRefKind::Node),
    id: Required,
});

crate::lean_record!(CompoundRecord, deny = true, {
    id: Required,
    name: Required,
    community: Required,
    grids: Default,
    households: Default,
    buildings: Default,
    property_company: Default,
    joint_meeting: Default,
    red_property_site: Default,
});

crate::lean_record!(TeamRecord, deny = true, {
    id: Required,
    name: Required,
    kind: Required(TeamKind::Vanguard),
    community: Required,
    grid: Default,
    modules: Default,
    members: Default,
    units: Default,
    volunteers: Default,
    leader: Default,
});

crate::lean_record!(AgreementRecord, deny = true, {
    title: Required,
    start: Required(Date::PLACEHOLDER),
    end: Required(Date::PLACEHOLDER),
});

crate::lean_record!(CommitteeRecord, deny = true, {
    part_time: Default,
});

crate::lean_record!(PartTimeRecord, deny = true, {
    name: Required,
    unit: Required,
});

crate::lean_record!(PostCategoryRecord, deny = true, {
    id: Required,
    name: Required,
    posts: Default,
});

crate::lean_record!(PostRecord, deny = true, {
    id: Required,
    name: Required,
});
