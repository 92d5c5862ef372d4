//! The organization tree's commands: `validate tree`, `stats tree`, `diff tree`,
//! `schema tree`, `generate tree`; and the loading of organization documents (JSON, or CSV
//! rosters) that the other families' commands use.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use grassroots::org::{LevelSchema, SchemaSpec, TreeDiff, roster};
use grassroots::{Error, Organization, Problem};

use super::report::{self, CHECKS, Ctx, DOCUMENTS, Fail, RESULTS, TABLES, problems_of, read, stop};

#[derive(Subcommand)]
pub(crate) enum Validate {
    /// An organization document (.json) or a node roster (.csv).
    Tree {
        file: PathBuf,
        /// A member roster (.csv) to check with a node roster.
        #[arg(long)]
        members: Option<PathBuf>,
        /// A preset (laifeng, xinxiang, street, county) or a schema file, used instead of the file's own.
        #[arg(long)]
        schema: Option<String>,
    },
}

#[derive(Subcommand)]
pub(crate) enum Stats {
    /// Figures of an organization document.
    Tree {
        file: PathBuf,
        /// The record id of the node to show (default: the root).
        #[arg(long)]
        node: Option<String>,
    },
}

#[derive(Subcommand)]
pub(crate) enum Diff {
    /// Nodes added, removed, moved, renamed, re-coded or re-levelled.
    Tree { old: PathBuf, new: PathBuf },
}

#[derive(Subcommand)]
pub(crate) enum Schema {
    /// The organization document (`validate tree` checks files against the same rules).
    Tree,
}

#[derive(Subcommand)]
pub(crate) enum Generate {
    /// An organization document.
    Tree {
        /// Number of communities (about 79 nodes each).
        #[arg(long, default_value_t = 12)]
        communities: u32,
        /// Number of streets the communities are shared out over; more than 1 puts a county
        /// committee on top (schema `county`).
        #[arg(long, default_value_t = 1)]
        streets: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Members per building group, as LOW-HIGH.
        #[arg(long, default_value = "10-20")]
        members: String,
    },
}

fn schema_arg(arg: Option<&str>) -> Result<Option<SchemaSpec>, Fail> {
    let Some(arg) = arg else { return Ok(None) };
    if LevelSchema::preset(arg).is_some() {
        return Ok(Some(SchemaSpec::Preset(arg.to_owned())));
    }
    let text = read(Path::new(arg))?;
    serde_json::from_str::<LevelSchema>(&text)
        .map(|s| Some(SchemaSpec::Custom(s)))
        .map_err(|e| Fail::Unreadable(format!("{arg}: not a preset (laifeng, xinxiang, street, county) nor a schema file: {e}")))
}

/// Loads a .json document, or a .csv node roster.
pub(crate) fn load(path: &Path, schema: Option<SchemaSpec>) -> Result<Result<Organization, Vec<Problem>>, Fail> {
    load_with(path, None, schema)
}

/// Loads an organization a command needs valid: its problems are printed and end it (exit 1).
pub(crate) fn valid_org(ctx: &Ctx, path: &Path) -> Result<Organization, Fail> {
    match load(path, None)? {
        Ok(org) => Ok(org),
        Err(problems) => stop(ctx, path, &problems),
    }
}

/// Loads a .json document, or a .csv node roster with an optional .csv member roster.
fn load_with(path: &Path, members: Option<&Path>, schema: Option<SchemaSpec>) -> Result<Result<Organization, Vec<Problem>>, Fail> {
    let text = read(path)?;
    let is_csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let member_label = members.map(|m| format!("{} ", m.display())).unwrap_or_default();
    let result = match (is_csv, members) {
        (false, Some(_)) => return Err(Fail::Unreadable("--members goes with a CSV node roster; a JSON document has its own \"members\"".into())),
        (false, None) => Organization::from_json_with_schema(&text, schema),
        (true, members) => {
            let member_text = members.map(read).transpose()?;
            let members = match member_text.as_deref().map(roster::members_from_csv).transpose() {
                Ok(m) => m.unwrap_or_default(),
                Err(Error::Invalid { mut problems }) => {
                    for p in &mut problems {
                        p.path = format!("{member_label}{}", p.path);
                    }
                    return Ok(Err(problems));
                }
                Err(e) => return Err(Fail::Unreadable(format!("{member_label}{e}"))),
            };
            roster::nodes_from_csv(&text).and_then(|nodes| Organization::from_parts(schema, nodes, vec![], members, vec![]))
        }
    };
    match result {
        Ok(org) => Ok(Ok(org)),
        Err(e) => {
            let mut problems = problems_of(path, e)?;
            if is_csv {
                roster::csv_paths(&mut problems, "nodes", "");
                roster::csv_paths(&mut problems, "members", &member_label);
            }
            Ok(Err(problems))
        }
    }
}

