//! The spreadsheet commands: `import`, `export`, and `--format xlsx -o FILE` of the table
//! commands (a command's JSON report laid out as sheets).

use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use grassroots::Organization;
use grassroots::sheets::xlsx::{self, Workbook};
use grassroots::sheets::{self, ImportOptions, Kind, Mapping, SheetProblem};
use grassroots::{ProblemKind, Severity};

use super::lists_cli;
use super::report;
use super::report::{CHECKS, Ctx, Fail, Format, Lang, problems_of, read, stop};
use super::tree_cli;
use super::workbook::{now_text, write};

/// The kinds of records `import` and `export` take.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum SheetKind {
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
    fn kind(self) -> Kind {
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
pub(crate) enum Commands {
    /// Read a spreadsheet (.xlsx, .xls, .ods, .csv in UTF-8 or GBK) into an organization
    /// document: columns by their Chinese headers, organizations by id, name or name path.
    /// Prints the document with the records (ORG's section of that kind replaced) when it
    /// validates clean (exit 0); otherwise every problem by file, sheet, row and column on
    /// standard error (exit 1); exit 2 when a file cannot be read. With --format json,
    /// github, junit or sarif the problems are that report on standard output (a cell's
    /// problem at its row as the line), and the document is written only to -o FILE.
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
    },
    /// Write an organization's members, grids, units or nodes (or a lists document's items)
    /// as .xlsx (-o FILE) in the columns `import` reads back. Phone and ID-card numbers are
    /// masked unless --reveal.
    Export {
        what: SheetKind,
        /// The organization document (.json); for `lists`, the lists document (or an
        /// `{"old", "new"}` document: its new version).
        org: PathBuf,
        /// Write phone and ID-card numbers in full (only where that is authorised).
        #[arg(long)]
        reveal: bool,
    },
}

pub(crate) fn run(command: Commands, ctx: &Ctx) -> Result<(), Fail> {
    match command {
        Commands::Import { what, file, org, lists, sheet, map } => import(ctx, &ImportArgs {
            kind: what.kind(),
            file: &file,
            org: org.as_deref(),
            lists: lists.as_deref(),
            sheet: sheet.as_deref(),
            map: map.as_deref(),
            // The office that keeps the roster reads an import's own lines: Chinese unless asked.
            lang: report::lang_or(Lang::Zh),
        }),
        Commands::Export { what, org, reveal } => {
            ctx.only(&[Format::Text, Format::Xlsx])?;
            export(ctx, what.kind(), &org, reveal)
        }
    }
}

fn print_sheet_problems(problems: &[SheetProblem], lang: Lang) {
    for p in problems {
        let (severity, text) = match (p.severity, lang) {
            (Severity::Error, Lang::Zh) => ("错误", p.zh()),
            (Severity::Warning, Lang::Zh) => ("警告", p.zh()),
            (Severity::Error, Lang::En) => ("error", p.to_string()),
            (Severity::Warning, Lang::En) => ("warning", p.to_string()),
        };
        eprintln!("{severity}: {text}");
    }
    let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
    eprintln!("{}", report::counts(lang, errors, problems.len() - errors));
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// The arguments of `import`.
pub(crate) struct ImportArgs<'a> {
    pub kind: Kind,
    pub file: &'a Path,
    pub org: Option<&'a Path>,
    pub lists: Option<&'a Path>,
    pub sheet: Option<&'a str>,
    pub map: Option<&'a Path>,
    pub lang: Lang,
}

/// `import KIND FILE [--org ORG.json] [--sheet NAME] [--map MAP.json]`: the organization
/// document with the records read on standard output (exit 0, warnings on standard error);
/// every problem on standard error and nothing on standard output (exit 1); exit 2 when a
/// file cannot be read at all.
fn import(ctx: &Ctx, args: &ImportArgs<'_>) -> Result<(), Fail> {
    ctx.only(CHECKS)?;
    report::within_limit(args.file)?;
    let bytes = std::fs::read(args.file).map_err(|e| Fail::Unreadable(format!("cannot read {}: {e}", args.file.display())))?;
    let mapping = match args.map {
        Some(path) => Some(Mapping::from_json(&read(path)?).map_err(|e| Fail::Unreadable(format!("{}: not a mapping file: {e}", path.display())))?),
        None => None,
    };
    if args.kind == Kind::Lists {
        return import_items(ctx, args, &bytes, mapping.as_ref());
    }
    let org_text = args.org.map(read).transpose()?;
    if org_text.is_none() && args.kind != Kind::Nodes {
        return Err(Fail::Unreadable(format!(
            "{} name the organizations they belong to: give the organization document with --org ORG.json",
            args.kind.key()
        )));
    }
    let org = match (args.org, org_text.as_deref()) {
        (Some(path), Some(text)) => match Organization::from_json(text) {
            Ok(org) => Some(org),
            Err(e) => return stop(ctx, path, &problems_of(path, e)?),
        },
        _ => None,
    };
    let options = ImportOptions { org: org.as_ref(), sheet: args.sheet, mapping: mapping.as_ref(), lists: None };
    let org_arg = args.org.map(file_name).zip(org_text);
    finish(ctx, args, &bytes, &options, org_arg.as_ref().map(|(n, t)| (n.as_str(), &**t)))
}

