//! `GeoDoc::from_json`: a geometry document (GeoJSON polygons of grids, nodes and blocks).
//! A loaded document is projected, its neighbours found, checked against the geometry
//! fixtures' organization (coverage, overlaps, gaps, containment) and read as re-cut blocks;
//! every problem names its path. `GeoDoc` has no serializer: no write-back.
#![no_main]

use std::sync::LazyLock;

use grassroots::geo::{CheckOptions, GeoDoc, check};
use grassroots::recut::Blocks;
use grassroots::Organization;
use grassroots_fuzz::{GEO_ORG, assert_error, assert_problems, fixture, text};
use libfuzzer_sys::fuzz_target;

static ORG: LazyLock<Organization> = LazyLock::new(|| fixture("geo/org.json", Organization::from_json(GEO_ORG)));

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    match GeoDoc::from_json(text) {
        Ok(doc) => {
            assert_problems(doc.warnings(), "geo warnings");
            for (i, shape) in doc.shapes().iter().enumerate() {
                assert!(doc.path(i).starts_with('$'), "geo: a shape's path is not a path");
                assert!(doc.find(&shape.subject).is_some(), "geo: a shape that loaded cannot be found");
            }
            let _ = (doc.projection(), doc.planar(), doc.neighbours());
            assert_problems(&check(&doc, &ORG, &CheckOptions::default()), "geo checks");
            match Blocks::from_geo(&doc) {
                Ok(blocks) => {
                    let _ = blocks.pairs().count();
                }
                Err(e) => assert_error(&e, "geo as blocks"),
            }
        }
        Err(e) => assert_error(&e, "geo"),
    }
});
