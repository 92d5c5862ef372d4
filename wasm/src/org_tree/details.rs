//! The details panel of `<gr-org-tree>`: what the selected node is and holds. For a
//! community that the document gives them: its 包保 units (1+4+N) and whether they are
//! complete, the people stationed there, its compounds with their property management, the
//! teams serving it, and its grids with their workers by role and what they lack under the
//! schema's grid-worker model (issue 16). Before those, the warnings about the node and the
//! nodes below it. Text only, so the tree stays the widget's one Tab stop after the search —
//! but for the summary of those warnings when more than five fold under it, a disclosure that
//! Tab reaches after the tree, as it reaches the one under the tree.

use std::rc::Rc;

use grassroots::org::{CommunityDetails, OrgSummary, ServiceModule, StationedRole, TeamKind, WorkerRole};
use grassroots::{NodeId, OrgTree, Problem};
use yew::prelude::*;

use crate::i18n::{Lang, TreeDetailsText};

#[derive(Properties)]
pub struct DetailsProps {
    pub tree: Rc<OrgTree>,
    pub summary: Rc<OrgSummary>,
    /// The selected node; none before a selection.
    pub selected: Option<NodeId>,
    pub lang: Lang,
}

props_eq!(DetailsProps { shared: tree, summary; selected, lang });

fn position<T: PartialEq>(all: &[T], x: &T) -> usize {
    all.iter().position(|a| a == x).unwrap_or(0)
}

fn team_kind(t: &TreeDetailsText, k: TeamKind) -> &'static str {
    t.team_kinds[position(&TeamKind::ALL, &k)]
}

fn module(t: &TreeDetailsText, m: ServiceModule) -> &'static str {
    t.modules[position(&ServiceModule::ALL, &m)]
}

fn worker_role(t: &TreeDetailsText, r: WorkerRole) -> &'static str {
    t.worker_roles[position(&WorkerRole::ALL, &r)]
}

fn stationed_role(t: &TreeDetailsText, r: StationedRole) -> &'static str {
    match r {
        StationedRole::TaskForce => t.stationed_roles[0],
        StationedRole::FirstSecretary => t.stationed_roles[1],
    }
}

/// One list item: a name and its facts, the facts after a visually separate line.
fn item(name: &str, facts: Vec<String>, warning: Option<String>) -> Html {
    html! {
        <li class="gr-item">
            <span class="gr-item-name">{ name.to_owned() }</span>
            if !facts.is_empty() {
                <span class="gr-item-facts">{ facts.join(" · ") }</span>
            }
            if let Some(w) = warning {
                <span class="gr-item-warning">{ w }</span>
            }
        </li>
    }
}

fn section(heading: String, items: Html) -> Html {
    html! {
        <>
            <h4 class="gr-details-head">{ heading }</h4>
            <ul class="gr-items">{ items }</ul>
        </>
    }
}

