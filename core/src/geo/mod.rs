//! Geometry documents: the polygons of grids, communities, streets and blocks (楼栋/小区) as a
//! GeoJSON (RFC 7946) `FeatureCollection`, each feature naming the record it draws in its
//! properties (`{"grid": "g12"}`, `{"node": "c3"}`, `{"block": "b-0117", "households": 86}`).
//! A top-level `"crs"` member says which coordinates these are: `wgs84` (GPS, the default),
//! `gcj02` (高德, 腾讯), `cgcs2000` (the national datum), or `local` (projected metres).
//!
//! [`GeoDoc::from_json`] reads and checks a document on its own (every problem with its JSON
//! path and record); [`GeoDoc::planar`] and [`GeoDoc::neighbours`] are what a map needs; the
//! checks against an organization (every grid drawn, grids inside their community, no
//! overlaps, no gaps: 全覆盖、无缝隙、不交叉) are [`check`], which alone uses geo's boolean
//! operations.
//!
//! ```
//! use grassroots::geo::{Crs, GeoDoc, Subject};
//! let doc = GeoDoc::from_json(r#"{"type": "FeatureCollection", "crs": "local", "features": [
//!   {"type": "Feature", "properties": {"grid": "g1", "name": "第一网格"},
//!    "geometry": {"type": "Polygon", "coordinates": [[[0,0],[100,0],[100,100],[0,100],[0,0]]]}},
//!   {"type": "Feature", "properties": {"grid": "g2"},
//!    "geometry": {"type": "Polygon", "coordinates": [[[100,0],[200,0],[200,100],[100,100],[100,0]]]}}
//! ]}"#).unwrap();
//! assert_eq!(doc.crs(), Crs::Local);
//! assert_eq!(doc.shapes()[0].subject, Subject::Grid("g1".into()));
//! assert_eq!(doc.neighbours(), vec![vec![1], vec![0]]);
//! ```

mod check;
#[cfg(feature = "generate")]
pub mod generate;
mod load;
pub(crate) mod planar;

pub use ::geo::{Area, Coord, LineString, MultiPolygon, Polygon};

pub use check::{CheckOptions, check};
pub use planar::Projection;

use crate::error::Problem;

/// Which coordinates a document's positions are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Crs {
    /// WGS 84 longitude/latitude in degrees (GPS). The default.
    #[default]
    Wgs84,
    /// GCJ-02 longitude/latitude (高德, 腾讯 and other Chinese web maps): WGS 84 shifted by up
    /// to a few hundred metres, almost uniformly over a city.
    Gcj02,
    /// CGCS2000 longitude/latitude, the national geodetic datum (within centimetres of WGS 84).
    Cgcs2000,
    /// Projected metres of a local plane: x east, y north.
    Local,
}

impl Crs {
    /// The names a document uses, in the order of the variants.
    pub const NAMES: [&'static str; 4] = ["wgs84", "gcj02", "cgcs2000", "local"];

    /// The crs with this name (`wgs84`, `gcj02`, `cgcs2000`, `local`; ASCII case ignored).
    pub fn from_name(name: &str) -> Option<Crs> {
        let all = [Crs::Wgs84, Crs::Gcj02, Crs::Cgcs2000, Crs::Local];
        Crs::NAMES.iter().position(|n| n.eq_ignore_ascii_case(name.trim())).map(|i| all[i])
    }

    /// The name a document uses for it.
    pub fn name(self) -> &'static str {
        match self {
            Crs::Wgs84 => "wgs84",
            Crs::Gcj02 => "gcj02",
            Crs::Cgcs2000 => "cgcs2000",
            Crs::Local => "local",
        }
    }

    /// Longitude/latitude in degrees (every crs but `local`).
    pub fn is_geographic(self) -> bool {
        self != Crs::Local
    }
}

/// The record a feature draws.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Subject {
    /// A grid of the organization (`properties.grid`).
    Grid(String),
    /// A node of the organization's tree: a community, a street … (`properties.node`).
    Node(String),
    /// A block (楼栋/小区), which the organization does not list (`properties.block`).
    Block(String),
}

impl Subject {
    /// The record's id.
    pub fn id(&self) -> &str {
        match self {
            Subject::Grid(id) | Subject::Node(id) | Subject::Block(id) => id,
        }
    }

    /// The property that names it: `grid`, `node` or `block`.
    pub fn kind(&self) -> &'static str {
        match self {
            Subject::Grid(_) => "grid",
            Subject::Node(_) => "node",
            Subject::Block(_) => "block",
        }
    }
}

/// One feature of a geometry document.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The record it draws.
    pub subject: Subject,
    /// `properties.name`, if given.
    pub name: Option<String>,
    /// `properties.households` (blocks), if given.
    pub households: Option<u32>,
    /// `properties.population`, if given.
    pub population: Option<u32>,
    /// The polygon(s), as in the file (longitude/latitude for a geographic crs); a `Polygon`
    /// feature is a multipolygon of one. A third coordinate (altitude) is not kept.
    pub polygon: MultiPolygon<f64>,
    /// The feature's other properties, as given (GIS exports carry their own attributes).
    pub properties: serde_json::Map<String, serde_json::Value>,
}

/// A geometry document that loaded without errors.
#[derive(Debug, Clone, PartialEq)]
pub struct GeoDoc {
    crs: Crs,
    shapes: Vec<Shape>,
    /// Per shape: its feature's index in `features`.
    features: Vec<usize>,
    /// Per shape: whether the feature was a `Polygon` (its rings are `coordinates[r]`) rather
    /// than a `MultiPolygon` (`coordinates[p][r]`).
    single: Vec<bool>,
    warnings: Vec<Problem>,
}

impl GeoDoc {
    /// The coordinates' crs (`wgs84` when the document does not say).
    pub fn crs(&self) -> Crs {
        self.crs
    }

    /// The shapes, in document order.
    pub fn shapes(&self) -> &[Shape] {
        &self.shapes
    }

    /// Warnings found while loading.
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }

    /// Takes the warnings out of the document, for a caller that hands them on rather than
    /// copying them; [`Self::warnings`] is empty after.
    pub fn take_warnings(&mut self) -> Vec<Problem> {
        std::mem::take(&mut self.warnings)
    }

    /// The index of the shape that draws this subject.
    pub fn find(&self, subject: &Subject) -> Option<usize> {
        self.shapes.iter().position(|s| &s.subject == subject)
    }

    /// JSON path of shape `shape`'s feature, e.g. `$.features[3]`.
    pub fn path(&self, shape: usize) -> String {
        format!("$.features[{}]", self.features.get(shape).copied().unwrap_or(shape))
    }

    /// JSON path of ring `ring` (0 the outer ring) of polygon `part` of a shape:
    /// `$.features[3].geometry.coordinates[0]` for a Polygon feature, `…coordinates[1][0]`
    /// for a MultiPolygon.
    pub fn ring_path(&self, shape: usize, part: usize, ring: usize) -> String {
        if self.single.get(shape).copied().unwrap_or(false) {
            format!("{}.geometry.coordinates[{ring}]", self.path(shape))
        } else {
            format!("{}.geometry.coordinates[{part}][{ring}]", self.path(shape))
        }
    }
}
