//! The lines `stats tree` prints for compounds, teams, 包保 and grid workers (issue 16), kept
//! apart from the command's own code.

use grassroots::org::{Coverage, Ratio, Rollup, ServiceModule, TeamKind, WorkerRole};

fn pct(ratio: Ratio) -> String {
    match ratio.value {
        Some(v) => format!("{:.1}% ({}/{})", v * 100.0, ratio.numerator, ratio.denominator),
        None => "n/a (0/0)".to_owned(),
    }
}

/// The lines, each as `stats tree` lays out its figures; none for what the subtree does not have.
pub(crate) fn lines(r: &Rollup, coverage: &Coverage) -> Vec<String> {
    let mut out = Vec::new();
    let c = &r.compounds;
    if c.total > 0 {
        out.push(format!("  compounds (小区)             {} ({} households), without property management {}", c.total, c.households, c.without_property));
        out.push(format!("  红色物业 of managed compounds {}, demonstration sites {}", pct(coverage.red_property), c.red_property_sites));
        out.push(format!("  joint meetings               {}", pct(coverage.joint_meeting)));
    }
    let t = &r.teams;
    if t.total > 0 {
        let kinds: Vec<String> = TeamKind::ALL.iter().filter(|&&k| t.by_kind.get(k) > 0).map(|&k| format!("{} {}", k.zh(), t.by_kind.get(k))).collect();
        out.push(format!("  teams                        {} ({} people, {} members, {} units): {}", t.total, t.people, t.members, t.units, kinds.join(", ")));
        let modules: Vec<String> = ServiceModule::ALL
            .iter()
            .filter(|&&m| t.by_module.get(m) > 0)
            .map(|&m| format!("{} {} ({} people)", m.zh(), t.by_module.get(m), t.people_by_module.get(m)))
            .collect();
        out.push(format!("  teams by module              {}", modules.join(", ")));
    }
    let b = &r.baobao;
    if b.lead + b.responsible + b.member > 0 {
        out.push(format!("  1+4+N complete               {} (lead {}, responsible {}, other {})", pct(coverage.baobao_complete), b.lead, b.responsible, b.member));
        out.push(format!("  stationed                    尖刀班 {}, 第一书记 {}, funds {} yuan a year", b.task_force, b.first_secretaries, b.stationed_funds_yuan));
    }
    let w = &r.workers_by_role;
    if w.unspecified < r.grid_workers {
        let roles: Vec<String> = WorkerRole::ALL.iter().map(|&role| format!("{} {}", role.zh(), w.get(Some(role)))).collect();
        out.push(format!("  grid workers by role         {}, no role {}", roles.join(", "), w.unspecified));
    }
    if r.grids_under_model > 0 {
        out.push(format!("  grids meeting the model      {}", pct(coverage.worker_model)));
    }
    out
}
