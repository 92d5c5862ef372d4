//! What a re-cut reads: the blocks (from a geometry document or a blocks document) and the
//! options. Every problem is kept, with its JSON path and record.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Block;
use crate::error::{Error, Problem, ProblemKind, RefKind};
use crate::geo::planar::{neighbours_of, shared_boundary};
use crate::geo::{Area, GeoDoc, Subject};
use crate::org::document::{shape, top_level};

/// One block of a blocks document (`$.blocks[i]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockRecord {
    /// Unique id.
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Households in the block.
    pub households: u32,
    /// Residents in the block.
    pub population: u32,
    /// The community (or street) the block belongs to; parts never cross communities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub community: Option<String>,
    /// Today's part (district or grid id), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    /// The block's area in m², if known (summed into new grids' `area_km2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_m2: Option<f64>,
}

/// The blocks to re-cut and which of them are neighbours.
#[derive(Debug, Clone, PartialEq)]
pub struct Blocks {
    pub(crate) records: Vec<BlockRecord>,
    /// Neighbour pairs (lower index first, each once) with their shared boundary length.
    pub(crate) edges: Vec<(Block, Block, f64)>,
    /// Whether the lengths are metres (a geometry document, or every pair given one) rather
    /// than 1 a pair.
    pub(crate) metres: bool,
    index: FxHashMap<String, Block>,
}

/// The top-level members of a blocks document.
const FIELDS: [&str; 2] = ["blocks", "adjacency"];

impl Blocks {
    /// Blocks and neighbour pairs `(a, b, shared boundary length)`; without lengths (`None`
    /// for any pair) every pair counts 1 in the boundary figures. Pairs given twice count
    /// once. Problems: duplicate ids, pairs naming unknown blocks or one block twice, negative
    /// or non-finite lengths — each with its path in a blocks document.
    pub fn new(records: Vec<BlockRecord>, pairs: Vec<(String, String, Option<f64>)>) -> Result<Blocks, Error> {
        let mut problems = Vec::new();
        let mut index: FxHashMap<String, Block> = FxHashMap::default();
        for (i, r) in records.iter().enumerate() {
            if let Some(&first) = index.get(&r.id) {
                problems.push(Problem::error(
                    Some(r.id.clone()),
                    format!("$.blocks[{i}].id"),
                    ProblemKind::DuplicateId { id: r.id.clone(), first: format!("$.blocks[{first}]") },
                ));
            } else {
                index.insert(r.id.clone(), i as Block);
            }
            if let Some(a) = r.area_m2
                && !(a.is_finite() && a >= 0.0)
            {
                problems.push(shape(Some(r.id.clone()), format!("$.blocks[{i}].area_m2"), "expected a number of 0 or more".into()));
            }
        }
        if records.is_empty() {
            problems.push(Problem::error(None, "$.blocks".into(), ProblemKind::RecutNoBlocks));
        }
        let metres = !pairs.is_empty() && pairs.iter().all(|p| p.2.is_some());
        let mut seen: FxHashMap<(Block, Block), usize> = FxHashMap::default();
        let mut edges = Vec::new();
        for (i, (a, b, len)) in pairs.iter().enumerate() {
            let mut ends = [None, None];
            for (j, id) in [a, b].into_iter().enumerate() {
                match index.get(id) {
                    Some(&k) => ends[j] = Some(k),
                    None => problems.push(Problem::error(
                        Some(id.clone()),
                        format!("$.adjacency[{i}][{j}]"),
                        ProblemKind::UnknownRef { what: RefKind::Block, id: id.clone() },
                    )),
                }
            }
            if let Some(l) = len
                && !(l.is_finite() && *l >= 0.0)
            {
                problems.push(shape(Some(a.clone()), format!("$.adjacency[{i}][2]"), "expected a length of 0 or more".into()));
            }
            if a == b {
                problems.push(Problem::error(Some(a.clone()), format!("$.adjacency[{i}]"), ProblemKind::RecutSelfPair { id: a.clone() }));
                continue;
            }
            if let [Some(x), Some(y)] = ends {
                let key = (x.min(y), x.max(y));
                if seen.insert(key, i).is_none() {
                    edges.push((key.0, key.1, if metres { len.unwrap_or(1.0) } else { 1.0 }));
                }
            }
        }
        if problems.is_empty() { Ok(Blocks { records, edges, metres, index }) } else { Err(Error::Invalid { problems }) }
    }

