//! What the re-cut under `<gr-grid-map>` shows, apart from how: the core's re-cut of the
//! data's blocks (`grassroots::recut`, the same code as `grassroots recut`) with each block's
//! outline, its part before and after, and a colour per part that no neighbour shares. Loaded
//! with the map's data (overview.rs), drawn by recut_view.rs.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use grassroots::geo::{GeoDoc, Subject};
use grassroots::org::NodeId;
use grassroots::recut::{Blocks, Options, Outcome, recut_with_org};
use grassroots::{Organization, Problem};

use crate::map_model::outline;

/// One block as drawn: its outline, today's part and the new one.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawnBlock {
    pub id: String,
    pub path: String,
    pub bbox: [f64; 4],
    /// The community node it lies in, if the organization has it.
    pub community: Option<NodeId>,
    pub before: Option<String>,
    pub after: String,
    pub moved: bool,
}

/// A re-cut, computed once when the data loads.
#[derive(Debug, Clone, PartialEq)]
pub struct RecutData {
    pub outcome: Outcome,
    pub blocks: Vec<DrawnBlock>,
    /// Each part's colour (0–7), different from its neighbours' where eight allow.
    pub colour: HashMap<String, usize>,
}

/// Reads the options (`$.recut`) and the blocks of the geometry document (`$.geo`), and
/// re-cuts them; every problem of either, under its path.
pub fn compute(options: &str, geo_text: &str, geo: &GeoDoc, org: &Organization) -> Result<RecutData, Vec<Problem>> {
    // The options' paths start `$options` (as `recut()` names them); here they are `$.recut`.
    let under_recut = |problems: Vec<Problem>| -> Vec<Problem> {
        problems
            .into_iter()
            .map(|mut p| {
                p.path = format!("$.recut{}", p.path.trim_start_matches("$options").trim_start_matches('$'));
                p
            })
            .collect()
    };
    let options = Options::from_json(options).map_err(|e| under_recut(e.into_problems()));
    let blocks = Blocks::from_json(geo_text).map_err(|e| crate::nested_problems(e, "geo"));
    let (options, blocks) = match (options, blocks) {
        (Ok(o), Ok(b)) => (o, b),
        (o, b) => return Err(o.err().into_iter().chain(b.err()).flatten().collect()),
    };
    let found = options.check(&blocks);
    if !found.is_empty() {
        return Err(under_recut(found));
    }
    let outcome = recut_with_org(&blocks, &options, Some(org));
    let after: HashMap<&str, &str> = outcome.assignment.iter().map(|(b, p)| (b.as_str(), p.as_str())).collect();
    let moved: BTreeSet<&str> = outcome.report.moved_blocks.iter().map(String::as_str).collect();
    let tree = org.tree();
    let planar = geo.planar();
    let mut drawn = Vec::new();
    for (i, shape) in geo.shapes().iter().enumerate() {
        let Subject::Block(id) = &shape.subject else { continue };
        let Some(record) = blocks.find(id).and_then(|b| blocks.records().get(b)) else { continue };
        let Some((path, bbox, _)) = planar.get(i).and_then(outline) else { continue };
        drawn.push(DrawnBlock {
            id: id.clone(),
            path,
            bbox,
            community: record.community.as_deref().and_then(|c| tree.find(c)),
            before: record.part.clone(),
            after: after.get(id.as_str()).map_or_else(String::new, |p| (*p).to_owned()),
            moved: moved.contains(id.as_str()),
        });
    }
    // Parts are neighbours when any of their blocks are, before or after: a greedy colouring
    // in order of the parts' ids, so the same data colours the same.
    let mut touching: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let part_of = |b: usize, after_cut: bool| -> Option<&str> {
        let record = blocks.records().get(b)?;
        if after_cut { after.get(record.id.as_str()).copied() } else { record.part.as_deref() }
    };
    for b in 0..blocks.len() {
        for when in [false, true] {
            if let Some(p) = part_of(b, when) {
                touching.entry(p).or_default();
            }
        }
    }
    for (a, b) in blocks.pairs() {
        for when in [false, true] {
            if let (Some(p), Some(q)) = (part_of(a, when), part_of(b, when)) {
                if p != q {
                    touching.entry(p).or_default().insert(q);
                    touching.entry(q).or_default().insert(p);
                }
            }
        }
    }
    let mut colour: HashMap<String, usize> = HashMap::new();
    for (part, near) in &touching {
        let taken: BTreeSet<usize> = near.iter().filter_map(|q| colour.get(*q).copied()).collect();
        let c = (0..8).find(|c| !taken.contains(c)).unwrap_or(colour.len() % 8);
        colour.insert((*part).to_owned(), c);
    }
    Ok(RecutData { outcome, blocks: drawn, colour })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GEO: &str = include_str!("../../tests/data/recut/corner-geo.json");
    const ORG: &str = include_str!("../../tests/data/tree/valid/laifeng-shengli.json");

    fn org() -> Organization {
        Organization::from_json(ORG).unwrap_or_else(|e| panic!("{:?}", e.problems()))
    }

    #[test]
    fn every_block_is_drawn_with_its_part_before_and_after() {
        let geo = GeoDoc::from_json(GEO).unwrap_or_else(|e| panic!("{:?}", e.problems()));
        let data = compute(r#"{"households": {"min": 100, "max": 500}}"#, GEO, &geo, &org()).unwrap_or_else(|p| panic!("{p:?}"));
        let features = geo.shapes().iter().filter(|s| matches!(s.subject, Subject::Block(_))).count();
        assert_eq!(data.blocks.len(), features);
        assert_eq!(data.outcome.assignment.len(), features);
        for b in &data.blocks {
            assert!(!b.after.is_empty() && b.path.starts_with('M'), "{b:?}");
            assert!(data.colour.contains_key(&b.after));
            assert_eq!(b.moved, data.outcome.report.moved_blocks.contains(&b.id));
        }
    }

    #[test]
    fn options_that_cannot_be_read_are_problems_under_recut() {
        let geo = GeoDoc::from_json(GEO).unwrap_or_else(|e| panic!("{:?}", e.problems()));
        let Err(problems) = compute(r#"{"households": {"min": 500, "max": 300}, "colour": 1}"#, GEO, &geo, &org()) else { panic!("read") };
        assert!(!problems.is_empty());
        assert!(problems.iter().all(|p| p.path.starts_with("$.recut")), "{problems:?}");
    }
}
