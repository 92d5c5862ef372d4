//! Reading a geometry document: the collection, each feature's subject and properties, its
//! geometry through the `geojson` crate, then the rings (closed, four positions or more,
//! inside China for a geographic crs) and duplicate subjects. Every problem is kept.

use rustc_hash::FxHashMap as HashMap;

use geojson::GeometryValue;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::{Crs, GeoDoc, MultiPolygon, Shape, Subject};
use crate::error::{Error, Problem, ProblemKind, Severity};
use crate::jsonpath::sort_key;
use crate::org::document::{shape as shape_problem, top_level_object};

/// The top-level members a geometry document may have, in the order problems are reported.
const FIELDS: [&str; 5] = ["type", "crs", "name", "bbox", "features"];

/// The members a feature may have.
const FEATURE_FIELDS: [&str; 5] = ["type", "id", "bbox", "properties", "geometry"];

/// The farthest a `local` (planar, metres) coordinate may lie from the origin: 10⁹ m, room for
/// a Gauss–Krüger easting with its zone number (39 500 000 m). Farther, a shape's area and the
/// predicates of the checks overflow: a position at 1e308 made geo's `relate` panic (issue
/// 17's fuzzing, finding 8).
pub(crate) const LOCAL_MAX: f64 = 1e9;

/// A coordinate nearer 0 than 10⁻²⁹⁰ (metres or degrees: nothing a survey or a GIS writes) is 0:
/// a shape whose corners lie that near one another has an extent that is a subnormal number,
/// and the boolean operations' fixed-point scaling (i_overlay) overflows on it (issue 17's
/// fuzzing: a shape at 1e-310 m). Read as 0, such a ring collapses to a point and is reported
/// as not a valid polygon.
fn flush(v: f64) -> f64 {
    if v.abs() < 1e-290 { 0.0 } else { v }
}

/// China's extent in degrees: longitude 73–136 east, latitude 3–54 north.
pub(crate) const CHINA_LON: (f64, f64) = (73.0, 136.0);
pub(crate) const CHINA_LAT: (f64, f64) = (3.0, 54.0);

