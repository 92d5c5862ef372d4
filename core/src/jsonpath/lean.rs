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
//! same `serde_json::Error` messages) and records the path exactly where
//! `serde_path_to_error` does: the innermost value whose reading failed, a key whose reading
//! failed (an unknown field), the variant of an enum written `{"variant": …}`. The unit tests
//! compare the two on every record type the loaders read.

use std::cell::RefCell;
use std::fmt::Write as _;

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, Expected, IntoDeserializer, Unexpected, Visitor};
use serde_json::{Error, Map, Number, Value};

/// Reads a `T` from `value`; on failure, the path inside `value` in `serde_path_to_error`'s
/// notation (`.` for the value itself, `level`, `[2].name`) and the error.
pub(crate) fn read<T: de::DeserializeOwned>(value: &Value) -> Result<T, (String, Error)> {
    let track = Track(RefCell::new(None));
    let root = Chain { parent: None, seg: Seg::Root };
    T::deserialize(De { value, chain: &root, track: &track }).map_err(|e| (track.0.into_inner().unwrap_or_else(|| ".".into()), e))
}

/// One step of the path, linked to its parent on the stack; written out only on failure.
#[derive(Clone, Copy)]
struct Chain<'c> {
    parent: Option<&'c Chain<'c>>,
    seg: Seg<'c>,
}

#[derive(Clone, Copy)]
enum Seg<'c> {
    Root,
    Key(&'c str),
    Index(usize),
}

/// The path of the innermost failure: the first one recorded, as the error travels out.
struct Track(RefCell<Option<String>>);

impl Track {
    #[inline(never)]
    fn fail(&self, chain: &Chain<'_>, err: Error) -> Error {
        let mut slot = self.0.borrow_mut();
        if slot.is_none() {
            *slot = Some(render(chain));
        }
        err
    }
}

/// `a[0].b`, `[2].name`, or `.` for the root.
fn render(chain: &Chain<'_>) -> String {
    let mut segs = Vec::new();
    let mut at = Some(chain);
    while let Some(c) = at {
        segs.push(c.seg);
        at = c.parent;
    }
    let mut out = String::new();
    for seg in segs.iter().rev() {
        match seg {
            Seg::Root => {}
            Seg::Index(i) => {
                let _ = write!(out, "[{i}]");
            }
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
        }
    }
    if out.is_empty() { ".".into() } else { out }
}

/// What `serde_json` calls a value in its messages ("string \"abc\"", "integer `3`", "null").
#[cold]
fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (None, Some(i)) => Unexpected::Signed(i),
            _ => Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

#[cold]
#[inline(never)]
fn invalid_type(value: &Value, exp: &dyn Expected) -> Error {
    de::Error::invalid_type(unexpected(value), exp)
}

#[cold]
#[inline(never)]
fn invalid_length(len: usize, exp: &'static str) -> Error {
    de::Error::invalid_length(len, &exp)
}

/// The deserializer of one value at one place.
#[derive(Clone, Copy)]
struct De<'de, 'c> {
    value: &'de Value,
    chain: &'c Chain<'c>,
    track: &'c Track,
}

impl<'de, 'c> De<'de, 'c> {
    fn done<T>(self, r: Result<T, Error>) -> Result<T, Error> {
        r.map_err(|e| self.track.fail(self.chain, e))
    }

    fn mismatch<T>(self, exp: &dyn Expected) -> Result<T, Error> {
        Err(self.track.fail(self.chain, invalid_type(self.value, exp)))
    }

    fn number<V: Visitor<'de>>(self, n: &Number, v: V) -> Result<V::Value, Error> {
        let r = match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => v.visit_u64(u),
            (None, Some(i)) => v.visit_i64(i),
            _ => v.visit_f64(n.as_f64().unwrap_or(f64::NAN)),
        };
        self.done(r)
    }

    fn seq<V: Visitor<'de>>(self, items: &'de [Value], v: V) -> Result<V::Value, Error> {
        let mut access = SeqAcc { iter: items.iter(), index: 0, chain: self.chain, track: self.track };
        let r = v.visit_seq(&mut access).and_then(|out| if access.iter.len() == 0 { Ok(out) } else { Err(invalid_length(items.len(), "fewer elements in array")) });
        self.done(r)
    }

    fn map<V: Visitor<'de>>(self, map: &'de Map<String, Value>, v: V) -> Result<V::Value, Error> {
        let mut access = MapAcc { iter: map.iter(), entry: None, chain: self.chain, track: self.track };
        let r = v.visit_map(&mut access).and_then(|out| if access.iter.len() == 0 { Ok(out) } else { Err(invalid_length(map.len(), "fewer elements in map")) });
        self.done(r)
    }

    fn string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.value {
            Value::String(s) => self.done(v.visit_borrowed_str(s)),
            _ => self.mismatch(&v),
        }
    }
}

