//! Time zones in calendar files: VTIMEZONE components built from the tz
//! database for exactly the years a file uses, and TZID values read back
//! (IANA names, Windows names, and the prefixed names some clients write).

use chrono::{DateTime, Datelike, Duration, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::text::Writer;

/// One change of a zone's offset.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Transition {
    at: DateTime<Utc>,
    from: i32,
    to: i32,
    daylight: bool,
    name: String,
}

fn offset_at(zone: Tz, t: DateTime<Utc>) -> (i32, bool, String) {
    let o = zone.offset_from_utc_datetime(&t.naive_utc());
    let daylight = !o.dst_offset().is_zero();
    let name = o.abbreviation().unwrap_or("").to_owned();
    (o.fix().local_minus_utc(), daylight, name)
}

/// Every offset change of `zone` in `[from, to)`. The zone is sampled every
/// 12 hours (no zone changes twice that fast) and each change is then found
/// to the second by bisection.
fn transitions(zone: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Transition> {
    let step = Duration::hours(12);
    let mut out = Vec::new();
    let mut t = from;
    let mut before = offset_at(zone, t);
    while t < to {
        let next = (t + step).min(to);
        let after = offset_at(zone, next);
        if after.0 != before.0 || after.1 != before.1 {
            // Whole seconds: the tz database has nothing finer.
            let (mut lo, mut hi) = (t.timestamp(), next.timestamp());
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if offset_at(zone, DateTime::from_timestamp(mid, 0).unwrap_or(t)) == before {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let hi = DateTime::from_timestamp(hi, 0).unwrap_or(next);
            let (to_offset, daylight, name) = offset_at(zone, hi);
            out.push(Transition { at: hi, from: before.0, to: to_offset, daylight, name });
        }
        before = after;
        t = next;
    }
    out
}

/// "+0800", "-0430", "+053028": the UTC-OFFSET value type.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// Whether times in `zone` are written in UTC (with a `Z`) rather than with
/// a TZID: UTC needs no VTIMEZONE.
pub fn is_utc(zone: Tz) -> bool {
    matches!(zone.name(), "UTC" | "Etc/UTC" | "Etc/UCT" | "Etc/Universal" | "Etc/Zulu" | "UCT" | "Universal" | "Zulu")
}

/// Writes a VTIMEZONE for `zone` that is right for every instant from the
/// start of `first`'s year to the end of `last`'s year (whole years, so that
/// small edits to an agenda do not change the file's time zones).
///
/// Every change of offset is its own observance with a single DTSTART, and
/// the offset in force when the range starts is one more: no RRULE and no
/// RDATE list, because ical.js (Thunderbird) reads only the first date of an
/// RDATE list, and rules would have to describe the past of zones whose rules
/// changed.
pub fn write_vtimezone(w: &mut Writer, zone: Tz, first: DateTime<Utc>, last: DateTime<Utc>) {
    let from = Utc.with_ymd_and_hms(first.year(), 1, 1, 0, 0, 0).single().unwrap_or(first);
    let to = Utc.with_ymd_and_hms(last.year().saturating_add(1), 1, 1, 0, 0, 0).single().unwrap_or(last);
    let (initial, initial_daylight, initial_name) = offset_at(zone, from);
    w.begin("VTIMEZONE");
    w.raw("TZID", zone.name());
    observance(w, from, initial, initial, initial_daylight, &initial_name);
    for t in transitions(zone, from, to) {
        observance(w, t.at, t.from, t.to, t.daylight, &t.name);
    }
    w.end("VTIMEZONE");
}

fn observance(w: &mut Writer, at: DateTime<Utc>, from: i32, to: i32, daylight: bool, name: &str) {
    let kind = if daylight { "DAYLIGHT" } else { "STANDARD" };
    // An observance starts at a local time in the offset it replaces.
    let local = at.naive_utc() + Duration::seconds(i64::from(from));
    w.begin(kind);
    w.raw("DTSTART", &local.format("%Y%m%dT%H%M%S").to_string());
    w.raw("TZOFFSETFROM", &utc_offset(from));
    w.raw("TZOFFSETTO", &utc_offset(to));
    if !name.is_empty() {
        w.text("TZNAME", name);
    }
    w.end(kind);
}

/// The IANA zone a TZID names: an IANA name or alias, the same with a
/// vendor prefix ("/mozilla.org/20050126_1/Europe/Berlin",
/// "/citadel.org/20190914_1/Asia/Shanghai"), or a Windows zone name as
/// Outlook and Exchange write them ("China Standard Time").
pub fn resolve_tzid(tzid: &str) -> Option<Tz> {
    let tzid = tzid.trim().trim_matches('"');
    if let Ok(z) = tzid.parse::<Tz>() {
        return Some(z);
    }
    if let Some(z) = windows_zone(tzid) {
        return z.parse().ok();
    }
    // A prefixed name: try ever shorter tails ("A/B/Europe/Berlin" → "Europe/Berlin").
    let mut rest = tzid;
    while let Some(i) = rest.find('/') {
        rest = &rest[i + 1..];
        if let Ok(z) = rest.parse::<Tz>() {
            return Some(z);
        }
    }
    None
}

/// Windows time zone names (as in CLDR's windowsZones.xml, territory 001)
/// mapped to IANA. Covers the zones Windows offers; both the name and the
/// IANA zone are spelled as those files spell them.
fn windows_zone(name: &str) -> Option<&'static str> {
    WINDOWS_ZONES.iter().find(|(w, _)| w.eq_ignore_ascii_case(name)).map(|(_, iana)| *iana)
}

const WINDOWS_ZONES: &[(&str, &str)] = &[
    ("Dateline Standard Time", "Etc/GMT+12"),
    ("UTC-11", "Etc/GMT+11"),
    ("Aleutian Standard Time", "America/Adak"),
    ("Hawaiian Standard Time", "Pacific/Honolulu"),
    ("Marquesas Standard Time", "Pacific/Marquesas"),
    ("Alaskan Standard Time", "America/Anchorage"),
    ("UTC-09", "Etc/GMT+9"),
    ("Pacific Standard Time (Mexico)", "America/Tijuana"),
    ("UTC-08", "Etc/GMT+8"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("US Mountain Standard Time", "America/Phoenix"),
    ("Mountain Standard Time (Mexico)", "America/Mazatlan"),
    ("Mountain Standard Time", "America/Denver"),
    ("Yukon Standard Time", "America/Whitehorse"),
    ("Central America Standard Time", "America/Guatemala"),
    ("Central Standard Time", "America/Chicago"),
    ("Easter Island Standard Time", "Pacific/Easter"),
    ("Central Standard Time (Mexico)", "America/Mexico_City"),
    ("Canada Central Standard Time", "America/Regina"),
    ("SA Pacific Standard Time", "America/Bogota"),
    ("Eastern Standard Time (Mexico)", "America/Cancun"),
    ("Eastern Standard Time", "America/New_York"),
    ("Haiti Standard Time", "America/Port-au-Prince"),
    ("Cuba Standard Time", "America/Havana"),
    ("US Eastern Standard Time", "America/Indianapolis"),
    ("Turks And Caicos Standard Time", "America/Grand_Turk"),
    ("Paraguay Standard Time", "America/Asuncion"),
    ("Atlantic Standard Time", "America/Halifax"),
    ("Venezuela Standard Time", "America/Caracas"),
    ("Central Brazilian Standard Time", "America/Cuiaba"),
    ("SA Western Standard Time", "America/La_Paz"),
    ("Pacific SA Standard Time", "America/Santiago"),
    ("Newfoundland Standard Time", "America/St_Johns"),
    ("Tocantins Standard Time", "America/Araguaina"),
    ("E. South America Standard Time", "America/Sao_Paulo"),
    ("SA Eastern Standard Time", "America/Cayenne"),
    ("Argentina Standard Time", "America/Buenos_Aires"),
    ("Greenland Standard Time", "America/Godthab"),
    ("Montevideo Standard Time", "America/Montevideo"),
    ("Magallanes Standard Time", "America/Punta_Arenas"),
    ("Saint Pierre Standard Time", "America/Miquelon"),
    ("Bahia Standard Time", "America/Bahia"),
    ("UTC-02", "Etc/GMT+2"),
    ("Azores Standard Time", "Atlantic/Azores"),
    ("Cape Verde Standard Time", "Atlantic/Cape_Verde"),
    ("UTC", "Etc/UTC"),
    ("Coordinated Universal Time", "Etc/UTC"),
    ("GMT Standard Time", "Europe/London"),
    ("Greenwich Standard Time", "Atlantic/Reykjavik"),
    ("Sao Tome Standard Time", "Africa/Sao_Tome"),
    ("Morocco Standard Time", "Africa/Casablanca"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("Romance Standard Time", "Europe/Paris"),
    ("Central European Standard Time", "Europe/Warsaw"),
    ("W. Central Africa Standard Time", "Africa/Lagos"),
    ("Jordan Standard Time", "Asia/Amman"),
    ("GTB Standard Time", "Europe/Bucharest"),
    ("Middle East Standard Time", "Asia/Beirut"),
    ("Egypt Standard Time", "Africa/Cairo"),
    ("E. Europe Standard Time", "Europe/Chisinau"),
    ("Syria Standard Time", "Asia/Damascus"),
    ("West Bank Standard Time", "Asia/Hebron"),
    ("South Africa Standard Time", "Africa/Johannesburg"),
    ("FLE Standard Time", "Europe/Kiev"),
    ("Israel Standard Time", "Asia/Jerusalem"),
    ("South Sudan Standard Time", "Africa/Juba"),
    ("Kaliningrad Standard Time", "Europe/Kaliningrad"),
    ("Sudan Standard Time", "Africa/Khartoum"),
    ("Libya Standard Time", "Africa/Tripoli"),
    ("Namibia Standard Time", "Africa/Windhoek"),
    ("Arabic Standard Time", "Asia/Baghdad"),
    ("Turkey Standard Time", "Europe/Istanbul"),
    ("Arab Standard Time", "Asia/Riyadh"),
    ("Belarus Standard Time", "Europe/Minsk"),
    ("Russian Standard Time", "Europe/Moscow"),
    ("E. Africa Standard Time", "Africa/Nairobi"),
    ("Volgograd Standard Time", "Europe/Volgograd"),
    ("Iran Standard Time", "Asia/Tehran"),
    ("Arabian Standard Time", "Asia/Dubai"),
    ("Astrakhan Standard Time", "Europe/Astrakhan"),
    ("Azerbaijan Standard Time", "Asia/Baku"),
    ("Russia Time Zone 3", "Europe/Samara"),
    ("Mauritius Standard Time", "Indian/Mauritius"),
    ("Saratov Standard Time", "Europe/Saratov"),
    ("Georgian Standard Time", "Asia/Tbilisi"),
    ("Caucasus Standard Time", "Asia/Yerevan"),
    ("Afghanistan Standard Time", "Asia/Kabul"),
    ("West Asia Standard Time", "Asia/Tashkent"),
    ("Ekaterinburg Standard Time", "Asia/Yekaterinburg"),
    ("Pakistan Standard Time", "Asia/Karachi"),
    ("Qyzylorda Standard Time", "Asia/Qyzylorda"),
    ("India Standard Time", "Asia/Calcutta"),
    ("Sri Lanka Standard Time", "Asia/Colombo"),
    ("Nepal Standard Time", "Asia/Katmandu"),
    ("Central Asia Standard Time", "Asia/Almaty"),
    ("Bangladesh Standard Time", "Asia/Dhaka"),
    ("Omsk Standard Time", "Asia/Omsk"),
    ("Myanmar Standard Time", "Asia/Rangoon"),
    ("SE Asia Standard Time", "Asia/Bangkok"),
    ("Altai Standard Time", "Asia/Barnaul"),
    ("W. Mongolia Standard Time", "Asia/Hovd"),
    ("North Asia Standard Time", "Asia/Krasnoyarsk"),
    ("N. Central Asia Standard Time", "Asia/Novosibirsk"),
    ("Tomsk Standard Time", "Asia/Tomsk"),
    ("China Standard Time", "Asia/Shanghai"),
    ("North Asia East Standard Time", "Asia/Irkutsk"),
    ("Singapore Standard Time", "Asia/Singapore"),
    ("W. Australia Standard Time", "Australia/Perth"),
    ("Taipei Standard Time", "Asia/Taipei"),
    ("Ulaanbaatar Standard Time", "Asia/Ulaanbaatar"),
    ("Aus Central W. Standard Time", "Australia/Eucla"),
    ("Transbaikal Standard Time", "Asia/Chita"),
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("North Korea Standard Time", "Asia/Pyongyang"),
    ("Korea Standard Time", "Asia/Seoul"),
    ("Yakutsk Standard Time", "Asia/Yakutsk"),
    ("Cen. Australia Standard Time", "Australia/Adelaide"),
    ("AUS Central Standard Time", "Australia/Darwin"),
    ("E. Australia Standard Time", "Australia/Brisbane"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("West Pacific Standard Time", "Pacific/Port_Moresby"),
    ("Tasmania Standard Time", "Australia/Hobart"),
    ("Vladivostok Standard Time", "Asia/Vladivostok"),
    ("Lord Howe Standard Time", "Australia/Lord_Howe"),
    ("Bougainville Standard Time", "Pacific/Bougainville"),
    ("Russia Time Zone 10", "Asia/Srednekolymsk"),
    ("Magadan Standard Time", "Asia/Magadan"),
    ("Norfolk Standard Time", "Pacific/Norfolk"),
    ("Sakhalin Standard Time", "Asia/Sakhalin"),
    ("Central Pacific Standard Time", "Pacific/Guadalcanal"),
    ("Russia Time Zone 11", "Asia/Kamchatka"),
    ("New Zealand Standard Time", "Pacific/Auckland"),
    ("UTC+12", "Etc/GMT-12"),
    ("Fiji Standard Time", "Pacific/Fiji"),
    ("Chatham Islands Standard Time", "Pacific/Chatham"),
    ("UTC+13", "Etc/GMT-13"),
    ("Tonga Standard Time", "Pacific/Tongatapu"),
    ("Samoa Standard Time", "Pacific/Apia"),
    ("Line Islands Standard Time", "Pacific/Kiritimati"),
];

/// The first day after `date`: the exclusive end of an all-day event.
pub fn day_after(date: NaiveDate) -> NaiveDate {
    date.succ_opt().unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn finds_both_changes_of_a_european_year_to_the_second() {
        let t = transitions(chrono_tz::Europe::Berlin, utc("2024-01-01T00:00:00Z"), utc("2025-01-01T00:00:00Z"));
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].at, utc("2024-03-31T01:00:00Z"));
        assert_eq!((t[0].from, t[0].to, t[0].daylight), (3600, 7200, true));
        assert_eq!(t[0].name, "CEST");
        assert_eq!(t[1].at, utc("2024-10-27T01:00:00Z"));
        assert_eq!((t[1].from, t[1].to, t[1].daylight), (7200, 3600, false));
    }

    #[test]
    fn a_zone_without_changes_has_one_standard_observance() {
        let mut w = Writer::default();
        write_vtimezone(&mut w, chrono_tz::Asia::Shanghai, utc("2021-06-11T01:00:00Z"), utc("2021-06-11T04:00:00Z"));
        let s = w.finish();
        assert_eq!(s.matches("BEGIN:STANDARD").count(), 1);
        assert!(s.contains("TZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800"), "{s}");
        assert!(!s.contains("DAYLIGHT"));
    }

    #[test]
    fn observance_starts_in_the_local_time_it_replaces() {
        let mut w = Writer::default();
        write_vtimezone(&mut w, chrono_tz::America::New_York, utc("2024-03-01T00:00:00Z"), utc("2024-03-20T00:00:00Z"));
        let s = w.finish();
        // 2024-03-10 02:00 EST became 03:00 EDT.
        assert!(
            s.contains("BEGIN:DAYLIGHT\r\nDTSTART:20240310T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400"),
            "{s}"
        );
        assert!(s.contains("DTSTART:20241103T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500"), "{s}");
    }

    #[test]
    fn offsets_with_seconds_and_negative_half_hours() {
        assert_eq!(utc_offset(-16200), "-0430");
        assert_eq!(utc_offset(19800), "+0530");
        assert_eq!(utc_offset(-(3600 + 75)), "-010115");
    }

    #[test]
    fn resolves_iana_windows_and_prefixed_names() {
        assert_eq!(resolve_tzid("Asia/Shanghai"), Some(chrono_tz::Asia::Shanghai));
        assert_eq!(resolve_tzid("China Standard Time"), Some(chrono_tz::Asia::Shanghai));
        assert_eq!(resolve_tzid("W. Europe Standard Time"), Some(chrono_tz::Europe::Berlin));
        assert_eq!(resolve_tzid("/mozilla.org/20050126_1/Europe/Berlin"), Some(chrono_tz::Europe::Berlin));
        assert_eq!(resolve_tzid("Mars/Olympus_Mons"), None);
    }

    #[test]
    fn every_windows_name_maps_to_a_zone_chrono_tz_knows() {
        for (windows, iana) in WINDOWS_ZONES {
            assert!(iana.parse::<Tz>().is_ok(), "{windows} → {iana}");
        }
    }
}
