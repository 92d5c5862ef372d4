//! A `serde` deserializer over a borrowed `serde_json::Value` that keeps the JSON path of the
//! value it is reading, for the `lean-paths` feature (the wasm build).
//!
//! `serde_path_to_error` gives the same paths by wrapping another deserializer: every record
//! type is then compiled twice, once for the wrapper and once for `serde_json`'s own `&Value`
//! deserializer under it, and the wrapper's visitor layer is large. This one *is* the `&Value`
//! deserializer, so a record type is compiled once, and everything that does not depend on
//! the visitor (paths, errors, type mismatches) lives in small non-generic functions.
//!
//! It behaves exactly as `serde_json`'s `&Value` deserializer (the same visitor calls, the
//! same `serde_json::Error` messages) and gives the path `serde_path_to_error` gives: the
//! innermost value whose reading failed, a key whose reading failed (an unknown field), the
//! variant of an enum written `{"variant": …}`. The unit tests compare the two on every record
//! type the loaders read.
//!
//! One difference from `serde_json` that no record has: object keys are read as strings only
//! (`serde_json` also reads `{"1": …}` into a map with integer keys). A record type with such a
//! map would fail the unit tests' comparison.
//!
//! How the path is kept, cheaply: reading a value at a key, an index or a variant pushes that
//! step on a stack and pops it once the value has read. An error returns early and skips the
//! pops, so when `T::deserialize` fails the stack is the path to where it failed. The generic
//! code carries one call before and one after each element; no `map_err` on the (often large)
//! results.

use std::cell::RefCell;
use std::fmt::Write as _;

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, Expected, IntoDeserializer, Visitor};
use serde_json::{Error, Map, Number, Value};

/// Reads a `T` from `value`; on failure, the path inside `value` in `serde_path_to_error`'s
/// notation (`.` for the value itself, `level`, `[2].name`) and the error.
pub(crate) fn read<T: de::DeserializeOwned>(value: &Value) -> Result<T, (String, Error)> {
    let track = Track(RefCell::new(Vec::new()));
    match T::deserialize(De { value, track: &track }) {
        Ok(t) => Ok(t),
        Err(e) => Err((render(&track.0.into_inner()), e)),
    }
}

/// One step of a path.
#[derive(Clone, Copy)]
pub(crate) enum Seg<'de> {
    Key(&'de str),
    Index(usize),
}

/// The steps from the record to the value being read.
pub struct Track<'de>(RefCell<Vec<Seg<'de>>>);

impl<'de> Track<'de> {
    pub(crate) fn new() -> Self {
        Track(RefCell::new(Vec::new()))
    }

    /// The path kept, as [`render`] writes it.
    pub(crate) fn render(&self) -> String {
        render(&self.0.borrow())
    }

    #[inline(never)]
    pub(crate) fn push(&self, seg: Seg<'de>) {
        self.0.borrow_mut().push(seg);
    }

    #[inline(never)]
    pub(crate) fn pop(&self) {
        self.0.borrow_mut().pop();
    }
}

/// `a[0].b`, `[2].name`, or `.` for the record itself — as `serde_path_to_error` writes a path:
/// a key after any step is preceded by a dot, even when that step was an empty key (`{"": …}`
/// is the path ``, and a key inside it `.k`).
fn render(segs: &[Seg<'_>]) -> String {
    if segs.is_empty() {
        return ".".into();
    }
    let mut out = String::new();
    let mut separator = "";
    for seg in segs {
        match seg {
            Seg::Index(i) => {
                let _ = write!(out, "[{i}]");
            }
            Seg::Key(k) => {
                out.push_str(separator);
                out.push_str(k);
            }
        }
        separator = ".";
    }
    out
}

/// What `serde_json` calls a value in its messages ("string \"abc\"", "integer `3`",
/// "floating point `1.5`", "null") — its `JsonUnexpected`, written here rather than through
/// serde's `Unexpected`: that type's `Display` also covers Rust floats (`WithDecimalPoint`,
/// core's float formatting, ≈ 8 KB of wasm code in every module), which `serde_json` never
/// reaches and neither do we (a JSON number is written by `serde_json`'s own `Number`).
struct Described<'a>(&'a Value);

impl std::fmt::Display for Described<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "boolean `{b}`"),
            Value::Number(n) if n.is_f64() => write!(f, "floating point `{n}`"),
            Value::Number(n) => write!(f, "integer `{n}`"),
            Value::String(s) => write!(f, "string {s:?}"),
            Value::Array(_) => f.write_str("sequence"),
            Value::Object(_) => f.write_str("map"),
        }
    }
}

/// `serde_json`'s "invalid type: …, expected …" for `value`.
#[cold]
#[inline(never)]
pub(crate) fn invalid_type(value: &Value, exp: &dyn Expected) -> Error {
    de::Error::custom(format_args!("invalid type: {}, expected {}", Described(value), exp))
}

