//! Organizations referenced as offices write them: by id, by name, or by a name path
//! (城关街道/解放路社区/第一网格党支部, any tail of the path from the root). An unknown or
//! ambiguous name is a problem that lists the candidates.

use std::cell::RefCell;
use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use crate::text::fold;
use crate::{ProblemKind, RefKind};

/// Items by a text key, each key's items in the order they came: a hash table holds each key's
/// first item and a chain leads to the next, so that looking a key up does not look along
/// every item (a sheet of 33,000 nodes named its parents in minutes that way).
pub(crate) struct Chains {
    heads: HashTable<u32>,
    next: Vec<u32>,
    tails: Vec<u32>,
}

const END: u32 = u32::MAX;

impl Chains {
    pub(crate) fn new() -> Self {
        Chains { heads: HashTable::new(), next: Vec::new(), tails: Vec::new() }
    }

    /// Adds the next item (index `self.len()`) under `key`; `key_of(j)` is item j's key.
    pub(crate) fn push<'a>(&mut self, key: &str, key_of: &dyn Fn(usize) -> &'a str) {
        let i = self.next.len() as u32;
        self.next.push(END);
        self.tails.push(END);
        let hash = FxBuildHasher.hash_one(key);
        match self.heads.find(hash, |&j| key_of(j as usize) == key) {
            Some(&head) => {
                let tail = match self.tails[head as usize] {
                    END => head,
                    t => t,
                };
                self.next[tail as usize] = i;
                self.tails[head as usize] = i;
            }
            None => {
                self.heads.insert_unique(hash, i, |&j| FxBuildHasher.hash_one(key_of(j as usize)));
            }
        }
    }

    /// The items under `key`, in order.
    pub(crate) fn get<'a>(&self, key: &str, key_of: &dyn Fn(usize) -> &'a str) -> impl Iterator<Item = usize> {
        let mut at = self.heads.find(FxBuildHasher.hash_one(key), |&j| key_of(j as usize) == key).copied().unwrap_or(END);
        std::iter::from_fn(move || {
            let i = (at != END).then_some(at as usize)?;
            at = self.next[i];
            Some(i)
        })
    }
}

/// A record that can be referred to: its id, name and parent (an index into the same list).
#[derive(Debug, Clone)]
pub struct Entry {
    /// The record's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Index of its parent entry.
    pub parent: Option<usize>,
}

/// Looks names up among entries.
pub struct Names {
    what: RefKind,
    entries: Vec<Entry>,
    folded: Vec<String>,
    /// Entries by id and by folded name.
    ids: Chains,
    names: Chains,
    /// [`Names::similar`]'s six best by name and by the entries allowed (a bit each): a sheet
    /// checked against the wrong organization names the same unknown office on many rows,
    /// and each answer looks at every entry.
    similar: RefCell<(Chains, Vec<(String, Vec<u64>, Vec<usize>)>)>,
}

/// Separators of a name path.
const SEPARATORS: [char; 5] = ['/', '／', '>', '＞', '›'];

impl Names {
    /// An index over `entries`.
    pub fn new(what: RefKind, entries: Vec<Entry>) -> Self {
        let folded: Vec<String> = entries.iter().map(|e| fold(&e.name)).collect();
        let (mut ids, mut names) = (Chains::new(), Chains::new());
        for (e, f) in entries.iter().zip(&folded) {
            ids.push(&e.id, &|j| &entries[j].id);
            names.push(f, &|j| &folded[j]);
        }
        Names { what, entries, folded, ids, names, similar: RefCell::new((Chains::new(), Vec::new())) }
    }

    /// The entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry's name path from the root (城关街道/解放路社区/第一网格党支部).
    pub fn path(&self, index: usize) -> String {
        let mut names = Vec::new();
        let mut at = Some(index);
        while let Some(i) = at {
            let Some(e) = self.entries.get(i) else { break };
            names.push(e.name.as_str());
            at = e.parent.filter(|_| names.len() <= self.entries.len());
        }
        names.reverse();
        names.join("/")
    }

    /// Whether the chain of ancestors of `index`, upward, has these folded names in order
    /// (the first being the entry itself).
    fn chain_matches(&self, index: usize, segments: &[String]) -> bool {
        let mut at = Some(index);
        for segment in segments {
            match at {
                Some(i) if self.folded.get(i) == Some(segment) => at = self.entries[i].parent,
                _ => return false,
            }
        }
        true
    }

