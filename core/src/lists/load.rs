//! Reading a lists document and checking it: a fast typed parse, and only when that fails a
//! record-by-record pass (shared with the organization document) that finds every shape
//! problem with its JSON path; then the semantic checks over the records that did read.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::item::{Item, ItemKind, Material, Role, Status, name_key};
use crate::error::{Error, Problem, ProblemKind, RefKind, Severity};
use crate::jsonpath::sort_key;
use crate::org::document::{Section, duplicate_key, field, items, schema_spec, shape};
use crate::org::{Date, LevelSchema, SchemaSpec, resolve_schema};

/// The top-level fields, in the order problems are reported.
const KEYS: [&str; 6] = ["id", "version", "effective", "schema", "items", "roles"];

/// A lists document as JSON has it. This type is the format; [`Lists::from_json`] reads it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListsDocument {
    /// The lists' id, the same across versions, e.g. `laifeng-fengxiang`.
    pub id: String,
    /// This version's name, e.g. `2021-2`.
    pub version: String,
    /// The day this version takes effect.
    pub effective: Date,
    /// A level schema preset (`laifeng`, `xinxiang`, `street`) or a schema of the document's own.
    pub schema: SchemaSpec,
    /// The items of the four lists.
    pub items: Vec<Item>,
    /// Roles and their duty lists.
    #[serde(default)]
    pub roles: Vec<Role>,
}

/// One version of a place's four lists (四张清单), loaded without errors.
#[derive(Debug, Clone)]
pub struct Lists {
    id: String,
    version: String,
    effective: Date,
    schema: LevelSchema,
    items: Vec<Item>,
    roles: Vec<Role>,
    /// Item id → index in `items`.
    index: HashMap<String, usize>,
    warnings: Vec<Problem>,
}

/// Counts of one kind of item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KindFigures {
    /// The kind.
    pub kind: ItemKind,
    /// Items in force, counting those delegated down (still in force at a lower level).
    pub in_force: usize,
    /// Of those, the items delegated down.
    pub delegated: usize,
    /// Items abolished.
    pub abolished: usize,
}

/// Simple figures for the rule engine: per kind, and the certificates a resident can still get.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListFigures {
    /// One entry per kind, in [`ItemKind::ALL`] order.
    pub kinds: Vec<KindFigures>,
    /// Certificates in force (including delegated ones).
    pub certificates_in_force: usize,
}

impl ListFigures {
    /// The figures of one kind.
    pub fn kind(&self, kind: ItemKind) -> KindFigures {
        self.kinds.iter().copied().find(|k| k.kind == kind).unwrap_or(KindFigures { kind, in_force: 0, delegated: 0, abolished: 0 })
    }
}

/// The figures of a slice of items.
pub(crate) fn figures_of(items: &[Item]) -> ListFigures {
    let kinds: Vec<KindFigures> = ItemKind::ALL
        .iter()
        .map(|&kind| {
            let of_kind = || items.iter().filter(move |i| i.kind == kind);
            KindFigures {
                kind,
                in_force: of_kind().filter(|i| i.status.in_force()).count(),
                delegated: of_kind().filter(|i| matches!(i.status, Status::DelegatedDown { .. })).count(),
                abolished: of_kind().filter(|i| !i.status.in_force()).count(),
            }
        })
        .collect();
    let certificates_in_force = kinds.iter().find(|k| k.kind == ItemKind::Certificate).map_or(0, |k| k.in_force);
    ListFigures { kinds, certificates_in_force }
}

/// What the document held once read; `None` where a field did not read.
struct Parts {
    id: Option<String>,
    version: Option<String>,
    effective: Option<Date>,
    schema: Option<SchemaSpec>,
    items: Section<Item>,
    roles: Section<Role>,
}

