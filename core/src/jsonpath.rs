//! JSON paths as problems name them (`$.grids[3].workers[0].phone`), shared by every loader,
//! and [`read`], the one way a loader reads a record from a JSON value with the path of what
//! is wrong in it.

use serde::de::DeserializeOwned;
use serde_json::Value;

// Both are compiled on every build, as the records' tables implement `Lean` everywhere (the
// unit tests hold them to serde's reading); only the wasm build (`lean-paths`) reads with them.
#[cfg_attr(not(any(feature = "lean-paths", test)), allow(dead_code))]
mod lean;
mod locate;
#[cfg_attr(not(any(feature = "lean-paths", test)), allow(dead_code))]
pub(crate) mod table;

pub(crate) use table::Lean;

pub use locate::{Position, locate};

/// Reads a record from `value`, which sits at `prefix` (`$.nodes[3]`). On failure: the JSON
/// path of what is wrong (`$.nodes[3].parent`) and `serde_json`'s message.
///
/// With the `lean-paths` feature (the wasm build) through our own path-keeping `&Value`
/// deserializer ([`lean`]), otherwise through `serde_path_to_error`; both give the same path
/// and message, which the unit tests check record type by record type.
pub(crate) fn read<T: DeserializeOwned>(value: &Value, prefix: &str) -> Result<T, (String, String)> {
    read_inner(value).map_err(|(inner, message)| (join(prefix, &inner), message))
}

/// As [`read`], with the path inside `value` in `serde_path_to_error`'s notation (`.` for
/// `value` itself, `level`, `[2].name`).
#[cfg(feature = "lean-paths")]
pub(crate) fn read_inner<T: DeserializeOwned>(value: &Value) -> Result<T, (String, String)> {
    #[cfg(test)]
    tests::compare::<T>(value);
    lean::read(value).map_err(|(path, e)| (path, e.to_string()))
}

/// As [`read`], with the path inside `value` in `serde_path_to_error`'s notation (`.` for
/// `value` itself, `level`, `[2].name`).
#[cfg(not(feature = "lean-paths"))]
pub(crate) fn read_inner<T: DeserializeOwned>(value: &Value) -> Result<T, (String, String)> {
    #[cfg(test)]
    tests::compare::<T>(value);
    reference(value)
}

/// As [`read`], for a type with a [`Lean`] reading (a record with a table of its fields): the
/// wasm build reads it by [`table`], native builds through `serde_path_to_error`.
pub(crate) fn read_record<T: DeserializeOwned + Lean>(value: &Value, prefix: &str) -> Result<T, (String, String)> {
    read_record_inner(value).map_err(|(inner, message)| (join(prefix, &inner), message))
}

/// As [`read_record`], with the path inside `value` (see [`read_inner`]).
pub(crate) fn read_record_inner<T: DeserializeOwned + Lean>(value: &Value) -> Result<T, (String, String)> {
    #[cfg(test)]
    tests::compare_record::<T>(value);
    #[cfg(feature = "lean-paths")]
    return table::read(value).map_err(|(path, e)| (path, e.to_string()));
    #[cfg(not(feature = "lean-paths"))]
    reference(value)
}

/// `serde_path_to_error`'s reading of a `T` over serde_json's own `&Value` reader: what native
/// builds read records with, and the reference the wasm build's readers are held to.
pub(crate) fn reference<T: DeserializeOwned>(value: &Value) -> Result<T, (String, String)> {
    serde_path_to_error::deserialize(value).map_err(|e| (e.path().to_string(), e.into_inner().to_string()))
}

/// Appends a path from `serde_path_to_error` (`level`, `[2].name`, or `.` for the value
/// itself) to `prefix`.
pub(crate) fn join(prefix: &str, inner: &str) -> String {
    if inner == "." || inner.is_empty() {
        prefix.to_owned()
    } else if inner.starts_with('[') {
        format!("{prefix}{inner}")
    } else {
        format!("{prefix}.{inner}")
    }
}

