//! What changed between two versions of the lists, matched by item id: what came into force,
//! what left it (abolished counts as removed from force), what moved to another level
//! (来凤 delegated 9 services down to the districts), which fields changed, and the counts in
//! force per kind before → after (呼和浩特 cut community tasks from 140+ to 79).

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use super::item::{Item, ItemKind, Status};
use super::load::{Lists, figures_of};
use crate::org::Date;

/// An item that came into force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Added {
    /// Item id.
    pub id: String,
    /// Name in the new version.
    pub name: String,
    /// Kind in the new version.
    pub kind: ItemKind,
    /// The item was in the old version too, but abolished.
    pub restored: bool,
}

/// An item that left force: gone from the new version, or abolished in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removed {
    /// Item id.
    pub id: String,
    /// Name in the old version.
    pub name: String,
    /// Kind in the old version.
    pub kind: ItemKind,
    /// When the new version keeps it as abolished: since when and by which document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abolished: Option<Abolition>,
}

/// When and by what an item was abolished.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Abolition {
    /// The day.
    pub since: Date,
    /// The document.
    pub by: String,
}

/// An item in force in both versions, handled at another level in the new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moved {
    /// Item id.
    pub id: String,
    /// Name in the new version.
    pub name: String,
    /// Kind in the new version.
    pub kind: ItemKind,
    /// The level key that handled it.
    pub from: String,
    /// The level key that handles it now.
    pub to: String,
    /// Whether `to` is below `from` in the new version's schema (delegated down).
    pub down: bool,
}

/// One field that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// The field's JSON key, e.g. `time_limit_days`.
    pub field: String,
    /// The old value as text (`—` when absent).
    pub from: String,
    /// The new value as text.
    pub to: String,
}

/// An item in both versions whose fields changed (beyond what added, removed and moved say).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changed {
    /// Item id.
    pub id: String,
    /// Name in the new version.
    pub name: String,
    /// The fields, in document field order.
    pub fields: Vec<FieldChange>,
}

/// Items in force of one kind, before → after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KindCount {
    /// The kind.
    pub kind: ItemKind,
    /// In force in the old version (delegated items count: they are in force lower down).
    pub before: usize,
    /// In force in the new version.
    pub after: usize,
}

/// The difference between two versions of the lists; each part ordered by item id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListDiff {
    /// The old version's lists id.
    pub old_id: String,
    /// The new version's lists id (a different id is shown, not an error).
    pub new_id: String,
    /// The old version's name.
    pub old_version: String,
    /// The new version's name.
    pub new_version: String,
    /// The old version's effective day.
    pub old_effective: Date,
    /// The new version's effective day.
    pub new_effective: Date,
    /// Came into force.
    pub added: Vec<Added>,
    /// Left force.
    pub removed: Vec<Removed>,
    /// Moved to another level.
    pub moved: Vec<Moved>,
    /// Other field changes.
    pub changed: Vec<Changed>,
    /// In force per kind, in [`ItemKind::ALL`] order.
    pub counts: Vec<KindCount>,
    /// Level key → Chinese name, for the text report.
    #[serde(skip)]
    level_names: Vec<(String, String)>,
}

impl ListDiff {
    /// Compares two versions.
    ///
    /// ```
    /// use grassroots::{ListDiff, Lists};
    /// # fn main() -> Result<(), grassroots::Error> {
    /// let v = |status: &str| format!(r#"{{"id": "l", "version": "1", "effective": "2021-07-01",
    ///   "schema": "laifeng", "items": [{{"id": "s1", "name": "临时救助", "kind": "assist",
    ///   "level": "community", "owner": "民政专干", "status": {status}}}]}}"#);
    /// let old = Lists::from_json(&v(r#"{"state": "in_force"}"#))?;
    /// let new = Lists::from_json(&v(r#"{"state": "delegated_down", "since": "2021-07-01", "to": "district"}"#))?;
    /// let diff = ListDiff::between(&old, &new);
    /// assert_eq!((diff.moved[0].to.as_str(), diff.moved[0].down), ("district", true));
    /// # Ok(())
    /// # }
    /// ```
    pub fn between(old: &Lists, new: &Lists) -> Self {
        let old_items: HashMap<&str, &Item> = old.items().iter().map(|i| (i.id.as_str(), i)).collect();
        let new_ids: HashMap<&str, &Item> = new.items().iter().map(|i| (i.id.as_str(), i)).collect();
        let depth = |level: &str| new.schema().levels.iter().position(|l| l.key == level);
        let (mut added, mut removed, mut moved, mut changed) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for item in new.items() {
            let before = old_items.get(item.id.as_str()).copied();
            let was = before.is_some_and(|b| b.status.in_force());
            let is = item.status.in_force();
            let mut reported = true;
            if is && !was {
                added.push(Added { id: item.id.clone(), name: item.name.clone(), kind: item.kind, restored: before.is_some() });
            } else if was && !is {
                let abolished = match &item.status {
                    Status::Abolished { since, by, .. } => Some(Abolition { since: *since, by: by.clone() }),
                    _ => None,
                };
                let b = before.unwrap_or(item);
                removed.push(Removed { id: b.id.clone(), name: b.name.clone(), kind: b.kind, abolished });
            } else if let Some(b) = before.filter(|b| is && b.handling_level() != item.handling_level()) {
                let (from, to) = (b.handling_level().to_owned(), item.handling_level().to_owned());
                let down = matches!((depth(&from), depth(&to)), (Some(f), Some(t)) if t > f);
                moved.push(Moved { id: item.id.clone(), name: item.name.clone(), kind: item.kind, from, to, down });
            } else {
                reported = false;
            }
            if let Some(b) = before {
                let fields = field_changes(old, b, new, item, !reported);
                if !fields.is_empty() {
                    changed.push(Changed { id: item.id.clone(), name: item.name.clone(), fields });
                }
            }
        }
        for item in old.items().iter().filter(|i| i.status.in_force() && !new_ids.contains_key(i.id.as_str())) {
            removed.push(Removed { id: item.id.clone(), name: item.name.clone(), kind: item.kind, abolished: None });
        }
        added.sort_by(|a, b| a.id.cmp(&b.id));
        removed.sort_by(|a, b| a.id.cmp(&b.id));
        moved.sort_by(|a, b| a.id.cmp(&b.id));
        changed.sort_by(|a, b| a.id.cmp(&b.id));
        let (before, after) = (figures_of(old.items()), figures_of(new.items()));
        let counts = ItemKind::ALL
            .iter()
            .map(|&kind| KindCount { kind, before: before.kind(kind).in_force, after: after.kind(kind).in_force })
            .collect();
        ListDiff {
            old_id: old.id().to_owned(),
            new_id: new.id().to_owned(),
            old_version: old.version().to_owned(),
            new_version: new.version().to_owned(),
            old_effective: old.effective(),
            new_effective: new.effective(),
            added,
            removed,
            moved,
            changed,
            counts,
            level_names: level_names(old, new),
        }
    }

