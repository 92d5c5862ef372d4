//! The records of a lists document: items, their status and channels, and role duty lists.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::org::Date;

/// Which of the four lists (四张清单) an item is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// 自治事项: what the community does itself.
    SelfGovernance,
    /// 协助事项: what it assists government departments with.
    Assist,
    /// 证明事项: a certificate it may (still) issue.
    Certificate,
    /// 负面清单: what it must not be asked to do.
    Negative,
}

impl ItemKind {
    /// All kinds, in display order.
    pub const ALL: [ItemKind; 4] = [ItemKind::SelfGovernance, ItemKind::Assist, ItemKind::Certificate, ItemKind::Negative];

    /// The JSON key, e.g. `self_governance`.
    pub fn key(self) -> &'static str {
        match self {
            ItemKind::SelfGovernance => "self_governance",
            ItemKind::Assist => "assist",
            ItemKind::Certificate => "certificate",
            ItemKind::Negative => "negative",
        }
    }

    /// The Chinese name, e.g. 自治事项.
    pub fn zh(self) -> &'static str {
        match self {
            ItemKind::SelfGovernance => "自治事项",
            ItemKind::Assist => "协助事项",
            ItemKind::Certificate => "证明事项",
            ItemKind::Negative => "负面清单",
        }
    }

    /// Whether an item of this kind is work the community is expected to do (a duty).
    pub fn is_duty(self) -> bool {
        matches!(self, ItemKind::SelfGovernance | ItemKind::Assist)
    }
}

impl fmt::Display for ItemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// What a resident does instead of bringing an abolished certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Instead {
    /// 个人承诺 / 告知承诺: the resident signs a declaration.
    SelfDeclaration,
    /// 部门数据共享: the office looks the fact up in shared department data.
    DataSharing,
    /// 网上核验: the office verifies it online.
    OnlineVerification,
    /// 由主管部门出具: the competent department issues it (see the item's note for which).
    DepartmentIssues,
    /// 无需提供: nothing at all is needed any more.
    NotNeeded,
}

impl Instead {
    /// The JSON key.
    pub fn key(self) -> &'static str {
        match self {
            Instead::SelfDeclaration => "self_declaration",
            Instead::DataSharing => "data_sharing",
            Instead::OnlineVerification => "online_verification",
            Instead::DepartmentIssues => "department_issues",
            Instead::NotNeeded => "not_needed",
        }
    }

    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            Instead::SelfDeclaration => "个人承诺",
            Instead::DataSharing => "部门数据共享",
            Instead::OnlineVerification => "网上核验",
            Instead::DepartmentIssues => "由主管部门出具",
            Instead::NotNeeded => "无需提供",
        }
    }
}

/// Whether an item is in force, and since when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case", deny_unknown_fields)]
pub enum Status {
    /// In force at the item's own level.
    InForce {
        /// The day it came into force, when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        since: Option<Date>,
    },
    /// Abolished (e.g. one of 来凤's 55 无谓证明).
    Abolished {
        /// The day it stopped.
        since: Date,
        /// The document that abolished it, e.g. 来政办发〔2021〕8号.
        by: String,
        /// What a resident does instead.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        instead: Vec<Instead>,
        /// Free text for the resident, e.g. which department issues it now.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Still in force, but handled at a lower level since (来凤 delegated 9 services to
    /// the districts).
    DelegatedDown {
        /// The day it moved.
        since: Date,
        /// The level key it is handled at now; the item's `level` is the one it had.
        to: String,
        /// The document that moved it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by: Option<String>,
    },
}

impl Default for Status {
    fn default() -> Self {
        Status::InForce { since: None }
    }
}

impl Status {
    /// The JSON key of the state.
    pub fn key(&self) -> &'static str {
        match self {
            Status::InForce { .. } => "in_force",
            Status::Abolished { .. } => "abolished",
            Status::DelegatedDown { .. } => "delegated_down",
        }
    }

    /// Whether the item still applies (in force here, or delegated down and in force there).
    pub fn in_force(&self) -> bool {
        !matches!(self, Status::Abolished { .. })
    }

    /// The day the status began, when known.
    pub fn since(&self) -> Option<Date> {
        match self {
            Status::InForce { since } => *since,
            Status::Abolished { since, .. } | Status::DelegatedDown { since, .. } => Some(*since),
        }
    }
}

/// The service channels an item offers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channels {
    /// 一窗受理: one window takes the application.
    #[serde(default)]
    pub one_window: bool,
    /// 一网通办: it can be done online.
    #[serde(default)]
    pub online: bool,
    /// 最多跑一次: at most one trip.
    #[serde(default)]
    pub at_most_one_trip: bool,
}