/// `serde_json`'s message for an enum written as an object with other than one key.
#[cold]
#[inline(never)]
pub(crate) fn not_single_key() -> Error {
    de::Error::custom("invalid value: map, expected map with a single key")
}

/// A number that is not a `T` (`"integer `-1`, expected u32"`, or a float): what serde's
/// integer visitors say through `serde_json`.
#[cold]
#[inline(never)]
pub(crate) fn not_integer(n: &Number, exp: &dyn Expected) -> Error {
    if n.is_f64() {
        de::Error::custom(format_args!("invalid type: floating point `{n}`, expected {exp}"))
    } else {
        de::Error::custom(format_args!("invalid value: integer `{n}`, expected {exp}"))
    }
}

/// `n` as a `T`, when it is an integer `T` holds.
pub(crate) fn integer<T: TryFrom<u64> + TryFrom<i64>>(n: &Number) -> Option<T> {
    match (n.as_u64(), n.as_i64()) {
        (Some(u), _) => T::try_from(u).ok(),
        (None, Some(i)) => T::try_from(i).ok(),
        _ => None,
    }
}

#[cold]
#[inline(never)]
pub(crate) fn invalid_length(len: usize, exp: &'static str) -> Error {
    de::Error::invalid_length(len, &exp)
}

/// The deserializer of one value.
#[derive(Clone, Copy)]
pub(crate) struct De<'de, 't> {
    pub(crate) value: &'de Value,
    pub(crate) track: &'t Track<'de>,
}

impl<'de> De<'de, '_> {
    fn mismatch<T>(self, exp: &dyn Expected) -> Result<T, Error> {
        Err(invalid_type(self.value, exp))
    }

    fn number<V: Visitor<'de>>(n: &Number, v: V) -> Result<V::Value, Error> {
        match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => v.visit_u64(u),
            (None, Some(i)) => v.visit_i64(i),
            _ => v.visit_f64(n.as_f64().unwrap_or(f64::NAN)),
        }
    }

    fn seq<V: Visitor<'de>>(self, items: &'de [Value], v: V) -> Result<V::Value, Error> {
        let mut access = SeqAcc { iter: items.iter(), index: 0, track: self.track };
        let out = v.visit_seq(&mut access)?;
        if access.iter.len() == 0 { Ok(out) } else { Err(invalid_length(items.len(), "fewer elements in array")) }
    }

    fn map<V: Visitor<'de>>(self, map: &'de Map<String, Value>, v: V) -> Result<V::Value, Error> {
        let mut access = MapAcc { iter: map.iter(), entry: None, track: self.track };
        let out = v.visit_map(&mut access)?;
        if access.iter.len() == 0 { Ok(out) } else { Err(invalid_length(map.len(), "fewer elements in map")) }
    }

    fn string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.value {
            Value::String(s) => v.visit_borrowed_str(s),
            _ => self.mismatch(&v),
        }
    }
}

macro_rules! numbers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            match self.value {
                Value::Number(n) => Self::number(n, v),
                _ => self.mismatch(&v),
            }
        }
    )*};
}

