//! The seeded random source and the name pools every generator shares (the organization, the
//! scorecard facts, and a season of cases, services and lists), so that one seed gives one
//! county throughout.

use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg64Mcg;

use crate::org::Phone;

/// A small, reproducible random source.
pub(crate) struct Rng(Pcg64Mcg);

impl Rng {
    /// The source for a seed: the same seed gives the same sequence on every platform.
    pub(crate) fn new(seed: u64) -> Self {
        Rng(Pcg64Mcg::seed_from_u64(seed))
    }
    /// A number in `0..n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: u32) -> u32 {
        if n == 0 { 0 } else { (self.0.next_u64() % u64::from(n)) as u32 }
    }
    /// A number in `low..=high`.
    pub(crate) fn between(&mut self, low: u32, high: u32) -> u32 {
        low + self.below(high.saturating_sub(low) + 1)
    }
    /// One of `items` (which must not be empty).
    pub(crate) fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len() as u32) as usize]
    }
    /// true with probability `percent`%.
    pub(crate) fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent
    }
    /// true with probability `p` (0 to 1).
    // This and `unit` serve the generators of other features (cases, geo, recut, rules,
    // services); `generate` alone builds without them.
    #[allow(dead_code)]
    pub(crate) fn probability(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    /// A number in `[0, 1)`.
    #[allow(dead_code)]
    pub(crate) fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Kinds of county units that report to communities (双报到).
pub(crate) const UNIT_KINDS: [&str; 10] = ["税务局", "供电公司", "人民医院", "实验中学", "农商银行", "市场监管局", "自来水公司", "邮政分公司", "交警大队", "住建局"];

/// Place names for communities and grids (新乡-like).
pub(crate) const PLACES: [&str; 24] = [
    "和平", "建设", "人民", "解放", "胜利", "新华", "健康", "牧野", "金穗", "平原", "卫滨", "凤泉", "红旗", "向阳", "东风", "朝阳",
    "光明", "幸福", "文化", "振兴", "南湖", "北站", "桃园", "滨河",
];
const SURNAMES: [&str; 20] = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];
const GIVEN: [&str; 24] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "建国", "建华", "国强",
    "志强", "玉兰", "桂英",
];

/// A fictional person's name.
pub(crate) fn name(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN))
}

/// A fictional mobile number.
pub(crate) fn phone(rng: &mut Rng) -> Option<Phone> {
    let prefix = ["138", "139", "150", "158", "186", "137"][rng.below(6) as usize];
    Phone::parse(&format!("{prefix}{:08}", rng.below(100_000_000))).ok()
}
