//! Records read by a table of their fields (the `lean-paths` reader of the wasm build).
//!
//! serde's derived `Deserialize` gives every record type a visitor of its own: a field
//! identifier matched against each name (as `str` and as bytes), a map form with an `Option`
//! per field and its "missing field" checks, and a sequence form (a struct written as an
//! array, which `serde_json` accepts). In the wasm build that was 1–4 KB of code a record type,
//! ~55 KB for the organization's records alone. Here the walk over a record's object or array
//! is one function for every type ([`walk`]): it matches the keys against the type's field
//! names, reports unknown and missing fields and keeps the path; what is left per type is a
//! table of names and a small function that stores field `i`, made by [`lean_record!`].
//!
//! It reads exactly what the derived visitor reads through [`super::lean`], with the same
//! messages and paths (the unit tests compare every record any loader reads with
//! `serde_path_to_error`'s reading of it, on every fixture and thousands of mutations of them).
//! The fields' own values (texts, numbers, dates, enums) are still read by serde through
//! [`super::lean`]'s deserializer: one instantiation per value type, shared by every record.

use serde::de::{self, Deserialize};
use serde_json::{Error, Value};

use super::lean::{De, Seg};
pub use super::lean::Track;

/// A value read from a `&Value` with the path to a problem kept on `track`, as
/// [`super::lean`]'s deserializer reads it.
pub trait Lean: Sized {
    /// Reads one value; on failure `track` is the path inside the record to what failed.
    fn lean<'de>(value: &'de Value, track: &Track<'de>) -> Result<Self, Error>;
}

/// What an absent field of a record is, as serde's derive makes it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// No default: absent is "missing field" (in the array form, too few elements).
    Required,
    /// An `Option` without `#[serde(default)]`: absent from an object is `None`, missing from
    /// the array form is too few elements. (No record has one today; every optional field is
    /// `#[serde(default)]`.)
    #[allow(dead_code)]
    Optional,
    /// `#[serde(default)]`: absent is the default in both forms.
    Default,
}

/// A record type's fields as serde's derive sees them.
pub struct Shape {
    /// What the derived visitor expects: `struct GridRecord`.
    pub expecting: &'static str,
    /// The names read, in declaration order (serde's `FIELDS`, which its messages list).
    pub names: &'static [&'static str],
    /// Each name's [`How`].
    pub how: &'static [How],
    /// `#[serde(deny_unknown_fields)]`.
    pub deny: bool,
}

/// A record type read by a table of its fields ([`lean_record!`]).
pub trait Table {
    /// Its fields.
    const SHAPE: Shape;
}

/// Stores the value of field `i` (its index in [`Shape::names`]).
pub type Set<'a, 'de> = dyn FnMut(usize, &'de Value, &Track<'de>) -> Result<(), Error> + 'a;

/// Reads a record of `shape` from `value` through `set`: an object by its keys, an array by
/// position, anything else a type error — as serde's derived visitor reads it from
/// [`super::lean`]'s deserializer.
#[inline(never)]
pub fn walk<'de>(value: &'de Value, track: &Track<'de>, shape: &Shape, set: &mut Set<'_, 'de>) -> Result<(), Error> {
    match value {
        Value::Object(map) => {
            // The fields read, a bit each (a record has at most 64: `lean_record!` checks it),
            // so that reading a record allocates nothing of its own.
            let mut seen = 0u64;
            for (key, v) in map {
                // An unknown field is reported at the field, a wrong value inside it.
                track.push(Seg::Key(key));
                match shape.names.iter().position(|n| *n == key.as_str()) {
                    Some(i) => {
                        set(i, v, track)?;
                        seen |= bit(i);
                    }
                    None if shape.deny => return Err(de::Error::unknown_field(key, shape.names)),
                    None => {}
                }
                track.pop();
            }
            match shape.how.iter().enumerate().position(|(i, how)| *how == How::Required && seen & bit(i) == 0) {
                Some(i) => Err(de::Error::missing_field(shape.names[i])),
                None => Ok(()),
            }
        }
        Value::Array(items) => {
            for (i, how) in shape.how.iter().enumerate() {
                match items.get(i) {
                    Some(v) => {
                        track.push(Seg::Index(i));
                        set(i, v, track)?;
                        track.pop();
                    }
                    None if *how == How::Default => {}
                    None => {
                        let n = shape.how.len();
                        let expected = format!("{} with {n} element{}", shape.expecting, if n == 1 { "" } else { "s" });
                        return Err(de::Error::invalid_length(i, &expected.as_str()));
                    }
                }
            }
            if items.len() > shape.how.len() {
                return Err(super::lean::invalid_length(items.len(), "fewer elements in array"));
            }
            Ok(())
        }
        other => Err(super::lean::invalid_type(other, &shape.expecting)),
    }
}

