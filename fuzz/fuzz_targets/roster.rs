//! The CSV rosters (`grassroots validate tree --csv NODES.csv [--members MEMBERS.csv]`):
//! `roster::nodes_from_csv`, `roster::members_from_csv`, the organization made of them
//! (`Organization::from_parts`) and its problems moved to rows (`roster::csv_paths`), as the
//! CLI does. Input: the node roster, then optionally a NUL byte and the member roster.
#![no_main]

use grassroots::org::roster;
use grassroots::{Error, Organization};
use grassroots_fuzz::{assert_error_paths, split, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (nodes, members) = split(data);
    let Some(nodes) = text(nodes) else { return };
    let members = match members.map(text) {
        None => None,
        Some(None) => return,
        Some(Some(m)) => Some(m),
    };
    let nodes = roster::nodes_from_csv(nodes);
    if let Err(e) = &nodes {
        assert_error_paths(e, true, "node roster");
    }
    let members = members.map(roster::members_from_csv).transpose();
    if let Err(e) = &members {
        assert_error_paths(e, true, "member roster");
    }
    let (Ok(nodes), Ok(members)) = (nodes, members) else { return };
    let loaded = Organization::from_parts(None, nodes, vec![], members.unwrap_or_default(), vec![]);
    match loaded {
        Ok(org) => grassroots_fuzz::organization("roster", Ok(org)),
        Err(Error::Invalid { mut problems }) => {
            roster::csv_paths(&mut problems, "nodes", "");
            roster::csv_paths(&mut problems, "members", "");
            assert_error_paths(&Error::Invalid { problems }, true, "roster organization");
        }
        Err(e) => assert_error_paths(&e, true, "roster organization"),
    }
});
