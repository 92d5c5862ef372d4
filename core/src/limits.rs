//! What one document may cost before it is read: its size, how deep it nests, how long one
//! string is, how many items one array or object holds. Every JSON reader of the crate checks
//! its text against the [`current`] limits first, with one linear pass over the bytes that
//! allocates nothing but the path of a limit passed, so that a hostile or broken document (a
//! 2-million-character name, a 10-million-element array, nesting 100,000 deep) is refused with
//! a problem naming the limit and the JSON path where it was passed — never an out-of-memory
//! abort, a stack overflow or a browser tab that hangs.
//!
//! The defaults suit a province's data; the CLI sets them from `--max-bytes`, `--max-depth`,
//! `--max-string` and `--max-records`, the widgets from their `limits` option (and hold input
//! to 32 MB). The limits are process-wide ([`set`]): a back end that reads documents of
//! different trust sets them once, to the strictest it needs.

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::{Error, Problem, ProblemKind};

/// The limits a document is read under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of the whole text (the CLI: of a file; the widgets: 32 MB).
    pub bytes: usize,
    /// Nesting of arrays and objects (`{"nodes": [{…}]}` is 3 deep). serde_json refuses
    /// more than 128 whatever this says.
    pub depth: usize,
    /// Bytes of one string or number as written (escapes counted as written), keys too.
    pub string: usize,
    /// Items of one array, or keys of one object.
    pub records: usize,
}

impl Limits {
    /// 512 MiB, 64 levels, 1 MiB strings, 10 million items.
    pub const DEFAULT: Limits = Limits { bytes: 512 * 1024 * 1024, depth: 64, string: 1024 * 1024, records: 10_000_000 };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// Which limit a document passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Limit {
    /// [`Limits::bytes`].
    Bytes,
    /// [`Limits::depth`].
    Depth,
    /// [`Limits::string`].
    String,
    /// [`Limits::records`].
    Records,
}

impl Limit {
    /// The limit's key, as the CLI's flag (`--max-…`) and the widgets' option name it.
    pub fn key(self) -> &'static str {
        match self {
            Limit::Bytes => "bytes",
            Limit::Depth => "depth",
            Limit::String => "string",
            Limit::Records => "records",
        }
    }
}

static BYTES: AtomicUsize = AtomicUsize::new(Limits::DEFAULT.bytes);
static DEPTH: AtomicUsize = AtomicUsize::new(Limits::DEFAULT.depth);
static STRING: AtomicUsize = AtomicUsize::new(Limits::DEFAULT.string);
static RECORDS: AtomicUsize = AtomicUsize::new(Limits::DEFAULT.records);

/// Sets the limits every reader of this process checks from now on.
pub fn set(limits: Limits) {
    BYTES.store(limits.bytes, Ordering::Relaxed);
    DEPTH.store(limits.depth, Ordering::Relaxed);
    STRING.store(limits.string, Ordering::Relaxed);
    RECORDS.store(limits.records, Ordering::Relaxed);
}

/// The limits in force.
pub fn current() -> Limits {
    Limits { bytes: BYTES.load(Ordering::Relaxed), depth: DEPTH.load(Ordering::Relaxed), string: STRING.load(Ordering::Relaxed), records: RECORDS.load(Ordering::Relaxed) }
}

/// Checks `text` against the [`current`] limits.
pub fn check(text: &str) -> Result<(), Error> {
    check_with(text, &current())
}

/// Checks `text` against `limits`: every place a limit is passed, as a problem at its JSON
/// path (`$.nodes[3].name`). Text that is not JSON is left to the JSON reader, which says
/// where; this pass only measures.
pub fn check_with(text: &str, limits: &Limits) -> Result<(), Error> {
    let mut problems = Vec::new();
    if text.len() > limits.bytes {
        problems.push(passed("$".to_owned(), Limit::Bytes, limits.bytes, text.len()));
        return Err(Error::Invalid { problems });
    }
    // The quick pass measures only; where it finds a limit passed, the full pass names every
    // place with its path.
    if within(text.as_bytes(), limits) {
        return Ok(());
    }
    scan(text.as_bytes(), limits, &mut problems);
    if problems.is_empty() { Ok(()) } else { Err(Error::Invalid { problems }) }
}

/// What a byte is to the quick pass.
const OTHER: u8 = 0;
const SPACE: u8 = 1;
const QUOTE: u8 = 2;
const OPEN: u8 = 3;
const CLOSE: u8 = 4;
const COMMA: u8 = 5;

const CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    table[b' ' as usize] = SPACE;
    table[b'\t' as usize] = SPACE;
    table[b'\n' as usize] = SPACE;
    table[b'\r' as usize] = SPACE;
    table[b':' as usize] = SPACE;
    table[b'"' as usize] = QUOTE;
    table[b'{' as usize] = OPEN;
    table[b'[' as usize] = OPEN;
    table[b'}' as usize] = CLOSE;
    table[b']' as usize] = CLOSE;
    table[b',' as usize] = COMMA;
    table
};

/// Where the string that starts at `start` ends (its closing quote), if it does.
#[inline]
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    // Eight bytes at a time: the first `"` or `\` of a word is its lowest byte that equals
    // one of them (`has_zero` is exact at the lowest such byte). Keys and most values are
    // short, so the first word usually holds the end; memchr (SIMD) serves long text.
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let mut j = start;
    loop {
        let found = match bytes.get(j..j.saturating_add(8)) {
            Some(word) => {
                let mut b = [0u8; 8];
                b.copy_from_slice(word);
                let v = u64::from_le_bytes(b);
                let hits = has_zero(v ^ (ONES * u64::from(b'"'))) | has_zero(v ^ (ONES * u64::from(b'\\')));
                if hits == 0 {
                    // Past a short string's end: the rest by memchr once the text is long.
                    j += 8;
                    if j - start >= 32 {
                        j + memchr::memchr2(b'"', b'\\', bytes.get(j..)?)?
                    } else {
                        continue;
                    }
                } else {
                    j + (hits.trailing_zeros() / 8) as usize
                }
            }
            None => j + bytes.get(j..)?.iter().position(|c| *c == b'"' || *c == b'\\')?,
        };
        if bytes[found] == b'"' {
            return Some(found);
        }
        j = found + 2;
    }
}

/// Whether `bytes` are within `limits` (the quick pass: no paths, no allocation beyond one
/// count per open level). It may say no where the full pass finds nothing (text that is not
/// JSON); it never says yes where the full pass finds a limit passed. On x86-64 it reads 64
/// bytes at a time ([`blocks`]), elsewhere (the wasm build) byte by byte; the two agree on
/// every text (a test holds them so).
fn within(bytes: &[u8], limits: &Limits) -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        blocks::within(bytes, limits)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        within_bytewise(bytes, limits)
    }
}

/// [`within`], one byte at a time (on x86-64 the tests' reference).
#[cfg_attr(all(target_arch = "x86_64", not(test)), allow(dead_code))]
fn within_bytewise(bytes: &[u8], limits: &Limits) -> bool {
    let mut state = State { commas: Vec::with_capacity(16), run: 0, string: None };
    limits.records > 0 && bytewise(bytes, &mut 0, bytes.len(), &mut state, limits)
}

/// What the quick pass carries from one stretch of text to the next.
struct State {
    /// Commas of each open array or object (its items less one), outermost first.
    commas: Vec<usize>,
    /// The length of the number or literal being read.
    run: usize,
    /// Where the text of the string open here starts, when one is.
    string: Option<usize>,
}

/// A bracket or a comma outside strings, counted: false where a limit is passed.
#[inline(always)]
fn structural(c: u8, state: &mut State, limits: &Limits) -> bool {
    match CLASS[c as usize] {
        OPEN => {
            if state.commas.len() >= limits.depth {
                return false;
            }
            state.commas.push(0);
            true
        }
        CLOSE => state.commas.pop().is_some(),
        _ => match state.commas.last_mut() {
            Some(n) => {
                *n += 1;
                *n < limits.records
            }
            None => false,
        },
    }
}

/// The quick pass byte by byte from `*at` to `stop`, a string read to its end (so it leaves
/// none open, and `*at` may end past `stop`): false where a limit is passed.
fn bytewise(bytes: &[u8], at: &mut usize, stop: usize, state: &mut State, limits: &Limits) -> bool {
    let mut i = *at;
    if let Some(start) = state.string.take() {
        let Some(end) = string_end(bytes, i) else { return false };
        if end - start > limits.string {
            return false;
        }
        i = end + 1;
        state.run = 0;
    }
    while i < stop {
        let c = bytes[i];
        match CLASS[c as usize] {
            OTHER => {
                state.run += 1;
                if state.run > limits.string {
                    return false;
                }
            }
            SPACE => state.run = 0,
            QUOTE => {
                state.run = 0;
                let start = i + 1;
                let Some(end) = string_end(bytes, start) else { return false };
                if end - start > limits.string {
                    return false;
                }
                i = end;
            }
            _ => {
                state.run = 0;
                if !structural(c, state, limits) {
                    return false;
                }
            }
        }
        i += 1;
    }
    *at = i;
    true
}

