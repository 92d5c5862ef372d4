//! A county's four lists (四张清单) in two versions, reproducible from a seed — for the demo
//! site and scale tests, never as a real county's lists.
//!
//! The items come from 来凤-shaped catalogues written here as data: the community's own work
//! (自治事项) and the grid worker's duties, the services it assists government with (协助事项),
//! the certificates it issues (证明事项) and the negative list (负面清单). The levels are the
//! organization's (street, community, grid branch, by role). The new version, a year later,
//! does what 来凤 did: abolishes needless certificates (无谓证明, with the day, the document and
//! what a resident does instead), delegates services one level down, adds a few items (and puts
//! "issuing" an abolished certificate on the negative list), shortens some time limits and opens
//! them online, and drops an item handed back to its department.

use serde::Serialize;

use super::item::{Channels, Instead, Item, ItemKind, Material, Role, Status};
use crate::org::{Date, LevelRole, LevelSchema, Organization, PRESETS, SchemaSpec};
use crate::seeded::Rng;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListsOptions {
    seed: u64,
    year: i32,
    county: Option<String>,
}

impl ListsOptions {
    /// The versions of `year - 1` (old) and `year` (new), seed 1, the county named after the
    /// organization's root.
    pub fn new(year: i32) -> Self {
        ListsOptions { seed: 1, year, county: None }
    }
    /// The seed: the same seed and organization give the same documents.
    pub fn seed(self, seed: u64) -> Self {
        ListsOptions { seed, ..self }
    }
    /// The county's name, e.g. 凤溪县 (its first character starts the document numbers,
    /// 凤政办发〔2026〕5号, and it names the county departments that own negative items).
    pub fn county(self, name: &str) -> Self {
        ListsOptions { county: Some(name.to_owned()), ..self }
    }
}

/// One version of the lists, serialized as the JSON a lists document takes.
#[derive(Debug, Clone, Serialize)]
pub struct ListsVersion {
    /// The lists' id, the same in both versions.
    pub id: String,
    /// The version's name: its year.
    pub version: String,
    /// The day it takes effect.
    pub effective: Date,
    /// The organization's level schema (a preset's name when it is one).
    pub schema: SchemaSpec,
    /// The items.
    pub items: Vec<Item>,
    /// The grid worker and the grid branch secretary with their duties.
    pub roles: Vec<Role>,
}

impl ListsVersion {
    /// The document as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Both versions: `{"old": …, "new": …}`, what `<gr-duty-list>` reads.
#[derive(Debug, Clone, Serialize)]
pub struct CountyLists {
    /// The version of the year before.
    pub old: ListsVersion,
    /// The version of the year.
    pub new: ListsVersion,
}

impl CountyLists {
    /// Both versions as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The level an item is handled at, by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tier {
    Street,
    Community,
    Branch,
}

/// A certificate: id, name, aliases, materials (`@id` refers to a certificate), working days,
/// and, when it may be abolished, what a resident does instead and a note.
type Cert = (&'static str, &'static str, &'static [&'static str], &'static [&'static str], u32, Option<(&'static [Instead], &'static str)>);

use Instead::{DataSharing, DepartmentIssues, OnlineVerification, SelfDeclaration};

