//! The message catalogues: every string a person sees, in zh-CN (the default) and en.
//! Components never build user-visible text by hand; they ask the catalogue.

use grassroots::ProblemKind;
#[cfg(feature = "duty-list")]
use grassroots::lists::{Instead, ItemKind};
#[cfg(feature = "case-tracker")]
use grassroots::cases::{EventKind, Satisfaction, Source, Step, Urgency as CaseUrgency};
#[cfg(any(feature = "scorecard", feature = "dashboard"))]
use grassroots::rules::Tier;
#[cfg(feature = "service-board")]
use grassroots::services::{ClaimState, ProviderKind, Urgency};


/// The display language of a widget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Simplified Chinese, the default.
    #[default]
    ZhCn,
    /// English.
    En,
}

impl Lang {
    /// Any `en…` tag is English; everything else falls back to zh-CN.
    pub fn from_tag(tag: Option<&str>) -> Self {
        match tag {
            Some(t) if t.trim().to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::ZhCn,
        }
    }

    /// The BCP 47 tag, for the `lang` attribute of rendered markup.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The catalogue for this language.
    pub fn text(self) -> &'static Catalogue {
        match self {
            Lang::ZhCn => &ZH_CN,
            Lang::En => &EN,
        }
    }
}

/// What `<gr-org-tree>`'s details panel says of the selected node: a community's 包保 units,
/// stationed people, compounds, teams and grids (issue 16).
#[cfg(feature = "org-tree")]
pub struct TreeDetailsText {
    /// The panel's accessible name.
    pub title: &'static str,
    /// Before a node is selected.
    pub prompt: &'static str,
    /// Announced when a node is selected: its name.
    pub shown: fn(&str) -> String,
    /// The title of the warnings about the selected node and the nodes below it.
    pub notes: &'static str,
    /// The heading of the 包保 units.
    pub baobao: &'static str,
    /// A complete 1+4+N.
    pub complete: &'static str,
    /// An incomplete one: lead, responsible and other units found.
    pub incomplete: fn(usize, usize, usize) -> String,
    /// Lead, responsible, other (联系) units.
    pub baobao_roles: [&'static str; 3],
    /// The heading of the stationed people, and their count.
    pub stationed: fn(usize) -> String,
    /// 尖刀班 member, 第一书记.
    pub stationed_roles: [&'static str; 2],
    /// A stationed person's time there: from, to (none: still there).
    pub span: fn(&str, Option<&str>) -> String,
    /// The heading of the compounds, and their count.
    pub compounds: fn(usize) -> String,
    pub households: fn(u32) -> String,
    /// A compound without property management.
    pub no_property: &'static str,
    /// Its property company.
    pub property: fn(&str) -> String,
    pub red_property: &'static str,
    pub joint_meeting: &'static str,
    pub no_joint_meeting: &'static str,
    pub red_site: &'static str,
    /// The heading of the teams, and their count.
    pub teams: fn(usize) -> String,
    /// In `TeamKind::ALL` order.
    pub team_kinds: [&'static str; 5],
    /// In `ServiceModule::ALL` order.
    pub modules: [&'static str; 5],
    pub people: fn(u32) -> String,
    pub leader: fn(&str) -> String,
    /// The heading of the grids, and their count.
    pub grids: fn(usize) -> String,
    /// A grid's workers, by role: "报到党员 1、无职党员 1".
    pub workers: fn(&str) -> String,
    /// In `WorkerRole::ALL` order.
    pub worker_roles: [&'static str; 5],
    /// Workers whose role is not given.
    pub no_role: &'static str,
    /// A grid without workers.
    pub no_workers: &'static str,
    /// A grid short of the schema's grid-worker model: the role, needed, found.
    pub shortfall: fn(&str, u32, u32) -> String,
    /// A list item's separator ("、" or ", ").
    pub and: &'static str,
}

/// One language's messages. Parametrised messages are functions, so that word order can
/// differ between languages.
pub struct Catalogue {
    pub tree_label: &'static str,
    pub loading: &'static str,
    pub error_title: &'static str,
    pub error_intro: &'static str,
    pub fetch_failed: fn(&str) -> String,
    pub record: fn(&str) -> String,
    /// After the first [`crate::error_panel::SHOWN`] problems: how many more there are.
    pub more_problems: fn(usize) -> String,
    pub node_count: fn(usize) -> String,
    pub keyboard_hint: &'static str,
    /// The label of the search box.
    pub search_label: &'static str,
    /// The search box's description: the keys it understands.
    pub search_hint: &'static str,
    pub next_match: &'static str,
    pub prev_match: &'static str,
    /// The search status: how many nodes match.
    pub match_count: fn(usize) -> String,
    /// The search status after moving to a match: its number, the count, its name.
    pub match_position: fn(usize, usize, &str) -> String,
    pub no_match: &'static str,
    /// The accessible description of a matching row.
    pub match_note: &'static str,
    pub problem: fn(&ProblemKind) -> String,
    /// A node's figures on its row: members, grids, households.
    pub row_figures: fn(u32, u32, u64) -> String,
    #[cfg(feature = "org-tree")]
    pub tree_details: TreeDetailsText,
    /// The title of the warning list after a load that has errors.
    pub warnings_title: &'static str,
    /// How many warnings a closed note holds, after its title.
    #[cfg(any(feature = "case-tracker", feature = "dashboard", feature = "service-board", feature = "duty-list", feature = "grid-map", feature = "org-tree"))]
    pub notes_count: fn(usize) -> String,
    /// The accessible name of a table's scroll container (focusable, so that a keyboard can
    /// scroll a table wider than the widget).
    pub table_region: &'static str,
    /// The export button's text, and its accessible name with the table's caption.
    pub export_xlsx: &'static str,
    pub export_named: fn(&str) -> String,
    // <gr-scorecard>
    /// The rule set's version and period: version, first day, last day.
    #[cfg(feature = "scorecard")]
    pub rule_set_version: fn(&str, &str, &str) -> String,
    #[cfg(feature = "scorecard")]
    pub scorecard_tabs: &'static str,
    #[cfg(feature = "scorecard")]
    pub tab_ranking: &'static str,
    #[cfg(feature = "scorecard")]
    pub tab_card: &'static str,
    #[cfg(feature = "scorecard")]
    pub filter_tier: &'static str,
    #[cfg(feature = "scorecard")]
    pub all_tiers: &'static str,
    #[cfg(feature = "scorecard")]
    pub filter_search: &'static str,
    /// How many rows the filters leave, of how many.
    #[cfg(feature = "scorecard")]
    pub rows_shown: fn(usize, usize) -> String,
    #[cfg(feature = "scorecard")]
    pub ranking_caption: &'static str,
    #[cfg(feature = "scorecard")]
    pub col_rank: &'static str,
    #[cfg(any(feature = "scorecard", feature = "dashboard"))]
    pub col_name: &'static str,
    #[cfg(feature = "scorecard")]
    pub col_total: &'static str,
    #[cfg(any(feature = "scorecard", feature = "dashboard"))]
    pub col_tier: &'static str,
    #[cfg(any(feature = "scorecard", feature = "dashboard"))]
    pub tier: fn(Tier) -> &'static str,
    /// The accessible name of the button that opens an entity's scorecard.
    #[cfg(feature = "scorecard")]
    pub open_card: fn(&str) -> String,
    #[cfg(feature = "scorecard")]
    pub section_passed: &'static str,
    #[cfg(feature = "scorecard")]
    pub section_failed: &'static str,
    #[cfg(feature = "scorecard")]
    pub section_voided: &'static str,
    #[cfg(feature = "scorecard")]
    pub no_rows: &'static str,
    #[cfg(feature = "scorecard")]
    pub entity_picker: &'static str,
    /// The total: points already formatted.
    #[cfg(feature = "scorecard")]
    pub total_points: fn(&str) -> String,
    /// The rank among the rated entities; none for one that is not rated.
    #[cfg(feature = "scorecard")]
    pub rank_of: fn(Option<usize>, usize) -> String,
    /// Stars (sections) passed of all.
    #[cfg(feature = "scorecard")]
    pub stars: fn(usize, usize) -> String,
    #[cfg(feature = "scorecard")]
    pub vetoes_title: &'static str,
    #[cfg(feature = "scorecard")]
    pub bonuses_title: &'static str,
    #[cfg(feature = "scorecard")]
    pub diagnostics_title: &'static str,
    /// Points scored of the most possible, both formatted.
    #[cfg(feature = "scorecard")]
    pub score_of: fn(&str, &str) -> String,
    #[cfg(feature = "scorecard")]
    pub col_indicator: &'static str,
    #[cfg(feature = "scorecard")]
    pub col_points: &'static str,
    #[cfg(feature = "scorecard")]
    pub col_reason: &'static str,
    // <gr-duty-list>
    /// The lists' version and the day it takes effect.
    #[cfg(feature = "duty-list")]
    pub lists_version: fn(&str, &str) -> String,
    #[cfg(feature = "duty-list")]
    pub duty_tabs: &'static str,
    #[cfg(feature = "duty-list")]
    pub tab_items: &'static str,
    #[cfg(feature = "duty-list")]
    pub tab_lookup: &'static str,
    #[cfg(feature = "duty-list")]
    pub tab_diff: &'static str,
    #[cfg(feature = "duty-list")]
    pub filter_kind: &'static str,
    #[cfg(feature = "duty-list")]
    pub all_kinds: &'static str,
    /// A kind with the number of its items, for the kind filter.
    #[cfg(feature = "duty-list")]
    pub kind_count: fn(&str, usize) -> String,
    #[cfg(feature = "duty-list")]
    pub item_kind: fn(ItemKind) -> &'static str,
    #[cfg(feature = "duty-list")]
    pub filter_level: &'static str,
    #[cfg(feature = "duty-list")]
    pub all_levels: &'static str,
    #[cfg(feature = "duty-list")]
    pub filter_channels: &'static str,
    #[cfg(feature = "duty-list")]
    pub one_window: &'static str,
    #[cfg(feature = "duty-list")]
    pub online: &'static str,
    #[cfg(feature = "duty-list")]
    pub at_most_one_trip: &'static str,
    #[cfg(feature = "duty-list")]
    pub filter_status: &'static str,
    #[cfg(feature = "duty-list")]
    pub all_statuses: &'static str,
    /// A status by its JSON key (in_force, abolished, delegated_down).
    #[cfg(feature = "duty-list")]
    pub item_status: fn(&str) -> &'static str,
    #[cfg(feature = "duty-list")]
    pub items_search: &'static str,
    /// How many items the filters leave, of how many.
    #[cfg(feature = "duty-list")]
    pub items_shown: fn(usize, usize) -> String,
    #[cfg(feature = "duty-list")]
    pub items_caption: &'static str,
    #[cfg(feature = "duty-list")]
    pub no_items: &'static str,
    #[cfg(feature = "duty-list")]
    pub col_item: &'static str,
    #[cfg(feature = "duty-list")]
    pub col_kind: &'static str,
    #[cfg(feature = "duty-list")]
    pub col_level: &'static str,
    #[cfg(feature = "duty-list")]
    pub col_owner: &'static str,
    #[cfg(feature = "duty-list")]
    pub col_time_limit: &'static str,
    #[cfg(feature = "duty-list")]
    pub col_channels: &'static str,
    #[cfg(any(feature = "duty-list", feature = "service-board", feature = "case-tracker"))]
    pub col_status: &'static str,
    #[cfg(feature = "duty-list")]
    pub working_days: fn(u32) -> String,
    #[cfg(feature = "duty-list")]
    pub no_owner: &'static str,
    #[cfg(feature = "duty-list")]
    pub none: &'static str,
    /// The accessible name of the button that opens an item's details.
    #[cfg(feature = "duty-list")]
    pub item_details: fn(&str) -> String,
    #[cfg(feature = "duty-list")]
    pub detail_basis: &'static str,
    #[cfg(feature = "duty-list")]
    pub detail_materials: &'static str,
    #[cfg(feature = "duty-list")]
    pub detail_aliases: &'static str,
    #[cfg(feature = "duty-list")]
    pub detail_introduced: &'static str,
    #[cfg(feature = "duty-list")]
    pub detail_status: &'static str,
    /// Separator of the entries of a list in running text.
    #[cfg(any(feature = "duty-list", feature = "service-board", feature = "case-tracker"))]
    pub list_sep: &'static str,
    #[cfg(feature = "duty-list")]
    pub instead: fn(Instead) -> &'static str,
    /// Abolished: day, document, what to do instead (already joined; empty when not stated).
    #[cfg(feature = "duty-list")]
    pub abolished_since: fn(&str, &str, &str) -> String,
    /// Delegated down: day, the level it is handled at now.
    #[cfg(feature = "duty-list")]
    pub delegated_since: fn(&str, &str) -> String,
    #[cfg(feature = "duty-list")]
    pub in_force_since: fn(Option<&str>) -> String,
    #[cfg(feature = "duty-list")]
    pub lookup_label: &'static str,
    #[cfg(feature = "duty-list")]
    pub lookup_hint: &'static str,
    #[cfg(feature = "duty-list")]
    pub lookup_button: &'static str,
    #[cfg(feature = "duty-list")]
    pub lookup_empty: &'static str,
    #[cfg(feature = "duty-list")]
    pub lookup_too_short: fn(&str) -> String,
    #[cfg(feature = "duty-list")]
    pub lookup_none: fn(&str) -> String,
    /// How many certificates the query found.
    #[cfg(feature = "duty-list")]
    pub lookup_found: fn(&str, usize) -> String,
    /// Matched through another name the certificate has.
    #[cfg(feature = "duty-list")]
    pub matched_alias: fn(&str) -> String,
    /// In force: who issues it, at which level.
    #[cfg(feature = "duty-list")]
    pub still_required: fn(&str, &str) -> String,
    #[cfg(feature = "duty-list")]
    pub answer_abolished: &'static str,
    #[cfg(feature = "duty-list")]
    pub answer_in_force: &'static str,
    #[cfg(feature = "duty-list")]
    pub diff_heading: fn(&str, &str, &str, &str) -> String,
    #[cfg(feature = "duty-list")]
    pub diff_counts_caption: &'static str,
    #[cfg(feature = "duty-list")]
    pub col_before: &'static str,
    #[cfg(feature = "duty-list")]
    pub col_after: &'static str,
    #[cfg(feature = "duty-list")]
    pub col_change: &'static str,
    #[cfg(feature = "duty-list")]
    pub total: &'static str,
    #[cfg(feature = "duty-list")]
    pub diff_added: fn(usize) -> String,
    #[cfg(feature = "duty-list")]
    pub diff_removed: fn(usize) -> String,
    #[cfg(feature = "duty-list")]
    pub diff_moved: fn(usize) -> String,
    #[cfg(feature = "duty-list")]
    pub diff_changed: fn(usize) -> String,
    #[cfg(feature = "duty-list")]
    pub diff_restored: &'static str,
    #[cfg(feature = "duty-list")]
    pub diff_unlisted: &'static str,
    #[cfg(feature = "duty-list")]
    pub diff_down: &'static str,
    #[cfg(feature = "duty-list")]
    pub diff_not_down: &'static str,
    #[cfg(feature = "duty-list")]
    pub diff_same: &'static str,
    /// An item field's display name, by its JSON key.
    #[cfg(feature = "duty-list")]
    pub field_name: fn(&str) -> &'static str,
    // <gr-service-board>
    #[cfg(feature = "service-board")]
    pub board_title: &'static str,
    /// Demands, offers and claims counted.
    #[cfg(feature = "service-board")]
    pub board_counts: fn(usize, usize, usize) -> String,
    #[cfg(feature = "service-board")]
    pub board_tabs: &'static str,
    #[cfg(feature = "service-board")]
    pub tab_demands: &'static str,
    #[cfg(feature = "service-board")]
    pub tab_claims: &'static str,
    #[cfg(feature = "service-board")]
    pub tab_offers: &'static str,
    #[cfg(feature = "service-board")]
    pub filter_state: &'static str,
    #[cfg(feature = "service-board")]
    pub all_states: &'static str,
    #[cfg(feature = "service-board")]
    pub unclaimed: &'static str,
    #[cfg(feature = "service-board")]
    pub claim_state: fn(ClaimState) -> &'static str,
    /// The verb of the step that leads to a state (派单 for dispatched).
    #[cfg(feature = "service-board")]
    pub step_verb: fn(ClaimState) -> &'static str,
    #[cfg(feature = "service-board")]
    pub urgency: fn(Urgency) -> &'static str,
    #[cfg(feature = "service-board")]
    pub demands_caption: &'static str,
    #[cfg(feature = "service-board")]
    pub claims_caption: &'static str,
    #[cfg(feature = "service-board")]
    pub offers_caption: &'static str,
    #[cfg(feature = "service-board")]
    pub col_demand: &'static str,
    #[cfg(feature = "service-board")]
    pub col_category: &'static str,
    #[cfg(feature = "service-board")]
    pub col_grid: &'static str,
    #[cfg(feature = "service-board")]
    pub col_urgency: &'static str,
    #[cfg(feature = "service-board")]
    pub col_raised_by: &'static str,
    #[cfg(feature = "service-board")]
    pub col_raised_at: &'static str,
    #[cfg(feature = "service-board")]
    pub col_suggestion: &'static str,
    #[cfg(feature = "service-board")]
    pub col_actions: &'static str,
    #[cfg(feature = "service-board")]
    pub col_claim: &'static str,
    #[cfg(feature = "service-board")]
    pub col_provider: &'static str,
    #[cfg(feature = "service-board")]
    pub col_last_step: &'static str,
    #[cfg(feature = "service-board")]
    pub col_rating: &'static str,
    #[cfg(feature = "service-board")]
    pub col_offer: &'static str,
    #[cfg(feature = "service-board")]
    pub col_categories: &'static str,
    #[cfg(feature = "service-board")]
    pub col_capacity: &'static str,
    #[cfg(feature = "service-board")]
    pub col_area: &'static str,
    #[cfg(feature = "service-board")]
    pub col_valid: &'static str,
    /// A provider: member or unit, and its name (or id).
    #[cfg(feature = "service-board")]
    pub provider: fn(ProviderKind, &str) -> String,
    #[cfg(feature = "service-board")]
    pub anonymous: &'static str,
    #[cfg(feature = "service-board")]
    pub claim_action: &'static str,
    /// The accessible name of the claim button: the demand's description.
    #[cfg(feature = "service-board")]
    pub claim_label: fn(&str) -> String,
    /// The accessible name of a step button: the verb, the claim.
    #[cfg(feature = "service-board")]
    pub step_label: fn(&str, &str) -> String,
    #[cfg(feature = "service-board")]
    pub rating_label: &'static str,
    /// The rating as stars for a screen reader.
    #[cfg(feature = "service-board")]
    pub rating_value: fn(u8) -> String,
    #[cfg(feature = "service-board")]
    pub pending: &'static str,
    /// What the live region says after an action: claim or step, and its record.
    #[cfg(feature = "service-board")]
    pub submitted: fn(&str) -> String,
    #[cfg(feature = "service-board")]
    pub no_suggestion: &'static str,
    /// A step taken: when, by whom.
    #[cfg(feature = "service-board")]
    pub step_at: fn(&str, &str) -> String,
    #[cfg(feature = "service-board")]
    pub history_label: fn(&str) -> String,
    #[cfg(feature = "service-board")]
    pub final_state: &'static str,
    #[cfg(feature = "service-board")]
    pub per_month: fn(u32) -> String,
    /// From … to …, both days.
    #[cfg(feature = "service-board")]
    pub valid_period: fn(&str, &str) -> String,
    #[cfg(feature = "service-board")]
    pub always: &'static str,
    #[cfg(feature = "service-board")]
    pub no_demands: &'static str,
    #[cfg(feature = "service-board")]
    pub no_claims: &'static str,
    /// How many rows the filter leaves, of how many.
    #[cfg(feature = "service-board")]
    pub board_shown: fn(usize, usize) -> String,
    // <gr-case-tracker>
    #[cfg(feature = "case-tracker")]
    pub tracker_label: &'static str,
    /// How many cases the document has.
    #[cfg(feature = "case-tracker")]
    pub case_count: fn(usize) -> String,
    /// The tracker's current time, already formatted.
    #[cfg(feature = "case-tracker")]
    pub now_is: fn(&str) -> String,
    /// The `now` option is not RFC 3339: the value given.
    #[cfg(feature = "case-tracker")]
    pub bad_now: fn(&str) -> String,
    #[cfg(feature = "case-tracker")]
    pub clock_unavailable: &'static str,
    #[cfg(feature = "case-tracker")]
    pub case_list_label: &'static str,
    #[cfg(feature = "case-tracker")]
    pub case_list_hint: &'static str,
    /// A list line's details: category, node, current step.
    #[cfg(feature = "case-tracker")]
    pub case_meta: fn(&str, &str, &str) -> String,
    /// The columns of the case list's export: case, category, grid, step, clocks.
    #[cfg(feature = "case-tracker")]
    pub case_columns: [&'static str; 5],
    /// A case category's name: the known keys (those the SLA presets and the routing use)
    /// named, any other category as given.
    #[cfg(feature = "case-tracker")]
    pub category: fn(&str) -> &str,
    #[cfg(feature = "case-tracker")]
    pub no_step: &'static str,
    #[cfg(feature = "case-tracker")]
    pub no_cases: &'static str,
    /// The live announcement of a clock turning breached: case title, clock name.
    #[cfg(feature = "case-tracker")]
    pub announce_breached: fn(&str, &str) -> String,
    /// Between items of a run-in list (，/ , ).
    #[cfg(feature = "case-tracker")]
    pub list_separator: &'static str,
    /// Between a label and its value (：/ : ).
    #[cfg(feature = "case-tracker")]
    pub label_separator: &'static str,
    #[cfg(feature = "case-tracker")]
    pub label_id: &'static str,
    #[cfg(feature = "case-tracker")]
    pub label_category: &'static str,
    #[cfg(feature = "case-tracker")]
    pub label_node: &'static str,
    #[cfg(feature = "case-tracker")]
    pub label_source: &'static str,
    #[cfg(feature = "case-tracker")]
    pub label_urgency: &'static str,
    #[cfg(feature = "case-tracker")]
    pub label_opened: &'static str,
    #[cfg(feature = "case-tracker")]
    pub step_name: fn(Step) -> &'static str,
    #[cfg(feature = "case-tracker")]
    pub source_name: fn(Source) -> &'static str,
    #[cfg(feature = "case-tracker")]
    pub urgency_name: fn(CaseUrgency) -> &'static str,
    #[cfg(feature = "case-tracker")]
    pub event_name: fn(EventKind) -> &'static str,
    #[cfg(feature = "case-tracker")]
    pub satisfaction_name: fn(Satisfaction) -> &'static str,
    #[cfg(feature = "case-tracker")]
    pub timeline_title: &'static str,
    /// A step taken: when (formatted) and by whom.
    #[cfg(feature = "case-tracker")]
    pub step_done: fn(&str, &str) -> String,
    #[cfg(feature = "case-tracker")]
    pub not_reached: &'static str,
    #[cfg(feature = "case-tracker")]
    pub events_title: &'static str,
    #[cfg(feature = "case-tracker")]
    pub no_events: &'static str,
    #[cfg(feature = "case-tracker")]
    pub dispatch_title: &'static str,
    #[cfg(feature = "case-tracker")]
    pub no_route: &'static str,
    #[cfg(feature = "case-tracker")]
    pub label_route: &'static str,
    #[cfg(feature = "case-tracker")]
    pub label_reports: &'static str,
    #[cfg(feature = "case-tracker")]
    pub label_report_by: &'static str,
    #[cfg(feature = "case-tracker")]
    pub label_level: &'static str,
    #[cfg(feature = "case-tracker")]
    pub label_level_due: &'static str,
    #[cfg(feature = "case-tracker")]
    pub label_dispatch_state: &'static str,
    /// Who holds the case now, and how many levels it has climbed (0: the responder).
    #[cfg(feature = "case-tracker")]
    pub level_now: fn(&str, usize) -> String,
    /// Someone reported (arrived) at this time.
    #[cfg(feature = "case-tracker")]
    pub arrived_at: fn(&str) -> String,
    #[cfg(feature = "case-tracker")]
    pub ladder_exhausted: &'static str,
    /// Seconds left at the current level.
    #[cfg(feature = "case-tracker")]
    pub level_left: fn(i64) -> String,
    /// Seconds past the responder's own deadline.
    #[cfg(feature = "case-tracker")]
    pub report_overdue: fn(i64) -> String,
    #[cfg(feature = "case-tracker")]
    pub clocks_title: &'static str,
    /// The clock table's caption: the case title.
    #[cfg(feature = "case-tracker")]
    pub clocks_caption: fn(&str) -> String,
    #[cfg(feature = "case-tracker")]
    pub col_clock: &'static str,
    #[cfg(feature = "case-tracker")]
    pub col_standard: &'static str,
    #[cfg(feature = "case-tracker")]
    pub col_deadline: &'static str,
    /// Met, with this many seconds to spare.
    #[cfg(feature = "case-tracker")]
    pub clock_met: fn(i64) -> String,
    /// The event came this many seconds late.
    #[cfg(feature = "case-tracker")]
    pub clock_late: fn(i64) -> String,
    /// Still waiting, this many seconds past the deadline.
    #[cfg(feature = "case-tracker")]
    pub clock_breached: fn(i64) -> String,
    /// Still waiting, this many seconds left.
    #[cfg(feature = "case-tracker")]
    pub clock_running: fn(i64) -> String,
    #[cfg(feature = "case-tracker")]
    pub clock_not_started: &'static str,
    #[cfg(feature = "case-tracker")]
    pub all_met: &'static str,
    #[cfg(feature = "case-tracker")]
    pub no_clocks: &'static str,
    // <gr-dashboard>
    #[cfg(feature = "dashboard")]
    pub dash_title: &'static str,
    /// The period of the case rates: first instant, the instant after.
    #[cfg(feature = "dashboard")]
    pub dash_period: fn(&str, &str) -> String,
    #[cfg(feature = "dashboard")]
    pub dash_breadcrumb: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_members: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_grids: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_grid_workers: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_households: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_population: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_units: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_co_located: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_members_reported: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_coverage_title: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_members_title: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_tiers_title: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_cov_branch: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_cov_grid: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_cov_linked: &'static str,
    /// Compounds (小区), those without property management, service teams; and the coverage
    /// of property management, 红色物业, joint meetings, complete 1+4+N 包保 and the grid-worker
    /// model (issue 16), each shown where the node has any.
    #[cfg(feature = "dashboard")]
    pub dash_domain: [&'static str; 8],
    #[cfg(feature = "dashboard")]
    pub dash_in_service: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_retired: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_mobile_in: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_mobile_out: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_no_office: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_col_value: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_col_ratio: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_col_kind: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_col_rate: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_col_level: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_col_cases: &'static str,
    /// A share with its parts: the share already formatted, numerator, denominator.
    #[cfg(feature = "dashboard")]
    pub dash_ratio: fn(&str, u64, u64) -> String,
    /// A rate over too few cases, with its parts.
    #[cfg(feature = "dashboard")]
    pub dash_not_enough: fn(u64, u64) -> String,
    /// A rate with no case to count at all.
    #[cfg(feature = "dashboard")]
    pub dash_no_cases: &'static str,
    /// The caption of the case rates: how many cases.
    #[cfg(feature = "dashboard")]
    pub dash_rates_caption: fn(u64) -> String,
    /// The caption of the children table: how many children.
    #[cfg(feature = "dashboard")]
    pub dash_children_caption: fn(usize) -> String,
    #[cfg(feature = "dashboard")]
    pub dash_response: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_resolution: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_satisfaction: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_on_time: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_clocks_1310: &'static str,
    #[cfg(feature = "dashboard")]
    pub dash_clocks_12345: &'static str,
}

#[cfg(feature = "case-tracker")]
/// A duration broken into the two units people read: seconds under a minute, minutes (and
/// seconds) under an hour, hours and minutes under a day, then days and hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// Under a minute.
    Seconds(u64),
    /// Minutes and seconds, under an hour.
    Minutes(u64, u64),
    /// Hours and minutes, under a day.
    Hours(u64, u64),
    /// Days and hours.
    Days(u64, u64),
}

#[cfg(feature = "case-tracker")]
impl Span {
    /// The span of `seconds` (its sign is dropped: the message says ahead or over).
    pub fn of(seconds: i64) -> Span {
        let s = seconds.unsigned_abs();
        match s {
            0..60 => Span::Seconds(s),
            60..3_600 => Span::Minutes(s / 60, s % 60),
            3_600..86_400 => Span::Hours(s / 3_600, s % 3_600 / 60),
            _ => Span::Days(s / 86_400, s % 86_400 / 3_600),
        }
    }
}

#[cfg(feature = "case-tracker")]
/// A duration in Chinese: `12 分钟`, `2 分 5 秒`, `1 小时 5 分钟`, `4 天 6 小时`.
fn span_zh(seconds: i64) -> String {
    match Span::of(seconds) {
        Span::Seconds(s) => format!("{s} 秒"),
        Span::Minutes(m, 0) => format!("{m} 分钟"),
        Span::Minutes(m, s) => format!("{m} 分 {s} 秒"),
        Span::Hours(h, 0) => format!("{h} 小时"),
        Span::Hours(h, m) => format!("{h} 小时 {m} 分钟"),
        Span::Days(d, 0) => format!("{d} 天"),
        Span::Days(d, h) => format!("{d} 天 {h} 小时"),
    }
}

#[cfg(feature = "case-tracker")]
/// A duration in English: `12 min`, `2 min 5 s`, `1 h 5 min`, `4 d 6 h`.
fn span_en(seconds: i64) -> String {
    match Span::of(seconds) {
        Span::Seconds(s) => format!("{s} s"),
        Span::Minutes(m, 0) => format!("{m} min"),
        Span::Minutes(m, s) => format!("{m} min {s} s"),
        Span::Hours(h, 0) => format!("{h} h"),
        Span::Hours(h, m) => format!("{h} h {m} min"),
        Span::Days(d, 0) => format!("{d} d"),
        Span::Days(d, h) => format!("{d} d {h} h"),
    }
}

pub static ZH_CN: Catalogue = Catalogue {
    tree_label: "组织架构",
    loading: "正在加载…",
    error_title: "数据有误，无法显示",
    error_intro: "请按以下位置逐条修正数据：",
    fetch_failed: |detail| format!("数据加载失败：{detail}"),
    record: |id| format!("记录“{id}”"),
    more_problems: |n| format!("另有 {n} 个问题未在此列出。"),
    node_count: |n| format!("共 {n} 个组织"),
    keyboard_hint: "↑ ↓ 移动，→ 展开，← 收起，回车选中，PgUp/PgDn 翻页",
    search_label: "搜索组织",
    search_hint: "输入名称或编号；回车跳到匹配项，F3 跳到下一个，Esc 清除",
    next_match: "下一个",
    prev_match: "上一个",
    match_count: |n| format!("找到 {n} 个"),
    match_position: |i, n, name| format!("找到 {n} 个，第 {i} 个：{name}"),
    no_match: "没有找到匹配的组织",
    match_note: "匹配",
    problem: grassroots::zh::problem,
    row_figures: |members, grids, households| format!("党员 {members} · 网格 {grids} · 住户 {households}"),
    #[cfg(feature = "org-tree")]
    tree_details: TreeDetailsText {
        title: "组织详情",
        prompt: "选中一个组织（点按，或用方向键移到它再按回车），这里显示它的详情。",
        shown: |name| format!("已显示“{name}”的详情"),
        notes: "本组织及下级的提醒（不影响使用）：",
        baobao: "包保单位（1+4+N）",
        complete: "已配齐：1 个牵头单位、至少 4 个责任单位、至少 1 个联系单位",
        incomplete: |lead, responsible, member| format!("未配齐：牵头单位 {lead}/1，责任单位 {responsible}/4，联系单位 {member}/至少 1"),
        baobao_roles: ["牵头单位", "责任单位", "联系单位"],
        stationed: |n| format!("驻社区力量（{n} 人）"),
        stationed_roles: ["尖刀班队员", "第一书记"],
        span: |from, to| match to {
            Some(to) => format!("{from} 至 {to}（已离开）"),
            None => format!("{from} 起，在岗"),
        },
        compounds: |n| format!("小区（{n} 个）"),
        households: |n| format!("住户 {n}"),
        no_property: "无物业",
        property: |name| format!("物业：{name}"),
        red_property: "红色物业",
        joint_meeting: "有联席会议",
        no_joint_meeting: "无联席会议",
        red_site: "红色物业示范点",
        teams: |n| format!("服务队伍（{n} 支）"),
        team_kinds: ["先锋队", "志愿服务队", "党员服务队", "暖心服务小分队", "党员代办队"],
        modules: ["应急救援", "关爱帮困", "文艺服务", "公共事务", "法治调解"],
        people: |n| format!("{n} 人"),
        leader: |name| format!("队长 {name}"),
        grids: |n| format!("网格（{n} 个）"),
        workers: |list| format!("网格员：{list}"),
        worker_roles: ["报到党员", "无职党员", "专职网格员", "楼栋长", "单元长"],
        no_role: "未注明身份",
        no_workers: "没有网格员",
        shortfall: |role, needed, found| format!("未达配备要求：{role}需 {needed} 名，现有 {found} 名"),
        and: "、",
    },
    warnings_title: "另有提醒（不影响使用）：",
    #[cfg(any(feature = "case-tracker", feature = "dashboard", feature = "service-board", feature = "duty-list", feature = "grid-map", feature = "org-tree"))]
    notes_count: |n| format!("共 {n} 条"),
    table_region: "数据表（可左右滚动）",
    export_xlsx: "导出 Excel",
    export_named: |t| format!("导出 Excel：{t}"),
    #[cfg(feature = "scorecard")]
    rule_set_version: |v, from, to| format!("版本 {v} · 有效期 {from} 至 {to}"),
    #[cfg(feature = "scorecard")]
    scorecard_tabs: "评分视图",
    #[cfg(feature = "scorecard")]
    tab_ranking: "排名",
    #[cfg(feature = "scorecard")]
    tab_card: "评分详情",
    #[cfg(feature = "scorecard")]
    filter_tier: "等次",
    #[cfg(feature = "scorecard")]
    all_tiers: "全部",
    #[cfg(feature = "scorecard")]
    filter_search: "搜索对象",
    #[cfg(feature = "scorecard")]
    rows_shown: |n, total| format!("显示 {n} 个，共 {total} 个"),
    #[cfg(feature = "scorecard")]
    ranking_caption: "评分排名：点击列标题排序",
    #[cfg(feature = "scorecard")]
    col_rank: "名次",
    #[cfg(any(feature = "scorecard", feature = "dashboard"))]
    col_name: "对象",
    #[cfg(feature = "scorecard")]
    col_total: "总分",
    #[cfg(any(feature = "scorecard", feature = "dashboard"))]
    col_tier: "等次",
    #[cfg(any(feature = "scorecard", feature = "dashboard"))]
    tier: |t| match t {
        Tier::Excellence => "优秀",
        Tier::Pass => "达标",
        Tier::Fail => "未达标",
        Tier::NotRated => "不参评",
    },
    #[cfg(feature = "scorecard")]
    open_card: |name| format!("查看{name}的评分详情"),
    #[cfg(feature = "scorecard")]
    section_passed: "达标",
    #[cfg(feature = "scorecard")]
    section_failed: "未达标",
    #[cfg(feature = "scorecard")]
    section_voided: "一票否决",
    #[cfg(feature = "scorecard")]
    no_rows: "没有符合条件的对象",
    #[cfg(feature = "scorecard")]
    entity_picker: "查看对象",
    #[cfg(feature = "scorecard")]
    total_points: |p| format!("总分 {p} 分"),
    #[cfg(feature = "scorecard")]
    rank_of: |rank, n| match rank {
        Some(r) => format!("第 {r} 名（共 {n} 个参评）"),
        None => "不排名".to_owned(),
    },
    #[cfg(feature = "scorecard")]
    stars: |p, n| format!("{p} / {n} 星达标"),
    #[cfg(feature = "scorecard")]
    vetoes_title: "一票否决：",
    #[cfg(feature = "scorecard")]
    bonuses_title: "加分项：",
    #[cfg(feature = "scorecard")]
    diagnostics_title: "数据提醒：以下事实缺失或有误，相关指标按 0 分计",
    #[cfg(feature = "scorecard")]
    score_of: |p, max| format!("{p} / {max} 分"),
    #[cfg(feature = "scorecard")]
    col_indicator: "指标",
    #[cfg(feature = "scorecard")]
    col_points: "得分",
    #[cfg(feature = "scorecard")]
    col_reason: "说明",
    #[cfg(feature = "duty-list")]
    lists_version: |v, day| format!("版本 {v} · 自 {day} 起施行"),
    #[cfg(feature = "duty-list")]
    duty_tabs: "清单视图",
    #[cfg(feature = "duty-list")]
    tab_items: "四张清单",
    #[cfg(feature = "duty-list")]
    tab_lookup: "证明查询",
    #[cfg(feature = "duty-list")]
    tab_diff: "版本对比",
    #[cfg(feature = "duty-list")]
    filter_kind: "清单类别",
    #[cfg(feature = "duty-list")]
    all_kinds: "全部",
    #[cfg(feature = "duty-list")]
    kind_count: |kind, n| format!("{kind}（{n}）"),
    #[cfg(feature = "duty-list")]
    item_kind: |k| k.zh(),
    #[cfg(feature = "duty-list")]
    filter_level: "办理层级",
    #[cfg(feature = "duty-list")]
    all_levels: "全部层级",
    #[cfg(feature = "duty-list")]
    filter_channels: "服务方式",
    #[cfg(feature = "duty-list")]
    one_window: "一窗受理",
    #[cfg(feature = "duty-list")]
    online: "一网通办",
    #[cfg(feature = "duty-list")]
    at_most_one_trip: "最多跑一次",
    #[cfg(feature = "duty-list")]
    filter_status: "状态",
    #[cfg(feature = "duty-list")]
    all_statuses: "全部状态",
    #[cfg(feature = "duty-list")]
    item_status: |key| match key {
        "abolished" => "已取消",
        "delegated_down" => "已下放",
        _ => "有效",
    },
    #[cfg(feature = "duty-list")]
    items_search: "搜索事项",
    #[cfg(feature = "duty-list")]
    items_shown: |n, total| format!("显示 {n} 项，共 {total} 项"),
    #[cfg(feature = "duty-list")]
    items_caption: "事项清单：点击事项名称查看详情",
    #[cfg(feature = "duty-list")]
    no_items: "没有符合条件的事项",
    #[cfg(feature = "duty-list")]
    col_item: "事项",
    #[cfg(feature = "duty-list")]
    col_kind: "类别",
    #[cfg(feature = "duty-list")]
    col_level: "办理层级",
    #[cfg(feature = "duty-list")]
    col_owner: "责任主体",
    #[cfg(feature = "duty-list")]
    col_time_limit: "办理时限",
    #[cfg(feature = "duty-list")]
    col_channels: "服务方式",
    #[cfg(any(feature = "duty-list", feature = "service-board", feature = "case-tracker"))]
    col_status: "状态",
    #[cfg(feature = "duty-list")]
    working_days: |n| format!("{n} 个工作日"),
    #[cfg(feature = "duty-list")]
    no_owner: "未明确",
    #[cfg(feature = "duty-list")]
    none: "无",
    #[cfg(feature = "duty-list")]
    item_details: |name| format!("{name}：查看详情"),
    #[cfg(feature = "duty-list")]
    detail_basis: "依据",
    #[cfg(feature = "duty-list")]
    detail_materials: "所需材料",
    #[cfg(feature = "duty-list")]
    detail_aliases: "又称",
    #[cfg(feature = "duty-list")]
    detail_introduced: "列入日期",
    #[cfg(feature = "duty-list")]
    detail_status: "状态说明",
    #[cfg(any(feature = "duty-list", feature = "service-board", feature = "case-tracker"))]
    list_sep: "、",
    #[cfg(feature = "duty-list")]
    instead: |i| i.zh(),
    #[cfg(feature = "duty-list")]
    abolished_since: |since, by, instead| {
        if instead.is_empty() { format!("已于 {since} 由 {by} 取消") } else { format!("已于 {since} 由 {by} 取消，改为{instead}") }
    },
    #[cfg(feature = "duty-list")]
    delegated_since: |since, level| format!("自 {since} 起下放至{level}办理"),
    #[cfg(feature = "duty-list")]
    in_force_since: |since| match since {
        Some(day) => format!("自 {day} 起有效"),
        None => "有效".to_owned(),
    },
    #[cfg(feature = "duty-list")]
    lookup_label: "要开什么证明？",
    #[cfg(feature = "duty-list")]
    lookup_hint: "输入证明名称，例如：还需要开健在证明吗？",
    #[cfg(feature = "duty-list")]
    lookup_button: "查询",
    #[cfg(feature = "duty-list")]
    lookup_empty: "请输入要查询的证明名称。",
    #[cfg(feature = "duty-list")]
    lookup_too_short: |q| format!("“{q}”太短，请至少输入证明名称的两个字。"),
    #[cfg(feature = "duty-list")]
    lookup_none: |q| format!("没有找到与“{q}”相符的证明事项。"),
    #[cfg(feature = "duty-list")]
    lookup_found: |q, n| format!("“{q}”：找到 {n} 项证明"),
    #[cfg(feature = "duty-list")]
    matched_alias: |name| format!("按“{name}”匹配"),
    #[cfg(feature = "duty-list")]
    still_required: |issuer, level| format!("仍需办理：{issuer}（{level}）"),
    #[cfg(feature = "duty-list")]
    answer_abolished: "不用再开",
    #[cfg(feature = "duty-list")]
    answer_in_force: "仍需办理",
    #[cfg(feature = "duty-list")]
    diff_heading: |ov, od, nv, nd| format!("版本 {ov}（{od}）→ 版本 {nv}（{nd}）"),
    #[cfg(feature = "duty-list")]
    diff_counts_caption: "各类有效事项数量",
    #[cfg(feature = "duty-list")]
    col_before: "调整前",
    #[cfg(feature = "duty-list")]
    col_after: "调整后",
    #[cfg(feature = "duty-list")]
    col_change: "增减",
    #[cfg(feature = "duty-list")]
    total: "合计",
    #[cfg(feature = "duty-list")]
    diff_added: |n| format!("新增 {n} 项"),
    #[cfg(feature = "duty-list")]
    diff_removed: |n| format!("取消 {n} 项"),
    #[cfg(feature = "duty-list")]
    diff_moved: |n| format!("调整层级 {n} 项"),
    #[cfg(feature = "duty-list")]
    diff_changed: |n| format!("内容变更 {n} 项"),
    #[cfg(feature = "duty-list")]
    diff_restored: "（恢复）",
    #[cfg(feature = "duty-list")]
    diff_unlisted: "不再列入清单",
    #[cfg(feature = "duty-list")]
    diff_down: "下放",
    #[cfg(feature = "duty-list")]
    diff_not_down: "调整",
    #[cfg(feature = "duty-list")]
    diff_same: "两个版本没有差别。",
    #[cfg(feature = "duty-list")]
    field_name: |f| match f {
        "name" => "名称",
        "kind" => "类别",
        "owner" => "责任主体",
        "basis" => "依据",
        "time_limit_days" => "办理时限（工作日）",
        "materials" => "所需材料",
        "channels" => "服务方式",
        "aliases" => "又称",
        "status" => "状态",
        _ => "其他",
    },
    #[cfg(feature = "service-board")]
    board_title: "需求认领",
    #[cfg(feature = "service-board")]
    board_counts: |d, o, c| format!("需求 {d} 项 · 服务 {o} 项 · 认领 {c} 项"),
    #[cfg(feature = "service-board")]
    board_tabs: "需求认领视图",
    #[cfg(feature = "service-board")]
    tab_demands: "需求清单",
    #[cfg(feature = "service-board")]
    tab_claims: "认领进度",
    #[cfg(feature = "service-board")]
    tab_offers: "服务清单",
    #[cfg(feature = "service-board")]
    filter_state: "认领状态",
    #[cfg(feature = "service-board")]
    all_states: "全部",
    #[cfg(feature = "service-board")]
    unclaimed: "待认领",
    #[cfg(feature = "service-board")]
    claim_state: |s| s.zh(),
    #[cfg(feature = "service-board")]
    step_verb: |s| match s {
        ClaimState::Ordered => "点单",
        ClaimState::Dispatched => "派单",
        ClaimState::Accepted => "接单",
        ClaimState::Done => "办结",
        ClaimState::Reviewed => "评议",
        ClaimState::Rejected => "拒单",
        ClaimState::Withdrawn => "撤回",
        ClaimState::New => "新建",
    },
    #[cfg(feature = "service-board")]
    urgency: |u| u.zh(),
    #[cfg(feature = "service-board")]
    demands_caption: "需求清单：可按认领状态筛选，点“认领”按建议派单",
    #[cfg(feature = "service-board")]
    claims_caption: "认领进度：每项只提供当前可走的下一步",
    #[cfg(feature = "service-board")]
    offers_caption: "服务清单：党员和单位提供的服务",
    #[cfg(feature = "service-board")]
    col_demand: "需求",
    #[cfg(feature = "service-board")]
    col_category: "类别",
    #[cfg(feature = "service-board")]
    col_grid: "网格",
    #[cfg(feature = "service-board")]
    col_urgency: "紧急程度",
    #[cfg(feature = "service-board")]
    col_raised_by: "提出人",
    #[cfg(feature = "service-board")]
    col_raised_at: "提出时间",
    #[cfg(feature = "service-board")]
    col_suggestion: "派单建议",
    #[cfg(feature = "service-board")]
    col_actions: "操作",
    #[cfg(feature = "service-board")]
    col_claim: "认领编号",
    #[cfg(feature = "service-board")]
    col_provider: "服务方",
    #[cfg(feature = "service-board")]
    col_last_step: "最近一步",
    #[cfg(feature = "service-board")]
    col_rating: "评分",
    #[cfg(feature = "service-board")]
    col_offer: "服务",
    #[cfg(feature = "service-board")]
    col_categories: "服务类别",
    #[cfg(feature = "service-board")]
    col_capacity: "每月名额",
    #[cfg(feature = "service-board")]
    col_area: "服务范围",
    #[cfg(feature = "service-board")]
    col_valid: "有效期",
    #[cfg(feature = "service-board")]
    provider: |kind, name| match kind {
        ProviderKind::Member => format!("党员 {name}"),
        ProviderKind::Unit => format!("单位 {name}"),
        ProviderKind::Team => format!("队伍 {name}"),
    },
    #[cfg(feature = "service-board")]
    anonymous: "未留名",
    #[cfg(feature = "service-board")]
    claim_action: "认领",
    #[cfg(feature = "service-board")]
    claim_label: |d| format!("认领：{d}"),
    #[cfg(feature = "service-board")]
    step_label: |verb, claim| format!("{verb}（{claim}）"),
    #[cfg(feature = "service-board")]
    rating_label: "评分",
    #[cfg(feature = "service-board")]
    rating_value: |r| format!("{r} 星"),
    #[cfg(feature = "service-board")]
    pending: "已提交，等待保存",
    #[cfg(feature = "service-board")]
    submitted: |what| format!("{what}：已提交，等待保存"),
    #[cfg(feature = "service-board")]
    no_suggestion: "暂无可派的服务",
    #[cfg(feature = "service-board")]
    step_at: |at, by| format!("{at} · {by}"),
    #[cfg(feature = "service-board")]
    history_label: |claim| format!("{claim} 的办理历程"),
    #[cfg(feature = "service-board")]
    final_state: "已结束",
    #[cfg(feature = "service-board")]
    per_month: |n| format!("{n} 次/月"),
    #[cfg(feature = "service-board")]
    valid_period: |from, to| format!("{from} 至 {to}"),
    #[cfg(feature = "service-board")]
    always: "长期",
    #[cfg(feature = "service-board")]
    no_demands: "没有符合条件的需求",
    #[cfg(feature = "service-board")]
    no_claims: "没有符合条件的认领",
    #[cfg(feature = "service-board")]
    board_shown: |n, total| format!("显示 {n} 项，共 {total} 项"),
    // <gr-case-tracker>
    #[cfg(feature = "case-tracker")]
    tracker_label: "民情案件",
    #[cfg(feature = "case-tracker")]
    case_count: |n| format!("共 {n} 件"),
    #[cfg(feature = "case-tracker")]
    now_is: |t| format!("当前时间 {t}"),
    #[cfg(feature = "case-tracker")]
    bad_now: |v| format!("“now”的值“{v}”不是 RFC 3339 时间，已改用本机当前时间"),
    #[cfg(feature = "case-tracker")]
    clock_unavailable: "无法读取当前时间，时限无法计算",
    #[cfg(feature = "case-tracker")]
    case_list_label: "案件列表（超时优先）",
    #[cfg(feature = "case-tracker")]
    case_list_hint: "↑ ↓ 移动，Home/End 到首尾，回车或空格查看详情",
    #[cfg(feature = "case-tracker")]
    category: |key| match key {
        "water" => "供水",
        "power" => "供电",
        "gas" => "燃气",
        "heating" => "供暖",
        "flooding" => "积水内涝",
        "sanitation" => "环境卫生",
        "noise" => "噪音扰民",
        "lighting" => "照明",
        "road" => "道路设施",
        "parking" => "停车",
        "greening" => "绿化",
        "elevator" => "电梯",
        "fire_lane" => "消防通道",
        "fire_risk" => "火灾隐患",
        "property" => "物业服务",
        "housing" => "住房",
        "education" => "教育",
        "medical" => "医疗急救",
        "dispute" => "矛盾纠纷",
        other => other,
    },
    #[cfg(feature = "case-tracker")]
    case_meta: |category, node, step| format!("类别：{category} · 网格：{node} · 环节：{step}"),
    #[cfg(feature = "case-tracker")]
    case_columns: ["案件", "类别", "网格", "环节", "时限"],
    #[cfg(feature = "case-tracker")]
    no_step: "未受理",
    #[cfg(feature = "case-tracker")]
    no_cases: "没有案件",
    #[cfg(feature = "case-tracker")]
    announce_breached: |case, clock| format!("已超时：{case}，{clock}"),
    #[cfg(feature = "case-tracker")]
    list_separator: "，",
    #[cfg(feature = "case-tracker")]
    label_separator: "：",
    #[cfg(feature = "case-tracker")]
    label_id: "编号",
    #[cfg(feature = "case-tracker")]
    label_category: "类别",
    #[cfg(feature = "case-tracker")]
    label_node: "网格",
    #[cfg(feature = "case-tracker")]
    label_source: "来源",
    #[cfg(feature = "case-tracker")]
    label_urgency: "紧急程度",
    #[cfg(feature = "case-tracker")]
    label_opened: "受理时间",
    #[cfg(feature = "case-tracker")]
    step_name: |s| match s {
        Step::Collect => "收集",
        Step::Analyse => "分析",
        Step::Handle => "办理",
        Step::Feedback => "反馈",
        Step::Review => "评议",
    },
    #[cfg(feature = "case-tracker")]
    source_name: |s| match s {
        Source::Resident => "群众",
        Source::GridWorker => "网格员",
        Source::CommunityCommittee => "社区党组织",
        Source::Township => "镇（街道）党（工）委",
        Source::PoliceAlert => "警情",
        Source::CameraAlert => "天眼",
        Source::Hotline12345 => "12345热线",
    },
    #[cfg(feature = "case-tracker")]
    urgency_name: |u| match u {
        CaseUrgency::Emergency => "紧急",
        CaseUrgency::Urgent => "加急",
        CaseUrgency::Normal => "一般",
    },
    #[cfg(feature = "case-tracker")]
    event_name: |e| match e {
        EventKind::ContactKnown => "知晓联系对象",
        EventKind::ContactReached => "联系到人",
        EventKind::OnSite => "到场",
        EventKind::Dispatched => "派单",
        EventKind::Answered => "答复",
    },
    #[cfg(feature = "case-tracker")]
    satisfaction_name: |s| match s {
        Satisfaction::Satisfied => "满意",
        Satisfaction::Basically => "基本满意",
        Satisfaction::Unsatisfied => "不满意",
    },
    #[cfg(feature = "case-tracker")]
    timeline_title: "办理流程",
    #[cfg(feature = "case-tracker")]
    step_done: |at, by| format!("{at}，经办：{by}"),
    #[cfg(feature = "case-tracker")]
    not_reached: "尚未到达",
    #[cfg(feature = "case-tracker")]
    events_title: "事件记录",
    #[cfg(feature = "case-tracker")]
    no_events: "暂无事件记录",
    #[cfg(feature = "case-tracker")]
    dispatch_title: "吹哨报到",
    #[cfg(feature = "case-tracker")]
    no_route: "没有吹哨路由（12345 工单按热线时限办理）",
    #[cfg(feature = "case-tracker")]
    label_route: "路由",
    #[cfg(feature = "case-tracker")]
    label_reports: "须报到",
    #[cfg(feature = "case-tracker")]
    label_report_by: "报到时限",
    #[cfg(feature = "case-tracker")]
    label_level: "当前责任层级",
    #[cfg(feature = "case-tracker")]
    label_level_due: "本级时限",
    #[cfg(feature = "case-tracker")]
    label_dispatch_state: "报到情况",
    #[cfg(feature = "case-tracker")]
    level_now: |who, level| if level == 0 { format!("{who}（未升级）") } else { format!("{who}（已升级 {level} 级）") },
    #[cfg(feature = "case-tracker")]
    arrived_at: |t| format!("已于 {t} 到场"),
    #[cfg(feature = "case-tracker")]
    ladder_exhausted: "已升至最高一级，仍无人到场",
    #[cfg(feature = "case-tracker")]
    level_left: |s| format!("本级剩余 {}", span_zh(s)),
    #[cfg(feature = "case-tracker")]
    report_overdue: |s| format!("超出报到时限 {}", span_zh(s)),
    #[cfg(feature = "case-tracker")]
    clocks_title: "时限",
    #[cfg(feature = "case-tracker")]
    clocks_caption: |title| format!("{title}的时限"),
    #[cfg(feature = "case-tracker")]
    col_clock: "时限要求",
    #[cfg(feature = "case-tracker")]
    col_standard: "标准",
    #[cfg(feature = "case-tracker")]
    col_deadline: "截止时间",
    #[cfg(feature = "case-tracker")]
    clock_met: |s| if s == 0 { "按时达标（恰在时限）".to_owned() } else { format!("已达标（提前 {}）", span_zh(s)) },
    #[cfg(feature = "case-tracker")]
    clock_late: |s| format!("超时完成（晚 {}）", span_zh(s)),
    #[cfg(feature = "case-tracker")]
    clock_breached: |s| format!("已超时 {}", span_zh(s)),
    #[cfg(feature = "case-tracker")]
    clock_running: |s| format!("剩余 {}", span_zh(s)),
    #[cfg(feature = "case-tracker")]
    clock_not_started: "未开始",
    #[cfg(feature = "case-tracker")]
    all_met: "全部达标",
    #[cfg(feature = "case-tracker")]
    no_clocks: "无时限要求",
    // <gr-dashboard>
    #[cfg(feature = "dashboard")]
    dash_title: "一屏统览",
    #[cfg(feature = "dashboard")]
    dash_period: |from, to| format!("案件统计期：{from} 至 {to}（不含）"),
    #[cfg(feature = "dashboard")]
    dash_breadcrumb: "所在层级",
    #[cfg(feature = "dashboard")]
    dash_members: "党员",
    #[cfg(feature = "dashboard")]
    dash_grids: "网格",
    #[cfg(feature = "dashboard")]
    dash_grid_workers: "网格员",
    #[cfg(feature = "dashboard")]
    dash_households: "户数",
    #[cfg(feature = "dashboard")]
    dash_population: "人口",
    #[cfg(feature = "dashboard")]
    dash_units: "报到单位",
    #[cfg(feature = "dashboard")]
    dash_co_located: "驻区共建单位",
    #[cfg(feature = "dashboard")]
    dash_members_reported: "双报到党员",
    #[cfg(feature = "dashboard")]
    dash_coverage_title: "覆盖率",
    #[cfg(feature = "dashboard")]
    dash_members_title: "党员构成",
    #[cfg(feature = "dashboard")]
    dash_tiers_title: "下辖评定结果",
    #[cfg(feature = "dashboard")]
    dash_cov_branch: "网格建支部",
    #[cfg(feature = "dashboard")]
    dash_cov_grid: "党员入网格",
    #[cfg(feature = "dashboard")]
    dash_cov_linked: "联系户覆盖",
    #[cfg(feature = "dashboard")]
    dash_domain: ["小区", "无物业小区", "服务队伍", "小区物业覆盖（无物业清零）", "红色物业（有物业小区中）", "物业联席会议覆盖", "包保“1+4+N”配齐的社区", "网格员配备达标的网格"],
    #[cfg(feature = "dashboard")]
    dash_in_service: "在职党员",
    #[cfg(feature = "dashboard")]
    dash_retired: "离退休党员",
    #[cfg(feature = "dashboard")]
    dash_mobile_in: "流入党员",
    #[cfg(feature = "dashboard")]
    dash_mobile_out: "流出党员",
    #[cfg(feature = "dashboard")]
    dash_no_office: "无职党员",
    #[cfg(feature = "dashboard")]
    dash_col_value: "数值",
    #[cfg(feature = "dashboard")]
    dash_col_ratio: "指标",
    #[cfg(feature = "dashboard")]
    dash_col_kind: "类别",
    #[cfg(feature = "dashboard")]
    dash_col_rate: "指标",
    #[cfg(feature = "dashboard")]
    dash_col_level: "层级",
    #[cfg(feature = "dashboard")]
    dash_col_cases: "案件数",
    #[cfg(feature = "dashboard")]
    dash_ratio: |share, n, d| format!("{share}（{n}/{d}）"),
    #[cfg(feature = "dashboard")]
    dash_not_enough: |n, d| format!("样本不足（{n}/{d}）"),
    #[cfg(feature = "dashboard")]
    dash_no_cases: "无案件",
    #[cfg(feature = "dashboard")]
    dash_rates_caption: |n| format!("案件办理（共 {n} 件）"),
    #[cfg(feature = "dashboard")]
    dash_children_caption: |n| format!("下级组织（{n} 个）"),
    #[cfg(feature = "dashboard")]
    dash_response: "响应率",
    #[cfg(feature = "dashboard")]
    dash_resolution: "解决率",
    #[cfg(feature = "dashboard")]
    dash_satisfaction: "满意率",
    #[cfg(feature = "dashboard")]
    dash_on_time: "按时办结率",
    #[cfg(feature = "dashboard")]
    dash_clocks_1310: "1310 时限达标率",
    #[cfg(feature = "dashboard")]
    dash_clocks_12345: "12345 时限达标率",
};

pub static EN: Catalogue = Catalogue {
    tree_label: "Organization",
    loading: "Loading…",
    error_title: "The data has errors and cannot be shown",
    error_intro: "Please correct the data at these places:",
    fetch_failed: |detail| format!("Could not load the data: {detail}"),
    record: |id| format!("record “{id}”"),
    more_problems: |n| format!("{n} more problems are not listed here."),
    node_count: |n| if n == 1 { "1 organization".to_owned() } else { format!("{n} organizations") },
    keyboard_hint: "Arrow keys move, Right expands, Left collapses, Enter selects, Page Up/Down page",
    search_label: "Search organizations",
    search_hint: "Type a name or code; Enter goes to the matches, F3 to the next one, Escape clears",
    next_match: "Next",
    prev_match: "Previous",
    match_count: |n| if n == 1 { "1 match".to_owned() } else { format!("{n} matches") },
    match_position: |i, n, name| format!("Match {i} of {n}: {name}"),
    no_match: "No matches",
    match_note: "match",
    problem: |kind| kind.to_string(),
    row_figures: |members, grids, households| format!("members {members} · grids {grids} · households {households}"),
    #[cfg(feature = "org-tree")]
    tree_details: TreeDetailsText {
        title: "Details",
        prompt: "Select an organization (click it, or move to it with the arrow keys and press Enter) to see its details here.",
        shown: |name| format!("Showing the details of {name}"),
        notes: "Worth a look here and below (these do not stop the data being used):",
        baobao: "Assigned units (1+4+N)",
        complete: "Complete: one lead unit, at least four responsible units and at least one more",
        incomplete: |lead, responsible, member| format!("Incomplete: lead units {lead}/1, responsible units {responsible}/4, other units {member}/at least 1"),
        baobao_roles: ["Lead unit", "Responsible units", "Other units"],
        stationed: |n| format!("Stationed people ({n})"),
        stationed_roles: ["Task force", "First secretary"],
        span: |from, to| match to {
            Some(to) => format!("{from} to {to} (left)"),
            None => format!("since {from}, in post"),
        },
        compounds: |n| format!("Compounds ({n})"),
        households: |n| format!("{n} households"),
        no_property: "No property management",
        property: |name| format!("Property management: {name}"),
        red_property: "Red property",
        joint_meeting: "Joint meeting",
        no_joint_meeting: "No joint meeting",
        red_site: "Red property demonstration site",
        teams: |n| format!("Service teams ({n})"),
        team_kinds: ["Vanguard team", "Volunteer team", "Party service team", "Warm-service squad", "Errand team"],
        modules: ["Emergency rescue", "Care", "Culture", "Public affairs", "Mediation"],
        people: |n| format!("{n} people"),
        leader: |name| format!("led by {name}"),
        grids: |n| format!("Grids ({n})"),
        workers: |list| format!("Grid workers: {list}"),
        worker_roles: ["Reporting member", "Member without office", "Full-time worker", "Building head", "Unit head"],
        no_role: "Role not given",
        no_workers: "No grid workers",
        shortfall: |role, needed, found| format!("Short of the model: {needed} {role} needed, {found} found"),
        and: ", ",
    },

    warnings_title: "Also worth a look (these do not stop the data being used):",
    #[cfg(any(feature = "case-tracker", feature = "dashboard", feature = "service-board", feature = "duty-list", feature = "grid-map", feature = "org-tree"))]
    notes_count: |n| format!("({n} in all)"),
    table_region: "Table (scrolls sideways)",
    export_xlsx: "Export to Excel",
    export_named: |t| format!("Export to Excel: {t}"),
    #[cfg(feature = "scorecard")]
    rule_set_version: |v, from, to| format!("version {v} · in force {from} to {to}"),
    #[cfg(feature = "scorecard")]
    scorecard_tabs: "Scorecard views",
    #[cfg(feature = "scorecard")]
    tab_ranking: "Ranking",
    #[cfg(feature = "scorecard")]
    tab_card: "Scorecard",
    #[cfg(feature = "scorecard")]
    filter_tier: "Tier",
    #[cfg(feature = "scorecard")]
    all_tiers: "All",
    #[cfg(feature = "scorecard")]
    filter_search: "Search",
    #[cfg(feature = "scorecard")]
    rows_shown: |n, total| format!("{n} of {total} shown"),
    #[cfg(feature = "scorecard")]
    ranking_caption: "Ranking: select a column heading to sort",
    #[cfg(feature = "scorecard")]
    col_rank: "Rank",
    #[cfg(any(feature = "scorecard", feature = "dashboard"))]
    col_name: "Name",
    #[cfg(feature = "scorecard")]
    col_total: "Total",
    #[cfg(any(feature = "scorecard", feature = "dashboard"))]
    col_tier: "Tier",
    #[cfg(any(feature = "scorecard", feature = "dashboard"))]
    tier: |t| match t {
        Tier::Excellence => "Excellent",
        Tier::Pass => "Pass",
        Tier::Fail => "Fail",
        Tier::NotRated => "Not rated",
    },
    #[cfg(feature = "scorecard")]
    open_card: |name| format!("Open the scorecard of {name}"),
    #[cfg(feature = "scorecard")]
    section_passed: "passed",
    #[cfg(feature = "scorecard")]
    section_failed: "below the mark",
    #[cfg(feature = "scorecard")]
    section_voided: "vetoed",
    #[cfg(feature = "scorecard")]
    no_rows: "Nothing matches the filters",
    #[cfg(feature = "scorecard")]
    entity_picker: "Show",
    #[cfg(feature = "scorecard")]
    total_points: |p| format!("total {p} points"),
    #[cfg(feature = "scorecard")]
    rank_of: |rank, n| match rank {
        Some(r) => format!("rank {r} of {n} rated"),
        None => "not ranked".to_owned(),
    },
    #[cfg(feature = "scorecard")]
    stars: |p, n| format!("{p} of {n} stars"),
    #[cfg(feature = "scorecard")]
    vetoes_title: "Vetoes:",
    #[cfg(feature = "scorecard")]
    bonuses_title: "Bonuses:",
    #[cfg(feature = "scorecard")]
    diagnostics_title: "Data notes: these facts are missing or wrong, and their indicators score 0",
    #[cfg(feature = "scorecard")]
    score_of: |p, max| format!("{p} / {max}"),
    #[cfg(feature = "scorecard")]
    col_indicator: "Indicator",
    #[cfg(feature = "scorecard")]
    col_points: "Points",
    #[cfg(feature = "scorecard")]
    col_reason: "Explanation",
    #[cfg(feature = "duty-list")]
    lists_version: |v, day| format!("version {v} · in effect from {day}"),
    #[cfg(feature = "duty-list")]
    duty_tabs: "List views",
    #[cfg(feature = "duty-list")]
    tab_items: "The four lists",
    #[cfg(feature = "duty-list")]
    tab_lookup: "Certificate lookup",
    #[cfg(feature = "duty-list")]
    tab_diff: "Compare versions",
    #[cfg(feature = "duty-list")]
    filter_kind: "List",
    #[cfg(feature = "duty-list")]
    all_kinds: "All",
    #[cfg(feature = "duty-list")]
    kind_count: |kind, n| format!("{kind} ({n})"),
    #[cfg(feature = "duty-list")]
    item_kind: |k| match k {
        ItemKind::SelfGovernance => "Self-governance",
        ItemKind::Assist => "Assistance",
        ItemKind::Certificate => "Certificates",
        ItemKind::Negative => "Negative list",
    },
    #[cfg(feature = "duty-list")]
    filter_level: "Handled at",
    #[cfg(feature = "duty-list")]
    all_levels: "All levels",
    #[cfg(feature = "duty-list")]
    filter_channels: "Channels",
    #[cfg(feature = "duty-list")]
    one_window: "One window",
    #[cfg(feature = "duty-list")]
    online: "Online",
    #[cfg(feature = "duty-list")]
    at_most_one_trip: "At most one trip",
    #[cfg(feature = "duty-list")]
    filter_status: "Status",
    #[cfg(feature = "duty-list")]
    all_statuses: "Any status",
    #[cfg(feature = "duty-list")]
    item_status: |key| match key {
        "abolished" => "Abolished",
        "delegated_down" => "Delegated down",
        _ => "In force",
    },
    #[cfg(feature = "duty-list")]
    items_search: "Search items",
    #[cfg(feature = "duty-list")]
    items_shown: |n, total| format!("{n} of {total} items shown"),
    #[cfg(feature = "duty-list")]
    items_caption: "Items: select an item's name for its details",
    #[cfg(feature = "duty-list")]
    no_items: "No item matches the filters",
    #[cfg(feature = "duty-list")]
    col_item: "Item",
    #[cfg(feature = "duty-list")]
    col_kind: "List",
    #[cfg(feature = "duty-list")]
    col_level: "Handled at",
    #[cfg(feature = "duty-list")]
    col_owner: "Owner",
    #[cfg(feature = "duty-list")]
    col_time_limit: "Time limit",
    #[cfg(feature = "duty-list")]
    col_channels: "Channels",
    #[cfg(any(feature = "duty-list", feature = "service-board", feature = "case-tracker"))]
    col_status: "Status",
    #[cfg(feature = "duty-list")]
    working_days: |n| if n == 1 { "1 working day".to_owned() } else { format!("{n} working days") },
    #[cfg(feature = "duty-list")]
    no_owner: "not named",
    #[cfg(feature = "duty-list")]
    none: "none",
    #[cfg(feature = "duty-list")]
    item_details: |name| format!("{name}: details"),
    #[cfg(feature = "duty-list")]
    detail_basis: "Legal basis",
    #[cfg(feature = "duty-list")]
    detail_materials: "Materials",
    #[cfg(feature = "duty-list")]
    detail_aliases: "Also called",
    #[cfg(feature = "duty-list")]
    detail_introduced: "Listed since",
    #[cfg(feature = "duty-list")]
    detail_status: "Status",
    #[cfg(any(feature = "duty-list", feature = "service-board", feature = "case-tracker"))]
    list_sep: ", ",
    #[cfg(feature = "duty-list")]
    instead: |i| match i {
        Instead::SelfDeclaration => "a signed self-declaration",
        Instead::DataSharing => "shared department data",
        Instead::OnlineVerification => "online verification",
        Instead::DepartmentIssues => "the competent department issues it",
        Instead::NotNeeded => "nothing at all",
    },
    #[cfg(feature = "duty-list")]
    abolished_since: |since, by, instead| {
        if instead.is_empty() { format!("Abolished on {since} by {by}") } else { format!("Abolished on {since} by {by}; instead: {instead}") }
    },
    #[cfg(feature = "duty-list")]
    delegated_since: |since, level| format!("Delegated down to {level} on {since}"),
    #[cfg(feature = "duty-list")]
    in_force_since: |since| match since {
        Some(day) => format!("In force since {day}"),
        None => "In force".to_owned(),
    },
    #[cfg(feature = "duty-list")]
    lookup_label: "Which certificate do you need?",
    #[cfg(feature = "duty-list")]
    lookup_hint: "Type its name, e.g. 健在证明 (proof of being alive)",
    #[cfg(feature = "duty-list")]
    lookup_button: "Look up",
    #[cfg(feature = "duty-list")]
    lookup_empty: "Please type the name of a certificate.",
    #[cfg(feature = "duty-list")]
    lookup_too_short: |q| format!("“{q}” is too short: type at least two characters of the certificate's name."),
    #[cfg(feature = "duty-list")]
    lookup_none: |q| format!("No certificate matches “{q}”."),
    #[cfg(feature = "duty-list")]
    lookup_found: |q, n| if n == 1 { format!("“{q}”: 1 certificate found") } else { format!("“{q}”: {n} certificates found") },
    #[cfg(feature = "duty-list")]
    matched_alias: |name| format!("matched as “{name}”"),
    #[cfg(feature = "duty-list")]
    still_required: |issuer, level| format!("Still required: issued by {issuer} ({level})"),
    #[cfg(feature = "duty-list")]
    answer_abolished: "No longer needed",
    #[cfg(feature = "duty-list")]
    answer_in_force: "Still required",
    #[cfg(feature = "duty-list")]
    diff_heading: |ov, od, nv, nd| format!("version {ov} ({od}) → version {nv} ({nd})"),
    #[cfg(feature = "duty-list")]
    diff_counts_caption: "Items in force per list",
    #[cfg(feature = "duty-list")]
    col_before: "Before",
    #[cfg(feature = "duty-list")]
    col_after: "After",
    #[cfg(feature = "duty-list")]
    col_change: "Change",
    #[cfg(feature = "duty-list")]
    total: "Total",
    #[cfg(feature = "duty-list")]
    diff_added: |n| format!("Added: {n}"),
    #[cfg(feature = "duty-list")]
    diff_removed: |n| format!("Removed: {n}"),
    #[cfg(feature = "duty-list")]
    diff_moved: |n| format!("Moved to another level: {n}"),
    #[cfg(feature = "duty-list")]
    diff_changed: |n| format!("Changed: {n}"),
    #[cfg(feature = "duty-list")]
    diff_restored: " (restored)",
    #[cfg(feature = "duty-list")]
    diff_unlisted: "no longer listed",
    #[cfg(feature = "duty-list")]
    diff_down: "delegated down",
    #[cfg(feature = "duty-list")]
    diff_not_down: "moved",
    #[cfg(feature = "duty-list")]
    diff_same: "The two versions do not differ.",
    #[cfg(feature = "duty-list")]
    field_name: |f| match f {
        "name" => "name",
        "kind" => "list",
        "owner" => "owner",
        "basis" => "legal basis",
        "time_limit_days" => "time limit (working days)",
        "materials" => "materials",
        "channels" => "channels",
        "aliases" => "also called",
        "status" => "status",
        _ => "other",
    },
    #[cfg(feature = "service-board")]
    board_title: "Demands and claims",
    #[cfg(feature = "service-board")]
    board_counts: |d, o, c| format!("{d} demands · {o} offers · {c} claims"),
    #[cfg(feature = "service-board")]
    board_tabs: "Board views",
    #[cfg(feature = "service-board")]
    tab_demands: "Demands",
    #[cfg(feature = "service-board")]
    tab_claims: "Claims",
    #[cfg(feature = "service-board")]
    tab_offers: "Offers",
    #[cfg(feature = "service-board")]
    filter_state: "Claim state",
    #[cfg(feature = "service-board")]
    all_states: "All",
    #[cfg(feature = "service-board")]
    unclaimed: "Unclaimed",
    #[cfg(feature = "service-board")]
    claim_state: |s| match s {
        ClaimState::New => "New",
        ClaimState::Ordered => "Ordered",
        ClaimState::Dispatched => "Dispatched",
        ClaimState::Accepted => "Accepted",
        ClaimState::Done => "Done",
        ClaimState::Reviewed => "Reviewed",
        ClaimState::Rejected => "Rejected",
        ClaimState::Withdrawn => "Withdrawn",
    },
    #[cfg(feature = "service-board")]
    step_verb: |s| match s {
        ClaimState::Ordered => "Order",
        ClaimState::Dispatched => "Dispatch",
        ClaimState::Accepted => "Accept",
        ClaimState::Done => "Complete",
        ClaimState::Reviewed => "Review",
        ClaimState::Rejected => "Reject",
        ClaimState::Withdrawn => "Withdraw",
        ClaimState::New => "New",
    },
    #[cfg(feature = "service-board")]
    urgency: |u| match u {
        Urgency::Urgent => "Urgent",
        Urgency::High => "High",
        Urgency::Normal => "Normal",
        Urgency::Low => "Low",
    },
    #[cfg(feature = "service-board")]
    demands_caption: "Demands: filter by claim state; Claim takes the suggested offer",
    #[cfg(feature = "service-board")]
    claims_caption: "Claims: each offers only the steps that may come next",
    #[cfg(feature = "service-board")]
    offers_caption: "Offers from members and units",
    #[cfg(feature = "service-board")]
    col_demand: "Demand",
    #[cfg(feature = "service-board")]
    col_category: "Category",
    #[cfg(feature = "service-board")]
    col_grid: "Grid",
    #[cfg(feature = "service-board")]
    col_urgency: "Urgency",
    #[cfg(feature = "service-board")]
    col_raised_by: "Raised by",
    #[cfg(feature = "service-board")]
    col_raised_at: "Raised at",
    #[cfg(feature = "service-board")]
    col_suggestion: "Suggested offer",
    #[cfg(feature = "service-board")]
    col_actions: "Actions",
    #[cfg(feature = "service-board")]
    col_claim: "Claim",
    #[cfg(feature = "service-board")]
    col_provider: "Provider",
    #[cfg(feature = "service-board")]
    col_last_step: "Last step",
    #[cfg(feature = "service-board")]
    col_rating: "Rating",
    #[cfg(feature = "service-board")]
    col_offer: "Offer",
    #[cfg(feature = "service-board")]
    col_categories: "Categories",
    #[cfg(feature = "service-board")]
    col_capacity: "Per month",
    #[cfg(feature = "service-board")]
    col_area: "Serves",
    #[cfg(feature = "service-board")]
    col_valid: "Valid",
    #[cfg(feature = "service-board")]
    provider: |kind, name| match kind {
        ProviderKind::Member => format!("member {name}"),
        ProviderKind::Unit => format!("unit {name}"),
        ProviderKind::Team => format!("team {name}"),
    },
    #[cfg(feature = "service-board")]
    anonymous: "anonymous",
    #[cfg(feature = "service-board")]
    claim_action: "Claim",
    #[cfg(feature = "service-board")]
    claim_label: |d| format!("Claim: {d}"),
    #[cfg(feature = "service-board")]
    step_label: |verb, claim| format!("{verb} ({claim})"),
    #[cfg(feature = "service-board")]
    rating_label: "Rating",
    #[cfg(feature = "service-board")]
    rating_value: |r| if r == 1 { "1 star".to_owned() } else { format!("{r} stars") },
    #[cfg(feature = "service-board")]
    pending: "Submitted, waiting to be saved",
    #[cfg(feature = "service-board")]
    submitted: |what| format!("{what}: submitted, waiting to be saved"),
    #[cfg(feature = "service-board")]
    no_suggestion: "No offer available",
    #[cfg(feature = "service-board")]
    step_at: |at, by| format!("{at} · {by}"),
    #[cfg(feature = "service-board")]
    history_label: |claim| format!("History of {claim}"),
    #[cfg(feature = "service-board")]
    final_state: "Closed",
    #[cfg(feature = "service-board")]
    per_month: |n| format!("{n} a month"),
    #[cfg(feature = "service-board")]
    valid_period: |from, to| format!("{from} to {to}"),
    #[cfg(feature = "service-board")]
    always: "open-ended",
    #[cfg(feature = "service-board")]
    no_demands: "No demand matches the filter",
    #[cfg(feature = "service-board")]
    no_claims: "No claim matches the filter",
    #[cfg(feature = "service-board")]
    board_shown: |n, total| format!("{n} of {total} shown"),
    // <gr-case-tracker>
    #[cfg(feature = "case-tracker")]
    tracker_label: "Cases",
    #[cfg(feature = "case-tracker")]
    case_count: |n| if n == 1 { "1 case".to_owned() } else { format!("{n} cases") },
    #[cfg(feature = "case-tracker")]
    now_is: |t| format!("now {t}"),
    #[cfg(feature = "case-tracker")]
    bad_now: |v| format!("The now option “{v}” is not an RFC 3339 time; the clock of this computer is used instead"),
    #[cfg(feature = "case-tracker")]
    clock_unavailable: "The current time cannot be read, so no clock can be computed",
    #[cfg(feature = "case-tracker")]
    case_list_label: "Cases, overdue first",
    #[cfg(feature = "case-tracker")]
    case_list_hint: "Up and Down move, Home and End go to the ends, Enter or Space opens a case",
    #[cfg(feature = "case-tracker")]
    category: |key| match key {
        "water" => "water supply",
        "power" => "power supply",
        "gas" => "gas",
        "heating" => "heating",
        "flooding" => "flooding",
        "sanitation" => "sanitation",
        "noise" => "noise",
        "lighting" => "lighting",
        "road" => "roads",
        "parking" => "parking",
        "greening" => "greenery",
        "elevator" => "lifts",
        "fire_lane" => "fire lanes",
        "fire_risk" => "fire hazards",
        "property" => "property management",
        "housing" => "housing",
        "education" => "education",
        "medical" => "medical emergencies",
        "dispute" => "disputes",
        other => other,
    },
    #[cfg(feature = "case-tracker")]
    case_meta: |category, node, step| format!("category: {category} · grid: {node} · step: {step}"),
    #[cfg(feature = "case-tracker")]
    case_columns: ["Case", "Category", "Grid", "Step", "Clocks"],
    #[cfg(feature = "case-tracker")]
    no_step: "not taken in",
    #[cfg(feature = "case-tracker")]
    no_cases: "No cases",
    #[cfg(feature = "case-tracker")]
    announce_breached: |case, clock| format!("Overdue: {case}, {clock}"),
    #[cfg(feature = "case-tracker")]
    list_separator: ", ",
    #[cfg(feature = "case-tracker")]
    label_separator: ": ",
    #[cfg(feature = "case-tracker")]
    label_id: "Case",
    #[cfg(feature = "case-tracker")]
    label_category: "Category",
    #[cfg(feature = "case-tracker")]
    label_node: "Grid",
    #[cfg(feature = "case-tracker")]
    label_source: "Raised by",
    #[cfg(feature = "case-tracker")]
    label_urgency: "Urgency",
    #[cfg(feature = "case-tracker")]
    label_opened: "Opened",
    #[cfg(feature = "case-tracker")]
    step_name: |s| match s {
        Step::Collect => "Collect",
        Step::Analyse => "Analyse",
        Step::Handle => "Handle",
        Step::Feedback => "Feedback",
        Step::Review => "Review",
    },
    #[cfg(feature = "case-tracker")]
    source_name: |s| match s {
        Source::Resident => "a resident",
        Source::GridWorker => "a grid worker",
        Source::CommunityCommittee => "the community committee",
        Source::Township => "the township",
        Source::PoliceAlert => "a police incident",
        Source::CameraAlert => "a camera alert",
        Source::Hotline12345 => "the 12345 hotline",
    },
    #[cfg(feature = "case-tracker")]
    urgency_name: |u| match u {
        CaseUrgency::Emergency => "emergency",
        CaseUrgency::Urgent => "urgent",
        CaseUrgency::Normal => "normal",
    },
    #[cfg(feature = "case-tracker")]
    event_name: |e| match e {
        EventKind::ContactKnown => "knew whom to call",
        EventKind::ContactReached => "reached them",
        EventKind::OnSite => "on site",
        EventKind::Dispatched => "dispatched",
        EventKind::Answered => "answered",
    },
    #[cfg(feature = "case-tracker")]
    satisfaction_name: |s| match s {
        Satisfaction::Satisfied => "satisfied",
        Satisfaction::Basically => "basically satisfied",
        Satisfaction::Unsatisfied => "unsatisfied",
    },
    #[cfg(feature = "case-tracker")]
    timeline_title: "Steps",
    #[cfg(feature = "case-tracker")]
    step_done: |at, by| format!("{at}, by {by}"),
    #[cfg(feature = "case-tracker")]
    not_reached: "not reached",
    #[cfg(feature = "case-tracker")]
    events_title: "Events",
    #[cfg(feature = "case-tracker")]
    no_events: "No events yet",
    #[cfg(feature = "case-tracker")]
    dispatch_title: "Whistle and report",
    #[cfg(feature = "case-tracker")]
    no_route: "No whistle route (12345 cases follow the hotline's clocks)",
    #[cfg(feature = "case-tracker")]
    label_route: "Route",
    #[cfg(feature = "case-tracker")]
    label_reports: "Must report",
    #[cfg(feature = "case-tracker")]
    label_report_by: "Report by",
    #[cfg(feature = "case-tracker")]
    label_level: "Now with",
    #[cfg(feature = "case-tracker")]
    label_level_due: "Due at this level",
    #[cfg(feature = "case-tracker")]
    label_dispatch_state: "Report",
    #[cfg(feature = "case-tracker")]
    level_now: |who, level| match level {
        0 => format!("{who} (not escalated)"),
        1 => format!("{who} (escalated 1 level)"),
        n => format!("{who} (escalated {n} levels)"),
    },
    #[cfg(feature = "case-tracker")]
    arrived_at: |t| format!("arrived {t}"),
    #[cfg(feature = "case-tracker")]
    ladder_exhausted: "top of the ladder reached and still nobody on site",
    #[cfg(feature = "case-tracker")]
    level_left: |s| format!("{} left at this level", span_en(s)),
    #[cfg(feature = "case-tracker")]
    report_overdue: |s| format!("{} past the report deadline", span_en(s)),
    #[cfg(feature = "case-tracker")]
    clocks_title: "Clocks",
    #[cfg(feature = "case-tracker")]
    clocks_caption: |title| format!("Clocks of {title}"),
    #[cfg(feature = "case-tracker")]
    col_clock: "Clock",
    #[cfg(feature = "case-tracker")]
    col_standard: "Standard",
    #[cfg(feature = "case-tracker")]
    col_deadline: "Deadline",
    #[cfg(feature = "case-tracker")]
    clock_met: |s| if s == 0 { "met exactly at the deadline".to_owned() } else { format!("met, {} early", span_en(s)) },
    #[cfg(feature = "case-tracker")]
    clock_late: |s| format!("done {} late", span_en(s)),
    #[cfg(feature = "case-tracker")]
    clock_breached: |s| format!("overdue by {}", span_en(s)),
    #[cfg(feature = "case-tracker")]
    clock_running: |s| format!("{} left", span_en(s)),
    #[cfg(feature = "case-tracker")]
    clock_not_started: "not started",
    #[cfg(feature = "case-tracker")]
    all_met: "all met",
    #[cfg(feature = "case-tracker")]
    no_clocks: "no clocks",
    // <gr-dashboard>
    #[cfg(feature = "dashboard")]
    dash_title: "At a glance",
    #[cfg(feature = "dashboard")]
    dash_period: |from, to| format!("Cases opened from {from} to {to} (exclusive)"),
    #[cfg(feature = "dashboard")]
    dash_breadcrumb: "Where you are",
    #[cfg(feature = "dashboard")]
    dash_members: "Members",
    #[cfg(feature = "dashboard")]
    dash_grids: "Grids",
    #[cfg(feature = "dashboard")]
    dash_grid_workers: "Grid workers",
    #[cfg(feature = "dashboard")]
    dash_households: "Households",
    #[cfg(feature = "dashboard")]
    dash_population: "Population",
    #[cfg(feature = "dashboard")]
    dash_units: "Reporting units",
    #[cfg(feature = "dashboard")]
    dash_co_located: "Co-located units",
    #[cfg(feature = "dashboard")]
    dash_members_reported: "Members reported (dual reporting)",
    #[cfg(feature = "dashboard")]
    dash_coverage_title: "Coverage",
    #[cfg(feature = "dashboard")]
    dash_members_title: "Members by kind",
    #[cfg(feature = "dashboard")]
    dash_tiers_title: "Ratings below",
    #[cfg(feature = "dashboard")]
    dash_cov_branch: "Grids with a branch",
    #[cfg(feature = "dashboard")]
    dash_cov_grid: "Members in a grid",
    #[cfg(feature = "dashboard")]
    dash_cov_linked: "Households linked",
    #[cfg(feature = "dashboard")]
    dash_domain: ["Compounds", "Compounds without property management", "Service teams", "Compounds with property management", "Red property (of managed compounds)", "Joint meetings", "Communities with a complete 1+4+N", "Grids staffed to the model"],
    #[cfg(feature = "dashboard")]
    dash_in_service: "In service",
    #[cfg(feature = "dashboard")]
    dash_retired: "Retired",
    #[cfg(feature = "dashboard")]
    dash_mobile_in: "Mobile in",
    #[cfg(feature = "dashboard")]
    dash_mobile_out: "Mobile out",
    #[cfg(feature = "dashboard")]
    dash_no_office: "Without office",
    #[cfg(feature = "dashboard")]
    dash_col_value: "Value",
    #[cfg(feature = "dashboard")]
    dash_col_ratio: "Ratio",
    #[cfg(feature = "dashboard")]
    dash_col_kind: "Kind",
    #[cfg(feature = "dashboard")]
    dash_col_rate: "Rate",
    #[cfg(feature = "dashboard")]
    dash_col_level: "Level",
    #[cfg(feature = "dashboard")]
    dash_col_cases: "Cases",
    #[cfg(feature = "dashboard")]
    dash_ratio: |share, n, d| format!("{share} ({n}/{d})"),
    #[cfg(feature = "dashboard")]
    dash_not_enough: |n, d| format!("not enough cases ({n}/{d})"),
    #[cfg(feature = "dashboard")]
    dash_no_cases: "no cases",
    #[cfg(feature = "dashboard")]
    dash_rates_caption: |n| format!("Cases ({n} in all)"),
    #[cfg(feature = "dashboard")]
    dash_children_caption: |n| format!("Sub-organizations ({n})"),
    #[cfg(feature = "dashboard")]
    dash_response: "Response",
    #[cfg(feature = "dashboard")]
    dash_resolution: "Resolution",
    #[cfg(feature = "dashboard")]
    dash_satisfaction: "Satisfaction",
    #[cfg(feature = "dashboard")]
    dash_on_time: "On-time closure",
    #[cfg(feature = "dashboard")]
    dash_clocks_1310: "1310 clocks met",
    #[cfg(feature = "dashboard")]
    dash_clocks_12345: "12345 clocks met",
};

#[cfg(test)]
mod tests {
    use super::*;



    #[test]
    fn language_tags_fall_back_to_chinese() {
        assert_eq!(Lang::from_tag(Some("en-GB")), Lang::En);
        assert_eq!(Lang::from_tag(Some("EN")), Lang::En);
        assert_eq!(Lang::from_tag(Some("zh-Hans")), Lang::ZhCn);
        assert_eq!(Lang::from_tag(Some("fr")), Lang::ZhCn);
        assert_eq!(Lang::from_tag(None), Lang::ZhCn);
    }

    #[test]
    fn search_messages_count_and_use_chinese_punctuation() {
        assert_eq!((ZH_CN.match_count)(3), "找到 3 个");
        assert_eq!((EN.match_count)(1), "1 match");
        assert_eq!((EN.match_count)(3), "3 matches");
        assert_eq!((ZH_CN.match_position)(2, 5, "凤翔一街党小组"), "找到 5 个，第 2 个：凤翔一街党小组");
        assert_eq!((EN.match_position)(2, 5, "x"), "Match 2 of 5: x");
        for text in [ZH_CN.search_hint, ZH_CN.keyboard_hint, ZH_CN.search_label, ZH_CN.no_match] {
            assert!(!text.contains([',', ':', '(', ')', ';']), "half-width punctuation in {text}");
        }
    }


    #[test]
    fn case_tracker_messages_use_chinese_punctuation() {
        for text in [ZH_CN.case_list_hint, ZH_CN.no_route, ZH_CN.list_separator, ZH_CN.label_separator, ZH_CN.ladder_exhausted] {
            assert!(!text.contains([',', ':', '(', ')', ';']), "half-width punctuation in {text}");
        }
        for text in [(ZH_CN.clock_met)(90), (ZH_CN.level_now)("网格员", 2), (ZH_CN.announce_breached)("胜利街水管爆裂", "10分钟内有人到场"), (ZH_CN.step_done)("2026-08-31 17:56", "网格员 彭丽")] {
            assert!(!text.contains([',', ':', '(', ')', ';']) || text.contains("17:56"), "half-width punctuation in {text}");
        }
        assert_eq!((ZH_CN.level_now)("网格员", 1), "网格员（已升级 1 级）");
        assert_eq!((EN.level_now)("grid worker", 2), "grid worker (escalated 2 levels)");
        assert_eq!((ZH_CN.clock_late)(4 * 86_400 + 6 * 3_600), "超时完成（晚 4 天 6 小时）");
    }

    #[test]
    fn dashboard_messages_use_chinese_punctuation() {
        for text in [(ZH_CN.dash_ratio)("85.7%", 6, 7), (ZH_CN.dash_not_enough)(5, 7), (ZH_CN.dash_rates_caption)(18), (ZH_CN.dash_children_caption)(5), (ZH_CN.dash_period)("2026-06-01", "2026-09-01")] {
            assert!(!text.contains([',', ':', '(', ')', ';']), "half-width punctuation in {text}");
        }
        assert_eq!((ZH_CN.dash_not_enough)(5, 7), "样本不足（5/7）");
        assert_eq!((EN.dash_ratio)("94.4%", 17, 18), "94.4% (17/18)");
    }
}
