//! Values as offices type them: dates as serial numbers or in three written forms, ID-card
//! numbers in number cells, with a lower-case x or full-width digits, phone numbers with
//! spaces or dashes, 是/否.

use chrono::{Days, NaiveDate};

use super::read::{Cell, number_text};
use crate::ProblemKind;
use crate::org::{Date, IdCard, PersonalError, Phone};

/// Full-width digits, letters and punctuation as ASCII; the ideographic space as a space.
pub fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// A day from a date cell, an Excel serial number (1900 date system), or text written
/// `2026-03-01`, `2026/3/1`, `2026.3.1` or `2026年3月1日`.
pub fn date(cell: &Cell) -> Result<Date, ProblemKind> {
    let bad = || ProblemKind::DateFormat { value: cell.text() };
    match cell {
        Cell::Date(d) => Date::from_ymd(chrono::Datelike::year(d), chrono::Datelike::month(d), chrono::Datelike::day(d)).ok_or_else(bad),
        Cell::Number(n) => serial_date(*n).ok_or_else(bad),
        Cell::Text(t) => {
            let t = half_width(t.trim());
            let t = t.trim_end_matches('日').replace(['年', '月', '/', '.'], "-");
            let mut parts = t.split('-').map(|p| p.trim().parse::<u32>().ok());
            match (parts.next().flatten(), parts.next().flatten(), parts.next().flatten(), parts.next()) {
                (Some(y), Some(m), Some(d), None) if (1900..=2200).contains(&y) => {
                    Date::from_ymd(i32::try_from(y).map_err(|_| bad())?, m, d).ok_or_else(bad)
                }
                // A serial number kept as text by a CSV export.
                _ => t.parse::<f64>().ok().and_then(serial_date).ok_or_else(bad),
            }
        }
        _ => Err(bad()),
    }
}

