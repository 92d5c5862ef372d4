//! Organizations referenced as offices write them: by id, by name, or by a name path
//! (城关街道/解放路社区/第一网格党支部, any tail of the path from the root). An unknown or
//! ambiguous name is a problem that lists the candidates.

use crate::text::fold;
use crate::{ProblemKind, RefKind};

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
}

/// Separators of a name path.
const SEPARATORS: [char; 5] = ['/', '／', '>', '＞', '›'];

impl Names {
    /// An index over `entries`.
    pub fn new(what: RefKind, entries: Vec<Entry>) -> Self {
        let folded = entries.iter().map(|e| fold(&e.name)).collect();
        Names { what, entries, folded }
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
        if let Some(i) = self.entries.iter().position(|e| e.id == text) {
            return Ok(i);
        }
        let segments: Vec<String> = text.split(SEPARATORS).map(fold).filter(|s| !s.is_empty()).rev().collect();
        let Some(last) = segments.first() else {
            return Err(ProblemKind::Empty);
        };
        let matches: Vec<usize> =
            (0..self.entries.len()).filter(|&i| allowed(i) && &self.folded[i] == last && self.chain_matches(i, &segments)).collect();
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
        scored.into_iter().take(5).map(|(_, i)| self.path(i)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
