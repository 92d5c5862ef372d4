//! The geometry commands: `validate geo`, `generate geo`.

use std::path::PathBuf;

use clap::Subcommand;
use grassroots::geo::generate::GeoGenOptions;
use grassroots::geo::{CheckOptions, Crs, GeoDoc, check};

use super::report::{self, CHECKS, Ctx, DOCUMENTS, Fail, problems_of, read};
use super::tree_cli;

/// `--crs`: one of the names a geometry document uses.
fn parse_crs(text: &str) -> Result<Crs, String> {
    Crs::from_name(text).ok_or_else(|| format!("expected one of {}, got \"{text}\"", Crs::NAMES.join(", ")))
}

#[derive(Subcommand)]
pub(crate) enum Validate {
    /// A geometry document (GeoJSON FeatureCollection of grid, node and block polygons)
    /// against its organization: every feature naming one known record, closed rings of 4+
    /// positions inside China (geographic crs), valid polygons, every grid drawn and inside
    /// its community, no overlapping grids, no gaps in a community, declared areas that agree.
    Geo {
        file: PathBuf,
        /// The organization document (.json) whose grids and nodes the features name.
        #[arg(long)]
        org: PathBuf,
        /// How far (metres) a grid's corner may lie outside its community.
        #[arg(long, default_value_t = CheckOptions::default().containment_tolerance_m)]
        containment_m: f64,
        /// Overlaps between grids up to this area (m²) are not reported.
        #[arg(long, default_value_t = CheckOptions::default().overlap_tolerance_m2)]
        overlap_m2: f64,
        /// Uncovered pieces of a community up to this area (m²) are not reported.
        #[arg(long, default_value_t = CheckOptions::default().gap_tolerance_m2)]
        gap_m2: f64,
    },
}

#[derive(Subcommand)]
pub(crate) enum Generate {
    /// Plausible geometry for an organization: street blocks on a jittered street pattern,
    /// grids as contiguous runs of blocks sized to their area_km2, communities and the nodes
    /// above them as the unions of their grids' blocks, households and residents per block
    /// summing to each grid's figures. The output passes `validate geo` with no problem.
    Geo {
        /// The organization document (.json), e.g. from `generate tree`.
        #[arg(long)]
        org: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The coordinates: local (metres), or wgs84, gcj02, cgcs2000 (placed in 新乡, Henan).
        #[arg(long, default_value = "wgs84", value_parser = parse_crs)]
        crs: Crs,
        /// Leave out the blocks (楼栋/小区 features).
        #[arg(long)]
        no_blocks: bool,
        /// Plant faults for the checks to find (a fixture): two grids drawn over a block of a
        /// neighbour (overlaps) and a block taken out of a grid (a gap).
        #[arg(long)]
        plant_faults: bool,
    },
}

pub(crate) fn validate(what: Validate, ctx: &Ctx) -> Result<(), Fail> {
    ctx.only(CHECKS)?;
    let Validate::Geo { file, org, containment_m, overlap_m2, gap_m2 } = what;
    for (name, value) in [("--containment-m", containment_m), ("--overlap-m2", overlap_m2), ("--gap-m2", gap_m2)] {
        if !(value.is_finite() && value >= 0.0) {
            return Err(Fail::Unreadable(format!("{name} takes a number of 0 or more, not {value}")));
        }
    }
    // The organization's own problems, in the format asked for (exit 1).
    let org = tree_cli::valid_org(ctx, &org)?;
    let doc = match GeoDoc::from_json(&read(&file)?) {
        Ok(doc) => doc,
        Err(e) => return report::report(ctx, &file, &problems_of(&file, e)?),
    };
    let options = CheckOptions { containment_tolerance_m: containment_m, overlap_tolerance_m2: overlap_m2, gap_tolerance_m2: gap_m2 };
    let mut problems = doc.warnings().to_vec();
    problems.extend(check(&doc, &org, &options));
    report::report(ctx, &file, &problems)
}

pub(crate) fn generate(what: Generate, ctx: &Ctx) -> Result<(), Fail> {
    ctx.only(DOCUMENTS)?;
    let Generate::Geo { org, seed, crs, no_blocks, plant_faults } = what;
    let org = tree_cli::valid_org(ctx, &org)?;
    let options = GeoGenOptions { seed, crs, blocks: !no_blocks, plant_faults };
    out!("{}", grassroots::geo::generate::generate(&org, &options));
    Ok(())
}
