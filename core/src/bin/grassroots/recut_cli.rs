//! `grassroots recut`: re-draw districts or grids (片区/网格重划) from blocks.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use grassroots::recut::{Blocks, Options, Outcome, Range, Summary, recut_with_org};
use grassroots::{Error, Organization, Problem};
use serde_json::{Map, Value, json};

use super::report::{self, Ctx, Fail, Finding, Format, read};

/// Which measure `--parts` balances.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum BalanceArg {
    Households,
    Population,
}

#[derive(Args)]
pub(crate) struct RecutArgs {
    /// The blocks: a geometry document whose block features carry `households` and
    /// `population` (neighbours by shared boundary; `community` and `within` properties name
    /// a block's community and today's grid), or a blocks document
    /// `{"blocks": [{"id", "households", "population", "community"?, "part"?}], "adjacency": [[a, b], …]}`.
    blocks: PathBuf,
    /// Cut into this many parts (over all communities), each within --tolerance of the mean.
    #[arg(long, conflicts_with_all = ["households", "population"])]
    parts: Option<u32>,
    /// With --parts: the allowed deviation from the mean part (0.05 = ±5 %).
    #[arg(long, requires = "parts")]
    tolerance: Option<f64>,
    /// Households per part, MIN..MAX (either side may be left open: 300.., ..500).
    #[arg(long, value_parser = parse_range)]
    households: Option<Range>,
    /// Residents per part, MIN..MAX (e.g. ..2500).
    #[arg(long, value_parser = parse_range)]
    population: Option<Range>,
    /// The measure balanced (default: population with --parts, households with a households
    /// range).
    #[arg(long, value_enum)]
    balance: Option<BalanceArg>,
    /// Today's assignment, `{"block id": "part id", …}` (default: the blocks' own `part` or
    /// `within`).
    #[arg(long)]
    current: Option<PathBuf>,
    /// Cut afresh: ignore today's assignment (the report still shows it as "before").
    #[arg(long)]
    fresh: bool,
    /// Blocks pinned to a part, `{"block id": "part id", …}`.
    #[arg(long)]
    pinned: Option<PathBuf>,
    /// The organization document whose grids today's parts are: the output then has the
    /// edits (splits, merges, codes) and the new grid records.
    #[arg(long)]
    org: Option<PathBuf>,
    /// Let parts cross community borders.
    #[arg(long)]
    across_communities: bool,
    /// The weight of compactness (shorter boundaries) against balance.
    #[arg(long, default_value_t = 1.0)]
    compactness: f64,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn parse_range(text: &str) -> Result<Range, String> {
    Range::parse(text).ok_or_else(|| format!("expected MIN..MAX with whole numbers, either side open (300..500, ..2500), not \"{text}\""))
}

/// Prints a document's problems and ends with exit 2: the input cannot be re-cut.
/// An input document with problems: nothing is re-cut (exit 2). Its problems are listed on
/// standard error in text, or in the format asked for (annotations, the JSON report, SARIF)
/// at their lines and columns.
fn unreadable(ctx: &Ctx, file: &Path, problems: &[Problem]) -> Fail {
    if ctx.format == Format::Text {
        for p in problems {
            eprintln!("{}: {p}", file.display());
        }
    } else {
        report::print_problems(ctx, file, problems);
    }
    Fail::Unreadable(format!("{}: {} problem(s); nothing was re-cut", file.display(), problems.len()))
}

fn load_json(file: &Path) -> Result<Value, Fail> {
    serde_json::from_str(&read(file)?).map_err(|e| Fail::Unreadable(format!("{}: not valid JSON: {e}", file.display())))
}

/// `--format text` (`table`): a summary and a table of the parts; `json`: `{"feasible",
/// "assignment": {block: part}, "report", "reasons", "org"?}`; `github`: the table, and each
/// reason a constraint cannot hold as an `::error` on the blocks file (a `::warning` when
/// every constraint still holds); `sarif`: the reasons as results, their code the rule.
pub(crate) fn run(args: RecutArgs, ctx: &Ctx) -> Result<(), Fail> {
    ctx.only(&[Format::Text, Format::Json, Format::Github, Format::Sarif])?;
    let blocks = match Blocks::from_json(&read(&args.blocks)?) {
        Ok(blocks) => blocks,
        Err(Error::Syntax { line, column, message }) => {
            return Err(Fail::Unreadable(format!("{}: not valid JSON at line {line}, column {column}: {message}", args.blocks.display())));
        }
        Err(e) => return Err(unreadable(ctx, &args.blocks, &e.problems())),
    };
    let mut options = Map::new();
    if let Some(parts) = args.parts {
        options.insert("parts".into(), json!(parts));
    }
    if let Some(t) = args.tolerance {
        options.insert("tolerance".into(), json!(t));
    }
    for (key, range) in [("households", args.households), ("population", args.population)] {
        if let Some(r) = range {
            options.insert(key.into(), serde_json::to_value(r).unwrap_or_default());
        }
    }
    if let Some(b) = args.balance {
        options.insert("balance".into(), json!(match b {
            BalanceArg::Households => "households",
            BalanceArg::Population => "population",
        }));
    }
    for (key, file) in [("current", &args.current), ("pinned", &args.pinned)] {
        if let Some(file) = file {
            options.insert(key.into(), load_json(file)?);
        }
    }
    options.insert("within_community".into(), json!(!args.across_communities));
    options.insert("compactness".into(), json!(args.compactness));
    options.insert("seed".into(), json!(args.seed));
    options.insert("fresh".into(), json!(args.fresh));
    let options = Options::from_value(&Value::Object(options)).and_then(|o| {
        let problems = o.check(&blocks);
        if problems.is_empty() { Ok(o) } else { Err(Error::Invalid { problems }) }
    });
    let options = match options {
        Ok(o) => o,
        Err(e) => {
            // The options are the command line: name the flag or file rather than a path.
            let problems: Vec<String> = e
                .problems()
                .iter()
                .map(|p| {
                    let flag = p.path.trim_start_matches("$options").trim_start_matches('.');
                    let flag = flag.split(['.', '[']).next().unwrap_or("");
                    let flag = if flag.is_empty() { "the options".to_owned() } else { format!("--{}", flag.replace('_', "-")) };
                    format!("{flag}: {}", p.kind)
                })
                .collect();
            return Err(Fail::Unreadable(problems.join("\nerror: ")));
        }
    };
    let org = match &args.org {
        None => None,
        Some(file) => match Organization::from_json(&read(file)?) {
            Ok(org) => Some(org),
            Err(Error::Syntax { line, column, message }) => {
                return Err(Fail::Unreadable(format!("{}: not valid JSON at line {line}, column {column}: {message}", file.display())));
            }
            Err(e) => return Err(unreadable(ctx, file, &e.problems())),
        },
    };
    let outcome = recut_with_org(&blocks, &options, org.as_ref());
    let code = |r: &grassroots::recut::ReasonText| serde_json::to_value(&r.reason).ok().and_then(|v| v["code"].as_str().map(str::to_owned)).unwrap_or_default();
    match ctx.format {
        Format::Json => out!("{}", serde_json::to_string_pretty(&outcome).unwrap_or_default()),
        Format::Github => {
            print_table(&outcome, blocks.len());
            let severity = if outcome.feasible { "warning" } else { "error" };
            for r in &outcome.reasons {
                out!("{}", report::github_line(severity, &args.blocks, &format!("grassroots recut {}", code(r)), &r.en));
            }
        }
        Format::Sarif => {
            let findings: Vec<Finding> = outcome.reasons.iter().map(|r| Finding { rule: code(r), file: args.blocks.clone(), message: r.en.clone() }).collect();
            out!("{}", serde_json::to_string_pretty(&report::sarif_findings(&findings)).unwrap_or_default());
        }
        _ => print_table(&outcome, blocks.len()),
    }
    if outcome.feasible { Ok(()) } else { Err(Fail::Invalid) }
}

fn spread(s: &Summary, households: bool) -> String {
    let x = if households { &s.households } else { &s.population };
    let ratio = x.ratio.map_or("–".to_owned(), |r| format!("{r:.2}"));
    format!("{}–{} (mean {:.0}, max/min {ratio}, max deviation {:.1} %)", x.min, x.max, x.mean, x.max_deviation * 100.0)
}

fn print_table(outcome: &Outcome, blocks: usize) {
    let r = &outcome.report;
    let verdict = if outcome.feasible { "every constraint holds" } else { "some constraints cannot hold" };
    out!("recut: {} parts, {verdict} (seed {})", r.after.parts, outcome.seed);
    let bounds = |b: &grassroots::recut::Bounds| match (b.min, b.max) {
        (None, None) => None,
        (lo, hi) => Some(format!("{}..{}", lo.map(|x| x.to_string()).unwrap_or_default(), hi.map(|x| x.to_string()).unwrap_or_default())),
    };
    for (name, b) in [("households", &r.households_range), ("population", &r.population_range)] {
        if let Some(b) = bounds(b) {
            out!("range: {name} {b} per part");
        }
    }
    for (name, households) in [("households", true), ("population", false)] {
        if let Some(before) = &r.before {
            out!("{name}: before {}", spread(before, households));
        }
        out!("{name}: after  {}", spread(&r.after, households));
    }
    let unit = r.after.boundary_unit;
    match &r.before {
        Some(before) => {
            out!("parts out of range: before {} of {}, after {}", before.out_of_range.len(), before.parts, r.after.out_of_range.len());
            out!("boundary between parts: before {} {unit}, after {} {unit}", before.boundary, r.after.boundary);
            out!("blocks moved: {} of {blocks}", r.moved);
        }
        None => {
            out!("parts out of range: {}", r.after.out_of_range.len());
            out!("boundary between parts: {} {unit}", r.after.boundary);
        }
    }
    for reason in &outcome.reasons {
        out!("reason: {}", reason.en);
    }
    if let Some(org) = &outcome.org {
        out!("grids: {} kept, {} new ({}), {} removed ({}); {} edit(s)", org.kept.len(), org.new.len(), org.new.join(", "), org.removed.len(), org.removed.join(", "), org.edits.len());
    }
    let width = r.after.per_part.iter().map(|p| p.id.chars().count()).max().unwrap_or(4).max(4);
    out!("{:<width$}  {:>6}  {:>10}  {:>10}  {:<6}  range", "part", "blocks", "households", "population", "status");
    for p in &r.after.per_part {
        out!("{:<width$}  {:>6}  {:>10}  {:>10}  {:<6}  {}", p.id, p.blocks, p.households, p.population, p.status, if p.in_range { "ok" } else { "OUT" });
    }
}
