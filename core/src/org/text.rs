//! [`Text`]: the string of a record's id, name or reference.

#[cfg(not(target_arch = "wasm32"))]
pub use inline::Text;
/// The text of a record's id, name or reference: in the wasm build `String` itself (natively
/// a type of its own that keeps short texts inline; see the native build's documentation).
#[cfg(target_arch = "wasm32")]
pub type Text = String;

#[cfg(not(target_arch = "wasm32"))]
mod inline {
    use std::borrow::Borrow;
    use std::cmp::Ordering;
    use std::fmt;
    use std::hash::{Hash, Hasher};
    use std::ops::Deref;

    use serde::{Deserialize, Serialize};

    type Inner = compact_str::CompactString;

    /// The text of a record's id, name or reference to another record: a string, read and written
    /// as one, that dereferences to `&str`.
    ///
    /// ```
    /// use grassroots::org::Text;
    /// let id = Text::from("m17");
    /// assert_eq!(id, "m17");
    /// assert_eq!(id.len(), 3);
    /// assert_eq!(String::from(id.clone()), "m17");
    /// assert_eq!(serde_json::to_string(&id).unwrap(), "\"m17\"");
    /// ```
    ///
    /// Natively a string of up to 24 bytes kept inline (`compact_str`): nearly every id, reference,
    /// level key, code and person's name is that short, so a large organization is not millions of
    /// small allocations (ARCHITECTURE.md, "Load speed"). In the wasm build it is `String` itself:
    /// there the bundle's bytes count, the widgets' documents are small, and a type of its own cost
    /// a kilobyte of code a module. Code that uses it as a string (`&str` by deref, `as_str`,
    /// `Text::from`, `String::from`, comparisons with `&str`, serde) builds for both.
    #[derive(Clone, Default, Serialize, Deserialize)]
    #[serde(transparent)]
    pub struct Text(Inner);

    impl Text {
        /// An empty text.
        pub fn new() -> Self {
            Text(Inner::default())
        }
        /// The text as a `&str`.
        pub fn as_str(&self) -> &str {
            &self.0
        }
    }

    impl Deref for Text {
        type Target = str;
        fn deref(&self) -> &str {
            &self.0
        }
    }

    impl AsRef<str> for Text {
        fn as_ref(&self) -> &str {
            &self.0
        }
    }

    impl Borrow<str> for Text {
        fn borrow(&self) -> &str {
            &self.0
        }
    }

    impl fmt::Display for Text {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            fmt::Display::fmt(self.as_str(), f)
        }
    }

    impl fmt::Debug for Text {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            fmt::Debug::fmt(self.as_str(), f)
        }
    }

    // Compared and hashed as the `str` it holds (which `Borrow<str>` requires of a map key).
    impl PartialEq for Text {
        fn eq(&self, other: &Self) -> bool {
            self.as_str() == other.as_str()
        }
    }
    impl Eq for Text {}
    impl PartialOrd for Text {
        fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
            Some(self.cmp(other))
        }
    }
    impl Ord for Text {
        fn cmp(&self, other: &Self) -> Ordering {
            self.as_str().cmp(other.as_str())
        }
    }
    impl Hash for Text {
        fn hash<H: Hasher>(&self, state: &mut H) {
            self.as_str().hash(state)
        }
    }

    impl PartialEq<str> for Text {
        fn eq(&self, other: &str) -> bool {
            self.as_str() == other
        }
    }
    impl PartialEq<&str> for Text {
        fn eq(&self, other: &&str) -> bool {
            self.as_str() == *other
        }
    }
    impl PartialEq<String> for Text {
        fn eq(&self, other: &String) -> bool {
            self.as_str() == other
        }
    }
    impl PartialEq<Text> for str {
        fn eq(&self, other: &Text) -> bool {
            self == other.as_str()
        }
    }
    impl PartialEq<Text> for &str {
        fn eq(&self, other: &Text) -> bool {
            *self == other.as_str()
        }
    }
    impl PartialEq<Text> for String {
        fn eq(&self, other: &Text) -> bool {
            self == other.as_str()
        }
    }

    impl From<&str> for Text {
        fn from(s: &str) -> Self {
            Text(Inner::from(s))
        }
    }
    impl From<&String> for Text {
        fn from(s: &String) -> Self {
            Text(Inner::from(s.as_str()))
        }
    }
    impl From<String> for Text {
        fn from(s: String) -> Self {
            Text(Inner::from(s))
        }
    }
    impl From<Text> for String {
        fn from(t: Text) -> Self {
            t.0.into()
        }
    }
    // A copy as a `String` (`to_string` goes through the formatter).
    impl From<&Text> for String {
        fn from(t: &Text) -> Self {
            t.0.clone().into()
        }
    }

    #[cfg(feature = "schema")]
    impl schemars::JsonSchema for Text {
        fn inline_schema() -> bool {
            true
        }
        fn schema_name() -> std::borrow::Cow<'static, str> {
            String::schema_name()
        }
        fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
            String::json_schema(generator)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Text;
    use std::collections::HashMap;

    #[test]
    fn a_text_is_its_string_in_maps_comparisons_and_json() {
        let long = "一个比二十四个字节更长的党组织名称";
        for s in ["", "m1", "张三", "a".repeat(24).as_str(), "a".repeat(25).as_str(), long] {
            let t = Text::from(s);
            assert_eq!(t, s);
            assert_eq!(s, t);
            assert_eq!(t.as_str(), s);
            assert_eq!(format!("{t}"), s);
            assert_eq!(format!("{t:?}"), format!("{s:?}"));
            assert_eq!(String::from(t.clone()), s);
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, serde_json::to_string(s).unwrap());
            assert_eq!(serde_json::from_str::<Text>(&json).unwrap(), t);
            let mut map = HashMap::new();
            map.insert(t.clone(), 1);
            assert_eq!(map.get(s), Some(&1), "looked up by &str: {s:?}");
        }
        assert!(Text::from("a") < Text::from("b"));
        assert!(serde_json::from_str::<Text>("17").is_err());
    }
}
