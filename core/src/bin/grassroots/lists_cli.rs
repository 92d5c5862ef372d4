//! The four lists' commands (四张清单): `validate lists`, `diff lists`, `lookup certificate`,
//! `generate lists`. Each reads a lists document, or the `{"old": …, "new": …}` document the
//! duty-list widget takes (the new version unless `--version old`; problems then carry their
//! path from the top, `$.new.items[3].owner`).

use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use grassroots::lists::{ListDiff, Lists, lookup_certificate};
use grassroots::Problem;
use serde_json::Value;

use super::report::{self, CHECKS, Ctx, DOCUMENTS, Fail, RESULTS, TABLES, problems_of, read, stop};
use super::tree_cli;

/// Which version of a `{"old", "new"}` lists document to read.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Version {
    /// The `old` version.
    Old,
    /// The `new` version.
    New,
}

impl Version {
    fn key(self) -> &'static str {
        match self {
            Version::Old => "old",
            Version::New => "new",
        }
    }
}

#[derive(Subcommand)]
pub(crate) enum Validate {
    /// A lists document (.json, 四张清单): shapes, ids, levels, owners, duplicates, negative-list
    /// duties, abolished certificates still required, dates, delegations. Also takes the
    /// `{"old", "new"}` document (the new version unless --version old).
    Lists {
        file: PathBuf,
        /// The version of an `{"old", "new"}` document to check.
        #[arg(long = "version", value_enum, default_value_t = Version::New)]
        pick: Version,
    },
}

#[derive(Subcommand)]
pub(crate) enum Diff {
    /// Two versions of the lists: added, removed from force (abolished or gone), moved to
    /// another level, changed fields, and the counts in force per kind. One `{"old", "new"}`
    /// document may stand for both.
    Lists { old: PathBuf, new: Option<PathBuf> },
}

#[derive(Subcommand)]
pub(crate) enum Lookup {
    /// "Do I still need this certificate?": the certificates whose name or alias matches
    /// NAME, best first: in force (who issues it, materials, time limit, channels) or
    /// abolished (since when, by which document, what to do instead). Exit 0 when something
    /// matches, 1 when nothing does (or the lists have errors), 2 when the file cannot be read
    /// or NAME is empty or too short.
    Certificate {
        name: String,
        /// The lists document (.json), or an `{"old", "new"}` document.
        #[arg(long)]
        lists: PathBuf,
        /// The version of an `{"old", "new"}` document to look in.
        #[arg(long = "version", value_enum, default_value_t = Version::New)]
        pick: Version,
    },
}

/// Which version of generated lists to print.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Generated {
    /// `{"old": …, "new": …}`.
    Both,
    /// The year before's version alone.
    Old,
    /// The year's version alone.
    New,
}

#[derive(Subcommand)]
pub(crate) enum Generate {
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
        #[arg(long, value_enum, default_value_t = Generated::Both)]
        version: Generated,
        /// The county's name (e.g. 凤溪县); default: from the organization's root node.
        #[arg(long)]
        county: Option<String>,
    },
}

/// The `{"old", "new"}` parts of a lists text, when it is such a document (an object with
/// `old` or `new` and no `items`), as the duty-list widget reads it.
fn pair(text: &str) -> Option<serde_json::Map<String, Value>> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) if !map.contains_key("items") && (map.contains_key("old") || map.contains_key("new")) => Some(map),
        _ => None,
    }
}

/// Loads a lists document, or one version of an `{"old", "new"}` document (its problems'
/// paths from the top of the file).
pub(crate) fn load(file: &Path, version: Version) -> Result<Result<Lists, Vec<Problem>>, Fail> {
    let text = read(file)?;
    let Some(mut parts) = pair(&text) else {
        return match Lists::from_json(&text) {
            Ok(lists) => Ok(Ok(lists)),
            Err(e) => Ok(Err(problems_of(file, e)?)),
        };
    };
    let key = version.key();
    let part = parts.remove(key).ok_or_else(|| Fail::Unreadable(format!("{}: an {{\"old\", \"new\"}} lists document without \"{key}\"", file.display())))?;
    match Lists::from_json(&part.to_string()) {
        Ok(lists) => Ok(Ok(lists)),
        Err(e) => {
            let mut problems = problems_of(file, e)?;
            for p in &mut problems {
                p.path = format!("$.{key}{}", p.path.strip_prefix('$').unwrap_or(&p.path));
            }
            Ok(Err(problems))
        }
    }
}

