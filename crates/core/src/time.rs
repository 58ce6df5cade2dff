//! Wall-clock times in IANA zones. Agenda times are typed in the visit's zone;
//! they are stored as UTC instants beside that zone, and shown back in it.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::problem::Problem;

/// An IANA zone by its canonical or alias name ("Asia/Shanghai", "UTC").
pub fn parse_zone(name: &str) -> Result<Tz, Problem> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Problem::ZoneRequired);
    }
    name.parse::<Tz>().map_err(|_| Problem::UnknownZone { value: name.to_owned() })
}

/// The years Liaison plans in. Anything outside is a typo or a hostile file,
/// and bounding it keeps every calendar export (and its VTIMEZONEs, built
/// year by year) and every date computation small and in range.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

fn in_years(date: NaiveDate, text: &str) -> Result<(), Problem> {
    use chrono::Datelike;
    if YEARS.contains(&date.year()) {
        Ok(())
    } else {
        Err(Problem::OutsideYears {
            value: text.to_owned(),
            first: YEARS.start().to_string(),
            last: YEARS.end().to_string(),
        })
    }
}

/// A time as a user or a file gives it: RFC 3339 with an offset
/// ("2021-06-11T09:00:00+08:00", an exact instant) or a wall-clock time in
/// `zone` ("2021-06-11T09:00", "2021-06-11 09:00").
pub fn parse_time(text: &str, zone: Tz) -> Result<DateTime<Utc>, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Problem::Required);
    }
    // The years are those of the instant in UTC, however it is written, so
    // that a time stored once is accepted again in any form (an export
    // writes it with its zone's offset).
    if let Ok(exact) = DateTime::parse_from_rfc3339(text) {
        let utc = exact.with_timezone(&Utc);
        in_years(utc.date_naive(), text)?;
        return Ok(utc);
    }
    let naive = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .ok_or_else(|| Problem::NotDateTime { value: text.to_owned() })?;
    // A wall-clock year far out of range is refused before the zone is
    // asked about it.
    in_years(naive.date(), text)?;
    let utc = local_to_utc(naive, zone)?;
    in_years(utc.date_naive(), text)?;
    Ok(utc)
}

/// Resolves a wall-clock time in `zone`. A time skipped or repeated by a
/// clock change is refused rather than guessed: the user must say which.
pub fn local_to_utc(naive: NaiveDateTime, zone: Tz) -> Result<DateTime<Utc>, Problem> {
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::None => {
            Err(Problem::SkippedTime { time: naive.format("%Y-%m-%d %H:%M").to_string(), zone: zone.name().to_owned() })
        }
        LocalResult::Ambiguous(a, b) => Err(Problem::RepeatedTime {
            time: naive.format("%Y-%m-%d %H:%M").to_string(),
            zone: zone.name().to_owned(),
            first: a.format("%:z").to_string(),
            second: b.format("%:z").to_string(),
        }),
    }
}

/// "YYYY-MM-DDTHH:MM" in `zone`, with seconds only when there are any.
pub fn format_local(t: DateTime<Utc>, zone: Tz) -> String {
    use chrono::{Datelike, Timelike};
    let local = t.with_timezone(&zone).naive_local();
    // By hand: every row read from the store formats two of these, and
    // chrono's strftime parses its format string on each call.
    if !(0..=9999).contains(&local.year()) {
        return local.format("%Y-%m-%dT%H:%M:%S").to_string();
    }
    let mut s = String::with_capacity(19);
    let two = |s: &mut String, sep: char, n: u32| {
        s.push(sep);
        s.push(char::from(b'0' + (n / 10) as u8));
        s.push(char::from(b'0' + (n % 10) as u8));
    };
    let y = local.year() as u32;
    for d in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10] {
        s.push(char::from(b'0' + d as u8));
    }
    two(&mut s, '-', local.month());
    two(&mut s, '-', local.day());
    two(&mut s, 'T', local.hour());
    two(&mut s, ':', local.minute());
    if t.timestamp() % 60 != 0 {
        two(&mut s, ':', local.second());
    }
    s
}

/// RFC 3339 with the zone's offset: exact, and readable for a person.
pub fn format_offset(t: DateTime<Utc>, zone: Tz) -> String {
    t.with_timezone(&zone).format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// A zone name read back from the database, which only ever stores names
/// that parsed; UTC if the file was edited by hand into something else.
pub fn stored_zone(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

pub fn parse_date(text: &str) -> Result<NaiveDate, Problem> {
    let d = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Problem::NotDate { value: text.trim().to_owned() })?;
    in_years(d, text.trim())?;
    Ok(d)
}

pub fn from_unix(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

/// Now, to the second: stored timestamps have no sub-second part, so a value
/// read back compares equal to the one written.
pub fn now() -> DateTime<Utc> {
    from_unix(Utc::now().timestamp())
}

/// A wall-clock time in `zone` as an instant, never refused: a time the
/// clocks repeat is its first occurrence, and one they skip is taken an hour
/// later (02:30 on the night clocks go forward is 03:30). For times that
/// bound periods ("away until 14:00"), where asking back is not possible.
pub fn wall_instant(naive: NaiveDateTime, zone: Tz) -> DateTime<Utc> {
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        LocalResult::None => match zone.from_local_datetime(&(naive + chrono::Duration::hours(1))) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
            // No zone skips two hours in a row; UTC's reading then.
            LocalResult::None => Utc.from_utc_datetime(&naive),
        },
    }
}

