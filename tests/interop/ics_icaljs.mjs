// Reads a calendar file with Mozilla's ical.js (the parser of Thunderbird)
// and prints what it understood as JSON, for tests/calendar.rs to compare
// with what Liaison stored. Times are converted to UTC by ical.js using the
// VTIMEZONE components in the file itself, as Thunderbird does.
//
// usage: node ics_icaljs.mjs FILE.ics
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const text = readFileSync(process.argv[2], "utf8");
const root = new ICAL.Component(ICAL.parse(text));
for (const vtz of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(vtz);
}

function time(c, name) {
  const p = c.getFirstProperty(name);
  if (!p) return null;
  const t = p.getFirstValue();
  if (t.isDate) return { date: t.toString() };
  // A TZID that ical.js could not find would leave the time floating.
  const zone = t.zone ? t.zone.tzid : null;
  return { utc: new Date(t.toUnixTime() * 1000).toISOString().replace(".000", ""), zone };
}

function text_of(c, name) {
  const v = c.getFirstPropertyValue(name);
  return v === null ? null : String(v);
}

function person(p) {
  return {
    value: String(p.getFirstValue()),
    cn: p.getParameter("cn") ?? null,
    role: p.getParameter("role") ?? null,
    partstat: p.getParameter("partstat") ?? null,
    rsvp: p.getParameter("rsvp") ?? null,
  };
}

const components = [];
for (const c of root.getAllSubcomponents()) {
  if (c.name !== "vevent" && c.name !== "vtodo") continue;
  components.push({
    type: c.name.toUpperCase(),
    uid: text_of(c, "uid"),
    sequence: c.getFirstPropertyValue("sequence") ?? 0,
    summary: text_of(c, "summary"),
    description: text_of(c, "description"),
    location: text_of(c, "location"),
    status: text_of(c, "status"),
    start: time(c, "dtstart"),
    end: time(c, "dtend"),
    due: time(c, "due"),
    organizer: c.getFirstProperty("organizer") ? person(c.getFirstProperty("organizer")) : null,
    attendees: c.getAllProperties("attendee").map(person),
  });
}
console.log(JSON.stringify({
  method: root.getFirstPropertyValue("method"),
  calname: root.getFirstPropertyValue("x-wr-calname"),
  timezones: root.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid")),
  components,
}));
