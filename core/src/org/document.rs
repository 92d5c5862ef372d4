//! Reading an organization document: a fast typed parse, and only when that fails a
//! record-by-record pass that finds every shape problem with its JSON path.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::records::{CompoundRecord, GridRecord, MemberRecord, PostCategoryRecord, PropertyCompanyRecord, TeamRecord, UnitRecord};
use super::linked::{Compound, Grid, Member, PropertyCompany, Team, Unit};
use super::schema::SchemaSpec;
use super::tree::{Node, NodeRecord};
use crate::error::{Error, Problem, ProblemKind};
use crate::jsonpath::sort_key;

/// The sections of a document, in the order problems are reported.
pub(crate) const SECTIONS: [&str; 9] =
    ["schema", "nodes", "grids", "members", "units", "post_categories", "property_companies", "compounds", "teams"];

/// The records of one section, with each record's index in the input.
pub(crate) struct Section<T> {
    pub records: Vec<T>,
    pub positions: Vec<usize>,
}

impl<T> Section<T> {
    /// Records that were all read, each at its own index.
    pub(crate) fn all(records: Vec<T>) -> Self {
        let positions = (0..records.len()).collect();
        Section { records, positions }
    }

    /// The same records, each made into another type.
    pub(crate) fn map<U>(self, f: impl FnMut(T) -> U) -> Section<U> {
        Section { records: self.records.into_iter().map(f).collect(), positions: self.positions }
    }
}

/// What a document holds once read.
pub(crate) struct Document {
    pub schema: Option<SchemaSpec>,
    /// Read straight into the tree's nodes, which the load links in place.
    pub nodes: Section<Node>,
    /// The other sections likewise read straight into their linked types, links unset.
    pub grids: Section<Grid>,
    pub members: Section<Member>,
    pub units: Section<Unit>,
    pub post_categories: Section<PostCategoryRecord>,
    pub property_companies: Section<PropertyCompany>,
    pub compounds: Section<Compound>,
    pub teams: Section<Team>,
}

/// An organization document as JSON has it: only `nodes` is required. This type is the
/// format (and the root of its JSON Schema); `Organization::from_json` reads it.
// `Organization::from_json` reads [`LinkedDocument`]: the same fields, each section straight
// into the type the load links in place.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "OrganizationDocument"))]
#[serde(deny_unknown_fields)]
pub struct OrganizationDocument<N = NodeRecord> {
    /// A preset name (`laifeng`, `xinxiang`, `street`) or a schema of the document's own.
    #[serde(default)]
    pub schema: Option<SchemaSpec>,
    /// The tree, one record a node, parents by id.
    pub nodes: Vec<N>,
    /// The grids.
    #[serde(default)]
    pub grids: Vec<GridRecord>,
    /// The Party members.
    #[serde(default)]
    pub members: Vec<MemberRecord>,
    /// Reporting and co-located units.
    #[serde(default)]
    pub units: Vec<UnitRecord>,
    /// The post catalogue for members without office (设岗定责).
    #[serde(default)]
    pub post_categories: Vec<PostCategoryRecord>,
    /// Property-management companies (物业企业) and their Party organizations.
    #[serde(default)]
    pub property_companies: Vec<PropertyCompanyRecord>,
    /// Residential compounds (小区).
    #[serde(default)]
    pub compounds: Vec<CompoundRecord>,
    /// Volunteer and service teams (先锋队, 志愿服务队, 暖心服务小分队, 党员代办队 …).
    #[serde(default)]
    pub teams: Vec<TeamRecord>,
}

/// [`OrganizationDocument`] as the fast path reads it: the same fields (a test holds them so),
/// the nodes straight into the tree's arena and the other records into their linked types,
/// their links unset, so that the load links them in place rather than copying every record
/// into a new vector. Not in wasm (see [`read`]).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkedDocument {
    #[serde(default)]
    schema: Option<SchemaSpec>,
    nodes: Vec<Node>,
    #[serde(default)]
    grids: Vec<Grid>,
    #[serde(default)]
    members: Vec<Member>,
    #[serde(default)]
    units: Vec<Unit>,
    #[serde(default)]
    post_categories: Vec<PostCategoryRecord>,
    #[serde(default)]
    property_companies: Vec<PropertyCompany>,
    #[serde(default)]
    compounds: Vec<Compound>,
    #[serde(default)]
    teams: Vec<Team>,
}

/// The JSON Schema of [`OrganizationDocument`], pretty-printed; checked in as
/// `tests/data/tree/organization.schema.json`.
#[cfg(feature = "schema")]
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(OrganizationDocument);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