/// The quick pass 64 bytes at a time, with SSE2 (issue 17's load speed: on the load
/// benchmark's 100k-node document 7.4 ms instead of 13.0). Each block's quotes, backslashes,
/// brackets and commas, and white space become bit masks; the bits inside strings come from
/// the quotes (a running XOR), so only the brackets and commas outside strings are visited,
/// and a string's or a number's length is checked only where it crosses a block's edge (one
/// within a block is shorter than 64, within any limit of 64 or more). A block with a
/// backslash in it (escapes are rare) is read byte by byte.
#[cfg(target_arch = "x86_64")]
mod blocks {
    use super::{Limits, State, bytewise, structural};
    use std::arch::x86_64::{__m128i, _mm_cmpeq_epi8, _mm_movemask_epi8, _mm_or_si128, _mm_set_epi64x, _mm_set1_epi8};

    pub(super) fn within(bytes: &[u8], limits: &Limits) -> bool {
        // SAFETY: SSE2 is part of x86-64 itself; every CPU this code runs on has it.
        unsafe { within_sse2(bytes, limits) }
    }

    /// A block's bytes that are `"`, `\`, a bracket or a comma, white space or `:`: bit i
    /// for byte i.
    struct Masks {
        quotes: u64,
        backslashes: u64,
        brackets: u64,
        space: u64,
    }

    #[target_feature(enable = "sse2")]
    #[inline]
    fn masks(block: &[u8; 64]) -> Masks {
        let word = |k: usize| {
            let mut w = [0u8; 8];
            w.copy_from_slice(&block[k..k + 8]);
            i64::from_le_bytes(w)
        };
        let bits = |v: __m128i| u64::from(_mm_movemask_epi8(v) as u16);
        let mut m = Masks { quotes: 0, backslashes: 0, brackets: 0, space: 0 };
        for part in 0..4 {
            let v = _mm_set_epi64x(word(part * 16 + 8), word(part * 16));
            let eq = |b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
            let any = |a: __m128i, b: __m128i| _mm_or_si128(a, b);
            let shift = part * 16;
            m.quotes |= bits(eq(b'"')) << shift;
            m.backslashes |= bits(eq(b'\\')) << shift;
            m.brackets |= bits(any(any(any(eq(b'{'), eq(b'[')), any(eq(b'}'), eq(b']'))), eq(b','))) << shift;
            m.space |= bits(any(any(any(eq(b' '), eq(b'\n')), any(eq(b'\r'), eq(b'\t'))), eq(b':'))) << shift;
        }
        m
    }

    /// Bit i set where an odd number of bits 0..=i of `x` are.
    #[inline(always)]
    fn prefix_xor(mut x: u64) -> u64 {
        x ^= x << 1;
        x ^= x << 2;
        x ^= x << 4;
        x ^= x << 8;
        x ^= x << 16;
        x ^= x << 32;
        x
    }

