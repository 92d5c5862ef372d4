//! `grassroots init [DIR]`: a department's data repository to start from. An organization
//! document for a small street (three communities, generated), its cases, services, lists
//! (both versions) and geometry, the shipped rule sets with a case file each, a README in
//! Chinese on how to edit and check them, and a GitHub Actions job that checks everything
//! with `--format github` and uploads the JUnit reports. Every check passes on it as created.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use grassroots::Organization;

use super::report::{Ctx, Fail, Format};

#[derive(Subcommand)]
pub(crate) enum Commands {
    /// Make a data repository to start from in DIR (default: the current folder; it must be
    /// empty or not exist): an organization for a small street, its cases, services, lists
    /// and geometry, the shipped rule sets with a case file each, a README (in Chinese) and
    /// a CI job (.github/workflows/grassroots.yml) on which every check passes.
    Init {
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
}

/// The shipped rule sets and one case file of each: (rule set file, its text, case file, its text).
const RULE_SETS: &[(&str, &str, &str, &str)] = &[
    (
        "five-star-community.json",
        include_str!("../../../../tests/data/rules/five-star-community.json"),
        "five-star-tiers.json",
        include_str!("../../../../tests/data/rules/cases/five-star-tiers.json"),
    ),
    (
        "dual-reporting.json",
        include_str!("../../../../tests/data/rules/dual-reporting.json"),
        "dual-reporting-year.json",
        include_str!("../../../../tests/data/rules/cases/dual-reporting-year.json"),
    ),
    (
        "funding.json",
        include_str!("../../../../tests/data/rules/funding.json"),
        "funding-year.json",
        include_str!("../../../../tests/data/rules/cases/funding-year.json"),
    ),
    (
        "grid-worker.json",
        include_str!("../../../../tests/data/rules/grid-worker.json"),
        "grid-worker-year.json",
        include_str!("../../../../tests/data/rules/cases/grid-worker-year.json"),
    ),
    (
        "hotline-rates.json",
        include_str!("../../../../tests/data/rules/hotline-rates.json"),
        "hotline-minimum-sample.json",
        include_str!("../../../../tests/data/rules/cases/hotline-minimum-sample.json"),
    ),
    (
        "sla-compliance.json",
        include_str!("../../../../tests/data/rules/sla-compliance.json"),
        "sla-compliance-season.json",
        include_str!("../../../../tests/data/rules/cases/sla-compliance-season.json"),
    ),
];

/// The checks the CI job runs, each as a workflow step (name, command). The job and the
/// README are made from this one list, and the tests run every command of the job.
const CHECKS: &[(&str, &str)] = &[
    ("校验组织架构", "grassroots validate tree org.json"),
    ("校验民情办件", "grassroots validate cases cases.json"),
    ("校验需求与服务", "grassroots validate demands services.json --org org.json"),
    ("校验认领与双报到台账", "grassroots validate claims services.json --org org.json"),
    ("校验四张清单（新版）", "grassroots validate lists lists.json"),
    ("校验四张清单（旧版）", "grassroots validate lists lists.json --version old"),
    ("校验网格地图", "grassroots validate geo geo.json --org org.json"),
];

const README: &str = include_str!("init_readme.md");

fn workflow() -> String {
    let mut y = String::from(
        "# 数据检查：每次推送和合并请求时校验本仓库的全部数据和规则。\n\
         # 问题以 GitHub 注释的形式标在出错的文件行上（--format github），\n\
         # 规则用例和各项校验另存为 JUnit 报告（reports/*.xml）上传。\n\
         name: 数据检查\n\
         on: [push, pull_request]\n\
         jobs:\n\
         \x20 check:\n\
         \x20   runs-on: ubuntu-latest\n\
         \x20   steps:\n\
         \x20     - uses: actions/checkout@v4\n\
         \x20     - name: 安装 grassroots\n\
         \x20       # GRASSROOTS_GIT：本单位 grassroots 源码仓库的地址（仓库变量）。\n\
         \x20       run: cargo install --locked --git \"${{ vars.GRASSROOTS_GIT }}\" grassroots-core --features cli --bin grassroots\n\
         \x20     - run: mkdir -p reports\n",
    );
    for (name, command) in CHECKS {
        y.push_str(&format!("      - name: {name}\n        run: {command} --format github\n"));
    }
    y.push_str("      - name: 规则用例\n        run: grassroots test rules/cases --format github\n");
    y.push_str("      - name: JUnit 报告\n        if: always()\n        run: |\n");
    for (n, (_, command)) in CHECKS.iter().enumerate() {
        y.push_str(&format!("          {command} --format junit > reports/check-{}.xml || true\n", n + 1));
    }
    y.push_str("          grassroots test rules/cases --format junit > reports/rule-cases.xml || true\n");
    y.push_str(
        "      - name: 上传 JUnit 报告\n\
         \x20       if: always()\n\
         \x20       uses: actions/upload-artifact@v4\n\
         \x20       with:\n\
         \x20         name: junit-reports\n\
         \x20         path: reports/*.xml\n",
    );
    y
}

fn write(dir: &Path, name: &str, text: &str) -> Result<(), Fail> {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Fail::Unreadable(format!("cannot make {}: {e}", parent.display())))?;
    }
    std::fs::write(&path, text).map_err(|e| Fail::Unreadable(format!("cannot write {}: {e}", path.display())))
}