    /// Reads a geometry document (a GeoJSON `FeatureCollection`: see [`Blocks::from_geo`]) or a
    /// blocks document:
    ///
    /// ```json
    /// {"blocks": [{"id": "b1", "households": 120, "population": 310, "community": "c1", "part": "g1"}, …],
    ///  "adjacency": [["b1", "b2"], ["b2", "b3", 85.5], …]}
    /// ```
    ///
    /// `community`, `part` (today's district or grid), `name` and `area_m2` are optional; an
    /// adjacency pair may carry the shared boundary's length in metres as a third element.
    pub fn from_json(text: &str) -> Result<Blocks, Error> {
        crate::limits::check(text)?;
        let value: Value = serde_json::from_str(text).map_err(|e| Error::syntax(&e))?;
        if value.get("type").is_some() || value.get("features").is_some() {
            return Blocks::from_geo(&GeoDoc::from_json(text)?);
        }
        let mut problems = Vec::new();
        let doc = top_level(text, &FIELDS, "expected a blocks document {\"blocks\": […], \"adjacency\": […]} or a GeoJSON FeatureCollection", &mut problems)?;
        let mut records = Vec::new();
        let mut unread: Vec<String> = Vec::new();
        match doc.get("blocks") {
            Some(Value::Array(list)) => {
                for (i, item) in list.iter().enumerate() {
                    let path = format!("$.blocks[{i}]");
                    match crate::jsonpath::read::<BlockRecord>(item, &path) {
                        Ok(r) => records.push(r),
                        Err((p, message)) => {
                            let id = item.get("id").and_then(Value::as_str).map(str::to_owned);
                            unread.extend(id.clone());
                            problems.push(shape(id, p, message));
                        }
                    }
                }
            }
            Some(_) => problems.push(shape(None, "$.blocks".into(), "expected an array of blocks".into())),
            None => problems.push(shape(None, "$.blocks".into(), "missing field `blocks`".into())),
        }
        let mut pairs = Vec::new();
        match doc.get("adjacency") {
            Some(Value::Array(list)) => {
                for (i, item) in list.iter().enumerate() {
                    let pair = match item.as_array().map(Vec::as_slice) {
                        Some([Value::String(a), Value::String(b)]) => Some((a.clone(), b.clone(), None)),
                        Some([Value::String(a), Value::String(b), Value::Number(n)]) => Some((a.clone(), b.clone(), n.as_f64())),
                        _ => None,
                    };
                    match pair {
                        Some(p) => pairs.push(p),
                        None => problems.push(shape(None, format!("$.adjacency[{i}]"), "expected [block id, block id] or [block id, block id, shared length in metres]".into())),
                    }
                }
            }
            Some(_) => problems.push(shape(None, "$.adjacency".into(), "expected an array of pairs of block ids".into())),
            None => {}
        }
        let built = Blocks::new(records, pairs);
        if problems.is_empty() {
            return built;
        }
        if let Err(e) = built {
            // A block whose record did not read is not unknown to the pairs that name it.
            problems.extend(e.problems().into_iter().filter(|p| match &p.kind {
                ProblemKind::UnknownRef { id, .. } => !unread.contains(id),
                ProblemKind::RecutNoBlocks => unread.is_empty(),
                _ => true,
            }));
        }
        problems.sort_by_key(|p| crate::jsonpath::sort_key(&p.path, &FIELDS));
        Err(Error::Invalid { problems })
    }

