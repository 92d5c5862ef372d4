//! Plausible geometry for an organization (feature `generate`): street blocks on a jittered
//! street pattern, grids as contiguous runs of blocks sized to their `area_km2`, communities
//! and streets as the unions of their grids' blocks, households and residents shared out over
//! each grid's blocks so that they sum to the grid's figures. The output passes
//! [`check`](super::check) with no problem; with [`GeoGenOptions::plant_faults`] it carries
//! two overlaps and a gap on purpose (a fixture for the checks).

use ::geo::{Area, Coord, LineString, MultiPolygon, Polygon, unary_union};
use geojson::{Feature, FeatureCollection, Geometry, GeometryValue, JsonObject, Position};
use serde_json::Value;

use super::Crs;
use super::planar::Projection;
use crate::org::{NodeId, Organization};
use crate::seeded::Rng;

/// A street block's largest nominal side, metres (the street lines' spacing varies ±20 %
/// around it); smaller when the smallest grid needs it (see `BLOCKS_IN_SMALLEST`).
const BLOCK_M: f64 = 100.0;
/// The smallest grid takes at least about this many blocks, so that a grid's drawn area is
/// within half a block (≤ 6 %) of its `area_km2`.
const BLOCKS_IN_SMALLEST: f64 = 12.0;
/// Where a generated `wgs84` or `gcj02` county lies: 新乡市 (division code 410702), Henan.
const CENTRE: Coord<f64> = Coord { x: 113.926, y: 35.303 };
/// Households per km² for a grid without `area_km2` (a dense county town).
const HOUSEHOLDS_PER_KM2: f64 = 3000.0;

/// What to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct GeoGenOptions {
    /// The seed: the same organization and seed give the same document.
    pub seed: u64,
    /// `local` (metres around 0, 0) or a geographic crs (placed in 新乡, Henan).
    pub crs: Crs,
    /// Write the blocks (楼栋/小区 features with households and population) too.
    pub blocks: bool,
    /// Plant faults for the checks to find: two grids each drawn over a block of a
    /// neighbouring grid of their community (two overlaps), and a block taken out of another
    /// grid (a gap in its community).
    pub plant_faults: bool,
}

impl GeoGenOptions {
    /// Seed 1, `wgs84`, with blocks, no faults.
    pub fn new(seed: u64) -> Self {
        GeoGenOptions { seed, crs: Crs::Wgs84, blocks: true, plant_faults: false }
    }
}

/// A drawn record: its properties and its polygon in planar metres.
struct Drawn {
    properties: JsonObject,
    polygon: MultiPolygon<f64>,
}