/// Field `i`'s bit in [`walk`]'s set of the fields read.
fn bit(i: usize) -> u64 {
    1u64.checked_shl(u32::try_from(i).unwrap_or(u32::MAX)).unwrap_or(0)
}

/// Which of `names` a unit-only enum's value names, as serde's derived visitor reads it from
/// [`super::lean`]'s deserializer: `"name"`, or `{"name": null}`; an unknown name, another
/// value inside the one-key object, or any other value is serde's error for it.
#[inline(never)]
pub fn variant<'de>(value: &'de Value, track: &Track<'de>, names: &'static [&'static str]) -> Result<usize, Error> {
    let (name, inner) = match value {
        Value::String(name) => (name.as_str(), None),
        Value::Object(map) => {
            let mut entries = map.iter();
            match (entries.next(), entries.next()) {
                (Some((name, inner)), None) => (name.as_str(), Some(inner)),
                _ => return Err(super::lean::not_single_key()),
            }
        }
        other => return Err(super::lean::invalid_type(other, &"string or map")),
    };
    let Some(i) = names.iter().position(|n| *n == name) else { return Err(de::Error::unknown_variant(name, names)) };
    match inner {
        None | Some(Value::Null) => Ok(i),
        Some(other) => {
            // A unit variant's value is read at the variant, as `()`.
            track.push(Seg::Key(name));
            Err(super::lean::invalid_type(other, &"unit"))
        }
    }
}

/// The tag of an internally tagged enum (`#[serde(tag = "state")]`) and the rest of its value,
/// as serde's `TaggedContentVisitor` splits them: an object's `tag_name` member (the tag read
/// at it), the others kept in order; or an array's first element and the rest. A missing tag,
/// a tag that names no variant, or a value of another kind is serde's error for it.
#[inline(never)]
pub fn tagged<'de>(value: &'de Value, track: &Track<'de>, tag_name: &'static str, expecting: &'static str, names: &'static [&'static str]) -> Result<(usize, Value), Error> {
    let identifier = |v: &'de Value| match v {
        Value::String(name) => names.iter().position(|n| n == name).ok_or_else(|| de::Error::unknown_variant(name, names)),
        other => Err(super::lean::invalid_type(other, &"variant identifier")),
    };
    match value {
        Value::Object(map) => {
            let mut tag = None;
            let mut rest = serde_json::Map::new();
            for (key, v) in map {
                if key == tag_name {
                    track.push(Seg::Key(key));
                    tag = Some(identifier(v)?);
                    track.pop();
                } else {
                    rest.insert(key.clone(), v.clone());
                }
            }
            match tag {
                Some(tag) => Ok((tag, Value::Object(rest))),
                None => Err(de::Error::missing_field(tag_name)),
            }
        }
        Value::Array(items) => {
            let Some(first) = items.first() else { return Err(de::Error::missing_field(tag_name)) };
            track.push(Seg::Index(0));
            let tag = identifier(first)?;
            track.pop();
            Ok((tag, Value::Array(items[1..].to_vec())))
        }
        other => Err(super::lean::invalid_type(other, &expecting)),
    }
}

