//! Text that suits Chinese data: names typed with full-width letters and digits (ＡＢ１２),
//! ideographic spaces, or mixed case still match what a person types; numbers are written as
//! people write them.

/// A number as people write it, to two decimals at most: `90`, `0.9`, `2.5`, `87.25`.
///
/// ```
/// use grassroots::text::number;
/// assert_eq!((number(90.0), number(0.9), number(0.1 + 0.2), number(-0.0)), ("90".into(), "0.9".into(), "0.3".into(), "0".into()));
/// ```
pub fn number(value: f64) -> String {
    let mut out = String::new();
    number_into(&mut out, value);
    out
}

/// [`number`] written at the end of `out` (the scorecard writes 500,000 of them for 10,000
/// entities: no string of their own).
pub fn number_into(out: &mut String, value: f64) {
    use std::fmt::Write;
    let rounded = (value * 100.0).round() / 100.0;
    // Whole numbers by hand: the float formatter's exact mode was a tenth of the scorecard's
    // time, and even integer formatting through `fmt` a good share.
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        let whole = rounded as i64;
        if whole < 0 {
            out.push('-');
        }
        let mut digits = [0u8; 20];
        let mut n = whole.unsigned_abs();
        let mut at = digits.len();
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        out.extend(digits[at..].iter().map(|&d| char::from(d)));
    } else if rounded.abs() < 1e13 {
        // Hundredths by hand as well: below 10^13 two numbers of hundredths are further apart
        // than the float's precision, so the shortest digits that give `rounded` back (what
        // `{rounded}` writes) are those of `hundredths / 100`; the test below holds them equal.
        let hundredths = (value * 100.0).round() as i64;
        if hundredths < 0 {
            out.push('-');
        }
        let hundredths = hundredths.unsigned_abs();
        number_into(out, (hundredths / 100) as f64);
        let part = hundredths % 100;
        out.push('.');
        out.push(char::from(b'0' + (part / 10) as u8));
        if part % 10 != 0 {
            out.push(char::from(b'0' + (part % 10) as u8));
        }
    } else {
        // Writing to a String cannot fail.
        let _ = write!(out, "{rounded}");
    }
}

/// Folds text for matching: full-width ASCII forms become ASCII, letters lower case, and
/// all white space (including the ideographic space U+3000) is dropped.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`] into a buffer the caller reuses, so that matching many names allocates once.
pub fn fold_into(text: &str, out: &mut String) {
    out.clear();
    for c in text.chars() {
        match c {
            // Printable ASCII and the common CJK ideographs (no case, no white space) are
            // most of what is folded: no look in the Unicode tables for them.
            '!'..='~' => out.push(c.to_ascii_lowercase()),
            '\u{4E00}'..='\u{9FFF}' => out.push(c),
            '\u{FF01}'..='\u{FF5E}' => out.push(char::from_u32(c as u32 - 0xFEE0).map_or(c, |a| a.to_ascii_lowercase())),
            c if c.is_whitespace() => {}
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// Whether `haystack` contains `folded_needle` (already folded with [`fold`]).
pub fn contains_folded(haystack: &str, folded_needle: &str) -> bool {
    folded_needle.is_empty() || fold(haystack).contains(folded_needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_is_white_space_dropped_full_width_made_ascii_and_lower_case_for_every_char() {
        // The definition the quick paths of `fold_into` must keep, for every scalar value.
        let slow = |c: char| -> String {
            if c.is_whitespace() {
                return String::new();
            }
            let c = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            };
            c.to_lowercase().collect()
        };
        let mut all = String::new();
        let mut want = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(fold(c.encode_utf8(&mut [0; 4])), slow(c), "U+{:04X}", c as u32);
            all.push(c);
            want.push_str(&slow(c));
        }
        assert_eq!(fold(&all), want);
    }

    #[test]
    fn hundredths_are_written_as_the_float_formatter_writes_them() {
        let formatter = |v: f64| {
            let rounded = (v * 100.0).round() / 100.0;
            if rounded.fract() == 0.0 { format!("{}", rounded as i64) } else { format!("{rounded}") }
        };
        // Every hundredth to ±2,000, the same shifted by powers of ten up to the bound, and
        // values between hundredths (a seeded walk).
        let mut values: Vec<f64> = (-200_000..=200_000).map(|k| f64::from(k) / 100.0).collect();
        for e in 3..13 {
            values.extend((-999..=999).map(|k| f64::from(k) / 100.0 + 10f64.powi(e)));
            values.extend((-999..=999).map(|k| -(f64::from(k) / 100.0 + 10f64.powi(e) * 9.87)));
        }
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push((x % 2_000_000_000) as f64 / 997.0 - 1_000_000.0);
        }
        for v in values {
            assert_eq!(number(v), formatter(v), "{v:?}");
        }
    }

    #[test]
    fn folds_width_case_and_spaces() {
        assert_eq!(fold("胜利　社区 Ａ１"), "胜利社区a1");
        assert!(contains_folded("第１网格党支部", &fold("1网格")));
        assert!(contains_folded("Shengli 社区", &fold("SHENGLI")));
        assert!(!contains_folded("胜利社区", &fold("凤翔")));
    }
}
