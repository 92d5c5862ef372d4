//! Planar metres for drawing and measuring, and which shapes are neighbours. Light on
//! purpose: the map widget links this and not the checks.

use rustc_hash::FxHashMap;

use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

use super::{Coord, Crs, GeoDoc, LineString, MultiPolygon, Polygon};

/// The mean radius of the Earth, metres (IUGG).
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// How a document's coordinates become planar metres (x east, y north) and back.
///
/// `local` documents are in metres already. Longitude/latitude (wgs84, gcj02, cgcs2000) go
/// through a sinusoidal projection centred on the document's bounding box: x = R·Δλ·cos φ,
/// y = R·(φ − φ₀). It is equal-area, so the areas the checks report are true areas, and over
/// a county or city its shapes and distances are off by well under 1 %. GCJ-02 is WGS 84
/// shifted by an offset that is nearly uniform over a city, so its shapes and areas are right
/// too (only their place on the globe is off, by up to a few hundred metres), which is fine
/// for drawing and for every check here; CGCS2000 is within centimetres of WGS 84.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    geographic: bool,
    /// Centre longitude and latitude, degrees.
    lon0: f64,
    lat0: f64,
}

impl Projection {
    /// The projection for a crs, centred on `centre` (longitude, latitude; ignored for `local`).
    pub fn new(crs: Crs, centre: Coord<f64>) -> Projection {
        Projection { geographic: crs.is_geographic(), lon0: centre.x, lat0: centre.y }
    }

    /// A position of the document in planar metres.
    pub fn to_planar(&self, c: Coord<f64>) -> Coord<f64> {
        if !self.geographic {
            return c;
        }
        let lat = c.y.to_radians();
        Coord { x: EARTH_RADIUS_M * (c.x - self.lon0).to_radians() * lat.cos(), y: EARTH_RADIUS_M * (c.y - self.lat0).to_radians() }
    }

    /// Planar metres back to the document's coordinates.
    pub fn to_document(&self, p: Coord<f64>) -> Coord<f64> {
        if !self.geographic {
            return p;
        }
        let lat = self.lat0 + (p.y / EARTH_RADIUS_M).to_degrees();
        let cos = lat.to_radians().cos().max(1e-9);
        Coord { x: self.lon0 + (p.x / (EARTH_RADIUS_M * cos)).to_degrees(), y: lat }
    }

    /// A multipolygon in planar metres.
    pub fn multi_polygon(&self, m: &MultiPolygon<f64>) -> MultiPolygon<f64> {
        let ring = |l: &LineString<f64>| LineString::new(l.0.iter().map(|&c| self.to_planar(c)).collect());
        MultiPolygon::new(m.0.iter().map(|p| Polygon::new(ring(p.exterior()), p.interiors().iter().map(ring).collect())).collect())
    }
}

/// Shared boundaries shorter than this (metres) are a corner, not a shared edge.
const MIN_SHARED_M: f64 = 0.01;
/// Two edges lie on one line when each end of one is this close (metres) to the other's line.
const COLLINEAR_M: f64 = 0.01;

impl GeoDoc {
    /// The projection from this document's coordinates to planar metres: the identity for
    /// `local`, else the sinusoidal projection around the centre of the document's bounding
    /// box (see [`Projection`]).
    pub fn projection(&self) -> Projection {
        let (mut min, mut max) = (Coord { x: f64::INFINITY, y: f64::INFINITY }, Coord { x: f64::NEG_INFINITY, y: f64::NEG_INFINITY });
        for c in self.shapes.iter().flat_map(|s| s.polygon.0.iter()).flat_map(|p| p.exterior().0.iter()) {
            min = Coord { x: min.x.min(c.x), y: min.y.min(c.y) };
            max = Coord { x: max.x.max(c.x), y: max.y.max(c.y) };
        }
        let centre = if min.x.is_finite() { Coord { x: (min.x + max.x) / 2.0, y: (min.y + max.y) / 2.0 } } else { Coord { x: 0.0, y: 0.0 } };
        Projection::new(self.crs, centre)
    }

