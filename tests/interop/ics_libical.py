"""Checks a calendar file with libical (the library of Evolution and Cyrus):
parses it and runs its RFC 5546 restriction check, the per-method property
tables for every component. Prints JSON: the METHOD, how many components it
checked, and every violation libical reports (as X-LIC-ERROR).

Runs with the system's Python, where Debian's python3-gi and
gir1.2-ical-3.0 provide libical's GObject bindings.

usage: ics_libical.py FILE.ics
"""
import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as ical  # noqa: E402


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    root = ical.Component.new_from_string(text)
    if root is None:
        print(json.dumps({"error": "libical could not parse the file"}))
        return
    passed = bool(ical.restriction_check(root))
    errors = []
    checked = 0

    def walk(c):
        nonlocal checked
        checked += 1
        kind = ical.Component.kind_to_string(c.isa())
        # Read before walking the properties: get_uid() moves the
        # component's property iterator, and the walk would never end.
        uid = c.get_uid() if kind in ("VEVENT", "VTODO") else None
        p = c.get_first_property(ical.PropertyKind.XLICERROR_PROPERTY)
        while p is not None:
            errors.append({"component": kind, "uid": uid, "error": p.get_xlicerror()})
            p = c.get_next_property(ical.PropertyKind.XLICERROR_PROPERTY)
        sub = c.get_first_component(ical.ComponentKind.ANY_COMPONENT)
        while sub is not None:
            walk(sub)
            sub = c.get_next_component(ical.ComponentKind.ANY_COMPONENT)

    walk(root)
    method = root.get_method()
    print(json.dumps({"method": ical.Property.method_to_string(method), "passed": passed,
                      "components": checked, "errors": errors}))


if __name__ == "__main__":
    main()