impl Lists {
    /// Reads a lists document and checks it. Every problem is reported with its JSON path and
    /// record id, in document order: shape errors, duplicate ids, unknown levels, items
    /// without an owner, duplicate items (same folded name and kind), duties that are on the
    /// negative list, materials that reference unknown, non-certificate or abolished
    /// certificates, dates out of order, and delegations that do not go down.
    ///
    /// Severity decisions: a material that requires an abolished certificate is an error when
    /// the item requiring it is in force (a resident could not comply: the 无谓证明 the lists
    /// exist to remove), a warning when the item is abolished itself or names the
    /// certificate only in free text. An abolished certificate that does not say what to do
    /// instead, and dates after the day the version takes effect, are warnings.
    ///
    /// ```
    /// use grassroots::Lists;
    /// let err = Lists::from_json(r#"{"id": "l", "version": "1", "effective": "2021-07-01",
    ///   "schema": "laifeng", "items": [{"id": "a", "name": "居住证明", "kind": "certificate",
    ///   "level": "grid"}]}"#).unwrap_err();
    /// let paths: Vec<String> = err.problems().into_iter().map(|p| p.path).collect();
    /// assert_eq!(paths, ["$.items[0].level", "$.items[0].owner"]);
    /// ```
    pub fn from_json(text: &str) -> Result<Self, Error> {
        let mut problems = Vec::new();
        let parts = read(text, &mut problems)?;
        let schema = parts.schema.as_ref().and_then(|s| resolve_schema(Some(s), &mut problems));
        let index = check(&parts, schema.as_ref(), &mut problems);
        // Document order: by top-level field, then record, then path; checks of one place
        // keep the order they ran in (the sort is stable).
        problems.sort_by(|a, b| (sort_key(&a.path, &KEYS), &a.path).cmp(&(sort_key(&b.path, &KEYS), &b.path)));
        let errors = problems.iter().any(|p| p.severity == Severity::Error);
        match (parts.id, parts.version, parts.effective, schema) {
            (Some(id), Some(version), Some(effective), Some(schema)) if !errors => Ok(Lists {
                id,
                version,
                effective,
                schema,
                items: parts.items.records,
                roles: parts.roles.records,
                index,
                warnings: problems,
            }),
            _ => {
                // Errors first, then warnings, each group in document order.
                problems.sort_by_key(|p| p.severity);
                Err(Error::Invalid { problems })
            }
        }
    }

    /// The lists' id, the same across versions.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// This version's name.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The day this version takes effect.
    pub fn effective(&self) -> Date {
        self.effective
    }

    /// The level schema.
    pub fn schema(&self) -> &LevelSchema {
        &self.schema
    }

    /// The items, in document order.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.index.get(id).map(|&i| &self.items[i])
    }

    /// The roles, in document order.
    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    /// The role with this id.
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// A role's duties as items, in the role's order (loading made sure every one exists).
    pub fn duties(&self, role: &Role) -> Vec<&Item> {
        role.duties.iter().filter_map(|d| self.item(d)).collect()
    }

    /// Counts per kind, for the rule engine.
    pub fn figures(&self) -> ListFigures {
        figures_of(&self.items)
    }

    /// Warnings found while loading.
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }

    /// Takes the warnings out of the lists, for a caller that hands them on rather than
    /// copying them; [`Self::warnings`] is empty after.
    pub fn take_warnings(&mut self) -> Vec<Problem> {
        std::mem::take(&mut self.warnings)
    }
}