/// `import lists FILE --lists LISTS.json`: the lists document with its items replaced.
fn import_items(ctx: &Ctx, args: &ImportArgs<'_>, bytes: &[u8], mapping: Option<&Mapping>) -> Result<(), Fail> {
    let path = args.lists.ok_or_else(|| Fail::Unreadable("list items go into a lists document: give it with --lists LISTS.json".into()))?;
    let text = read(path)?;
    let lists = match grassroots::Lists::from_json(&text) {
        Ok(lists) => lists,
        Err(e) => return stop(ctx, path, &problems_of(path, e)?),
    };
    let options = ImportOptions { org: None, sheet: args.sheet, mapping, lists: Some(&lists) };
    finish(ctx, args, bytes, &options, Some((&file_name(path), &text)))
}

/// Reads the sheet and prints the document it makes, or every problem.
fn finish(ctx: &Ctx, args: &ImportArgs<'_>, bytes: &[u8], options: &ImportOptions<'_>, base: Option<(&str, &str)>) -> Result<(), Fail> {
    // The document a problem of the base is in: the organization, or the lists document.
    let base_file = args.org.or(args.lists);
    let problems = |problems: &[SheetProblem]| {
        if ctx.format == Format::Text {
            print_sheet_problems(problems, args.lang);
        } else {
            report::print_sheet_problems(ctx, args.file, base_file, problems);
        }
    };
    let imported = match sheets::import(args.kind, &args.file.display().to_string(), bytes, options) {
        Ok(imported) => imported,
        Err(found) => {
            if let [SheetProblem { kind: ProblemKind::Unreadable { .. }, .. }] = found.as_slice() {
                print_sheet_problems(&found, args.lang);
                return Err(Fail::Unreadable(format!("{} is not a spreadsheet", args.file.display())));
            }
            problems(&found);
            return Err(Fail::Invalid);
        }
    };
    match sheets::document(&imported, base) {
        Ok(doc) => {
            if !doc.warnings.is_empty() || ctx.format != Format::Text {
                problems(&doc.warnings);
            }
            match (&ctx.output, ctx.format) {
                (Some(path), _) => std::fs::write(path, format!("{}\n", doc.json)).map_err(|e| Fail::Unreadable(format!("cannot write {}: {e}", path.display())))?,
                (None, Format::Text) => out!("{}", doc.json),
                (None, _) => {}
            }
            let n = imported.records.len();
            match args.lang {
                Lang::Zh => eprintln!("{} › {}：读取 {n} 条{}记录", imported.file, imported.sheet, args.kind.zh()),
                Lang::En => eprintln!("{} › {}: {n} {} read", imported.file, imported.sheet, args.kind.key()),
            }
            Ok(())
        }
        Err(found) => {
            problems(&found);
            Err(Fail::Invalid)
        }
    }
}

/// `export KIND ORG.json -o FILE.xlsx [--reveal]`: the organization's members, grids, units
/// or nodes in the columns an import reads back. Phone and ID-card numbers are masked unless
/// `--reveal`.
fn export(ctx: &Ctx, kind: Kind, org_file: &Path, reveal: bool) -> Result<(), Fail> {
    let output = ctx.output.as_deref();
    if kind == Kind::Lists {
        let lists = lists_cli::valid(ctx, org_file, lists_cli::Version::New)?;
        let table = xlsx::items_table(&lists);
        let book = Workbook { title: format!("{} {}", lists.id(), lists.version()), exported_at: now_text(), tables: vec![table] };
        return write(&book, output).map_err(Fail::Unreadable);
    }
    let org = tree_cli::valid_org(ctx, org_file)?;
    let table = match kind {
        Kind::Members => xlsx::members_table(&org, reveal),
        Kind::Grids => xlsx::grids_table(&org, reveal),
        Kind::Units => xlsx::units_table(&org),
        Kind::Nodes => xlsx::nodes_table(&org),
        Kind::Lists => return Err(Fail::Unreadable("export lists takes a lists document: grassroots export lists LISTS.json -o FILE.xlsx".into())),
    };
    let root = org.tree().node(org.tree().root()).name().to_owned();
    let book = Workbook { title: format!("{root} {}", table.name), exported_at: now_text(), tables: vec![table] };
    write(&book, output).map_err(Fail::Unreadable)
}
