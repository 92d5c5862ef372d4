//! The checks of a geometry document against its organization: every grid drawn, every shape
//! naming a known record, valid rings, grids inside their community, no overlaps between
//! grids, no gaps inside a community (全覆盖、无缝隙、不交叉), declared areas that agree.

use rustc_hash::FxHashMap as HashMap;

use ::geo::coordinate_position::CoordPos;
use ::geo::dimensions::Dimensions;
use ::geo::line_intersection::LineIntersection;
use ::geo::sweep::{Cross, Intersections};
use ::geo::{
    Area, BooleanOps, BoundingRect, Distance, Euclidean, InteriorPoint, Intersects, Line, LineString, Point, Polygon, PreparedGeometry, Relate,
    RemoveRepeatedPoints, unary_union,
};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::RTree;

use super::load::number;
use super::{GeoDoc, MultiPolygon, Subject};
use crate::error::{Problem, ProblemKind, RefKind};
use crate::jsonpath::sort_key;
use crate::org::Organization;

/// The tolerances of [`check`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CheckOptions {
    /// How far (metres) a grid's corner may lie outside its community's polygon. Default 1 m.
    pub containment_tolerance_m: f64,
    /// How large (m²) an overlap of two grids may be before it is reported. Default 1 m².
    pub overlap_tolerance_m2: f64,
    /// How large (m²) a piece of a community that no grid covers may be before it is
    /// reported. Default 1 m².
    pub gap_tolerance_m2: f64,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions { containment_tolerance_m: 1.0, overlap_tolerance_m2: 1.0, gap_tolerance_m2: 1.0 }
    }
}

/// A declared `area_km2` further than this share from the drawn area is a warning.
const AREA_SHARE: f64 = 0.10;