    /// Resolves a reference among the entries `allowed` lets through: an id, a name, or a
    /// name path. Names narrow to `prefer` (e.g. the grids of a member's community) when
    /// they are ambiguous among all.
    pub fn resolve(&self, text: &str, allowed: impl Fn(usize) -> bool, prefer: impl Fn(usize) -> bool) -> Result<usize, ProblemKind> {
        let text = text.trim();
        if let Some(i) = self.ids.get(text, &|j| &self.entries[j].id).next() {
            return Ok(i);
        }
        let segments: Vec<String> = text.split(SEPARATORS).map(fold).filter(|s| !s.is_empty()).rev().collect();
        let Some(last) = segments.first() else {
            return Err(ProblemKind::Empty);
        };
        let matches: Vec<usize> = self.names.get(last, &|j| &self.folded[j]).filter(|&i| allowed(i) && self.chain_matches(i, &segments)).collect();
        let matches = if matches.len() > 1 {
            let preferred: Vec<usize> = matches.iter().copied().filter(|&i| prefer(i)).collect();
            if preferred.is_empty() { matches } else { preferred }
        } else {
            matches
        };
        match matches.as_slice() {
            [one] => Ok(*one),
            [] => Err(ProblemKind::UnknownName { what: self.what, name: text.to_owned(), candidates: self.similar(last, &allowed) }),
            many => Err(ProblemKind::AmbiguousName { what: self.what, name: text.to_owned(), candidates: many.iter().map(|&i| self.path(i)).collect() }),
        }
    }

    /// Up to five names like `folded`, as paths: containing it or contained in it first, then
    /// those sharing most two-character pieces.
    fn similar(&self, folded: &str, allowed: &impl Fn(usize) -> bool) -> Vec<String> {
        let n = self.entries.len();
        let mut bits = vec![0u64; n.div_ceil(64)];
        let mut left_out = Vec::new();
        for i in 0..n {
            if allowed(i) {
                bits[i / 64] |= 1 << (i % 64);
            } else if left_out.len() < 2 {
                left_out.push(i);
            }
        }
        // All entries but one (a node's parent among the other rows of its sheet): the six
        // best of all, less that one, are the five best of the rest, and all entries are one
        // key for every row.
        let drop = match left_out.as_slice() {
            [one] => {
                bits[one / 64] |= 1 << (one % 64);
                Some(*one)
            }
            _ => None,
        };
        let cached = {
            let (chains, kept) = &*self.similar.borrow();
            chains.get(folded, &|j| &kept[j].0).find(|&j| kept[j].1 == bits).map(|j| kept[j].2.clone())
        };
        let best = cached.unwrap_or_else(|| {
            let best = self.best(folded, |i| bits[i / 64] >> (i % 64) & 1 == 1, 6);
            let (chains, kept) = &mut *self.similar.borrow_mut();
            kept.push((folded.to_owned(), bits, best.clone()));
            chains.push(folded, &|j| &kept[j].0);
            best
        });
        best.into_iter().filter(|&i| Some(i) != drop).take(5).map(|i| self.path(i)).collect()
    }

