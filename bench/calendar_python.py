"""Python `icalendar` writing the same events as Liaison's calendar benchmark
(crates/core/benches/calendar.rs runs this once and prints the result):
every agenda item with its TZID, the visits as all-day events, the follow-ups
as tasks, and a VTIMEZONE for each zone (icalendar's add_missing_timezones).
Only building the calendar and serialising it are timed, not reading the JSON.

usage: calendar_python.py EVENTS.json
"""
import datetime
import json
import sys
import time
import zoneinfo

import icalendar


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        data = json.load(f)
    stamp = datetime.datetime.now(datetime.timezone.utc)
    zones = {}
    started = time.perf_counter()
    cal = icalendar.Calendar()
    cal.add("prodid", "-//bench//python icalendar//EN")
    cal.add("version", "2.0")
    for v in data["visits"]:
        e = icalendar.Event()
        e.add("uid", v["uid"])
        e.add("dtstamp", stamp)
        e.add("sequence", v["sequence"])
        e.add("summary", v["summary"])
        e.add("description", v["description"])
        e.add("location", v["location"])
        e.add("dtstart", datetime.date.fromisoformat(v["start"]))
        e.add("dtend", datetime.date.fromisoformat(v["end"]))
        cal.add_component(e)
    for a in data["agenda"]:
        tz = zones.get(a["tz"]) or zones.setdefault(a["tz"], zoneinfo.ZoneInfo(a["tz"]))
        e = icalendar.Event()
        e.add("uid", a["uid"])
        e.add("dtstamp", stamp)
        e.add("sequence", a["sequence"])
        e.add("dtstart", datetime.datetime.fromisoformat(a["start"]).replace(tzinfo=tz))
        e.add("dtend", datetime.datetime.fromisoformat(a["end"]).replace(tzinfo=tz))
        e.add("summary", a["summary"])
        e.add("location", a["location"])
        e.add("description", a["description"])
        e.add("categories", [a["category"]])
        e.add("status", a["status"])
        cal.add_component(e)
    for t in data["todos"]:
        todo = icalendar.Todo()
        todo.add("uid", t["uid"])
        todo.add("dtstamp", stamp)
        todo.add("sequence", t["sequence"])
        todo.add("summary", t["summary"])
        todo.add("description", t["description"])
        if t["due"]:
            todo.add("due", datetime.date.fromisoformat(t["due"]))
        cal.add_component(todo)
    cal.add_missing_timezones()
    text = cal.to_ical()
    elapsed = time.perf_counter() - started
    print(json.dumps({"seconds": round(elapsed, 3), "bytes": len(text),
                      "events": len(data["agenda"]) + len(data["visits"]), "todos": len(data["todos"]),
                      "vtimezones": text.count(b"BEGIN:VTIMEZONE")}))


if __name__ == "__main__":
    main()