/// Checks a geometry document against the organization it draws, in planar metres (see
/// [`GeoDoc::planar`]):
/// - every grid of the organization has a shape, and every `grid` or `node` a shape names
///   exists (blocks are not in the organization and are not looked up);
/// - every polygon is valid: rings that do not cross themselves, holes inside their outer ring,
///   the polygons of a multipolygon apart, touching at most at points (the OGC rules of
///   geo's `Validation`, see `validate`); an invalid shape, or one naming an unknown record, is left out of the
///   checks below, whose boolean operations need valid input;
/// - each grid lies within its community's polygon when both are drawn: no corner of the
///   grid further than `containment_tolerance_m` outside it (the corners are tested only in
///   a community that the union of its grids leaves by more than 0.01 m² or by a corner
///   beyond the tolerance);
/// - no two grids overlap by more than `overlap_tolerance_m2` (each pair once, named with the
///   overlap's area; candidate pairs from an R-tree of bounding boxes, so not quadratic, and
///   none computed inside a community whose grids' areas add up to their union's within the
///   tolerance);
/// - inside each drawn community, no piece larger than `gap_tolerance_m2` is left uncovered
///   by its grids (the community minus the union of its grids, each piece with its area and
///   a point inside it, in the document's coordinates); a community with a grid missing or
///   invalid is not measured, as its gaps would be that grid, already reported;
/// - a grid's `area_km2` more than 10 % away from its polygon's area is a warning.
///
/// Problems are errors except the last; they come in feature order, each with the feature's
/// path and the record it draws.
pub fn check(doc: &GeoDoc, org: &Organization, opts: &CheckOptions) -> Vec<Problem> {
    let mut problems = Vec::new();
    let planar = doc.planar();
    let shapes = doc.shapes();
    let tree = org.tree();
    let grid_index: HashMap<&str, usize> = org.grids().iter().enumerate().map(|(i, g)| (g.record().id.as_str(), i)).collect();
    let record = |s: usize| Some(shapes[s].subject.id().to_owned());

    // Known records, and which shape draws each grid and node.
    let mut grid_shape: HashMap<&str, usize> = HashMap::default();
    let mut node_shape: HashMap<&str, usize> = HashMap::default();
    for (s, shape) in shapes.iter().enumerate() {
        let path = format!("{}.properties.{}", doc.path(s), shape.subject.kind());
        match &shape.subject {
            Subject::Grid(id) => {
                if grid_index.contains_key(id.as_str()) {
                    grid_shape.insert(id, s);
                } else {
                    problems.push(Problem::error(record(s), path, ProblemKind::UnknownRef { what: RefKind::Grid, id: id.clone() }));
                }
            }
            Subject::Node(id) => {
                if tree.find(id).is_some() {
                    node_shape.insert(id, s);
                } else {
                    problems.push(Problem::error(record(s), path, ProblemKind::UnknownRef { what: RefKind::Node, id: id.clone() }));
                }
            }
            Subject::Block(_) => {}
        }
    }
    for grid in org.grids() {
        let id = &grid.record().id;
        if !grid_shape.contains_key(id.as_str()) {
            problems.push(Problem::error(Some(String::from(id)), "$.features".into(), ProblemKind::GeoMissingGrid { id: String::from(id) }));
        }
    }

    // Valid rings; an invalid shape, or one of an unknown record, takes no part in what follows.
    let known = |s: usize| match &shapes[s].subject {
        Subject::Grid(id) => grid_shape.get(id.as_str()) == Some(&s),
        Subject::Node(id) => node_shape.get(id.as_str()) == Some(&s),
        Subject::Block(_) => true,
    };
    let valid: Vec<bool> = (0..shapes.len()).map(|s| validate(doc, s, &planar[s], &mut problems) && known(s)).collect();

    // The union of each community's valid grids: what the gap check subtracts, and how much
    // the grids overlap among themselves in all (their areas' sum minus the union's area),
    // which bounds any one pair's overlap.
    let mut by_community: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut incomplete: HashMap<&str, bool> = HashMap::default();
    let mut community_of: HashMap<usize, &str> = HashMap::default();
    for grid in org.grids() {
        let community = tree.node(grid.community()).id();
        match grid_shape.get(grid.record().id.as_str()) {
            Some(&s) if valid[s] => {
                by_community.entry(community).or_default().push(s);
                community_of.insert(s, community);
            }
            Some(_) | None => {
                incomplete.insert(community, true);
            }
        }
    }
    let unions: HashMap<&str, (MultiPolygon<f64>, f64)> = by_community
        .iter()
        .map(|(&c, members)| {
            let union = unary_union(members.iter().map(|&s| &planar[s]));
            let excess = members.iter().map(|&s| planar[s].unsigned_area()).sum::<f64>() - union.unsigned_area();
            (c, (union, excess))
        })
        .collect();

    // Each grid inside its community. A community whose grids' union lies inside it (what is
    // left outside has no area to speak of and no corner beyond the tolerance) needs no
    // grid's corners tested one by one.
    let inside: HashMap<&str, bool> = unions
        .iter()
        .filter_map(|(&id, (union, _))| {
            let &c = node_shape.get(id)?;
            if !valid[c] {
                return None;
            }
            let outside = union.difference(&planar[c]);
            let near = outside.0.iter().flat_map(|p| p.exterior().0.iter()).all(|v| Euclidean.distance(&planar[c], &Point::from(*v)) <= opts.containment_tolerance_m);
            (near && outside.unsigned_area() <= 0.01).then_some((id, true))
        })
        .collect();
    let mut drawn_grids: Vec<(&str, usize)> = grid_shape.iter().map(|(id, &s)| (*id, s)).collect();
    drawn_grids.sort_by_key(|&(_, s)| s);
    for (id, s) in drawn_grids {
        let Some(&g) = grid_index.get(id) else { continue };
        let community = tree.node(org.grids()[g].community()).id();
        let Some(&c) = node_shape.get(community) else { continue };
        if !valid[s] || !valid[c] || inside.contains_key(community) {
            continue;
        }
        let outer = &planar[c];
        let mut worst = 0.0_f64;
        for p in planar[s].0.iter().flat_map(|p| p.exterior().0.iter()) {
            let point = Point::from(*p);
            if !outer.intersects(&point) {
                worst = worst.max(Euclidean.distance(outer, &point));
            }
        }
        if worst > opts.containment_tolerance_m {
            problems.push(Problem::error(
                record(s),
                doc.path(s),
                ProblemKind::GeoOutsideCommunity { community: community.to_owned(), distance_m: crate::text::fixed(worst, 1), tolerance_m: number(opts.containment_tolerance_m) },
            ));
        }
    }

    // Overlaps between grids: candidate pairs whose bounding boxes meet, from an R-tree; a
    // pair inside one community whose grids overlap by no more than the tolerance in all
    // needs no intersection computed.
    let grids: Vec<usize> = (0..shapes.len()).filter(|&s| valid[s] && matches!(shapes[s].subject, Subject::Grid(_))).collect();
    let boxes: Vec<GeomWithData<Rectangle<[f64; 2]>, usize>> = grids
        .iter()
        .filter_map(|&s| planar[s].bounding_rect().map(|r| GeomWithData::new(Rectangle::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]), s)))
        .collect();
    let rtree = RTree::bulk_load(boxes);
    let mut pairs: Vec<(usize, usize)> = rtree
        .intersection_candidates_with_other_tree(&rtree)
        .map(|(a, b)| (a.data, b.data))
        .filter(|(a, b)| a < b)
        .collect();
    pairs.sort_unstable();
    let clean = |s: usize| community_of.get(&s).and_then(|c| unions.get(c)).is_some_and(|(_, excess)| *excess <= opts.overlap_tolerance_m2);
    for (a, b) in pairs {
        if community_of.get(&a) == community_of.get(&b) && clean(a) {
            continue;
        }
        let area = planar[a].intersection(&planar[b]).unsigned_area();
        if area > opts.overlap_tolerance_m2 {
            problems.push(Problem::error(
                record(a),
                doc.path(a),
                ProblemKind::GeoOverlap { other: shapes[b].subject.id().to_owned(), area_m2: crate::text::fixed(area, 1) },
            ));
        }
    }

    // Gaps inside each drawn community: the community minus the union of its grids.
    let projection = doc.projection();
    let mut communities: Vec<(&str, usize)> = node_shape.iter().map(|(id, &s)| (*id, s)).collect();
    communities.sort_by_key(|&(_, s)| s);
    for (id, c) in communities {
        // A community with a grid missing or invalid, or with none, is not measured: its gaps
        // would be the missing or invalid grids already reported.
        let Some((covered, _)) = unions.get(id) else { continue };
        if !valid[c] || incomplete.contains_key(id) {
            continue;
        }
        let gaps = planar[c].difference(covered);
        for piece in &gaps.0 {
            let area = piece.unsigned_area();
            if area <= opts.gap_tolerance_m2 {
                continue;
            }
            let at = piece.interior_point().map(|p| projection.to_document(p.0)).unwrap_or_default();
            // Degrees to 6 decimals (about 10 cm), metres to 1.
            let text = |v: f64| if doc.crs().is_geographic() { number(v) } else { crate::text::fixed(v, 1) };
            problems.push(Problem::error(record(c), doc.path(c), ProblemKind::GeoGap { area_m2: crate::text::fixed(area, 1), x: text(at.x), y: text(at.y) }));
        }
    }

    // Declared areas.
    for grid in org.grids() {
        let (Some(declared), Some(&s)) = (grid.record().area_km2, grid_shape.get(grid.record().id.as_str())) else { continue };
        let drawn = planar[s].unsigned_area() / 1e6;
        if declared > 0.0 && (drawn - declared).abs() > AREA_SHARE * declared {
            problems.push(Problem::warning(record(s), doc.path(s), ProblemKind::GeoAreaMismatch { declared_km2: number(declared), drawn_km2: crate::text::fixed(drawn, 3) }));
        }
    }

    problems.sort_by_key(|p| (sort_key(&p.path, &["type", "crs", "name", "bbox", "features"]), p.severity));
    problems
}