    /// The blocks of a geometry document: its `block` features, each with `households` and
    /// `population` (a block without them is an error at its properties), `community` (the
    /// community id; optional) and `within` or `part` (today's grid or district; optional) in
    /// its properties. Neighbours share a stretch of boundary of at least 1 cm (corners do not
    /// count), and the shared length in metres is the boundary figure.
    pub fn from_geo(doc: &GeoDoc) -> Result<Blocks, Error> {
        let mut problems = Vec::new();
        let mut records = Vec::new();
        let mut shapes = Vec::new();
        let planar = doc.planar();
        for (s, shape_) in doc.shapes().iter().enumerate() {
            let Subject::Block(id) = &shape_.subject else { continue };
            let path = format!("{}.properties", doc.path(s));
            let text = |key: &str, problems: &mut Vec<Problem>| match shape_.properties.get(key) {
                None | Some(Value::Null) => None,
                Some(Value::String(v)) => Some(v.clone()),
                Some(_) => {
                    problems.push(shape(Some(id.clone()), format!("{path}.{key}"), "expected a string".into()));
                    None
                }
            };
            let community = text("community", &mut problems);
            let part = text("within", &mut problems).or_else(|| text("part", &mut problems));
            let (Some(households), Some(population)) = (shape_.households, shape_.population) else {
                for (key, v) in [("households", shape_.households), ("population", shape_.population)] {
                    if v.is_none() {
                        problems.push(shape(Some(id.clone()), path.clone(), format!("missing field `{key}`: a block to re-cut needs its households and population")));
                    }
                }
                continue;
            };
            records.push(BlockRecord {
                id: id.clone(),
                name: shape_.name.clone(),
                households,
                population,
                community,
                part,
                area_m2: Some(planar[s].unsigned_area()),
            });
            shapes.push(s);
        }
        if records.is_empty() && problems.is_empty() {
            problems.push(Problem::error(None, "$.features".into(), ProblemKind::RecutNoBlocks));
        }
        if !problems.is_empty() {
            return Err(Error::Invalid { problems });
        }
        let polygons: Vec<_> = shapes.iter().map(|&s| planar[s].clone()).collect();
        let neighbours = neighbours_of(&polygons, |_, _| true);
        let mut edges = Vec::new();
        for (a, list) in neighbours.iter().enumerate() {
            for &b in list.iter().filter(|&&b| b > a) {
                edges.push((a as Block, b as Block, shared_boundary(&polygons[a], &polygons[b])));
            }
        }
        let index = records.iter().enumerate().map(|(i, r)| (r.id.clone(), i as Block)).collect();
        Ok(Blocks { records, edges, metres: true, index })
    }

    /// No blocks at all (what a generator gives for an empty lattice).
    #[cfg(feature = "generate")]
    pub(crate) fn empty() -> Blocks {
        Blocks { records: Vec::new(), edges: Vec::new(), metres: false, index: FxHashMap::default() }
    }

    /// The blocks, in input order.
    pub fn records(&self) -> &[BlockRecord] {
        &self.records
    }

    /// How many blocks.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// No blocks (never, for blocks that loaded).
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The neighbour pairs, by index (lower first, each once).
    pub fn pairs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.edges.iter().map(|&(a, b, _)| (a as usize, b as usize))
    }

    /// The index of the block with this id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.index.get(id).map(|&i| i as usize)
    }

    /// Neighbour pairs of block indices (lower first, each once) with their shared boundary
    /// length (metres, or 1 a pair when the input gave no lengths: see
    /// [`boundary_in_metres`](Self::boundary_in_metres)).
    pub fn edges(&self) -> &[(u32, u32, f64)] {
        &self.edges
    }

    /// Whether [`edges`](Self::edges)' lengths are metres.
    pub fn boundary_in_metres(&self) -> bool {
        self.metres
    }
}

/// A size range per part; either bound may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    /// The least a part may have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    /// The most a part may have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
}

impl Range {
    /// Reads `300..500`, `..2500`, `300..` (the CLI's form).
    pub fn parse(text: &str) -> Option<Range> {
        let (lo, hi) = text.trim().split_once("..")?;
        let bound = |s: &str| -> Option<Option<u32>> { if s.trim().is_empty() { Some(None) } else { s.trim().parse().ok().map(Some) } };
        let range = Range { min: bound(lo)?, max: bound(hi)? };
        (range.min.is_some() || range.max.is_some()).then_some(range)
    }