/// An integer type's reader: in range, the visitor's own `visit_` for the type (serde's
/// integer visitors accept it as it is); out of range or a float, the error serde's visitor
/// gives through `serde_json` — without instantiating that visitor's range checks, whose
/// errors go through serde's `Unexpected` (see [`Described`]).
macro_rules! integers {
    ($($method:ident $visit:ident $t:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            match self.value {
                Value::Number(n) => match integer::<$t>(n) {
                    Some(x) => v.$visit(x),
                    None => Err(not_integer(n, &v)),
                },
                _ => self.mismatch(&v),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for De<'de, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => v.visit_unit(),
            Value::Bool(b) => v.visit_bool(*b),
            Value::Number(n) => Self::number(n, v),
            Value::String(s) => v.visit_borrowed_str(s),
            Value::Array(items) => self.seq(items, v),
            Value::Object(map) => self.map(map, v),
        }
    }

    integers!(deserialize_i8 visit_i8 i8, deserialize_i16 visit_i16 i16, deserialize_i32 visit_i32 i32,
        deserialize_i64 visit_i64 i64, deserialize_u8 visit_u8 u8, deserialize_u16 visit_u16 u16,
        deserialize_u32 visit_u32 u32, deserialize_u64 visit_u64 u64);
    numbers!(deserialize_i128 deserialize_u128 deserialize_f32 deserialize_f64);

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => v.visit_none(),
            _ => v.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(self, _name: &'static str, _variants: &'static [&'static str], v: V) -> Result<V::Value, Error> {
        let (variant, value) = match self.value {
            Value::String(s) => (s.as_str(), None),
            Value::Object(map) => {
                let mut entries = map.iter();
                match (entries.next(), entries.next()) {
                    (Some((k, value)), None) => (k.as_str(), Some(value)),
                    _ => return Err(not_single_key()),
                }
            }
            _ => return self.mismatch(&"string or map"),
        };
        v.visit_enum(EnumAcc { variant, value, track: self.track })
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, v: V) -> Result<V::Value, Error> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Bool(b) => v.visit_bool(*b),
            _ => self.mismatch(&v),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.string(v)
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.string(v)
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.string(v)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.string(v)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.value {
            Value::String(s) => v.visit_borrowed_str(s),
            Value::Array(items) => self.seq(items, v),
            _ => self.mismatch(&v),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(v)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => v.visit_unit(),
            _ => self.mismatch(&v),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, v: V) -> Result<V::Value, Error> {
        self.deserialize_unit(v)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(items) => self.seq(items, v),
            _ => self.mismatch(&v),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, v: V) -> Result<V::Value, Error> {
        self.deserialize_seq(v)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(self, _name: &'static str, _len: usize, v: V) -> Result<V::Value, Error> {
        self.deserialize_seq(v)
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Object(map) => self.map(map, v),
            _ => self.mismatch(&v),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(self, _name: &'static str, _fields: &'static [&'static str], v: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(items) => self.seq(items, v),
            Value::Object(map) => self.map(map, v),
            _ => self.mismatch(&v),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_unit()
    }
}

/// The elements of an array, each read at `[index]`.
struct SeqAcc<'de, 't> {
    iter: std::slice::Iter<'de, Value>,
    index: usize,
    track: &'t Track<'de>,
}

impl<'de> de::SeqAccess<'de> for SeqAcc<'de, '_> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, Error> {
        let Some(value) = self.iter.next() else { return Ok(None) };
        self.track.push(Seg::Index(self.index));
        self.index += 1;
        let out = seed.deserialize(De { value, track: self.track })?;
        self.track.pop();
        Ok(Some(out))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// The entries of an object, each key and value read at the key.
struct MapAcc<'de, 't> {
    iter: serde_json::map::Iter<'de>,
    entry: Option<(&'de str, &'de Value)>,
    track: &'t Track<'de>,
}

impl<'de> de::MapAccess<'de> for MapAcc<'de, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.iter.next() else { return Ok(None) };
        self.entry = Some((key, value));
        // An unknown field is reported at the field: the step stays when the key fails.
        self.track.push(Seg::Key(key));
        let out = seed.deserialize(BorrowedStrDeserializer::new(key))?;
        self.track.pop();
        Ok(Some(out))
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        let Some((key, value)) = self.entry.take() else { return Err(de::Error::custom("value is missing")) };
        self.track.push(Seg::Key(key));
        let out = seed.deserialize(De { value, track: self.track })?;
        self.track.pop();
        Ok(out)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// An enum written `"variant"` or `{"variant": value}`; the value is read at `variant`.
struct EnumAcc<'de, 't> {
    variant: &'de str,
    value: Option<&'de Value>,
    track: &'t Track<'de>,
}

impl<'de, 't> de::EnumAccess<'de> for EnumAcc<'de, 't> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), Error> {
        let name: StrDeserializer<'_, Error> = self.variant.into_deserializer();
        let v = seed.deserialize(name)?;
        Ok((v, self))
    }
}

impl<'de> EnumAcc<'de, '_> {
    /// Reads the variant's value at `variant`, or fails there with `missing` when it has none.
    fn at<R>(self, missing: &'static str, read: impl FnOnce(De<'de, '_>) -> Result<R, Error>) -> Result<R, Error> {
        self.track.push(Seg::Key(self.variant));
        let out = match self.value {
            Some(value) => read(De { value, track: self.track })?,
            None => return Err(de::Error::custom(format_args!("invalid type: unit variant, expected {missing}"))),
        };
        self.track.pop();
        Ok(out)
    }
}

impl<'de> de::VariantAccess<'de> for EnumAcc<'de, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.value {
            Some(_) => self.at("", |de| <() as de::Deserialize>::deserialize(de)),
            None => Ok(()),
        }
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, Error> {
        self.at("newtype variant", |de| seed.deserialize(de))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, v: V) -> Result<V::Value, Error> {
        self.at("tuple variant", |de| match de.value {
            Value::Array(items) if items.is_empty() => v.visit_unit(),
            Value::Array(items) => de.seq(items, v),
            other => Err(invalid_type(other, &"tuple variant")),
        })
    }

    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], v: V) -> Result<V::Value, Error> {
        self.at("struct variant", |de| match de.value {
            Value::Object(map) => de.map(map, v),
            other => Err(invalid_type(other, &"struct variant")),
        })
    }
}
