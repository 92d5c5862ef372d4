//! Level schemas: which levels a place's organization tree has, their names in zh-CN and en,
//! and which level may sit under which. Places differ (来凤 has three levels, 新乡 four plus
//! member households), so the schema is data; the common shapes ship as presets.

use serde::{Deserialize, Serialize};

/// What a level is for; rules that need "the community" or "a grid branch" ask the role, not
/// the level's key, so that custom schemas work with them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum LevelRole {
    /// 县（市、区）委: the county above its streets and towns (the city/county level of 一屏统览).
    County,
    /// 街道党工委 / 街道"大工委".
    Street,
    /// 社区党委 / 大党委 / 党总支: grids, units and 双报到 attach here.
    Community,
    /// 网格党支部 / 片区党支部 / 小区党支部.
    Branch,
    /// 楼栋党小组 / 街巷党小组 / 楼院党小组.
    Group,
    /// 党员中心户.
    Household,
}

/// One level of a schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Level {
    /// The key nodes use in their `level` field.
    pub key: String,
    /// What the level is for.
    pub role: LevelRole,
    /// Display name in Chinese, e.g. 片区党支部.
    pub zh: String,
    /// Display name in English.
    pub en: String,
    /// Keys of the levels a node of this level may sit under.
    #[serde(default)]
    pub parents: Vec<String>,
    /// Whether a node of this level may be the root; defaults to "has no parents listed".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<bool>,
}

impl Level {
    /// Whether a node of this level may be the root of the tree.
    pub fn may_be_root(&self) -> bool {
        self.root.unwrap_or(self.parents.is_empty())
    }
}

/// A named list of levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LevelSchema {
    /// Name of the schema, e.g. `laifeng`.
    pub id: String,
    /// The levels, top first.
    pub levels: Vec<Level>,
    /// The grid-worker model the place uses, which the checks hold every grid to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grid_workers: Option<GridWorkerModel>,
}

/// A grid-worker model: which grid workers every grid must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum GridWorkerModel {
    /// 昌宁's "1+1": one reporting member (1名报到党员) and one member without office (1名无职党员)
    /// in every grid.
    #[serde(rename = "1+1")]
    OnePlusOne,
}

impl GridWorkerModel {
    /// The model's name as documents write it.
    pub fn name(self) -> &'static str {
        match self {
            GridWorkerModel::OnePlusOne => "1+1",
        }
    }

    /// The workers every grid needs: at least this many of each role.
    pub fn requires(self) -> &'static [(super::records::WorkerRole, u32)] {
        use super::records::WorkerRole::{NoOfficeMember, ReportingMember};
        match self {
            GridWorkerModel::OnePlusOne => &[(ReportingMember, 1), (NoOfficeMember, 1)],
        }
    }
}

fn level(key: &str, role: LevelRole, zh: &str, en: &str, parents: &[&str]) -> Level {
    Level {
        key: key.to_owned(),
        role,
        zh: zh.to_owned(),
        en: en.to_owned(),
        parents: parents.iter().map(|p| (*p).to_owned()).collect(),
        root: None,
    }
}

/// The names of the shipped presets, for help texts.
pub const PRESETS: [&str; 4] = ["laifeng", "xinxiang", "street", "county"];