    /// Each shape's polygon in planar metres (x east, y north), in shape order: `local` as it
    /// is; a geographic crs by an equal-area (sinusoidal) projection around the document's
    /// centre, which over a city is as good as a local equirectangular one for drawing and
    /// keeps areas true. GCJ-02's offset from WGS 84 is locally uniform, so its shapes are
    /// right for drawing and measuring; see [`Projection`].
    pub fn planar(&self) -> Vec<MultiPolygon<f64>> {
        let projection = self.projection();
        self.shapes.iter().map(|s| projection.multi_polygon(&s.polygon)).collect()
    }

    /// For each shape, the indices (ascending) of the shapes of the same subject kind that
    /// share a stretch of boundary of positive length with it (at least 1 cm; touching at a
    /// corner does not count). The edges need not have the same vertices: an edge that runs
    /// along part of another counts. Edges shared vertex for vertex are found by hashing, the
    /// others through an R-tree, so this is O(n log n) in the number of edges, not quadratic.
    ///
    /// Nodes of different levels count too when they share boundary (a street and a community
    /// along its edge): [`neighbours_by`](Self::neighbours_by) takes any relation, e.g. "same
    /// level in the organization".
    pub fn neighbours(&self) -> Vec<Vec<usize>> {
        self.neighbours_by(|a, b| self.shapes[a].subject.kind() == self.shapes[b].subject.kind())
    }

    /// As [`neighbours`](Self::neighbours), counting only the pairs of shape indices that
    /// `related` accepts (it is asked with the lower index first).
    pub fn neighbours_by(&self, related: impl Fn(usize, usize) -> bool) -> Vec<Vec<usize>> {
        neighbours_of(&self.planar(), related)
    }
}

/// An edge of shape `.data.0` from `.1` to `.2`, boxed for the R-tree.
type Edge = GeomWithData<Rectangle<[f64; 2]>, (usize, Coord<f64>, Coord<f64>)>;

/// The neighbours of planar shapes, counting only pairs `related` accepts.
///
/// Shapes drawn from one topology share their edges vertex for vertex: those pairs are found
/// by hashing each edge's two ends. Only the edges left without a twin (an edge along part of
/// another, where one side has a vertex the other lacks, and the outer edges) go into the
/// R-tree and are matched by lying on one line.
pub(crate) fn neighbours_of(shapes: &[MultiPolygon<f64>], related: impl Fn(usize, usize) -> bool) -> Vec<Vec<usize>> {
    let key = |c: Coord<f64>| (c.x.to_bits(), c.y.to_bits());
    let mut twins: FxHashMap<((u64, u64), (u64, u64)), Vec<usize>> = FxHashMap::default();
    let mut all: Vec<(usize, Coord<f64>, Coord<f64>)> = Vec::new();
    for (s, shape) in shapes.iter().enumerate() {
        for polygon in &shape.0 {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                for w in ring.0.windows(2) {
                    let (a, b) = (w[0], w[1]);
                    if a == b {
                        continue;
                    }
                    let (ka, kb) = (key(a), key(b));
                    let edge = if ka < kb { (ka, kb) } else { (kb, ka) };
                    let owners = twins.entry(edge).or_default();
                    if owners.last() != Some(&s) {
                        owners.push(s);
                    }
                    all.push((s, a, b));
                }
            }
        }
    }
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); shapes.len()];
    let link = |s: usize, t: usize, out: &mut Vec<Vec<usize>>| {
        let (s, t) = (s.min(t), s.max(t));
        if s != t && related(s, t) {
            out[s].push(t);
            out[t].push(s);
        }
    };
    for owners in twins.values() {
        for (i, &s) in owners.iter().enumerate() {
            for &t in &owners[i + 1..] {
                link(s, t, &mut out);
            }
        }
    }
    // Edges no other shape has vertex for vertex.
    let lonely: Vec<Edge> = all
        .into_iter()
        .filter(|&(_, a, b)| {
            let (ka, kb) = (key(a), key(b));
            twins.get(&if ka < kb { (ka, kb) } else { (kb, ka) }).is_some_and(|o| o.len() == 1)
        })
        .map(|(s, a, b)| GeomWithData::new(Rectangle::from_corners([a.x.min(b.x), a.y.min(b.y)], [a.x.max(b.x), a.y.max(b.y)]), (s, a, b)))
        .collect();
    let tree = RTree::bulk_load(lonely);
    for edge in tree.iter() {
        let (s, a, b) = edge.data;
        let lower = edge.geom().lower();
        let upper = edge.geom().upper();
        let search = AABB::from_corners([lower[0] - COLLINEAR_M, lower[1] - COLLINEAR_M], [upper[0] + COLLINEAR_M, upper[1] + COLLINEAR_M]);
        for other in tree.locate_in_envelope_intersecting(&search) {
            let (t, c, d) = other.data;
            // Each pair is asked from the lower shape's edges.
            if t > s && shared_length(a, b, c, d) >= MIN_SHARED_M {
                link(s, t, &mut out);
            }
        }
    }
    for list in &mut out {
        list.sort_unstable();
        list.dedup();
    }
    out
}