const CERTIFICATES: [Cert; 15] = [
    ("cert-huji", "户籍证明", &["户口证明"], &["居民身份证", "户口簿"], 1, Some((&[DataSharing], "由公安户籍信息共享核验，无需社区开具"))),
    ("cert-alive", "健在证明", &["生存证明", "在世证明", "活着证明"], &["居民身份证"], 1, Some((&[SelfDeclaration, DataSharing], "领取待遇资格认证通过人社部门数据比对或本人刷脸认证"))),
    ("cert-illness", "患病证明", &["疾病证明", "生病证明"], &["居民身份证", "医院诊断书"], 2, Some((&[DepartmentIssues], "以医疗机构出具的诊断证明为准"))),
    ("cert-crime", "无犯罪记录证明", &["无违法犯罪证明", "良民证"], &["居民身份证"], 3, Some((&[DepartmentIssues], "向公安机关申请开具"))),
    ("cert-kinship", "亲属关系证明", &[], &["居民身份证", "户口簿"], 2, Some((&[SelfDeclaration, DataSharing], ""))),
    ("cert-jobless", "无业证明", &["失业证明", "待业证明"], &["居民身份证"], 1, Some((&[SelfDeclaration], ""))),
    ("cert-income", "家庭收入证明", &["收入证明"], &["居民身份证", "收入情况说明"], 3, Some((&[SelfDeclaration, DataSharing], "签署个人收入承诺书，由民政部门核对经济状况"))),
    ("cert-single", "未婚证明", &["单身证明", "婚姻状况证明"], &["居民身份证"], 1, Some((&[OnlineVerification], "婚姻登记信息由民政部门网上核验"))),
    ("cert-house", "房屋产权证明", &["房产证明"], &["居民身份证", "购房合同"], 3, Some((&[DepartmentIssues], "向不动产登记机构申请查询"))),
    ("cert-death", "死亡证明", &["去世证明"], &["逝者居民身份证", "户口簿"], 1, Some((&[DepartmentIssues], "由医疗机构或公安派出所出具"))),
    ("cert-same", "同一人证明", &["身份一致证明"], &["居民身份证", "相关证件"], 2, Some((&[DataSharing], ""))),
    ("cert-remarry", "无再婚证明", &["未再婚证明"], &["居民身份证"], 1, Some((&[SelfDeclaration], ""))),
    ("cert-residence", "居住证明", &["居住地证明"], &["居民身份证", "房产证或租房合同"], 3, None),
    ("cert-hardship", "家庭经济困难证明", &["贫困证明", "困难证明"], &["居民身份证", "@cert-income"], 3, None),
    ("cert-guardian", "监护人证明", &["监护关系证明"], &["居民身份证", "户口簿"], 5, None),
];

