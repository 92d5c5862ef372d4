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
        plain_into(out, rounded);
    }
}

/// A finite `x`'s shortest decimal digits — the fewest significant digits that read back as
/// `x`, of those the closest to `x`, and of two as close the even one, as JavaScript writes a
/// number — and where the decimal point falls among them: `x = 0.d₁d₂… × 10^point`. `(false,
/// [], 0)` for zero (`true` for `-0`). From `serde_json`'s shortest-digits writer, which every
/// wasm module has already: core's float formatting (Grisu and Dragon4 with their tables,
/// ≈ 8 KB of code) is then in no module that writes no float with a fixed precision. `None`
/// for NaN and the infinities.
pub fn shortest(x: f64) -> Option<(bool, Vec<u8>, i64)> {
    let text = serde_json::Number::from_f64(x)?.to_string();
    let (mantissa, exp) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.trim_start_matches('+').parse::<i64>().unwrap_or(0)),
        None => (text.as_str(), 0),
    };
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mantissa),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all = || int.bytes().chain(frac.bytes());
    let leading = all().take_while(|&d| d == b'0').count();
    let mut digits: Vec<u8> = all().skip(leading).collect();
    let end = digits.iter().rposition(|&d| d != b'0').map_or(0, |i| i + 1);
    digits.truncate(end);
    let point = if digits.is_empty() { 0 } else { int.len() as i64 - leading as i64 + exp };
    Some((negative, digits, point))
}

/// `x` in plain decimal notation, never an exponent: `1.5`, `100000000000000000000`, `-0`,
/// `NaN`, `inf` — as `{x}` writes it, except that of two shortest digit strings equally close
/// to `x` (a 17-digit number exactly between them) this takes the even one, as JavaScript
/// does, where `{x}` rounds up (see [`shortest`]).
pub fn plain_into(out: &mut String, x: f64) {
    let Some((negative, digits, point)) = shortest(x) else {
        out.push_str(if x.is_nan() { "NaN" } else if x > 0.0 { "inf" } else { "-inf" });
        return;
    };
    if negative {
        out.push('-');
    }
    let zeros = |out: &mut String, n: i64| out.extend(std::iter::repeat_n('0', n.max(0) as usize));
    let push = |out: &mut String, ds: &[u8]| out.extend(ds.iter().map(|&d| char::from(d)));
    if digits.is_empty() {
        out.push('0');
    } else if point <= 0 {
        out.push_str("0.");
        zeros(out, -point);
        push(out, &digits);
    } else if point as usize >= digits.len() {
        push(out, &digits);
        zeros(out, point - digits.len() as i64);
    } else {
        push(out, &digits[..point as usize]);
        out.push('.');
        push(out, &digits[point as usize..]);
    }
}

/// `x` to `decimals` places, always that many (`85.7`, `0.0`, `12.5`): `x × 10^decimals`
/// rounded half away from zero in floating point, so that a share written with more digits
/// than the float holds rounds as people round it (`0.15` is `0.1499…` in binary: `0.2` here,
/// `0.1` from `{:.1}`); a negative value that rounds to zero is written `0.0`. Without core's
/// exact float formatting (see [`shortest`]). Beyond ±10^15 after scaling, [`plain_into`].
pub fn fixed_into(out: &mut String, x: f64, decimals: u32) {
    use std::fmt::Write;
    let scale = 10u64.pow(decimals.min(15));
    let scaled = (x * scale as f64).round();
    if !(scaled.abs() < 1e15) {
        plain_into(out, x);
        return;
    }
    let n = scaled as i64;
    if n < 0 {
        out.push('-');
    }
    let n = n.unsigned_abs();
    // Writing to a String cannot fail.
    let _ = write!(out, "{}", n / scale);
    if decimals > 0 {
        let _ = write!(out, ".{:0width$}", n % scale, width = decimals.min(15) as usize);
    }
}

/// [`fixed_into`] as a new string.
pub fn fixed(x: f64, decimals: u32) -> String {
    let mut out = String::new();
    fixed_into(&mut out, x, decimals);
    out
}

/// [`plain_into`] as a new string.
pub fn plain(x: f64) -> String {
    let mut out = String::new();
    plain_into(&mut out, x);
    out
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
    fn plain_floats_are_written_as_the_float_formatter_writes_them_but_ties_to_even() {
        let check = |x: f64| {
            let ours = plain(x);
            let core = format!("{x}");
            if ours == core {
                return;
            }
            // Only where two shortest strings are equally close: the same length, both read
            // back as `x`, ours ending in an even digit and one unit from core's.
            let parse = |t: &str| t.parse::<f64>().unwrap_or(f64::NAN);
            let last = |t: &str| t.bytes().last().unwrap_or(b'0') - b'0';
            assert!(ours.len() == core.len() && parse(&ours) == x && parse(&core) == x && last(&ours) % 2 == 0 && last(&core).abs_diff(last(&ours)) == 1, "{x:e} ({:#x}): {ours} vs {core}", x.to_bits());
        };
        for x in [0.0, -0.0, 1.0, -1.5, 0.1, 1e15, 1e16, 1e20, 1.5e-7, 1e-5, 1e-4, 123.456, f64::MAX, f64::MIN_POSITIVE, 5e-324, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            check(x);
        }
        for (x, want) in [(-1_149_636_667_324_797.25, "-1149636667324797.2"), (165_793_407_361_858.125, "165793407361858.12"), (1e21, "1000000000000000000000"), (-0.0, "-0"), (2.5e-7, "0.00000025")] {
            assert_eq!(plain(x), want);
        }
        // Every power of ten, and random bit patterns (every exponent, subnormals included).
        for e in -324..=308 {
            check(10f64.powi(e));
            check(-1.5 * 10f64.powi(e));
        }
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..300_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            check(f64::from_bits(x));
        }
    }

    #[test]
    fn fixed_places_round_half_away_from_zero_of_the_scaled_value() {
        for (x, d, want) in [(0.857_142, 1, "0.9"), (85.714_28, 1, "85.7"), (0.15, 1, "0.2"), (12.25, 1, "12.3"), (-0.04, 1, "0.0"), (-1.25, 1, "-1.3"), (340.0, 1, "340.0"), (1.0, 0, "1"), (2.5, 0, "3"), (0.005, 2, "0.01"), (f64::NAN, 1, "NaN")] {
            assert_eq!(fixed(x, d), want, "{x} to {d}");
        }
        assert_eq!(fixed(1e300, 1), plain(1e300));
        // Against `{:.1}`: the same but where the value times ten is within a rounding error
        // of a half (where `{:.1}` follows the binary value and this the decimal one).
        for k in -200_000..=200_000 {
            let x = f64::from(k) / 1000.0;
            let scaled = x * 10.0;
            if (scaled - scaled.trunc()).abs() > 0.499_999 && (scaled - scaled.trunc()).abs() < 0.500_001 {
                continue;
            }
            let core = format!("{x:.1}");
            let core = if core == "-0.0" { "0.0".to_owned() } else { core };
            assert_eq!(fixed(x, 1), core, "{x}");
        }
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