    fn is_open(&self) -> bool {
        self.min.is_none() && self.max.is_none()
    }
}

/// What the parts' sizes are measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Households (户).
    Households,
    /// Residents (人).
    Population,
}

impl Measure {
    pub(crate) fn index(self) -> usize {
        match self {
            Measure::Households => 0,
            Measure::Population => 1,
        }
    }
}

/// What to cut into.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A number of parts (over all communities, shared out by size), each within `tolerance`
    /// (0.05 = ±5 %) of the mean of the balanced measure.
    Parts {
        /// How many parts.
        parts: u32,
        /// The allowed deviation from the mean, as a fraction.
        tolerance: f64,
    },
    /// Parts sized within ranges (e.g. 300–500 households, at most 2,500 residents); each
    /// community gets as many parts as its size allows (today's count when it fits).
    Ranges {
        /// Households per part.
        households: Range,
        /// Residents per part.
        population: Range,
    },
}

/// How to re-cut.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The number of parts or their size ranges.
    pub target: Target,
    /// The measure balanced between parts: with `Parts`, the one the tolerance is about
    /// (default population); with `Ranges`, households when their range is given, else
    /// population.
    pub balance: Measure,
    /// Keep every part inside one community (blocks' `community`); default true.
    pub within_community: bool,
    /// Blocks pinned to a part: `(block id, part id)`. A pinned block stays in that part.
    pub pinned: Vec<(String, String)>,
    /// The weight of compactness (shorter boundaries between parts) against balance; 1 by
    /// default, 0 to ignore shapes.
    pub compactness: f64,
    /// The seed of the random choices (the first seed block, the refinement's order).
    pub seed: u64,
    /// Today's assignment `(block id, part id)`; when `None`, the blocks' own (`part`, or a
    /// geometry document's `within`) unless `fresh`.
    pub current: Option<Vec<(String, String)>>,
    /// Cut afresh, ignoring today's assignment (except for the report's "before").
    pub fresh: bool,
}

impl Options {
    /// Options for a target, with the defaults: balance by population (households for a
    /// households range), inside communities, compactness 1, seed 1.
    pub fn new(target: Target) -> Options {
        let balance = match &target {
            Target::Ranges { households, .. } if !households.is_open() => Measure::Households,
            _ => Measure::Population,
        };
        Options { target, balance, within_community: true, pinned: Vec::new(), compactness: 1.0, seed: 1, current: None, fresh: false }
    }

    /// Reads the options document (paths `$options.…`):
    ///
    /// ```json
    /// {"parts": 25, "tolerance": 0.05, "balance": "population"}
    /// {"households": {"min": 300, "max": 500}, "population": {"max": 2500},
    ///  "pinned": {"b-0117": "c3-g2"}, "compactness": 1, "seed": 7,
    ///  "within_community": true, "current": {"b-0001": "c3-g1", …}, "fresh": false}
    /// ```
    pub fn from_json(text: &str) -> Result<Options, Error> {
        crate::limits::check(text)?;
        let value: Value = serde_json::from_str(text).map_err(|e| Error::syntax(&e))?;
        Options::from_value(&value)
    }

