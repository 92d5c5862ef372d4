//! `grassroots`: check organization data and rule sets in CI before they are published.
//!
//! Exit codes: 0 valid (warnings are printed), 1 the data has errors (every one is listed),
//! 2 the file cannot be read or is not JSON/CSV at all. `lookup certificate` exits 1 when no
//! certificate matches, and 2 when the name asked is empty or too short to look up.
//!
//! This file is the command line's shape and its dispatch, nothing else. Each command family
//! lives in a module of its own under `grassroots/` (tree, rules, lists, services, cases, geo,
//! sheets, init, docs): it defines its subcommands (clap `Subcommand` enums, flattened into
//! the verbs below) and runs them. Every output format is in `grassroots/report.rs`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

/// Writes a line to standard output. A closed pipe (`grassroots … | head`) is not an error
/// worth a panic: the output is simply no longer wanted.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

// A file directly in src/bin would become a binary of its own, hence the paths. Declared
// after `out!` so that the macro is in scope in them.
#[path = "grassroots/cases_cli.rs"]
mod cases_cli;
#[path = "grassroots/docs_cli.rs"]
mod docs_cli;
#[path = "grassroots/geo_cli.rs"]
mod geo_cli;
#[path = "grassroots/init_cli.rs"]
mod init_cli;
#[path = "grassroots/lists_cli.rs"]
mod lists_cli;
#[path = "grassroots/report.rs"]
mod report;
#[path = "grassroots/recut_cli.rs"]
mod recut_cli;
#[path = "grassroots/org_cli.rs"]
mod org_cli;
#[path = "grassroots/rules_cli.rs"]
mod rules_cli;
#[path = "grassroots/services_cli.rs"]
mod services_cli;
#[path = "grassroots/sheets_cli.rs"]
mod sheets_cli;
#[path = "grassroots/tree_cli.rs"]
mod tree_cli;
#[path = "grassroots/workbook.rs"]
mod workbook;

use report::{Ctx, Fail, Format, Lang};

#[derive(Parser)]
#[command(name = "grassroots", version, about = "Check grassroots-governance data before publishing it")]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The output: text (file:line:column: lines), json, github (workflow commands), junit
    /// (validators and test), sarif, or xlsx (table commands, with -o FILE).
    #[arg(long, global = true, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The file `--format xlsx` (and `export`) writes; for `import`, where the document goes
    /// (standard output without it in text; only there in the problem formats).
    #[arg(short = 'o', long, global = true)]
    output: Option<PathBuf>,
    /// The most bytes an input file may have [default: 536870912, 512 MiB]; a larger file is
    /// not read (exit 2).
    #[arg(long, global = true, value_name = "BYTES")]
    max_bytes: Option<usize>,
    /// The deepest nesting of arrays and objects a JSON document may have [default: 64].
    #[arg(long, global = true, value_name = "LEVELS")]
    max_depth: Option<usize>,
    /// The most bytes one JSON string or number may have as written [default: 1048576, 1 MiB].
    #[arg(long, global = true, value_name = "BYTES")]
    max_string: Option<usize>,
    /// The most items one JSON array (or keys one object) may have [default: 10000000].
    #[arg(long, global = true, value_name = "ITEMS")]
    max_records: Option<usize>,
    /// The language of problem messages: zh (中文) or en [default: en; `import` prints its
    /// own lines in Chinese unless asked]. Codes, paths and the JSON fields stay as they are.
    #[arg(long, global = true, value_enum)]
    lang: Option<Lang>,
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
        what: Schema,
    },
    /// Look something up in a file.
    Lookup {
        #[command(subcommand)]
        what: Lookup,
    },
    /// Write a realistic fictional document (新乡 shape), reproducible from a seed.
    Generate {
        #[command(subcommand)]
        what: Generate,
    },
    #[command(flatten)]
    Rules(rules_cli::Commands),
    #[command(flatten)]
    Cases(cases_cli::Commands),
    #[command(flatten)]
    Sheets(sheets_cli::Commands),
    #[command(flatten)]
    Init(init_cli::Commands),
    #[command(flatten)]
    Docs(docs_cli::Commands),
    /// Re-draw districts or grids from blocks: every part contiguous, inside its community,
    /// within a size range (--households 300..500) or balanced (--parts 25 --tolerance 0.05),
    /// moving as few blocks as the constraints allow. Exit 0 when every constraint holds, 1
    /// when some cannot (the best assignment found is printed, with the reasons), 2 when the
    /// input cannot be read. --format text (a table) or json.
    Recut(recut_cli::RecutArgs),
}