/// The generated documents of the street: (file name, text).
fn documents() -> Result<Vec<(&'static str, String)>, Fail> {
    use grassroots::org::Date;
    let org_json = grassroots::org::generate::generate(grassroots::org::generate::GenOptions::new(3).seed(1)).to_json();
    // What was generated is checked like any document, so a broken generator cannot make a
    // repository that fails its own checks without saying so.
    let org = Organization::from_json(&org_json).map_err(|e| Fail::Unreadable(format!("the generated organization does not load: {e}")))?;
    let day = |text: &str| Date::parse(text).ok_or_else(|| Fail::Unreadable(format!("bad built-in day {text}")));
    let now = grassroots::cases::Timestamp::parse("2026-07-01T09:00:00+08:00").ok_or_else(|| Fail::Unreadable("bad built-in moment".into()))?;
    let cases = grassroots::cases::generate::season(&org, grassroots::cases::generate::SeasonOptions::new(day("2026-01-01")?, day("2026-06-30")?, now).seed(1)).to_json();
    let services = grassroots::services::generate::season(&org, grassroots::services::generate::SeasonOptions::new(2026).seed(1)).to_json();
    let lists = grassroots::lists::generate::county_lists(&org, &grassroots::lists::generate::ListsOptions::new(2026).seed(1)).to_json();
    let geo_options = grassroots::geo::generate::GeoGenOptions { seed: 1, crs: grassroots::geo::Crs::Wgs84, blocks: true, plant_faults: false };
    let geo = grassroots::geo::generate::generate(&org, &geo_options);
    Ok(vec![("org.json", org_json), ("cases.json", cases), ("services.json", services), ("lists.json", lists), ("geo.json", geo)])
}

pub(crate) fn run(command: Commands, ctx: &Ctx) -> Result<(), Fail> {
    ctx.only(&[Format::Text])?;
    let Commands::Init { dir } = command;
    if let Ok(mut entries) = std::fs::read_dir(&dir) {
        if entries.next().is_some() {
            return Err(Fail::Unreadable(format!("{} is not empty: init makes a new repository in an empty or new folder", dir.display())));
        }
    }
    let mut written = Vec::new();
    for (name, text) in documents()? {
        write(&dir, name, &text)?;
        written.push(name.to_owned());
    }
    for (rules, rules_text, case, case_text) in RULE_SETS {
        write(&dir, &format!("rules/{rules}"), rules_text)?;
        write(&dir, &format!("rules/cases/{case}"), case_text)?;
        written.push(format!("rules/{rules}"));
        written.push(format!("rules/cases/{case}"));
    }
    let checks: String = CHECKS.iter().map(|(name, command)| format!("    {command}    # {name}\n")).collect();
    write(&dir, "README.md", &README.replace("{checks}", &checks))?;
    write(&dir, ".github/workflows/grassroots.yml", &workflow())?;
    write(&dir, ".gitignore", "reports/\n")?;
    written.extend(["README.md".to_owned(), ".github/workflows/grassroots.yml".to_owned(), ".gitignore".to_owned()]);
    for name in &written {
        out!("created {}", dir.join(name).display());
    }
    out!("{}: {} files; check them with the commands in README.md", dir.display(), written.len());
    Ok(())
}