/// Reads the fields of an internally tagged enum's struct variant from the rest [`tagged`]
/// left, as serde reads them from its buffered content: with the same messages as a record,
/// but no path inside (a problem is reported at the enum's value), and an array longer than
/// the variant's fields is "expected N elements in sequence".
#[inline(never)]
pub fn variant_fields(body: &Value, shape: &Shape, set: &mut dyn for<'de> FnMut(usize, &'de Value, &Track<'de>) -> Result<(), Error>) -> Result<(), Error> {
    let n = shape.how.len();
    match body {
        Value::Array(items) if items.len() > n => {
            let head = Value::Array(items[..n].to_vec());
            walk(&head, &Track::new(), shape, &mut |i, v, t| set(i, v, t))?;
            let expected = format!("{n} element{} in sequence", if n == 1 { "" } else { "s" });
            Err(de::Error::invalid_length(items.len(), &expected.as_str()))
        }
        _ => walk(body, &Track::new(), shape, &mut |i, v, t| set(i, v, t)),
    }
}

/// Reads a `T` from `value`; on failure, the path inside `value` in `serde_path_to_error`'s
/// notation (`.` for the value itself, `level`, `[2].name`) and the error.
pub fn read<T: Lean>(value: &Value) -> Result<T, (String, Error)> {
    let track = Track::new();
    match T::lean(value, &track) {
        Ok(t) => Ok(t),
        Err(e) => Err((track.render(), e)),
    }
}

/// `value` read as a `T` by its table and by `serde_path_to_error` over serde_json's own
/// reader, each as the record or the path and message: what the unit tests and the `tables`
/// fuzz target hold equal.
pub fn both<T: Lean + de::DeserializeOwned>(value: &Value) -> (Result<T, (String, String)>, Result<T, (String, String)>) {
    let by_table = read::<T>(value).map_err(|(path, e)| (path, e.to_string()));
    let by_serde = super::reference::<T>(value);
    (by_table, by_serde)
}

impl<T: Lean> Lean for Option<T> {
    fn lean<'de>(value: &'de Value, track: &Track<'de>) -> Result<Self, Error> {
        match value {
            Value::Null => Ok(None),
            other => T::lean(other, track).map(Some),
        }
    }
}

impl<T: Lean> Lean for Vec<T> {
    fn lean<'de>(value: &'de Value, track: &Track<'de>) -> Result<Self, Error> {
        let Value::Array(items) = value else { return Err(super::lean::invalid_type(value, &"a sequence")) };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            track.push(Seg::Index(i));
            out.push(T::lean(item, track)?);
            track.pop();
        }
        Ok(out)
    }
}

/// Values read by their own `Deserialize` through [`super::lean`]'s deserializer: texts,
/// numbers, dates, enums — and record types not (yet) given a table.
#[doc(hidden)]
#[macro_export]
macro_rules! by_serde {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::__table::Lean for $t {
            fn lean<'de>(value: &'de ::serde_json::Value, track: &$crate::__table::Track<'de>) -> Result<Self, ::serde_json::Error> {
                $crate::__table::deserialize(value, track)
            }
        }
    )*};
}

/// [`by_serde!`]'s body: `T::deserialize` over the path-keeping deserializer.
pub fn deserialize<'de, T: Deserialize<'de>>(value: &'de Value, track: &Track<'de>) -> Result<T, Error> {
    T::deserialize(De { value, track })
}

by_serde!(String, bool, u8, u16, u32, u64, i32, i64, f64);

/// A count: serde's `usize` visitor reads a `u64` and checks its range with serde's own error
/// type (`Unexpected`, and with it core's float formatting); read here as it reads it.
impl Lean for usize {
    fn lean<'de>(value: &'de Value, _: &Track<'de>) -> Result<Self, Error> {
        match value {
            Value::Number(n) => super::lean::integer::<usize>(n).ok_or_else(|| super::lean::not_integer(n, &"usize")),
            other => Err(super::lean::invalid_type(other, &"usize")),
        }
    }
}

/// Any JSON (a rule's expression): the value itself, as serde would rebuild it.
impl Lean for Value {
    fn lean<'de>(value: &'de Value, _: &Track<'de>) -> Result<Self, Error> {
        Ok(value.clone())
    }
}

/// An object of any values (an entity's facts): the object itself, as serde would rebuild it.
impl Lean for serde_json::Map<String, Value> {
    fn lean<'de>(value: &'de Value, _: &Track<'de>) -> Result<Self, Error> {
        match value {
            Value::Object(map) => Ok(map.clone()),
            other => Err(super::lean::invalid_type(other, &"a map")),
        }
    }
}
#[cfg(not(target_arch = "wasm32"))]
by_serde!(crate::org::Text);