pub(crate) fn validate(what: Validate, ctx: &Ctx) -> Result<(), Fail> {
    ctx.only(CHECKS)?;
    let Validate::Tree { file, members, schema } = what;
    match load_with(&file, members.as_deref(), schema_arg(schema.as_deref())?)? {
        Ok(org) => report::report(ctx, &file, org.warnings()),
        Err(problems) => report::report(ctx, &file, &problems),
    }
}

pub(crate) fn stats(what: Stats, ctx: &Ctx) -> Result<(), Fail> {
    ctx.only(TABLES)?;
    let Stats::Tree { file, node } = what;
    let org = valid_org(ctx, &file)?;
    let tree = org.tree();
    let id = match node.as_deref() {
        None => tree.root(),
        Some(n) => tree.find(n).ok_or_else(|| Fail::Unreadable(format!("no node with id \"{n}\" in {}", file.display())))?,
    };
    let figures = org.figures(id);
    if !ctx.text() {
        let levels = org.level_counts(id);
        let out = serde_json::json!({ "node": figures, "levels": levels });
        return ctx.emit(&out, &format!("{} 统计", figures.name));
    }
    let r = figures.rollup;
    let pct = |ratio: grassroots::org::Ratio| match ratio.value {
        Some(v) => format!("{:.1}% ({}/{})", v * 100.0, ratio.numerator, ratio.denominator),
        None => "n/a (0/0)".to_owned(),
    };
    out!("{} {} ({})", figures.id, figures.name, org.level_label(id, false));
    // Top level first, as the schema lists them (levels it does not know last).
    let mut levels: Vec<_> = org.level_counts(id).into_iter().collect();
    let rank = |level: &str| org.schema().and_then(|s| s.levels.iter().position(|l| l.key == level)).unwrap_or(usize::MAX);
    levels.sort_by_key(|&(level, _)| rank(level));
    for (level, count) in levels {
        out!("  {:<28} {count}", org.schema().map_or(level, |s| s.label(level, false)));
    }
    let m = &r.members;
    out!("  members                      {} (in service {}, retired {}, mobile in {}, mobile out {}, without office {})",
        m.total, m.in_service, m.retired, m.mobile_in, m.mobile_out, m.no_office);
    out!("  grids                        {} (workers {})", r.grids, r.grid_workers);
    out!("  households                   {}", r.households);
    out!("  population                   {}", r.population);
    out!("  central households           {} (linked households {})", r.central_households, r.linked_households);
    out!("  units                        {} reporting, {} co-located", r.reporting_units, r.co_located_units);
    out!("  members reported (双报到)    {}", r.members_reported);
    out!("  grids with a branch          {}", pct(figures.coverage.grids_with_branch));
    out!("  members placed in a grid     {}", pct(figures.coverage.members_in_grid));
    out!("  households linked            {}", pct(figures.coverage.households_linked));
    for line in super::org_cli::lines(&r, &figures.coverage) {
        out!("{line}");
    }
    Ok(())
}

pub(crate) fn diff(what: Diff, ctx: &Ctx) -> Result<(), Fail> {
    ctx.only(RESULTS)?;
    let Diff::Tree { old, new } = what;
    let mut trees = Vec::new();
    for file in [&old, &new] {
        trees.push(valid_org(ctx, file)?.into_tree());
    }
    let diff = TreeDiff::between(&trees[0], &trees[1]);
    if !ctx.text() {
        return ctx.emit(&serde_json::to_value(&diff).unwrap_or_default(), "diff tree");
    }
    if diff.is_empty() {
        out!("no changes");
    } else {
        use std::io::Write;
        let _ = write!(std::io::stdout(), "{diff}");
    }
    Ok(())
}

pub(crate) fn schema(what: Schema, ctx: &Ctx) -> Result<(), Fail> {
    ctx.only(&[report::Format::Text, report::Format::Json])?;
    let Schema::Tree = what;
    out!("{}", grassroots::org::json_schema());
    Ok(())
}

pub(crate) fn generate(what: Generate, ctx: &Ctx) -> Result<(), Fail> {
    use grassroots::org::generate::{GenOptions, generate};
    ctx.only(DOCUMENTS)?;
    let Generate::Tree { communities, streets, seed, members } = what;
    let range = members.split_once('-').and_then(|(low, high)| Some((low.trim().parse().ok()?, high.trim().parse().ok()?)));
    let Some((low, high)) = range else {
        return Err(Fail::Unreadable(format!("--members takes LOW-HIGH, e.g. 10-20, not \"{members}\"")));
    };
    let options = GenOptions::new(communities).streets(streets).seed(seed).members_per_group(low, high);
    out!("{}", generate(options).to_json());
    Ok(())
}