/// Checks one shape's polygons by the OGC rules geo's `Validation` applies (rings of at least
/// three distinct corners that do not cross or touch themselves, holes inside their outer
/// ring touching it or each other at points at most, the polygons of a multipolygon apart);
/// whether it is valid. geo's `Validation` finds self-intersections by comparing every pair of
/// a ring's edges, which took seconds for a county's outline; the rings here go through
/// geo's sweep-line `Intersections` instead, and the rest through geo's `Relate` as
/// `Validation` does.
fn validate(doc: &GeoDoc, s: usize, shape: &MultiPolygon<f64>, problems: &mut Vec<Problem>) -> bool {
    let record = Some(doc.shapes()[s].subject.id().to_owned());
    let before = problems.len();
    for (p, polygon) in shape.0.iter().enumerate() {
        for (r, ring) in std::iter::once(polygon.exterior()).chain(polygon.interiors()).enumerate() {
            let path = doc.ring_path(s, p, r);
            let ring = ring.remove_repeated_points();
            if ring.0.len() < 4 {
                problems.push(Problem::error(record.clone(), path, ProblemKind::Shape { message: "the ring has fewer than 3 distinct corners".into() }));
            } else if self_intersects(&ring) {
                problems.push(Problem::error(record.clone(), path, ProblemKind::GeoSelfIntersection));
            }
        }
        if problems.len() > before || polygon.interiors().is_empty() {
            continue;
        }
        let exterior = Polygon::new(polygon.exterior().clone(), vec![]);
        let prepared = PreparedGeometry::from(&exterior);
        let holes: Vec<Polygon<f64>> = polygon.interiors().iter().map(|h| Polygon::new(h.clone(), vec![])).collect();
        for (h, hole) in holes.iter().enumerate() {
            let m = prepared.relate(hole);
            let crossing = holes[h + 1..].iter().any(|other| {
                let m = hole.relate(other);
                m.get(CoordPos::Inside, CoordPos::Inside) == Dimensions::TwoDimensional || m.get(CoordPos::OnBoundary, CoordPos::OnBoundary) == Dimensions::OneDimensional
            });
            if !m.is_contains() || m.get(CoordPos::OnBoundary, CoordPos::OnBoundary) == Dimensions::OneDimensional || crossing {
                problems.push(Problem::error(record.clone(), doc.ring_path(s, p, h + 1), ProblemKind::GeoHoleOutside));
            }
        }
    }
    if problems.len() == before && shape.0.len() > 1 {
        let boxes: Vec<_> = shape.0.iter().map(|p| p.bounding_rect()).collect();
        for a in 0..shape.0.len() {
            for b in a + 1..shape.0.len() {
                let (Some(ra), Some(rb)) = (boxes[a], boxes[b]) else { continue };
                if !ra.intersects(&rb) {
                    continue;
                }
                let m = shape.0[a].relate(&shape.0[b]);
                if m.get(CoordPos::Inside, CoordPos::Inside) == Dimensions::TwoDimensional || m.get(CoordPos::OnBoundary, CoordPos::OnBoundary) == Dimensions::OneDimensional {
                    problems.push(Problem::error(record.clone(), format!("{}.geometry.coordinates[{b}]", doc.path(s)), ProblemKind::GeoPartsOverlap { first: a, second: b }));
                }
            }
        }
    }
    problems.len() == before
}