/// Reads the document; shape problems (wrong types, unknown or missing fields) go to
/// `problems`, and the records that did read are returned so that they are checked too.
pub(crate) fn read(json: &str, problems: &mut Vec<Problem>) -> Result<Document, Error> {
    crate::limits::check(json)?;
    // Fast path: a valid document is parsed once, straight into the records. The wasm build
    // leaves it out: the slow path alone gives the same result, and a second set of
    // deserializers would not fit the bundle's size budget.
    #[cfg(not(target_arch = "wasm32"))]
    if let Ok(doc) = serde_json::from_str::<LinkedDocument>(json) {
        return Ok(Document {
            schema: doc.schema,
            nodes: Section::all(doc.nodes),
            grids: Section::all(doc.grids),
            members: Section::all(doc.members),
            units: Section::all(doc.units),
            post_categories: Section::all(doc.post_categories),
            property_companies: Section::all(doc.property_companies),
            compounds: Section::all(doc.compounds),
            teams: Section::all(doc.teams),
        });
    }
    let doc = &top_level(json, &SECTIONS, "expected an object with a \"nodes\" array", problems)?;
    let schema = match doc.get("schema") {
        None | Some(Value::Null) => None,
        Some(v) => schema_spec(v, problems),
    };
    let document = Document {
        schema,
        nodes: items::<NodeRecord>(doc, "nodes", true, problems).map(Node::from),
        grids: items::<GridRecord>(doc, "grids", false, problems).map(Grid::from),
        members: items::<MemberRecord>(doc, "members", false, problems).map(Member::from),
        units: items::<UnitRecord>(doc, "units", false, problems).map(Unit::from),
        post_categories: items(doc, "post_categories", false, problems),
        property_companies: items::<PropertyCompanyRecord>(doc, "property_companies", false, problems).map(PropertyCompany::from),
        compounds: items::<CompoundRecord>(doc, "compounds", false, problems).map(Compound::from),
        teams: items::<TeamRecord>(doc, "teams", false, problems).map(Team::from),
    };
    Ok(document)
}

/// Reads `$.schema`: a preset name or a schema object; a shape problem when it is neither.
pub(crate) fn schema_spec(v: &Value, problems: &mut Vec<Problem>) -> Option<SchemaSpec> {
    match read_schema_spec(v) {
        Ok(spec) => Some(spec),
        Err((path, message)) => {
            problems.push(shape(None, path, message));
            None
        }
    }
}

/// [`SchemaSpec`] read as its untagged `Deserialize` reads it — a string is a preset's name,
/// else the first of a custom schema and an extended preset that reads — through the records'
/// tables. On failure, the path and message of the reading that names what is wrong: the
/// extended preset's when the object has `preset`, else the custom schema's (the untagged
/// enum's own error says nothing useful).
fn read_schema_spec(v: &Value) -> Result<SchemaSpec, (String, String)> {
    use crate::jsonpath::read_record;
    if let Value::String(name) = v {
        return Ok(SchemaSpec::Preset(name.clone()));
    }
    let custom = match read_record::<super::schema::LevelSchema>(v, "$.schema") {
        Ok(schema) => return Ok(SchemaSpec::Custom(schema)),
        Err(e) => e,
    };
    match read_record::<super::schema::ExtendedPreset>(v, "$.schema") {
        Ok(extended) => Ok(SchemaSpec::Extended(extended)),
        Err(e) if v.get("preset").is_some() => Err(e),
        Err(_) => Err(custom),
    }
}

/// Reads one required top-level field; a shape problem naming its path when it is missing
/// or wrong.
#[cfg(feature = "lists")]
pub(crate) fn field<T: DeserializeOwned + crate::jsonpath::Lean>(doc: &Map<String, Value>, key: &str, problems: &mut Vec<Problem>) -> Option<T> {
    let Some(value) = doc.get(key) else {
        problems.push(shape(None, format!("$.{key}"), format!("missing field `{key}`")));
        return None;
    };
    match crate::jsonpath::read_record::<T>(value, &format!("$.{key}")) {
        Ok(v) => Some(v),
        Err((path, message)) => {
            problems.push(shape(None, path, message));
            None
        }
    }
}