/// An Excel serial day number (1900 system, with Lotus's 29 February 1900) as a date; the
/// time of day, if any, is dropped. Serials before 1 March 1900 are refused.
fn serial_date(serial: f64) -> Option<Date> {
    if !(61.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let day = base.checked_add_days(Days::new(serial.floor() as u64))?;
    Date::from_ymd(chrono::Datelike::year(&day), chrono::Datelike::month(&day), chrono::Datelike::day(&day))
}

/// An ID-card number. A number cell has at most 15 significant digits, so an 18-digit number
/// typed into one has lost its last digits: that is its own problem, which says so.
pub fn id_card(cell: &Cell) -> Result<IdCard, ProblemKind> {
    let text = match cell {
        Cell::Number(n) => {
            let shown = number_text(*n);
            // Numbers up to 2^53 are exact; an 18-digit number is far above, so never is.
            if n.abs() >= 9_007_199_254_740_992.0 || shown.len() >= 16 {
                return Err(ProblemKind::DigitsLost { shown });
            }
            shown
        }
        other => other.text(),
    };
    let text: String = half_width(&text).chars().filter(|c| !c.is_whitespace()).collect();
    IdCard::parse(&text).map_err(|e| match e {
        PersonalError::IdCardChecksum => ProblemKind::IdCardCheckDigit,
        _ => ProblemKind::IdCardFormat,
    })
}

/// A phone number: spaces, dashes and full-width digits are fine; a number cell too.
pub fn phone(cell: &Cell) -> Result<Phone, ProblemKind> {
    let text = half_width(&cell.text());
    let compact: String = text.chars().filter(|c| !c.is_whitespace() && !matches!(c, '-' | '—' | '－' | '(' | ')')).collect();
    Phone::parse(&compact).map_err(|_| ProblemKind::PhoneFormat { value: cell.text() })
}

/// 是/否 and their usual variants; TRUE/FALSE cells.
pub fn yes_no(cell: &Cell) -> Result<bool, ProblemKind> {
    match cell {
        Cell::Bool(b) => Ok(*b),
        Cell::Number(n) if *n == 1.0 => Ok(true),
        Cell::Number(n) if *n == 0.0 => Ok(false),
        other => match crate::text::fold(&half_width(&other.text())).as_str() {
            "是" | "√" | "y" | "yes" | "true" | "1" | "有" => Ok(true),
            "否" | "×" | "n" | "no" | "false" | "0" | "无" | "" => Ok(false),
            _ => Err(ProblemKind::NotOneOf { value: other.text(), expected: vec!["是".into(), "否".into()] }),
        },
    }
}

/// A whole number of 0 or more (户数, 人口): a number cell, or text with thousands separators.
pub fn count(cell: &Cell) -> Result<u32, ProblemKind> {
    let bad = || ProblemKind::NotCount { value: cell.text() };
    let n = match cell {
        Cell::Number(n) => *n,
        other => half_width(&other.text()).replace([',', '，'], "").trim().trim_end_matches(['户', '人', '栋']).parse::<f64>().map_err(|_| bad())?,
    };
    if n.fract() != 0.0 || !(0.0..=f64::from(u32::MAX)).contains(&n) {
        return Err(bad());
    }
    Ok(n as u32)
}

/// A number (面积).
pub fn number(cell: &Cell) -> Result<f64, ProblemKind> {
    match cell {
        Cell::Number(n) => Ok(*n),
        other => half_width(&other.text()).replace([',', '，'], "").trim().parse::<f64>().ok().filter(|n| n.is_finite()).ok_or_else(|| ProblemKind::NotNumber { value: other.text() }),
    }
}

/// Splits a cell listing several values (岗位, 网格员): 、 ; ； , ， or line breaks.
pub fn list<T: for<'a> From<&'a str>>(cell: &Cell) -> Vec<T> {
    cell.text().split(['、', ';', '；', ',', '，', '\n']).map(str::trim).filter(|s| !s.is_empty()).map(T::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Cell {
        Cell::Text(t.to_owned())
    }

    #[test]
    fn dates_as_offices_type_them() {
        let want = Date::from_ymd(2026, 3, 1);
        for cell in [text("2026-03-01"), text("2026/3/1"), text("2026年3月1日"), text("２０２６年３月１日"), text("2026.3.1"), Cell::Number(46082.0), text("46082"), Cell::Date(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default())] {
            assert_eq!(date(&cell).ok(), want, "{cell:?}");
        }
        for cell in [text("2026-02-30"), text("3/1"), text("明年"), Cell::Number(12.0), Cell::Bool(true)] {
            assert!(matches!(date(&cell), Err(ProblemKind::DateFormat { .. })), "{cell:?}");
        }
    }

    #[test]
    fn id_card_numbers_as_offices_type_them() {
        for cell in [text("11010519491231002X"), text("11010519491231002x"), text("１１０１０５１９４９１２３１００２Ｘ"), text(" 110105 19491231 002X ")] {
            assert_eq!(id_card(&cell).map(|c| c.reveal().to_owned()), Ok("11010519491231002X".to_owned()), "{cell:?}");
        }
        // 110105194912310037 typed into a number cell.
        assert_eq!(id_card(&Cell::Number(110105194912310037.0)).err(), Some(ProblemKind::DigitsLost { shown: "110105194912310032".into() }));
        assert_eq!(id_card(&text("110105194912310021")).err(), Some(ProblemKind::IdCardCheckDigit));
        assert_eq!(id_card(&text("1101051949")).err(), Some(ProblemKind::IdCardFormat));
    }

    #[test]
    fn phones_booleans_and_counts() {
        for t in ["138 1234 5678", "138-1234-5678", "１３８１２３４５６７８", "0718-628 1234"] {
            assert!(phone(&text(t)).is_ok(), "{t}");
        }
        assert!(phone(&Cell::Number(13812345678.0)).is_ok());
        assert!(matches!(phone(&text("1234")), Err(ProblemKind::PhoneFormat { .. })));
        assert_eq!((yes_no(&text("是")), yes_no(&text("否")), yes_no(&Cell::Bool(true))), (Ok(true), Ok(false), Ok(true)));
        assert!(yes_no(&text("也许")).is_err());
        assert_eq!((count(&Cell::Number(320.0)), count(&text("1,280")), count(&text("320户"))), (Ok(320), Ok(1280), Ok(320)));
        assert!(count(&Cell::Number(3.5)).is_err());
        assert!(count(&text("-1")).is_err());
        assert_eq!(list::<String>(&text("p1；p2、 p3")), ["p1", "p2", "p3"]);
    }
}
