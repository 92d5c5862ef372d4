//! What a map draws, apart from how: the places of a geometry document that the organization
//! knows (grids and nodes) as SVG path data in planar units, with their boxes, centres and
//! neighbours. Used by the map's view (map.rs), the data it is loaded with (overview.rs) and
//! the re-cut's before-and-after view (recut_view.rs).

use grassroots::geo::{GeoDoc, Subject};
use grassroots::org::NodeId;
use grassroots::{Organization, Problem, ProblemKind, RefKind, Severity};

/// What a place on the map stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    /// A grid, by its index in `Organization::grids()`.
    Grid(usize),
    /// A node of the tree.
    Node(NodeId),
}

/// One drawn shape: a grid or a node, with its outline in SVG units (y down).
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub target: Target,
    /// The record id (grid id or node id).
    pub id: String,
    /// The name people know it by (the grid's name, else its code).
    pub name: String,
    /// The grid's code, for a grid.
    pub code: Option<String>,
    /// The node it is drawn inside when drilling down: a grid's community, a node's parent.
    pub within: Option<NodeId>,
    /// Outer rings and holes, as SVG path data.
    pub path: String,
    /// `[min x, min y, max x, max y]`.
    pub bbox: [f64; 4],
    /// Where its label goes and from where directions are measured.
    pub centre: (f64, f64),
    /// Places sharing a boundary with it.
    pub neighbours: Vec<usize>,
}

/// The places of a geometry document that the organization knows, ready to draw.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MapModel {
    pub places: Vec<Place>,
    /// Members placed in each grid, by grid index.
    pub(crate) grid_members: Vec<u32>,
}

/// The area centre of a ring (the mean of its points when it has no area).
fn ring_centre(ring: &[(f64, f64)]) -> (f64, f64, f64) {
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for w in ring.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        let cross = x0 * y1 - x1 * y0;
        a += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
    }
    if a.abs() < f64::EPSILON {
        let n = ring.len().max(1) as f64;
        let (sx, sy) = ring.iter().fold((0.0, 0.0), |(sx, sy), (x, y)| (sx + x, sy + y));
        return (sx / n, sy / n, 0.0);
    }
    (cx / (3.0 * a), cy / (3.0 * a), (a / 2.0).abs())
}

/// A coordinate or a figure to a tenth ([`grassroots::text::fixed`]: no float formatter).
pub(crate) fn number(v: f64) -> String {
    grassroots::text::fixed(v, 1)
}

/// A planar polygon as SVG path data (outer rings and holes; SVG's y grows downwards, the
/// planar y northwards), its box `[min x, min y, max x, max y]` and the area centre of its
/// largest ring; `None` when it has no point.
pub(crate) fn outline(polygon: &grassroots::geo::MultiPolygon<f64>) -> Option<(String, [f64; 4], (f64, f64))> {
    let mut path = String::new();
    let mut bbox = [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY];
    let mut best = (0.0, 0.0, -1.0);
    for poly in &polygon.0 {
        let rings = std::iter::once(poly.exterior()).chain(poly.interiors());
        for (r, ring) in rings.enumerate() {
            let points: Vec<(f64, f64)> = ring.0.iter().map(|c| (c.x, -c.y)).collect();
            for (k, (x, y)) in points.iter().enumerate() {
                path.push_str(if k == 0 { "M" } else { "L" });
                path.push_str(&number(*x));
                path.push(' ');
                path.push_str(&number(*y));
                bbox = [bbox[0].min(*x), bbox[1].min(*y), bbox[2].max(*x), bbox[3].max(*y)];
            }
            path.push('Z');
            if r == 0 {
                let c = ring_centre(&points);
                if c.2 > best.2 {
                    best = c;
                }
            }
        }
    }
    (!path.is_empty()).then_some((path, bbox, (best.0, best.1)))
}