/// Draws a geometry document for `org`: features for the root and every node above a
/// community (the union of their communities), each community, each grid, and (with
/// `blocks`) each block, in that order. Returns the GeoJSON text.
pub fn generate(org: &Organization, options: &GeoGenOptions) -> String {
    let mut rng = Rng::new(options.seed);
    let tree = org.tree();

    // Communities in tree order (so that a street's communities are consecutive), each with
    // the target areas of its grids, in km².
    let order = tree.subtree(tree.root());
    let mut community_flag = vec![false; tree.len()];
    for id in tree.ids().filter(|&id| tree.node(id).level() == "community").chain(org.grids().iter().map(|g| g.community())) {
        community_flag[id.index()] = true;
    }
    let is_community = |id: NodeId| community_flag[id.index()];
    let communities: Vec<NodeId> = order.iter().copied().filter(|&id| is_community(id)).collect();
    let mut grids_by_community: Vec<Vec<usize>> = vec![Vec::new(); tree.len()];
    for (i, g) in org.grids().iter().enumerate() {
        grids_by_community[g.community().index()].push(i);
    }
    let grids_of = |c: NodeId| grids_by_community[c.index()].iter().copied();
    let target = |g: usize| {
        let r = org.grids()[g].record();
        r.area_km2.filter(|a| *a > 0.0).unwrap_or((f64::from(r.households) / HOUSEHOLDS_PER_KM2).max(0.02))
    };
    let total: f64 = communities.iter().map(|&c| grids_of(c).map(target).sum::<f64>().max(0.1)).sum();

    // The street pattern: a square of 2^k × 2^k blocks, enough for every grid.
    let smallest = (0..org.grids().len()).map(target).fold(f64::INFINITY, f64::min);
    let block_m = if smallest.is_finite() { BLOCK_M.min((smallest * 1e6 / BLOCKS_IN_SMALLEST).sqrt()).max(20.0) } else { BLOCK_M };
    let needed = (total * 1e6 / (block_m * block_m) * 1.3) as usize + 16;
    let mut side = 4usize;
    while side * side < needed {
        side *= 2;
    }
    let lattice = Lattice::new(side, side, block_m, &mut rng);
    let cells = lattice.hilbert();

    // Grids take runs of blocks along a Hilbert curve until they reach their area. Any run of
    // the curve is contiguous and compact, and a community's grids are consecutive, so
    // grids, communities and streets all come out as compact contiguous shapes.
    let mut next = 0usize;
    let mut grid_cells: Vec<Vec<usize>> = vec![Vec::new(); org.grids().len()];
    let mut community_cells: Vec<(NodeId, std::ops::Range<usize>)> = Vec::new();
    for &c in &communities {
        let start = next;
        let mut any = false;
        for g in grids_of(c) {
            any = true;
            let goal = target(g) * 1e6;
            let mut area = 0.0;
            while next < cells.len() && (grid_cells[g].is_empty() || area + lattice.area(cells[next]) / 2.0 < goal) {
                area += lattice.area(cells[next]);
                grid_cells[g].push(cells[next]);
                next += 1;
            }
        }
        if !any {
            // A community without grids still has its ground.
            let mut area = 0.0;
            while next < cells.len() && (next == start || area < 0.1e6) {
                area += lattice.area(cells[next]);
                next += 1;
            }
        }
        community_cells.push((c, start..next));
    }

    let mut faults = FaultPlan::default();
    if options.plant_faults {
        let community_of = |g: usize| org.grids()[g].community();
        faults = FaultPlan::choose(&grid_cells, &lattice, |a, b| community_of(a) == community_of(b));
    }

    let mut drawn: Vec<Drawn> = Vec::new();
    // Communities: the union of their blocks; the nodes above them (streets, the county):
    // the union of their communities' blocks, in tree order.
    let community_shapes: Vec<(NodeId, MultiPolygon<f64>)> = community_cells.iter().map(|(c, range)| (*c, lattice.union(&cells[range.clone()]))).collect();
    let mut above: std::collections::HashMap<NodeId, Vec<usize>> = std::collections::HashMap::new();
    for (i, (c, _)) in community_shapes.iter().enumerate() {
        for ancestor in tree.path_to_root(*c).into_iter().skip(1) {
            above.entry(ancestor).or_default().push(i);
        }
    }
    for &id in order.iter().filter(|id| above.contains_key(id) && !is_community(**id)) {
        // From the blocks again: a union of the communities' unions can come out with rings
        // that touch themselves where the rounding of the two steps differs.
        let under: Vec<usize> = above.get(&id).into_iter().flatten().flat_map(|&i| cells[community_cells[i].1.clone()].iter().copied()).collect();
        drawn.push(Drawn { properties: props("node", tree.node(id).id(), Some(tree.node(id).name())), polygon: lattice.union(&under) });
    }
    for (c, polygon) in community_shapes {
        let node = tree.node(c);
        drawn.push(Drawn { properties: props("node", node.id(), Some(node.name())), polygon });
    }
    let mut blocks: Vec<Drawn> = Vec::new();
    for (g, own) in grid_cells.iter().enumerate() {
        let record = org.grids()[g].record();
        let mut mine: Vec<usize> = own.iter().copied().filter(|&k| faults.removed != Some(k)).collect();
        mine.extend(faults.extended.iter().filter(|(grid, _)| *grid == g).map(|(_, k)| *k));
        if mine.is_empty() {
            continue;
        }
        drawn.push(Drawn { properties: props("grid", &record.id, record.name.as_deref()), polygon: lattice.union(&mine) });
        if options.blocks {
            let households = share(record.households, own, &lattice, &mut rng);
            let population = share(record.population, own, &lattice, &mut rng);
            for (i, &k) in own.iter().enumerate() {
                let mut p = props("block", &format!("b-{k:05}"), None);
                p.insert("households".into(), Value::from(households[i]));
                p.insert("population".into(), Value::from(population[i]));
                p.insert("within".into(), Value::from(record.id.as_str()));
                p.insert("community".into(), Value::from(tree.node(org.grids()[g].community()).id()));
                blocks.push(Drawn { properties: p, polygon: MultiPolygon::new(vec![lattice.cell(k)]) });
            }
        }
    }
    drawn.extend(blocks);

    let projection = Projection::new(options.crs, CENTRE);
    let position = |c: &Coord<f64>| -> Position {
        let at = projection.to_document(*c);
        if options.crs.is_geographic() { Position::from([round(at.x, 1e7), round(at.y, 1e7)]) } else { Position::from([round(at.x, 1e3), round(at.y, 1e3)]) }
    };
    let ring = |l: &LineString<f64>| -> Vec<Position> { l.0.iter().map(position).collect() };
    let features = drawn
        .into_iter()
        .map(|d| {
            let polygons: Vec<Vec<Vec<Position>>> =
                d.polygon.0.iter().map(|p| std::iter::once(ring(p.exterior())).chain(p.interiors().iter().map(ring)).collect()).collect();
            let value = match <[Vec<Vec<Position>>; 1]>::try_from(polygons) {
                Ok([one]) => GeometryValue::Polygon { coordinates: one },
                Err(many) => GeometryValue::MultiPolygon { coordinates: many },
            };
            Feature { bbox: None, geometry: Some(Geometry::new(value)), id: None, properties: Some(d.properties), foreign_members: None }
        })
        .collect();
    let mut top = JsonObject::new();
    top.insert("crs".into(), Value::from(options.crs.name()));
    let collection = FeatureCollection { bbox: None, features, foreign_members: Some(top) };
    serde_json::to_string(&collection).unwrap_or_default()
}