/// The [`Lean`] reading of a record type by a table of its fields. Each field is written
/// `name: How` (see [`How`]), with `= "json_name"` before the colon for a renamed field and
/// `(expr)` after `Required` for the placeholder of a type without a `Default` (overwritten
/// before the record is returned). Every field of the struct must be listed, in declaration
/// order, as serde's derive reads them; `deny` is `#[serde(deny_unknown_fields)]`.
#[doc(hidden)]
#[macro_export]
macro_rules! lean_record {
    ($ty:ident, deny = $deny:literal, { $( $field:ident $(= $name:literal)? : $how:ident $(($init:expr))? ),* $(,)? }) => {
        impl $crate::__table::Table for $ty {
            const SHAPE: $crate::__table::Shape = $crate::__table::Shape {
                expecting: concat!("struct ", stringify!($ty)),
                names: &[$( $crate::lean_name!($field $(, $name)?) ),*],
                how: &[$( $crate::__table::How::$how ),*],
                deny: $deny,
            };
        }

        // `walk` keeps the fields read as the bits of a `u64`.
        const _: () = assert!(<$ty as $crate::__table::Table>::SHAPE.names.len() <= 64, "a record read by a table has at most 64 fields");

        impl $crate::__table::Lean for $ty {
            fn lean<'de>(value: &'de ::serde_json::Value, track: &$crate::__table::Track<'de>) -> Result<Self, ::serde_json::Error> {
                let mut out = $ty { $( $field: $crate::lean_init!($($init)?) ),* };
                let shape = &<$ty as $crate::__table::Table>::SHAPE;
                $crate::__table::walk(value, track, shape, &mut |i: usize, v: &'de ::serde_json::Value, t: &$crate::__table::Track<'de>| {
                    $crate::lean_arms!(out i v t (0usize) $($field)*);
                    Ok(())
                })?;
                Ok(out)
            }
        }
    };
}

/// The [`Lean`] reading of an enum of unit variants by a table of their names (as serde's
/// derive names them: `rename_all` and `rename` applied): `lean_enum!(Flow { In = "in", Out =
/// "out" })`.
#[doc(hidden)]
#[macro_export]
macro_rules! lean_enum {
    ($ty:ident { $( $variant:ident = $name:literal ),* $(,)? }) => {
        impl $crate::__table::Variants for $ty {
            const NAMES: &'static [&'static str] = &[$( $name ),*];
        }

        impl $crate::__table::Lean for $ty {
            fn lean<'de>(value: &'de ::serde_json::Value, track: &$crate::__table::Track<'de>) -> Result<Self, ::serde_json::Error> {
                const VALUES: &[$ty] = &[$( $ty::$variant ),*];
                let i = $crate::__table::variant(value, track, <$ty as $crate::__table::Variants>::NAMES)?;
                VALUES.get(i).cloned().ok_or_else(|| <::serde_json::Error as ::serde::de::Error>::custom("variant out of range"))
            }
        }
    };
}

/// An enum of unit variants read by [`lean_enum!`].
pub trait Variants {
    /// The variants' names, in declaration order.
    const NAMES: &'static [&'static str];
}

/// A field's name in the document: its own, or its rename.
#[doc(hidden)]
#[macro_export]
macro_rules! lean_name {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident, $name:literal) => {
        $name
    };
}

/// A field's value before it is read: its default, or the placeholder given.
#[doc(hidden)]
#[macro_export]
macro_rules! lean_init {
    () => {
        ::core::default::Default::default()
    };
    ($init:expr) => {
        $init
    };
}

/// `if i == 0 { out.a = …; return } if i == 1 { out.b = …; return } …`
#[doc(hidden)]
#[macro_export]
macro_rules! lean_arms {
    ($out:ident $i:ident $v:ident $t:ident ($n:expr)) => {};
    ($out:ident $i:ident $v:ident $t:ident ($n:expr) $f:ident $($rest:ident)*) => {
        if $i == $n {
            $out.$f = $crate::__table::Lean::lean($v, $t)?;
            return Ok(());
        }
        $crate::lean_arms!($out $i $v $t ($n + 1) $($rest)*);
    };
}
