//! The error panel every widget shows instead of its content when the data is bad.

use std::rc::Rc;

use grassroots::{Problem, ProblemKind, Severity};
use serde::Serialize;
use yew::prelude::*;

use crate::i18n::Lang;

/// The problems the panel lists; more are counted under them (a document of a million broken
/// records would otherwise be a million list items).
pub const SHOWN: usize = 100;
/// The problems `gr-error` carries; how many more there are is its `omitted`.
pub const CARRIED: usize = 1000;

/// Why a widget has nothing to show. Not compared: a new failure is a new `Rc` (see
/// [`ErrorPanelProps`]), so no code compares two lists of problems.
#[derive(Debug, Clone)]
pub enum Failure {
    /// The data could not be fetched (network, HTTP status); the text says what happened.
    Fetch(String),
    /// The data was read but has errors (and maybe warnings, listed after them).
    Data { errors: Vec<Problem>, warnings: Vec<Problem> },
}

/// The `detail` of a `gr-error` event: the widget kind and every problem, each with a
/// message in the widget's language; warnings apart.
#[derive(Serialize)]
pub struct ErrorDetail<'a> {
    pub widget: &'a str,
    pub errors: Vec<ErrorEntry<'a>>,
    pub warnings: Vec<ErrorEntry<'a>>,
    /// Problems beyond the first [`CARRIED`] errors and [`CARRIED`] warnings, not carried.
    #[serde(skip_serializing_if = "is_zero")]
    pub omitted: usize,
}

pub(crate) fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One entry of a `gr-error` detail: a problem's fields (its kind's flattened in, `code` first)
/// and its message; or a failed fetch (`code: "fetch"`, no record). The kind is flattened here,
/// not the whole `Problem`: serde then writes it with the same code as a `Problem` written on
/// its own (the scorecard's `evaluate()`), one copy of the kinds' serializer in a module, not
/// two (a `Problem` flattened into an entry flattens its kind one level deeper, a different
/// type to serde).
#[derive(Serialize)]
pub struct ErrorEntry<'a> {
    pub severity: Severity,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<&'a Option<String>>,
    pub path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
    #[serde(flatten)]
    pub kind: Option<&'a ProblemKind>,
    pub message: String,
}

impl Failure {
    /// The `gr-error` detail for this failure.
    pub fn detail<'a>(&'a self, widget: &'a str, lang: Lang) -> ErrorDetail<'a> {
        let text = lang.text();
        let entries = |problems: &'a [Problem]| -> Vec<ErrorEntry<'a>> {
            problems
                .iter()
                .take(CARRIED)
                .map(|p| ErrorEntry { severity: p.severity, record: Some(&p.record), path: &p.path, code: None, kind: Some(&p.kind), message: (text.problem)(&p.kind) })
                .collect()
        };
        match self {
            Failure::Fetch(detail) => ErrorDetail {
                widget,
                errors: vec![ErrorEntry {
                    severity: Severity::Error,
                    record: None,
                    path: "$",
                    code: Some("fetch"),
                    kind: None,
                    message: (text.fetch_failed)(detail),
                }],
                warnings: Vec::new(),
                omitted: 0,
            },
            Failure::Data { errors, warnings } => ErrorDetail {
                widget,
                errors: entries(errors),
                warnings: entries(warnings),
                omitted: errors.len().saturating_sub(CARRIED) + warnings.len().saturating_sub(CARRIED),
            },
        }
    }
}

#[derive(Properties)]
pub struct ErrorPanelProps {
    pub failure: Rc<Failure>,
    pub lang: Lang,
}

// The same failure is the same `Rc`: every load that fails makes a new one.
props_eq!(ErrorPanelProps { shared: failure; lang });

/// Problems as a list: each one's JSON path, record and message in the widget's language.
pub(crate) fn problem_list(problems: &[Problem], lang: Lang) -> Html {
    listed(&mut problems.iter(), problems.len(), lang)
}