fn props(kind: &str, id: &str, name: Option<&str>) -> JsonObject {
    let mut p = JsonObject::new();
    p.insert(kind.into(), Value::from(id));
    if let Some(name) = name {
        p.insert("name".into(), Value::from(name));
    }
    p
}

fn round(v: f64, scale: f64) -> f64 {
    (v * scale).round() / scale
}

/// `total` shared out over blocks in proportion to their area, each weighted at random
/// (0.5–1.5), by largest remainder so that the parts sum to `total` exactly.
fn share(total: u32, blocks: &[usize], lattice: &Lattice, rng: &mut Rng) -> Vec<u32> {
    let weights: Vec<f64> = blocks.iter().map(|&k| lattice.area(k) * (0.5 + rng.unit())).collect();
    let sum: f64 = weights.iter().sum();
    if blocks.is_empty() || sum <= 0.0 {
        return vec![0; blocks.len()];
    }
    let exact: Vec<f64> = weights.iter().map(|w| f64::from(total) * w / sum).collect();
    let mut parts: Vec<u32> = exact.iter().map(|e| e.floor() as u32).collect();
    let mut left = total.saturating_sub(parts.iter().sum());
    let mut by_remainder: Vec<usize> = (0..blocks.len()).collect();
    by_remainder.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())).then(a.cmp(&b)));
    for &i in by_remainder.iter().cycle().take(blocks.len() * 2) {
        if left == 0 {
            break;
        }
        parts[i] += 1;
        left -= 1;
    }
    parts
}

/// The planted faults: a block of one grid drawn into a neighbouring grid of the same
/// community too, twice (two overlaps), and a block taken out of another grid (a gap).
#[derive(Default)]
struct FaultPlan {
    /// (grid, block): the grid drawn over that block of another grid as well.
    extended: Vec<(usize, usize)>,
    /// A block no grid draws any more.
    removed: Option<usize>,
}

