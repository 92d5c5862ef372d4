//! `grassroots validate geo` and `grassroots generate geo`: the exit codes and output of the
//! other validators, and generated geometry that validates clean (and, with faults planted,
//! reports exactly them). Runs in tests/data/geo, whose `org.json` the documents draw.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("tests").join("data").join("geo")
}

/// Runs the CLI in tests/data/geo; returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_grassroots"));
    let out = Command::new(&bin).args(args).current_dir(data_dir()).output().unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

#[test]
fn validate_geo_follows_the_exit_code_contract() {
    for (args, code) in [
        (&["validate", "geo", "valid/local-squares.json", "--org", "org.json"][..], 0),
        (&["validate", "geo", "valid/generated-wgs84.json", "--org", "org.json"], 0),
        (&["validate", "geo", "broken/checks.json", "--org", "org.json"], 1),
        (&["validate", "geo", "broken/loader.json", "--org", "org.json", "--format", "json"], 1),
        (&["validate", "geo", "broken/not-json.json", "--org", "org.json"], 2),
        (&["validate", "geo", "no/such/file.json", "--org", "org.json"], 2),
        (&["validate", "geo", "valid/local-squares.json", "--org", "no/such/org.json"], 2),
        (&["validate", "geo", "valid/local-squares.json", "--org", "org.json", "--overlap-m2", "-1"], 2),
        // The organization itself has errors (here: it is not one): they are printed, exit 1.
        (&["validate", "geo", "valid/local-squares.json", "--org", "broken/checks.json"], 1),
        (&["validate", "geo", "valid/local-squares.json", "--org", "broken/checks.json", "--format", "json"], 1),
    ] {
        let (got, stdout, stderr) = run(args);
        assert_eq!(got, code, "{args:?}\nstdout: {stdout}\nstderr: {stderr}");
    }
}

#[test]
fn validate_geo_names_every_problem_with_its_place() {
    let (_, stdout, _) = run(&["validate", "geo", "broken/checks.json", "--org", "org.json"]);
    assert!(stdout.contains("broken/checks.json:104:3: error[geo-overlap]: $.features[3] (record \"jg3\"): overlaps grid \"jg4\" by 2000.0 m²\n"), "{stdout}");
    assert!(stdout.contains("broken/checks.json:137:3: warning[geo-area-mismatch]: $.features[4] (record \"jg4\"): the organization gives area_km2 0.04"), "{stdout}");
    assert!(stdout.ends_with("broken/checks.json: 9 error(s), 1 warning(s)\n"), "{stdout}");
    // Tolerances from the command line.
    let (code, stdout, _) = run(&["validate", "geo", "broken/checks.json", "--org", "org.json", "--overlap-m2", "2000", "--gap-m2", "8000", "--containment-m", "5"]);
    assert_eq!(code, 1);
    assert!(!stdout.contains("overlaps grid") && !stdout.contains("a gap of") && !stdout.contains("outside its community"), "{stdout}");
    let (_, stdout, _) = run(&["validate", "geo", "valid/local-squares.json", "--org", "broken/checks.json", "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(report["file"], "broken/checks.json");
    assert_eq!(report["valid"], false);
    let (_, stdout, _) = run(&["validate", "geo", "broken/loader.json", "--org", "org.json", "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    // Feature 12's `style` is a foreign member: a warning, no longer an error.
    assert_eq!((report["errors"].as_u64(), report["warnings"].as_u64()), (Some(16), Some(1)));
    assert_eq!(report["problems"][16]["code"], "geo-foreign-member");
    assert_eq!(report["problems"][16]["path"], "$.features[12].style");
    assert_eq!(report["problems"][3]["path"], "$.features[2].geometry.coordinates[0]");
    assert_eq!(report["problems"][3]["code"], "geo-unclosed-ring");
    assert_eq!(report["problems"][3]["record"], "jg1");
}

#[test]
fn a_geoserver_export_in_a_gauss_kruger_zone_validates_with_its_foreign_members_as_warnings() {
    let (code, stdout, stderr) = run(&["validate", "geo", "foreign/geoserver-wfs.json", "--org", "org.json"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("warning[geo-foreign-member]: $.features[0].geometry_name (record \"js\"): member `geometry_name` is not read (GeoJSON allows it; in 8 features, the first here)"), "{stdout}");
    assert!(stdout.ends_with("foreign/geoserver-wfs.json: 0 error(s), 5 warning(s)\n"), "{stdout}");
}

#[test]
fn generated_geometry_validates_clean_and_planted_faults_are_found() {
    let dir = std::env::temp_dir().join(format!("grassroots-geo-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let org = data_dir().join("org.json");
    let org = org.to_string_lossy();
    for crs in ["local", "wgs84", "gcj02"] {
        let (code, text, stderr) = run(&["generate", "geo", "--org", &org, "--seed", "3", "--crs", crs]);
        assert_eq!(code, 0, "{stderr}");
        let again = run(&["generate", "geo", "--org", &org, "--seed", "3", "--crs", crs]).1;
        assert_eq!(text, again, "not reproducible");
        let file = dir.join(format!("{crs}.json"));
        std::fs::write(&file, &text).unwrap_or_else(|e| panic!("{e}"));
        let (code, stdout, _) = run(&["validate", "geo", &file.to_string_lossy(), "--org", &org]);
        assert_eq!(code, 0, "{stdout}");
        assert!(stdout.ends_with(": 0 error(s), 0 warning(s)\n"), "{stdout}");
    }
    let (code, text, _) = run(&["generate", "geo", "--org", &org, "--seed", "3", "--crs", "local", "--plant-faults"]);
    assert_eq!(code, 0);
    let file = dir.join("faults.json");
    std::fs::write(&file, &text).unwrap_or_else(|e| panic!("{e}"));
    let (code, stdout, _) = run(&["validate", "geo", &file.to_string_lossy(), "--org", &org]);
    assert_eq!(code, 1);
    assert_eq!(stdout.matches("overlaps grid").count(), 2, "{stdout}");
    assert_eq!(stdout.matches("inside the community is covered by no grid").count(), 1, "{stdout}");
    assert_eq!(run(&["generate", "geo", "--org", &org, "--crs", "bd09"]).0, 2);
    let _ = std::fs::remove_dir_all(&dir);
}
