//! `grassroots`: check organization data and rule sets in CI before they are published.
//!
//! Exit codes: 0 valid (warnings are printed), 1 the data has errors (every one is listed),
//! 2 the file cannot be read or is not JSON/CSV at all.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use grassroots::org::{LevelSchema, SchemaSpec, TreeDiff, roster};
use grassroots::rules::{Entity, RuleSet, RuleSetDiff, cases};
use grassroots::{Error, Organization, Problem, Severity};

#[derive(Parser)]
#[command(name = "grassroots", version, about = "Check grassroots-governance data before publishing it")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a file; exit 0 when valid, 1 when it has errors, 2 when it cannot be read.
    Validate {
        #[command(subcommand)]
        what: Validate,
    },
    /// Print the rolled-up figures of a tree (or of one node of it).
    Stats {
        #[command(subcommand)]
        what: Stats,
    },
    /// Show what changed between two versions.
    Diff {
        #[command(subcommand)]
        what: Diff,
    },
    /// Print the JSON Schema of a file format.
    Schema {
        #[command(subcommand)]
        what: SchemaOf,
    },
    /// Evaluate a rule set over entities' facts.
    Eval {
        /// The rule set (.json).
        rules: PathBuf,
        /// The entities: `[{"id": "c1", "facts": {…}}, …]`.
        facts: PathBuf,
        /// Every indicator's value, points and reason.
        #[arg(long)]
        explain: bool,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Run the case files (*.json) in a folder: rule set + entities + expected outcomes.
    /// Prints every difference and ends with "N passed, N failed"; exit 1 on any failure.
    Test {
        dir: PathBuf,
    },
    /// Write a realistic fictional document (新乡 shape), reproducible from a seed.
    Generate {
        #[command(subcommand)]
        what: Generate,
    },
}

#[derive(Subcommand)]
enum SchemaOf {
    /// The organization document (`validate tree` checks files against the same rules).
    Tree,
}

#[derive(Subcommand)]
enum Generate {
    /// An organization document.
    Tree {
        /// Number of communities (about 79 nodes each).
        #[arg(long, default_value_t = 12)]
        communities: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Members per building group, as LOW-HIGH.
        #[arg(long, default_value = "10-20")]
        members: String,
    },
}