impl FaultPlan {
    fn choose(grid_cells: &[Vec<usize>], lattice: &Lattice, same_community: impl Fn(usize, usize) -> bool) -> FaultPlan {
        let owner = |k: usize| grid_cells.iter().position(|cells| cells.contains(&k));
        let mut plan = FaultPlan::default();
        let mut used: Vec<usize> = Vec::new();
        // Grids, from the first, with a block whose neighbour block belongs to another grid of
        // their community; no grid takes part in two faults.
        for (g, cells) in grid_cells.iter().enumerate() {
            if plan.extended.len() == 2 {
                break;
            }
            if used.contains(&g) {
                continue;
            }
            let found = cells.iter().flat_map(|&k| lattice.adjacent(k)).find_map(|n| {
                let other = owner(n)?;
                (other != g && !used.contains(&other) && same_community(g, other) && grid_cells[other].len() > 1).then_some((other, n))
            });
            if let Some((other, n)) = found {
                plan.extended.push((g, n));
                used.extend([g, other]);
            }
        }
        // A block in the middle of the last grid with three or more blocks (preferring one not in
        // an overlap), never a block drawn twice.
        let lent: Vec<usize> = plan.extended.iter().map(|(_, k)| *k).collect();
        let middle = |c: &Vec<usize>| Some(c[c.len() / 2]).filter(|k| !lent.contains(k));
        let candidates = || grid_cells.iter().enumerate().rev().filter(|(_, c)| c.len() >= 3);
        plan.removed = candidates().filter(|(g, _)| !used.contains(g)).find_map(|(_, c)| middle(c)).or_else(|| candidates().find_map(|(_, c)| middle(c)));
        plan
    }
}

/// The street pattern: `columns` × `rows` blocks between jittered street lines, turned a
/// little; block k is at column k / rows, row k % rows.
struct Lattice {
    columns: usize,
    rows: usize,
    /// (columns + 1) × (rows + 1) corners, column-major.
    corners: Vec<Coord<f64>>,
}

impl Lattice {
    fn new(columns: usize, rows: usize, block_m: f64, rng: &mut Rng) -> Lattice {
        let lines = |n: usize, rng: &mut Rng| {
            let mut at = vec![0.0];
            for _ in 0..n {
                let last = at.last().copied().unwrap_or(0.0);
                at.push(last + block_m * (0.8 + 0.4 * rng.unit()));
            }
            let mid = at.last().copied().unwrap_or(0.0) / 2.0;
            at.iter().map(|x| x - mid).collect::<Vec<f64>>()
        };
        let xs = lines(columns, rng);
        let ys = lines(rows, rng);
        let turn = (rng.unit() - 0.5) * 0.4;
        let (sin, cos) = turn.sin_cos();
        let mut corners = Vec::with_capacity((columns + 1) * (rows + 1));
        for x in &xs {
            for y in &ys {
                let (dx, dy) = ((rng.unit() - 0.5) * 0.16 * block_m, (rng.unit() - 0.5) * 0.16 * block_m);
                let (px, py) = (x + dx, -(y + dy));
                corners.push(Coord { x: px * cos - py * sin, y: px * sin + py * cos });
            }
        }
        Lattice { columns, rows, corners }
    }

    fn corner(&self, i: usize, j: usize) -> Coord<f64> {
        self.corners[i * (self.rows + 1) + j]
    }

    /// Block k as a polygon, counter-clockwise (rows run southwards).
    fn cell(&self, k: usize) -> Polygon<f64> {
        let (i, j) = (k / self.rows, k % self.rows);
        let ring = vec![self.corner(i, j + 1), self.corner(i + 1, j + 1), self.corner(i + 1, j), self.corner(i, j), self.corner(i, j + 1)];
        Polygon::new(LineString::new(ring), vec![])
    }

    fn area(&self, k: usize) -> f64 {
        self.cell(k).unsigned_area()
    }

    /// The blocks that share a street side with block k.
    fn adjacent(&self, k: usize) -> Vec<usize> {
        let (i, j) = (k / self.rows, k % self.rows);
        let mut out = Vec::new();
        if i > 0 {
            out.push(k - self.rows);
        }
        if i + 1 < self.columns {
            out.push(k + self.rows);
        }
        if j > 0 {
            out.push(k - 1);
        }
        if j + 1 < self.rows {
            out.push(k + 1);
        }
        out
    }

    /// Every block once along a Hilbert curve (the lattice is square with a side of a power
    /// of two): each block shares a street side with the one before it.
    fn hilbert(&self) -> Vec<usize> {
        let n = self.columns;
        (0..n * n)
            .map(|d| {
                // The classic conversion from the distance along the curve to (x, y).
                let (mut x, mut y, mut t) = (0usize, 0usize, d);
                let mut s = 1;
                while s < n {
                    let rx = 1 & (t / 2);
                    let ry = 1 & (t ^ rx);
                    if ry == 0 {
                        if rx == 1 {
                            x = s - 1 - x;
                            y = s - 1 - y;
                        }
                        std::mem::swap(&mut x, &mut y);
                    }
                    x += s * rx;
                    y += s * ry;
                    t /= 4;
                    s *= 2;
                }
                x * self.rows + y
            })
            .collect()
    }