    /// Whether nothing changed (counts aside, which then are equal).
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.moved.is_empty() && self.changed.is_empty()
    }
}

/// The fields that differ, as text. `status` is compared only when `with_status` (when the
/// status change is not already told as added, removed or moved).
fn field_changes(old: &Lists, before: &Item, new: &Lists, after: &Item, with_status: bool) -> Vec<FieldChange> {
    let materials = |lists: &Lists, item: &Item| {
        item.materials.iter().map(|m| super::lookup::material_name(lists, m)).collect::<Vec<_>>().join("; ")
    };
    let channels = |item: &Item| item.channels.zh().join(", ");
    let status = |item: &Item| serde_json::to_string(&item.status).unwrap_or_default();
    let days = |item: &Item| item.time_limit_days.map(|d| d.to_string()).unwrap_or_default();
    let pairs: [(&str, String, String); 9] = [
        ("name", before.name.clone(), after.name.clone()),
        ("kind", before.kind.key().into(), after.kind.key().into()),
        ("owner", before.owner.clone().unwrap_or_default(), after.owner.clone().unwrap_or_default()),
        ("basis", before.basis.join(", "), after.basis.join(", ")),
        ("time_limit_days", days(before), days(after)),
        ("materials", materials(old, before), materials(new, after)),
        ("channels", channels(before), channels(after)),
        ("aliases", before.aliases.join(", "), after.aliases.join(", ")),
        ("status", if with_status { status(before) } else { String::new() }, if with_status { status(after) } else { String::new() }),
    ];
    let shown = |text: String| if text.is_empty() { "—".to_owned() } else { text };
    pairs
        .into_iter()
        .filter(|(_, from, to)| from != to)
        .map(|(field, from, to)| FieldChange { field: field.to_owned(), from: shown(from), to: shown(to) })
        .collect()
}

/// Display names of the level keys, from both schemas (the new one wins).
fn level_names(old: &Lists, new: &Lists) -> Vec<(String, String)> {
    let mut names: Vec<(String, String)> = Vec::new();
    for level in new.schema().levels.iter().chain(&old.schema().levels) {
        if !names.iter().any(|(k, _)| *k == level.key) {
            names.push((level.key.clone(), level.zh.clone()));
        }
    }
    names
}

impl fmt::Display for ListDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = if self.old_id == self.new_id { self.new_id.clone() } else { format!("{} → {}", self.old_id, self.new_id) };
        writeln!(f, "lists {id}: version {} ({}) → {} ({})", self.old_version, self.old_effective, self.new_version, self.new_effective)?;
        let label = |level: &str| match self.level_names.iter().find(|(k, _)| k == level) {
            Some((_, zh)) => format!("{zh} {level}"),
            None => level.to_owned(),
        };
        for a in &self.added {
            let restored = if a.restored { " (restored)" } else { "" };
            writeln!(f, "+ added {} {} {}: {}{restored}", a.id, a.kind.zh(), a.kind, a.name)?;
        }
        for r in &self.removed {
            write!(f, "- removed {} {} {}: {}", r.id, r.kind.zh(), r.kind, r.name)?;
            match &r.abolished {
                Some(a) => writeln!(f, " — abolished since {} by {}", a.since, a.by)?,
                None => writeln!(f, " — no longer listed")?,
            }
        }
        for m in &self.moved {
            let mark = if m.down { "v moved down" } else { "> moved" };
            writeln!(f, "{mark} {} {} {}: {} — {} → {}", m.id, m.kind.zh(), m.kind, m.name, label(&m.from), label(&m.to))?;
        }
        for c in &self.changed {
            for field in &c.fields {
                writeln!(f, "~ changed {} {}: {} {} → {}", c.id, c.name, field.field, field.from, field.to)?;
            }
        }
        if self.is_empty() {
            writeln!(f, "no changes")?;
        }
        writeln!(f, "in force, before → after:")?;
        for c in &self.counts {
            writeln!(f, "  {} {}: {} → {}", c.kind.zh(), c.kind, c.before, c.after)?;
        }
        let (before, after) = self.counts.iter().fold((0, 0), |(b, a), c| (b + c.before, a + c.after));
        writeln!(f, "  合计 total: {before} → {after}")
    }
}