/// Loads lists for a command that needs them valid: errors are printed and end it (exit 1).
pub(crate) fn valid(ctx: &Ctx, file: &Path, version: Version) -> Result<Lists, Fail> {
    match load(file, version)? {
        Ok(lists) => Ok(lists),
        Err(problems) => stop(ctx, file, &problems),
    }
}

pub(crate) fn validate(what: Validate, ctx: &Ctx) -> Result<(), Fail> {
    ctx.only(CHECKS)?;
    let Validate::Lists { file, pick } = what;
    match load(&file, pick)? {
        Ok(lists) => {
            // A warning's path is in the version read; from the top of the file it is under it.
            let mut warnings = lists.warnings().to_vec();
            if pair(&read(&file)?).is_some() {
                for p in &mut warnings {
                    p.path = format!("$.{}{}", pick.key(), p.path.strip_prefix('$').unwrap_or(&p.path));
                }
            }
            report::report(ctx, &file, &warnings)
        }
        Err(problems) => report::report(ctx, &file, &problems),
    }
}

pub(crate) fn diff(what: Diff, ctx: &Ctx) -> Result<(), Fail> {
    ctx.only(TABLES)?;
    let Diff::Lists { old, new } = what;
    let (before, after) = match &new {
        Some(new) => (valid(ctx, &old, Version::New)?, valid(ctx, new, Version::New)?),
        None if pair(&read(&old)?).is_some() => (valid(ctx, &old, Version::Old)?, valid(ctx, &old, Version::New)?),
        None => return Err(Fail::Unreadable(format!("{}: give the NEW lists too, or an {{\"old\", \"new\"}} document", old.display()))),
    };
    let diff = ListDiff::between(&before, &after);
    if !ctx.text() {
        let title = match &new {
            Some(new) => format!("{} → {}", old.display(), new.display()),
            None => format!("{} old → new", old.display()),
        };
        return ctx.emit(&serde_json::to_value(&diff).unwrap_or_default(), &title);
    }
    use std::io::Write;
    let _ = write!(std::io::stdout(), "{diff}");
    Ok(())
}

pub(crate) fn lookup(what: Lookup, ctx: &Ctx) -> Result<(), Fail> {
    ctx.only(RESULTS)?;
    let Lookup::Certificate { name, lists: file, pick } = what;
    let lists = valid(ctx, &file, pick)?;
    let answers = lookup_certificate(&lists, &name).map_err(|e| Fail::Unreadable(e.to_string()))?;
    if !ctx.text() {
        let out = serde_json::json!({ "query": name, "lists": lists.id(), "version": lists.version(), "answers": answers });
        out!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else if answers.is_empty() {
        out!("no certificate matches \"{name}\" in {} {}", lists.id(), lists.version());
    } else {
        use std::io::Write;
        for answer in &answers {
            let _ = write!(std::io::stdout(), "{answer}");
        }
    }
    if answers.is_empty() { Err(Fail::Invalid) } else { Ok(()) }
}

pub(crate) fn generate(what: Generate, ctx: &Ctx) -> Result<(), Fail> {
    use grassroots::lists::generate::{ListsOptions, county_lists};
    ctx.only(DOCUMENTS)?;
    let Generate::Lists { org, seed, year, version, county } = what;
    let org = tree_cli::valid_org(ctx, &org)?;
    let mut options = ListsOptions::new(year).seed(seed);
    if let Some(name) = county.as_deref().filter(|c| !c.trim().is_empty()) {
        options = options.county(name.trim());
    }
    let lists = county_lists(&org, &options);
    let json = match version {
        Generated::Both => lists.to_json(),
        Generated::Old => lists.old.to_json(),
        Generated::New => lists.new.to_json(),
    };
    out!("{json}");
    Ok(())
}
