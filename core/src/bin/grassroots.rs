//! `grassroots`: check organization data and rule sets in CI before they are published.
//!
//! Exit codes: 0 valid (warnings are printed), 1 the data has errors (every one is listed),
//! 2 the file cannot be read or is not JSON/CSV at all. `lookup certificate` exits 1 when no
//! certificate matches, and 2 when the name asked is empty or too short to look up.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use grassroots::org::{LevelSchema, SchemaSpec, TreeDiff, roster};
use grassroots::rules::{Entity, RuleSet, RuleSetDiff, cases};
use grassroots::lists::{ListDiff, Lists, lookup_certificate};
use grassroots::services::{ClaimState, ServicesDocument, ledger_figures, match_demands};
use grassroots::{Error, Organization, Problem, Severity};


#[derive(Parser)]
#[command(name = "grassroots", version, about = "Check grassroots-governance data before publishing it")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The file `--format xlsx` writes.
    #[arg(short = 'o', long, global = true)]
    output: Option<PathBuf>,
}

/// The file `--format xlsx` writes (`-o`), set once from the command line.
static OUTPUT: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();

/// A command's JSON report, printed (`--format json`) or written as a workbook (`--format
/// xlsx -o FILE`).
fn emit(value: &serde_json::Value, format: Format, title: &str) -> Result<(), Fail> {
    sheets_cli::emit(value, format, title, OUTPUT.get().and_then(Option::as_ref))
}

/// The kinds of records `import` and `export` take.
#[derive(Clone, Copy, ValueEnum)]
enum SheetKind {
    /// 党员花名册.
    Members,
    /// 网格台账 (grids and their workers).
    Grids,
    /// Units (报到单位, 驻区单位), one agreement a row.
    Units,
    /// The organization's nodes.
    Nodes,
    /// The items of the four lists (四张清单), into a lists document (--lists).
    Lists,
}