/// The length of boundary two planar shapes share (metres for planar metres): the sum over
/// their edge pairs of the length along which one lies on the other. For neighbours found by
/// [`neighbours_of`]; a corner alone gives 0.
#[cfg(feature = "recut")]
pub(crate) fn shared_boundary(a: &MultiPolygon<f64>, b: &MultiPolygon<f64>) -> f64 {
    let edges = |m: &MultiPolygon<f64>| -> Vec<(Coord<f64>, Coord<f64>)> {
        m.0.iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .flat_map(|ring| ring.0.windows(2).map(|w| (w[0], w[1])).collect::<Vec<_>>())
            .filter(|(p, q)| p != q)
            .collect()
    };
    let (ea, eb) = (edges(a), edges(b));
    let mut total = 0.0;
    for &(p, q) in &ea {
        for &(r, s) in &eb {
            total += shared_length(p, q, r, s);
        }
    }
    total
}

/// The length along which segment c–d lies on segment a–b (0 when they are not collinear).
fn shared_length(a: Coord<f64>, b: Coord<f64>, c: Coord<f64>, d: Coord<f64>) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = (dx * dx + dy * dy).sqrt();
    if len == 0.0 {
        return 0.0;
    }
    // Distance of c and d from the line through a and b.
    let off = |p: Coord<f64>| ((p.x - a.x) * dy - (p.y - a.y) * dx).abs() / len;
    if off(c) > COLLINEAR_M || off(d) > COLLINEAR_M {
        return 0.0;
    }
    // Positions of c and d along a→b, in metres.
    let along = |p: Coord<f64>| ((p.x - a.x) * dx + (p.y - a.y) * dy) / len;
    let (tc, td) = (along(c), along(d));
    let (lo, hi) = (tc.min(td).max(0.0), tc.max(td).min(len));
    (hi - lo).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f64, y: f64, size: f64) -> MultiPolygon<f64> {
        let ring = LineString::from(vec![(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)]);
        MultiPolygon::new(vec![Polygon::new(ring, vec![])])
    }

    #[test]
    fn neighbours_share_an_edge_not_a_corner() {
        // 0 | 1 side by side; 2 under 0 (an edge shared with 0 along half of 2's top edge
        // only, as 2 is twice as wide); 3 touches 1 at a corner only.
        let shapes = vec![square(0.0, 0.0, 10.0), square(10.0, 0.0, 10.0), square(-10.0, -20.0, 20.0), square(20.0, 10.0, 10.0)];
        let n = neighbours_of(&shapes, |_, _| true);
        assert_eq!(n, vec![vec![1, 2], vec![0], vec![0], vec![]]);
    }

    #[test]
    fn the_projection_goes_there_and_back_and_keeps_areas() {
        let p = Projection::new(Crs::Wgs84, Coord { x: 116.4, y: 39.9 });
        let c = Coord { x: 116.5, y: 40.0 };
        let back = p.to_document(p.to_planar(c));
        assert!((back.x - c.x).abs() < 1e-9 && (back.y - c.y).abs() < 1e-9, "{back:?}");
        // 0.01° of latitude is about 1,112 m everywhere.
        let y = p.to_planar(Coord { x: 116.4, y: 39.91 }).y;
        assert!((y - 1111.95).abs() < 0.1, "{y}");
    }
}