/// [`problem_list`] of `count` problems given one by one (a `dyn` iterator: one copy of the
/// list's code whatever the problems come from).
fn listed<'a>(problems: &mut dyn Iterator<Item = &'a Problem>, count: usize, lang: Lang) -> Html {
    let text = lang.text();
    html! {
        <>
        <ul class="gr-problems">
            { for problems.take(SHOWN).map(|p| html! {
                <li>
                    <code class="gr-path">{ path(&p.path) }</code>
                    if let Some(id) = &p.record {
                        // The break opportunity between the record and the message: with none,
                        // `“cert-residence”level` was one word, broken inside `level` at 320 px.
                        <span class="gr-record">{ (text.record)(id) }</span><wbr/>
                    }
                    <span class="gr-message">{ dated(&(text.problem)(&p.kind)) }</span>
                </li>
            }) }
        </ul>
        if count > SHOWN {
            <p class="gr-more-problems">{ (text.more_problems)(count - SHOWN) }</p>
        }
        </>
    }
}

#[cfg(any(feature = "case-tracker", feature = "dashboard", feature = "service-board", feature = "duty-list", feature = "grid-map", feature = "org-tree", feature = "roster-import"))]
/// Up to this many warnings are listed open; more fold away under their count, so that a
/// county's thousands of "not reported" do not push the widget down the page. Errors never do.
pub const FOLDED_NOTES: usize = 5;

#[cfg(any(feature = "case-tracker", feature = "dashboard", feature = "service-board", feature = "duty-list", feature = "grid-map", feature = "org-tree", feature = "roster-import"))]
/// A note of `count` warnings: `items` under `title`, open when there are at most
/// [`FOLDED_NOTES`], else in a `<details>` whose summary is the title followed by `more`.
pub(crate) fn note(count: usize, title: Html, more: Html, items: Html) -> Html {
    html! {
        <div class="gr-notes" role="note">
            if count > FOLDED_NOTES {
                <details>
                    <summary>{ title }{ more }</summary>
                    { items }
                </details>
            } else {
                <p>{ title }</p>
                { items }
            }
        </div>
    }
}

#[cfg(any(feature = "case-tracker", feature = "dashboard", feature = "service-board", feature = "duty-list", feature = "grid-map", feature = "org-tree"))]
/// The warnings of data that loaded ("also worth a look"), as a [`note`] whose folded summary
/// counts them; nothing when none.
pub(crate) fn notes(warnings: &[Problem], lang: Lang) -> Html {
    notes_titled(&mut warnings.iter(), warnings.len(), lang.text().warnings_title, lang)
}

#[cfg(any(feature = "case-tracker", feature = "dashboard", feature = "service-board", feature = "duty-list", feature = "grid-map", feature = "org-tree"))]
/// [`notes`] of `count` warnings given one by one, under a title of the caller's.
pub(crate) fn notes_titled<'a>(warnings: &mut dyn Iterator<Item = &'a Problem>, count: usize, title: &'static str, lang: Lang) -> Html {
    if count == 0 {
        return Html::default();
    }
    // The count kept on one line: at 320 px `共 16 条` would otherwise break before its last
    // character.
    let more = html! { <>{ " " }<span class="gr-nowrap">{ (lang.text().notes_count)(count) }</span></> };
    note(count, html! { <strong>{ title }</strong> }, more, listed(warnings, count, lang))
}

/// A problem's JSON path with a line-break opportunity (`<wbr>`) after each `.` and before each
/// `[`: in a narrow column (320 px, elderly mode) `$.members[44].reports_to` wraps between its
/// steps (`$.` `members` `[44].` `reports_to`), never inside a key. Copying the path copies no
/// extra character, as a zero-width space would.
pub(crate) fn path(path: &str) -> Html {
    let mut steps = Vec::new();
    let mut start = 0;
    for (i, c) in path.char_indices() {
        let cut = match c {
            '[' => i,
            '.' => i + 1,
            _ => continue,
        };
        if cut > start {
            steps.push(&path[start..cut]);
            start = cut;
        }
    }
    steps.push(&path[start..]);
    steps.into_iter().map(|step| html! { <>{ step.to_owned() }<wbr/></> }).collect()
}

