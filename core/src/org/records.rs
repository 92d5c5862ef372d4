//! The input records of an organization document, as portals export them. These are the
//! JSON (and CSV) formats; `Organization` turns them into checked domain values.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::personal::{IdCard, Phone};

/// A grid (网格): coded, in exactly one community, with its worker(s) and figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GridRecord {
    /// Unique id of the grid.
    pub id: String,
    /// CJ/T 349 style code: 6-digit division + 3 street + 3 community + 2–3 sequence.
    pub code: String,
    /// Display name, e.g. 第一网格.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Id of the community node the grid belongs to.
    pub community: String,
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
    pub name: String,
    /// Contact number; masked in every output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Phone>,
    /// Id of the worker's member record, when the worker is a Party member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
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
    pub id: String,
    /// Name.
    pub name: String,
    /// 在职 / 离退休 / 流动 / 无职.
    pub kind: MemberKind,
    /// For mobile members only: 流入 or 流出.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow: Option<Flow>,
    /// Id of the node (branch, group or household) the member belongs to.
    pub node: String,
    /// Id of the grid the member is placed in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grid: Option<String>,
    /// Ids of the posts (设岗定责) the member holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub posts: Vec<String>,
    /// Id of the community the member reports to where they live (双报到).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reports_to: Option<String>,
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
    pub id: String,
    /// Name.
    pub name: String,
    /// 报到单位 or 驻区单位.
    pub kind: UnitKind,
    /// Id of the community node.
    pub community: String,
    /// Whether the unit is a member of the community's big committee (大党委).
    #[serde(default)]
    pub big_committee: bool,
    /// Joint-building agreements (共建协议).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreements: Vec<AgreementRecord>,
}

/// A joint-building agreement (共建联建协议) with its period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AgreementRecord {
    /// Title.
    pub title: String,
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
    pub name: String,
    /// Id of their unit.
    pub unit: String,
}

/// A category of posts for members without office (设岗定责), e.g. 志愿者服务岗.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PostCategoryRecord {
    /// Unique id.
    pub id: String,
    /// Name, e.g. 社区事务监督岗.
    pub name: String,
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
    pub id: String,
    /// Name, e.g. 民事调解员.
    pub name: String,
}
