//! The cases commands: `validate cases`, `clocks`, `metrics`, `schema cases`,
//! `generate cases`.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use grassroots::cases::{self, CaseClocks, CasesDoc, ClockStatus, Escalation, MetricsOptions, Rate, Timestamp, human};

use super::report::{self, CHECKS, Ctx, DOCUMENTS, Fail, Format, TABLES, problems_of, read, stop};
use super::tree_cli;

#[derive(Subcommand)]
pub(crate) enum Commands {
    /// Every SLA clock of every case at a moment: met (with the margin), breached (by how
    /// much) or running (how much is left), and where each whistle dispatch stands.
    Clocks {
        /// The cases document (.json).
        cases: PathBuf,
        /// The moment to read the clocks at, RFC 3339 (2026-07-01T08:30:00+08:00).
        #[arg(long, value_parser = parse_time)]
        now: Timestamp,
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
        #[arg(long, value_parser = parse_bound)]
        from: Timestamp,
        /// The day or instant after the period.
        #[arg(long, value_parser = parse_bound)]
        to: Timestamp,
        /// Rates over fewer cases than this are "not enough cases".
        #[arg(long, default_value_t = grassroots::cases::DEFAULT_MIN_SAMPLE)]
        min_sample: u64,
    },
}

#[derive(Subcommand)]
pub(crate) enum Validate {
    /// A cases document (.json): the workflow order of every case, times that never go
    /// backwards, repeated steps or events, profile and preset names.
    Cases { file: PathBuf },
}

#[derive(Subcommand)]
pub(crate) enum Schema {
    /// The cases document (`validate cases` checks more: step order, times, references).
    Cases,
}

#[derive(Subcommand)]
pub(crate) enum Generate {
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
        #[arg(long, value_parser = parse_day)]
        from: grassroots::org::Date,
        /// The last day of the season (YYYY-MM-DD), included.
        #[arg(long, value_parser = parse_day)]
        to: grassroots::org::Date,
        /// The moment the demo is at, RFC 3339: nothing happens after it.
        #[arg(long, value_parser = parse_time)]
        now: Timestamp,
        /// Cases per grid per month on average.
        #[arg(long, default_value_t = grassroots::cases::generate::DEFAULT_VOLUME)]
        volume: f64,
    },
}

pub(crate) fn run(command: Commands, ctx: &Ctx) -> Result<(), Fail> {
    ctx.only(TABLES)?;
    match command {
        Commands::Clocks { cases, now } => clocks(ctx, &cases, now),
        Commands::Metrics { cases, org, from, to, min_sample } => metrics(ctx, &cases, &org, (from, to), min_sample),
    }
}

pub(crate) fn schema(what: Schema, ctx: &Ctx) -> Result<(), Fail> {
    ctx.only(&[Format::Text, Format::Json])?;
    let Schema::Cases = what;
    out!("{}", grassroots::cases::json_schema());
    Ok(())
}

/// `--now`: an RFC 3339 instant; clap turns an error into exit 2 with this message.
pub(crate) fn parse_time(text: &str) -> Result<Timestamp, String> {
    // A command-line argument may carry stray spaces from a shell script; the documents may not.
    Timestamp::parse(text.trim()).ok_or_else(|| grassroots::time::expected_rfc3339(text))
}

/// `--from`/`--to`: a day (from its midnight, +08:00) or an RFC 3339 instant.
pub(crate) fn parse_bound(text: &str) -> Result<Timestamp, String> {
    grassroots::org::Date::parse(text)
        .and_then(Timestamp::start_of)
        .or_else(|| Timestamp::parse(text.trim()))
        .ok_or_else(|| format!("expected a day (2026-07-01) or an RFC 3339 time (2026-07-01T08:30:00+08:00), got \"{text}\""))
}

/// `--from`/`--to` of `generate cases`: a day.
pub(crate) fn parse_day(text: &str) -> Result<grassroots::org::Date, String> {
    grassroots::org::Date::parse(text.trim()).ok_or_else(|| format!("expected a day such as 2026-07-01, got \"{text}\""))
}

fn load_cases(file: &Path) -> Result<Result<CasesDoc, Vec<grassroots::Problem>>, Fail> {
    match CasesDoc::from_json(&read(file)?) {
        Ok(doc) => Ok(Ok(doc)),
        Err(e) => Ok(Err(problems_of(file, e)?)),
    }
}

/// Loads a cases document; a document with errors ends the command after printing them.
fn loaded(ctx: &Ctx, file: &Path) -> Result<CasesDoc, Fail> {
    match load_cases(file)? {
        Ok(doc) => Ok(doc),
        Err(problems) => stop(ctx, file, &problems),
    }
}

pub(crate) fn validate(what: Validate, ctx: &Ctx) -> Result<(), Fail> {
    ctx.only(CHECKS)?;
    let Validate::Cases { file } = what;
    match load_cases(&file)? {
        Ok(doc) => report::report(ctx, &file, doc.warnings()),
        Err(problems) => report::report(ctx, &file, &problems),
    }
}

