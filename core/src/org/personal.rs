//! Personal data (ID-card and phone numbers): validated on load, masked in every output.
//! The raw value is reachable only through an explicit `reveal()`, so no formatter, log line
//! or serializer can leak it by accident.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

// Natively inline (`compact_str`, up to 24 bytes: every valid number fits), so reading one
// allocates nothing; a `String` in wasm.
use super::Text;

/// A resident identity card number (居民身份证号码, GB 11643-1999: 17 digits and a check
/// character). Displays and serializes as `110105**********23`-style masked text.
#[derive(Clone, PartialEq, Eq)]
pub struct IdCard(Text);

/// A phone number: an 11-digit mobile number, or a landline with area code.
#[derive(Clone, PartialEq, Eq)]
pub struct Phone(Text);

/// Why a personal-data value is not valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonalError {
    /// Not 18 characters of 17 digits plus a digit or X.
    IdCardFormat,
    /// The check character does not match the first 17 digits.
    IdCardChecksum,
    /// Neither an 11-digit mobile number starting with 1 nor a landline number.
    PhoneFormat,
}

impl fmt::Display for PersonalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PersonalError::IdCardFormat => "an ID-card number has 17 digits and a check digit or X",
            PersonalError::IdCardChecksum => "the ID-card number's check digit is wrong",
            PersonalError::PhoneFormat => "a phone number is 11 digits starting with 1, or a landline such as 0718-6281234",
        })
    }
}

impl IdCard {
    /// Checks the format and the ISO 7064 MOD 11-2 check character.
    ///
    /// ```
    /// use grassroots::org::IdCard;
    /// assert!(IdCard::parse("11010519491231002X").is_ok());
    /// assert!(IdCard::parse("110105194912310021").is_err()); // wrong check digit
    /// ```
    pub fn parse(text: &str) -> Result<Self, PersonalError> {
        Self::check(text.trim().to_ascii_uppercase().into())
    }

    /// [`Self::parse`] of text already owned (a document's field): kept as it is when it is
    /// already 18 characters with no lower-case `x`, without a copy.
    fn parse_owned(text: Text) -> Result<Self, PersonalError> {
        if text.len() == 18 && !text.ends_with('x') {
            // White space or other characters in it fail the format, as after a trim.
            Self::check(text)
        } else {
            Self::parse(&text)
        }
    }

    /// Checks text already trimmed and upper-case.
    fn check(t: Text) -> Result<Self, PersonalError> {
        let bytes = t.as_bytes();
        if bytes.len() != 18 || !bytes[..17].iter().all(u8::is_ascii_digit) || !(bytes[17].is_ascii_digit() || bytes[17] == b'X') {
            return Err(PersonalError::IdCardFormat);
        }
        const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        const CHECK: &[u8; 11] = b"10X98765432";
        let sum: u32 = bytes[..17].iter().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
        if CHECK[(sum % 11) as usize] != bytes[17] {
            return Err(PersonalError::IdCardChecksum);
        }
        Ok(IdCard(t))
    }

    /// The full number. Call this only where showing it is authorised.
    pub fn reveal(&self) -> &str {
        &self.0
    }

    /// The first 6 (region) and last 2 characters, the rest as `*`.
    pub fn masked(&self) -> String {
        mask(&self.0, 6, 2)
    }
}

impl Phone {
    /// Accepts mobile numbers (`13812345678`, `+86 138 1234 5678`) and landlines with an area
    /// code (`0718-6281234`).
    pub fn parse(text: &str) -> Result<Self, PersonalError> {
        let compact: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        let digits = compact.strip_prefix("+86").unwrap_or(&compact);
        if Self::valid(digits) { Ok(Phone(digits.into())) } else { Err(PersonalError::PhoneFormat) }
    }

    /// [`Self::parse`] of text already owned (a document's field): kept as it is when it is
    /// digits only, as most are, without a copy.
    fn parse_owned(text: Text) -> Result<Self, PersonalError> {
        if !text.bytes().all(|b| b.is_ascii_digit()) {
            return Self::parse(&text);
        }
        if Self::valid(&text) { Ok(Phone(text)) } else { Err(PersonalError::PhoneFormat) }
    }

    /// Whether digits with no spaces, dashes or +86 are a mobile or a landline number.
    fn valid(digits: &str) -> bool {
        let ok_mobile = digits.len() == 11 && digits.starts_with('1') && digits.bytes().all(|b| b.is_ascii_digit());
        let ok_landline = digits.starts_with('0') && (10..=12).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
        ok_mobile || ok_landline
    }

