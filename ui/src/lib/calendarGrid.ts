// Wall-clock arithmetic for the calendar's grid. Rust gives every time as
// "YYYY-MM-DDTHH:MM" in the reader's zone (crate::schedule), the change of
// the clocks already applied; here those strings are only laid out and
// moved by whole minutes and days, as plain dates (UTC dates, so that no
// zone of the machine's can shift them).

export type Mode = "month" | "week" | "day";

const pad = (n: number) => String(n).padStart(2, "0");

/** "2021-06-11" → a UTC Date at its midnight. */
function utc(date: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function iso(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function addDays(date: string, n: number): string {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}

/** Monday of the week `date` is in. */
export function monday(date: string): string {
  const day = utc(date).getUTCDay();
  return addDays(date, -((day + 6) % 7));
}

/** The days a view shows around `anchor`: a month's six weeks from the
 *  Monday on or before its first, a week from Monday, or the day. */
export function range(mode: Mode, anchor: string): { first: string; days: number } {
  if (mode === "day") return { first: anchor, days: 1 };
  if (mode === "week") return { first: monday(anchor), days: 7 };
  return { first: monday(`${anchor.slice(0, 8)}01`), days: 42 };
}

/** The anchor of the next (`step` 1) or previous (-1) period. */
export function step(mode: Mode, anchor: string, step: number): string {
  if (mode === "day") return addDays(anchor, step);
  if (mode === "week") return addDays(anchor, 7 * step);
  const d = utc(`${anchor.slice(0, 8)}01`);
  d.setUTCMonth(d.getUTCMonth() + step);
  return iso(d);
}

export function todayIn(zone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

/** "2021-06-11T09:35" → its date and minutes since midnight. */
export function split(local: string): { date: string; min: number } {
  return { date: local.slice(0, 10), min: Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16)) };
}

/** A date and minutes (any number, even past midnight) → "YYYY-MM-DDTHH:MM". */
export function join(date: string, min: number): string {
  const days = Math.floor(min / 1440);
  const rest = min - days * 1440;
  return `${addDays(date, days)}T${pad(Math.floor(rest / 60))}:${pad(rest % 60)}`;
}

/** `local` moved by whole days and minutes, on the wall clock. */
export function shift(local: string, days: number, minutes: number): string {
  const { date, min } = split(local);
  return join(addDays(date, days), min + minutes);
}

/** Minutes from `a` to `b`, on the wall clock. */
export function between(a: string, b: string): number {
  const x = split(a);
  const y = split(b);
  const days = Math.round((utc(y.date).getTime() - utc(x.date).getTime()) / 86_400_000);
  return days * 1440 + y.min - x.min;
}

/** The part of a span that falls on `date`, in minutes; null if none. */
export function onDay(start: string, end: string, date: string): { from: number; to: number } | null {
  const s = split(start);
  const e = split(end);
  if (s.date > date || e.date < date) return null;
  const from = s.date < date ? 0 : s.min;
  const to = e.date > date ? 1440 : e.min;
  return to > from ? { from, to } : null;
}

/** Places overlapping spans of one day side by side: each gets a column and
 *  the number of columns of the cluster of spans it overlaps with. */
export function columns<T extends { from: number; to: number }>(spans: T[]): (T & { col: number; cols: number })[] {
  const sorted = [...spans].sort((a, b) => a.from - b.from || b.to - a.to);
  const out: (T & { col: number; cols: number })[] = [];
  let cluster: (T & { col: number; cols: number })[] = [];
  let ends: number[] = [];
  let clusterEnd = -1;
  const close = () => {
    for (const c of cluster) c.cols = ends.length;
    out.push(...cluster);
    cluster = [];
    ends = [];
  };
  for (const s of sorted) {
    if (s.from >= clusterEnd) close();
    let col = ends.findIndex((e) => e <= s.from);
    if (col < 0) {
      col = ends.length;
      ends.push(s.to);
    } else {
      ends[col] = s.to;
    }
    clusterEnd = Math.max(clusterEnd, s.to);
    cluster.push({ ...s, col, cols: 1 });
  }
  close();
  return out;
}
