//! Instants as the case and services documents write them: RFC 3339 text, held in
//! Asia/Shanghai time. One type for both, so that a portal joining cases and claims compares
//! and sorts them without conversions.

use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDateTime, SecondsFormat, TimeDelta};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::org::Date;

/// Asia/Shanghai: UTC+8 all year round (China has no daylight saving time).
const SHANGHAI: FixedOffset = match FixedOffset::east_opt(8 * 3600) {
    Some(offset) => offset,
    // Evaluated at compile time: 8 h is inside the ±24 h a fixed offset allows.
    None => panic!("UTC+8 is a valid offset"),
};

/// An instant, read from RFC 3339 text with its offset (`2026-06-27T08:12:00+08:00`) and held
/// in Asia/Shanghai time.
///
/// Comparisons and differences are on the absolute instant, so `…T00:12:00+00:00` and
/// `…T08:12:00+08:00` are equal, and a case that crosses midnight or mixes offsets is timed
/// correctly. Output is always at +08:00, and calendar questions (which day, which month) are
/// answered in Shanghai time.
///
/// ```
/// use grassroots::time::Timestamp;
/// let a = Timestamp::parse("2026-06-27T00:12:00+00:00").ok_or("bad")?;
/// let b = Timestamp::parse("2026-06-27T08:12:00+08:00").ok_or("bad")?;
/// assert_eq!(a, b);
/// assert_eq!(a.to_string(), "2026-06-27T08:12:00+08:00");
/// assert_eq!(Timestamp::parse("2026-07-31T16:00:00Z").map(|t| t.to_string()), Some("2026-08-01T00:00:00+08:00".into()));
/// assert!(Timestamp::parse("2026-06-27 08:12").is_none());
/// # Ok::<(), &str>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub(crate) DateTime<FixedOffset>);

impl Timestamp {
    /// What a required time of a record read by its table holds until it is read.
    #[cfg_attr(not(any(feature = "cases", feature = "services")), allow(dead_code))]
    pub(crate) fn placeholder() -> Timestamp {
        Timestamp(chrono::DateTime::<chrono::Utc>::MIN_UTC.fixed_offset())
    }

    /// Reads RFC 3339 text; `None` when it is not RFC 3339 (a missing offset, say).
    pub fn parse(text: &str) -> Option<Self> {
        DateTime::parse_from_rfc3339(text).ok().map(|t| Timestamp(t.with_timezone(&SHANGHAI)))
    }

    /// The instant as chrono's type, at +08:00.
    pub fn datetime(self) -> DateTime<FixedOffset> {
        self.0
    }

    /// `self - earlier`; negative when `earlier` is later.
    pub fn since(self, earlier: Timestamp) -> TimeDelta {
        self.0.signed_duration_since(earlier.0)
    }

    /// The instant at midnight (+08:00) that starts `day`.
    pub fn start_of(day: Date) -> Option<Timestamp> {
        day.naive().and_hms_opt(0, 0, 0)?.and_local_timezone(SHANGHAI).single().map(Timestamp)
    }

    /// The wall-clock time in Shanghai.
    pub fn local(self) -> NaiveDateTime {
        self.0.naive_local()
    }

    /// The day in Shanghai.
    pub fn date(self) -> Date {
        let d = self.0.date_naive();
        Date::from_ymd(d.year(), d.month(), d.day()).unwrap_or_else(|| unreachable!("a real day"))
    }

    /// The calendar month in Shanghai (claims' capacity is counted per month).
    pub fn month(self) -> Month {
        Month { year: self.0.year(), month: self.0.month() }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(SecondsFormat::AutoSi, false))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Timestamp::parse(&text).ok_or_else(|| serde::de::Error::custom(expected_rfc3339(&text)))
    }
}

/// What a text that is not an instant is told: the message of the documents' readers and of
/// the CLI's `--now`.
pub fn expected_rfc3339(text: &str) -> String {
    format!("expected an RFC 3339 time such as 2026-07-01T08:30:00+08:00, got \"{text}\"")
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Timestamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timestamp".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "format": "date-time"})
    }
}

/// A calendar month, written `2026-07`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    /// The year.
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

// A record's time, read by its own `Deserialize` (see `crate::jsonpath::table`).
crate::by_serde!(Timestamp);