    /// The full number. Call this only where showing it is authorised.
    pub fn reveal(&self) -> &str {
        &self.0
    }

    /// The first 3 and last 4 digits, the rest as `*` (`138****5678`).
    pub fn masked(&self) -> String {
        mask(&self.0, 3, 4)
    }
}

fn mask(text: &str, keep_start: usize, keep_end: usize) -> String {
    let n = text.chars().count();
    text.chars()
        .enumerate()
        .map(|(i, c)| if i < keep_start || i + keep_end >= n { c } else { '*' })
        .collect()
}

macro_rules! masked_impls {
    ($t:ty) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.masked())
            }
        }
        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($t), self.masked())
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.masked())
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <$t>::parse_owned(Text::deserialize(d)?).map_err(serde::de::Error::custom)
            }
        }
    };
}
masked_impls!(IdCard);
masked_impls!(Phone);

#[cfg(feature = "schema")]
mod schema {
    use std::borrow::Cow;

    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

    impl JsonSchema for super::IdCard {
        fn schema_name() -> Cow<'static, str> {
            "IdCard".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string",
                "pattern": "^[0-9]{17}[0-9Xx]$",
                "description": "Resident ID-card number (GB 11643); the check digit is verified. Masked in every output."
            })
        }
    }

    impl JsonSchema for super::Phone {
        fn schema_name() -> Cow<'static, str> {
            "Phone".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string",
                "pattern": "^(\\+86)?[0-9 -]{10,16}$",
                "description": "Mobile (11 digits starting with 1) or landline with area code. Masked in every output."
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_in_every_output() -> Result<(), PersonalError> {
        let id = IdCard::parse("11010519491231002x")?;
        assert_eq!(id.to_string(), "110105**********2X");
        assert_eq!(format!("{id:?}"), "IdCard(110105**********2X)");
        assert_eq!(serde_json::to_string(&id).ok().as_deref(), Some("\"110105**********2X\""));
        assert_eq!(id.reveal(), "11010519491231002X");
        let phone = Phone::parse("+86 138-1234-5678")?;
        assert_eq!(phone.to_string(), "138****5678");
        assert_eq!(Phone::parse("0718-6281234")?.to_string(), "071****1234");
        Ok(())
    }

    #[test]
    fn a_field_read_is_checked_as_parse_checks_it() {
        // parse_owned keeps canonical text without a copy; it must agree with parse on all.
        let texts = [
            "11010519491231002X", "11010519491231002x", " 11010519491231002X", "110105194912310021", "1101051949123100",
            "11010519491231002X ", "１1010519491231002", "13812345678", "138 1234 5678", "+8613812345678", "0718-6281234",
            "07186281234", "2381234567", "1381234567a", "138123456789", "", "1", "0123456789012", "+86",
        ];
        for t in texts {
            assert_eq!(IdCard::parse_owned(t.into()), IdCard::parse(t), "{t:?}");
            assert_eq!(Phone::parse_owned(t.into()), Phone::parse(t), "{t:?}");
            let json = serde_json::to_string(t).unwrap_or_default();
            assert_eq!(serde_json::from_str::<Phone>(&json).ok(), Phone::parse(t).ok(), "{t:?}");
            assert_eq!(serde_json::from_str::<IdCard>(&json).ok(), IdCard::parse(t).ok(), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn reading_a_field_agrees_with_parse(t in "[0-9xX +-]{0,20}", digits in "[0-9]{10,19}[0-9xX]?") {
            for t in [t, digits] {
                proptest::prop_assert_eq!(IdCard::parse_owned(t.as_str().into()), IdCard::parse(&t));
                proptest::prop_assert_eq!(Phone::parse_owned(t.as_str().into()), Phone::parse(&t));
            }
        }
    }

    #[test]
    fn rejects_what_is_not_a_number_of_its_kind() {
        assert_eq!(IdCard::parse("110105194912310021"), Err(PersonalError::IdCardChecksum));
        assert_eq!(IdCard::parse("1101051949123100"), Err(PersonalError::IdCardFormat));
        assert_eq!(Phone::parse("2381234567"), Err(PersonalError::PhoneFormat));
        assert_eq!(Phone::parse("1381234567a"), Err(PersonalError::PhoneFormat));
    }
}
