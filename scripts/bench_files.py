"""Whole-command figures for files of any size (issue 15): the release
`liaison` importing calendar files of 10k, 100k and 1M events, and
exporting one visit of 100k agenda items, each command timed from start to
exit with its peak RSS (GNU time's %e and %M).

- and the JSON import of the benchmark data set (10,000 visits), made by
  `cargo run --release -p liaison-core --example benchdata`: with random
  ids (the reference figure), then with ids that rise as Liaison makes
  them (`--time-ordered-ids`).

usage: bench_files.py LIAISON BENCH_JSON BENCH_JSON_TIME_ORDERED [SIZES...]   (run through scripts/bench-files)

The calendar files are written here, not by Liaison: each event has its
own UID, a zoned start and end, a summary, a location and a description
of some length (a coordinator's notes), in the shape calendar apps export.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ZONES = ["Asia/Shanghai", "Europe/Paris", "America/New_York"]


def write_ics(path, events):
    """A calendar file of `events` events, written in blocks."""
    with open(path, "w", newline="") as f:
        f.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//liaison//EN\r\n")
        block = []
        for i in range(events):
            day, slot = divmod(i, 20)
            year, rest = 2020 + (day // 365) % 30, day % 365
            month, mday = 1 + rest // 31 % 12, 1 + rest % 28
            hour, minute = 8 + slot // 2, 30 * (slot % 2)
            start = f"{year:04d}{month:02d}{mday:02d}T{hour:02d}{minute:02d}00"
            end = f"{year:04d}{month:02d}{mday:02d}T{hour:02d}{minute + 25:02d}00"
            zone = ZONES[i % len(ZONES)]
            block.append(
                "BEGIN:VEVENT\r\n"
                f"UID:bench-{i:07d}@example.org\r\n"
                "DTSTAMP:20260101T000000Z\r\n"
                f"DTSTART;TZID={zone}:{start}\r\n"
                f"DTEND;TZID={zone}:{end}\r\n"
                f"SUMMARY:Talks on cooperation, session {i}\r\n"
                f"LOCATION:Meeting room {i % 40}\r\n"
                "DESCRIPTION:Agreed beforehand: the agenda\\, the list of participants an\r\n"
                " d the interpreters. Bring the signed minutes of the last visit.\r\n"
                "END:VEVENT\r\n")
            if len(block) == 5000:
                f.write("".join(block))
                block.clear()
        f.write("".join(block))
        f.write("END:VCALENDAR\r\n")


def rss_anon_kib(pid):
    """The process's anonymous resident memory now (KiB), or None once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


JSON_ROUNDS = int(os.environ.get("BENCH_JSON_ROUNDS", "3"))


class Timed:
    """A whole command, which must succeed: its time, its peak RSS (the
    kernel's high-water mark, as GNU time's %M), and its peak anonymous
    memory, sampled every 5 ms. RSS also counts file pages the process
    maps: the libraries it links (WebKitGTK's, about 45 MiB, as the window
    and the command line are one binary) and the database file SQLite's
    readers map. Those are the page cache, shared and given back under
    pressure; the anonymous figure is the memory the command itself holds."""

    def __init__(self, cmd, env=None):
        start = time.monotonic()
        with tempfile.TemporaryFile() as err:
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
            done = threading.Event()
            peak = [0]

            def sample():
                while not done.is_set():
                    kib = rss_anon_kib(proc.pid)
                    if kib is not None:
                        peak[0] = max(peak[0], kib)
                    time.sleep(0.005)

            sampler = threading.Thread(target=sample)
            sampler.start()
            # wait4, not Popen.wait: it gives this child's own peak RSS
            # (RUSAGE_CHILDREN would give the largest of all so far).
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            self.seconds = time.monotonic() - start
            done.set()
            sampler.join()
            self.rss = usage.ru_maxrss / 1024
            self.anon = peak[0] / 1024
            if proc.returncode != 0:
                err.seek(0)
                raise SystemExit(f"{' '.join(cmd)} failed: {err.read().decode(errors='replace')[-2000:]}")

    def __str__(self):
        return f"{self.seconds:6.2f} s, peak RSS {self.rss:7.1f} MiB (anonymous {self.anon:6.1f} MiB)"


def main():
    liaison, bench_json, bench_json_ordered = sys.argv[1], sys.argv[2], sys.argv[3]
    sizes = [int(s) for s in sys.argv[4:]] or [10_000, 100_000, 1_000_000]
    work = tempfile.mkdtemp(prefix="liaison-files-")
    env = dict(os.environ)
    env.pop("LIAISON_DB", None)
    try:
        print("calendar import, whole command (a new database each time; target at 100k: <= 1.5 s, peak RSS <= 300 MB):")
        for n in sizes:
            ics = os.path.join(work, f"events-{n}.ics")
            write_ics(ics, n)
            mb = os.path.getsize(ics) / 1e6
            db = os.path.join(work, f"import-{n}.db")
            # Into a new visit, in a new database.
            t = Timed([liaison, "--db", db, "import", ics], env)
            print(f"  {n:>9,} events ({mb:6.1f} MB): {t}")
            if n == 100_000:
                visits = json.loads(subprocess.run([liaison, "--db", db, "visits", "--json"], check=True,
                                                   capture_output=True, text=True, env=env).stdout)
                visit = visits[0]["id"]
                out = os.path.join(work, "export.ics")
                t = Timed([liaison, "--db", db, "export", "ics", "--visit", visit, "-o", out], env)
                print(f"calendar export of that visit ({n:,} agenda items), whole command: "
                      f"{t}, {os.path.getsize(out) / 1e6:.1f} MB (target <= 0.5 s, <= 200 MB)")
            os.remove(ics)
            os.remove(db)
        # The reference figure is of random ids, as another tool may write
        # them; the second is the same data with ids that rise as Liaison
        # makes them, listed in the order they were made (Liaison's own
        # export lists visits by date, and imports no faster). Three rounds each,
        # taking turns: on this kind of machine one import's time varies
        # by 10% from run to run, more than some changes it is used to judge.
        sets = (("random ids", bench_json), ("time-ordered ids, listed in that order", bench_json_ordered))
        runs = [[] for _ in sets]
        for r in range(JSON_ROUNDS):
            for i, (_, path) in enumerate(sets):
                db = os.path.join(work, f"json-{r}-{i}.db")
                runs[i].append(Timed([liaison, "--db", db, "import", path], env))
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(db + suffix):
                        os.remove(db + suffix)
        for (name, path), ts in zip(sets, runs):
            if not ts:
                continue
            ts.sort(key=lambda t: t.seconds)
            mid = ts[len(ts) // 2]
            print(f"JSON import of the benchmark data set ({os.path.getsize(path) / 1e6:.0f} MB, 10,000 visits, {name}), "
                  f"whole command, median of {len(ts)}: {mid} (range {ts[0].seconds:.2f}-{ts[-1].seconds:.2f} s; "
                  f"target <= 2 s, <= 500 MB)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
