//! The evaluation rules' commands: `validate rules`, `eval`, `test`, `diff rules`,
//! `schema facts`, `generate scorecard`.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use grassroots::rules::{Entity, RuleSet, RuleSetDiff, cases};
use grassroots::Problem;

use super::report::{self, CHECKS, Case, Ctx, DOCUMENTS, Fail, Finding, Format, TABLES, problems_of, read, stop};
use super::tree_cli;

#[derive(Subcommand)]
pub(crate) enum Commands {
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
    },
    /// Run the case files (*.json) in a folder: rule set + entities + expected outcomes.
    /// Prints every difference and ends with "N passed, N failed"; exit 1 on any failure.
    /// With --format junit, a testcase per case file with the expected and actual text.
    Test { dir: PathBuf },
}

#[derive(Subcommand)]
pub(crate) enum Validate {
    /// A rule set (.json): its shape and the static checks (unknown facts, non-standard
    /// operators, type mismatches, unreachable thresholds and pass marks, duplicate ids).
    Rules { file: PathBuf },
}

#[derive(Subcommand)]
pub(crate) enum Diff {
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
    },
}

#[derive(Subcommand)]
pub(crate) enum Schema {
    /// The fact catalogue: every fact the core computes for rule sets to read, with its type,
    /// unit and names (a rule set may declare more of its own).
    Facts,
}

#[derive(Subcommand)]
pub(crate) enum Generate {
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
}

pub(crate) fn run(command: Commands, ctx: &Ctx) -> Result<(), Fail> {
    match command {
        Commands::Eval { rules, facts, org, explain } => eval(ctx, &rules, facts.as_deref(), org.as_deref(), explain),
        Commands::Test { dir } => test_cases(ctx, &dir),
    }
}

fn load_rules(file: &Path) -> Result<Result<RuleSet, Vec<Problem>>, Fail> {
    match RuleSet::from_json(&read(file)?) {
        Ok(rules) => Ok(Ok(rules)),
        Err(e) => Ok(Err(problems_of(file, e)?)),
    }
}

pub(crate) fn validate(what: Validate, ctx: &Ctx) -> Result<(), Fail> {
    ctx.only(CHECKS)?;
    let Validate::Rules { file } = what;
    match load_rules(&file)? {
        Ok(rules) => report::report(ctx, &file, rules.warnings()),
        Err(problems) => report::report(ctx, &file, &problems),
    }
}

/// Reads an entities file; its problems are printed and end the command (exit 1).
fn load_entities(ctx: &Ctx, file: &Path) -> Result<Vec<Entity>, Fail> {
    match Entity::list_from_json(&read(file)?) {
        Ok(entities) => Ok(entities),
        Err(e) => stop(ctx, file, &problems_of(file, e)?),
    }
}

