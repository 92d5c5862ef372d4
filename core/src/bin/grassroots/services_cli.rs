//! The services commands (需求清单 → 服务清单 → 认领, 双报到): `validate demands`,
//! `validate claims`, `generate services`.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use grassroots::services::{ClaimState, ServicesDocument, ledger_figures, match_demands};
use grassroots::{Organization, Problem, Severity};

use super::report::{self, CHECKS, Ctx, DOCUMENTS, Fail, Format, problems_of, read, stop};
use super::tree_cli;

#[derive(Subcommand)]
pub(crate) enum Validate {
    /// A services document (.json): its demands and offers, then the matcher's outcome: every
    /// demand matched to an offer or left unmatched, with the reason.
    Demands {
        file: PathBuf,
        /// An organization document whose grids, communities, members and units the
        /// references must name; with it, an offer serving a community covers its grids.
        #[arg(long)]
        org: Option<PathBuf>,
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
    },
}

#[derive(Subcommand)]
pub(crate) enum Generate {
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
fn load(ctx: &Ctx, file: &Path, org: Option<&Path>, part: Part) -> Result<(ServicesDocument, Vec<Problem>, Option<Organization>), Fail> {
    let org = org.map(|path| tree_cli::valid_org(ctx, path)).transpose()?;
    let text = read(file)?;
    let (doc, problems) = match ServicesDocument::read(&text, org.as_ref()) {
        Ok(read) => read,
        Err(e) => return stop(ctx, file, &problems_of(file, e)?),
    };
    let problems: Vec<Problem> = problems.into_iter().filter(|p| part.concerns(&p.path)).collect();
    if problems.iter().any(|p| p.severity == Severity::Error) {
        return stop(ctx, file, &problems);
    }
    Ok((doc, problems, org))
}

pub(crate) fn validate(what: Validate, ctx: &Ctx) -> Result<(), Fail> {
    ctx.only(CHECKS)?;
    match what {
        Validate::Demands { file, org } => demands(ctx, &file, org.as_deref()),
        Validate::Claims { file, org, year } => claims(ctx, &file, org.as_deref(), year),
    }
}

fn demands(ctx: &Ctx, file: &Path, org: Option<&Path>) -> Result<(), Fail> {
    let (doc, problems, org) = load(ctx, file, org, Part::Demands)?;
    let matching = match_demands(&doc, org.as_ref());
    match ctx.format {
        Format::Json => {
            let mut report = report::problems_json(file, &problems);
            report["matching"] = serde_json::to_value(&matching).unwrap_or_default();
            out!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
        }
        Format::Text | Format::Github => {
            for m in &matching.matches {
                out!("matched   {} → {}: {}", m.demand, m.offer, m.reason.zh);
            }
            for u in &matching.unmatched {
                out!("unmatched {}: {}", u.demand, u.reason.zh);
            }
            out!("{}: {} matched, {} unmatched", file.display(), matching.matches.len(), matching.unmatched.len());
            report::print_problems(ctx, file, &problems);
        }
        Format::Junit | Format::Sarif | Format::Xlsx => report::print_problems(ctx, file, &problems),
    }
    Ok(())
}

fn claims(ctx: &Ctx, file: &Path, org: Option<&Path>, year: Option<i32>) -> Result<(), Fail> {
    use chrono::Datelike;
    let (doc, problems, _) = load(ctx, file, org, Part::Claims)?;
    let mut years: Vec<i32> = doc.ledger().iter().map(|r| r.date.naive().year()).collect();
    years.sort_unstable();
    years.dedup();
    let years = year.map_or(years, |y| vec![y]);
    let ledger: Vec<_> = years.iter().flat_map(|&y| ledger_figures(&doc, y)).collect();
    match ctx.format {
        Format::Json => {
            let mut report = report::problems_json(file, &problems);
            let claims: Vec<_> = doc.claims().iter().map(|c| serde_json::json!({"id": c.id(), "state": c.state(), "rating": c.rating()})).collect();
            let ledger: Vec<_> = ledger.iter().map(|(p, f)| serde_json::json!({"provider": p, "figures": f})).collect();
            report["claims"] = serde_json::Value::from(claims);
            report["ledger"] = serde_json::Value::from(ledger);
            out!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
        }
        Format::Text | Format::Github => {
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
            report::print_problems(ctx, file, &problems);
        }
        Format::Junit | Format::Sarif | Format::Xlsx => report::print_problems(ctx, file, &problems),
    }
    Ok(())
}

pub(crate) fn generate(what: Generate, ctx: &Ctx) -> Result<(), Fail> {
    use grassroots::services::generate::{SeasonOptions, season};
    ctx.only(DOCUMENTS)?;
    let Generate::Services { org, seed, year, until } = what;
    let mut options = SeasonOptions::new(year).seed(seed);
    if let Some(text) = until.as_deref() {
        let day = grassroots::org::Date::parse(text.trim()).ok_or_else(|| Fail::Unreadable(format!("--until takes a day written YYYY-MM-DD, not \"{text}\"")))?;
        options = options.until(day);
    }
    let org = tree_cli::valid_org(ctx, &org)?;
    out!("{}", season(&org, options).to_json());
    Ok(())
}
