"""Puts Liaison's calendar files on a real CalDAV server (Radicale, on
127.0.0.1 with a throwaway storage folder) the way a calendar client syncs
them: one calendar object resource per UID, at an href named after the UID.
After each file it reads the whole calendar back from the server and prints
what the server holds, one JSON line per file.

Radicale parses and validates every object it is given (it refuses a broken
one with an error), so a file that uploads is a file a CalDAV server takes.

usage: ics_radicale.py FILE.ics [FILE.ics ...]
"""
import hashlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import icalendar


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(method, url, body=None, headers=None):
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def split(text):
    """One calendar object per UID: the file's header (without METHOD, which
    CalDAV forbids in stored objects), its VTIMEZONEs, and the component,
    all as the bytes Liaison wrote them."""
    lines = text.split("\r\n")
    header, zones, blocks, current, depth, kind = [], [], [], None, 0, None
    for line in lines:
        if line.startswith("BEGIN:") and depth == 1:
            current, kind = [], line[6:]
        if line.startswith("BEGIN:"):
            depth += 1
        if current is not None:
            current.append(line)
        elif depth == 1 and line and not line.startswith("METHOD:") and not line.startswith(("BEGIN:VCALENDAR", "END:VCALENDAR")):
            header.append(line)
        if line.startswith("END:"):
            depth -= 1
            if depth == 1 and current is not None:
                (zones if kind == "VTIMEZONE" else blocks).append(current)
                current = None
    objects = []
    for block in blocks:
        # A folded UID would need unfolding; Liaison's UIDs are short.
        uid = next(l[4:] for l in block if l.startswith("UID:"))
        body = ["BEGIN:VCALENDAR"] + header + [l for z in zones for l in z] + block + ["END:VCALENDAR", ""]
        objects.append((uid, "\r\n".join(body).encode("utf-8")))
    return objects


def main():
    files = sys.argv[1:]
    storage = tempfile.mkdtemp(prefix="liaison-radicale-")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--config", "",
         "--server-hosts", f"127.0.0.1:{port}",
         "--storage-filesystem-folder", storage,
         "--auth-type", "none",
         "--logging-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=open(os.path.join(storage, "server.log"), "w"))
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if server.poll() is not None:
                    raise SystemExit("radicale exited: " + open(os.path.join(storage, "server.log")).read())
                time.sleep(0.05)
        cal = f"{base}/liaison/visits/"
        status, body = request("MKCOL", f"{base}/liaison/", headers={})
        status, body = request("MKCALENDAR", cal)
        if status not in (201, 405):
            raise SystemExit(f"MKCALENDAR: {status} {body[:300]!r}")
        for path in files:
            with open(path, encoding="utf-8", newline="") as f:
                text = f.read()
            for uid, obj in split(text):
                href = cal + hashlib.sha1(uid.encode()).hexdigest() + ".ics"
                status, body = request("PUT", href, obj, {"Content-Type": "text/calendar; charset=utf-8"})
                if status not in (201, 204):
                    raise SystemExit(f"{path}: PUT {uid}: {status} {body[:500]!r}\n" + open(os.path.join(storage, "server.log")).read()[-2000:])
            status, body = request("GET", cal)
            if status != 200:
                raise SystemExit(f"GET {cal}: {status}")
            stored = icalendar.Calendar.from_ical(body)
            items = []
            for c in stored.walk():
                if c.name in ("VEVENT", "VTODO"):
                    items.append({
                        "type": c.name,
                        "uid": str(c["UID"]),
                        "sequence": int(c.get("SEQUENCE", 0)),
                        "summary": str(c.get("SUMMARY", "")),
                        "status": str(c.get("STATUS", "")),
                    })
            items.sort(key=lambda i: i["uid"])
            print(json.dumps({"file": os.path.basename(path), "items": items}, ensure_ascii=False))
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