#[derive(Subcommand)]
enum Validate {
    #[command(flatten)]
    Tree(tree_cli::Validate),
    #[command(flatten)]
    Cases(cases_cli::Validate),
    #[command(flatten)]
    Rules(rules_cli::Validate),
    #[command(flatten)]
    Lists(lists_cli::Validate),
    #[command(flatten)]
    Services(services_cli::Validate),
    #[command(flatten)]
    Geo(geo_cli::Validate),
}

#[derive(Subcommand)]
enum Stats {
    #[command(flatten)]
    Tree(tree_cli::Stats),
}

#[derive(Subcommand)]
enum Diff {
    #[command(flatten)]
    Tree(tree_cli::Diff),
    #[command(flatten)]
    Lists(lists_cli::Diff),
    #[command(flatten)]
    Rules(rules_cli::Diff),
}

#[derive(Subcommand)]
enum Schema {
    #[command(flatten)]
    Tree(tree_cli::Schema),
    #[command(flatten)]
    Cases(cases_cli::Schema),
    #[command(flatten)]
    Rules(rules_cli::Schema),
}

#[derive(Subcommand)]
enum Lookup {
    #[command(flatten)]
    Lists(lists_cli::Lookup),
}

#[derive(Subcommand)]
enum Generate {
    #[command(flatten)]
    Tree(tree_cli::Generate),
    #[command(flatten)]
    Rules(rules_cli::Generate),
    #[command(flatten)]
    Services(services_cli::Generate),
    #[command(flatten)]
    Cases(cases_cli::Generate),
    #[command(flatten)]
    Lists(lists_cli::Generate),
    #[command(flatten)]
    Geo(geo_cli::Generate),
}

fn run(command: Command, ctx: &Ctx) -> Result<(), Fail> {
    match command {
        Command::Validate { what } => match what {
            Validate::Tree(w) => tree_cli::validate(w, ctx),
            Validate::Cases(w) => cases_cli::validate(w, ctx),
            Validate::Rules(w) => rules_cli::validate(w, ctx),
            Validate::Lists(w) => lists_cli::validate(w, ctx),
            Validate::Services(w) => services_cli::validate(w, ctx),
            Validate::Geo(w) => geo_cli::validate(w, ctx),
        },
        Command::Stats { what: Stats::Tree(w) } => tree_cli::stats(w, ctx),
        Command::Diff { what } => match what {
            Diff::Tree(w) => tree_cli::diff(w, ctx),
            Diff::Lists(w) => lists_cli::diff(w, ctx),
            Diff::Rules(w) => rules_cli::diff(w, ctx),
        },
        Command::Schema { what } => match what {
            Schema::Tree(w) => tree_cli::schema(w, ctx),
            Schema::Cases(w) => cases_cli::schema(w, ctx),
            Schema::Rules(w) => rules_cli::schema(w, ctx),
        },
        Command::Lookup { what: Lookup::Lists(w) } => lists_cli::lookup(w, ctx),
        Command::Generate { what } => match what {
            Generate::Tree(w) => tree_cli::generate(w, ctx),
            Generate::Rules(w) => rules_cli::generate(w, ctx),
            Generate::Services(w) => services_cli::generate(w, ctx),
            Generate::Cases(w) => cases_cli::generate(w, ctx),
            Generate::Lists(w) => lists_cli::generate(w, ctx),
            Generate::Geo(w) => geo_cli::generate(w, ctx),
        },
        Command::Rules(c) => rules_cli::run(c, ctx),
        Command::Cases(c) => cases_cli::run(c, ctx),
        Command::Sheets(c) => sheets_cli::run(c, ctx),
        Command::Init(c) => init_cli::run(c, ctx),
        Command::Docs(c) => docs_cli::run(c, ctx),
        Command::Recut(args) => recut_cli::run(args, ctx),
    }
}

/// The subcommand's name as typed, without arguments: `validate tree`.
fn command_name(matches: &clap::ArgMatches) -> String {
    let mut names = Vec::new();
    let mut at = matches;
    while let Some((name, sub)) = at.subcommand() {
        names.push(name.to_owned());
        at = sub;
    }
    names.join(" ")
}

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let default = grassroots::limits::Limits::DEFAULT;
    grassroots::limits::set(grassroots::limits::Limits {
        bytes: cli.max_bytes.unwrap_or(default.bytes),
        depth: cli.max_depth.unwrap_or(default.depth),
        string: cli.max_string.unwrap_or(default.string),
        records: cli.max_records.unwrap_or(default.records),
    });
    report::set_lang(cli.lang);
    let ctx = Ctx { format: cli.format, output: cli.output, command: command_name(&matches) };
    let result = run(cli.command, &ctx);
    report::finish(&ctx);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail::Invalid) => ExitCode::from(1),
        Err(Fail::Unreadable(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