/// A duty or service: id, name, kind, tier, owner, basis, working days, materials, online,
/// whether it may be delegated one level down.
type Duty = (&'static str, &'static str, ItemKind, Tier, &'static str, &'static [&'static str], Option<u32>, &'static [&'static str], bool, bool);

use ItemKind::{Assist, Negative, SelfGovernance};

const RELIEF: &[&str] = &["社会救助暂行办法"];

const DUTIES: [Duty; 28] = [
    ("self-meeting", "居民会议召集", SelfGovernance, Tier::Community, "社区居委会", &["中华人民共和国城市居民委员会组织法"], None, &[], false, false),
    ("self-mediation", "人民调解", SelfGovernance, Tier::Community, "社区人民调解委员会", &["中华人民共和国人民调解法"], Some(15), &[], false, false),
    ("self-volunteer", "志愿服务组织", SelfGovernance, Tier::Community, "社区党委", &[], None, &[], false, false),
    ("self-consult", "社区协商议事", SelfGovernance, Tier::Community, "社区居委会", &["关于加强城乡社区协商的意见"], None, &[], false, false),
    ("self-covenant", "居民公约修订", SelfGovernance, Tier::Community, "社区居委会", &[], None, &[], false, false),
    ("self-property", "物业服务监督", SelfGovernance, Tier::Community, "社区居委会", &[], None, &[], false, false),
    ("self-culture", "文体活动组织", SelfGovernance, Tier::Community, "社区居委会", &[], None, &[], false, false),
    ("g-info", "基础信息采集", SelfGovernance, Tier::Branch, "网格员", &[], None, &[], false, false),
    ("g-opinion", "社情民意收集", SelfGovernance, Tier::Branch, "网格员", &[], None, &[], false, false),
    ("g-policy", "政策法规宣传", Assist, Tier::Branch, "网格员", &[], None, &[], false, false),
    ("g-dispute", "矛盾纠纷排查", SelfGovernance, Tier::Branch, "网格员", &[], None, &[], false, false),
    ("g-hazard", "安全隐患巡查", Assist, Tier::Branch, "网格员", &[], None, &[], false, false),
    ("g-care", "特殊人群关爱服务", SelfGovernance, Tier::Branch, "网格员", &[], None, &[], false, false),
    ("g-security", "治安防范协助", Assist, Tier::Branch, "网格员", &[], None, &[], false, false),
    ("g-sanitation", "环境卫生监督", SelfGovernance, Tier::Branch, "网格员", &[], None, &[], false, false),
    ("g-report", "事件上报与代办", Assist, Tier::Branch, "网格员", &[], None, &[], false, false),
    ("svc-elder-card", "老年人优待证办理", Assist, Tier::Street, "街道便民服务中心", &[], Some(5), &["居民身份证", "一寸照片"], false, true),
    ("svc-residence-permit", "居住证申领受理", Assist, Tier::Street, "街道便民服务中心", &["居住证暂行条例"], Some(15), &["居民身份证", "居住登记凭证"], true, true),
    ("svc-only-child", "独生子女父母光荣证办理", Assist, Tier::Street, "街道便民服务中心", &[], Some(10), &["居民身份证", "户口簿", "结婚证"], false, true),
    ("svc-temp-relief", "临时救助", Assist, Tier::Community, "社区民政专干", RELIEF, Some(10), &["居民身份证", "个人承诺书"], false, true),
    ("svc-dibao", "低保五保申请受理", Assist, Tier::Community, "社区民政专干", RELIEF, Some(30), &["居民身份证", "户口簿", "家庭经济状况核对授权书"], false, true),
    ("svc-illness-relief", "大病救助", Assist, Tier::Community, "社区民政专干", RELIEF, Some(20), &["居民身份证", "医疗机构诊断证明", "医疗费用票据"], false, true),
    ("svc-disability", "残疾人两项补贴申请", Assist, Tier::Community, "社区残协专干", &[], Some(20), &["居民身份证", "残疾人证"], false, true),
    ("svc-elderly", "高龄津贴申请", Assist, Tier::Community, "社区民政专干", &[], Some(10), &["居民身份证"], false, true),
    ("svc-medical", "城乡居民医保参保登记", Assist, Tier::Community, "社区社保专干", &[], Some(1), &["居民身份证"], true, true),
    ("svc-pension", "城乡居民养老保险参保登记", Assist, Tier::Community, "社区社保专干", &[], Some(1), &["居民身份证", "户口簿"], true, true),
    ("svc-employment", "就业失业登记", Assist, Tier::Community, "社区劳动保障专干", &[], Some(1), &["居民身份证", "个人承诺书"], false, true),
    ("svc-veterans", "退役军人服务登记", Assist, Tier::Community, "社区退役军人服务站", &[], Some(5), &["居民身份证", "退役证"], false, false),
];

/// Kept in the old version, gone from the new one (handed back to its department).
const DROPPED: Duty =
    ("svc-family-planning", "计划生育奖励扶助申报", Assist, Tier::Community, "社区计生专干", &[], Some(15), &["居民身份证", "户口簿", "结婚证"], false, false);

/// Items the new version may add.
const ADDED: [Duty; 5] = [
    ("self-15min", "15分钟便民生活圈建设", SelfGovernance, Tier::Community, "社区党委", &[], None, &[], false, false),
    ("svc-new-workers", "新就业群体服务站服务", Assist, Tier::Community, "社区党群服务中心", &[], Some(1), &["居民身份证"], true, false),
    ("svc-meal", "老年助餐服务登记", Assist, Tier::Community, "社区民政专干", &[], Some(3), &["居民身份证"], true, false),
    ("g-visit", "独居老人定期探访", SelfGovernance, Tier::Branch, "网格员", &[], None, &[], false, false),
    ("g-ebike", "电动自行车充电安全巡查", Assist, Tier::Branch, "网格员", &[], None, &[], false, false),
];

/// The negative list: what county departments must not hand to the community. `县` stands
/// for the county's name.
const NEGATIVES: [(&str, &str, &str); 6] = [
    ("neg-investment", "招商引资任务", "县商务局"),
    ("neg-enforcement", "行政执法", "县城市管理执法局"),
    ("neg-rating", "创建达标评比", "县直相关部门"),
    ("neg-demolition", "征收拆迁", "县住房和城乡建设局"),
    ("neg-tax", "税费征收", "县税务局"),
    ("neg-safety", "安全生产监管执法", "县应急管理局"),
];

const NEGATIVE_BASIS: &str = "民发〔2020〕20号";

/// The county's name: the part of the root's name up to 县, 区 or 市, else the whole name.
fn county_of(org: &Organization) -> String {
    let root = org.tree().node(org.tree().root()).name();
    root.char_indices()
        .find(|(_, c)| matches!(c, '县' | '区' | '市'))
        .map_or_else(|| root.to_owned(), |(i, c)| root[..i + c.len_utf8()].to_owned())
}

/// `count` distinct indices of `0..n`, in ascending order.
fn choose(rng: &mut Rng, n: usize, count: usize) -> Vec<usize> {
    let mut all: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        all.swap(i, rng.below(i as u32 + 1) as usize);
    }
    let mut picked: Vec<usize> = all.into_iter().take(count).collect();
    picked.sort_unstable();
    picked
}

/// The level keys of the schema by tier (a missing street or branch level falls back on the
/// community level), and the level one tier down for delegations.
struct Levels {
    street: String,
    community: String,
    branch: String,
}

impl Levels {
    fn of(schema: &LevelSchema) -> Self {
        let key = |role| schema.levels.iter().find(|l| l.role == role).map(|l| l.key.clone());
        let community = key(LevelRole::Community).or_else(|| schema.levels.first().map(|l| l.key.clone())).unwrap_or_else(|| "community".into());
        Levels { street: key(LevelRole::Street).unwrap_or_else(|| community.clone()), branch: key(LevelRole::Branch).unwrap_or_else(|| community.clone()), community }
    }
    fn key(&self, tier: Tier) -> &str {
        match tier {
            Tier::Street => &self.street,
            Tier::Community => &self.community,
            Tier::Branch => &self.branch,
        }
    }
    /// The level a tier's items are delegated to, when there is a distinct one below.
    fn below(&self, tier: Tier) -> Option<&str> {
        let down = match tier {
            Tier::Street if self.street != self.community => &self.community,
            Tier::Street | Tier::Community => &self.branch,
            Tier::Branch => return None,
        };
        (down != self.key(tier)).then_some(down.as_str())
    }
}

fn duty_item(d: &Duty, levels: &Levels, introduced: Option<Date>) -> Item {
    let &(id, name, kind, tier, owner, basis, days, materials, online, _) = d;
    let service = kind == Assist && !materials.is_empty();
    Item {
        id: id.to_owned(),
        name: name.to_owned(),
        kind,
        level: levels.key(tier).to_owned(),
        owner: Some(owner.to_owned()),
        basis: basis.iter().map(|b| (*b).to_owned()).collect(),
        time_limit_days: days,
        materials: materials.iter().map(|m| Material::Text((*m).to_owned())).collect(),
        channels: Channels { one_window: service, online, at_most_one_trip: service },
        status: Status::default(),
        introduced,
        aliases: vec![],
    }
}

fn certificate_item(c: &Cert, levels: &Levels) -> Item {
    let &(id, name, aliases, materials, days, abolishable) = c;
    Item {
        id: id.to_owned(),
        name: name.to_owned(),
        kind: ItemKind::Certificate,
        level: levels.community.clone(),
        owner: Some("社区居委会".to_owned()),
        basis: if abolishable.is_some() { vec!["国办发〔2018〕47号".to_owned()] } else { vec![] },
        time_limit_days: Some(days),
        materials: materials
            .iter()
            .map(|m| match m.strip_prefix('@') {
                Some(item) => Material::Item { item: item.to_owned() },
                None => Material::Text((*m).to_owned()),
            })
            .collect(),
        channels: Channels { one_window: true, online: false, at_most_one_trip: true },
        status: Status::default(),
        introduced: None,
        aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
    }
}

/// The organization's schema as the lists document gives it: a preset's name when it is one.
fn schema_spec(org: &Organization) -> (SchemaSpec, LevelSchema) {
    let schema = org.schema().cloned().or_else(|| LevelSchema::preset("xinxiang")).unwrap_or_else(|| LevelSchema { id: "county".into(), levels: vec![], grid_workers: None });
    // A preset with a grid-worker model is still the preset for the lists, which read levels only.
    let preset = PRESETS.contains(&schema.id.as_str()) && LevelSchema::preset(&schema.id).map(|p| p.levels).as_ref() == Some(&schema.levels);
    let spec = if preset { SchemaSpec::Preset(schema.id.clone()) } else { SchemaSpec::Custom(schema.clone()) };
    (spec, schema)
}

/// Generates both versions of a county's lists for `org` (see the module docs).
///
/// ```
/// use grassroots::org::generate::{GenOptions, generate};
/// use grassroots::lists::generate::{ListsOptions, county_lists};
/// use grassroots::{ListDiff, Lists, Organization};
///
/// let org = Organization::from_json(&generate(GenOptions::new(2).seed(3)).to_json())?;
/// let lists = county_lists(&org, &ListsOptions::new(2026).seed(3));
/// let old = Lists::from_json(&lists.old.to_json())?;
/// let new = Lists::from_json(&lists.new.to_json())?;
/// let diff = ListDiff::between(&old, &new);
/// assert!(!diff.removed.is_empty() && !diff.moved.is_empty());
/// # Ok::<(), grassroots::Error>(())
/// ```
pub fn county_lists(org: &Organization, options: &ListsOptions) -> CountyLists {
    let mut rng = Rng::new(options.seed);
    let county = options.county.clone().unwrap_or_else(|| county_of(org));
    let initial: String = county.chars().next().map_or_else(|| "县".to_owned(), String::from);
    let root = org.tree().node(org.tree().root());
    let id = format!("lists-{}", root.code().unwrap_or(root.id()));
    let (spec, schema) = schema_spec(org);
    let levels = Levels::of(&schema);
    let (year, before) = (options.year, options.year - 1);
    let date = |y: i32, m: u32, d: u32| Date::from_ymd(y, m, d).unwrap_or_else(|| unreachable!("a real day"));
    let (old_effective, new_effective) = (date(before, 1, 1), date(year, 3, 1));
    let abolished_on = date(year, 2, 15);
    let abolish_by = format!("{initial}政办发〔{year}〕{}号", rng.between(3, 12));
    let delegate_by = format!("{initial}办发〔{year}〕{}号", rng.between(13, 30));
    let in_county = |owner: &str| owner.strip_prefix('县').map_or_else(|| owner.to_owned(), |rest| format!("{county}{rest}"));

    // The old version.
    let negative_item = |(id, name, owner): (&str, &str, &str), basis: &str, introduced| Item {
        id: id.to_owned(),
        name: name.to_owned(),
        kind: Negative,
        level: levels.community.clone(),
        owner: Some(in_county(owner)),
        basis: vec![basis.to_owned()],
        time_limit_days: None,
        materials: vec![],
        channels: Channels::default(),
        status: Status::default(),
        introduced,
        aliases: vec![],
    };
    let count = rng_between(&mut rng, 4, NEGATIVES.len());
    let negatives = choose(&mut rng, NEGATIVES.len(), count);
    let mut old_items: Vec<Item> = CERTIFICATES.iter().map(|c| certificate_item(c, &levels)).collect();
    for (i, c) in old_items.iter_mut().enumerate() {
        if rng.chance(30) {
            c.introduced = Some(date(2015 + i as i32 % 5, 3, 1));
        }
    }
    old_items.extend(DUTIES.iter().chain([&DROPPED]).map(|d| duty_item(d, &levels, None)));
    old_items.extend(negatives.iter().map(|&i| negative_item(NEGATIVES[i], NEGATIVE_BASIS, None)));

    // The new version: abolish, delegate, change, add, drop.
    let mut new_items: Vec<Item> = old_items.iter().filter(|i| i.id != DROPPED.0).cloned().collect();
    let abolishable: Vec<&Cert> = CERTIFICATES.iter().filter(|c| c.5.is_some()).collect();
    let abolish_count = rng_between(&mut rng, abolishable.len() / 2, abolishable.len() * 4 / 5).max(3);
    let abolished: Vec<&Cert> = choose(&mut rng, abolishable.len(), abolish_count).into_iter().map(|i| abolishable[i]).collect();
    for c in &abolished {
        let (instead, note) = c.5.unwrap_or((&[], ""));
        if let Some(item) = new_items.iter_mut().find(|i| i.id == c.0) {
            item.status = Status::Abolished {
                since: abolished_on,
                by: abolish_by.clone(),
                instead: instead.to_vec(),
                note: (!note.is_empty()).then(|| note.to_owned()),
            };
        }
    }
    // An item still in force may not require an abolished certificate: a promise instead.
    let gone: Vec<&str> = abolished.iter().map(|c| c.0).collect();
    for item in new_items.iter_mut().filter(|i| i.status.in_force()) {
        for m in &mut item.materials {
            if matches!(m, Material::Item { item } if gone.contains(&item.as_str())) {
                *m = Material::Text("个人承诺书".to_owned());
            }
        }
    }
    let delegable: Vec<&Duty> = DUTIES.iter().filter(|d| d.9 && levels.below(d.3).is_some()).collect();
    let (street, community): (Vec<&Duty>, Vec<&Duty>) = delegable.into_iter().partition(|d| d.3 == Tier::Street);
    let mut delegated: Vec<&str> = Vec::new();
    for (pool, low, high) in [(&street, 1, 2), (&community, 3, 6)] {
        let count = rng_between(&mut rng, low, high).min(pool.len());
        delegated.extend(choose(&mut rng, pool.len(), count).into_iter().map(|i| pool[i].0));
    }
    for item in new_items.iter_mut().filter(|i| delegated.contains(&i.id.as_str())) {
        let tier = DUTIES.iter().find(|d| d.0 == item.id).map_or(Tier::Community, |d| d.3);
        if let Some(to) = levels.below(tier) {
            item.status = Status::DelegatedDown { since: new_effective, to: to.to_owned(), by: Some(delegate_by.clone()) };
        }
    }
    // Faster and online: a few services and certificates still in force where they were.
    let kept: Vec<usize> = new_items
        .iter()
        .enumerate()
        .filter(|(_, i)| matches!(i.status, Status::InForce { .. }) && i.time_limit_days.is_some_and(|d| d > 1))
        .map(|(k, _)| k)
        .collect();
    let count = rng_between(&mut rng, 2, 4).min(kept.len());
    for k in choose(&mut rng, kept.len(), count) {
        let item = &mut new_items[kept[k]];
        item.time_limit_days = item.time_limit_days.map(|d| (d / 2).max(1));
        item.channels.online = true;
    }
    let count = rng_between(&mut rng, 2, 3);
    let added = choose(&mut rng, ADDED.len(), count);
    new_items.extend(added.iter().map(|&i| duty_item(&ADDED[i], &levels, Some(new_effective))));
    // Issuing an abolished certificate goes on the negative list (来凤: 出具无犯罪记录证明).
    for c in abolished.iter().take(2) {
        let id = format!("neg-{}", c.0.trim_start_matches("cert-"));
        let name = format!("出具{}", c.1);
        new_items.push(negative_item((&id, &name, "县直相关部门"), &abolish_by, Some(abolished_on)));
    }

    let roles = |items: &[Item]| {
        let grid_duties: Vec<String> =
            items.iter().filter(|i| i.kind.is_duty() && i.id.starts_with("g-") && i.status.in_force()).map(|i| i.id.clone()).collect();
        let mut branch: Vec<String> = vec!["g-care".to_owned()];
        branch.extend(items.iter().filter(|i| i.kind.is_duty() && i.handling_level() == levels.branch && !i.id.starts_with("g-")).map(|i| i.id.clone()));
        vec![
            Role { id: "grid_worker".into(), name: "网格员".into(), level: Some(levels.branch.clone()), duties: grid_duties },
            Role { id: "branch_secretary".into(), name: "网格党支部书记".into(), level: Some(levels.branch.clone()), duties: branch },
        ]
    };
    let version = |version: i32, effective: Date, items: Vec<Item>| ListsVersion {
        id: id.clone(),
        version: version.to_string(),
        effective,
        schema: spec.clone(),
        roles: roles(&items),
        items,
    };
    CountyLists { old: version(before, old_effective, old_items), new: version(year, new_effective, new_items) }
}

/// A number in `low..=high` (as `usize`).
fn rng_between(rng: &mut Rng, low: usize, high: usize) -> usize {
    rng.between(low as u32, high as u32) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lists::{ListDiff, Lists, Verdict, lookup_certificate};
    use crate::org::generate::{GenOptions, generate};

    fn org() -> Organization {
        Organization::from_json(&generate(GenOptions::new(12).seed(2026)).to_json()).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn both_versions_load_clean_and_differ_in_every_way() {
        let org = org();
        let lists = county_lists(&org, &ListsOptions::new(2026).seed(2026));
        let old = Lists::from_json(&lists.old.to_json()).unwrap_or_else(|e| panic!("{e}"));
        let new = Lists::from_json(&lists.new.to_json()).unwrap_or_else(|e| panic!("{e}"));
        assert!(old.warnings().is_empty(), "{:#?}", old.warnings());
        assert!(new.warnings().is_empty(), "{:#?}", new.warnings());
        assert_eq!((old.version(), new.version(), old.id()), ("2025", "2026", "lists-410702001"));
        for kind in ItemKind::ALL {
            assert!(old.items().iter().any(|i| i.kind == kind), "no {kind}");
        }
        // The levels are the organization's.
        assert!(new.items().iter().all(|i| ["street", "community", "branch"].contains(&i.handling_level())));

        let diff = ListDiff::between(&old, &new);
        assert!(diff.added.len() >= 3, "{:?}", diff.added);
        assert!(diff.removed.iter().filter(|r| r.abolished.is_some()).count() >= 3);
        assert!(diff.removed.iter().any(|r| r.abolished.is_none() && r.id == DROPPED.0));
        assert!(diff.moved.len() >= 3 && diff.moved.iter().all(|m| m.down), "{:?}", diff.moved);
        assert!(diff.changed.len() >= 2, "{:?}", diff.changed);
        assert!(diff.removed.iter().all(|r| r.abolished.as_ref().is_none_or(|a| a.by.starts_with("凤政办发〔2026〕"))));

        // A resident asking for an abolished certificate is told what to do instead.
        let gone = diff.removed.iter().find(|r| r.abolished.is_some()).map(|r| r.name.clone()).unwrap_or_default();
        let answers = lookup_certificate(&new, &gone).unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(&answers[0].verdict, Verdict::Abolished { instead, .. } if !instead.is_empty()), "{:?}", answers[0]);
    }

    #[test]
    fn the_same_seed_gives_the_same_lists_and_another_seed_others() {
        let org = org();
        let json = county_lists(&org, &ListsOptions::new(2026).seed(5)).to_json();
        assert_eq!(json, county_lists(&org, &ListsOptions::new(2026).seed(5)).to_json());
        assert_ne!(json, county_lists(&org, &ListsOptions::new(2026).seed(6)).to_json());
        let named = county_lists(&org, &ListsOptions::new(2026).seed(5).county("来凤县")).to_json();
        assert!(named.contains("来政办发〔2026〕") && named.contains("来凤县商务局") || named.contains("来凤县税务局"));
    }

    #[test]
    fn an_organization_without_streets_or_branches_still_gets_loadable_lists() {
        let text = r#"{"schema": "laifeng", "nodes": [{"id": "c1", "level": "community", "name": "胜利社区党委"}]}"#;
        let org = Organization::from_json(text).unwrap_or_else(|e| panic!("{e}"));
        let lists = county_lists(&org, &ListsOptions::new(2021));
        let old = Lists::from_json(&lists.old.to_json()).unwrap_or_else(|e| panic!("{e}"));
        let new = Lists::from_json(&lists.new.to_json()).unwrap_or_else(|e| panic!("{e}"));
        assert!(!ListDiff::between(&old, &new).moved.is_empty());
    }
}