impl GeoDoc {
    /// Reads a geometry document and checks it on its own: a `FeatureCollection` of
    /// `Feature`s, each naming exactly one record (`grid`, `node` or `block` in its
    /// properties) and drawing it as a `Polygon` or `MultiPolygon` whose rings are closed and
    /// have at least four positions, inside China's extent when the crs is geographic; no
    /// record drawn twice; `crs` one of `wgs84` (default), `gcj02`, `cgcs2000`, `local`.
    /// Every problem comes with its JSON path (`$.features[3].geometry.coordinates[0]`) and
    /// the record it concerns, in document order. Whether the records exist, and the
    /// geometric checks, are [`check`](super::check)'s.
    ///
    /// ```
    /// use grassroots::geo::GeoDoc;
    /// let err = GeoDoc::from_json(r#"{"type": "FeatureCollection", "features": [
    ///   {"type": "Feature", "properties": {"grid": "g1"}, "geometry": {"type": "Polygon",
    ///    "coordinates": [[[116.1, 39.9], [116.2, 39.9], [116.2, 40.0], [116.1, 40.0]]]}}
    /// ]}"#).unwrap_err();
    /// assert_eq!(err.problems()[0].to_string(), "$.features[0].geometry.coordinates[0] (record \"g1\"): \
    ///     the ring is not closed: its last position must repeat its first");
    /// ```
    pub fn from_json(text: &str) -> Result<GeoDoc, Error> {
        let mut problems = Vec::new();
        let doc = top_level_object(text, "expected a GeoJSON FeatureCollection", &mut problems)?;
        // The collection's foreign members (GeoServer's `totalFeatures`, GDAL's
        // `xy_coordinate_resolution`): a warning each, as the features' below.
        for key in doc.keys().filter(|k| !FIELDS.contains(&k.as_str())) {
            problems.push(Problem::warning(None, format!("$.{key}"), ProblemKind::GeoForeignMember { name: key.clone(), count: 1 }));
        }
        let mut foreign = Foreign::default();
        match doc.get("type") {
            Some(Value::String(t)) if t == "FeatureCollection" => {}
            Some(Value::String(t)) => problems.push(shape_problem(None, "$.type".into(), format!("expected a FeatureCollection, found a {t}"))),
            Some(_) => problems.push(shape_problem(None, "$.type".into(), "expected the string \"FeatureCollection\"".into())),
            None => problems.push(shape_problem(None, "$.type".into(), "missing field `type` (\"FeatureCollection\")".into())),
        }
        let crs = read_crs(doc.get("crs"), &mut problems);
        if let Some(name) = doc.get("name")
            && !name.is_string()
        {
            problems.push(shape_problem(None, "$.name".into(), "expected a string".into()));
        }
        let mut shapes = Vec::new();
        let mut features = Vec::new();
        let mut single = Vec::new();
        match doc.get("features") {
            Some(Value::Array(list)) => {
                for (i, item) in list.iter().enumerate() {
                    if let Some((shape, is_single)) = read_feature(item, i, crs, &mut foreign, &mut problems) {
                        shapes.push(shape);
                        features.push(i);
                        single.push(is_single);
                    }
                }
            }
            Some(_) => problems.push(shape_problem(None, "$.features".into(), "expected an array of features".into())),
            None => problems.push(shape_problem(None, "$.features".into(), "missing field `features`".into())),
        }
        problems.extend(foreign.found.into_iter().map(|(name, path, record, count)| Problem::warning(record, path, ProblemKind::GeoForeignMember { name: name.to_owned(), count })));
        let mut first: HashMap<(&'static str, &str), usize> = HashMap::default();
        for (s, shape) in shapes.iter().enumerate() {
            let key = (shape.subject.kind(), shape.subject.id());
            match first.get(&key) {
                Some(&f) => problems.push(Problem::error(
                    Some(shape.subject.id().to_owned()),
                    format!("$.features[{}].properties.{}", features[s], shape.subject.kind()),
                    ProblemKind::GeoDuplicate { what: shape.subject.kind().to_owned(), id: shape.subject.id().to_owned(), first: format!("$.features[{}]", features[f]) },
                )),
                None => {
                    first.insert(key, s);
                }
            }
        }
        problems.sort_by_key(|p| sort_key(&p.path, &FIELDS));
        if problems.iter().any(|p| p.severity == Severity::Error) {
            let (errors, warnings): (Vec<Problem>, Vec<Problem>) = problems.into_iter().partition(|p| p.severity == Severity::Error);
            return Err(Error::Invalid { problems: errors.into_iter().chain(warnings).collect() });
        }
        Ok(GeoDoc { crs, shapes, features, single, warnings: problems })
    }
}

/// The `crs` member: a name, or the old GeoJSON (2008) form `{"type": "name", "properties":
/// {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}` that GIS exports still write. Besides our four
/// names, either form may name an EPSG code ([`crs_of_epsg`]) or OGC's CRS84.
fn read_crs(value: Option<&Value>, problems: &mut Vec<Problem>) -> Crs {
    let name = match value {
        None | Some(Value::Null) => return Crs::default(),
        Some(Value::String(name)) => name.clone(),
        Some(Value::Object(obj)) => obj.get("properties").and_then(|p| p.get("name")).and_then(Value::as_str).unwrap_or("").to_owned(),
        Some(other) => other.to_string(),
    };
    match Crs::from_name(&name).or_else(|| crs_of_urn(&name)) {
        Some(crs) => crs,
        None => {
            problems.push(Problem::error(None, "$.crs".into(), ProblemKind::GeoUnknownCrs { name }));
            Crs::default()
        }
    }
}

/// A crs written as GIS software writes it: `EPSG:4527`, `urn:ogc:def:crs:EPSG::4527` (with or
/// without a version between the colons), `http://www.opengis.net/def/crs/EPSG/0/4527`, or
/// OGC's `CRS84` in any of those forms. ASCII case is ignored.
fn crs_of_urn(name: &str) -> Option<Crs> {
    let name = name.trim().as_bytes();
    let ends = |s: &[u8], suffix: &str| s.len() >= suffix.len() && s[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes());
    if ends(name, "CRS84") {
        return Some(Crs::Wgs84);
    }
    let digits = name.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    let (prefix, code) = name.split_at(name.len() - digits);
    // An OGC URN's version, `EPSG:9.9.1:`, and its empty one, `EPSG::`.
    let unversioned = match prefix.strip_suffix(b":") {
        Some(rest) => {
            let version = rest.iter().rev().take_while(|b| b.is_ascii_digit() || **b == b'.').count();
            &rest[..rest.len() - version]
        }
        None => prefix,
    };
    if !(1..=6).contains(&digits) || !(ends(unversioned, "EPSG:") || ends(prefix, "EPSG:") || ends(prefix, "/EPSG/0/")) {
        return None;
    }
    crs_of_epsg(code.iter().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
}

/// The EPSG codes read: 4326 (WGS 84) and 4490 (CGCS2000) as longitude/latitude, and the
/// Gauss–Krüger zones of China's four datums — CGCS2000, Xian 1980, Beijing 1954 and New
/// Beijing, 6° and 3°, with and without the zone number before the easting: 267 projected
/// systems, all in metres — as `local`: projected metres, x east, y north, as GIS software
/// writes GeoJSON (the ranges from the EPSG database, as PROJ 9's proj.db has them).
fn crs_of_epsg(code: u32) -> Option<Crs> {
    const GAUSS_KRUGER: [(u32, u32); 11] = [
        (2327, 2390),   // Xian 1980, 6° and 3°
        (2401, 2442),   // Beijing 1954, 3°
        (4491, 4554),   // CGCS2000, 6° and 3°
        (4568, 4589),   // New Beijing, 6°
        (4652, 4656),   // New Beijing, 3° zones 25–29
        (4766, 4800),   // New Beijing, 3°
        (4812, 4812),   // New Beijing, 3° CM 132E
        (4822, 4822),   // New Beijing, 3° CM 135E
        (21413, 21423), // Beijing 1954, 6° zones 13–23
        (21453, 21463), // Beijing 1954, 6° CM 75E–135E
        (21473, 21483), // Beijing 1954, 6° 13N–23N
    ];
    match code {
        4326 => Some(Crs::Wgs84),
        4490 => Some(Crs::Cgcs2000),
        _ if GAUSS_KRUGER.iter().any(|&(lo, hi)| (lo..=hi).contains(&code)) => Some(Crs::Local),
        _ => None,
    }
}

/// Members GeoJSON allows beside its own in a feature (RFC 7946, 6.1 "foreign members":
/// GeoServer's `geometry_name`), which this format does not read: each name once, at the first
/// feature that has it (its path and record), with how many have it; told as a warning rather
/// than refused. Found by a map, so that a document of many features, each with a name of its
/// own, is not read in quadratic time.
#[derive(Default)]
struct Foreign<'a> {
    /// Each name's place in `found`. Keyed as `from_json`'s map of subjects is, `("", name)`:
    /// one instance of the map's code where a map of its own cost the map modules 0.5 KB.
    index: HashMap<(&'static str, &'a str), usize>,
    /// The name, the path and record of its first feature, and how many features have it.
    found: Vec<(&'a str, String, Option<String>, usize)>,
}

impl<'a> Foreign<'a> {
    fn note(&mut self, key: &'a str, at: &str, record: Option<&str>) {
        match self.index.get(&("", key)) {
            Some(&i) => self.found[i].3 += 1,
            None => {
                self.index.insert(("", key), self.found.len());
                self.found.push((key, format!("{at}.{key}"), record.map(str::to_owned), 1));
            }
        }
    }
}

/// The properties this format reads; any others are kept as they are.
#[derive(Deserialize)]
struct Known {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    households: Option<u32>,
    #[serde(default)]
    population: Option<u32>,
}

// Read by a table of its fields in the wasm build (see `crate::jsonpath::table`); unknown
// properties are not its to refuse.
crate::lean_record!(Known, deny = false, {
    name: Default,
    households: Default,
    population: Default,
});

/// One feature: its shape, and whether its geometry was a single `Polygon`; `None` when it
/// has a problem (pushed).
fn read_feature<'a>(item: &'a Value, i: usize, crs: Crs, foreign: &mut Foreign<'a>, problems: &mut Vec<Problem>) -> Option<(Shape, bool)> {
    let path = format!("$.features[{i}]");
    let Value::Object(feature) = item else {
        problems.push(shape_problem(None, path, "expected a Feature object".into()));
        return None;
    };
    let before = problems.len();
    let subject = read_subject(feature.get("properties"), &path, problems);
    let record = subject.as_ref().map(|s| s.id().to_owned());
    match feature.get("type") {
        Some(Value::String(t)) if t == "Feature" => {}
        _ => problems.push(shape_problem(record.clone(), format!("{path}.type"), "expected the string \"Feature\"".into())),
    }
    for key in feature.keys().filter(|k| !FEATURE_FIELDS.contains(&k.as_str())) {
        foreign.note(key, &path, record.as_deref());
    }
    let mut properties = match feature.get("properties") {
        Some(Value::Object(p)) => p.clone(),
        _ => Map::new(),
    };
    for key in ["grid", "node", "block"] {
        properties.remove(key);
    }
    let mut known = Known { name: None, households: None, population: None };
    for key in ["name", "households", "population"] {
        let Some(value) = properties.remove(key) else { continue };
        let one: Value = Value::Object(Map::from_iter([(key.to_owned(), value)]));
        match crate::jsonpath::read_record::<Known>(&one, &format!("{path}.properties")) {
            Ok(k) => {
                known.name = known.name.or(k.name);
                known.households = known.households.or(k.households);
                known.population = known.population.or(k.population);
            }
            Err((p, message)) => problems.push(shape_problem(record.clone(), p, message)),
        }
    }
    let polygon = read_geometry(feature.get("geometry"), &path, record.as_deref(), crs, problems);
    if problems.len() > before {
        return None;
    }
    let (polygon, single) = polygon?;
    Some((Shape { subject: subject?, name: known.name, households: known.households, population: known.population, polygon, properties }, single))
}

fn read_subject(properties: Option<&Value>, path: &str, problems: &mut Vec<Problem>) -> Option<Subject> {
    let props = match properties {
        Some(Value::Object(p)) => p,
        Some(Value::Null) | None => {
            problems.push(Problem::error(None, format!("{path}.properties"), ProblemKind::GeoNoSubject));
            return None;
        }
        Some(_) => {
            problems.push(shape_problem(None, format!("{path}.properties"), "expected an object".into()));
            return None;
        }
    };
    let given: Vec<&str> = ["grid", "node", "block"].into_iter().filter(|k| props.contains_key(*k)).collect();
    match given.as_slice() {
        [] => {
            problems.push(Problem::error(None, format!("{path}.properties"), ProblemKind::GeoNoSubject));
            None
        }
        [key] => match props.get(*key) {
            Some(Value::String(id)) if !id.trim().is_empty() => Some(match *key {
                "grid" => Subject::Grid(id.clone()),
                "node" => Subject::Node(id.clone()),
                _ => Subject::Block(id.clone()),
            }),
            Some(Value::String(_)) => {
                problems.push(Problem::error(None, format!("{path}.properties.{key}"), ProblemKind::Empty));
                None
            }
            _ => {
                problems.push(shape_problem(None, format!("{path}.properties.{key}"), "expected the record's id, a string".into()));
                None
            }
        },
        _ => {
            problems.push(Problem::error(None, format!("{path}.properties"), ProblemKind::GeoManySubjects { keys: given.join(", ") }));
            None
        }
    }
}

/// The feature's geometry as a multipolygon, and whether it was a single `Polygon`.
fn read_geometry(value: Option<&Value>, path: &str, record: Option<&str>, crs: Crs, problems: &mut Vec<Problem>) -> Option<(MultiPolygon<f64>, bool)> {
    let gpath = format!("{path}.geometry");
    let record = || record.map(str::to_owned);
    let value = match value {
        None | Some(Value::Null) => {
            problems.push(Problem::error(record(), gpath, ProblemKind::GeoNotPolygon { found: "null".into() }));
            return None;
        }
        Some(v) => v,
    };
    // Native builds read the geometry with the `geojson` crate; the wasm build (`lean-paths`)
    // walks the same JSON itself, which costs a fraction of the bytes (ARCHITECTURE.md,
    // "Geometry"). Both give the same parts and the same problems (tested below).
    #[cfg(not(feature = "lean-paths"))]
    let read = geojson_parts(value, &gpath);
    #[cfg(feature = "lean-paths")]
    let read = lean_parts(value, &gpath);
    let (parts, single) = match read {
        Ok(Ok(parts)) => parts,
        Ok(Err(found)) => {
            problems.push(Problem::error(record(), format!("{gpath}.type"), ProblemKind::GeoNotPolygon { found: found.into() }));
            return None;
        }
        Err((at, message)) => {
            problems.push(shape_problem(record(), at, message));
            return None;
        }
    };
    if parts.is_empty() {
        problems.push(shape_problem(record(), format!("{gpath}.coordinates"), "a MultiPolygon needs at least one polygon".into()));
        return None;
    }
    let before = problems.len();
    let mut polygons = Vec::with_capacity(parts.len());
    for (p, rings) in parts.iter().enumerate() {
        let ppath = if single { format!("{gpath}.coordinates") } else { format!("{gpath}.coordinates[{p}]") };
        if rings.is_empty() {
            problems.push(shape_problem(record(), ppath, "a polygon needs at least its outer ring".into()));
            continue;
        }
        let mut lines = Vec::with_capacity(rings.len());
        for (r, ring) in rings.iter().enumerate() {
            let rpath = format!("{ppath}[{r}]");
            if ring.len() < 4 {
                problems.push(Problem::error(record(), rpath.clone(), ProblemKind::GeoShortRing { count: ring.len() }));
            } else if ring.first() != ring.last() {
                problems.push(Problem::error(record(), rpath.clone(), ProblemKind::GeoUnclosedRing));
            }
            // Positions a crs cannot hold: outside China's extent for a geographic one, farther
            // than LOCAL_MAX for a local one; one problem a ring, at the first.
            let geographic = crs.is_geographic();
            let off = |q: &[f64; 2]| if geographic { !in_china(q[0], q[1]) } else { q[0].abs() > LOCAL_MAX || q[1].abs() > LOCAL_MAX };
            let offs: Vec<usize> = (0..ring.len()).filter(|&k| off(&ring[k])).collect();
            if let Some(&k) = offs.first() {
                let (count, x, y) = (offs.len(), number(ring[k][0]), number(ring[k][1]));
                let kind = if geographic { ProblemKind::GeoOutsideChina { count, lon: x, lat: y } } else { ProblemKind::GeoFarPosition { count, x, y, max: number(LOCAL_MAX) } };
                problems.push(Problem::error(record(), format!("{rpath}[{k}]"), kind));
            }
            lines.push(::geo::LineString::from(ring.iter().map(|q| ::geo::Coord { x: flush(q[0]), y: flush(q[1]) }).collect::<Vec<_>>()));
        }
        let mut lines = lines.into_iter();
        if let Some(exterior) = lines.next() {
            polygons.push(::geo::Polygon::new(exterior, lines.collect()));
        }
    }
    if problems.len() > before {
        return None;
    }
    Some((MultiPolygon::new(polygons), single))
}

/// The polygons of a geometry, as rings of positions (longitude/x, latitude/y; a third
/// number, the altitude, is dropped), and whether it was a single `Polygon`.
type Parts = (Vec<Vec<Vec<[f64; 2]>>>, bool);

/// A geometry read: its parts; or the kind of geometry it is when not a polygon; or where it
/// is wrong and why.
type GeometryRead = Result<Result<Parts, &'static str>, (String, String)>;

/// The geometry through the `geojson` crate.
#[cfg_attr(feature = "lean-paths", allow(dead_code))]
fn geojson_parts(value: &Value, gpath: &str) -> GeometryRead {
    // Positions of one number, or of four, the crate takes; RFC 7946 §3.1.1 does not (and a
    // one-number position has no latitude to read).
    // The problems are found by the same walk as `lean_parts`, so that both builds word them
    // alike; a geometry that is not a polygon is named as what it is.
    if let Some(problem) = locate(value, gpath) {
        return Err(problem);
    }
    if let Some(kind) = not_polygon(value) {
        return Ok(Err(kind));
    }
    let geometry = match crate::jsonpath::read::<geojson::Geometry>(value, gpath) {
        Ok(g) => g,
        Err((at, message)) => {
            // geojson reads a geometry through its own intermediate form, so the reader's path
            // often stops at the geometry: find the place itself when it can be found.
            return Err(if at == gpath { locate(value, gpath).unwrap_or((at, message)) } else { (at, message) });
        }
    };
    let flat = |rings: Vec<Vec<geojson::Position>>| -> Vec<Vec<[f64; 2]>> {
        rings.into_iter().map(|ring| ring.iter().map(|q| [q[0], q[1]]).collect()).collect()
    };
    Ok(match geometry.value {
        GeometryValue::Polygon { coordinates } => Ok((vec![flat(coordinates)], true)),
        GeometryValue::MultiPolygon { coordinates } => Ok((coordinates.into_iter().map(flat).collect(), false)),
        GeometryValue::Point { .. } => Err("a Point"),
        GeometryValue::MultiPoint { .. } => Err("a MultiPoint"),
        GeometryValue::LineString { .. } => Err("a LineString"),
        GeometryValue::MultiLineString { .. } => Err("a MultiLineString"),
        _ => Err("a GeometryCollection"),
    })
}

/// The kind of a geometry that is not a polygon (`locate` has checked the type's name).
fn not_polygon(value: &Value) -> Option<&'static str> {
    match value.get("type").and_then(Value::as_str) {
        Some("Point") => Some("a Point"),
        Some("MultiPoint") => Some("a MultiPoint"),
        Some("LineString") => Some("a LineString"),
        Some("MultiLineString") => Some("a MultiLineString"),
        Some("GeometryCollection") => Some("a GeometryCollection"),
        _ => None,
    }
}

