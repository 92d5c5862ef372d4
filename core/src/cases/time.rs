//! Time limits as the case documents write them; instants are [`crate::time::Timestamp`].

use chrono::TimeDelta;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use crate::time::Timestamp;

impl Timestamp {
    /// The instant `limit` after this one; `None` only past the end of chrono's calendar.
    pub fn plus(self, limit: Limit) -> Option<Timestamp> {
        self.0.checked_add_signed(limit.0).map(Timestamp)
    }
}

/// A time limit as data: a number and a unit, `s`, `m` (minutes), `h` or `d` (calendar
/// days of 24 h), in parts from the largest unit down: `90s`, `10m`, `1h30m`, `15d`.
///
/// ```
/// use grassroots::cases::Limit;
/// assert_eq!(Limit::parse("1h30m").map(Limit::seconds), Some(5400));
/// assert_eq!(Limit::parse("15d").map(|l| l.to_string()), Some("15d".to_owned()));
/// assert!(Limit::parse("30 minutes").is_none());
/// assert!(Limit::parse("0m").is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Limit(TimeDelta);

const UNITS: [(char, i64); 4] = [('d', 86_400), ('h', 3_600), ('m', 60), ('s', 1)];

impl Limit {
    /// What a required limit of a record read by its table holds until it is read.
    pub(crate) fn placeholder() -> Self {
        Limit(TimeDelta::zero())
    }

    /// Reads `90s`, `10m`, `2h`, `15d`, `1h30m`; `None` for anything else or for zero.
    pub fn parse(text: &str) -> Option<Self> {
        let mut rest = text.trim();
        let mut total: i64 = 0;
        let mut last_unit = usize::MAX;
        while !rest.is_empty() {
            let digits = rest.find(|c: char| !c.is_ascii_digit())?;
            let number: i64 = rest[..digits].parse().ok()?;
            let unit = rest[digits..].chars().next()?;
            let place = UNITS.iter().position(|(u, _)| *u == unit)?;
            // Parts go from the largest unit down, each once: "1h30m", not "30m1h".
            if last_unit != usize::MAX && place <= last_unit {
                return None;
            }
            last_unit = place;
            total = total.checked_add(number.checked_mul(UNITS[place].1)?)?;
            rest = &rest[digits + unit.len_utf8()..];
        }
        // A zero limit is never what a standard means; ten years is beyond any we model.
        (total > 0 && total <= 10 * 366 * 86_400).then(|| Limit(TimeDelta::seconds(total)))
    }

    /// The limit in seconds.
    pub fn seconds(self) -> i64 {
        self.0.num_seconds()
    }

    /// Makes a limit of whole minutes (`None` for zero).
    pub fn minutes(minutes: u32) -> Option<Self> {
        (minutes > 0).then(|| Limit(TimeDelta::minutes(i64::from(minutes))))
    }
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut left = self.seconds();
        for (unit, size) in UNITS {
            if left >= size {
                write!(f, "{}{unit}", left / size)?;
                left %= size;
            }
        }
        Ok(())
    }
}

impl Serialize for Limit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Limit {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Limit::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("expected a time limit such as 90s, 10m, 2h, 15d or 1h30m, got \"{text}\""))
        })
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Limit {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Limit".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "pattern": "^([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?$"})
    }
}

/// A duration for people: `1d 2h`, `6m`, `1m 30s`, `0s`; negative durations get a `-`.
///
/// ```
/// assert_eq!(grassroots::cases::human(3_900), "1h 5m");
/// assert_eq!(grassroots::cases::human(0), "0s");
/// assert_eq!(grassroots::cases::human(-90), "-1m 30s");
/// ```
pub fn human(seconds: i64) -> String {
    if seconds == 0 {
        return "0s".to_owned();
    }
    let mut left = seconds.unsigned_abs();
    let mut parts = Vec::new();
    for (unit, size) in UNITS {
        let size = size.unsigned_abs();
        if left >= size {
            parts.push(format!("{}{unit}", left / size));
            left %= size;
        }
    }
    let sign = if seconds < 0 { "-" } else { "" };
    format!("{sign}{}", parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_read_and_print_the_same() {
        for text in ["1m", "3m", "10m", "30m", "1h", "2h", "15d", "1h30m", "90s", "1d2h3m4s"] {
            let limit = Limit::parse(text);
            assert!(limit.is_some(), "{text}");
            if text != "90s" {
                assert_eq!(limit.map(|l| l.to_string()).as_deref(), Some(text));
            }
        }
        assert_eq!(Limit::parse("90s").map(|l| l.to_string()).as_deref(), Some("1m30s"));
        for bad in ["", "m", "10", "10x", "30m1h", "1h1h", "-5m", "0s", "1.5h", "99999999999999999999d"] {
            assert_eq!(Limit::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn instants_compare_across_offsets_and_print_in_shanghai_time() {
        let utc = Timestamp::parse("2026-06-30T23:50:00+00:00");
        let cst = Timestamp::parse("2026-07-01T07:50:00+08:00");
        assert_eq!(utc, cst);
        assert_eq!(utc.map(|t| t.to_string()).as_deref(), Some("2026-07-01T07:50:00+08:00"));
        assert_eq!(Timestamp::parse("2026-07-01T08:30:00"), None);
    }
}