macro_rules! numbers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            match self.value {
                Value::Number(n) => self.number(n, v),
                _ => self.mismatch(&v),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for De<'de, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => self.done(v.visit_unit()),
            Value::Bool(b) => self.done(v.visit_bool(*b)),
            Value::Number(n) => self.number(n, v),
            Value::String(s) => self.done(v.visit_borrowed_str(s)),
            Value::Array(items) => self.seq(items, v),
            Value::Object(map) => self.map(map, v),
        }
    }

    numbers!(deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64);

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => self.done(v.visit_none()),
            _ => self.done(v.visit_some(self)),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(self, _name: &'static str, _variants: &'static [&'static str], v: V) -> Result<V::Value, Error> {
        let (variant, value) = match self.value {
            Value::String(s) => (s.as_str(), None),
            Value::Object(map) => {
                let mut entries = map.iter();
                match (entries.next(), entries.next()) {
                    (Some((k, value)), None) => (k.as_str(), Some(value)),
                    _ => return Err(self.track.fail(self.chain, de::Error::invalid_value(Unexpected::Map, &"map with a single key"))),
                }
            }
            _ => return self.mismatch(&"string or map"),
        };
        self.done(v.visit_enum(EnumAcc { variant, value, chain: self.chain, track: self.track }))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, v: V) -> Result<V::Value, Error> {
        self.done(v.visit_newtype_struct(self))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Bool(b) => self.done(v.visit_bool(*b)),
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
            Value::String(s) => self.done(v.visit_borrowed_str(s)),
            Value::Array(items) => self.seq(items, v),
            _ => self.mismatch(&v),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(v)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => self.done(v.visit_unit()),
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
        self.done(v.visit_unit())
    }
}

/// The elements of an array, each read at `[index]`.
struct SeqAcc<'de, 'c> {
    iter: std::slice::Iter<'de, Value>,
    index: usize,
    chain: &'c Chain<'c>,
    track: &'c Track,
}

impl<'de> de::SeqAccess<'de> for SeqAcc<'de, '_> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, Error> {
        let Some(value) = self.iter.next() else { return Ok(None) };
        let chain = Chain { parent: Some(self.chain), seg: Seg::Index(self.index) };
        self.index += 1;
        // Errors a value's `Deserialize` makes after reading it (untagged enums) are placed here.
        seed.deserialize(De { value, chain: &chain, track: self.track }).map(Some).map_err(|e| self.track.fail(&chain, e))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// The entries of an object, each value read at its key.
struct MapAcc<'de, 'c> {
    iter: serde_json::map::Iter<'de>,
    entry: Option<(&'de str, &'de Value)>,
    chain: &'c Chain<'c>,
    track: &'c Track,
}

impl<'de> de::MapAccess<'de> for MapAcc<'de, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.iter.next() else { return Ok(None) };
        self.entry = Some((key, value));
        // An unknown field is reported at the field.
        seed.deserialize(BorrowedStrDeserializer::new(key)).map(Some).map_err(|e| self.track.fail(&Chain { parent: Some(self.chain), seg: Seg::Key(key) }, e))
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        let Some((key, value)) = self.entry.take() else { return Err(de::Error::custom("value is missing")) };
        let chain = Chain { parent: Some(self.chain), seg: Seg::Key(key) };
        seed.deserialize(De { value, chain: &chain, track: self.track }).map_err(|e| self.track.fail(&chain, e))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// An enum written `"variant"` or `{"variant": value}`; the value is read at `variant`.
struct EnumAcc<'de, 'c> {
    variant: &'de str,
    value: Option<&'de Value>,
    chain: &'c Chain<'c>,
    track: &'c Track,
}

impl<'de, 'c> de::EnumAccess<'de> for EnumAcc<'de, 'c> {
    type Error = Error;
    type Variant = VariantAcc<'de, 'c>;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self::Variant), Error> {
        let name: StrDeserializer<'_, Error> = self.variant.into_deserializer();
        let EnumAcc { variant, value, chain, track } = self;
        seed.deserialize(name).map(|v| (v, VariantAcc { variant, value, parent: chain, track }))
    }
}

/// The value of a variant, read at `variant`.
struct VariantAcc<'de, 'c> {
    variant: &'de str,
    value: Option<&'de Value>,
    parent: &'c Chain<'c>,
    track: &'c Track,
}

impl<'de> VariantAcc<'de, '_> {
    /// A deserializer at the variant, for the errors of its value.
    fn at<R>(&self, read: impl FnOnce(De<'de, '_>) -> Result<R, Error>) -> Result<R, Error> {
        let chain = Chain { parent: Some(self.parent), seg: Seg::Key(self.variant) };
        let de = De { value: self.value.unwrap_or(&NULL), chain: &chain, track: self.track };
        read(de).map_err(|e| self.track.fail(&chain, e))
    }
}

static NULL: Value = Value::Null;

impl<'de> de::VariantAccess<'de> for VariantAcc<'de, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.value {
            Some(_) => self.at(|de| <() as de::Deserialize>::deserialize(de)),
            None => Ok(()),
        }
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, Error> {
        match self.value {
            Some(_) => self.at(|de| seed.deserialize(de)),
            None => self.at(|_| Err(de::Error::invalid_type(Unexpected::UnitVariant, &"newtype variant"))),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, v: V) -> Result<V::Value, Error> {
        self.at(|de| match de.value {
            Value::Array(items) if items.is_empty() => v.visit_unit(),
            Value::Array(items) => de.seq(items, v),
            _ if self.value.is_none() => Err(de::Error::invalid_type(Unexpected::UnitVariant, &"tuple variant")),
            other => Err(invalid_type(other, &"tuple variant")),
        })
    }

    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], v: V) -> Result<V::Value, Error> {
        self.at(|de| match de.value {
            Value::Object(map) => de.map(map, v),
            _ if self.value.is_none() => Err(de::Error::invalid_type(Unexpected::UnitVariant, &"struct variant")),
            other => Err(invalid_type(other, &"struct variant")),
        })
    }
}
