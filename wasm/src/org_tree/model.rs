//! The tree view as a state machine, free of yew: which nodes are expanded, which one has
//! focus (the roving tabindex), which is selected, and the search. Keys map to [`Action`]s;
//! the component only renders rows of [`TreeView::visible`] and forwards events.
//!
//! Trees can have 100,000 nodes, so everything a render or a key press needs is O(1) or
//! O(log n): the visible rows and each node's row are cached and rebuilt (O(n)) only when
//! the expansion changes; positions among siblings and the depth-first order are computed
//! once per tree.

use std::rc::Rc;

use grassroots::text::fold;
use grassroots::{NodeId, OrgTree};

/// What a person can do to the tree (WAI-ARIA Authoring Practices, tree view pattern).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Down arrow: the next visible node.
    Next,
    /// Up arrow: the previous visible node.
    Prev,
    /// Home: the first node.
    First,
    /// End: the last visible node.
    Last,
    /// Page Down: this many rows down (a viewport's worth), or the last row.
    PageDown(usize),
    /// Page Up: this many rows up, or the first row.
    PageUp(usize),
    /// Right arrow: open a closed node; on an open node, move to its first child.
    Right,
    /// Left arrow: close an open node; on a closed or end node, move to its parent.
    Left,
    /// `*`: expand every sibling of the focused node.
    ExpandSiblings,
    /// Click on a node's twisty: open or close it, and focus it.
    Toggle(NodeId),
    /// Click on a node, Enter or Space: focus and select it.
    Select(NodeId),
    /// Typing in the search box: find the matches, open every ancestor of them and mark
    /// them. A new query starts again from the expansion the search began with; a query
    /// that is empty once folded (white space only) ends the search.
    Search(String),
    /// Escape: end the search. The expansion goes back to what it was before the search,
    /// except that the focused node stays in view.
    ClearSearch,
    /// Enter in the search box, F3, the "next" button: focus the next match (the first one
    /// the first time; after the focused node once focus has moved elsewhere), wrapping.
    NextMatch,
    /// Shift+F3, the "previous" button: focus the previous match, wrapping.
    PrevMatch,
}

/// Which node changed selection, for the host's `gr-select` event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selected(pub NodeId);

/// Per node facts that never change for one tree.
#[derive(Debug, PartialEq)]
struct Index {
    /// 1-based position among siblings.
    pos: Vec<u32>,
    /// Depth-first (pre-order) number, the order of [`OrgTree::search`] results.
    preorder: Vec<u32>,
}

/// The visible nodes top to bottom, and the row of every node (`HIDDEN` when not visible).
#[derive(Debug, PartialEq)]
struct Rows {
    order: Vec<NodeId>,
    row_of: Vec<u32>,
}

const HIDDEN: u32 = u32::MAX;

/// An active search.
#[derive(Debug, Clone, PartialEq)]
struct Search {
    /// The folded query, so that retyping the same query changes nothing.
    folded: String,
    /// Matches in depth-first order.
    matches: Rc<[NodeId]>,
    /// Per node: is it a match.
    matched: Rc<[bool]>,
    /// Index into `matches` of the match last moved to.
    current: Option<usize>,
    /// The expansion from before the search.
    base: Rc<[bool]>,
}

/// What the search status line says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchStatus {
    /// How many nodes match.
    pub count: usize,
    /// The 1-based number of the match last moved to, if any.
    pub current: Option<usize>,
}

/// The view state over one tree.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeView {
    tree: Rc<OrgTree>,
    index: Rc<Index>,
    expanded: Vec<bool>,
    rows: Rc<Rows>,
    focus: NodeId,
    selected: Option<NodeId>,
    search: Option<Search>,
}