/// The geometry walked directly: `type` and `coordinates` as GeoJSON has them (RFC 7946 §3.1),
/// every position two or three numbers.
#[cfg_attr(not(feature = "lean-paths"), allow(dead_code))]
fn lean_parts(value: &Value, gpath: &str) -> GeometryRead {
    if let Some(problem) = locate(value, gpath) {
        return Err(problem);
    }
    let Value::Object(g) = value else { return Err((gpath.to_owned(), "expected a geometry object".into())) };
    if let Some(kind) = not_polygon(value) {
        return Ok(Err(kind));
    }
    let single = g.get("type").and_then(Value::as_str) == Some("Polygon");
    let number = |v: Option<&Value>| v.and_then(Value::as_f64).unwrap_or(f64::NAN);
    let rings = |polygon: &Value| -> Vec<Vec<[f64; 2]>> {
        polygon.as_array().map_or_else(Vec::new, |rings| {
            rings.iter().map(|ring| ring.as_array().map_or_else(Vec::new, |ps| ps.iter().map(|q| [number(q.get(0)), number(q.get(1))]).collect())).collect()
        })
    };
    let coordinates = g.get("coordinates");
    let parts = if single { coordinates.map(rings).into_iter().collect() } else { coordinates.and_then(Value::as_array).map_or_else(Vec::new, |ps| ps.iter().map(rings).collect()) };
    Ok(Ok((parts, single)))
}

