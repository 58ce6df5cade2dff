"""Reads a calendar file with the Python `icalendar` library and prints what
it understood as JSON, for tests/calendar.rs to compare with what Liaison
stored. Each time is converted to UTC twice: with a time zone built from the
file's own VTIMEZONE (what a client without a tz database does), and with
the tz database by TZID.

usage: ics_python.py FILE.ics
"""
import datetime
import json
import sys

import icalendar


def main():
    with open(sys.argv[1], "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    from_file = {}
    for vtz in cal.walk("VTIMEZONE"):
        from_file[str(vtz["TZID"])] = vtz.to_tz(lookup_tzid=False)

    def time(c, name):
        if name not in c:
            return None
        prop = c[name]
        value = prop.dt
        if isinstance(value, datetime.datetime):
            out = {"utc": None, "utc_tzdb": None, "zone": None}
            if value.tzinfo is None:
                return out  # floating
            tzid = prop.params.get("TZID")
            out["zone"] = tzid
            out["utc_tzdb"] = value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            if tzid:
                local = value.replace(tzinfo=None)
                out["utc"] = local.replace(tzinfo=from_file[tzid]).astimezone(datetime.timezone.utc).strftime(
                    "%Y-%m-%dT%H:%M:%SZ")
            else:
                out["utc"] = out["utc_tzdb"]
            return out
        return {"date": value.isoformat()}

    def text(c, name):
        return str(c[name]) if name in c else None

    def person(p):
        return {
            "value": str(p),
            "cn": p.params.get("CN"),
            "role": p.params.get("ROLE"),
            "partstat": p.params.get("PARTSTAT"),
            "rsvp": p.params.get("RSVP"),
        }

    components = []
    for c in cal.walk():
        if c.name not in ("VEVENT", "VTODO"):
            continue
        attendees = c.get("ATTENDEE", [])
        if not isinstance(attendees, list):
            attendees = [attendees]
        components.append({
            "type": c.name,
            "uid": text(c, "UID"),
            "sequence": int(c.get("SEQUENCE", 0)),
            "summary": text(c, "SUMMARY"),
            "description": text(c, "DESCRIPTION"),
            "location": text(c, "LOCATION"),
            "status": text(c, "STATUS"),
            "start": time(c, "DTSTART"),
            "end": time(c, "DTEND"),
            "due": time(c, "DUE"),
            "organizer": person(c["ORGANIZER"]) if "ORGANIZER" in c else None,
            "attendees": [person(a) for a in attendees],
        })
    print(json.dumps({
        "method": text(cal, "METHOD"),
        "calname": text(cal, "X-WR-CALNAME"),
        "timezones": list(from_file),
        "components": components,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