/// Where a path sorts: by the top-level field's place in `fields` (unknown fields and `$`
/// itself first), then by the record's index. `$.grids[12].code` with `grids` third → (3, 13).
pub(crate) fn sort_key(path: &str, fields: &[&str]) -> (usize, usize) {
    let Some(rest) = path.strip_prefix("$.") else { return (0, 0) };
    let name_end = rest.find(['[', '.']).unwrap_or(rest.len());
    let field = fields.iter().position(|f| *f == &rest[..name_end]).map_or(0, |p| p + 1);
    let index = rest[name_end..]
        .strip_prefix('[')
        .and_then(|r| r.find(']').and_then(|end| r[..end].parse::<usize>().ok()))
        .map_or(0, |i| i + 1);
    (field, index)
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::path::{Path, PathBuf};

    use super::*;

    thread_local! {
        /// How many records the current test's thread read through both readers.
        static COMPARED: Cell<usize> = const { Cell::new(0) };
    }

    /// In unit tests, every record any loader reads is read by both readers, which must
    /// agree: both read it, or both fail with the same path and message.
    pub(super) fn compare<T: DeserializeOwned>(value: &Value) {
        let lean = lean::read::<T>(value).err().map(|(path, e)| (path, e.to_string()));
        let by_serde = reference::<T>(value).err();
        assert_eq!(lean, by_serde, "lean-paths and serde_path_to_error disagree on a {} from {value}", std::any::type_name::<T>());
        COMPARED.with(|c| c.set(c.get() + 1));
    }

    /// As [`compare`], for a type read by its table in the wasm build: the table's reading
    /// against `serde_path_to_error`'s.
    pub(super) fn compare_record<T: DeserializeOwned + Lean>(value: &Value) {
        let (by_table, by_serde) = table::both::<T>(value);
        assert_eq!(by_table.err(), by_serde.err(), "the table reader and serde_path_to_error disagree on a {} from {value}", std::any::type_name::<T>());
        COMPARED.with(|c| c.set(c.get() + 1));
    }

    fn data(sub: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data").join(sub)
    }

    /// The `.json` documents in `sub`, without expectations and schemas.
    fn documents(sub: &str) -> Vec<PathBuf> {
        let dir = data(sub);
        let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .flatten()
            .map(|entry| entry.path())
            .filter(|p| {
                let name = p.to_string_lossy();
                name.ends_with(".json") && !name.ends_with(".expected.json") && !name.ends_with(".schema.json")
            })
            .collect();
        out.sort();
        out
    }

    /// What the fuzz puts in place of a value: every JSON type, a negative, a float, a date
    /// that is not one, and a markup string.
    fn replacements() -> Vec<Value> {
        serde_json::from_str(r#"[null, true, 7, -1, 2.5, "x", "2026-13-01", "<b>", [], {}, [1], {"k": 1}]"#).unwrap_or_default()
    }

    /// Every variant of `doc` with one value inside a record (depth ≥ 2 below the top level,
    /// in the first `records` records of each section) replaced, or one key removed, or an
    /// unknown key added.
    fn mutations(doc: &Value, records: usize) -> Vec<Value> {
        fn walk(v: &Value, depth: usize, records: usize, out: &mut Vec<Value>, rebuild: &dyn Fn(Value) -> Value) {
            if depth >= 2 {
                for r in replacements() {
                    if &r != v {
                        out.push(rebuild(r));
                    }
                }
            }
            match v {
                Value::Object(map) => {
                    if depth >= 2 {
                        let mut extra = map.clone();
                        extra.insert("zz_unknown".into(), Value::Bool(true));
                        out.push(rebuild(Value::Object(extra)));
                        // An empty key: its path is written as serde_path_to_error writes it
                        // (the `tables` fuzz target found the readers disagreeing there).
                        let mut empty = map.clone();
                        empty.insert(String::new(), Value::Object([(String::from("k"), Value::Null)].into_iter().collect()));
                        out.push(rebuild(Value::Object(empty)));
                    }
                    for key in map.keys() {
                        if depth >= 2 {
                            let mut less = map.clone();
                            less.remove(key);
                            out.push(rebuild(Value::Object(less)));
                        }
                        let inner = |x: Value| {
                            let mut m = map.clone();
                            m.insert(key.clone(), x);
                            rebuild(Value::Object(m))
                        };
                        walk(&map[key], depth + 1, records, out, &inner);
                    }
                }
                Value::Array(items) => {
                    let take = if depth == 1 { records } else { items.len() };
                    for (i, item) in items.iter().enumerate().take(take) {
                        let inner = |x: Value| {
                            let mut a = items.clone();
                            a[i] = x;
                            rebuild(Value::Array(a))
                        };
                        walk(item, depth + 1, records, out, &inner);
                    }
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        walk(doc, 0, records, &mut out, &|x| x);
        out
    }

    /// Runs `load` over every document under each of `dirs` as it is, with an unknown
    /// top-level field (so that the loaders with a typed fast path take the record-by-record
    /// one), and over every mutation of the records; returns how many records were compared.
    fn fuzz(dirs: &[&str], records: usize, load: &dyn Fn(&str)) -> usize {
        COMPARED.with(|c| c.set(0));
        for path in dirs.iter().flat_map(|d| documents(d)) {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            load(&text);
            let Ok(doc) = serde_json::from_str::<Value>(&text) else { continue };
            let mut variants = mutations(&doc, records);
            if let Value::Object(map) = &doc {
                let mut extra = map.clone();
                extra.insert("zz_unknown".into(), Value::Bool(true));
                variants.push(Value::Object(extra));
            }
            // At most ~120 variants a document, spread evenly, to keep the test quick.
            let step = variants.len().div_ceil(120).max(1);
            for v in variants.into_iter().step_by(step) {
                load(&v.to_string());
            }
        }
        COMPARED.with(Cell::get)
    }

    #[test]
    fn lean_paths_agree_with_serde_path_to_error_on_organizations() {
        let n = fuzz(&["tree/valid", "tree/broken", "nets"], 3, &|t| drop(crate::org::Organization::from_json(t)));
        assert!(n > 2_000, "only {n} records compared");
        let csv = ["csv/roster.csv", "csv/members.csv", "csv/broken-roster.csv"];
        for name in csv {
            let text = std::fs::read_to_string(data("tree").join(name)).unwrap_or_default();
            drop(crate::org::roster::members_from_csv(&text));
        }
    }

    #[cfg(feature = "rules")]
    #[test]
    fn lean_paths_agree_with_serde_path_to_error_on_rule_sets_and_entities() {
        let n = fuzz(&["rules", "rules/broken", "rules/entities"], 3, &|t| {
            drop(crate::rules::RuleSet::from_json(t));
            drop(crate::rules::Entity::list_from_json(t));
        });
        assert!(n > 2_000, "only {n} records compared");
    }

    #[cfg(feature = "lists")]
    #[test]
    fn lean_paths_agree_with_serde_path_to_error_on_lists() {
        let n = fuzz(&["lists/valid", "lists/broken", "lists/diff"], 3, &|t| drop(crate::lists::Lists::from_json(t)));
        assert!(n > 2_000, "only {n} records compared");
    }

    #[cfg(feature = "cases")]
    #[test]
    fn lean_paths_agree_with_serde_path_to_error_on_cases() {
        let n = fuzz(&["cases/valid", "cases/broken", "cases/edge"], 3, &|t| drop(crate::cases::CasesDoc::from_json(t)));
        assert!(n > 2_000, "only {n} records compared");
    }

    #[cfg(feature = "services")]
    #[test]
    fn lean_paths_agree_with_serde_path_to_error_on_services() {
        let n = fuzz(&["services/valid", "services/broken"], 3, &|t| drop(crate::services::ServicesDocument::from_json(t)));
        assert!(n > 2_000, "only {n} records compared");
    }

    /// Also: no geometry document, however mangled, makes the loader, the checks or the
    /// neighbours panic.
    #[cfg(feature = "geo")]
    #[test]
    fn lean_paths_agree_with_serde_path_to_error_on_geometry() {
        let org_text = std::fs::read_to_string(data("geo").join("org.json")).unwrap_or_default();
        let org = crate::org::Organization::from_json(&org_text).unwrap_or_else(|e| panic!("{e}"));
        let n = fuzz(&["geo/valid", "geo/broken"], 3, &|t| {
            if let Ok(doc) = crate::geo::GeoDoc::from_json(t) {
                drop(crate::geo::check(&doc, &org, &crate::geo::CheckOptions::default()));
                drop(doc.neighbours());
            }
        });
        assert!(n > 2_000, "only {n} records compared");
    }

    /// Reads `v` by `T`'s table and by serde; both must read the same record or fail with the
    /// same path and message.
    fn same<T: DeserializeOwned + Lean + PartialEq + std::fmt::Debug>(v: &Value) {
        let (by_table, by_serde) = table::both::<T>(v);
        assert_eq!(by_table, by_serde, "the table and serde read a {} from {v} differently", std::any::type_name::<T>());
        COMPARED.with(|c| c.set(c.get() + 1));
    }

    /// Each record as it is, and in the array form serde also reads (its fields' values in
    /// the table's order, and every shorter prefix, and one element too many).
    fn both_forms<T: DeserializeOwned + Lean + table::Table + PartialEq + std::fmt::Debug>(item: &Value) {
        same::<T>(item);
        let Value::Object(map) = item else { return };
        let values: Vec<Value> = T::SHAPE.names.iter().map(|n| map.get(*n).cloned().unwrap_or(Value::Null)).collect();
        for k in 0..=values.len() {
            same::<T>(&Value::Array(values[..k].to_vec()));
        }
        let mut long = values.clone();
        long.push(Value::Null);
        same::<T>(&Value::Array(long));
    }

    /// The organization's records, read by their tables, are serde's records: every record of
    /// the fixtures (and the nested ones), in both forms.
    #[test]
    fn tables_read_what_serde_reads() {
        use crate::org::*;
        let top: [(&str, Check); 8] = [
            ("nodes", both_forms::<NodeRecord>),
            ("grids", both_forms::<GridRecord>),
            ("members", both_forms::<MemberRecord>),
            ("units", both_forms::<UnitRecord>),
            ("post_categories", both_forms::<PostCategoryRecord>),
            ("property_companies", both_forms::<PropertyCompanyRecord>),
            ("compounds", both_forms::<CompoundRecord>),
            ("teams", both_forms::<TeamRecord>),
        ];
        let nested: [(&str, &str, Check); 8] = [
            ("grids", "workers", both_forms::<WorkerRecord>),
            ("units", "agreements", both_forms::<AgreementRecord>),
            ("units", "baobao", both_forms::<BaobaoRecord>),
            ("units", "stationed", both_forms::<StationedRecord>),
            ("post_categories", "posts", both_forms::<PostRecord>),
            ("property_companies", "party", both_forms::<PartyRef>),
            ("nodes", "committee", both_forms::<CommitteeRecord>),
            ("nodes", "committee", |v| {
                for p in v.get("part_time").and_then(Value::as_array).into_iter().flatten() {
                    both_forms::<PartTimeRecord>(p);
                }
            }),
        ];
        let n = sections(&["tree/valid", "tree/broken", "nets", "geo/valid"], &top, &nested);
        assert!(n > 2_000, "only {n} readings compared");
        // Empty keys, whose paths serde_path_to_error writes as `` and `.k` (the `tables` fuzz
        // target's first finding: the path was written `.`).
        for text in [r#"{"": 1}"#, r#"{"id": "a", "level": "l", "name": "n", "committee": {"": {}}}"#, r#"{"id": "a", "level": "l", "name": "n", "committee": {"part_time": [{"": 1}]}}"#] {
            let v: Value = serde_json::from_str(text).unwrap_or_default();
            same::<NodeRecord>(&v);
        }
        let (by_table, _) = table::both::<NodeRecord>(&serde_json::from_str(r#"{"": 1}"#).unwrap_or_default());
        assert_eq!(by_table.err().map(|(path, _)| path), Some(String::new()));
    }

    /// Every record of `key` in the documents under `dirs`, in both forms, and the records
    /// nested in them (`inner`: a field holding one record or an array of them).
    fn sections(dirs: &[&str], top: &[(&str, Check)], nested: &[(&str, &str, Check)]) -> usize {
        COMPARED.with(|c| c.set(0));
        for path in dirs.iter().flat_map(|d| documents(d)) {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let Ok(doc) = serde_json::from_str::<Value>(&text) else { continue };
            let records = |key: &str| doc.get(key).and_then(Value::as_array).cloned().unwrap_or_default();
            for (key, check) in top {
                records(key).iter().for_each(check);
            }
            for (key, inner, check) in nested {
                for record in records(key) {
                    match record.get(inner) {
                        Some(Value::Array(items)) => items.iter().for_each(check),
                        Some(one) => check(one),
                        None => {}
                    }
                }
            }
        }
        COMPARED.with(Cell::get)
    }

    /// Numbers, and every other kind of value, read as each primitive a record holds: the
    /// messages are written by hand in the wasm build (without serde's `Unexpected`, whose
    /// float formatting is 8 KB of code), so each must be `serde_json`'s, byte for byte.
    #[test]
    fn primitives_read_as_serde_reads_them() {
        let values = [
            "0", "1", "-1", "255", "256", "-129", "65536", "4294967295", "4294967296", "-2147483649",
            "9223372036854775807", "9223372036854775808", "18446744073709551615", "-9223372036854775808",
            "1.5", "-0.0", "1e20", "1.0e-7", "123456789012345680000000", "2.5e300", "null", "true", "\"7\"", "\"a\\\"b\"",
            // Strings as the messages quote them, as `{:?}` does: control and invisible format
            // characters, spaces other than ASCII's (the ideographic space of Chinese text),
            // combining marks (Tibetan) and unassigned code points escaped, Chinese as it is.
            // (Session 24 quoted them by hand, without Unicode's tables; the fuzz smoke found
            // U+3000 quoted differently, and so would be any of these.)
            r#""社区 'x'\n\t\r\\ \u0000\u0001\u001f\u007f\u0085\u009f\u00ad\u061c\u180e""#,
            r#""\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202a\u202e\u2060\u2064\u2066\u2069\u206f\ufeff\ufff9\ufffb""#,
            r#""招商\u3000引资\u00a0任务 བཀྲ་ཤིས་ e\u0301 \u0378 \ue000""#,
            "[]", "[1]", "{}", "{\"a\":1}",
        ];
        COMPARED.with(|c| c.set(0));
        for text in values {
            let v: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            let checks: [Check; 13] = [
                same::<u8>, same::<u16>, same::<u32>, same::<u64>, same::<usize>, same::<i32>, same::<i64>, same::<f64>,
                same::<bool>, same::<String>, same::<Option<u32>>, same::<Option<i64>>, same::<Vec<u16>>,
            ];
            for check in checks {
                check(&v);
            }
        }
        assert_eq!(COMPARED.with(Cell::get), values.len() * 13);
    }

    type Check = fn(&Value);

    #[cfg(feature = "lists")]
    #[test]
    fn tables_read_what_serde_reads_in_lists() {
        use crate::lists::*;
        let n = sections(&["lists/valid", "lists/broken", "lists/diff"], &[("items", both_forms::<Item>), ("roles", both_forms::<Role>)], &[("items", "channels", both_forms::<Channels>)]);
        assert!(n > 1_500, "only {n} readings compared");
    }

    #[cfg(feature = "cases")]
    #[test]
    fn tables_read_what_serde_reads_in_cases() {
        use crate::cases::*;
        let dirs = ["cases/valid", "cases/broken", "cases/edge"];
        let n = sections(
            &dirs,
            &[("cases", both_forms::<Case>), ("profiles", both_forms::<SlaProfile>)],
            &[
                ("cases", "steps", both_forms::<StepRecord>),
                ("cases", "events", both_forms::<EventRecord>),
                ("profiles", "clocks", both_forms::<ClockSpec>),
                ("profiles", "applies", both_forms::<Applies>),
            ],
        );
        assert!(n > 1_500, "only {n} readings compared");
        // The routing table: one record, its routes (and whom each calls) and its ladder.
        COMPARED.with(|c| c.set(0));
        for path in dirs.iter().flat_map(|d| documents(d)) {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let Some(routing) = serde_json::from_str::<Value>(&text).ok().and_then(|d| d.get("routing").cloned()) else { continue };
            both_forms::<RoutingTable>(&routing);
            for route in routing.get("routes").and_then(Value::as_array).into_iter().flatten() {
                both_forms::<Route>(route);
                route.get("reports").into_iter().for_each(both_forms::<Responder>);
            }
            routing.get("ladder").and_then(Value::as_array).into_iter().flatten().for_each(both_forms::<Rung>);
        }
        let n = COMPARED.with(Cell::get);
        assert!(n > 50, "only {n} readings of routing tables compared");
    }

    #[cfg(feature = "services")]
    #[test]
    fn tables_read_what_serde_reads_in_services() {
        use crate::services::*;
        let n = sections(
            &["services/valid", "services/broken"],
            &[("demands", both_forms::<Demand>), ("offers", both_forms::<Offer>), ("claims", both_forms::<ClaimRecord>), ("ledger", both_forms::<ServiceRecord>)],
            &[
                ("demands", "raised_by", both_forms::<Raiser>),
                ("offers", "provider", both_forms::<ProviderRef>),
                ("offers", "area", both_forms::<Area>),
                ("offers", "valid", both_forms::<ValidPeriod>),
                ("claims", "history", both_forms::<TransitionRecord>),
                ("ledger", "provider", both_forms::<ProviderRef>),
            ],
        );
        let mut targets = 0;
        for path in ["services/valid", "services/broken"].iter().flat_map(|d| documents(d)) {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let Some(t) = serde_json::from_str::<Value>(&text).ok().and_then(|d| d.get("targets").cloned()) else { continue };
            both_forms::<Targets>(&t);
            t.get("providers").and_then(Value::as_array).into_iter().flatten().for_each(both_forms::<ProviderTarget>);
            targets += 1;
        }
        assert!(targets > 0, "no targets read");
        assert!(n > 1_500, "only {n} readings compared");
    }

    #[cfg(feature = "rules")]
    #[test]
    fn tables_read_what_serde_reads_in_rule_sets_and_entities() {
        use crate::rules::*;
        let n = sections(
            &["rules", "rules/broken", "rules/diff"],
            &[("facts", both_forms::<Fact>), ("sections", both_forms::<Section>), ("bonuses", both_forms::<Bonus>), ("vetoes", both_forms::<Veto>)],
            &[("sections", "indicators", both_forms::<Indicator>)],
        );
        let mut more = 0;
        for path in ["rules", "rules/broken", "rules/diff", "rules/entities"].iter().flat_map(|d| documents(d)) {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let Ok(doc) = serde_json::from_str::<Value>(&text) else { continue };
            for (key, check) in [("effective", both_forms::<Period> as Check), ("outcome", both_forms::<Outcome>), ("eligible", both_forms::<Eligibility>)] {
                if let Some(v) = doc.get(key) {
                    check(v);
                    more += 1;
                }
            }
            for marks in ["pass", "excellence"].iter().filter_map(|k| doc.get("outcome").and_then(|o| o.get(k))) {
                both_forms::<Marks>(marks);
            }
            for section in doc.get("sections").and_then(Value::as_array).into_iter().flatten() {
                for indicator in section.get("indicators").and_then(Value::as_array).into_iter().flatten() {
                    indicator.get("bands").and_then(Value::as_array).into_iter().flatten().for_each(both_forms::<Band>);
                }
            }
            if let Value::Array(entities) = &doc {
                entities.iter().for_each(both_forms::<Entity>);
                more += entities.len();
            }
        }
        assert!(n > 1_500 && more > 20, "only {n} readings of sections and {more} of other records compared");
    }

    /// An enum read by its table of names reads every value as serde does: each name as a
    /// string and as a one-key object (with null, and with a value a unit variant refuses),
    /// unknown names, and every other kind of value.
    fn enum_values<E: DeserializeOwned + Lean + table::Variants + PartialEq + std::fmt::Debug>() {
        let mut values: Vec<Value> = serde_json::from_str(r#"[null, 3, -1, 2.5, true, [], [1], {}, "nope", "", {"nope": null}, {"a": null, "b": null}]"#).unwrap_or_default();
        for name in E::NAMES {
            let one = |v: Value| Value::Object([(name.to_string(), v)].into_iter().collect());
            values.extend([Value::from(*name), Value::from(name.to_uppercase()), one(Value::Null), one(Value::from(1)), one(Value::Object(Default::default())), one(Value::Array(Vec::new()))]);
            assert!(serde_json::from_value::<E>(Value::from(*name)).is_ok(), "{name} is not a {}", std::any::type_name::<E>());
        }
        for v in &values {
            same::<E>(v);
        }
    }

    #[test]
    fn enum_tables_read_what_serde_reads() {
        use crate::org::*;
        enum_values::<WorkerRole>();
        enum_values::<MemberKind>();
        enum_values::<Flow>();
        enum_values::<UnitKind>();
        enum_values::<BaobaoRole>();
        enum_values::<StationedRole>();
        enum_values::<PartyRefKind>();
        enum_values::<TeamKind>();
        enum_values::<ServiceModule>();
        enum_values::<LevelRole>();
        enum_values::<GridWorkerModel>();
        #[cfg(feature = "cases")]
        {
            use crate::cases::*;
            enum_values::<Step>();
            enum_values::<Satisfaction>();
            enum_values::<EventKind>();
            enum_values::<Source>();
            enum_values::<Urgency>();
        }
        #[cfg(feature = "services")]
        {
            use crate::services::*;
            enum_values::<ProviderKind>();
            enum_values::<Urgency>();
            enum_values::<RecordKind>();
            enum_values::<ClaimState>();
        }
        #[cfg(feature = "rules")]
        {
            use crate::rules::*;
            enum_values::<FactType>();
            enum_values::<Unit>();
        }
        #[cfg(feature = "lists")]
        enum_values::<crate::lists::ItemKind>();
    }

    /// A list item's status (internally tagged) and materials (untagged), read by hand in the
    /// wasm build, read as serde reads them: every form and many wrong ones.
    #[cfg(feature = "lists")]
    #[test]
    fn tagged_and_untagged_list_values_read_as_serde_reads_them() {
        use crate::lists::{Material, Status};
        let statuses: Vec<Value> = serde_json::from_str(
            r#"[{"state": "in_force"}, {"state": "in_force", "since": "2021-07-01"}, {"state": "in_force", "since": null},
            {"state": "in_force", "since": "2021-13-01"}, {"state": "in_force", "since": 3}, {"state": "in_force", "by": "x"},
            {"state": "abolished", "since": "2021-07-01", "by": "来政办发〔2021〕8号"},
            {"state": "abolished", "since": "2021-07-01", "by": "x", "instead": ["self_declaration", "data_sharing"], "note": "n"},
            {"state": "abolished", "since": "2021-07-01", "by": "x", "instead": ["nope"]}, {"state": "abolished", "since": "2021-07-01", "by": "x", "instead": "data_sharing"},
            {"state": "abolished", "since": "2021-07-01", "by": "x", "instead": [{"data_sharing": null}, {"data_sharing": 1}, {}]},
            {"state": "abolished", "since": "2021-07-01"}, {"state": "abolished", "by": "x"}, {"state": "abolished", "since": "2021-07-01", "by": 7},
            {"state": "abolished", "since": "2021-07-01", "by": "x", "note": 1}, {"state": "abolished", "since": "2021-07-01", "by": "x", "zz": 1},
            {"state": "delegated_down", "since": "2021-07-01", "to": "district"}, {"state": "delegated_down", "since": "2021-07-01", "to": "district", "by": "文"},
            {"state": "delegated_down", "to": "district"}, {"state": "delegated_down", "since": "2021-07-01"}, {"state": "delegated_down", "since": "2021-07-01", "to": null},
            {"state": "nope"}, {"state": 3}, {"state": null}, {"state": ["in_force"]}, {"since": "2021-07-01"}, {}, {"State": "in_force"},
            ["in_force"], ["in_force", "2021-07-01"], ["in_force", "2021-07-01", "x"], ["abolished", "2021-07-01", "x"], ["abolished", "2021-07-01"],
            ["abolished", "2021-07-01", "x", [], null], ["abolished", "2021-07-01", "x", [], null, 1, 2], ["delegated_down", "2021-07-01", "d", null],
            ["delegated_down", 1], ["nope"], [3], [], "in_force", 3, null, true]"#,
        )
        .unwrap_or_default();
        let materials: Vec<Value> = serde_json::from_str(
            r#"["居民身份证", "", {"item": "cert-huji"}, {"item": 3}, {"item": null}, {"item": "x", "copies": 2}, {"items": "x"}, {}, ["cert"], [3], [], ["a", "b"], 3, null, true]"#,
        )
        .unwrap_or_default();
        assert!(statuses.len() > 40 && materials.len() > 10);
        for v in &statuses {
            same::<Status>(v);
        }
        for v in &materials {
            same::<Material>(v);
        }
    }

    #[test]
    fn paths_join_and_sort() {
        let fields = ["schema", "nodes", "grids"];
        assert_eq!(sort_key("$.version", &fields), (0, 0));
        assert_eq!(sort_key("$", &fields), (0, 0));
        assert_eq!(sort_key("$.nodes", &fields), (2, 0));
        assert_eq!(sort_key("$.nodes[3].parent", &fields), (2, 4));
        assert_eq!(sort_key("$.grids[12].workers[0].phone", &fields), (3, 13));
        assert_eq!(join("$.nodes[1]", "."), "$.nodes[1]");
        assert_eq!(join("$.nodes[1]", "level"), "$.nodes[1].level");
        assert_eq!(join("$.schema", "levels[0].zh"), "$.schema.levels[0].zh");
        assert_eq!(join("$.nodes", "[2].name"), "$.nodes[2].name");
    }
}
