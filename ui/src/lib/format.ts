// Display only: the backend already gives every time in its record's zone
// ("start_local"); these helpers lay it out and add the reader's own zone.

import { i18n, t, type Lang } from "./i18n.svelte";

// Formatters are made once per language: toLocaleDateString(locale, options)
// builds a new ICU formatter on every call, and the visits list formats two
// dates a row. Each is made on first use, or ahead of a switch of language
// (prepareFormats): every formatter made through perLanguage is prepared, so
// that none can be left out of the preparation.
const makers: ((lang: Lang) => unknown)[] = [];
function perLanguage<T>(make: (lang: Lang) => T): (lang?: Lang) => T {
  const made = new Map<Lang, T>();
  const get = (lang: Lang = i18n.lang): T => {
    let f = made.get(lang);
    if (f === undefined) {
      f = make(lang);
      made.set(lang, f);
    }
    return f;
  };
  makers.push(get);
  return get;
}

/** Makes the formatters of `langs` ahead of a switch of language (made on
 *  first use otherwise, in the middle of the switch). */
export function prepareFormats(langs: Lang[]) {
  for (const lang of langs) for (const make of makers) make(lang);
}

// British English writes "Fri 11 Jun 2021"; Chinese "2021年6月11日星期五".
const dayFormat = perLanguage((lang) =>
  lang === "zh-CN"
    ? new Intl.DateTimeFormat("zh-CN", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
    : new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }));

const dateFormat = perLanguage((lang) =>
  new Intl.DateTimeFormat(intlLocale(lang), { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }));

/** "2021-07-30" → "30 Jul 2021", or "2021年7月30日": a date in a narrow column. */
export function dateLabel(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return dateFormat().format(new Date(Date.UTC(y, m - 1, d)));
}

/** The day of a wall-clock time or a date ("2021-06-11T09:00",
 *  "2021-06-11") in `lang`: "Fri 11 Jun 2021", "2021年6月11日星期五"; null
 *  when it is not one. */
export function dayOf(text: string, lang: Lang): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2})?$/.exec(text);
  if (!m || !isDate(Number(m[1]), Number(m[2]), Number(m[3]))) return null;
  return dayFormat(lang).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** "2021-06-11T09:00" → "Fri 11 Jun 2021", or "2021年6月11日星期五" (the
 *  date as given when it is not one). */
export function dayLabel(local: string): string {
  return dayOf(local.slice(0, 10), i18n.lang) ?? local.slice(0, 10);
}

export function timeOf(local: string): string {
  return local.slice(11, 16);
}

export function dateOf(local: string): string {
  return local.slice(0, 10);
}

/** A span of wall-clock times: "Fri 11 Jun 2021, 09:00–12:00" (the order
 *  and the punctuation are the catalogue's). */
export function span(startLocal: string, endLocal: string): string {
  const start = timeOf(startLocal);
  const end = timeOf(endLocal);
  if (dateOf(startLocal) === dateOf(endLocal)) {
    return t("span-one-day", { day: dayLabel(startLocal), start, end });
  }
  return t("span-days", { first: dayLabel(startLocal), start, last: dayLabel(endLocal), end });
}

/** The reader's own zone, as the system reports it. */
export const ownZone: string = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** The reader's-zone formatters, made on first use: only the agenda needs
 *  them, and building one at start-up delays the first screen. */
const ownFormats = perLanguage((lang) => ({
  time: new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: ownZone }),
  // en-CA writes dates as YYYY-MM-DD, comparable with our local strings.
  date: new Intl.DateTimeFormat("en-CA", { timeZone: ownZone }),
  // "Sat", or "周六".
  weekday: new Intl.DateTimeFormat(lang === "zh-CN" ? "zh-CN" : "en-GB", { weekday: "short", timeZone: ownZone }),
}));

/** The instant in the reader's zone, "09:00" (or "Sat 09:00" on another day). */
export function inOwnZone(utc: string, sameDayAs?: string): string {
  const d = new Date(utc);
  const f = ownFormats();
  const time = f.time.format(d);
  if (!sameDayAs) return time;
  return f.date.format(d) === dateOf(sameDayAs) ? time : `${f.weekday.format(d)} ${time}`;
}