/// Today where this machine is (its TZ): the day a reader counts what is
/// overdue from, and the week and month they call "this".
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_outside_the_planning_years_are_refused() {
        let z = chrono_tz::Asia::Shanghai;
        for bad in ["1899-12-31T23:00", "2201-01-01T00:00", "+99999-01-01T00:00:00Z", "0001-01-01T00:00:00+00:00"] {
            let e = parse_time(bad, z).unwrap_err();
            assert!(matches!(e, Problem::OutsideYears { .. } | Problem::NotDateTime { .. }), "{bad}: {e:?}");
        }
        assert!(parse_time("1900-01-01T12:00", z).is_ok());
        // The same instant is in range however it is written (found by the
        // fuzzer: a time stored from UTC came back with an offset into 2201).
        let stored = parse_time("2200-12-31T16:00:00Z", z).unwrap();
        assert_eq!(parse_time(&format_offset(stored, z), z), Ok(stored));
        assert!(matches!(
            parse_time("2200-12-31T23:00", chrono_tz::America::New_York),
            Err(Problem::OutsideYears { .. })
        ));
        assert!(parse_time("2200-12-31T12:00", z).is_ok());
        assert_eq!(
            parse_date("2201-01-01"),
            Err(Problem::OutsideYears { value: "2201-01-01".into(), first: "1900".into(), last: "2200".into() })
        );
        assert!(parse_date("2021-06-30").is_ok());
    }

    #[test]
    fn format_local_by_hand_matches_chrono() {
        for (secs, zone) in [
            (0, Tz::UTC),
            (1_623_373_200, chrono_tz::Asia::Shanghai),
            (1_761_469_199, chrono_tz::Europe::Berlin),
            (-2_208_988_800, chrono_tz::America::New_York),
            (253_402_300_799, Tz::UTC),
            (1_700_000_045, chrono_tz::Asia::Kolkata),
        ] {
            let t = DateTime::from_timestamp(secs, 0).unwrap();
            let l = t.with_timezone(&zone);
            let expected =
                if secs % 60 == 0 { l.format("%Y-%m-%dT%H:%M") } else { l.format("%Y-%m-%dT%H:%M:%S") }.to_string();
            assert_eq!(format_local(t, zone), expected, "{secs} {zone}");
        }
    }

    #[test]
    fn wall_clock_in_shanghai_is_utc_plus_8() {
        let t = parse_time("2021-06-11T09:00", chrono_tz::Asia::Shanghai).unwrap();
        assert_eq!(t.to_rfc3339(), "2021-06-11T01:00:00+00:00");
        assert_eq!(format_local(t, chrono_tz::Asia::Shanghai), "2021-06-11T09:00");
        assert_eq!(format_offset(t, chrono_tz::Europe::Zurich), "2021-06-11T03:00:00+02:00");
    }

    #[test]
    fn explicit_offset_wins_over_zone() {
        let t = parse_time("2021-06-11T09:00:00+02:00", chrono_tz::Asia::Shanghai).unwrap();
        assert_eq!(t.to_rfc3339(), "2021-06-11T07:00:00+00:00");
    }

    #[test]
    fn time_in_spring_forward_gap_is_refused() {
        let err = parse_time("2021-03-28T02:30", chrono_tz::Europe::Zurich).unwrap_err();
        assert_eq!(err, Problem::SkippedTime { time: "2021-03-28 02:30".into(), zone: "Europe/Zurich".into() });
        assert_eq!(
            err.message(liaison_i18n::Lang::En),
            "2021-03-28 02:30 does not exist in Europe/Zurich (the clocks change then)"
        );
    }

    #[test]
    fn repeated_autumn_hour_is_refused_with_both_offsets() {
        let err = parse_time("2021-10-31T02:30", chrono_tz::Europe::Zurich).unwrap_err();
        let Problem::RepeatedTime { first, second, .. } = &err else { panic!("{err:?}") };
        assert_eq!((first.as_str(), second.as_str()), ("+02:00", "+01:00"));
        let chinese = err.message(liaison_i18n::Lang::ZhCn);
        assert!(chinese.contains("出现两次") && chinese.contains("+02:00") && chinese.contains("+01:00"), "{chinese}");
    }

    #[test]
    fn unknown_zone_is_named() {
        assert_eq!(parse_zone("Mars/Olympus"), Err(Problem::UnknownZone { value: "Mars/Olympus".into() }));
        assert!(parse_zone("").is_err());
    }
}
