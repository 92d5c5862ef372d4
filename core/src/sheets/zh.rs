//! The zh-CN text of the problems an import reports: [`crate::zh::problem`]'s, the words the
//! widgets and the CLI use for every problem, but for a document with no records, which in a
//! spreadsheet is a sheet with no data rows.

use crate::ProblemKind;

/// A problem of an import in Chinese.
pub fn kind_zh(kind: &ProblemKind) -> String {
    match kind {
        ProblemKind::NoRecords => "没有任何数据行".to_owned(),
        other => crate::zh::problem(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RefKind;

    #[test]
    fn every_import_problem_has_chinese_text() {
        let kinds = [
            ProblemKind::Unreadable { message: "m".into() },
            ProblemKind::SheetTooLarge { rows: 2, columns: 3, max: 5 },
            ProblemKind::CellOutsideSheet { row: 1, column: 20_000 },
            ProblemKind::NoSuchSheet { name: "a".into(), sheets: vec!["b".into()] },
            ProblemKind::NoHeaderRow { expected: vec!["姓名".into()] },
            ProblemKind::MissingColumn { field: "name".into(), headers: vec!["姓名".into()] },
            ProblemKind::UnknownColumn,
            ProblemKind::DuplicateColumn { field: "name".into(), first: "姓名".into() },
            ProblemKind::DigitsLost { shown: "1".into() },
            ProblemKind::IdCardFormat,
            ProblemKind::IdCardCheckDigit,
            ProblemKind::PhoneFormat { value: "1".into() },
            ProblemKind::DateFormat { value: "x".into() },
            ProblemKind::NotCount { value: "x".into() },
            ProblemKind::NotNumber { value: "x".into() },
            ProblemKind::NotOneOf { value: "x".into(), expected: vec!["是".into()] },
            ProblemKind::UnknownName { what: RefKind::Node, name: "x".into(), candidates: vec![] },
            ProblemKind::UnknownName { what: RefKind::Node, name: "x".into(), candidates: vec!["y".into()] },
            ProblemKind::AmbiguousName { what: RefKind::Grid, name: "x".into(), candidates: vec!["a".into(), "b".into()] },
            ProblemKind::CellError { value: "#REF!".into() },
            ProblemKind::AfterTotal,
            ProblemKind::NotForStatus { status: "取消".into() },
            ProblemKind::NoGrid,
            ProblemKind::UnknownRef { what: RefKind::Post, id: "p".into() },
            ProblemKind::WorkerModel { model: "1+1".into(), role: "no_office_member".into(), needed: 1, found: 0 },
            ProblemKind::WorkerRoleMember { role: "reporting_member".into(), member: "m1".into() },
            ProblemKind::ListedTwice { id: "c1".into() },
            ProblemKind::PeriodOrder { start: "2026-03-01".into(), end: "2026-02-01".into() },
            ProblemKind::StationedNotBaobao { community: "c1".into() },
            ProblemKind::SecondLead { first: "row 3".into() },
            ProblemKind::RedSiteWithoutParty,
            ProblemKind::GridOutsideCommunity { grid: "g1".into() },
            ProblemKind::LeaderNotInTeam { id: "m1".into() },
            ProblemKind::EmptyTeam,
            ProblemKind::UnknownItem { id: "x".into() },
            ProblemKind::NoInstead,
            ProblemKind::NotLower { from: "a".into(), to: "b".into() },
            ProblemKind::NoRecords,
        ];
        crate::zh::assert_chinese(&kinds, kind_zh);
    }
}