impl Channels {
    /// The Chinese names of the channels offered, in a fixed order.
    pub fn zh(&self) -> Vec<&'static str> {
        [(self.one_window, "一窗受理"), (self.online, "一网通办"), (self.at_most_one_trip, "最多跑一次")]
            .into_iter()
            .filter_map(|(on, name)| on.then_some(name))
            .collect()
    }
}

/// A required material: free text, or a reference to a certificate item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged, deny_unknown_fields, expecting = "a text, or {\"item\": id} naming a certificate item")]
pub enum Material {
    /// A certificate item of the lists, by id.
    Item {
        /// The certificate's item id.
        item: String,
    },
    /// Free text, e.g. 居民身份证.
    Text(String),
}

/// One item of the lists, as the document has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Unique among the items.
    pub id: String,
    /// The official name, e.g. 健在证明.
    pub name: String,
    /// Which list it is on.
    pub kind: ItemKind,
    /// The level key (from the schema) that handles it, e.g. `community`.
    pub level: String,
    /// The department or post that handles it. Required; missing is reported, not a shape error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Legal basis: document numbers such as 民发〔2020〕20号.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub basis: Vec<String>,
    /// Time limit in working days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit_days: Option<u32>,
    /// Required materials.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub materials: Vec<Material>,
    /// Channel flags.
    #[serde(default)]
    pub channels: Channels,
    /// In force, abolished or delegated down.
    #[serde(default)]
    pub status: Status,
    /// The day the item was first put on the list, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub introduced: Option<Date>,
    /// Other names residents use, e.g. 生存证明 for 健在证明.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

impl Item {
    /// The level that handles the item now: the delegated level, or its own.
    pub fn handling_level(&self) -> &str {
        match &self.status {
            Status::DelegatedDown { to, .. } => to,
            _ => &self.level,
        }
    }
}

/// A role (e.g. `grid_worker` 网格员) bound to its duty list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// Unique among the roles, e.g. `grid_worker`.
    pub id: String,
    /// Display name, e.g. 网格员.
    pub name: String,
    /// The level the role works at, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// The duties: ids of self-governance or assist items.
    pub duties: Vec<String>,
}