impl MapModel {
    /// The places of `geo` that name a grid or node of `org`. A shape naming neither is not
    /// drawn, and a warning says so (blocks are for re-cutting, and are not drawn either).
    pub fn new(org: &Organization, geo: &GeoDoc, warnings: &mut Vec<Problem>) -> MapModel {
        let tree = org.tree();
        let planar = geo.planar();
        let neighbours = geo.neighbours();
        let mut index = vec![None; geo.shapes().len()];
        let mut places = Vec::new();
        for (i, shape) in geo.shapes().iter().enumerate() {
            let (target, id, name, code, within) = match &shape.subject {
                Subject::Grid(id) => match org.grids().iter().position(|g| g.record().id == *id) {
                    Some(g) => {
                        let r = org.grids()[g].record();
                        (Target::Grid(g), id.clone(), shape.name.clone().or_else(|| r.name.clone().map(String::from)).unwrap_or_else(|| String::from(&r.code)), Some(r.code.clone()), Some(org.grids()[g].community()))
                    }
                    None => {
                        warnings.push(not_drawn(i, id, RefKind::Grid));
                        continue;
                    }
                },
                Subject::Node(id) => match tree.find(id) {
                    Some(n) => (Target::Node(n), id.clone(), shape.name.clone().unwrap_or_else(|| tree.node(n).name().to_owned()), None, tree.node(n).parent()),
                    None => {
                        warnings.push(not_drawn(i, id, RefKind::Node));
                        continue;
                    }
                },
                Subject::Block(_) => continue,
            };
            let Some((path, bbox, centre)) = planar.get(i).and_then(outline) else { continue };
            index[i] = Some(places.len());
            places.push(Place { target, id, name, code: code.map(String::from), within, path, bbox, centre, neighbours: Vec::new() });
        }
        for (i, ns) in neighbours.iter().enumerate() {
            if let Some(p) = index.get(i).copied().flatten() {
                places[p].neighbours = ns.iter().filter_map(|&n| index.get(n).copied().flatten()).filter(|&n| n != p).collect();
            }
        }
        let mut grid_members = vec![0u32; org.grids().len()];
        for m in org.members() {
            if let Some(g) = m.grid().and_then(|g| grid_members.get_mut(g)) {
                *g += 1;
            }
        }
        MapModel { places, grid_members }
    }

    /// The place drawing node `n`, if any.
    fn node_place(&self, n: NodeId) -> Option<usize> {
        self.places.iter().position(|p| p.target == Target::Node(n))
    }

    /// The places to draw inside node `at`: for each child, its own shape, else the shapes
    /// below it; and the grids of `at`.
    pub fn shown(&self, org: &Organization, at: NodeId) -> Vec<usize> {
        let mut out = Vec::new();
        for &c in org.tree().children(at) {
            self.under(org, c, &mut out, 0);
        }
        self.grids_of(at, &mut out);
        out.dedup();
        out
    }

    fn under(&self, org: &Organization, n: NodeId, out: &mut Vec<usize>, depth: u32) {
        if let Some(p) = self.node_place(n) {
            out.push(p);
            return;
        }
        if depth > 64 {
            return;
        }
        for &c in org.tree().children(n) {
            self.under(org, c, out, depth + 1);
        }
        self.grids_of(n, out);
    }

    fn grids_of(&self, n: NodeId, out: &mut Vec<usize>) {
        out.extend(self.places.iter().enumerate().filter(|(_, p)| matches!(p.target, Target::Grid(_)) && p.within == Some(n)).map(|(i, _)| i));
    }
}

fn not_drawn(feature: usize, id: &str, what: RefKind) -> Problem {
    let key = if what == RefKind::Grid { "grid" } else { "node" };
    Problem {
        severity: Severity::Warning,
        record: Some(id.to_owned()),
        path: format!("$.geo.features[{feature}].properties.{key}"),
        kind: ProblemKind::GeoNotDrawn { what, id: id.to_owned() },
    }
}