impl LevelSchema {
    /// A shipped schema by name:
    /// - `laifeng` — 来凤: 社区党委 → 片区党支部 → 街巷(楼栋)党小组;
    /// - `xinxiang` — 新乡: 街道党工委 → 社区党委 → 网格(小区)党支部 → 楼院党小组 → 党员中心户;
    /// - `street` — the general shape: 街道党工委 → 社区党委 → 网格/片区党支部 → 楼栋党小组 →
    ///   党员中心户, where a community may also be the root and a branch may hold households
    ///   directly;
    /// - `county` — 新乡's five levels under a 县委 (a county of several streets).
    pub fn preset(name: &str) -> Option<Self> {
        use LevelRole::*;
        let levels = match name {
            "laifeng" => vec![
                level("community", Community, "社区党委", "Community Party committee", &[]),
                level("district", Branch, "片区党支部", "District Party branch", &["community"]),
                level("group", Group, "街巷(楼栋)党小组", "Street or building Party group", &["district"]),
            ],
            "xinxiang" | "county" => {
                let county = name == "county";
                let mut levels = vec![
                    level("street", Street, "街道党工委", "Street Party working committee", if county { &["county"] } else { &[] }),
                    level("community", Community, "社区党委", "Community Party committee", &["street"]),
                    level("branch", Branch, "网格(小区)党支部", "Grid Party branch", &["community"]),
                    level("courtyard", Group, "楼院党小组", "Courtyard Party group", &["branch"]),
                    level("household", Household, "党员中心户", "Party member central household", &["courtyard"]),
                ];
                if county {
                    levels.insert(0, level("county", County, "县委", "County Party committee", &[]));
                }
                levels
            }
            "street" => {
                let mut community = level("community", Community, "社区党委", "Community Party committee", &["street"]);
                community.root = Some(true);
                vec![
                    level("street", Street, "街道党工委", "Street Party working committee", &[]),
                    community,
                    level("branch", Branch, "网格/片区党支部", "Grid or district Party branch", &["community"]),
                    level("group", Group, "楼栋党小组", "Building Party group", &["branch"]),
                    level("household", Household, "党员中心户", "Party member central household", &["group", "branch"]),
                ]
            }
            _ => return None,
        };
        Some(LevelSchema { id: name.to_owned(), levels, grid_workers: None })
    }

    /// The level with this key.
    pub fn level(&self, key: &str) -> Option<&Level> {
        self.levels.iter().find(|l| l.key == key)
    }

    /// The display name of a level key in the given language (`en…` or Chinese), or the
    /// key itself when the schema does not know it.
    pub fn label<'a>(&'a self, key: &'a str, english: bool) -> &'a str {
        match self.level(key) {
            Some(l) if english => &l.en,
            Some(l) => &l.zh,
            None => key,
        }
    }
}

/// How a document names its schema: a preset's name, or a schema of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum SchemaSpec {
    /// One of [`PRESETS`].
    Preset(String),
    /// A custom schema.
    Custom(LevelSchema),
    /// A preset with a grid-worker model: `{"preset": "county", "grid_workers": "1+1"}`.
    Extended(ExtendedPreset),
}

/// A preset named with what the place adds to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ExtendedPreset {
    /// One of [`PRESETS`].
    pub preset: String,
    /// The grid-worker model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grid_workers: Option<GridWorkerModel>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_consistent() {
        for name in PRESETS {
            let Some(schema) = LevelSchema::preset(name) else { panic!("{name} is listed but missing") };
            assert_eq!(schema.id, name);
            assert!(schema.levels.iter().any(Level::may_be_root), "{name} has no root level");
            for l in &schema.levels {
                for p in &l.parents {
                    assert!(schema.level(p).is_some(), "{name}: {} names unknown parent {p}", l.key);
                }
            }
            assert!(schema.levels.iter().any(|l| l.role == LevelRole::Community), "{name} has no community level");
        }
        assert!(LevelSchema::preset("nowhere").is_none());
    }
}

// The wasm build reads these records by a table of their fields (`crate::jsonpath::table`),
// not by serde's derived visitors; each table lists every field as the derive reads it (a
// unit test holds the two readings to the same records, paths and messages). A placeholder
// in parentheses is what a required field holds until it is read.
crate::lean_enum!(LevelRole { County = "county", Street = "street", Community = "community", Branch = "branch", Group = "group", Household = "household" });
crate::lean_enum!(GridWorkerModel { OnePlusOne = "1+1" });

crate::lean_record!(Level, deny = true, {
    key: Required,
    role: Required(LevelRole::County),
    zh: Required,
    en: Required,
    parents: Default,
    root: Default,
});

crate::lean_record!(LevelSchema, deny = true, {
    id: Required,
    levels: Required,
    grid_workers: Default,
});

crate::lean_record!(ExtendedPreset, deny = true, {
    preset: Required,
    grid_workers: Default,
});