/// Folds a name for matching: width, case, spaces and punctuation, then a trailing 证明, 证
/// or 的 (repeatedly, so 健在的证明 → 健在).
///
/// ```
/// use grassroots::lists::name_key;
/// assert_eq!(name_key("健在证明"), "健在");
/// assert_eq!(name_key(" 健在的证明？"), "健在");
/// assert_eq!(name_key("ＣＴ检查证明"), "ct检查");
/// ```
pub fn name_key(name: &str) -> String {
    let folded = crate::text::fold(name);
    let mut key: String = folded.chars().filter(|c| c.is_alphanumeric()).collect();
    loop {
        let before = key.len();
        for suffix in ["证明", "证", "的"] {
            if let Some(rest) = key.strip_suffix(suffix) {
                key.truncate(rest.len());
            }
        }
        if key.len() == before {
            return key;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn materials_are_text_or_a_reference_and_nothing_else() {
        let read = |json: &str| serde_json::from_str::<Material>(json).map_err(|e| e.to_string());
        assert_eq!(read(r#""居民身份证""#), Ok(Material::Text("居民身份证".into())));
        assert_eq!(read(r#"{"item": "cert-huji"}"#), Ok(Material::Item { item: "cert-huji".into() }));
        // An extra key would be dropped without a word: it is an error instead.
        assert!(read(r#"{"item": "cert-huji", "copies": 2}"#).is_err());
        assert!(read("3").is_err());
    }

    #[test]
    fn status_defaults_to_in_force_and_knows_its_day() {
        let status: Result<Status, _> = serde_json::from_str(r#"{"state": "delegated_down", "since": "2021-07-01", "to": "district"}"#);
        let Ok(status) = status else { panic!("{status:?}") };
        assert_eq!(status.key(), "delegated_down");
        assert!(status.in_force());
        assert_eq!(status.since(), Date::parse("2021-07-01"));
        assert_eq!(Status::default().since(), None);
        assert_eq!(Channels { one_window: true, online: false, at_most_one_trip: true }.zh(), ["一窗受理", "最多跑一次"]);
    }
}

// The wasm build reads these records by a table of their fields (`crate::jsonpath::table`),
// not by serde's derived visitors; each table lists every field as the derive reads it (a
// unit test holds the two readings to the same records, paths and messages). A placeholder
// in parentheses is what a required field holds until it is read.
crate::lean_enum!(ItemKind { SelfGovernance = "self_governance", Assist = "assist", Certificate = "certificate", Negative = "negative" });

crate::lean_record!(Channels, deny = true, {
    one_window: Default,
    online: Default,
    at_most_one_trip: Default,
});

crate::lean_record!(Item, deny = true, {
    id: Required,
    name: Required,
    kind: Required(ItemKind::SelfGovernance),
    level: Required,
    owner: Default,
    basis: Default,
    time_limit_days: Default,
    materials: Default,
    channels: Default,
    status: Default,
    introduced: Default,
    aliases: Default,
});

crate::lean_record!(Role, deny = true, {
    id: Required,
    name: Required,
    level: Default,
    duties: Required,
});

/// As serde's derive reads the internally tagged [`Status`] (its tag, then the variant's
/// fields from what it buffered, with problems reported at the status itself).
impl crate::jsonpath::Lean for Status {
    fn lean<'de>(value: &'de serde_json::Value, track: &crate::jsonpath::table::Track<'de>) -> Result<Self, serde_json::Error> {
        use crate::jsonpath::table::{How, Lean, Shape, tagged, variant_fields};
        const TAGS: &[&str] = &["in_force", "abolished", "delegated_down"];
        const IN_FORCE: Shape = Shape { expecting: "struct variant Status::InForce", names: &["since"], how: &[How::Default], deny: true };
        const ABOLISHED: Shape = Shape {
            expecting: "struct variant Status::Abolished",
            names: &["since", "by", "instead", "note"],
            how: &[How::Required, How::Required, How::Default, How::Default],
            deny: true,
        };
        const DELEGATED_DOWN: Shape = Shape {
            expecting: "struct variant Status::DelegatedDown",
            names: &["since", "to", "by"],
            how: &[How::Required, How::Required, How::Default],
            deny: true,
        };
        let (tag, body) = tagged(value, track, "state", "internally tagged enum Status", TAGS)?;
        let (mut since, mut text, mut instead, mut note) = (None::<Date>, String::new(), Vec::new(), None::<String>);
        let mut date = Date::PLACEHOLDER;
        match tag {
            0 => {
                variant_fields(&body, &IN_FORCE, &mut |_, v, t| {
                    since = Lean::lean(v, t)?;
                    Ok(())
                })?;
                Ok(Status::InForce { since })
            }
            1 => {
                variant_fields(&body, &ABOLISHED, &mut |i, v, t| {
                    match i {
                        0 => date = Lean::lean(v, t)?,
                        1 => text = Lean::lean(v, t)?,
                        2 => instead = Lean::lean(v, t)?,
                        _ => note = Lean::lean(v, t)?,
                    }
                    Ok(())
                })?;
                Ok(Status::Abolished { since: date, by: text, instead, note })
            }
            _ => {
                variant_fields(&body, &DELEGATED_DOWN, &mut |i, v, t| {
                    match i {
                        0 => date = Lean::lean(v, t)?,
                        1 => text = Lean::lean(v, t)?,
                        _ => note = Lean::lean(v, t)?,
                    }
                    Ok(())
                })?;
                Ok(Status::DelegatedDown { since: date, to: text, by: note })
            }
        }
    }
}

/// As serde's derive reads the untagged [`Material`]: a text, or a certificate item as
/// `{"item": id}`; anything else (an array too) is the enum's own message.
impl crate::jsonpath::Lean for Material {
    fn lean<'de>(value: &'de serde_json::Value, _: &crate::jsonpath::table::Track<'de>) -> Result<Self, serde_json::Error> {
        use serde_json::Value;
        match value {
            Value::String(text) => Ok(Material::Text(text.clone())),
            Value::Object(map) if map.len() == 1 => match map.get("item") {
                Some(Value::String(item)) => Ok(Material::Item { item: item.clone() }),
                _ => Err(serde::de::Error::custom(MATERIAL)),
            },
            _ => Err(serde::de::Error::custom(MATERIAL)),
        }
    }
}

/// What [`Material`]'s `expecting` says, the message of a value that is none of its forms.
const MATERIAL: &str = "a text, or {\"item\": id} naming a certificate item";
crate::lean_enum!(Instead { SelfDeclaration = "self_declaration", DataSharing = "data_sharing", OnlineVerification = "online_verification", DepartmentIssues = "department_issues", NotNeeded = "not_needed" });