/// The slow path's start, shared by the document loaders: the text as a JSON object, with a
/// duplicate key and unknown top-level fields reported. Text that is not JSON, or JSON that
/// is not an object (`expected` says what it should be), ends the reading.
pub(crate) fn top_level(json: &str, fields: &[&str], expected: &str, problems: &mut Vec<Problem>) -> Result<Map<String, Value>, Error> {
    let doc = top_level_object(json, expected, problems)?;
    for key in doc.keys().filter(|k| !fields.contains(&k.as_str())) {
        let names: Vec<String> = fields.iter().map(|s| format!("`{s}`")).collect();
        problems.push(shape(None, format!("$.{key}"), format!("unknown field `{key}`, expected one of {}", names.join(", "))));
    }
    Ok(doc)
}

/// [`top_level`] without the check of its keys: for a format whose own rules allow members it
/// does not read (GeoJSON's foreign members).
pub(crate) fn top_level_object(json: &str, expected: &str, problems: &mut Vec<Problem>) -> Result<Map<String, Value>, Error> {
    crate::limits::check(json)?;
    let value: Value = serde_json::from_str(json).map_err(|e| Error::syntax(&e))?;
    // A Value keeps the last of two equal keys and drops the first without a word.
    if let Some((path, key)) = duplicate_key(json) {
        problems.push(shape(None, path, format!("duplicate field `{key}`")));
    }
    let Value::Object(doc) = value else {
        problems.push(shape(None, "$".into(), expected.into()));
        return Err(Error::Invalid { problems: std::mem::take(problems) });
    };
    Ok(doc)
}

/// The first key given twice in one object, with its JSON path.
pub(crate) fn duplicate_key(json: &str) -> Option<(String, String)> {
    let mut path = String::from("$");
    let mut found = None;
    let mut de = serde_json::Deserializer::from_str(json);
    let _ = serde::de::DeserializeSeed::deserialize(Walk { path: &mut path, found: &mut found }, &mut de);
    found
}

/// Walks a JSON value keeping its path, noting the first duplicate key.
struct Walk<'a> {
    path: &'a mut String,
    found: &'a mut Option<(String, String)>,
}

impl<'de> serde::de::DeserializeSeed<'de> for Walk<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Walk<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // Objects have a handful of keys: a list is smaller and no slower than a set.
        let mut seen: Vec<String> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let len = self.path.len();
            self.path.push('.');
            self.path.push_str(&key);
            if self.found.is_none() && seen.contains(&key) {
                *self.found = Some((self.path.clone(), key.clone()));
            }
            map.next_value_seed(Walk { path: &mut *self.path, found: &mut *self.found })?;
            self.path.truncate(len);
            seen.push(key);
        }
        Ok(())
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0usize;
        loop {
            let len = self.path.len();
            self.path.push_str(&format!("[{i}]"));
            let more = seq.next_element_seed(Walk { path: &mut *self.path, found: &mut *self.found })?;
            self.path.truncate(len);
            if more.is_none() {
                return Ok(());
            }
            i += 1;
        }
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

pub(crate) fn shape(record: Option<String>, path: String, message: String) -> Problem {
    Problem::error(record, path, ProblemKind::Shape { message })
}

pub(crate) fn items<T: DeserializeOwned + crate::jsonpath::Lean>(doc: &Map<String, Value>, key: &str, required: bool, problems: &mut Vec<Problem>) -> Section<T> {
    let mut section = Section { records: Vec::new(), positions: Vec::new() };
    let list = match doc.get(key) {
        Some(Value::Array(list)) => list,
        None if !required => return section,
        None => {
            problems.push(shape(None, format!("$.{key}"), format!("missing field `{key}`")));
            return section;
        }
        Some(_) => {
            problems.push(shape(None, format!("$.{key}"), "expected an array of records".into()));
            return section;
        }
    };
    for (i, item) in list.iter().enumerate() {
        match crate::jsonpath::read_record::<T>(item, &format!("$.{key}[{i}]")) {
            Ok(record) => {
                section.records.push(record);
                section.positions.push(i);
            }
            Err((path, message)) => {
                let record = item.get("id").and_then(Value::as_str).map(str::to_owned);
                problems.push(shape(record, path, message));
            }
        }
    }
    section
}