    /// The union of some blocks.
    fn union(&self, blocks: &[usize]) -> MultiPolygon<f64> {
        let polygons: Vec<Polygon<f64>> = blocks.iter().map(|&k| self.cell(k)).collect();
        unary_union(&polygons)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::{CheckOptions, GeoDoc, Subject, check};
    use crate::org::generate::{GenOptions, generate as generate_org};

    fn county() -> Organization {
        let text = generate_org(GenOptions::new(12).streets(3).seed(2026).members_per_group(0, 0)).to_json();
        Organization::from_json(&text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn along_the_hilbert_curve_each_block_borders_the_one_before() {
        let lattice = Lattice::new(16, 16, 100.0, &mut Rng::new(1));
        let order = lattice.hilbert();
        let mut seen = order.clone();
        seen.sort_unstable();
        assert_eq!(seen, (0..256).collect::<Vec<_>>());
        for w in order.windows(2) {
            assert!(lattice.adjacent(w[0]).contains(&w[1]), "{} and {} are not neighbours", w[0], w[1]);
        }
    }

    #[test]
    fn the_demo_county_is_drawn_clean_in_every_crs() {
        let org = county();
        for crs in [Crs::Local, Crs::Wgs84, Crs::Gcj02] {
            let text = generate(&org, &GeoGenOptions { seed: 2026, crs, blocks: true, plant_faults: false });
            let doc = GeoDoc::from_json(&text).unwrap_or_else(|e| panic!("{crs:?}: {:#?}", e.problems()));
            assert_eq!(doc.crs(), crs);
            let problems = check(&doc, &org, &CheckOptions::default());
            assert!(problems.is_empty(), "{crs:?}: {problems:#?}");
            // Every grid and community drawn, the street pattern's blocks carrying the
            // grids' households exactly.
            let grids = doc.shapes().iter().filter(|s| matches!(s.subject, Subject::Grid(_))).count();
            assert_eq!(grids, org.grids().len());
            let households: u32 = doc.shapes().iter().filter_map(|s| s.households).sum();
            assert_eq!(households, org.grids().iter().map(|g| g.record().households).sum::<u32>());
            // The grids tile their communities: each has a neighbour.
            let neighbours = doc.neighbours();
            for (s, shape) in doc.shapes().iter().enumerate() {
                if matches!(shape.subject, Subject::Grid(_)) {
                    assert!(!neighbours[s].is_empty(), "{:?} has no neighbour", shape.subject);
                }
            }
            if crs.is_geographic() {
                let first = doc.shapes()[0].polygon.0[0].exterior().0[0];
                assert!((113.0..115.0).contains(&first.x) && (34.5..36.0).contains(&first.y), "{first:?}");
            }
        }
        let again = generate(&org, &GeoGenOptions { seed: 2026, crs: Crs::Wgs84, blocks: true, plant_faults: false });
        assert_eq!(again, generate(&org, &GeoGenOptions { seed: 2026, crs: Crs::Wgs84, blocks: true, plant_faults: false }));
    }

    #[test]
    fn planted_faults_are_two_overlaps_and_a_gap() {
        let org = county();
        let text = generate(&org, &GeoGenOptions { seed: 2026, crs: Crs::Local, blocks: false, plant_faults: true });
        let doc = GeoDoc::from_json(&text).unwrap_or_else(|e| panic!("{:#?}", e.problems()));
        let problems = check(&doc, &org, &CheckOptions::default());
        let errors: Vec<String> = problems
            .iter()
            .filter(|p| p.severity == crate::Severity::Error)
            .map(|p| serde_json::to_value(p).unwrap_or_default()["code"].as_str().unwrap_or_default().to_owned())
            .collect();
        let mut sorted = errors.clone();
        sorted.sort();
        assert_eq!(sorted, ["geo-gap", "geo-overlap", "geo-overlap"], "{problems:#?}");
    }
}