/// Reads the document; shape problems go to `problems`, and what did read is returned so
/// that it is checked too.
fn read(text: &str, problems: &mut Vec<Problem>) -> Result<Parts, Error> {
    crate::limits::check(text)?;
    // Fast path, as in the organization document (and left out of wasm for the same reason).
    #[cfg(not(target_arch = "wasm32"))]
    if let Ok(doc) = serde_json::from_str::<ListsDocument>(text) {
        let all = |n: usize| (0..n).collect();
        return Ok(Parts {
            id: Some(doc.id),
            version: Some(doc.version),
            effective: Some(doc.effective),
            schema: Some(doc.schema),
            items: Section { positions: all(doc.items.len()), records: doc.items },
            roles: Section { positions: all(doc.roles.len()), records: doc.roles },
        });
    }
    let value: Value = serde_json::from_str(text).map_err(|e| Error::syntax(&e))?;
    if let Some((path, key)) = duplicate_key(text) {
        problems.push(shape(None, path, format!("duplicate field `{key}`")));
    }
    let Some(doc) = value.as_object() else {
        problems.push(shape(None, "$".into(), "expected a lists object with \"items\"".into()));
        return Err(Error::Invalid { problems: std::mem::take(problems) });
    };
    for key in doc.keys().filter(|k| !KEYS.contains(&k.as_str())) {
        let message = format!("unknown field `{key}`, expected one of {}", KEYS.map(|s| format!("`{s}`")).join(", "));
        problems.push(shape(None, format!("$.{key}"), message));
    }
    let schema = match doc.get("schema") {
        None => {
            problems.push(shape(None, "$.schema".into(), "missing field `schema`".into()));
            None
        }
        Some(v) => schema_spec(v, problems),
    };
    Ok(Parts {
        id: field(doc, "id", problems),
        version: field(doc, "version", problems),
        effective: field(doc, "effective", problems),
        schema,
        items: items(doc, "items", true, problems),
        roles: items(doc, "roles", false, problems),
    })
}

/// The semantic checks; returns the item index (id → record index) for the loaded value.
fn check(parts: &Parts, schema: Option<&LevelSchema>, problems: &mut Vec<Problem>) -> HashMap<String, usize> {
    for key in ["id", "version"] {
        let value = if key == "id" { &parts.id } else { &parts.version };
        if value.as_ref().is_some_and(|v| v.trim().is_empty()) {
            problems.push(Problem::error(None, format!("$.{key}"), ProblemKind::Empty));
        }
    }
    let items = &parts.items;
    if items.records.is_empty() && !problems.iter().any(|p| p.path.starts_with("$.items")) {
        problems.push(Problem::error(None, "$.items".into(), ProblemKind::NoRecords));
    }
    let item_path = |i: usize| format!("$.items[{}]", items.positions[i]);
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, item) in items.records.iter().enumerate() {
        if item.id.trim().is_empty() {
            problems.push(Problem::error(None, format!("{}.id", item_path(i)), ProblemKind::Empty));
        } else if let Some(&first) = index.get(&item.id) {
            let kind = ProblemKind::DuplicateId { id: item.id.clone(), first: item_path(first) };
            problems.push(Problem::error(Some(item.id.clone()), format!("{}.id", item_path(i)), kind));
        } else {
            index.insert(item.id.clone(), i);
        }
    }
    let checker = Checker { items: &items.records, index: &index, schema, effective: parts.effective };
    // Folded name and kind → the first item with them; negative items in force by folded name.
    let mut names: HashMap<(String, ItemKind), usize> = HashMap::new();
    let mut negative: HashMap<String, usize> = HashMap::new();
    for (i, item) in items.records.iter().enumerate() {
        let key = name_key(&item.name);
        if item.kind == ItemKind::Negative && item.status.in_force() && !key.is_empty() {
            negative.entry(key.clone()).or_insert(i);
        }
        if !key.is_empty() {
            names.entry((key, item.kind)).or_insert(i);
        }
    }
    for (i, item) in items.records.iter().enumerate() {
        let path = item_path(i);
        let mut found = Vec::new();
        checker.item(item, &mut found);
        let key = name_key(&item.name);
        if let Some(&first) = names.get(&(key.clone(), item.kind)).filter(|&&first| first != i) {
            let kind = ProblemKind::DuplicateItem { name: item.name.clone(), kind: item.kind.key().into(), first: items.records[first].id.clone() };
            found.push((Severity::Error, ".name".into(), kind));
        }
        if item.kind.is_duty()
            && item.status.in_force()
            && let Some(&n) = negative.get(&key)
        {
            let kind = ProblemKind::NegativeDuty { name: items.records[n].name.clone(), negative: items.records[n].id.clone() };
            found.push((Severity::Error, ".name".into(), kind));
        }
        let record = Some(item.id.clone()).filter(|id| !id.trim().is_empty());
        for (severity, sub, kind) in found {
            problems.push(Problem { severity, record: record.clone(), path: format!("{path}{sub}"), kind });
        }
    }
    check_roles(&parts.roles, &checker, problems);
    index
}