/// Sorts problems by section, then record position, then path, keeping insertion order for
/// problems at the same place.
pub(crate) fn sort_problems(problems: &mut [Problem]) {
    problems.sort_by(|a, b| (sort_key(&a.path, &SECTIONS), &a.path).cmp(&(sort_key(&b.path, &SECTIONS), &b.path)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_duplicate_key_with_its_path() {
        assert_eq!(duplicate_key(r#"{"nodes":[{"id":"a","name":"x","id":"b"}]}"#), Some(("$.nodes[0].id".into(), "id".into())));
        assert_eq!(duplicate_key(r#"{"nodes":[{"id":"a"},{"id":"b"}],"x":[1,[2,{"k":1}]]}"#), None);
    }

    /// The fast path's own reader reads what the format's reads, into the same records: every
    /// valid document and a generated one with every section; a field the format has not is
    /// refused by both.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_fast_path_reads_the_format_into_the_same_records() {
        fn same<F: PartialEq + std::fmt::Debug, R>(name: &str, fast: &[F], format: Vec<R>, linked: impl Fn(R) -> F) -> usize {
            assert_eq!(fast, format.into_iter().map(linked).collect::<Vec<_>>(), "{name}");
            fast.len()
        }
        #[cfg_attr(not(feature = "generate"), allow(unused_mut))]
        let mut texts: Vec<(&str, String)> = vec![
            ("custom-schema-village", include_str!("../../../tests/data/tree/valid/custom-schema-village.json").into()),
            ("laifeng-baobao-teams", include_str!("../../../tests/data/tree/valid/laifeng-baobao-teams.json").into()),
            ("laifeng-shengli", include_str!("../../../tests/data/tree/valid/laifeng-shengli.json").into()),
            ("street-heping", include_str!("../../../tests/data/tree/valid/street-heping.json").into()),
            ("xinxiang-four-levels", include_str!("../../../tests/data/tree/valid/xinxiang-four-levels.json").into()),
        ];
        #[cfg(feature = "generate")]
        texts.push(("generated", crate::org::generate::generate(crate::org::generate::GenOptions::with_nodes(2_000)).to_json()));
        let mut counts = [0usize; 8];
        for (name, text) in &texts {
            let fast: LinkedDocument = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            let format: OrganizationDocument = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(fast.schema, format.schema, "{name}");
            for (count, n) in counts.iter_mut().zip([
                same(name, &fast.nodes, format.nodes, Node::from),
                same(name, &fast.grids, format.grids, Grid::from),
                same(name, &fast.members, format.members, Member::from),
                same(name, &fast.units, format.units, Unit::from),
                same(name, &fast.post_categories, format.post_categories, |p| p),
                same(name, &fast.property_companies, format.property_companies, PropertyCompany::from),
                same(name, &fast.compounds, format.compounds, Compound::from),
                same(name, &fast.teams, format.teams, Team::from),
            ]) {
                *count += n;
            }
        }
        assert!(counts.iter().all(|&n| n > 0), "every section read at least once: {counts:?}");
        for extra in [r#"{"nodes": [], "extra": 1}"#, r#"{"nodes": [{"id": "a", "level": "l", "name": "n", "extra": 1}]}"#] {
            assert!(serde_json::from_str::<LinkedDocument>(extra).is_err() && serde_json::from_str::<OrganizationDocument>(extra).is_err(), "{extra}");
        }
    }

}

#[cfg(test)]
mod schema_spec_tests {
    use super::*;

    /// The schema specification read by hand is the one the untagged enum reads, for every
    /// kind of value (and where the enum fails, the hand reading fails too).
    #[test]
    fn schema_spec_reads_as_the_untagged_enum() {
        let values: Vec<Value> = serde_json::from_str(
            r#"["county", "", 7, null, true, [], {}, ["x", []], {"preset": "county"}, {"preset": "county", "grid_workers": "1+1"},
            {"preset": "county", "grid_workers": "2+2"}, {"preset": 3}, {"preset": "county", "other": 1},
            {"id": "s", "levels": []}, {"id": "s", "levels": [{"key": "a", "role": "root", "zh": "甲", "en": "A"}]}, {"id": "s", "levels": [{"key": "a", "role": "county", "zh": "甲", "en": "A", "root": true}]},
            {"id": "s", "levels": [{"key": "a", "role": "nope", "zh": "甲", "en": "A"}]}, {"id": "s", "levels": [], "preset": "county"},
            {"id": "s", "levels": [], "grid_workers": "1+1"}, {"id": 1, "levels": []}, ["s", [["a", "county", "甲", "A"]]], ["s", [["a", "county", "甲", "A", [], null]], "1+1"], ["county"]]"#,
        )
        .unwrap_or_default();
        assert!(values.len() > 20);
        let mut read = 0;
        for v in &values {
            let by_hand = read_schema_spec(v).ok();
            let untagged = serde_json::from_value::<SchemaSpec>(v.clone()).ok();
            assert_eq!(by_hand, untagged, "{v}");
            read += usize::from(by_hand.is_some());
        }
        assert!(read >= 8, "only {read} specifications read");
    }
}