fn status_text(status: &ClockStatus, deadline: Timestamp) -> String {
    match *status {
        ClockStatus::Met { at, margin_seconds } => format!("met, {} to spare (at {at})", human(margin_seconds)),
        ClockStatus::Breached { at: Some(at), by_seconds } => format!("BREACHED by {} (at {at}, due {deadline})", human(by_seconds)),
        ClockStatus::Breached { at: None, by_seconds } => format!("BREACHED by {} (not yet, due {deadline})", human(by_seconds)),
        ClockStatus::Running { left_seconds } => format!("running, {} left (due {deadline})", human(left_seconds)),
        ClockStatus::NotApplicable { .. } => "not applicable: the case had not opened yet".to_owned(),
    }
}

fn escalation_text(e: &Escalation) -> String {
    let mut text = format!("dispatch: route {}, level {} {} ({}) since {}, due {}", e.route, e.level, e.role, e.zh, e.since, e.due);
    if let Some(at) = e.arrived {
        text.push_str(&format!(", reported at {at}"));
    }
    if let Some(s) = e.overdue_seconds {
        text.push_str(&format!(", {} past the route's deadline", human(s)));
    }
    if e.exhausted {
        text.push_str(", top of the ladder missed its deadline too");
    }
    text
}

fn print_case(c: &CaseClocks) {
    out!("{} {} (opened {})", c.case, c.title, c.opened);
    if c.clocks.is_empty() {
        out!("  no SLA clock applies");
    }
    for clock in &c.clocks {
        let name = format!("{}/{}", clock.profile, clock.clock);
        out!("  {name:<28} {:<5} {}", clock.within.to_string(), status_text(&clock.status, clock.deadline));
    }
    if let Some(e) = &c.escalation {
        out!("  {}", escalation_text(e));
    }
}

fn clocks(ctx: &Ctx, file: &Path, now: Timestamp) -> Result<(), Fail> {
    let doc = loaded(ctx, file)?;
    let all = cases::clocks(&doc, now);
    match ctx.text() {
        false => {
            let out = serde_json::json!({ "now": now, "cases": all });
            return ctx.emit(&out, &format!("时限 {now}"));
        }
        true => {
            out!("clocks at {now}");
            for c in &all {
                print_case(c);
            }
            let statuses = all.iter().flat_map(|c| &c.clocks).map(|c| &c.status);
            let (mut met, mut breached, mut running) = (0, 0, 0);
            for s in statuses {
                match s {
                    ClockStatus::Met { .. } => met += 1,
                    ClockStatus::Breached { .. } => breached += 1,
                    ClockStatus::Running { .. } => running += 1,
                    ClockStatus::NotApplicable { .. } => {}
                }
            }
            out!("{} case(s): {met} clock(s) met, {breached} breached, {running} running", all.len());
        }
    }
    Ok(())
}

fn rate_text(rate: &Rate, min_sample: u64) -> String {
    match rate.value {
        Some(v) => format!("{:.1}% ({}/{})", v * 100.0, rate.numerator, rate.denominator),
        None if rate.denominator == 0 => "n/a (0/0)".to_owned(),
        None => format!("not enough cases ({}/{}, fewer than {min_sample})", rate.numerator, rate.denominator),
    }
}

fn metrics(ctx: &Ctx, file: &Path, org: &Path, (from, to): (Timestamp, Timestamp), min_sample: u64) -> Result<(), Fail> {
    if to <= from {
        return Err(Fail::Unreadable(format!("--to ({to}) must be after --from ({from})")));
    }
    let doc = loaded(ctx, file)?;
    let organization = tree_cli::valid_org(ctx, org)?;
    let tree = organization.tree();
    let options = MetricsOptions::new(from, to).min_sample(min_sample);
    let result = cases::metrics(&doc, tree, &options);
    let unknown = doc.check_nodes(tree);
    match ctx.text() {
        false => {
            let out = serde_json::json!({ "metrics": result, "warnings": unknown });
            return ctx.emit(&out, &format!("办件指标 {from} – {to}"));
        }
        true => {
            out!("cases opened from {from} to {to} (minimum sample {min_sample})");
            for m in &result.nodes {
                let depth = tree.find(&m.node).map_or(0, |id| tree.node(id).depth()) as usize;
                out!("{}{} {} ({}): {} case(s)", "  ".repeat(depth), m.node, m.name, m.level, m.cases);
                if m.cases == 0 {
                    continue;
                }
                let pad = "  ".repeat(depth + 1);
                for (label, rate) in [
                    ("response", &m.response),
                    ("resolution", &m.resolution),
                    ("satisfaction", &m.satisfaction),
                    ("on-time closure", &m.on_time_closure),
                    ("1310 clocks met", &m.clocks_1310),
                    ("12345 clocks met", &m.clocks_12345),
                ] {
                    out!("{pad}{label:<17} {}", rate_text(rate, min_sample));
                }
            }
            for p in &unknown {
                out!("{}: warning: {p}", file.display());
            }
        }
    }
    Ok(())
}

pub(crate) fn generate(what: Generate, ctx: &Ctx) -> Result<(), Fail> {
    use grassroots::cases::generate::{SeasonOptions, season};
    ctx.only(DOCUMENTS)?;
    let Generate::Cases { org, seed, from, to, now, volume } = what;
    if to < from {
        return Err(Fail::Unreadable(format!("--to ({to}) must not be before --from ({from})")));
    }
    let organization = tree_cli::valid_org(ctx, &org)?;
    let options = SeasonOptions::new(from, to, now).seed(seed).volume(volume);
    out!("{}", season(&organization, options).to_json());
    Ok(())
}
