//! The tree view as a state machine, free of yew: which nodes are expanded, which one has
//! focus (the roving tabindex) and which is selected. Keys map to [`Action`]s; the component
//! only renders [`TreeView::visible`] and forwards events.

use std::rc::Rc;

use grassroots::{NodeId, OrgTree};

/// What a person can do to the tree (WAI-ARIA Authoring Practices, tree view pattern).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Down arrow: the next visible node.
    Next,
    /// Up arrow: the previous visible node.
    Prev,
    /// Home: the first node.
    First,
    /// End: the last visible node.
    Last,
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
}

/// Which node changed selection, for the host's `gr-select` event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selected(pub NodeId);

/// The view state over one tree.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeView {
    tree: Rc<OrgTree>,
    expanded: Vec<bool>,
    focus: NodeId,
    selected: Option<NodeId>,
}

impl TreeView {
    /// The root starts expanded, so a person sees the first level at once.
    pub fn new(tree: Rc<OrgTree>) -> Self {
        let mut expanded = vec![false; tree.len()];
        let root = tree.root();
        expanded[root.index()] = true;
        TreeView { tree, expanded, focus: root, selected: None }
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
    pub fn visible(&self) -> Vec<NodeId> {
        let mut out = Vec::new();
        let mut stack = vec![self.tree.root()];
        while let Some(id) = stack.pop() {
            out.push(id);
            if self.expanded[id.index()] {
                stack.extend(self.tree.children(id).iter().rev());
            }
        }
        out
    }

    /// Applies an action; returns the node that became selected, if one did.
    pub fn apply(&mut self, action: Action) -> Option<Selected> {
        let tree = Rc::clone(&self.tree);
        let has_children = |id: NodeId| !tree.children(id).is_empty();
        match action {
            Action::Next | Action::Prev | Action::First | Action::Last => {
                let visible = self.visible();
                let at = visible.iter().position(|&v| v == self.focus).unwrap_or(0);
                let to = match action {
                    Action::Next => (at + 1).min(visible.len() - 1),
                    Action::Prev => at.saturating_sub(1),
                    Action::First => 0,
                    _ => visible.len() - 1,
                };
                self.focus = visible[to];
            }
            Action::Right => {
                let f = self.focus;
                if has_children(f) {
                    if self.expanded[f.index()] {
                        self.focus = tree.children(f)[0];
                    } else {
                        self.expanded[f.index()] = true;
                    }
                }
            }
            Action::Left => {
                let f = self.focus;
                if has_children(f) && self.expanded[f.index()] {
                    self.expanded[f.index()] = false;
                } else if let Some(parent) = tree.node(f).parent() {
                    self.focus = parent;
                }
            }
            Action::ExpandSiblings => {
                let siblings = match tree.node(self.focus).parent() {
                    Some(parent) => tree.children(parent).to_vec(),
                    None => vec![self.focus],
                };
                for s in siblings.into_iter().filter(|&s| has_children(s)) {
                    self.expanded[s.index()] = true;
                }
            }
            Action::Toggle(id) => {
                if has_children(id) {
                    self.expanded[id.index()] = !self.expanded[id.index()];
                }
                self.focus = id;
            }
            Action::Select(id) => {
                self.focus = id;
                self.selected = Some(id);
                return Some(Selected(id));
            }
        }
        None
    }
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

    /// Runs the actions from a fresh view; returns the focused id and the visible ids.
    fn check(actions: &[Action], focus: &str, visible: &[&str]) {
        let mut view = TreeView::new(sample());
        for &a in actions {
            view.apply(a);
        }
        let name = |id: NodeId| view.tree().node(id).id().to_owned();
        assert_eq!(name(view.focus()), focus, "focus after {actions:?}");
        let shown: Vec<String> = view.visible().into_iter().map(name).collect();
        assert_eq!(shown, visible, "visible after {actions:?}");
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
        check(&[Next, ExpandSiblings], "d1", &["c", "d1", "g1", "g2", "d2", "g3"]);
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
}
