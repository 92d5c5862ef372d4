//! 多网合一: several legacy nets (综治网格, 党建网格, …) merged into one set of base grids
//! (基层网格) through a mapping table, with a report of what mapped where and what did not.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Problem, ProblemKind, RefKind};

/// The input: the legacy nets, the base grid ids, and the mapping rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetMerge {
    /// Ids of the base grids (the merged set).
    pub base_grids: Vec<String>,
    /// The legacy nets.
    pub nets: Vec<LegacyNet>,
    /// One row per legacy grid: which base grid it goes into.
    pub mapping: Vec<MappingRow>,
}

/// One legacy net, e.g. 综治网格.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegacyNet {
    /// Id, e.g. `zongzhi`.
    pub id: String,
    /// Name, e.g. 综治网格.
    pub name: String,
    /// Its grid ids.
    pub grids: Vec<String>,
}

/// A mapping row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingRow {
    /// The legacy net's id.
    pub net: String,
    /// The legacy grid's id within that net.
    pub grid: String,
    /// The base grid it becomes part of.
    pub base: String,
}

/// What the merge did, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MergeReport {
    /// Base grid → the legacy grids (as `net/grid`) mapped into it.
    pub mapped: BTreeMap<String, Vec<String>>,
    /// Legacy grids (`net/grid`) that no row maps.
    pub unmapped: Vec<String>,
    /// Base grids that no legacy grid maps into.
    pub empty_base_grids: Vec<String>,
    /// Mapping rows that could not be used; also returned as errors by [`NetMerge::merge`].
    pub problems: Vec<Problem>,
}

impl NetMerge {
    /// Merges. Rows naming an unknown net, legacy grid or base grid, and legacy grids mapped
    /// twice, are errors; the report still covers everything else.
    ///
    /// ```
    /// use grassroots::org::{LegacyNet, MappingRow, NetMerge};
    /// let merge = NetMerge {
    ///     base_grids: vec!["b1".into(), "b2".into()],
    ///     nets: vec![LegacyNet { id: "zz".into(), name: "综治网格".into(), grids: vec!["z1".into(), "z2".into()] }],
    ///     mapping: vec![MappingRow { net: "zz".into(), grid: "z1".into(), base: "b1".into() }],
    /// };
    /// let report = merge.merge().unwrap_or_else(|(report, _)| report);
    /// assert_eq!(report.mapped["b1"], ["zz/z1"]);
    /// assert_eq!(report.unmapped, ["zz/z2"]);
    /// assert_eq!(report.empty_base_grids, ["b2"]);
    /// ```
    pub fn merge(&self) -> Result<MergeReport, (MergeReport, Error)> {
        let base: BTreeSet<&str> = self.base_grids.iter().map(String::as_str).collect();
        let nets: HashMap<&str, BTreeSet<&str>> =
            self.nets.iter().map(|n| (n.id.as_str(), n.grids.iter().map(String::as_str).collect())).collect();
        let mut report = MergeReport::default();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, row) in self.mapping.iter().enumerate() {
            let path = |field: &str| format!("$.mapping[{i}].{field}");
            let key = format!("{}/{}", row.net, row.grid);
            let unknown = |what, id: &str| ProblemKind::UnknownRef { what, id: id.to_owned() };
            let Some(grids) = nets.get(row.net.as_str()) else {
                report.problems.push(Problem::error(Some(key), path("net"), ProblemKind::Shape { message: format!("unknown net \"{}\"", row.net) }));
                continue;
            };
            if !grids.contains(row.grid.as_str()) {
                report.problems.push(Problem::error(Some(key), path("grid"), unknown(RefKind::Grid, &row.grid)));
                continue;
            }
            if !base.contains(row.base.as_str()) {
                report.problems.push(Problem::error(Some(key), path("base"), unknown(RefKind::Grid, &row.base)));
                continue;
            }
            if let Some(first) = seen.get(&key) {
                let kind = ProblemKind::DuplicateId { id: key.clone(), first: format!("$.mapping[{first}]") };
                report.problems.push(Problem::error(Some(key), path("grid"), kind));
                continue;
            }
            seen.insert(key.clone(), i);
            report.mapped.entry(row.base.clone()).or_default().push(key);
        }
        for net in &self.nets {
            for grid in &net.grids {
                let key = format!("{}/{grid}", net.id);
                if !seen.contains_key(&key) {
                    report.unmapped.push(key);
                }
            }
        }
        report.unmapped.sort();
        report.empty_base_grids = base.iter().filter(|b| !report.mapped.contains_key(**b)).map(|b| (*b).to_owned()).collect();
        for list in report.mapped.values_mut() {
            list.sort();
        }
        if report.problems.is_empty() {
            Ok(report)
        } else {
            let problems = report.problems.clone();
            Err((report, Error::Invalid { problems }))
        }
    }
}