    #[target_feature(enable = "sse2")]
    fn within_sse2(bytes: &[u8], limits: &Limits) -> bool {
        if limits.records == 0 {
            return false;
        }
        let mut state = State { commas: Vec::with_capacity(16), run: 0, string: None };
        let mut i: usize = 0;
        // Shorter limits are checked byte by byte.
        if limits.string >= 64 {
            while let Some(Ok(block)) = bytes.get(i..i.saturating_add(64)).map(<&[u8; 64]>::try_from) {
                let Masks { quotes, backslashes, brackets, space } = masks(block);
                if backslashes != 0 {
                    let stop = i + 64;
                    if !bytewise(bytes, &mut i, stop, &mut state, limits) {
                        return false;
                    }
                    continue;
                }
                // Inside a string: its opening quote and its text, not its closing quote.
                let inside = prefix_xor(quotes) ^ if state.string.is_some() { !0 } else { 0 };
                if let Some(start) = state.string {
                    if quotes != 0 && i + quotes.trailing_zeros() as usize - start > limits.string {
                        return false;
                    }
                }
                // Open at the block's end: the one that was (no quote in the block), or the
                // one the block's last opening quote starts.
                state.string = match (inside >> 63 == 1, quotes) {
                    (false, _) => None,
                    (true, 0) => state.string,
                    (true, _) => Some(i + 64 - (quotes & inside).leading_zeros() as usize),
                };
                // Numbers and literals: a run through the whole block adds to the one before;
                // else the run that ends here is checked and the one at the block's end kept.
                let other = !(space | quotes | brackets | inside);
                if other == !0 {
                    state.run += 64;
                    if state.run > limits.string {
                        return false;
                    }
                } else {
                    if state.run + other.trailing_ones() as usize > limits.string {
                        return false;
                    }
                    state.run = other.leading_ones() as usize;
                }
                let mut visit = brackets & !inside;
                while visit != 0 {
                    if !structural(block[visit.trailing_zeros() as usize], &mut state, limits) {
                        return false;
                    }
                    visit &= visit - 1;
                }
                i += 64;
            }
        }
        bytewise(bytes, &mut i, bytes.len(), &mut state, limits)
    }
}

fn passed(path: String, limit: Limit, max: usize, found: usize) -> Problem {
    Problem::error(None, path, ProblemKind::Limit { limit, max, found })
}

/// An open array or object.
struct Frame {
    array: bool,
    /// Items so far: values of an array, keys of an object.
    items: usize,
    /// An object's current key, as written (start and end in the text).
    key: (usize, usize),
    /// An array waits for a value, an object for a key.
    waits: bool,
}

/// The JSON path of where `frames` point: each array at its last item, each object at its
/// current key.
fn path_of(bytes: &[u8], frames: &[Frame]) -> String {
    let mut path = String::from("$");
    for f in frames {
        if f.array {
            path.push_str(&format!("[{}]", f.items.saturating_sub(1)));
        } else {
            path.push('.');
            path.push_str(&String::from_utf8_lossy(bytes.get(f.key.0..f.key.1).unwrap_or_default()));
        }
    }
    path
}

/// One more item in the innermost array (a value starts) or object (a key): the limit on
/// items checked, said once per array or object (at its own path).
fn item(bytes: &[u8], frames: &mut [Frame], limits: &Limits, problems: &mut Vec<Problem>) {
    let Some((top, outer)) = frames.split_last_mut() else { return };
    top.items += 1;
    top.waits = false;
    if top.items == limits.records.saturating_add(1) {
        problems.push(passed(path_of(bytes, outer), Limit::Records, limits.records, top.items));
    }
}

/// Bytes that end a number or a literal (`true`, `null`) as written.
fn ends_scalar(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b',' | b':' | b'[' | b']' | b'{' | b'}' | b'"')
}