pub(crate) fn diff(what: Diff, ctx: &Ctx) -> Result<(), Fail> {
    ctx.only(TABLES)?;
    let Diff::Rules { old, new, facts } = what;
    // Both rule sets are checked before giving up, so that one run lists every problem.
    let (before, after) = (load_rules(&old)?, load_rules(&new)?);
    let (before, after) = match (before, after) {
        (Ok(b), Ok(a)) => (b, a),
        (b, a) => {
            for (file, problems) in [(&old, b.err()), (&new, a.err())] {
                if let Some(problems) = problems {
                    report::print_problems(ctx, file, &problems);
                }
            }
            return Err(Fail::Invalid);
        }
    };
    let entities = load_entities(ctx, &facts)?;
    let diff = RuleSetDiff::between(&before, &after, &entities);
    if !ctx.text() {
        let title = format!("{} {} → {}", diff.old.id, diff.old.version, diff.new.version);
        return ctx.emit(&serde_json::to_value(&diff).unwrap_or_default(), &title);
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

fn eval(ctx: &Ctx, rules_file: &Path, facts: Option<&Path>, org: Option<&Path>, explain: bool) -> Result<(), Fail> {
    ctx.only(TABLES)?;
    let rules = match load_rules(rules_file)? {
        Ok(rules) => rules,
        Err(problems) => return report::report(ctx, rules_file, &problems),
    };
    let given = match facts {
        Some(file) => load_entities(ctx, file)?,
        None if org.is_some() => Vec::new(),
        None => return Err(Fail::Unreadable("give the entities' FACTS file, an organization with --org, or both".into())),
    };
    let entities = match org {
        None => given,
        Some(path) => grassroots::rules::tree_entities(&tree_cli::valid_org(ctx, path)?, rules.entity(), &given),
    };
    let facts_file = facts.or(org).unwrap_or(rules_file);
    let result = rules.evaluate(&entities);
    if !ctx.text() {
        let title = format!("{} {}", result.rule_set, result.version);
        return ctx.emit(&serde_json::to_value(&result).unwrap_or_default(), &title);
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
            out!("        {}", reason.zh());
        }
        if explain {
            for s in &e.sections {
                for i in &s.indicators {
                    out!("        {}/{}: {}", s.id, i.id(), i.reason().zh());
                }
            }
            for b in &e.bonuses {
                out!("        +{}: {}", b.id, b.reason.zh());
            }
            for v in &e.vetoes {
                out!("        !{}: {}", v.id, v.reason.zh());
            }
        }
    }
    for p in &result.diagnostics {
        out!("{}: warning: {p}", facts_file.display());
    }
    Ok(())
}

/// One case file's outcome: the mismatches (what, expected, actual), or why it could not run.
struct Outcome {
    file: PathBuf,
    mismatches: Vec<(String, String, String)>,
    broken: Option<String>,
}

impl Outcome {
    fn passed(&self) -> bool {
        self.mismatches.is_empty() && self.broken.is_none()
    }

    fn failure_text(&self) -> String {
        match &self.broken {
            Some(why) => why.clone(),
            None => self.mismatches.iter().map(|(what, expected, actual)| format!("{what}\n  expected: {expected}\n  actual:   {actual}")).collect::<Vec<_>>().join("\n"),
        }
    }
}

fn test_cases(ctx: &Ctx, dir: &Path) -> Result<(), Fail> {
    ctx.only(CHECKS)?;
    let entries = std::fs::read_dir(dir).map_err(|e| Fail::Unreadable(format!("cannot read {}: {e}", dir.display())))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut outcomes = Vec::new();
    for file in files {
        let text = read(&file)?;
        if let Err(e) = grassroots::limits::check(&text) {
            let problems: Vec<String> = e.problems().iter().map(ToString::to_string).collect();
            outcomes.push(Outcome { broken: Some(problems.join("; ")), file, mismatches: Vec::new() });
            continue;
        }
        let case: serde_json::Value = match serde_json::from_str(&text) {
            Ok(case) => case,
            Err(e) => {
                outcomes.push(Outcome { broken: Some(format!("not valid JSON: {e}")), file, mismatches: Vec::new() });
                continue;
            }
        };
        let folder = file.parent().unwrap_or(dir);
        let mismatches = cases::run_case(&case, |rules| {
            std::fs::read_to_string(folder.join(rules)).map_err(|e| format!("cannot read {}: {e}", folder.join(rules).display()))
        });
        let mismatches = mismatches.into_iter().map(|m| (m.what, m.expected, m.actual)).collect();
        outcomes.push(Outcome { file, mismatches, broken: None });
    }
    let passed = outcomes.iter().filter(|o| o.passed()).count();
    let failed = outcomes.len() - passed;
    match ctx.format {
        Format::Text | Format::Github => {
            for o in &outcomes {
                match (&o.broken, o.passed()) {
                    (Some(why), _) => out!("FAILED {}: {why}", o.file.display()),
                    (None, true) => out!("ok {}", o.file.display()),
                    (None, false) => {
                        out!("FAILED {}", o.file.display());
                        for (what, expected, actual) in &o.mismatches {
                            out!("  {what}\n    expected: {expected}\n    actual:   {actual}");
                        }
                    }
                }
                if ctx.format == Format::Github && !o.passed() {
                    out!("{}", report::github_line("error", &o.file, "grassroots test", &o.failure_text()));
                }
            }
            out!("{passed} passed, {failed} failed");
        }
        Format::Json | Format::Xlsx => {
            let cases: Vec<serde_json::Value> = outcomes
                .iter()
                .map(|o| {
                    serde_json::json!({
                        "file": o.file.display().to_string(),
                        "passed": o.passed(),
                        "error": o.broken,
                        "mismatches": o.mismatches.iter().map(|(what, expected, actual)| serde_json::json!({"what": what, "expected": expected, "actual": actual})).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let out = serde_json::json!({ "passed": passed, "failed": failed, "cases": cases });
            out!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        Format::Junit => {
            let cases: Vec<Case> = outcomes
                .iter()
                .map(|o| Case {
                    name: o.file.display().to_string(),
                    failure: (!o.passed()).then(|| {
                        let message = match &o.broken {
                            Some(_) => "the case file cannot be run".to_owned(),
                            None => format!("{} mismatch(es)", o.mismatches.len()),
                        };
                        (message, o.failure_text())
                    }),
                    out: String::new(),
                })
                .collect();
            out!("{}", report::junit(&ctx.command, &cases));
        }
        Format::Sarif => {
            let findings: Vec<Finding> = outcomes
                .iter()
                .filter(|o| !o.passed())
                .map(|o| Finding { rule: "case-mismatch".into(), file: o.file.clone(), message: o.failure_text() })
                .collect();
            out!("{}", serde_json::to_string_pretty(&report::sarif_findings(&findings)).unwrap_or_default());
        }
    }
    if failed > 0 { Err(Fail::Invalid) } else { Ok(()) }
}

pub(crate) fn schema(what: Schema, ctx: &Ctx) -> Result<(), Fail> {
    ctx.only(&[Format::Text, Format::Json])?;
    let Schema::Facts = what;
    out!("{}", serde_json::to_string_pretty(&grassroots::rules::FactCatalogue::core()).unwrap_or_default());
    Ok(())
}

pub(crate) fn generate(what: Generate, ctx: &Ctx) -> Result<(), Fail> {
    ctx.only(DOCUMENTS)?;
    let Generate::Scorecard { rules, org, seed } = what;
    let text = read(&rules)?;
    let rules_json: serde_json::Value = serde_json::from_str(&text).map_err(|e| Fail::Unreadable(format!("{}: {e}", rules.display())))?;
    let rule_set = match RuleSet::from_value(&rules_json) {
        Ok(rule_set) => rule_set,
        Err(e) => return report::report(ctx, &rules, &e.problems()),
    };
    let org = tree_cli::valid_org(ctx, &org)?;
    let doc = grassroots::rules::generate::scorecard_document(&org, &rule_set, &rules_json, seed);
    out!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    Ok(())
}