/// `text` with each date (`2026-08-31`) kept on one line, and a date-time's time
/// (`T08:30:00+08:00`) as a second piece that wraps as one after a break opportunity
/// (`<wbr>`): browsers break after a date's hyphens, so at 320 px in elderly mode
/// `2026-09-01` became `2026-09-` / `01`. The whole of a date-time on one line would be wider
/// than a phone's column, hence two pieces. Text stays text: the pieces are text nodes.
pub(crate) fn dated(text: &str) -> Html {
    marked(
        text,
        |b, i| {
            // A date starts with an ASCII digit not after another digit.
            if !b.get(i..i + 10).is_some_and(is_date) || (i > 0 && b[i - 1].is_ascii_digit()) {
                return None;
            }
            let mut end = i + 10;
            if b.get(end) == Some(&b'T') {
                end += 1;
                while matches!(b.get(end), Some(b'0'..=b'9' | b':' | b'+' | b'-' | b'.' | b'Z')) {
                    end += 1;
                }
                // Not the sentence's full stop or a dash after it (`…T18:00:00+08:00.`).
                while end > i + 11 && matches!(b[end - 1], b':' | b'+' | b'-' | b'.') {
                    end -= 1;
                }
            }
            Some(end)
        },
        |piece, out| {
            let (date, time) = piece.split_at(10);
            out.push(html! { <span class="gr-nowrap">{ date.to_owned() }</span> });
            if !time.is_empty() {
                out.push(html! { <><wbr/><span class="gr-nowrap">{ time.to_owned() }</span></> });
            }
        },
    )
}

/// `text` as plain text around the pieces that `piece(bytes, i)` finds — it answers where a
/// piece starting at byte `i` ends, or `None` — each drawn by `draw` (onto the list it is given): dates kept on one line
/// (`dated`), a dashboard's figures (`98.7%`, `（2425/2500）`) kept whole. A piece must start
/// and end at character boundaries (the finders start at an ASCII byte and end after an ASCII
/// byte or a whole character). Where a piece touches the one before it (`98.5%（67/68）`) a
/// `<wbr>` lets a line break between them. Text stays text: the pieces are text nodes.
pub(crate) fn marked(text: &str, piece: impl Fn(&[u8], usize) -> Option<usize>, draw: impl Fn(&str, &mut Vec<Html>)) -> Html {
    let b = text.as_bytes();
    let mut out: Vec<Html> = Vec::new();
    let (mut plain, mut i) = (0, 0);
    while i < b.len() {
        let Some(end) = piece(b, i).filter(|&end| end > i && end <= b.len()) else {
            i += 1;
            continue;
        };
        if plain < i {
            out.push(Html::from(text[plain..i].to_owned()));
        } else if i > 0 {
            out.push(html! { <wbr/> });
        }
        draw(&text[i..end], &mut out);
        (plain, i) = (end, end);
    }
    if plain < text.len() {
        out.push(Html::from(text[plain..].to_owned()));
    }
    out.into_iter().collect()
}

/// `2026-08-31`'s shape: four digits, a hyphen, two digits, a hyphen, two digits.
fn is_date(b: &[u8]) -> bool {
    b.iter().enumerate().all(|(k, c)| if k == 4 || k == 7 { *c == b'-' } else { c.is_ascii_digit() })
}