fn check_roles(roles: &Section<Role>, checker: &Checker<'_>, problems: &mut Vec<Problem>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (r, role) in roles.records.iter().enumerate() {
        let path = format!("$.roles[{}]", roles.positions[r]);
        let record = Some(role.id.clone()).filter(|id| !id.trim().is_empty());
        let err = |sub: String, kind| Problem::error(record.clone(), format!("{path}{sub}"), kind);
        if role.id.trim().is_empty() {
            problems.push(err(".id".into(), ProblemKind::Empty));
        } else if let Some(&first) = seen.get(role.id.as_str()) {
            let first = format!("$.roles[{}]", roles.positions[first]);
            problems.push(err(".id".into(), ProblemKind::DuplicateId { id: role.id.clone(), first }));
        } else {
            seen.insert(&role.id, r);
        }
        if role.name.trim().is_empty() {
            problems.push(err(".name".into(), ProblemKind::Empty));
        }
        if let Some(level) = &role.level
            && let Some(kind) = checker.unknown_level(level)
        {
            problems.push(err(".level".into(), kind));
        }
        for (d, duty) in role.duties.iter().enumerate() {
            let sub = format!(".duties[{d}]");
            match checker.get(duty) {
                None => problems.push(err(sub, ProblemKind::UnknownItem { id: duty.clone() })),
                Some(item) if item.kind == ItemKind::Negative => {
                    problems.push(err(sub, ProblemKind::NegativeDuty { name: item.name.clone(), negative: item.id.clone() }));
                }
                Some(_) => {}
            }
        }
    }
}

/// What the item checks need to look things up.
struct Checker<'a> {
    items: &'a [Item],
    index: &'a HashMap<String, usize>,
    schema: Option<&'a LevelSchema>,
    effective: Option<Date>,
}

/// A problem found in one record: severity, the path below the record, what.
type Found = (Severity, String, ProblemKind);