// Lists the way the core's problem::list writes them: "a, b, c" and "a、b、c".
const listFormat = perLanguage((lang) =>
  new Intl.ListFormat(lang === "zh-CN" ? "zh-CN" : "en-GB", { type: "conjunction", style: "narrow" }));

/** Items as a list in the window's language. */
export function listOf(items: string[], lang: Lang = i18n.lang): string {
  return listFormat(lang).format(items);
}

// The history tab made a new ICU formatter each time it was shown.
const momentFormat = perLanguage((lang) => new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: "medium", timeStyle: "short" }));

/** A moment (a history line's), in the window's language and the reader's zone. */
export function momentLabel(at: string, lang: Lang = i18n.lang): string {
  return momentFormat(lang).format(new Date(at));
}

const monthFormat = perLanguage((lang) =>
  new Intl.DateTimeFormat(intlLocale(lang), { month: "long", year: "numeric", timeZone: "UTC" }));

/** A month's title ("June 2021", "2021年6月"); `month` counts from 1. */
export function monthLabel(year: number, month: number, lang: Lang = i18n.lang): string {
  return monthFormat(lang).format(new Date(Date.UTC(year, month - 1, 1)));
}

// ----- The parts of a date, for Liaison's own date and time fields -------------
// The web view's native inputs follow the process's locale, not the window's
// language; DateTimeField lays its parts out the way Intl writes a date in the
// window's language, so that a new language needs no code.

export type DatePart = "year" | "month" | "day";
export interface DateLayout {
  /** The parts in reading order, with the text between (and after) them. */
  order: ({ part: DatePart } | { text: string })[];
  /** The months' names ("Jun"), or null where months are written as numbers (6月). */
  months: string[] | null;
}

/** English is written the British way (11 Jun 2021); the pseudo-locale too. */
function intlLocale(lang: Lang): string {
  return lang === "en" || lang === "en-XA" ? "en-GB" : lang;
}

export const dateLayout = perLanguage((lang): DateLayout => {
  const locale = intlLocale(lang);
  const month = lang === "zh-CN" ? "long" : "short";
  const f = new Intl.DateTimeFormat(locale, { year: "numeric", month, day: "numeric", timeZone: "UTC" });
  const order: DateLayout["order"] = [];
  for (const p of f.formatToParts(Date.UTC(2021, 5, 11))) {
    if (p.type === "year" || p.type === "month" || p.type === "day") order.push({ part: p.type });
    else if (p.type === "literal") order.push({ text: p.value });
  }
  // Each month as it is written inside a whole date: alone, Chinese calls
  // March 三月, but a date writes it 3月, a number beside the word.
  const names = Array.from({ length: 12 }, (_, i) => f.formatToParts(Date.UTC(2021, i, 11)).find((p) => p.type === "month")?.value ?? String(i + 1));
  return { order, months: names.every((n) => /^\d+$/.test(n)) ? null : names };
});

const weekdayFormat = perLanguage((lang) =>
  new Intl.DateTimeFormat(intlLocale(lang), { weekday: lang === "zh-CN" ? "long" : "short", timeZone: "UTC" }));

/** Whether the numbers make a date of the calendar (no 30 February), from
 *  the year 1000 on. */
export function isDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return year >= 1000 && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** The weekday of a date given as numbers, in the window's language; "" if it is not a date. */
export function weekdayOf(year: number, month: number, day: number, lang: Lang = i18n.lang): string {
  if (!isDate(year, month, day)) return "";
  return weekdayFormat(lang).format(new Date(Date.UTC(year, month - 1, day)));
}

/** A list typed into one field ("topics", "languages"): Chinese writers
 *  separate with ， or 、 as often as with a comma. */
export function splitList(text: string): string[] {
  return text.split(/[,，、;；]/).map((s) => s.trim()).filter(Boolean);
}
