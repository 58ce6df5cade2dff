//! The follow-up register's query, as both backends write it: which rows a
//! filter on due dates means, and the ORDER BY of each sort. Only the
//! placeholders and the collation of a byte-wise tie-break differ between
//! the engines, so they are given by the caller.

use chrono::{Datelike, Days, NaiveDate};

use crate::model::{DueWithin, FollowUpQuery, FollowUpSort};

/// The first and last day (both included) a filter on due dates covers, for
/// the filters that are a range of days.
pub(crate) fn due_range(due: DueWithin, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    match due {
        DueWithin::ThisWeek => {
            // Monday to Sunday, as ISO 8601 and both of Liaison's languages
            // count a week.
            let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
            Some((monday, monday + Days::new(6)))
        }
        DueWithin::ThisMonth => {
            let first = today.with_day(1)?;
            let next = if first.month() == 12 {
                NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)?
            };
            Some((first, next.pred_opt()?))
        }
        DueWithin::Any | DueWithin::Overdue | DueWithin::NoDate => None,
    }
}

/// The statuses of a follow-up that is still to be done, as SQL.
pub(crate) const STILL_OPEN: &str = "('open', 'in_progress')";

/// The joins a sort needs beside `follow_ups f`.
pub(crate) fn joins_for(sort: FollowUpSort) -> &'static str {
    match sort {
        FollowUpSort::Owner => " LEFT JOIN people p ON p.id = f.owner_id",
        FollowUpSort::Counterpart => " LEFT JOIN organisations o ON o.id = f.counterpart_org_id",
        FollowUpSort::Visit => " JOIN visits v ON v.id = f.visit_id",
        _ => "",
    }
}

/// ` ORDER BY …` for a query. Missing values (no date, no owner) go last in
/// either direction; every order ends with the title and the id, so that
/// pages never overlap. `fold` folds ASCII letters to lower case and nothing
/// else, and `bytes` is the collation clause that makes text compare byte by
/// byte (empty where that is the default): the two engines then sort alike.
pub(crate) fn order_by(query: &FollowUpQuery, fold: fn(&str) -> String, bytes: &str) -> String {
    let dir = if query.descending { " DESC" } else { "" };
    let lower = |e: &str| fold(e);
    let title = format!("{}{dir}, f.title{bytes}{dir}", lower("f.title"));
    let due = format!("f.due_date IS NULL, f.due_date{dir}");
    let main = match query.sort {
        FollowUpSort::Due => due.clone(),
        FollowUpSort::Title => title.clone(),
        FollowUpSort::Status => {
            format!("CASE f.status WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'done' THEN 2 ELSE 3 END{dir}")
        }
        FollowUpSort::Owner => format!(
            "p.id IS NULL, {}{dir}",
            lower("COALESCE(NULLIF(p.name, ''), NULLIF(p.chinese_name, ''), p.native_name)")
        ),
        FollowUpSort::Counterpart => format!(
            "o.id IS NULL, {}{dir}",
            lower("COALESCE(NULLIF(o.acronym, ''), NULLIF(o.name, ''), NULLIF(o.chinese_name, ''), o.native_name)")
        ),
        FollowUpSort::Visit => format!("v.starts_at{dir}, v.title{bytes}{dir}, v.id{dir}"),
        FollowUpSort::ToAct => format!("CASE f.to_act WHEN 'us' THEN 0 WHEN 'them' THEN 1 ELSE 2 END{dir}"),
    };
    // Ties are broken by what the register index holds, as it holds it: no
    // folding of each of 30,000 titles for rows that share a due date.
    let then = match query.sort {
        FollowUpSort::Due => format!("f.title{bytes}"),
        FollowUpSort::Title => String::from("f.due_date IS NULL, f.due_date"),
        _ => format!("f.due_date IS NULL, f.due_date, f.title{bytes}"),
    };
    format!(" ORDER BY {main}, {then}, f.id")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_week_runs_monday_to_sunday_and_a_month_to_its_last_day() {
        // 2026-11-30 is a Monday; 2026-12-06 a Sunday.
        assert_eq!(due_range(DueWithin::ThisWeek, day("2026-11-30")), Some((day("2026-11-30"), day("2026-12-06"))));
        assert_eq!(due_range(DueWithin::ThisWeek, day("2026-12-06")), Some((day("2026-11-30"), day("2026-12-06"))));
        assert_eq!(due_range(DueWithin::ThisWeek, day("2027-01-01")), Some((day("2026-12-28"), day("2027-01-03"))));
        assert_eq!(due_range(DueWithin::ThisMonth, day("2026-12-15")), Some((day("2026-12-01"), day("2026-12-31"))));
        assert_eq!(due_range(DueWithin::ThisMonth, day("2028-02-10")), Some((day("2028-02-01"), day("2028-02-29"))));
        assert_eq!(due_range(DueWithin::Overdue, day("2028-02-10")), None);
    }
}