impl Checker<'_> {
    fn get(&self, id: &str) -> Option<&Item> {
        self.index.get(id).map(|&i| &self.items[i])
    }

    /// The problem with a level key, if the schema does not know it.
    fn unknown_level(&self, level: &str) -> Option<ProblemKind> {
        let schema = self.schema?;
        schema.level(level).is_none().then(|| ProblemKind::UnknownRef { what: RefKind::Level, id: level.to_owned() })
    }

    /// Where a level sits in the schema, top first.
    fn depth(&self, level: &str) -> Option<usize> {
        self.schema?.levels.iter().position(|l| l.key == level)
    }

    fn item(&self, item: &Item, found: &mut Vec<Found>) {
        let err = |sub: &str, kind| (Severity::Error, sub.to_owned(), kind);
        if item.name.trim().is_empty() {
            found.push(err(".name", ProblemKind::Empty));
        }
        if let Some(kind) = self.unknown_level(&item.level) {
            found.push(err(".level", kind));
        }
        if item.owner.as_deref().is_none_or(|o| o.trim().is_empty()) {
            found.push(err(".owner", ProblemKind::NoOwner));
        }
        for (b, basis) in item.basis.iter().enumerate() {
            if basis.trim().is_empty() {
                found.push(err(&format!(".basis[{b}]"), ProblemKind::Empty));
            }
        }
        for (a, alias) in item.aliases.iter().enumerate() {
            if alias.trim().is_empty() {
                found.push(err(&format!(".aliases[{a}]"), ProblemKind::Empty));
            }
        }
        self.status(item, found);
        self.dates(item, found);
        for (m, material) in item.materials.iter().enumerate() {
            self.material(item, material, &format!(".materials[{m}]"), found);
        }
    }

    fn status(&self, item: &Item, found: &mut Vec<Found>) {
        match &item.status {
            Status::InForce { .. } => {}
            Status::Abolished { by, instead, .. } => {
                if by.trim().is_empty() {
                    found.push((Severity::Error, ".status.by".into(), ProblemKind::Empty));
                }
                if instead.is_empty() && item.kind == ItemKind::Certificate {
                    found.push((Severity::Warning, ".status.instead".into(), ProblemKind::NoInstead));
                }
            }
            Status::DelegatedDown { to, by, .. } => {
                if by.as_deref().is_some_and(|b| b.trim().is_empty()) {
                    found.push((Severity::Error, ".status.by".into(), ProblemKind::Empty));
                }
                if let Some(kind) = self.unknown_level(to) {
                    found.push((Severity::Error, ".status.to".into(), kind));
                } else if let (Some(from), Some(down)) = (self.depth(&item.level), self.depth(to))
                    && down <= from
                {
                    let kind = ProblemKind::NotLower { from: item.level.clone(), to: to.clone() };
                    found.push((Severity::Error, ".status.to".into(), kind));
                }
            }
        }
    }

    fn dates(&self, item: &Item, found: &mut Vec<Found>) {
        let since = item.status.since();
        if let (Some(introduced), Some(since)) = (item.introduced, since)
            && since < introduced
        {
            let kind = ProblemKind::DateOrder {
                date: since.to_string(),
                earlier: introduced.to_string(),
                what: "day the item was introduced".into(),
            };
            found.push((Severity::Error, ".status.since".into(), kind));
        }
        let Some(effective) = self.effective else { return };
        for (sub, date) in [(".introduced", item.introduced), (".status.since", since)] {
            if let Some(date) = date.filter(|d| *d > effective) {
                let kind = ProblemKind::AfterEffective { date: date.to_string(), effective: effective.to_string() };
                found.push((Severity::Warning, sub.into(), kind));
            }
        }
    }

    fn material(&self, item: &Item, material: &Material, sub: &str, found: &mut Vec<Found>) {
        // An abolished certificate required by an item still in force is an error: a resident
        // could not comply. Anywhere else it is worth a look only.
        let severity = if item.status.in_force() { Severity::Error } else { Severity::Warning };
        let abolished = |cert: &Item| match &cert.status {
            Status::Abolished { since, .. } => {
                Some(ProblemKind::AbolishedMaterial { certificate: cert.name.clone(), id: cert.id.clone(), since: since.to_string() })
            }
            _ => None,
        };
        match material {
            Material::Item { item: id } => match self.get(id) {
                None => found.push((Severity::Error, format!("{sub}.item"), ProblemKind::UnknownItem { id: id.clone() })),
                Some(cert) if cert.kind != ItemKind::Certificate => {
                    let kind = ProblemKind::NotCertificate { id: id.clone(), kind: cert.kind.key().into() };
                    found.push((Severity::Error, format!("{sub}.item"), kind));
                }
                Some(cert) => {
                    if let Some(kind) = abolished(cert) {
                        found.push((severity, format!("{sub}.item"), kind));
                    }
                }
            },
            Material::Text(text) => {
                if text.trim().is_empty() {
                    found.push((Severity::Error, sub.to_owned(), ProblemKind::Empty));
                    return;
                }
                // Free text naming an abolished certificate (by name or alias), when no
                // certificate in force has that name.
                let key = name_key(text);
                let names = |cert: &&Item| {
                    cert.kind == ItemKind::Certificate && std::iter::once(&cert.name).chain(&cert.aliases).any(|n| name_key(n) == key)
                };
                if key.is_empty() || self.items.iter().filter(names).any(|c| c.status.in_force()) {
                    return;
                }
                if let Some(kind) = self.items.iter().filter(names).find_map(abolished) {
                    found.push((Severity::Warning, sub.to_owned(), kind));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(json: &str) -> Vec<(String, String)> {
        match Lists::from_json(json) {
            Ok(l) => l.warnings().iter().map(|p| (p.path.clone(), format!("warning: {}", p.kind))).collect(),
            Err(e) => e.problems().into_iter().map(|p| (p.path, p.kind.to_string())).collect(),
        }
    }

    fn doc(items: &str, roles: &str) -> String {
        format!(r#"{{"id": "l", "version": "1", "effective": "2021-07-01", "schema": "laifeng", "items": [{items}], "roles": [{roles}]}}"#)
    }

    const CERT: &str = r#"{"id": "c1", "name": "户籍证明", "kind": "certificate", "level": "community", "owner": "社区居委会",
        "status": {"state": "abolished", "since": "2021-06-01", "by": "来政办发〔2021〕8号", "instead": ["data_sharing"]}}"#;

    #[test]
    fn a_clean_document_loads_with_figures() {
        let json = doc(
            &format!(
                r#"{CERT}, {{"id": "s1", "name": "临时救助", "kind": "assist", "level": "community", "owner": "民政专干",
                "status": {{"state": "delegated_down", "since": "2021-07-01", "to": "district"}}}}"#
            ),
            r#"{"id": "grid_worker", "name": "网格员", "duties": ["s1"]}"#,
        );
        let lists = match Lists::from_json(&json) {
            Ok(l) => l,
            Err(e) => panic!("{:#?}", e.problems()),
        };
        let figures = lists.figures();
        assert_eq!(figures.kind(ItemKind::Certificate), KindFigures { kind: ItemKind::Certificate, in_force: 0, delegated: 0, abolished: 1 });
        assert_eq!(figures.kind(ItemKind::Assist), KindFigures { kind: ItemKind::Assist, in_force: 1, delegated: 1, abolished: 0 });
        assert_eq!(figures.certificates_in_force, 0);
        assert_eq!(lists.item("s1").map(Item::handling_level), Some("district"));
        let Some(role) = lists.role("grid_worker") else { panic!("no role") };
        assert_eq!(lists.duties(role).len(), 1);
    }

    #[test]
    fn materials_requiring_an_abolished_certificate_are_errors_only_when_in_force() {
        let json = doc(
            &format!(
                r#"{CERT}, {{"id": "s1", "name": "低保申请", "kind": "assist", "level": "community", "owner": "民政专干",
                "materials": [{{"item": "c1"}}, "户口证明", "户籍证明"]}}"#
            ),
            "",
        );
        assert_eq!(problems(&json), [
            ("$.items[1].materials[0].item".to_owned(), "requires certificate \"户籍证明\" (c1), abolished since 2021-06-01".to_owned()),
            ("$.items[1].materials[2]".to_owned(), "requires certificate \"户籍证明\" (c1), abolished since 2021-06-01".to_owned()),
        ]);
    }

    #[test]
    fn delegation_must_go_down_and_dates_must_be_in_order() {
        let json = doc(
            r#"{"id": "s1", "name": "大病救助", "kind": "assist", "level": "district", "owner": "民政专干", "introduced": "2021-08-01",
               "status": {"state": "delegated_down", "since": "2021-06-01", "to": "community"}}"#,
            "",
        );
        assert_eq!(problems(&json), [
            ("$.items[0].status.since".to_owned(), "2021-06-01 is before 2021-08-01, the day the item was introduced".to_owned()),
            ("$.items[0].status.to".to_owned(), "delegated to \"community\", which is not below \"district\"".to_owned()),
            ("$.items[0].introduced".to_owned(), "2021-08-01 is after the day this version takes effect (2021-07-01)".to_owned()),
        ]);
    }

    #[test]
    fn a_negative_item_cannot_be_a_duty_by_name_or_by_reference() {
        let json = doc(
            r#"{"id": "n1", "name": "出具无犯罪记录证明", "kind": "negative", "level": "community", "owner": "公安机关"},
               {"id": "a1", "name": "出具无犯罪记录证明", "kind": "assist", "level": "community", "owner": "社区居委会"}"#,
            r#"{"id": "grid_worker", "name": "网格员", "duties": ["n1", "nope"]}"#,
        );
        let negative = "\"出具无犯罪记录证明\" is on the negative list (item \"n1\") but is required as a duty".to_owned();
        assert_eq!(problems(&json), [
            ("$.items[1].name".to_owned(), negative.clone()),
            ("$.roles[0].duties[0]".to_owned(), negative),
            ("$.roles[0].duties[1]".to_owned(), "item \"nope\" does not exist".to_owned()),
        ]);
    }
}