fn scan(bytes: &[u8], limits: &Limits, problems: &mut Vec<Problem>) {
    // Frames down to the depth limit; deeper nesting is only counted, and said once.
    let mut frames: Vec<Frame> = Vec::new();
    let mut beyond = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'"' => {
                let start = i + 1;
                // An unterminated string runs to the end of the text.
                let end = string_end(bytes, start).unwrap_or(bytes.len());
                if beyond == 0 {
                    let is_key = frames.last().is_some_and(|f| !f.array && f.waits);
                    if is_key {
                        if let Some(f) = frames.last_mut() {
                            f.key = (start, start);
                        }
                        item(bytes, &mut frames, limits, problems);
                        if end - start > limits.string {
                            let len = frames.len();
                            problems.push(passed(path_of(bytes, &frames[..len - 1]), Limit::String, limits.string, end - start));
                        } else if let Some(f) = frames.last_mut() {
                            f.key = (start, end);
                        }
                    } else {
                        if frames.last().is_some_and(|f| f.array && f.waits) {
                            item(bytes, &mut frames, limits, problems);
                        }
                        if end - start > limits.string {
                            problems.push(passed(path_of(bytes, &frames), Limit::String, limits.string, end - start));
                        }
                    }
                }
                i = end.saturating_add(1);
                continue;
            }
            b'{' | b'[' => {
                if beyond > 0 {
                    beyond += 1;
                } else {
                    if frames.last().is_some_and(|f| f.array && f.waits) {
                        item(bytes, &mut frames, limits, problems);
                    }
                    if frames.len() >= limits.depth {
                        problems.push(passed(path_of(bytes, &frames), Limit::Depth, limits.depth, frames.len() + 1));
                        beyond = 1;
                    } else {
                        frames.push(Frame { array: b == b'[', items: 0, key: (0, 0), waits: true });
                    }
                }
            }
            b'}' | b']' => {
                if beyond > 0 {
                    beyond -= 1;
                } else {
                    frames.pop();
                }
            }
            b',' if beyond == 0 => {
                if let Some(f) = frames.last_mut() {
                    f.waits = true;
                }
            }
            b' ' | b'\t' | b'\n' | b'\r' | b':' | b',' => {}
            _ => {
                // A number or a literal (or what is neither: the JSON reader says so).
                let end = bytes[i..].iter().position(|c| ends_scalar(*c)).map_or(bytes.len(), |k| i + k);
                if beyond == 0 {
                    if frames.last().is_some_and(|f| f.array && f.waits) {
                        item(bytes, &mut frames, limits, problems);
                    }
                    if end - i > limits.string {
                        problems.push(passed(path_of(bytes, &frames), Limit::String, limits.string, end - i));
                    }
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Limits {
        Limits { bytes: 200, depth: 4, string: 8, records: 3 }
    }

    fn passed_at(text: &str, limits: &Limits) -> Vec<(String, Limit, usize, usize)> {
        match check_with(text, limits) {
            Ok(()) => Vec::new(),
            Err(e) => e
                .problems()
                .into_iter()
                .map(|p| match p.kind {
                    ProblemKind::Limit { limit, max, found } => (p.path.clone(), limit, max, found),
                    other => panic!("not a limit: {other:?}"),
                })
                .collect(),
        }
    }

    #[test]
    fn a_document_within_every_limit_passes_and_at_the_edge_too() {
        let l = small();
        assert_eq!(passed_at(r#"{"a": [1, 2, 3], "b": {"c": [[]]}, "d": "12345678"}"#, &l), vec![]);
        // Exactly 4 deep, exactly 8 bytes, exactly 3 items (an object's keys too).
        assert_eq!(passed_at(r#"[[[["12345678"]]], {"x": 1, "y": 2, "zzzzzzzz": 3}, 12345678]"#, &l), vec![]);
    }

    #[test]
    fn each_limit_is_named_at_its_path() {
        let l = small();
        assert_eq!(passed_at(r#"{"nodes": [{"name": "123456789"}]}"#, &l), vec![("$.nodes[0].name".into(), Limit::String, 8, 9)]);
        assert_eq!(passed_at(r#"{"nodes": [1, 2, 3, 4, 5]}"#, &l), vec![("$.nodes".into(), Limit::Records, 3, 4)]);
        assert_eq!(passed_at(r#"{"a": 1, "b": 2, "c": 3, "d": 4}"#, &l), vec![("$".into(), Limit::Records, 3, 4)]);
        assert_eq!(passed_at(r#"{"a": [{"b": [{"c": 1}]}]}"#, &l), vec![("$.a[0].b[0]".into(), Limit::Depth, 4, 5)]);
        assert_eq!(passed_at(r#"[1, 1234567890123]"#, &l), vec![("$[1]".into(), Limit::String, 8, 13)]);
        assert_eq!(passed_at(r#"{"123456789": 1}"#, &l), vec![("$".into(), Limit::String, 8, 9)]);
        let big = format!("[\"{}\"]", "x".repeat(300));
        assert_eq!(passed_at(&big, &l), vec![("$".into(), Limit::Bytes, 200, 304)]);
    }

    #[test]
    fn every_place_is_named_not_the_first() {
        let l = small();
        let found = passed_at(r#"{"a": "123456789", "b": [1, 2, 3, 4], "c": "abcdefghij"}"#, &l);
        assert_eq!(found.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(), vec!["$.a", "$.b", "$.c"]);
    }

    #[test]
    fn a_string_ends_where_a_byte_by_byte_look_says() {
        // Every place of a quote and a backslash in texts either side of the 8-byte word and
        // of the switch to memchr, escapes at the very end too.
        let naive = |b: &[u8], start: usize| {
            let mut j = start;
            while j < b.len() {
                match b[j] {
                    b'"' => return Some(j),
                    b'\\' => j += 2,
                    _ => j += 1,
                }
            }
            None
        };
        for len in 0..80 {
            for q in 0..=len {
                for e in 0..=len {
                    let mut text = vec![b'a'; len];
                    if let Some(c) = text.get_mut(e) {
                        *c = b'\\';
                    }
                    if let Some(c) = text.get_mut(q) {
                        *c = b'"';
                    }
                    for start in [0, 1.min(len)] {
                        assert_eq!(string_end(&text, start), naive(&text, start), "{:?} from {start}", String::from_utf8_lossy(&text));
                    }
                }
            }
        }
    }

    #[test]
    fn escapes_and_brackets_inside_strings_are_text() {
        let l = Limits { string: 100, ..small() };
        assert_eq!(passed_at(r#"{"a": "[[[[[\"]]]]{{{{", "b": "\\"}"#, &l), vec![]);
        let l = small();
        assert_eq!(passed_at(r#"["a\"bcdefgh"]"#, &l), vec![("$[0]".into(), Limit::String, 8, 10)]);
    }

    #[test]
    fn nesting_a_hundred_thousand_deep_is_said_once_and_costs_nothing() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let found = passed_at(&deep, &Limits::DEFAULT);
        assert_eq!(found, vec![(format!("${}", "[0]".repeat(64)), Limit::Depth, 64, 65)]);
        // Unbalanced and truncated text is measured without a panic; the JSON reader says what is wrong.
        for text in ["]]]]", "[[[", "{\"a\": \"unterminated", "{\"a\\", "\"", "{,,,,}", "[1,,,,2]", "\u{feff}{}", "{\"a\":}"] {
            let _ = check_with(text, &small());
        }
    }

    /// The quick pass never lets through what the full pass refuses.
    #[test]
    fn the_quick_pass_agrees_with_the_full_one() {
        use proptest::prelude::*;
        let token = prop_oneof![
            Just("{".to_owned()), Just("}".to_owned()), Just("[".to_owned()), Just("]".to_owned()),
            Just(",".to_owned()), Just(":".to_owned()), Just(" ".to_owned()), Just("\\".to_owned()),
            "\"[a-z\\\\\"]{0,12}\"?", "-?[0-9]{1,12}", Just("true".to_owned()), Just("null".to_owned()),
        ];
        let limits = (1usize..6, 0usize..10, 0usize..5).prop_map(|(depth, string, records)| Limits { bytes: usize::MAX, depth, string, records });
        proptest!(ProptestConfig::with_cases(4000), |(tokens in proptest::collection::vec(token, 0..40), limits in limits)| {
            let text = tokens.concat();
            let mut problems = Vec::new();
            scan(text.as_bytes(), &limits, &mut problems);
            if !problems.is_empty() {
                prop_assert!(!within(text.as_bytes(), &limits), "{text} under {limits:?}: {problems:?}");
            }
        });
    }

    /// The 64-byte pass says what the byte-by-byte pass says, on texts of the bytes that
    /// matter (strings and runs across blocks' edges, escapes, brackets inside strings),
    /// under limits around a block's length.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn the_block_pass_agrees_with_the_bytewise_one() {
        let alphabet = b"\"\"\"\\{}[],: \n\tabc1\xe4\xb8\xad\x0b";
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n) as usize
        };
        let mut within_count = 0;
        for round in 0..60_000 {
            let len = next(400);
            // Mostly one byte, so that long strings and runs happen.
            let bias = alphabet[next(alphabet.len() as u64)];
            let text: Vec<u8> = (0..len).map(|_| if next(4) != 0 { bias } else { alphabet[next(alphabet.len() as u64)] }).collect();
            let limits = Limits { bytes: usize::MAX, depth: 1 + next(6), string: 60 + next(140), records: next(40) };
            let quick = blocks::within(&text, &limits);
            assert_eq!(quick, within_bytewise(&text, &limits), "round {round}: {:?} under {limits:?}", String::from_utf8_lossy(&text));
            within_count += usize::from(quick);
        }
        // Both answers were tried.
        assert!((2_000..58_000).contains(&within_count), "{within_count} of 60,000 within");
    }

    #[test]
    fn ten_million_items_are_refused_without_reading_them() {
        let mut text = String::from("[");
        text.push_str(&"0,".repeat(Limits::DEFAULT.records));
        text.push_str("0]");
        assert_eq!(passed_at(&text, &Limits::DEFAULT), vec![("$".into(), Limit::Records, 10_000_000, 10_000_001)]);
    }
}