impl TreeView {
    /// The root starts expanded, so a person sees the first level at once.
    pub fn new(tree: Rc<OrgTree>) -> Self {
        let n = tree.len();
        let mut pos = vec![1; n];
        let mut preorder = vec![0; n];
        for (i, id) in tree.subtree(tree.root()).into_iter().enumerate() {
            preorder[id.index()] = i as u32;
            for (p, &child) in tree.children(id).iter().enumerate() {
                pos[child.index()] = p as u32 + 1;
            }
        }
        let mut expanded = vec![false; n];
        let root = tree.root();
        expanded[root.index()] = true;
        let rows = Rc::new(layout(&tree, &expanded));
        TreeView { index: Rc::new(Index { pos, preorder }), tree, expanded, rows, focus: root, selected: None, search: None }
    }

    pub fn tree(&self) -> &OrgTree {
        &self.tree
    }

    pub fn focus(&self) -> NodeId {
        self.focus
    }

    pub fn selected(&self) -> Option<NodeId> {
        self.selected
    }

    pub fn is_expanded(&self, id: NodeId) -> bool {
        self.expanded[id.index()]
    }

    /// The nodes a person can see, top to bottom: those whose ancestors are all expanded.
    pub fn visible(&self) -> &[NodeId] {
        &self.rows.order
    }

    /// The row of a visible node.
    pub fn row_of(&self, id: NodeId) -> Option<usize> {
        match self.rows.row_of[id.index()] {
            HIDDEN => None,
            row => Some(row as usize),
        }
    }

    /// The row of the focused node, which is always visible.
    pub fn focus_row(&self) -> usize {
        self.row_of(self.focus).unwrap_or(0)
    }

    /// 1-based position among siblings and the number of siblings (aria-posinset/setsize).
    pub fn position_in_siblings(&self, id: NodeId) -> (usize, usize) {
        let size = self.tree.node(id).parent().map_or(1, |p| self.tree.children(p).len());
        (self.index.pos[id.index()] as usize, size)
    }

    /// Whether a search is on and `id` matches it.
    pub fn is_match(&self, id: NodeId) -> bool {
        self.search.as_ref().is_some_and(|s| s.matched[id.index()])
    }

    /// Whether `id` is the match last moved to.
    pub fn is_current_match(&self, id: NodeId) -> bool {
        self.search.as_ref().and_then(|s| s.current).is_some_and(|c| self.current_matches()[c] == id)
    }

    /// The matches of the search, in depth-first order; empty when there is no search.
    pub fn current_matches(&self) -> &[NodeId] {
        self.search.as_ref().map_or(&[], |s| &s.matches)
    }

    /// The count and current match, or `None` when there is no search.
    pub fn search_status(&self) -> Option<SearchStatus> {
        self.search.as_ref().map(|s| SearchStatus { count: s.matches.len(), current: s.current.map(|c| c + 1) })
    }

    /// Applies an action; returns the node that became selected, if one did.
    pub fn apply(&mut self, action: Action) -> Option<Selected> {
        let tree = Rc::clone(&self.tree);
        let has_children = |id: NodeId| !tree.children(id).is_empty();
        let mut changed = false;
        match action {
            Action::Next | Action::Prev | Action::First | Action::Last | Action::PageDown(_) | Action::PageUp(_) => {
                let last = self.rows.order.len().saturating_sub(1);
                let at = self.focus_row();
                let to = match action {
                    Action::Next => at + 1,
                    Action::Prev => at.saturating_sub(1),
                    Action::First => 0,
                    Action::PageDown(n) => at.saturating_add(n.max(1)),
                    Action::PageUp(n) => at.saturating_sub(n.max(1)),
                    _ => last,
                };
                if let Some(&id) = self.rows.order.get(to.min(last)) {
                    self.focus = id;
                }
            }
            Action::Right => {
                let f = self.focus;
                if has_children(f) {
                    if self.expanded[f.index()] {
                        self.focus = tree.children(f)[0];
                    } else {
                        self.expanded[f.index()] = true;
                        changed = true;
                    }
                }
            }
            Action::Left => {
                let f = self.focus;
                if has_children(f) && self.expanded[f.index()] {
                    self.expanded[f.index()] = false;
                    changed = true;
                } else if let Some(parent) = tree.node(f).parent() {
                    self.focus = parent;
                }
            }
            Action::ExpandSiblings => {
                let siblings = match tree.node(self.focus).parent() {
                    Some(parent) => tree.children(parent),
                    None => std::slice::from_ref(&self.focus),
                };
                for &s in siblings.iter().filter(|&&s| has_children(s)) {
                    changed |= !self.expanded[s.index()];
                    self.expanded[s.index()] = true;
                }
            }
            Action::Toggle(id) => {
                if has_children(id) {
                    self.expanded[id.index()] = !self.expanded[id.index()];
                    changed = true;
                }
                self.focus = id;
                changed |= self.open_ancestors(id);
            }
            Action::Select(id) => {
                self.focus = id;
                self.selected = Some(id);
                if self.open_ancestors(id) {
                    self.relayout();
                }
                return Some(Selected(id));
            }
            Action::Search(query) => changed = self.set_query(&query),
            Action::ClearSearch => changed = self.end_search(),
            Action::NextMatch | Action::PrevMatch => {
                if let Some(to) = self.step_match(action == Action::NextMatch) {
                    self.focus = to;
                    changed = self.open_ancestors(to);
                }
            }
        }
        if changed {
            self.relayout();
        }
        None
    }

