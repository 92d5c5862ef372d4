//! JSON text for JavaScript to parse at once: compact, and ASCII only, every other character
//! written as a `\uXXXX` escape (two, a surrogate pair, beyond U+FFFF).
//!
//! A Rust string crosses into JavaScript through `TextDecoder`, whose fast path is for ASCII
//! bytes (and which then makes a one-byte string). An evaluation of 10,000 entities × 25
//! indicators is 53 MB of JSON of which 2.6 % of the characters (the Chinese reasons) are not
//! ASCII: escaped, the text is 7 % longer and crosses into JavaScript about four times faster
//! (ARCHITECTURE.md, "Scorecard speed"). The value `JSON.parse` gives is the same.
//!
//! The escapes are a pass over serde_json's compact text, not a formatter of its own: a
//! formatter would instantiate the serializer of every type again in each module that has
//! `evaluate()` (0.9 KB gzip in the scorecard's), and outside a JSON string every character
//! is ASCII, so each non-ASCII character of the text is inside a string, where an escape means
//! the same character.

use serde::Serialize;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// `value` as compact, ASCII-only JSON text.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    serde_json::to_string(value).map(escape)
}

/// Where the first byte at or after `from` that is not ASCII is (or the length).
fn next_non_ascii(bytes: &[u8], from: usize) -> usize {
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut at = from;
    while let Some(word) = bytes.get(at..at + 8) {
        let mut b = [0u8; 8];
        b.copy_from_slice(word);
        let high = u64::from_le_bytes(b) & HIGHS;
        if high != 0 {
            return at + (high.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + bytes[at..].iter().position(|b| !b.is_ascii()).unwrap_or(bytes.len() - at)
}

/// JSON text with every non-ASCII character escaped.
fn escape(text: String) -> String {
    let bytes = text.as_bytes();
    let mut at = next_non_ascii(bytes, 0);
    if at == bytes.len() {
        return text;
    }
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len() + bytes.len() / 8);
    let mut start = 0;
    while at < bytes.len() {
        out.extend_from_slice(&bytes[start..at]);
        // `at` starts a character (the bytes before it are ASCII or whole characters).
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else { break };
        let mut units = [0u16; 2];
        for &mut unit in c.encode_utf16(&mut units) {
            let hex = |shift: u16| HEX[usize::from((unit >> shift) & 0xf)];
            out.extend_from_slice(&[b'\\', b'u', hex(12), hex(8), hex(4), hex(0)]);
        }
        start = at + c.len_utf8();
        at = next_non_ascii(bytes, start);
    }
    out.extend_from_slice(&bytes[start..]);
    // Only ASCII was written; were it not so, the text as serde_json wrote it still serves.
    String::from_utf8(out).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    #[test]
    fn the_text_is_ascii_and_reads_back_to_the_same_value() {
        let value = json!({
            "zh": "得 10 分（≥ 80%）", "astral": "𠀀 and 😀", "controls": "\"\\\n\t\u{1}\u{7f}",
            "keys 键": [1, 2.5, -0.0, null, true, "é"], "empty": "", "plain": "ascii",
            "long": "一二三四五六七八九十 and some ASCII text between them 十九八七六五四三二一",
        });
        let text = super::to_string(&value).unwrap_or_else(|e| panic!("{e}"));
        assert!(text.is_ascii(), "{text}");
        assert!(text.contains(r#""astral":"\ud840\udc00 and \ud83d\ude00""#), "{text}");
        assert!(text.contains(r#""zh":"\u5f97 10 \u5206\uff08\u2265 80%\uff09""#), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, value);
        // Compact, as serde_json writes it, where there is nothing to escape.
        let plain = json!({"a": [1, {"b": "c"}], "d": null});
        assert_eq!(super::to_string(&plain).ok(), serde_json::to_string(&plain).ok());
    }

    #[test]
    fn every_place_of_a_character_in_a_word_is_found() {
        // A non-ASCII character at each offset of 0–20 ASCII bytes, and at the end.
        for n in 0..=20 {
            for c in ['é', '键', '😀'] {
                let value = json!(format!("{}{c}{}", "a".repeat(n), "b".repeat(20 - n)));
                let text = super::to_string(&value).unwrap_or_else(|e| panic!("{e}"));
                assert!(text.is_ascii(), "{text}");
                assert_eq!(serde_json::from_str::<Value>(&text).ok(), Some(value));
            }
        }
    }
}