#[derive(Subcommand)]
enum Validate {
    /// An organization document (.json) or a node roster (.csv).
    Tree {
        file: PathBuf,
        /// A member roster (.csv) to check with a node roster.
        #[arg(long)]
        members: Option<PathBuf>,
        /// A preset (laifeng, xinxiang, street) or a schema file, used instead of the file's own.
        #[arg(long)]
        schema: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// A rule set (.json): its shape and the static checks (unknown facts, non-standard
    /// operators, type mismatches, unreachable thresholds and pass marks, duplicate ids).
    Rules {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Subcommand)]
enum Stats {
    /// Figures of an organization document.
    Tree {
        file: PathBuf,
        /// The record id of the node to show (default: the root).
        #[arg(long)]
        node: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Subcommand)]
enum Diff {
    /// Nodes added, removed, moved, renamed, re-coded or re-levelled.
    Tree {
        old: PathBuf,
        new: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Two versions of a rule set: what changed in the rules, and whose outcome (tier,
    /// pass/fail, rank, total) changes on the same entities, and why. Exit 0 whether or not
    /// outcomes change (it reports; it does not judge), 1 when either rule set or the facts
    /// file has errors, 2 when a file cannot be read or is not JSON.
    Rules {
        old: PathBuf,
        new: PathBuf,
        /// The entities: `[{"id": "c1", "facts": {…}}, …]`.
        #[arg(long)]
        facts: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Writes a line to standard output. A closed pipe (`grassroots … | head`) is not an error
/// worth a panic: the output is simply no longer wanted.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// A failure that ends the command with an exit code.
enum Fail {
    /// Exit 1: the data is wrong; the problems have been printed.
    Invalid,
    /// Exit 2: the file could not be read or parsed.
    Unreadable(String),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate { what: Validate::Tree { file, members, schema, format } } => {
            validate_tree(&file, members.as_deref(), schema.as_deref(), format)
        }
        Command::Validate { what: Validate::Rules { file, format } } => validate_rules(&file, format),
        Command::Eval { rules, facts, explain, format } => eval(&rules, &facts, explain, format),
        Command::Test { dir } => test_cases(&dir),
        Command::Stats { what: Stats::Tree { file, node, format } } => stats_tree(&file, node.as_deref(), format),
        Command::Diff { what: Diff::Tree { old, new, format } } => diff_tree(&old, &new, format),
        Command::Diff { what: Diff::Rules { old, new, facts, format } } => diff_rules(&old, &new, &facts, format),
        Command::Schema { what: SchemaOf::Tree } => {
            out!("{}", grassroots::org::json_schema());
            Ok(())
        }
        Command::Generate { what: Generate::Tree { communities, seed, members } } => generate_tree(communities, seed, &members),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail::Invalid) => ExitCode::from(1),
        Err(Fail::Unreadable(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn read(path: &Path) -> Result<String, Fail> {
    std::fs::read_to_string(path).map_err(|e| Fail::Unreadable(format!("cannot read {}: {e}", path.display())))
}

fn schema_arg(arg: Option<&str>) -> Result<Option<SchemaSpec>, Fail> {
    let Some(arg) = arg else { return Ok(None) };
    if LevelSchema::preset(arg).is_some() {
        return Ok(Some(SchemaSpec::Preset(arg.to_owned())));
    }
    let text = read(Path::new(arg))?;
    serde_json::from_str::<LevelSchema>(&text)
        .map(|s| Some(SchemaSpec::Custom(s)))
        .map_err(|e| Fail::Unreadable(format!("{arg}: not a preset (laifeng, xinxiang, street) nor a schema file: {e}")))
}

/// Loads a .json document, or a .csv node roster with an optional .csv member roster.
fn load(path: &Path, schema: Option<SchemaSpec>) -> Result<Result<Organization, Vec<Problem>>, Fail> {
    load_with(path, None, schema)
}

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

fn print_problems(file: &Path, problems: &[Problem], format: Format) {
    match format {
        Format::Json => {
            let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
            let report = serde_json::json!({
                "file": file.display().to_string(),
                "valid": errors == 0,
                "errors": errors,
                "warnings": problems.len() - errors,
                "problems": problems,
            });
            out!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
        }
        Format::Text => {
            for p in problems {
                let severity = match p.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                out!("{}: {severity}: {p}", file.display());
            }
            let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
            out!("{}: {errors} error(s), {} warning(s)", file.display(), problems.len() - errors);
        }
    }
}

/// Splits a load error: text that is not JSON at all ends the command (exit 2); any other
/// error's problems go back to the caller to print (exit 1).
fn problems_of(file: &Path, e: Error) -> Result<Vec<Problem>, Fail> {
    match e {
        Error::Syntax { line, column, message } => {
            Err(Fail::Unreadable(format!("{}: not valid JSON at line {line}, column {column}: {message}", file.display())))
        }
        e => Ok(e.problems()),
    }
}

/// Prints what `validate` found: a valid file's warnings (exit 0), or every problem when
/// there is an error among them (exit 1).
fn report(file: &Path, problems: &[Problem], format: Format) -> Result<(), Fail> {
    print_problems(file, problems, format);
    if problems.iter().any(|p| p.severity == Severity::Error) { Err(Fail::Invalid) } else { Ok(()) }
}

fn validate_tree(file: &Path, members: Option<&Path>, schema: Option<&str>, format: Format) -> Result<(), Fail> {
    match load_with(file, members, schema_arg(schema)?)? {
        Ok(org) => report(file, org.warnings(), format),
        Err(problems) => report(file, &problems, format),
    }
}

fn stats_tree(file: &Path, node: Option<&str>, format: Format) -> Result<(), Fail> {
    let org = match load(file, None)? {
        Ok(org) => org,
        Err(problems) => return report(file, &problems, Format::Text),
    };
    let tree = org.tree();
    let id = match node {
        None => tree.root(),
        Some(n) => tree.find(n).ok_or_else(|| Fail::Unreadable(format!("no node with id \"{n}\" in {}", file.display())))?,
    };
    let figures = org.figures(id);
    match format {
        Format::Json => {
            let levels = org.level_counts(id);
            let out = serde_json::json!({ "node": figures, "levels": levels });
            out!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        Format::Text => {
            let r = figures.rollup;
            let pct = |ratio: grassroots::org::Ratio| match ratio.value {
                Some(v) => format!("{:.1}% ({}/{})", v * 100.0, ratio.numerator, ratio.denominator),
                None => "n/a (0/0)".to_owned(),
            };
            out!("{} {} ({})", figures.id, figures.name, org.level_label(id, false));
            for (level, count) in org.level_counts(id) {
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
        }
    }
    Ok(())
}

fn diff_tree(old: &Path, new: &Path, format: Format) -> Result<(), Fail> {
    let mut trees = Vec::new();
    for file in [old, new] {
        match load(file, None)? {
            Ok(org) => trees.push(org.into_tree()),
            Err(problems) => return report(file, &problems, Format::Text),
        }
    }
    let diff = TreeDiff::between(&trees[0], &trees[1]);
    match format {
        Format::Json => out!("{}", serde_json::to_string_pretty(&diff).unwrap_or_default()),
        Format::Text if diff.is_empty() => out!("no changes"),
        Format::Text => {
            use std::io::Write;
            let _ = write!(std::io::stdout(), "{diff}");
        }
    }
    Ok(())
}

fn generate_tree(communities: u32, seed: u64, members: &str) -> Result<(), Fail> {
    use grassroots::org::generate::{GenOptions, generate};
    let range = members.split_once('-').and_then(|(low, high)| Some((low.trim().parse().ok()?, high.trim().parse().ok()?)));
    let Some((low, high)) = range else {
        return Err(Fail::Unreadable(format!("--members takes LOW-HIGH, e.g. 10-20, not \"{members}\"")));
    };
    let options = GenOptions::new(communities).seed(seed).members_per_group(low, high);
    out!("{}", generate(options).to_json());
    Ok(())
}

fn load_rules(file: &Path) -> Result<Result<RuleSet, Vec<Problem>>, Fail> {
    match RuleSet::from_json(&read(file)?) {
        Ok(rules) => Ok(Ok(rules)),
        Err(e) => Ok(Err(problems_of(file, e)?)),
    }
}

fn validate_rules(file: &Path, format: Format) -> Result<(), Fail> {
    match load_rules(file)? {
        Ok(rules) => report(file, rules.warnings(), format),
        Err(problems) => report(file, &problems, format),
    }
}

/// Reads an entities file; its problems are printed and end the command (exit 1).
fn load_entities(file: &Path) -> Result<Vec<Entity>, Fail> {
    match Entity::list_from_json(&read(file)?) {
        Ok(entities) => Ok(entities),
        Err(e) => report(file, &problems_of(file, e)?, Format::Text).map(|()| Vec::new()),
    }
}

fn diff_rules(old: &Path, new: &Path, facts: &Path, format: Format) -> Result<(), Fail> {
    // Both rule sets are checked before giving up, so that one run lists every problem.
    let (before, after) = (load_rules(old)?, load_rules(new)?);
    let (before, after) = match (before, after) {
        (Ok(b), Ok(a)) => (b, a),
        (b, a) => {
            for (file, problems) in [(old, b.err()), (new, a.err())] {
                if let Some(problems) = problems {
                    print_problems(file, &problems, Format::Text);
                }
            }
            return Err(Fail::Invalid);
        }
    };
    let entities = load_entities(facts)?;
    let diff = RuleSetDiff::between(&before, &after, &entities);
    if format == Format::Json {
        out!("{}", serde_json::to_string_pretty(&diff).unwrap_or_default());
        return Ok(());
    }
    {
        use std::io::Write;
        let _ = write!(std::io::stdout(), "{diff}");
    }
    for (version, problems) in [(&diff.old.version, &diff.diagnostics.old), (&diff.new.version, &diff.diagnostics.new)] {
        for p in problems {
            out!("{}: warning: under {version}: {p}", facts.display());
        }
    }
    Ok(())
}

fn eval(rules_file: &Path, facts_file: &Path, explain: bool, format: Format) -> Result<(), Fail> {
    let rules = match load_rules(rules_file)? {
        Ok(rules) => rules,
        Err(problems) => return report(rules_file, &problems, Format::Text),
    };
    let entities = load_entities(facts_file)?;
    let result = rules.evaluate(&entities);
    if format == Format::Json {
        out!("{}", serde_json::to_string_pretty(&result).unwrap_or_default());
        return Ok(());
    }
    out!("{} {}", result.rule_set, result.version);
    let mut order: Vec<_> = result.entities.iter().collect();
    order.sort_by_key(|e| e.rank);
    for e in order {
        let tier = serde_json::to_value(e.tier).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        let sections: Vec<String> = e.sections.iter().map(|s| format!("{} {}", s.id, s.score)).collect();
        out!("{:>4}  {:<20} {:>7} {:<10} {}", e.rank, e.id, e.total, tier, sections.join(", "));
        if explain {
            for s in &e.sections {
                for i in &s.indicators {
                    out!("        {}/{}: {}", s.id, i.id, i.reason.zh);
                }
            }
            for b in &e.bonuses {
                out!("        +{}: {}", b.id, b.reason.zh);
            }
            for v in &e.vetoes {
                out!("        !{}: {}", v.id, v.reason.zh);
            }
        }
    }
    for p in &result.diagnostics {
        out!("{}: warning: {p}", facts_file.display());
    }
    Ok(())
}

fn test_cases(dir: &Path) -> Result<(), Fail> {
    let entries = std::fs::read_dir(dir).map_err(|e| Fail::Unreadable(format!("cannot read {}: {e}", dir.display())))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let (mut passed, mut failed) = (0, 0);
    for file in &files {
        let case: serde_json::Value = match serde_json::from_str(&read(file)?) {
            Ok(case) => case,
            Err(e) => {
                out!("FAILED {}: not valid JSON: {e}", file.display());
                failed += 1;
                continue;
            }
        };
        let folder = file.parent().unwrap_or(dir);
        let mismatches = cases::run_case(&case, |rules| {
            std::fs::read_to_string(folder.join(rules)).map_err(|e| format!("cannot read {}: {e}", folder.join(rules).display()))
        });
        if mismatches.is_empty() {
            out!("ok {}", file.display());
            passed += 1;
        } else {
            out!("FAILED {}", file.display());
            for m in mismatches {
                out!("  {}\n    expected: {}\n    actual:   {}", m.what, m.expected, m.actual);
            }
            failed += 1;
        }
    }
    out!("{passed} passed, {failed} failed");
    if failed > 0 { Err(Fail::Invalid) } else { Ok(()) }
}