    /// Starts, changes or ends the search; returns whether the expansion changed.
    fn set_query(&mut self, query: &str) -> bool {
        let folded = fold(query);
        if folded.is_empty() {
            return self.end_search();
        }
        if self.search.as_ref().is_some_and(|s| s.folded == folded) {
            return false;
        }
        let base = match self.search.take() {
            Some(search) => search.base,
            None => Rc::from(self.expanded.as_slice()),
        };
        self.expanded = base.to_vec();
        let matches: Rc<[NodeId]> = self.tree.search(query).into();
        let mut matched = vec![false; self.tree.len()];
        for &m in matches.iter() {
            matched[m.index()] = true;
            self.open_ancestors(m);
        }
        // The focused node never disappears from under the keyboard.
        self.open_ancestors(self.focus);
        self.search = Some(Search { folded, matches, matched: matched.into(), current: None, base });
        true
    }

    /// Ends the search, if there is one; returns whether the expansion changed.
    fn end_search(&mut self) -> bool {
        let Some(search) = self.search.take() else { return false };
        self.expanded = search.base.to_vec();
        self.open_ancestors(self.focus);
        true
    }

    /// The match to move to, and records it as current.
    fn step_match(&mut self, forward: bool) -> Option<NodeId> {
        let preorder = &self.index.preorder;
        let focus = self.focus;
        let search = self.search.as_mut()?;
        let n = search.matches.len();
        if n == 0 {
            return None;
        }
        let on_current = search.current.filter(|&c| search.matches[c] == focus);
        let at = preorder[focus.index()];
        let to = match (forward, search.current, on_current) {
            (true, None, _) => 0,
            (false, None, _) => n - 1,
            (true, _, Some(c)) => (c + 1) % n,
            (false, _, Some(c)) => (c + n - 1) % n,
            // Focus has moved since: continue from where it is now.
            (true, Some(_), None) => search.matches.partition_point(|m| preorder[m.index()] <= at) % n,
            (false, Some(_), None) => match search.matches.partition_point(|m| preorder[m.index()] < at) {
                0 => n - 1,
                k => k - 1,
            },
        };
        search.current = Some(to);
        Some(search.matches[to])
    }

    /// Expands every ancestor of `id`; returns whether any was closed.
    fn open_ancestors(&mut self, id: NodeId) -> bool {
        let mut changed = false;
        let mut at = self.tree.node(id).parent();
        while let Some(p) = at {
            changed |= !self.expanded[p.index()];
            self.expanded[p.index()] = true;
            at = self.tree.node(p).parent();
        }
        changed
    }

    fn relayout(&mut self) {
        self.rows = Rc::new(layout(&self.tree, &self.expanded));
    }
}