fn community(t: &TreeDetailsText, d: &CommunityDetails) -> Html {
    let mut out: Vec<Html> = Vec::new();
    if !(d.lead.is_empty() && d.responsible.is_empty() && d.member.is_empty()) {
        let status = if d.complete { t.complete.to_owned() } else { (t.incomplete)(d.lead.len(), d.responsible.len(), d.member.len()) };
        let row = |label: &'static str, names: &[String]| {
            (!names.is_empty()).then(|| html! { <><dt>{ label }</dt><dd>{ names.join(t.and) }</dd></> })
        };
        out.push(html! {
            <>
                <h4 class="gr-details-head">{ t.baobao }</h4>
                <p class={classes!("gr-baobao", (!d.complete).then_some("gr-incomplete"))}>{ status }</p>
                <dl class="gr-facts">
                    { for row(t.baobao_roles[0], &d.lead) }
                    { for row(t.baobao_roles[1], &d.responsible) }
                    { for row(t.baobao_roles[2], &d.member) }
                </dl>
            </>
        });
    }
    if !d.stationed.is_empty() {
        let items = d.stationed.iter().map(|s| {
            let to = s.to.map(|d| d.to_string());
            item(&s.name, vec![stationed_role(t, s.role).to_owned(), s.unit.clone(), (t.span)(&s.from.to_string(), to.as_deref())], None)
        });
        out.push(section((t.stationed)(d.stationed.len()), items.collect::<Html>()));
    }
    if !d.compounds.is_empty() {
        let items = d.compounds.iter().map(|c| {
            let mut facts = vec![(t.households)(c.households)];
            match &c.property_company {
                Some(name) => facts.push((t.property)(name)),
                None => facts.push(t.no_property.to_owned()),
            }
            if c.red_property {
                facts.push(t.red_property.to_owned());
            }
            facts.push(if c.joint_meeting { t.joint_meeting } else { t.no_joint_meeting }.to_owned());
            if c.red_property_site {
                facts.push(t.red_site.to_owned());
            }
            item(&c.name, facts, None)
        });
        out.push(section((t.compounds)(d.compounds.len()), items.collect::<Html>()));
    }
    if !d.teams.is_empty() {
        let items = d.teams.iter().map(|team| {
            let mut facts = vec![team_kind(t, team.kind).to_owned()];
            if !team.modules.is_empty() {
                facts.push(team.modules.iter().map(|&m| module(t, m)).collect::<Vec<_>>().join(t.and));
            }
            facts.push((t.people)(team.people));
            if let Some(leader) = &team.leader {
                facts.push((t.leader)(leader));
            }
            item(&team.name, facts, None)
        });
        out.push(section((t.teams)(d.teams.len()), items.collect::<Html>()));
    }
    if !d.grids.is_empty() {
        let items = d.grids.iter().map(|g| {
            let name = match &g.name {
                Some(name) => format!("{name}（{}）", g.code),
                None => g.code.clone(),
            };
            let workers = if g.workers.is_empty() {
                t.no_workers.to_owned()
            } else {
                let list: Vec<String> =
                    g.workers.iter().map(|&(role, n)| format!("{} {n}", role.map_or(t.no_role, |r| worker_role(t, r)))).collect();
                (t.workers)(&list.join(t.and))
            };
            let short: Vec<String> = g.shortfall.iter().map(|&(role, needed, found)| (t.shortfall)(worker_role(t, role), needed, found)).collect();
            item(&name, vec![(t.households)(g.households), workers], (!short.is_empty()).then(|| short.join("；")))
        });
        out.push(section((t.grids)(d.grids.len()), items.collect::<Html>()));
    }
    out.into_iter().collect::<Html>()
}

/// The warnings about the selected node and the nodes below it, when there are some and they
/// are not all of them (the note under the tree has those).
/// One walk: the warnings under the node are gathered once, then counted and listed.
fn here(props: &DetailsProps, id: NodeId) -> Html {
    let under: Vec<&Problem> = props.summary.warnings_under(&props.tree, id).collect();
    if under.len() == props.summary.warnings().len() {
        return Html::default();
    }
    let t = props.lang.text();
    crate::error_panel::notes_titled(&mut under.iter().copied(), under.len(), t.tree_details.notes, props.lang)
}

#[function_component(NodeDetails)]
pub fn node_details(props: &DetailsProps) -> Html {
    let text = props.lang.text();
    let t = &text.tree_details;
    let english = props.lang == Lang::En;
    let body = match props.selected {
        None => html! { <p class="gr-hint">{ t.prompt }</p> },
        Some(id) => {
            let node = props.tree.node(id);
            let figures = props.summary.rollup(id).map(|r| (text.row_figures)(r.members.total, r.grids, r.households));
            html! {
                <>
                    <h3 class="gr-details-title" id="gr-details-title">{ node.name().to_owned() }</h3>
                    <p class="gr-details-meta">
                        <span class="gr-level">{ props.summary.level_label(node.level(), english).to_owned() }</span>
                        if let Some(code) = node.code() {
                            <span class="gr-code">{ code.to_owned() }</span>
                        }
                    </p>
                    if let Some(f) = figures {
                        <p class="gr-details-figures">{ f }</p>
                    }
                    { here(props, id) }
                    if let Some(d) = props.summary.details(id) {
                        { community(t, d) }
                    }
                </>
            }
        }
    };
    let announce = props.selected.map(|id| (t.shown)(props.tree.node(id).name())).unwrap_or_default();
    html! {
        <section class="gr-node-details" aria-label={t.title}>
            { body }
            <p class="gr-vh" aria-live="polite">{ announce }</p>
        </section>
    }
}