    /// The `k` entries `allowed` lets through whose names are most like `folded`, best first.
    fn best(&self, folded: &str, allowed: impl Fn(usize) -> bool, k: usize) -> Vec<usize> {
        let grams = |s: &str| -> Vec<(char, char)> {
            let chars: Vec<char> = s.chars().collect();
            chars.windows(2).map(|w| (w[0], w[1])).collect()
        };
        let want = grams(folded);
        let mut scored: Vec<(usize, usize)> = (0..self.entries.len())
            .filter(|&i| allowed(i))
            .filter_map(|i| {
                let name = &self.folded[i];
                if name.is_empty() {
                    return None;
                }
                if name.contains(folded) || folded.contains(name.as_str()) {
                    return Some((1000, i));
                }
                let have = grams(name);
                let shared = want.iter().filter(|g| have.contains(g)).count();
                (shared * 2 >= want.len().max(1)).then_some((shared, i))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().take(k).map(|(_, i)| i).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_name_asked_again_gets_the_same_candidates_for_the_same_entries_only() {
        let names = tree();
        let unknown = |allowed: &dyn Fn(usize) -> bool| match names.resolve("第三网格党支部", allowed, |_| false) {
            Err(ProblemKind::UnknownName { candidates, .. }) => candidates,
            other => panic!("{other:?}"),
        };
        let all = unknown(&|_| true);
        assert_eq!(all, ["城关街道/解放路社区/第一网格党支部", "城关街道/胜利社区/第一网格党支部", "城关街道/胜利社区/第二网格党支部"]);
        assert_eq!(unknown(&|_| true), all);
        // Other entries allowed: answered afresh, not from what was kept.
        assert_eq!(unknown(&|i| i != 3), ["城关街道/胜利社区/第一网格党支部", "城关街道/胜利社区/第二网格党支部"]);
        assert_eq!(unknown(&|i| i == 5), ["城关街道/胜利社区/第二网格党支部"]);
        assert_eq!(unknown(&|_| true), all);
        // All but one, from the answer for all: the next best moves up.
        assert_eq!(unknown(&|i| i != 4), ["城关街道/解放路社区/第一网格党支部", "城关街道/胜利社区/第二网格党支部"]);
        assert_eq!(unknown(&|i| i != 0), all);
    }

    /// What is kept answers as a fresh look would: random names of a few syllables, random
    /// queries, every entry or all but one or a random half allowed, asked in turn.
    #[test]
    fn kept_candidates_are_the_candidates_a_fresh_look_gives() {
        let syllables = ["第一", "网格", "党支部", "社区", "胜利", "解放", "路", "小组", "一", "二"];
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        };
        let word = |next: &mut dyn FnMut(usize) -> usize| (0..1 + next(3)).map(|_| syllables[next(syllables.len())]).collect::<String>();
        let entries: Vec<Entry> = (0..60).map(|i| Entry { id: format!("e{i}"), name: word(&mut next), parent: None }).collect();
        let names = Names::new(RefKind::Node, entries);
        for _ in 0..400 {
            let query = fold(&word(&mut next));
            let (one, half) = (next(60), next(1 << 30) as u64);
            let sets: [&dyn Fn(usize) -> bool; 3] = [&|_| true, &|i| i != one, &|i| (half >> (i % 30)) & 1 == 1];
            for allowed in sets {
                let fresh: Vec<String> = names.best(&query, allowed, 5).into_iter().map(|i| names.path(i)).collect();
                assert_eq!(names.similar(&query, &allowed), fresh, "{query}");
            }
        }
    }

    #[test]
    fn chains_give_every_item_of_a_key_in_order() {
        let keys = ["a", "b", "a", "c", "a", "b", ""];
        let mut chains = Chains::new();
        for k in keys {
            chains.push(k, &|j| keys[j]);
        }
        let under = |k: &str| chains.get(k, &|j| keys[j]).collect::<Vec<_>>();
        assert_eq!(under("a"), [0, 2, 4]);
        assert_eq!(under("b"), [1, 5]);
        assert_eq!(under("c"), [3]);
        assert_eq!(under(""), [6]);
        assert_eq!(under("d"), [] as [usize; 0]);
    }

    fn tree() -> Names {
        let e = |id: &str, name: &str, parent: Option<usize>| Entry { id: id.into(), name: name.into(), parent };
        Names::new(
            RefKind::Node,
            vec![
                e("s", "城关街道", None),
                e("c1", "解放路社区", Some(0)),
                e("c2", "胜利社区", Some(0)),
                e("b1", "第一网格党支部", Some(1)),
                e("b2", "第一网格党支部", Some(2)),
                e("b3", "第二网格党支部", Some(2)),
            ],
        )
    }

    #[test]
    fn by_id_name_and_path() {
        let names = tree();
        let all = |_: usize| true;
        let none = |_: usize| false;
        assert_eq!(names.resolve("b3", all, none), Ok(5));
        assert_eq!(names.resolve("第二网格党支部", all, none), Ok(5));
        assert_eq!(names.resolve("城关街道/解放路社区/第一网格党支部", all, none), Ok(3));
        assert_eq!(names.resolve("胜利社区／第一网格党支部", all, none), Ok(4));
        assert_eq!(names.resolve("第一网格党支部", all, |i| i == 4), Ok(4), "narrowed");
    }

    #[test]
    fn ambiguous_and_unknown_names_list_candidates() {
        let names = tree();
        let all = |_: usize| true;
        let none = |_: usize| false;
        assert_eq!(
            names.resolve("第一网格党支部", all, none),
            Err(ProblemKind::AmbiguousName { what: RefKind::Node, name: "第一网格党支部".into(), candidates: vec!["城关街道/解放路社区/第一网格党支部".into(), "城关街道/胜利社区/第一网格党支部".into()] })
        );
        let Err(ProblemKind::UnknownName { candidates, .. }) = names.resolve("第三网格党支部", all, none) else { panic!("unknown") };
        assert_eq!(candidates.len(), 3);
        assert_eq!(names.resolve("解放路社区/第二网格党支部", all, none).err().map(|e| matches!(e, ProblemKind::UnknownName { .. })), Some(true));
    }
}