/// The visible rows for an expansion: O(n) in the visible nodes.
fn layout(tree: &OrgTree, expanded: &[bool]) -> Rows {
    let mut order = Vec::new();
    let mut row_of = vec![HIDDEN; tree.len()];
    let mut stack = vec![tree.root()];
    while let Some(id) = stack.pop() {
        row_of[id.index()] = order.len() as u32;
        order.push(id);
        if expanded[id.index()] {
            stack.extend(tree.children(id).iter().rev());
        }
    }
    Rows { order, row_of }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Rc<OrgTree> {
        let json = r#"{"nodes":[
            {"id":"c","level":"community","name":"胜利社区党委"},
            {"id":"d1","parent":"c","level":"district","name":"一片区"},
            {"id":"g1","parent":"d1","level":"group","name":"一组"},
            {"id":"g2","parent":"d1","level":"group","name":"二组"},
            {"id":"d2","parent":"c","level":"district","name":"二片区"},
            {"id":"g3","parent":"d2","level":"group","name":"三组"}
        ]}"#;
        match OrgTree::from_json(json) {
            Ok(tree) => Rc::new(tree),
            Err(e) => panic!("fixture is valid: {e}"),
        }
    }

    /// Runs the actions from a fresh view; returns the view.
    fn run(actions: &[Action]) -> TreeView {
        let mut view = TreeView::new(sample());
        for a in actions {
            view.apply(a.clone());
        }
        view
    }

    fn name(view: &TreeView, id: NodeId) -> String {
        view.tree().node(id).id().to_owned()
    }

    /// Runs the actions from a fresh view; checks the focused id and the visible ids.
    fn check(actions: &[Action], focus: &str, visible: &[&str]) {
        let view = run(actions);
        assert_eq!(name(&view, view.focus()), focus, "focus after {actions:?}");
        let shown: Vec<String> = view.visible().iter().map(|&id| name(&view, id)).collect();
        assert_eq!(shown, visible, "visible after {actions:?}");
        // The caches agree with the visible list, and focus is always on a visible row.
        for (row, &id) in view.visible().iter().enumerate() {
            assert_eq!(view.row_of(id), Some(row));
        }
        assert_eq!(view.visible()[view.focus_row()], view.focus(), "focus is visible after {actions:?}");
    }

    /// Like [`check`], and also the matches, marked with `*` on the current one.
    fn check_search(actions: &[Action], focus: &str, visible: &[&str], matches: &[&str]) {
        check(actions, focus, visible);
        let view = run(actions);
        let shown: Vec<String> = view
            .current_matches()
            .iter()
            .map(|&id| if view.is_current_match(id) { format!("*{}", name(&view, id)) } else { name(&view, id) })
            .collect();
        assert_eq!(shown, matches, "matches after {actions:?}");
        for &id in view.current_matches() {
            assert!(view.is_match(id));
        }
    }

    #[test]
    fn keyboard_model_follows_the_aria_tree_pattern() {
        use Action::*;
        check(&[], "c", &["c", "d1", "d2"]);
        check(&[Next], "d1", &["c", "d1", "d2"]);
        check(&[Next, Right], "d1", &["c", "d1", "g1", "g2", "d2"]);
        check(&[Next, Right, Right], "g1", &["c", "d1", "g1", "g2", "d2"]);
        check(&[Next, Right, Right, Right], "g1", &["c", "d1", "g1", "g2", "d2"]);
        check(&[Next, Right, Right, Left], "d1", &["c", "d1", "g1", "g2", "d2"]);
        check(&[Next, Right, Right, Left, Left], "d1", &["c", "d1", "d2"]);
        check(&[Next, Right, Last], "d2", &["c", "d1", "g1", "g2", "d2"]);
        check(&[Last, First], "c", &["c", "d1", "d2"]);
        check(&[Prev, Prev], "c", &["c", "d1", "d2"]);
        check(&[Last, Next, Next], "d2", &["c", "d1", "d2"]);
        check(&[Left], "c", &["c"]);
        check(&[Left, Next, Last, PageDown(3)], "c", &["c"]);
        check(&[Next, ExpandSiblings], "d1", &["c", "d1", "g1", "g2", "d2", "g3"]);
    }

    #[test]
    fn page_keys_move_by_a_viewport_and_stop_at_the_ends() {
        use Action::*;
        let all = ["c", "d1", "g1", "g2", "d2", "g3"];
        check(&[Next, ExpandSiblings, First, PageDown(2)], "g1", &all);
        check(&[Next, ExpandSiblings, First, PageDown(2), PageDown(2)], "d2", &all);
        check(&[Next, ExpandSiblings, First, PageDown(2), PageDown(2), PageDown(2)], "g3", &all);
        check(&[Next, ExpandSiblings, Last, PageUp(4)], "d1", &all);
        check(&[Next, ExpandSiblings, Last, PageUp(4), PageUp(4)], "c", &all);
        // A zero page (a viewport smaller than a row) still moves one row.
        check(&[Next, ExpandSiblings, First, PageDown(0)], "d1", &all);
        check(&[PageDown(usize::MAX)], "d2", &["c", "d1", "d2"]);
    }

    #[test]
    fn search_reveals_and_marks_every_match_and_steps_through_them() {
        use Action::*;
        let q = |s: &str| Search(s.to_owned());
        // 二 matches 二组 (inside the closed 一片区) and 二片区, in depth-first order.
        check_search(&[q("二")], "c", &["c", "d1", "g1", "g2", "d2"], &["g2", "d2"]);
        check_search(&[q("二"), NextMatch], "g2", &["c", "d1", "g1", "g2", "d2"], &["*g2", "d2"]);
        check_search(&[q("二"), NextMatch, NextMatch], "d2", &["c", "d1", "g1", "g2", "d2"], &["g2", "*d2"]);
        check_search(&[q("二"), NextMatch, NextMatch, NextMatch], "g2", &["c", "d1", "g1", "g2", "d2"], &["*g2", "d2"]);
        check_search(&[q("二"), PrevMatch], "d2", &["c", "d1", "g1", "g2", "d2"], &["g2", "*d2"]);
        check_search(&[q("二"), NextMatch, PrevMatch], "d2", &["c", "d1", "g1", "g2", "d2"], &["g2", "*d2"]);
        // After moving away, the next match is the one after the focused node.
        check_search(&[q("二"), NextMatch, First, NextMatch], "g2", &["c", "d1", "g1", "g2", "d2"], &["*g2", "d2"]);
        check_search(&[q("二"), NextMatch, Last, PrevMatch], "g2", &["c", "d1", "g1", "g2", "d2"], &["*g2", "d2"]);
        // A refined query starts again from the expansion before the search.
        check_search(&[q("二"), q("二片")], "c", &["c", "d1", "d2"], &["d2"]);
        check_search(&[q("三"), q("三 ")], "c", &["c", "d1", "d2", "g3"], &["g3"]);
        // Full-width and upper case letters fold; ids match by prefix.
        check_search(&[q("Ｇ")], "c", &["c", "d1", "g1", "g2", "d2", "g3"], &["g1", "g2", "g3"]);
        // No match: nothing opens, and stepping does nothing.
        check_search(&[q("凤翔"), NextMatch], "c", &["c", "d1", "d2"], &[]);
        assert_eq!(run(&[q("凤翔")]).search_status(), Some(SearchStatus { count: 0, current: None }));
        assert_eq!(run(&[q("二"), PrevMatch]).search_status(), Some(SearchStatus { count: 2, current: Some(2) }));
    }

    #[test]
    fn ending_the_search_restores_the_tree_but_keeps_focus_in_view() {
        use Action::*;
        let q = |s: &str| Search(s.to_owned());
        check_search(&[q("二"), ClearSearch], "c", &["c", "d1", "d2"], &[]);
        check_search(&[q("二"), q("  ")], "c", &["c", "d1", "d2"], &[]);
        check_search(&[q("二"), NextMatch, ClearSearch], "g2", &["c", "d1", "g1", "g2", "d2"], &[]);
        check_search(&[Left, q("三组"), NextMatch, ClearSearch], "g3", &["c", "d1", "d2", "g3"], &[]);
        assert_eq!(run(&[q("二"), ClearSearch]).search_status(), None);
        assert_eq!(run(&[]).search_status(), None);
        // The focused node stays visible while the query changes, too.
        check_search(&[q("二"), NextMatch, q("三")], "g2", &["c", "d1", "g1", "g2", "d2", "g3"], &["g3"]);
        // Clearing when there is no search changes nothing.
        check(&[Next, Right, ClearSearch], "d1", &["c", "d1", "g1", "g2", "d2"]);
    }

    #[test]
    fn clicks_toggle_and_select() {
        let tree = sample();
        let mut view = TreeView::new(Rc::clone(&tree));
        let Some(d2) = tree.find("d2") else { panic!("d2 is in the fixture") };
        assert_eq!(view.apply(Action::Toggle(d2)), None);
        assert!(view.is_expanded(d2));
        assert_eq!(view.focus(), d2);
        assert_eq!(view.apply(Action::Select(d2)), Some(Selected(d2)));
        assert_eq!(view.selected(), Some(d2));
    }

    #[test]
    fn positions_among_siblings_are_cached() {
        let tree = sample();
        let view = TreeView::new(Rc::clone(&tree));
        for id in tree.ids() {
            assert_eq!(view.position_in_siblings(id), tree.position_in_siblings(id));
        }
    }

    /// 1 root, `a` communities, each with `b` grids: 1 + a + a·b nodes.
    fn wide(a: usize, b: usize) -> Rc<OrgTree> {
        let mut json = String::from(r#"{"nodes":[{"id":"r","level":"street","name":"街道党工委"}"#);
        for i in 0..a {
            json.push_str(&format!(r#",{{"id":"c{i}","parent":"r","level":"community","name":"第{i}社区党委"}}"#));
            for j in 0..b {
                json.push_str(&format!(r#",{{"id":"c{i}-g{j}","parent":"c{i}","level":"grid","name":"第{i}社区第{j}网格党支部"}}"#));
            }
        }
        json.push_str("]}");
        match OrgTree::from_json(&json) {
            Ok(tree) => Rc::new(tree),
            Err(e) => panic!("generated tree is valid: {e}"),
        }
    }

    #[test]
    fn a_hundred_thousand_nodes() {
        let tree = wide(123, 812);
        assert_eq!(tree.len(), 100_000);
        let mut view = TreeView::new(Rc::clone(&tree));
        assert_eq!(view.visible().len(), 124);
        view.apply(Action::Next);
        view.apply(Action::ExpandSiblings);
        assert_eq!(view.visible().len(), 100_000);
        view.apply(Action::Last);
        assert_eq!(view.focus_row(), 99_999);
        assert_eq!(view.tree().node(view.focus()).id(), "c122-g811");
        assert_eq!(view.position_in_siblings(view.focus()), (812, 812));
        view.apply(Action::PageUp(20));
        assert_eq!(view.focus_row(), 99_979);
        view.apply(Action::First);
        view.apply(Action::Left);
        assert_eq!(view.visible().len(), 1);
        // A search deep in the tree opens only the path to it.
        let mut view = TreeView::new(Rc::clone(&tree));
        view.apply(Action::Search("第77社区第500网格".to_owned()));
        assert_eq!(view.visible().len(), 124 + 812);
        view.apply(Action::NextMatch);
        assert_eq!(view.tree().node(view.focus()).id(), "c77-g500");
        assert_eq!(view.focus_row(), 78 + 501);
        view.apply(Action::ClearSearch);
        assert_eq!(view.visible().len(), 124 + 812, "the found node stays in view");
    }
}
