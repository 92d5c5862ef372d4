//! The explanations of an evaluation: a sentence in zh-CN and in English per outcome.
//!
//! Most of an evaluation's sentences are an indicator's value between words that are the same
//! for every entity (`调解成功率 92% ≥ 90%，得 10 分`). Such a [`Reason`] keeps the value and
//! shares the rule set's words; the sentence is written when it is read ([`Reason::zh`],
//! [`Reason::en`], serializing, comparing). Evaluating 10,000 entities × 25 indicators so
//! writes no text and allocates nothing for its 250,000 reasons (they were 500,000 strings,
//! half the evaluation's time); the sentences and their JSON are the same as before.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::text::number_into;

/// A sentence in zh-CN and in English, e.g. 调解成功率 92% ≥ 90%，得 10 分 / mediation
/// success rate 92% ≥ 90%: 10 points. Its JSON is `{"zh": …, "en": …}`.
#[derive(Clone)]
pub struct Reason(Repr);

#[derive(Clone)]
enum Repr {
    /// Written out (a yes/no indicator's sentence is one, shared by every entity).
    Text(Arc<(String, String)>),
    /// An indicator's value between its words: written when read.
    Value { words: Arc<Words>, value: f64, tail: usize },
}

/// An indicator's words around its value, the same for every entity.
pub(crate) struct Words {
    /// A ratio is shown as a percentage, without a unit.
    pub(crate) ratio: bool,
    /// After the number (a unit), in each language.
    pub(crate) unit: (&'static str, &'static str),
    /// `name ` in each language, before the value.
    pub(crate) head: (String, String),
    /// After the value and its unit: one per band reached (` ≥ 90%，得 10 分` /
    /// ` ≥ 90%: 10 points`), then the one for no band reached.
    pub(crate) tails: Vec<(String, String)>,
}

impl Reason {
    /// A sentence in each language.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Reason(Repr::Text(Arc::new((zh.into(), en.into()))))
    }

    /// `value` in the sentence `words.head` … `words.tails[tail]` (an index of `tails`).
    pub(crate) fn value(words: &Arc<Words>, value: f64, tail: usize) -> Self {
        Reason(Repr::Value { words: Arc::clone(words), value, tail })
    }

    /// The sentence in zh-CN.
    pub fn zh(&self) -> Cow<'_, str> {
        self.text(true)
    }

    /// The sentence in English.
    pub fn en(&self) -> Cow<'_, str> {
        self.text(false)
    }

    fn text(&self, zh: bool) -> Cow<'_, str> {
        match &self.0 {
            Repr::Text(t) => Cow::Borrowed(if zh { &t.0 } else { &t.1 }),
            Repr::Value { words, value, tail } => {
                fn pick(pair: &(String, String), zh: bool) -> &str {
                    if zh { &pair.0 } else { &pair.1 }
                }
                let end = words.tails.get(*tail).map_or("", |t| pick(t, zh));
                let head = pick(&words.head, zh);
                let mut out = String::with_capacity(head.len() + 24 + end.len());
                out.push_str(head);
                if words.ratio {
                    number_into(&mut out, value * 100.0);
                    out.push('%');
                } else {
                    number_into(&mut out, *value);
                    out.push_str(if zh { words.unit.0 } else { words.unit.1 });
                }
                out.push_str(end);
                Cow::Owned(out)
            }
        }
    }
}

impl PartialEq for Reason {
    fn eq(&self, other: &Self) -> bool {
        self.zh() == other.zh() && self.en() == other.en()
    }
}

impl Eq for Reason {}

impl fmt::Debug for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reason").field("zh", &self.zh()).field("en", &self.en()).finish()
    }
}

impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Reason", 2)?;
        s.serialize_field("zh", &self.zh())?;
        s.serialize_field("en", &self.en())?;
        s.end()
    }
}