/// Inside China's extent (longitude 73–136, latitude 3–54).
pub(crate) fn in_china(lon: f64, lat: f64) -> bool {
    (CHINA_LON.0..=CHINA_LON.1).contains(&lon) && (CHINA_LAT.0..=CHINA_LAT.1).contains(&lat)
}

/// A coordinate as a short text (no float noise): to six places with the trailing zeros
/// dropped (`113.5`, `-0.000001`), and from 10^15 in `{:e}`'s layout (`1e308`, not 309
/// digits). Written by [`crate::text`]'s shortest digits and fixed places, not core's float
/// formatter (8 KB of code in the map's wasm module); from 10^9, where six places no longer
/// fit, the shortest digits (see [`crate::text::fixed_into`]).
pub(crate) fn number(v: f64) -> String {
    if v.abs() >= 1e15 {
        let Some((negative, digits, point)) = crate::text::shortest(v) else { return crate::text::plain(v) };
        let digits = String::from_utf8(digits).unwrap_or_default();
        let (first, rest) = digits.split_at(1.min(digits.len()));
        let dot = if rest.is_empty() { "" } else { "." };
        return format!("{}{first}{dot}{rest}e{}", if negative { "-" } else { "" }, point - 1);
    }
    let text = crate::text::fixed(v, 6);
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { text.as_str() };
    if text == "-0" { "0".to_owned() } else { text.to_owned() }
}

