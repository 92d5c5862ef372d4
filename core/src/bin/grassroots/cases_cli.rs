//! The cases commands: `validate cases`, `clocks`, `metrics`, `generate cases`.

use std::path::Path;

use grassroots::cases::{self, CaseClocks, CasesDoc, ClockStatus, Escalation, MetricsOptions, Rate, Timestamp, human};

use super::{Fail, Format, generator_org, load, problems_of, read, report};

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
fn loaded(file: &Path) -> Result<CasesDoc, Fail> {
    match load_cases(file)? {
        Ok(doc) => Ok(doc),
        Err(problems) => report(file, &problems, Format::Text).and(Err(Fail::Invalid)),
    }
}

pub(crate) fn validate(file: &Path, format: Format) -> Result<(), Fail> {
    match load_cases(file)? {
        Ok(doc) => report(file, doc.warnings(), format),
        Err(problems) => report(file, &problems, format),
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

pub(crate) fn clocks(file: &Path, now: Timestamp, format: Format) -> Result<(), Fail> {
    let doc = loaded(file)?;
    let all = cases::clocks(&doc, now);
    match format {
        Format::Json | Format::Xlsx => {
            let out = serde_json::json!({ "now": now, "cases": all });
            return super::emit(&out, format, &format!("时限 {now}"));
        }
        Format::Text => {
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

pub(crate) fn metrics(file: &Path, org: &Path, from: Timestamp, to: Timestamp, min_sample: u64, format: Format) -> Result<(), Fail> {
    if to <= from {
        return Err(Fail::Unreadable(format!("--to ({to}) must be after --from ({from})")));
    }
    let doc = loaded(file)?;
    let organization = match load(org, None)? {
        Ok(o) => o,
        Err(problems) => return report(org, &problems, Format::Text).and(Err(Fail::Invalid)),
    };
    let tree = organization.tree();
    let options = MetricsOptions::new(from, to).min_sample(min_sample);
    let result = cases::metrics(&doc, tree, &options);
    let unknown = doc.check_nodes(tree);
    match format {
        Format::Json | Format::Xlsx => {
            let out = serde_json::json!({ "metrics": result, "warnings": unknown });
            return super::emit(&out, format, &format!("办件指标 {from} – {to}"));
        }
        Format::Text => {
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

pub(crate) fn generate(org: &Path, seed: u64, (from, to): (grassroots::org::Date, grassroots::org::Date), now: Timestamp, volume: f64) -> Result<(), Fail> {
    use grassroots::cases::generate::{SeasonOptions, season};
    if to < from {
        return Err(Fail::Unreadable(format!("--to ({to}) must not be before --from ({from})")));
    }
    let organization = generator_org(org)?;
    let options = SeasonOptions::new(from, to, now).seed(seed).volume(volume);
    out!("{}", season(&organization, options).to_json());
    Ok(())
}