impl SheetKind {
    fn kind(self) -> grassroots::sheets::Kind {
        use grassroots::sheets::Kind;
        match self {
            SheetKind::Members => Kind::Members,
            SheetKind::Grids => Kind::Grids,
            SheetKind::Units => Kind::Units,
            SheetKind::Nodes => Kind::Nodes,
            SheetKind::Lists => Kind::Lists,
        }
    }
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
        /// The entities: `[{"id": "c1", "facts": {…}}, …]`. With --org, facts added to the
        /// tree's nodes by id (the file's values win).
        facts: Option<PathBuf>,
        /// An organization document: rate every node of the rule set's entity level (e.g. every
        /// community) with the facts the core computes for it (rollups, coverage ratios).
        #[arg(long)]
        org: Option<PathBuf>,
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
    /// Look something up in a file.
    Lookup {
        #[command(subcommand)]
        what: Lookup,
    },
    /// Every SLA clock of every case at a moment: met (with the margin), breached (by how
    /// much) or running (how much is left), and where each whistle dispatch stands.
    Clocks {
        /// The cases document (.json).
        cases: PathBuf,
        /// The moment to read the clocks at, RFC 3339 (2026-07-01T08:30:00+08:00).
        #[arg(long, value_parser = cases_cli::parse_time)]
        now: grassroots::cases::Timestamp,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Case metrics for every node of an organization tree over a period [FROM, TO):
    /// response, resolution, satisfaction and on-time closure rates, 1310 and 12345 clocks met.
    Metrics {
        /// The cases document (.json).
        cases: PathBuf,
        /// The organization document (.json) whose node and grid ids the cases name.
        #[arg(long)]
        org: PathBuf,
        /// First day (YYYY-MM-DD, from midnight +08:00) or instant (RFC 3339) of the period.
        #[arg(long, value_parser = cases_cli::parse_bound)]
        from: grassroots::cases::Timestamp,
        /// The day or instant after the period.
        #[arg(long, value_parser = cases_cli::parse_bound)]
        to: grassroots::cases::Timestamp,
        /// Rates over fewer cases than this are "not enough cases".
        #[arg(long, default_value_t = grassroots::cases::DEFAULT_MIN_SAMPLE)]
        min_sample: u64,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Read a spreadsheet (.xlsx, .xls, .ods, .csv in UTF-8 or GBK) into an organization
    /// document: columns by their Chinese headers, organizations by id, name or name path.
    /// Prints the document with the records (ORG's section of that kind replaced) when it
    /// validates clean (exit 0); otherwise every problem by file, sheet, row and column on
    /// standard error (exit 1); exit 2 when a file cannot be read.
    Import {
        what: SheetKind,
        file: PathBuf,
        /// The organization document whose nodes, grids and posts the rows name (needed for
        /// members, grids and units).
        #[arg(long)]
        org: Option<PathBuf>,
        /// For list items: the lists document whose items the sheet replaces (its schema
        /// names the levels).
        #[arg(long)]
        lists: Option<PathBuf>,
        /// The sheet to read (default: the first with a header row).
        #[arg(long)]
        sheet: Option<String>,
        /// A mapping file for headers the built-in table does not know:
        /// `{"columns": {"人员编码": "id", "党内职务": null}}`.
        #[arg(long)]
        map: Option<PathBuf>,
        /// The language of the problems.
        #[arg(long, value_enum, default_value_t = sheets_cli::Lang::Zh)]
        lang: sheets_cli::Lang,
    },
    /// Write an organization's members, grids, units or nodes (or a lists document's items)
    /// as .xlsx (-o FILE) in the columns `import` reads back. Phone and ID-card numbers are
    /// masked unless --reveal.
    Export {
        what: SheetKind,
        /// The organization document (.json); for `lists`, the lists document.
        org: PathBuf,
        /// Write phone and ID-card numbers in full (only where that is authorised).
        #[arg(long)]
        reveal: bool,
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
    /// The cases document (`validate cases` checks more: step order, times, references).
    Cases,
    /// The fact catalogue: every fact the core computes for rule sets to read, with its type,
    /// unit and names (a rule set may declare more of its own).
    Facts,
}

#[derive(Subcommand)]
enum Generate {
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
    /// A scorecard document for every node of a rule set's entity level in an organization:
    /// the tree's own facts, and plausible made-up values for the facts the rule set declares
    /// (for demos and scale tests, never for a real assessment).
    Scorecard {
        /// The rule set (.json).
        #[arg(long)]
        rules: PathBuf,
        /// The organization document (.json).
        #[arg(long)]
        org: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// A services document (demands, offers, claims, the 双报到 ledger and targets) for a
    /// year of an organization: residents of its communities raise demands, its reporting
    /// units and in-service members offer services, claims run through their lifecycle.
    /// The demo's service board reads `{"services": <this>, "org": <ORG>}`.
    Services {
        /// The organization document (.json), e.g. from `generate tree`.
        #[arg(long)]
        org: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The year.
        #[arg(long, default_value_t = 2026)]
        year: i32,
        /// The season's last day (YYYY-MM-DD, in the year): nothing happens after it and the
        /// claims open on it are in progress. Default: 31 December.
        #[arg(long)]
        until: Option<String>,
    },
    /// A season of cases for an organization: every case on one of its grids, signed by its
    /// grid workers, branches and members; whistles through 五哨五到, 1310 and 12345 clocks,
    /// a share of them breached, and a few cases still running at --now.
    Cases {
        /// The organization document (.json).
        #[arg(long)]
        org: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The first day of the season (YYYY-MM-DD).
        #[arg(long, value_parser = cases_cli::parse_day)]
        from: grassroots::org::Date,
        /// The last day of the season (YYYY-MM-DD), included.
        #[arg(long, value_parser = cases_cli::parse_day)]
        to: grassroots::org::Date,
        /// The moment the demo is at, RFC 3339: nothing happens after it.
        #[arg(long, value_parser = cases_cli::parse_time)]
        now: grassroots::cases::Timestamp,
        /// Cases per grid per month on average.
        #[arg(long, default_value_t = grassroots::cases::generate::DEFAULT_VOLUME)]
        volume: f64,
    },
    /// A county's four lists (四张清单) in two versions, YEAR-1 (old) and YEAR (new), at the
    /// organization's levels: the new version abolishes certificates, delegates services
    /// down a level, adds, changes and drops items. Prints `{"old": …, "new": …}` (what the
    /// demo's duty list reads), or one version with `--version old|new`.
    Lists {
        /// The organization document (.json), e.g. from `generate tree`.
        #[arg(long)]
        org: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The new version's year; the old version is the year before.
        #[arg(long, default_value_t = 2026)]
        year: i32,
        /// Which version to print.
        #[arg(long, value_enum, default_value_t = ListsVersion::Both)]
        version: ListsVersion,
        /// The county's name (e.g. 凤溪县); default: from the organization's root node.
        #[arg(long)]
        county: Option<String>,
    },
    #[command(flatten)]
    Geo(geo_cli::GenerateGeo),
}

/// Which version of generated lists to print.
#[derive(Clone, Copy, ValueEnum)]
enum ListsVersion {
    /// `{"old": …, "new": …}`.
    Both,
    /// The year before's version alone.
    Old,
    /// The year's version alone.
    New,
}

#[derive(Subcommand)]
enum Validate {
    /// An organization document (.json) or a node roster (.csv).
    Tree {
        file: PathBuf,
        /// A member roster (.csv) to check with a node roster.
        #[arg(long)]
        members: Option<PathBuf>,
        /// A preset (laifeng, xinxiang, street, county) or a schema file, used instead of the file's own.
        #[arg(long)]
        schema: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// A cases document (.json): the workflow order of every case, times that never go
    /// backwards, repeated steps or events, profile and preset names.
    Cases {
        file: PathBuf,
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
    /// A lists document (.json, 四张清单): shapes, ids, levels, owners, duplicates, negative-list
    /// duties, abolished certificates still required, dates, delegations.
    Lists {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// A services document (.json): its demands and offers, then the matcher's outcome: every
    /// demand matched to an offer or left unmatched, with the reason.
    Demands {
        file: PathBuf,
        /// An organization document whose grids, communities, members and units the
        /// references must name; with it, an offer serving a community covers its grids.
        #[arg(long)]
        org: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// A services document (.json): its claims (each history replayed through the claim
    /// lifecycle) and its 双报到 ledger, then the claims' states and the ledger's figures.
    Claims {
        file: PathBuf,
        /// An organization document whose members and units the references must name.
        #[arg(long)]
        org: Option<PathBuf>,
        /// The year of the ledger figures (default: every year the ledger has).
        #[arg(long)]
        year: Option<i32>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    #[command(flatten)]
    Geo(geo_cli::ValidateGeo),
}

#[derive(Subcommand)]
enum Lookup {
    /// "Do I still need this certificate?": the certificates whose name or alias matches
    /// NAME, best first: in force (who issues it, materials, time limit, channels) or
    /// abolished (since when, by which document, what to do instead). Exit 0 when something
    /// matches, 1 when nothing does (or the lists have errors), 2 when the file cannot be read
    /// or NAME is empty or too short.
    Certificate {
        name: String,
        /// The lists document (.json).
        #[arg(long)]
        lists: PathBuf,
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
    /// Two versions of the lists: added, removed from force (abolished or gone), moved to
    /// another level, changed fields, and the counts in force per kind.
    Lists {
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
    /// Lines for people (for `eval`, a ranking table; `table` is accepted as a synonym).
    #[value(alias = "table")]
    Text,
    /// One JSON document.
    Json,
    /// An .xlsx workbook written to `-o FILE` (stats, eval, metrics, clocks, diff lists,
    /// diff rules): one sheet per table of the JSON report.
    Xlsx,
}

/// Writes a line to standard output. A closed pipe (`grassroots … | head`) is not an error
/// worth a panic: the output is simply no longer wanted.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

// The cases commands live in their own file; a file directly in src/bin would become a binary. Declared
// after `out!` so that the macro is in scope there.
#[path = "grassroots/cases_cli.rs"]
mod cases_cli;
#[path = "grassroots/geo_cli.rs"]
mod geo_cli;
#[path = "grassroots/org_cli.rs"]
mod org_cli;
#[path = "grassroots/sheets_cli.rs"]
mod sheets_cli;

/// A failure that ends the command with an exit code.
enum Fail {
    /// Exit 1: the data is wrong; the problems have been printed.
    Invalid,
    /// Exit 2: the file could not be read or parsed.
    Unreadable(String),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _ = OUTPUT.set(cli.output);
    let tables = matches!(
        cli.command,
        Command::Stats { .. } | Command::Eval { .. } | Command::Metrics { .. } | Command::Clocks { .. } | Command::Diff { what: Diff::Lists { .. } | Diff::Rules { .. } }
    );
    if !tables && format_of(&cli.command) == Some(Format::Xlsx) {
        eprintln!("error: --format xlsx is for stats, eval, metrics, clocks, diff lists and diff rules");
        return ExitCode::from(2);
    }
    let result = match cli.command {
        Command::Import { what, file, org, lists, sheet, map, lang } => sheets_cli::import(&sheets_cli::ImportArgs {
            kind: what.kind(),
            file: &file,
            org: org.as_deref(),
            lists: lists.as_deref(),
            sheet: sheet.as_deref(),
            map: map.as_deref(),
            lang,
        }),
        Command::Export { what, org, reveal } => sheets_cli::export(what.kind(), &org, OUTPUT.get().and_then(Option::as_deref), reveal),
        Command::Validate { what: Validate::Tree { file, members, schema, format } } => {
            validate_tree(&file, members.as_deref(), schema.as_deref(), format)
        }
        Command::Validate { what: Validate::Demands { file, org, format } } => validate_demands(&file, org.as_deref(), format),
        Command::Validate { what: Validate::Claims { file, org, year, format } } => validate_claims(&file, org.as_deref(), year, format),
        Command::Validate { what: Validate::Rules { file, format } } => validate_rules(&file, format),
        Command::Validate { what: Validate::Cases { file, format } } => cases_cli::validate(&file, format),
        Command::Clocks { cases, now, format } => cases_cli::clocks(&cases, now, format),
        Command::Metrics { cases, org, from, to, min_sample, format } => {
            cases_cli::metrics(&cases, &org, from, to, min_sample, format)
        }
        Command::Eval { rules, facts, org, explain, format } => eval(&rules, facts.as_deref(), org.as_deref(), explain, format),
        Command::Test { dir } => test_cases(&dir),
        Command::Stats { what: Stats::Tree { file, node, format } } => stats_tree(&file, node.as_deref(), format),
        Command::Diff { what: Diff::Tree { old, new, format } } => diff_tree(&old, &new, format),
        Command::Validate { what: Validate::Lists { file, format } } => validate_lists(&file, format),
        Command::Diff { what: Diff::Lists { old, new, format } } => diff_lists(&old, &new, format),
        Command::Lookup { what: Lookup::Certificate { name, lists, format } } => lookup(&name, &lists, format),
        Command::Diff { what: Diff::Rules { old, new, facts, format } } => diff_rules(&old, &new, &facts, format),
        Command::Schema { what: SchemaOf::Tree } => {
            out!("{}", grassroots::org::json_schema());
            Ok(())
        }
        Command::Schema { what: SchemaOf::Facts } => {
            out!("{}", serde_json::to_string_pretty(&grassroots::rules::FactCatalogue::core()).unwrap_or_default());
            Ok(())
        }
        Command::Schema { what: SchemaOf::Cases } => {
            out!("{}", grassroots::cases::json_schema());
            Ok(())
        }
        Command::Generate { what: Generate::Tree { communities, streets, seed, members } } => generate_tree(communities, streets, seed, &members),
        Command::Generate { what: Generate::Scorecard { rules, org, seed } } => generate_scorecard(&rules, &org, seed),
        Command::Generate { what: Generate::Services { org, seed, year, until } } => generate_services(&org, seed, year, until.as_deref()),
        Command::Generate { what: Generate::Lists { org, seed, year, version, county } } => generate_lists(&org, seed, year, version, county.as_deref()),
        Command::Generate { what: Generate::Cases { org, seed, from, to, now, volume } } => cases_cli::generate(&org, seed, (from, to), now, volume),
        Command::Validate { what: Validate::Geo(what) } => geo_cli::validate(what),
        Command::Generate { what: Generate::Geo(what) } => geo_cli::generate_geo(what),
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

/// The `--format` a command was given, if it takes one.
fn format_of(command: &Command) -> Option<Format> {
    match command {
        Command::Validate { what } => Some(match what {
            Validate::Tree { format, .. }
            | Validate::Cases { format, .. }
            | Validate::Rules { format, .. }
            | Validate::Lists { format, .. }
            | Validate::Demands { format, .. }
            | Validate::Claims { format, .. } => *format,
            Validate::Geo(geo_cli::ValidateGeo::Geo { format, .. }) => *format,
        }),
        Command::Stats { what: Stats::Tree { format, .. } } => Some(*format),
        Command::Diff { what: Diff::Tree { format, .. } | Diff::Lists { format, .. } | Diff::Rules { format, .. } } => Some(*format),
        Command::Eval { format, .. } | Command::Clocks { format, .. } | Command::Metrics { format, .. } => Some(*format),
        Command::Lookup { what: Lookup::Certificate { format, .. } } => Some(*format),
        _ => None,
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
        .map_err(|e| Fail::Unreadable(format!("{arg}: not a preset (laifeng, xinxiang, street, county) nor a schema file: {e}")))
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

/// The JSON report of a file's problems, to which a command may add what it found.
fn problems_json(file: &Path, problems: &[Problem]) -> serde_json::Value {
    let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
    serde_json::json!({
        "file": file.display().to_string(),
        "valid": errors == 0,
        "errors": errors,
        "warnings": problems.len() - errors,
        "problems": problems,
    })
}

fn print_problems(file: &Path, problems: &[Problem], format: Format) {
    match format {
        Format::Json | Format::Xlsx => out!("{}", serde_json::to_string_pretty(&problems_json(file, problems)).unwrap_or_default()),
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
        Format::Json | Format::Xlsx => {
            let levels = org.level_counts(id);
            let out = serde_json::json!({ "node": figures, "levels": levels });
            return emit(&out, format, &format!("{} 统计", figures.name));
        }
        Format::Text => {
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
            for line in org_cli::lines(r, &figures.coverage) {
                out!("{line}");
            }
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
        Format::Json | Format::Xlsx => out!("{}", serde_json::to_string_pretty(&diff).unwrap_or_default()),
        Format::Text if diff.is_empty() => out!("no changes"),
        Format::Text => {
            use std::io::Write;
            let _ = write!(std::io::stdout(), "{diff}");
        }
    }
    Ok(())
}

fn generate_tree(communities: u32, streets: u32, seed: u64, members: &str) -> Result<(), Fail> {
    use grassroots::org::generate::{GenOptions, generate};
    let range = members.split_once('-').and_then(|(low, high)| Some((low.trim().parse().ok()?, high.trim().parse().ok()?)));
    let Some((low, high)) = range else {
        return Err(Fail::Unreadable(format!("--members takes LOW-HIGH, e.g. 10-20, not \"{members}\"")));
    };
    let options = GenOptions::new(communities).streets(streets).seed(seed).members_per_group(low, high);
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
    if format != Format::Text {
        let title = format!("{} {} → {}", diff.old.id, diff.old.version, diff.new.version);
        return emit(&serde_json::to_value(&diff).unwrap_or_default(), format, &title);
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

fn eval(rules_file: &Path, facts: Option<&Path>, org: Option<&Path>, explain: bool, format: Format) -> Result<(), Fail> {
    let rules = match load_rules(rules_file)? {
        Ok(rules) => rules,
        Err(problems) => return report(rules_file, &problems, Format::Text),
    };
    let given = match facts {
        Some(file) => load_entities(file)?,
        None if org.is_some() => Vec::new(),
        None => return Err(Fail::Unreadable("give the entities' FACTS file, an organization with --org, or both".into())),
    };
    let entities = match org {
        None => given,
        Some(path) => match load(path, None)? {
            Ok(org) => grassroots::rules::tree_entities(&org, rules.entity(), &given),
            Err(problems) => return report(path, &problems, Format::Text),
        },
    };
    let facts_file = facts.or(org).unwrap_or(rules_file);
    let result = rules.evaluate(&entities);
    if format != Format::Text {
        let title = format!("{} {}", result.rule_set, result.version);
        return emit(&serde_json::to_value(&result).unwrap_or_default(), format, &title);
    }
    out!("{} {}", result.rule_set, result.version);
    let mut order: Vec<_> = result.entities.iter().collect();
    // Rated entities by rank, then those not rated in input order.
    order.sort_by_key(|e| e.rank.unwrap_or(usize::MAX));
    for e in order {
        let tier = serde_json::to_value(e.tier).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        let sections: Vec<String> = e.sections.iter().map(|s| format!("{} {}", s.id, s.score)).collect();
        let rank = e.rank.map_or_else(|| "-".to_owned(), |r| r.to_string());
        out!("{:>4}  {:<20} {:>7} {:<10} {}", rank, e.id, e.total, tier, sections.join(", "));
        if let Some(reason) = &e.not_rated {
            out!("        {}", reason.zh);
        }
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

fn load_lists(file: &Path) -> Result<Result<Lists, Vec<Problem>>, Fail> {
    match Lists::from_json(&read(file)?) {
        Ok(lists) => Ok(Ok(lists)),
        Err(e) => Ok(Err(problems_of(file, e)?)),
    }
}

/// Loads lists for a command that needs them valid: errors are printed and end it (exit 1).
fn valid_lists(file: &Path) -> Result<Lists, Fail> {
    match load_lists(file)? {
        Ok(lists) => Ok(lists),
        Err(problems) => {
            report(file, &problems, Format::Text)?;
            Err(Fail::Invalid)
        }
    }
}

fn validate_lists(file: &Path, format: Format) -> Result<(), Fail> {
    match load_lists(file)? {
        Ok(lists) => report(file, lists.warnings(), format),
        Err(problems) => report(file, &problems, format),
    }
}

fn diff_lists(old: &Path, new: &Path, format: Format) -> Result<(), Fail> {
    let diff = ListDiff::between(&valid_lists(old)?, &valid_lists(new)?);
    match format {
        Format::Json | Format::Xlsx => {
            let title = format!("{} → {}", old.display(), new.display());
            return emit(&serde_json::to_value(&diff).unwrap_or_default(), format, &title);
        }
        Format::Text => {
            use std::io::Write;
            let _ = write!(std::io::stdout(), "{diff}");
        }
    }
    Ok(())
}

fn lookup(name: &str, file: &Path, format: Format) -> Result<(), Fail> {
    let lists = valid_lists(file)?;
    let answers = lookup_certificate(&lists, name).map_err(|e| Fail::Unreadable(e.to_string()))?;
    match format {
        Format::Json | Format::Xlsx => {
            let out = serde_json::json!({ "query": name, "lists": lists.id(), "version": lists.version(), "answers": answers });
            out!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        Format::Text if answers.is_empty() => {
            out!("no certificate matches \"{name}\" in {} {}", lists.id(), lists.version());
        }
        Format::Text => {
            use std::io::Write;
            for answer in &answers {
                let _ = write!(std::io::stdout(), "{answer}");
            }
        }
    }
    if answers.is_empty() { Err(Fail::Invalid) } else { Ok(()) }
}

/// The part of a services document a command checks.
#[derive(Clone, Copy)]
enum Part {
    /// Demands and offers.
    Demands,
    /// Claims, the ledger and its targets.
    Claims,
}

impl Part {
    /// Whether a problem concerns this part; problems of the document as a whole concern both.
    fn concerns(self, path: &str) -> bool {
        let section = path.strip_prefix("$.").map(|rest| &rest[..rest.find(['[', '.']).unwrap_or(rest.len())]);
        let mine: &[&str] = match self {
            Part::Demands => &["demands", "offers"],
            Part::Claims => &["claims", "ledger", "targets"],
        };
        let all = ["demands", "offers", "claims", "ledger", "targets"];
        section.is_none_or(|s| mine.contains(&s) || !all.contains(&s))
    }
}

/// Reads a services document (and the organization, when given) and keeps the problems of
/// one part: `Err` when those include an error (printed already, exit 1).
fn load_services(file: &Path, org: Option<&Path>, part: Part, format: Format) -> Result<(ServicesDocument, Vec<Problem>, Option<Organization>), Fail> {
    let org = match org {
        None => None,
        Some(path) => match load(path, None)? {
            Ok(org) => Some(org),
            Err(problems) => {
                report(path, &problems, format)?;
                return Err(Fail::Invalid);
            }
        },
    };
    let text = read(file)?;
    let (doc, problems) = match ServicesDocument::read(&text, org.as_ref()) {
        Ok(read) => read,
        Err(e) => {
            report(file, &problems_of(file, e)?, format)?;
            return Err(Fail::Invalid);
        }
    };
    let problems: Vec<Problem> = problems.into_iter().filter(|p| part.concerns(&p.path)).collect();
    if problems.iter().any(|p| p.severity == Severity::Error) {
        report(file, &problems, format)?;
    }
    Ok((doc, problems, org))
}

fn validate_demands(file: &Path, org: Option<&Path>, format: Format) -> Result<(), Fail> {
    let (doc, problems, org) = load_services(file, org, Part::Demands, format)?;
    let matching = match_demands(&doc, org.as_ref());
    match format {
        Format::Json | Format::Xlsx => {
            let mut report = problems_json(file, &problems);
            report["matching"] = serde_json::to_value(&matching).unwrap_or_default();
            out!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
        }
        Format::Text => {
            for m in &matching.matches {
                out!("matched   {} → {}: {}", m.demand, m.offer, m.reason.zh);
            }
            for u in &matching.unmatched {
                out!("unmatched {}: {}", u.demand, u.reason.zh);
            }
            out!("{}: {} matched, {} unmatched", file.display(), matching.matches.len(), matching.unmatched.len());
            print_problems(file, &problems, format);
        }
    }
    Ok(())
}

fn validate_claims(file: &Path, org: Option<&Path>, year: Option<i32>, format: Format) -> Result<(), Fail> {
    use chrono::Datelike;
    let (doc, problems, _) = load_services(file, org, Part::Claims, format)?;
    let mut years: Vec<i32> = doc.ledger().iter().map(|r| r.date.naive().year()).collect();
    years.sort_unstable();
    years.dedup();
    let years = year.map_or(years, |y| vec![y]);
    let ledger: Vec<_> = years.iter().flat_map(|&y| ledger_figures(&doc, y)).collect();
    match format {
        Format::Json | Format::Xlsx => {
            let mut report = problems_json(file, &problems);
            let claims: Vec<_> = doc.claims().iter().map(|c| serde_json::json!({"id": c.id(), "state": c.state(), "rating": c.rating()})).collect();
            let ledger: Vec<_> = ledger.iter().map(|(p, f)| serde_json::json!({"provider": p, "figures": f})).collect();
            report["claims"] = serde_json::Value::from(claims);
            report["ledger"] = serde_json::Value::from(ledger);
            out!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
        }
        Format::Text => {
            let counts: Vec<String> = ClaimState::ALL
                .iter()
                .map(|&s| (s, doc.claims().iter().filter(|c| c.state() == s).count()))
                .filter(|(_, n)| *n > 0)
                .map(|(s, n)| format!("{s} {n}"))
                .collect();
            out!("claims: {} ({})", doc.claims().len(), counts.join(", "));
            for (p, f) in &ledger {
                let target = match (f.target_hours, f.target_met) {
                    (Some(t), Some(true)) => format!("/{t} met"),
                    (Some(t), _) => format!("/{t} not met"),
                    _ => " (no target)".to_owned(),
                };
                let completion = f.completion.map_or_else(|| "n/a".to_owned(), |c| format!("{:.0}%", c * 100.0));
                out!(
                    "{} {:<16} hours {}{target}, records {}, services {}, claims {}/{} done ({completion}), projects {}",
                    f.year, p.to_string(), f.hours, f.records, f.services, f.claims_done, f.claims_taken, f.projects
                );
            }
            print_problems(file, &problems, format);
        }
    }
    Ok(())
}

fn generate_scorecard(rules_file: &Path, org_file: &Path, seed: u64) -> Result<(), Fail> {
    let text = read(rules_file)?;
    let rules_json: serde_json::Value = serde_json::from_str(&text).map_err(|e| Fail::Unreadable(format!("{}: {e}", rules_file.display())))?;
    let rules = match RuleSet::from_value(&rules_json) {
        Ok(rules) => rules,
        Err(e) => return report(rules_file, &e.problems(), Format::Text),
    };
    let org = generator_org(org_file)?;
    let doc = grassroots::rules::generate::scorecard_document(&org, &rules, &rules_json, seed);
    out!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    Ok(())
}

/// Loads the organization a generator works from; its problems are reported (exit 1).
/// The organization a generator works from; its errors printed (exit 1) when it has any.
fn generator_org(org_file: &Path) -> Result<Organization, Fail> {
    match load(org_file, None)? {
        Ok(org) => Ok(org),
        Err(problems) => report(org_file, &problems, Format::Text).and(Err(Fail::Invalid)),
    }
}

fn generate_services(org_file: &Path, seed: u64, year: i32, until: Option<&str>) -> Result<(), Fail> {
    use grassroots::services::generate::{SeasonOptions, season};
    let mut options = SeasonOptions::new(year).seed(seed);
    if let Some(text) = until {
        let day = grassroots::org::Date::parse(text.trim()).ok_or_else(|| Fail::Unreadable(format!("--until takes a day written YYYY-MM-DD, not \"{text}\"")))?;
        options = options.until(day);
    }
    let org = generator_org(org_file)?;
    out!("{}", season(&org, options).to_json());
    Ok(())
}

fn generate_lists(org_file: &Path, seed: u64, year: i32, version: ListsVersion, county: Option<&str>) -> Result<(), Fail> {
    use grassroots::lists::generate::{ListsOptions, county_lists};
    let org = generator_org(org_file)?;
    let mut options = ListsOptions::new(year).seed(seed);
    if let Some(name) = county.filter(|c| !c.trim().is_empty()) {
        options = options.county(name.trim());
    }
    let lists = county_lists(&org, &options);
    let json = match version {
        ListsVersion::Both => lists.to_json(),
        ListsVersion::Old => lists.old.to_json(),
        ListsVersion::New => lists.new.to_json(),
    };
    out!("{json}");
    Ok(())
}