/// Where a geometry the `geojson` crate could not read goes wrong: its `type`, its
/// `coordinates` member, or the first position that is not two or three numbers.
fn locate(value: &Value, gpath: &str) -> Option<(String, String)> {
    let Value::Object(g) = value else { return Some((gpath.to_owned(), "expected a geometry object".into())) };
    let kind = match g.get("type") {
        Some(Value::String(t)) => t.as_str(),
        Some(_) => return Some((format!("{gpath}.type"), "expected a geometry type name".into())),
        None => return Some((format!("{gpath}.type"), "missing field `type`".into())),
    };
    let depth = match kind {
        "Polygon" => 3,
        "MultiPolygon" => 4,
        "Point" | "MultiPoint" | "LineString" | "MultiLineString" | "GeometryCollection" => return None,
        other => return Some((format!("{gpath}.type"), format!("unknown geometry type `{other}`"))),
    };
    let Some(coords) = g.get("coordinates") else { return Some((format!("{gpath}.coordinates"), "missing field `coordinates`".into())) };
    find_bad(coords, depth, format!("{gpath}.coordinates"))
}

/// The first place in nested arrays of `depth` levels (the last a position) that is wrong.
fn find_bad(value: &Value, depth: usize, path: String) -> Option<(String, String)> {
    let Value::Array(items) = value else {
        let what = if depth == 1 { "a position: an array of 2 or 3 numbers" } else { "an array" };
        return Some((path, format!("expected {what}")));
    };
    if depth == 1 {
        if items.len() < 2 || items.len() > 3 {
            return Some((path, format!("a position has 2 or 3 numbers, this one has {}", items.len())));
        }
        // serde's own message ("invalid type: string \"35.31\", expected f64"), as the crate gives.
        return items.iter().enumerate().find(|(_, n)| !n.is_number()).map(|(k, n)| {
            let at = format!("{path}[{k}]");
            let message = crate::jsonpath::read::<f64>(n, &at).err().map_or_else(|| "expected a number".to_owned(), |(_, m)| m);
            (at, message)
        });
    }
    items.iter().enumerate().find_map(|(i, item)| find_bad(item, depth - 1, format!("{path}[{i}]")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As `{:.6}` trimmed and `{:e}` wrote them, but where six places round a half (the
    /// decimal value's half, not the binary one's) or the shortest digits tie.
    #[test]
    fn coordinates_are_written_as_before_without_the_float_formatter() {
        let old = |v: f64| {
            if v.abs() >= 1e15 {
                return format!("{v:e}");
            }
            let text = format!("{v:.6}");
            let text = text.trim_end_matches('0').trim_end_matches('.');
            if text == "-0" { "0".to_owned() } else { text.to_owned() }
        };
        for v in [0.0, -0.0, 113.5, -0.000_000_4, 1e15, -1.5e20, 1e308, 5e-324, 123_456_789.0, f64::NAN, f64::INFINITY, 2_000_000_000.0] {
            assert_eq!(number(v), old(v), "{v:e}");
        }
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = (x % 400_000_000_000) as f64 / 1_000_000.0 - 200_000.0 + (x % 7) as f64 * 1e-7;
            let scaled = (v * 1e6).abs();
            if (scaled - scaled.trunc() - 0.5).abs() < 1e-3 {
                continue;
            }
            assert_eq!(number(v), old(v), "{v:e}");
        }
    }

    /// Every geometry of the fixtures, and each with its values replaced by every JSON type,
    /// members removed, and positions cut short or made long: the `geojson` crate and the
    /// walk give the same parts and the same problems.
    #[test]
    fn the_lean_walk_reads_what_geojson_reads() {
        let mut geometries = Vec::new();
        for dir in ["valid", "broken"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/geo").join(dir);
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for entry in entries.flatten() {
                let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
                let Ok(doc) = serde_json::from_str::<Value>(&text) else { continue };
                if let Some(features) = doc.get("features").and_then(Value::as_array) {
                    geometries.extend(features.iter().filter_map(|f| f.get("geometry").cloned()));
                }
            }
        }
        assert!(geometries.len() > 20, "fixtures found: {}", geometries.len());
        let replacements = [Value::Null, Value::Bool(true), serde_json::json!(1.5), serde_json::json!("x"), serde_json::json!([]), serde_json::json!({}), serde_json::json!([[1, 2]])];
        let mut cases = geometries.clone();
        for g in geometries.iter().take(12) {
            for key in ["type", "coordinates"] {
                for r in &replacements {
                    let mut m = g.clone();
                    m[key] = r.clone();
                    cases.push(m);
                }
                let mut m = g.clone();
                if let Some(o) = m.as_object_mut() {
                    o.remove(key);
                }
                cases.push(m);
            }
            for kind in ["Point", "LineString", "MultiPolygon", "Polygon", "GeometryCollection", "Circle"] {
                let mut m = g.clone();
                m["type"] = Value::from(kind);
                cases.push(m);
            }
            let mut m = g.clone();
            if let Some(first) = m.pointer_mut("/coordinates/0/0") {
                *first = serde_json::json!([1.0]);
            }
            cases.push(m);
            let mut m = g.clone();
            if let Some(first) = m.pointer_mut("/coordinates/0/0") {
                *first = serde_json::json!([110.0, 30.0, 5.0, 6.0]);
            }
            cases.push(m);
        }
        let mut differ = Vec::new();
        for g in &cases {
            let (a, b) = (geojson_parts(g, "$.g"), lean_parts(g, "$.g"));
            if a != b {
                differ.push(format!("{g}\n  geojson: {a:?}\n  lean:    {b:?}"));
            }
        }
        differ.dedup();
        assert!(differ.is_empty(), "{} of {} differ:\n{}", differ.len(), cases.len(), differ.join("\n"));
    }

    #[test]
    fn local_positions_are_held_to_a_billion_metres() {
        let ring = |x: &str| {
            GeoDoc::from_json(&format!(
                r#"{{"type": "FeatureCollection", "crs": "local", "features": [{{"type": "Feature", "properties": {{"block": "b1"}},
                  "geometry": {{"type": "Polygon", "coordinates": [[[0, 0], [{x}, 0], [{x}, 100], [0, 0]]]}}}}]}}"#
            ))
            .map(|_| ())
            .map_err(|e| e.problems().iter().map(|p| (p.path.clone(), p.kind.clone())).collect::<Vec<_>>())
        };
        assert_eq!(ring("39500000.5"), Ok(())); // a Gauss–Krüger easting with its zone
        assert_eq!(ring("-1e9"), Ok(()));
        let far = |x: &str| Err(vec![("$.features[0].geometry.coordinates[0][1]".to_owned(), ProblemKind::GeoFarPosition { count: 2, x: x.into(), y: "0".into(), max: "1000000000".into() })]);
        assert_eq!(ring("1000000000.5"), far("1000000000.5"));
        assert_eq!(ring("-1e308"), far("-1e308"));
    }

    fn with_crs(crs: &str) -> Result<GeoDoc, Error> {
        GeoDoc::from_json(&format!(
            r#"{{"type": "FeatureCollection", "crs": {crs}, "features": [{{"type": "Feature", "properties": {{"block": "b1"}},
              "geometry": {{"type": "Polygon", "coordinates": [[[113.9, 35.3], [113.91, 35.3], [113.91, 35.31], [113.9, 35.3]]]}}}}]}}"#
        ))
    }

    #[test]
    fn a_foreign_member_is_told_once_a_name_with_how_many_features_have_it() {
        let feature = |extra: &str, id: &str| {
            format!(r#"{{"type": "Feature", {extra} "properties": {{"block": "{id}"}}, "geometry": {{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}}}"#)
        };
        let text = format!(
            r#"{{"type": "FeatureCollection", "crs": "local", "totalFeatures": 4, "features": [{}, {}, {}, {}]}}"#,
            feature(r#""geometry_name": "the_geom","#, "b1"),
            feature(r#""style": {}, "geometry_name": "the_geom","#, "b2"),
            feature("", "b3"),
            feature(r#""geometry_name": null,"#, "b4"),
        );
        let doc = GeoDoc::from_json(&text).unwrap_or_else(|e| panic!("{:#?}", e.problems()));
        let told: Vec<String> = doc.warnings().iter().map(ToString::to_string).collect();
        assert_eq!(
            told,
            [
                "$.totalFeatures: member `totalFeatures` is not read (GeoJSON allows it)",
                "$.features[0].geometry_name (record \"b1\"): member `geometry_name` is not read (GeoJSON allows it; in 3 features, the first here)",
                "$.features[1].style (record \"b2\"): member `style` is not read (GeoJSON allows it)",
            ]
        );
        assert_eq!(doc.shapes().len(), 4);
    }

    #[test]
    fn the_gauss_kruger_zones_are_read_as_metres_and_their_neighbours_are_not() {
        // Each range's first and last code (CGCS2000 / 3-degree Gauss-Kruger CM 135E is 4554),
        // and the codes either side, which are other countries' systems.
        for code in [2327, 2390, 2401, 2442, 4491, 4554, 4568, 4589, 4652, 4656, 4766, 4800, 4812, 4822, 21413, 21423, 21453, 21463, 21473, 21483] {
            assert_eq!(crs_of_epsg(code), Some(Crs::Local), "EPSG:{code}");
        }
        for code in [2326, 2391, 2400, 2443, 4489, 4555, 4567, 4590, 4651, 4657, 4765, 4801, 4811, 4813, 4821, 4823, 21412, 21424, 21452, 21464, 21472, 21484, 3857, 0] {
            assert_eq!(crs_of_epsg(code), None, "EPSG:{code}");
        }
    }

    #[test]
    fn the_crs_is_a_name_or_the_old_geojson_object() {
        let crs = |text: &str| with_crs(text).map(|d| d.crs()).map_err(|e| e.problems().iter().map(ToString::to_string).collect::<Vec<_>>());
        assert_eq!(crs(r#""GCJ02""#), Ok(Crs::Gcj02));
        assert_eq!(crs("null"), Ok(Crs::Wgs84));
        assert_eq!(crs(r#"{"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}"#), Ok(Crs::Wgs84));
        assert_eq!(crs(r#"{"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4490"}}"#), Ok(Crs::Cgcs2000));
        assert_eq!(crs(r#"{"type": "name", "properties": {"name": "EPSG:3857"}}"#), Err(vec![r#"$.crs: unknown crs "EPSG:3857", expected one of wgs84, gcj02, cgcs2000, local"#.to_owned()]));
        // A Gauss–Krüger zone, as QGIS and GDAL write it, is projected metres.
        assert_eq!(crs(r#"{"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4527"}}"#), Ok(Crs::Local));
        assert_eq!(crs(r#""EPSG:4549""#), Ok(Crs::Local));
        assert_eq!(crs(r#""http://www.opengis.net/def/crs/EPSG/0/2383""#), Ok(Crs::Local));
        assert_eq!(crs(r#""urn:ogc:def:crs:EPSG:9.9.1:4326""#), Ok(Crs::Wgs84));
        assert_eq!(crs(r#""epsg:4490""#), Ok(Crs::Cgcs2000));
        assert_eq!(crs(r#""OGC:CRS84""#), Ok(Crs::Wgs84));
        assert_eq!(crs(r#""EPSG:""#), Err(vec![r#"$.crs: unknown crs "EPSG:", expected one of wgs84, gcj02, cgcs2000, local"#.to_owned()]));
        assert_eq!(crs(r#""EPSG:99999999999999999999""#), Err(vec![r#"$.crs: unknown crs "EPSG:99999999999999999999", expected one of wgs84, gcj02, cgcs2000, local"#.to_owned()]));
        assert_eq!(crs(r#""urn:x:4527""#), Err(vec![r#"$.crs: unknown crs "urn:x:4527", expected one of wgs84, gcj02, cgcs2000, local"#.to_owned()]));
        assert_eq!(crs("4326"), Err(vec![r#"$.crs: unknown crs "4326", expected one of wgs84, gcj02, cgcs2000, local"#.to_owned()]));
        // Metres in a document that says nothing are outside China.
        let err = GeoDoc::from_json(r#"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"block": "b1"},
            "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [100, 0], [100, 100], [0, 0]]]}}]}"#);
        assert!(matches!(err, Err(Error::Invalid { problems }) if problems[0].kind == ProblemKind::GeoOutsideChina { count: 4, lon: "0".into(), lat: "0".into() }));
    }
}