    /// As [`from_json`](Self::from_json), from a JSON value.
    pub fn from_value(value: &Value) -> Result<Options, Error> {
        let record: OptionsRecord = crate::jsonpath::read(value, "$options")
            .map_err(|(path, message)| Error::Invalid { problems: vec![shape(None, path, message)] })?;
        let mut problems = Vec::new();
        let ranged = record.households.is_some_and(|r| !r.is_open()) || record.population.is_some_and(|r| !r.is_open());
        let target = match (record.parts, ranged) {
            (Some(_), true) => {
                problems.push(Problem::error(None, "$options.parts".into(), ProblemKind::RecutTwoTargets));
                None
            }
            (None, false) => {
                problems.push(Problem::error(None, "$options".into(), ProblemKind::RecutNoTarget));
                None
            }
            (Some(parts), false) => {
                let tolerance = record.tolerance.unwrap_or(0.05);
                if parts == 0 {
                    problems.push(out_of_bounds("$options.parts", "0", "1", "4294967295"));
                }
                if !(tolerance.is_finite() && (0.0..1.0).contains(&tolerance)) {
                    problems.push(out_of_bounds("$options.tolerance", &tolerance.to_string(), "0", "less than 1"));
                }
                Some(Target::Parts { parts, tolerance })
            }
            (None, true) => {
                if record.tolerance.is_some() {
                    problems.push(shape(None, "$options.tolerance".into(), "`tolerance` goes with `parts`; a size range has its own bounds".into()));
                }
                for (key, r) in [("households", record.households), ("population", record.population)] {
                    if let Some(Range { min: Some(min), max: Some(max) }) = r
                        && min > max
                    {
                        problems.push(Problem::error(None, format!("$options.{key}"), ProblemKind::RecutEmptyRange { min, max }));
                    }
                    if let Some(Range { max: Some(0), .. }) = r {
                        problems.push(out_of_bounds(&format!("$options.{key}.max"), "0", "1", "4294967295"));
                    }
                }
                Some(Target::Ranges { households: record.households.unwrap_or_default(), population: record.population.unwrap_or_default() })
            }
        };
        let compactness = record.compactness.unwrap_or(1.0);
        if !(compactness.is_finite() && (0.0..=1000.0).contains(&compactness)) {
            problems.push(out_of_bounds("$options.compactness", &compactness.to_string(), "0", "1000"));
        }
        let Some(target) = target.filter(|_| problems.is_empty()) else {
            return Err(Error::Invalid { problems });
        };
        let mut options = Options::new(target);
        if let Some(balance) = record.balance {
            options.balance = balance;
        }
        options.within_community = record.within_community.unwrap_or(true);
        options.pinned = record.pinned.into_iter().collect();
        options.compactness = compactness;
        options.seed = record.seed.unwrap_or(1);
        options.current = record.current.map(|c| c.into_iter().collect());
        options.fresh = record.fresh;
        Ok(options)
    }

    /// Blocks named by `pinned` and `current` that `blocks` does not have (paths
    /// `$options.pinned.<id>`, `$options.current.<id>`). [`recut`](super::recut) ignores them;
    /// [`run_json`](super::run_json) refuses them.
    pub fn check(&self, blocks: &Blocks) -> Vec<Problem> {
        let mut problems = Vec::new();
        let lists = [("pinned", Some(&self.pinned)), ("current", self.current.as_ref())];
        for (key, list) in lists {
            for (block, _) in list.into_iter().flatten() {
                if blocks.find(block).is_none() {
                    problems.push(Problem::error(
                        Some(block.clone()),
                        format!("$options.{key}.{block}"),
                        ProblemKind::UnknownRef { what: RefKind::Block, id: block.clone() },
                    ));
                }
            }
        }
        problems
    }

    /// The ranges per measure (households, population) as (min, max); parts mode gives none
    /// here (its range depends on the total: see the solver).
    pub(crate) fn ranges(&self) -> [Range; 2] {
        match &self.target {
            Target::Ranges { households, population } => [*households, *population],
            Target::Parts { .. } => [Range::default(); 2],
        }
    }
}

fn out_of_bounds(path: &str, value: &str, low: &str, high: &str) -> Problem {
    Problem::error(None, path.into(), ProblemKind::RecutOutOfBounds { value: value.into(), low: low.into(), high: high.into() })
}

/// The options document as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionsRecord {
    #[serde(default)]
    parts: Option<u32>,
    #[serde(default)]
    tolerance: Option<f64>,
    #[serde(default)]
    households: Option<Range>,
    #[serde(default)]
    population: Option<Range>,
    #[serde(default)]
    balance: Option<Measure>,
    #[serde(default)]
    within_community: Option<bool>,
    #[serde(default)]
    pinned: BTreeMap<String, String>,
    #[serde(default)]
    compactness: Option<f64>,
    #[serde(default)]
    seed: Option<u64>,
    #[serde(default)]
    current: Option<BTreeMap<String, String>>,
    #[serde(default)]
    fresh: bool,
}
