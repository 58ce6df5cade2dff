"""Whole-app figures for issue 3, on a release build under Xvfb, side by side
with an empty Tauri 2 window built with the same profile:

- start to first data painted, against the empty window's first paint;
- PSS of the whole process tree after 10 s idle, against the empty window's;
- with the 10,000-visit benchmark data set: the visits list painting its
  first page after a navigation, and frame times while scrolling it;
- switching the window's language, until the list is painted again (lang).

usage: bench_app.py PROFILE_DIR ROUNDS [all|start|list|lang]   (run through scripts/bench-app)

BENCH_APP_BINARY=PATH measures that liaison instead of PROFILE_DIR's.

BENCH_STDERR=FILE appends the apps' standard error to FILE. With
JSC_logGC=1 in the environment too, the web process logs every garbage
collection there: that is how the scrolling stalls were traced to a
self-triggering effect (each collection followed 256 MiB of garbage).
"""
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def descendants(pid):
    """pid and every process below it."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return out


def pss_kib(pid):
    """PSS of the process tree in KiB, and the same by process name."""
    total, parts = 0, {}
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/comm") as f:
                name = f.read().strip()
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        kib = int(line.split()[1])
                        total += kib
                        parts[name] = parts.get(name, 0) + kib
        except OSError:
            pass
    return total, parts


def stop(proc):
    for p in reversed(descendants(proc.pid)):
        try:
            os.kill(p, signal.SIGTERM)
        except OSError:
            pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def launch(binary, env, until_event, timeout=60):
    """Starts binary; returns (process, {event: (unix_ms, ui_ms, detail)}, start_ms)."""
    start = time.time() * 1000
    with open(os.environ.get("BENCH_STDERR", os.devnull), "a") as errors:
        proc = subprocess.Popen([binary], env=env, stdout=subprocess.PIPE, stderr=errors, text=True)
    events = {}
    deadline = time.time() + timeout
    for line in proc.stdout:
        parts = line.rstrip("\n").split(" ", 4)
        if parts[0] == "liaison-perf" and len(parts) >= 4:
            events[parts[1]] = (int(parts[2]), None if parts[3] == "-" else float(parts[3]), parts[4] if len(parts) > 4 else "")
            if parts[1] == until_event:
                break
        if time.time() > deadline:
            break
    if until_event not in events:
        stop(proc)
        raise SystemExit(f"{binary} never reported {until_event}")
    return proc, events, start


def main():
    profile_dir, rounds = sys.argv[1], int(sys.argv[2])
    what = sys.argv[3] if len(sys.argv) > 3 else "all"
    if what not in ("all", "start", "list", "lang", "calendar"):
        raise SystemExit(f"unknown measurement {what!r}: all, start, list, lang or calendar")
    # BENCH_APP_BINARY: another liaison to measure, such as the installed
    # package's /usr/bin/liaison (scripts/bench-app installed).
    app = os.environ.get("BENCH_APP_BINARY") or os.path.join(profile_dir, "liaison")
    empty = os.path.join(profile_dir, "liaison-empty-window")
    work = tempfile.mkdtemp(prefix="liaison-bench-")
    sample_db, bench_db = os.path.join(work, "sample.db"), os.path.join(work, "bench.db")
    subprocess.run([app, "--db", sample_db, "sample"], check=True, stdout=subprocess.DEVNULL)
    bench_json = os.path.join(work, "bench.json")
    subprocess.run(["cargo", "run", "--quiet", "--release", "--locked", "-p", "liaison-core", "--example", "benchdata", "--", bench_json], check=True, cwd=ROOT)
    subprocess.run([app, "--db", bench_db, "import", bench_json], check=True, stdout=subprocess.DEVNULL)

    # A desktop session always has a D-Bus session bus (single instance uses
    # it); without one, connecting times out on every start.
    bus = subprocess.run(["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
                         capture_output=True, text=True, check=True).stdout.split()
    bus_address, bus_pid = bus[0], int(bus[1])
    display = ":" + str(500 + os.getpid() % 300)
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"], stderr=subprocess.DEVNULL)
    time.sleep(1)
    try:
        def env(db, mode):
            e = dict(os.environ, DISPLAY=display, LIAISON_PERF=mode, WEBKIT_DISABLE_COMPOSITING_MODE="1",
                     DBUS_SESSION_BUS_ADDRESS=bus_address)
            e.pop("WAYLAND_DISPLAY", None)
            home = tempfile.mkdtemp(dir=work)
            e.update(XDG_CONFIG_HOME=home + "/config", XDG_DATA_HOME=home + "/data", XDG_CACHE_HOME=home + "/cache")
            if db:
                e["LIAISON_DB"] = db
            return e

        paint = {"empty": [], "liaison": []}
        # Process start to page start, and page start to first data.
        split = {"empty": [], "liaison": []}
        # The page's own marks (ui/src: performance.mark), ms from page start.
        page_marks = {}
        memory = {"empty": [], "liaison": []}
        breakdown = {"empty": [], "liaison": []}
        for r in range(rounds if what in ("all", "start") else 0):
            # Alternate which goes first, so neither always gets the warmer cache.
            order = [("empty", empty, None), ("liaison", app, sample_db)]
            if r % 2:
                order.reverse()
            for name, binary, db in order:
                proc, events, start = launch(binary, env(db, "start"), "first-data")
                paint[name].append(events["first-data"][0] - start)
                # "origin=EPOCH_MS name=MS …": the page's start, then its marks.
                detail = {k: float(v) for k, _, v in (kv.partition("=") for kv in events["first-data"][2].split()) if v}
                origin = detail.pop("origin", None)
                if origin:
                    split[name].append((origin - start, events["first-data"][0] - origin))
                for mark, at in detail.items():
                    page_marks.setdefault(mark, []).append(at)
                time.sleep(10)
                kib, parts = pss_kib(proc.pid)
                memory[name].append(kib / 1024)
                breakdown[name].append(parts)
                stop(proc)

        nav, scroll = [], []
        for r in range(rounds if what in ("all", "list") else 0):
            proc, events, _ = launch(app, env(bench_db, "list"), "done", timeout=120)
            nav.append(events["list-after-navigation"][1])
            scroll.append(events["scroll"][2])
            stop(proc)

        # The calendar (issue 13): its month painted after the navigation to
        # it, then an item dragged in the week, frame by frame.
        months, drags = [], []
        for r in range(rounds if what in ("all", "calendar") else 0):
            proc, events, _ = launch(app, env(bench_db, "calendar"), "done", timeout=120)
            months.append((events["calendar-month"][1], events["calendar-month"][2]))
            drags.append(events["drag"][2])
            stop(proc)

        # The window switching language on the 10,000-visit list: ten
        # switches per run, the page's median each time.
        switches = []
        for r in range(rounds if what in ("all", "lang") else 0):
            proc, events, _ = launch(app, env(bench_db, "lang"), "language-switch", timeout=120)
            switches.append((events["language-switch"][1], events["language-switch"][2]))
            stop(proc)
    finally:
        xvfb.terminate()
        xvfb.wait()
        os.kill(bus_pid, signal.SIGTERM)
        # The databases and the benchmark set: over 200 MB a run.
        shutil.rmtree(work, ignore_errors=True)

    med = statistics.median
    if what in ("all", "start"):
        start_figures(app, empty, rounds, paint, memory, breakdown, split)
        if page_marks:
            print("  liaison page marks, medians (ms from page start): "
                  + ", ".join(f"{m} {med(v):.0f}" for m, v in sorted(page_marks.items(), key=lambda kv: med(kv[1]))))
    if switches:
        print(f"language switch until the list is painted again, median of {len(switches)} runs of 10 (ms): "
              f"{med([m for m, _ in switches]):.1f} (target <= 50)")
        for _, runs in switches:
            print(f"  switches (ms): {runs}")
    if months:
        print(f"calendar month painted after navigation, median of {len(months)} (ms): "
              f"{med([m for m, _ in months]):.1f} (target <= 100); runs {[(round(m), d) for m, d in months]}")
        for d in drags:
            print(f"dragging an item in the week (target: every frame < 50 ms): {d}")
    if what in ("all", "list"):
        print(f"visits list (10,000 visits), first page painted after navigation, median (ms): {med(nav):.1f} (target <= 100); runs {nav}")
        for s in scroll:
            print(f"scrolling the list: {s}")


def start_figures(app, empty, rounds, paint, memory, breakdown, split):
    med = statistics.median
    print(f"binary sizes: liaison {os.path.getsize(app) / 2**20:.1f} MiB, empty window {os.path.getsize(empty) / 2**20:.1f} MiB")
    print(f"first paint, median of {rounds} (ms): empty window {med(paint['empty']):.0f}, "
          f"liaison first data {med(paint['liaison']):.0f}  ratio {med(paint['liaison']) / med(paint['empty']):.2f} (target <= 1.5)")
    print(f"  all runs: empty {[round(x) for x in paint['empty']]}, liaison {[round(x) for x in paint['liaison']]}")
    for name in ("empty", "liaison"):
        if split[name]:
            print(f"  {name}: process start to page start {med([a for a, _ in split[name]]):.0f}, "
                  f"page start to first data {med([b for _, b in split[name]]):.0f} (medians, ms)")
    print(f"PSS of the process tree after 10 s idle, median (MiB): empty window {med(memory['empty']):.0f}, "
          f"liaison {med(memory['liaison']):.0f}  ratio {med(memory['liaison']) / med(memory['empty']):.2f} (target <= 1.3)")
    for name in ("empty", "liaison"):
        procs = sorted({p for parts in breakdown[name] for p in parts})
        split = ", ".join(f"{p} {med([parts.get(p, 0) for parts in breakdown[name]]) / 1024:.0f}" for p in procs)
        print(f"  {name} by process, median (MiB): {split}")


if __name__ == "__main__":
    main()