/// A live region, so that a screen reader announces the failure when it appears.
#[function_component(ErrorPanel)]
pub fn error_panel(props: &ErrorPanelProps) -> Html {
    let text = props.lang.text();
    let body = match &*props.failure {
        Failure::Fetch(detail) => html! { <p>{ (text.fetch_failed)(detail) }</p> },
        Failure::Data { errors, warnings } => html! {
            <>
                <p>{ text.error_intro }</p>
                { problem_list(errors, props.lang) }
                if !warnings.is_empty() {
                    <p class="gr-warnings-title">{ text.warnings_title }</p>
                    { problem_list(warnings, props.lang) }
                }
            </>
        },
    };
    html! {
        <div class="gr-error" role="alert">
            <p class="gr-error-title"><strong>{ text.error_title }</strong></p>
            { body }
        </div>
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Html as markup-like text: text as it is, `<wbr>`, `<span class="…">…</span>`.
    pub(crate) fn flat(html: &Html) -> String {
        use yew::virtual_dom::VNode;
        match html {
            VNode::VText(t) => t.text.to_string(),
            VNode::VList(list) => list.iter().map(flat).collect(),
            VNode::VTag(tag) => {
                let attrs: String = tag.attributes.iter().map(|(k, v)| format!(" {k}=\"{v}\"")).collect();
                match tag.children() {
                    Some(children) if tag.tag() != "wbr" => format!("<{}{attrs}>{}</{}>", tag.tag(), flat(children), tag.tag()),
                    _ => format!("<{}{attrs}>", tag.tag()),
                }
            }
            other => panic!("not text, a list or a tag: {other:?}"),
        }
    }

    #[test]
    fn dates_are_kept_on_one_line_and_a_time_wraps_as_one_piece() {
        assert_eq!(
            flat(&dated("due 2026-08-31, now 2026-08-31T18:00:00+08:00.")),
            "due <span class=\"gr-nowrap\">2026-08-31</span>, now <span class=\"gr-nowrap\">2026-08-31</span><wbr><span class=\"gr-nowrap\">T18:00:00+08:00</span>."
        );
        assert_eq!(flat(&dated("截止2026-09-01日")), "截止<span class=\"gr-nowrap\">2026-09-01</span>日");
        // Fractional seconds stay with the time; a full stop after it does not.
        assert_eq!(
            flat(&dated("at 2026-08-31T18:00:00.5Z.")),
            "at <span class=\"gr-nowrap\">2026-08-31</span><wbr><span class=\"gr-nowrap\">T18:00:00.5Z</span>."
        );
        // Not a date: digits before it, or too short; text without dates is one text node.
        assert_eq!(flat(&dated("id 12026-08-31 and 2026-08-3")), "id 12026-08-31 and 2026-08-3");
        assert_eq!(flat(&dated("")), "");
    }

    #[test]
    fn a_finder_that_answers_nonsense_leaves_the_text_whole() {
        // An empty piece or one past the end is no piece: the text comes out as it went in.
        for text in ["", "a", "中文 text 2026"] {
            assert_eq!(flat(&marked(text, |_, i| Some(i), |p, out| out.push(Html::from(p.to_owned())))), text);
            assert_eq!(flat(&marked(text, |b, _| Some(b.len() + 1), |p, out| out.push(Html::from(p.to_owned())))), text);
        }
        // Two pieces that touch get a break opportunity between them.
        let digits = |b: &[u8], i: usize| b[i].is_ascii_digit().then_some(i + 1);
        assert_eq!(flat(&marked("a12", digits, |p, out| out.push(html! { <b>{ p.to_owned() }</b> }))), "a<b>1</b><wbr><b>2</b>");
    }

    /// An entry is the problem as a `Problem` is written on its own, with its message after;
    /// a failed fetch has no record and no kind's fields.
    #[test]
    fn an_entry_is_the_problem_and_its_message() {
        let problems = vec![
            Problem { severity: Severity::Error, record: Some("g4".into()), path: "$.grids[3].code".into(), kind: ProblemKind::GeoDuplicate { what: "grid".into(), id: "g4".into(), first: "$.grids[0]".into() } },
            Problem { severity: Severity::Warning, record: None, path: "$".into(), kind: ProblemKind::Shape { message: "odd".into() } },
        ];
        let failure = Failure::Data { errors: problems[..1].to_vec(), warnings: problems[1..].to_vec() };
        let detail = failure.detail("org-tree", Lang::En);
        for (entry, problem) in [(&detail.errors[0], &problems[0]), (&detail.warnings[0], &problems[1])] {
            // Byte for byte, in order: the problem's own JSON, then the message.
            let alone = serde_json::to_string(problem).unwrap_or_default();
            let message = serde_json::to_string(&(Lang::En.text().problem)(&problem.kind)).unwrap_or_default();
            let want = format!("{},\"message\":{message}}}", alone.strip_suffix('}').unwrap_or(&alone));
            assert_eq!(serde_json::to_string(entry).unwrap_or_default(), want);
        }
        let fetch = serde_json::to_value(Failure::Fetch("HTTP 404".into()).detail("org-tree", Lang::En)).unwrap_or_default();
        assert_eq!(fetch["errors"][0]["code"], "fetch");
        assert_eq!(fetch["errors"][0]["path"], "$");
        assert!(fetch["errors"][0].get("record").is_none(), "{fetch}");
    }
}