/// An edge of a ring with its place in the ring, for the sweep.
#[derive(Clone, Copy)]
struct Edge {
    line: Line<f64>,
    at: usize,
}

impl Cross for Edge {
    type Scalar = f64;
    fn line(&self) -> Line<f64> {
        self.line
    }
}

/// Whether a closed ring without repeated points crosses or touches itself: two edges that
/// are not next to each other meet, or two that are overlap along a stretch (a spike).
fn self_intersects(ring: &LineString<f64>) -> bool {
    let n = ring.0.len() - 1;
    let edges = ring.lines().enumerate().map(|(at, line)| Edge { line, at });
    Intersections::from_iter(edges).any(|(a, b, meet)| {
        let (i, j) = (a.at.min(b.at), a.at.max(b.at));
        let adjacent = j == i + 1 || (i == 0 && j + 1 == n);
        !adjacent || matches!(meet, LineIntersection::Collinear { .. })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(points: &[(f64, f64)]) -> LineString<f64> {
        LineString::from(points.to_vec())
    }

    #[test]
    fn rings_that_cross_touch_or_double_back_intersect_themselves() {
        // A square, and one with a corner on a straight edge (collinear corners are fine).
        assert!(!self_intersects(&ring(&[(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (0.0, 0.0)])));
        assert!(!self_intersects(&ring(&[(0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (0.0, 0.0)])));
        // A bow tie.
        assert!(self_intersects(&ring(&[(0.0, 0.0), (2.0, 2.0), (2.0, 0.0), (0.0, 2.0), (0.0, 0.0)])));
        // A spike: out along an edge and back.
        assert!(self_intersects(&ring(&[(0.0, 0.0), (2.0, 0.0), (3.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (0.0, 0.0)])));
        // A figure of eight through one corner (a ring touching itself).
        assert!(self_intersects(&ring(&[(0.0, 0.0), (1.0, 1.0), (2.0, 0.0), (2.0, 2.0), (1.0, 1.0), (0.0, 2.0), (0.0, 0.0)])));
    }
}
