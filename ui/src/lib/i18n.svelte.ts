// The window's words, in the language the coordinator chose. The catalogues
// are the Fluent files in locales/ (the same files the command line reads):
// `core` (the vocabulary, shared with Rust) and `ui` (the window's own).
// A third language is a folder there, a line in LANGUAGES and a module
// like catalogue.zh-CN.ts.
import { FluentBundle, FluentResource, type FluentValue, type FluentVariable } from "@fluent/bundle";
import enCore from "../../../locales/en/core.ftl?raw";
import enUi from "../../../locales/en/ui.ftl?raw";
import enZones from "../../../locales/en/zones.txt?raw";
import { dayOf, prepareFormats } from "./format";

export type Lang = "en" | "zh-CN" | "en-XA";

/** A language's words: its Fluent files and its time zones' cities. */
export type Catalogue = { files: string[]; zones: string };

/** Each language, named in itself (as a language menu shows it). */
export const LANGUAGES: { code: Lang; name: string }[] = [
  { code: "en", name: "English" },
  { code: "zh-CN", name: "中文" },
];

// English is in the window's first chunk, as the words to fall back on.
// Every other language's catalogues are a chunk of their own, loaded when
// first wanted: the Chinese ones were 60 KB of the 256 KB the window parsed
// at start (issue 15).
const catalogues = new Map<Lang, Catalogue>([["en", { files: [enCore, enUi], zones: enZones }]]);
const loaders: Partial<Record<Lang, () => Promise<{ catalogue: Catalogue }>>> = {
  "zh-CN": () => import("./catalogue.zh-CN"),
};

/** The language whose catalogues `lang` uses (the pseudo-locale's are
 *  English's). */
function sourceOf(lang: Lang): Lang {
  return lang === PSEUDO ? "en" : lang;
}

/** Resolves once `lang`'s catalogues are loaded. */
export async function loadLanguage(lang: Lang): Promise<void> {
  const source = sourceOf(lang);
  const load = loaders[source];
  if (catalogues.has(source) || !load) return;
  const { catalogue } = await load();
  catalogues.set(source, catalogue);
}

/** The pseudo-locale, for testing layouts: English accented and 40% longer,
 *  in brackets, so that text a layout cuts off or that is not from the
 *  catalogue shows. Not in the switch; the end-to-end tests choose it. */
export const PSEUDO: Lang = "en-XA";

const ACCENTED: Record<string, string> = Object.fromEntries(
  [..."aeiouycnsrzlgAEIOUYCNSRZLG"].map((c, i) => [c, [..."áéíóúýçñšřžľĝÁÉÍÓÚÝÇÑŠŘŽĽĜ"][i]]),
);

function pseudo(text: string): string {
  if (!text.trim()) return text;
  const accented = [...text].map((c) => ACCENTED[c] ?? c).join("");
  return `⟦${accented}${"·".repeat(Math.ceil(text.length * 0.4))}⟧`;
}

const STORED = "liaison.lang";

/** The language a locale tag asks for, if Liaison has it (zh-TW readers get
 *  Simplified Chinese rather than English until there is a zh-TW). */
export function langOf(tag: string): Lang | null {
  const language = tag.toLowerCase().split(/[-_]/)[0];
  if (language === "zh") return "zh-CN";
  if (language === "en") return "en";
  return null;
}

/** The remembered choice, else the system's first language Liaison has. */
function initial(): Lang {
  const stored = localStorage.getItem(STORED);
  if (stored && (stored === PSEUDO || LANGUAGES.some((l) => l.code === stored))) return stored as Lang;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const lang = langOf(tag);
    if (lang) return lang;
  }
  return "en";
}

// Bundles are made when a language is first used: parsing one costs about a
// millisecond, and most sessions use one language.
const bundles = new Map<Lang, FluentBundle>();
/** The ids of each bundle's entries, in the catalogues' order, for
 *  prepare: a bundle does not list its messages, and prepare parsed the
 *  files a second time to find them. */
const messageIds = new Map<Lang, string[]>();
function bundle(lang: Lang): FluentBundle {
  const made = bundles.get(lang);
  if (made) return made;
  const catalogue = catalogues.get(sourceOf(lang));
  // Not loaded (nothing switches to a language before it is): English,
  // not kept, rather than a bundle without words.
  if (!catalogue) return bundle("en");
  // No isolation marks: both languages run left to right, and the marks
  // would end up in copied text.
  const functions = { MOMENT: momentFunction(lang) };
  const b = lang === PSEUDO
    ? new FluentBundle("en", { useIsolating: false, transform: pseudo, functions })
    : new FluentBundle(lang, { useIsolating: false, functions });
  const ids: string[] = [];
  for (const text of catalogue.files) {
    const resource = new FluentResource(text);
    const errors = b.addResource(resource);
    for (const e of errors) console.error(`locales/${lang}: ${e.message}`);
    for (const entry of resource.body) ids.push(entry.id);
  }
  bundles.set(lang, b);
  messageIds.set(lang, ids);
  return b;
}

// The stand-ins tParts formats data values with (a private-use character
// each), and the ones MOMENT() gives back for them: the value is data and a
// moment, and tParts writes it as one.
const DATA = 0xe000;
const MOMENT_DATA = 0xe100;

/** MOMENT($start) of the catalogues (core.ftl): a wall-clock time
 *  ("2021-06-11T09:00") with its day as the window's lists write days
 *  (dayLabel: "Fri, 11 Jun 2021 09:00", "2021年6月11日星期五 09:00"); Rust's
 *  MOMENT writes it the command line's way. A date alone is its day;
 *  anything else stays as it is. */
function momentFunction(lang: Lang) {
  return ([value]: FluentValue[]): FluentValue => {
    const text = typeof value === "string" ? value : String(value ?? "");
    const c = text.length === 1 ? text.charCodeAt(0) : 0;
    if (c >= DATA && c < MOMENT_DATA) return String.fromCharCode(c - DATA + MOMENT_DATA);
    return momentText(text, lang);
  };
}

function momentText(text: string, lang: Lang): string {
  const day = dayOf(text, lang);
  if (day === null) return text;
  const time = text.slice(11, 16);
  if (!time) return day;
  const b = bundle(lang);
  const at = b.getMessage("moment-at");
  return at?.value ? b.formatPattern(at.value, { day, time }) : `${day} ${time}`;
}

/** A language's catalogues formatted once, each message: that makes the
 *  Intl plural rules and number formats its selectors use, and the
 *  language's formatters (prepareFormats), which are made on first use
 *  otherwise. Done when the language menu is reached, for every language
 *  (languageMenuApproached), so that a switch either way finds them made;
 *  not while idle: for a window that never switches, the messages and
 *  formats it shows are made as they are shown, and preparing the rest of
 *  its own language at start kept about 1.6 MiB more in the web process
 *  (scripts/bench-app start: anonymous 22.8-23.4 against 21.4-21.8 MiB);
 *  the other language's, 2.5 MiB more. */
const prepared = new Set<Lang>();
function prepare(lang: Lang) {
  if (prepared.has(lang)) return;
  prepared.add(lang);
  const b = bundle(lang);
  for (const id of messageIds.get(lang) ?? []) {
    const value = b.getMessage(id)?.value;
    if (value) b.formatPattern(value, { count: 1 }, []);
  }
  zoneName("Asia/Shanghai", lang);
  prepareFormats([lang]);
}

/** Called when the pointer or the keyboard reaches the language menu: draws
 *  the other languages' words of what is on screen (prepareGlyphs) in the
 *  moment before a person picks one. Not while idle: the glyphs of a second
 *  script kept about 11 MiB in the window of everyone who never switches. */
export function languageMenuApproached() {
  if (glyphsFor === i18n.lang) return;
  glyphsFor = i18n.lang;
  // The way back too: what of this language the window has not shown yet.
  prepare(sourceOf(i18n.lang));
  for (const l of LANGUAGES.filter((l) => l.code !== i18n.lang)) {
    void loadLanguage(l.code).then(() => {
      prepare(l.code);
      const b = bundle(l.code);
      let words = "";
      for (const id of shown) {
        const value = b.getMessage(id)?.value;
        if (value) words += b.formatPattern(value, { count: 1 }, []);
      }
      for (const z of shownZones) words += zoneName(z, l.code);
      for (const f of shownForms) words += f;
      warmGlyphs(l.code, words);
    });
  }
}
let glyphsFor: Lang | null = null;

/** The messages, zones and names the window has shown since it started:
 *  what a switch of language will draw again first (the names in their
 *  other forms, lib/names.ts). */
const shown = new Set<string>();
const shownZones = new Set<string>();
export const shownForms = new Set<string>();

/** The sizes and weights most of the window's text is in (app.css: body
 *  text, small text, headings of tables). Each one more costs memory for
 *  its glyphs: with all nine sizes the idle window took 24 MiB more. */
const TEXT_STYLES: [number, number][] = [[12, 400], [12, 600], [14, 400], [14, 600]];

/** Draws, once and unseen (in the page's own colour, under everything),
 *  the characters beyond Latin of `text`, at the window's main text sizes:
 *  the first switch then finds their glyphs made rather than drawing a
 *  hundred new ones in its frame (scripts/bench-app lang: 73-96 ms before,
 *  43-50 after). */
function warmGlyphs(lang: Lang, text: string) {
  const chars = [...new Set(text)].filter((c) => c.codePointAt(0)! > 0x2000).join("");
  if (!chars) return;
  const box = document.createElement("div");
  box.setAttribute("aria-hidden", "true");
  // A small box in the flow of nothing (not fixed, not the viewport's size):
  // a box as large as the window took a layer of its own, about 10 MiB.
  box.style.cssText = "position:absolute;top:0;left:0;width:640px;z-index:-1;pointer-events:none;color:var(--bg);background:var(--bg)";
  for (const [size, weight] of TEXT_STYLES) {
    const p = document.createElement("p");
    p.lang = lang;
    p.style.cssText = `margin:0;font-size:${size}px;font-weight:${weight};line-height:1;word-break:break-all`;
    p.textContent = chars;
    box.append(p);
  }
  document.body.prepend(box);
  requestAnimationFrame(() => requestAnimationFrame(() => box.remove()));
}

class I18n {
  lang = $state<Lang>(initial());
}

export const i18n = new I18n();
let switches = 0;
document.documentElement.lang = i18n.lang;

/** Switches the window's language as soon as its catalogues are loaded
 *  (everything re-renders; forms keep what is typed), and remembers it. A
 *  later switch wins over one still loading. */
export async function setLang(lang: Lang) {
  const mine = ++switches;
  await loadLanguage(lang);
  if (mine !== switches) return;
  i18n.lang = lang;
  document.documentElement.lang = lang;
  localStorage.setItem(STORED, lang);
}

/** The message `id` in the window's language. Reading `i18n.lang` here makes
 *  every text that calls t() follow a switch. */
export function t(id: string, args?: Record<string, FluentVariable>): string {
  shown.add(id);
  const b = bundle(i18n.lang);
  const message = b.getMessage(id);
  if (!message?.value) return id;
  return b.formatPattern(message.value, args);
}

/** The label of a stored code of the vocabulary: `visit-kind-seminar`. */
export function vocabularyLabel(prefix: string, code: string): string {
  return t(`${prefix}-${code}`);
}

/** A part of a formatted message: the catalogue's words, or one of the
 *  values that are data (a name, a time zone), which the page marks as such. */
export type Part = { text: string; data: boolean };

/** The message `id`, cut where the values named in `dataKeys` go, so that
 *  they can be marked as data while the words around them, and their
 *  order, still come from the catalogue. */
export function tParts(id: string, args: Record<string, FluentVariable>, dataKeys: string[]): Part[] {
  // Private-use characters stand in for the data values while formatting.
  const marked: Record<string, FluentVariable> = { ...args };
  dataKeys.forEach((k, i) => (marked[k] = String.fromCharCode(DATA + i)));
  const parts: Part[] = [];
  let text = "";
  const key = (c: number, from: number) => (c >= from && c - from < dataKeys.length ? dataKeys[c - from] : null);
  for (const ch of t(id, marked)) {
    const c = ch.charCodeAt(0);
    const plain = key(c, DATA);
    const moment = key(c, MOMENT_DATA);
    if (plain !== null || moment !== null) {
      if (text) parts.push({ text, data: false });
      const value = String(args[(plain ?? moment) as string]);
      parts.push({ text: moment !== null ? momentText(value, i18n.lang) : value, data: true });
      text = "";
    } else {
      text += ch;
    }
  }
  if (text) parts.push({ text, data: false });
  return parts;
}

// Time zones by their city (zones.txt, written by scripts/zone-cities from
// CLDR; Rust reads the same files): read when a language first needs one.
const cities = new Map<Lang, Map<string, string>>();

/** The city a reader knows a time zone by (上海 for Asia/Shanghai), or the
 *  zone's id when it has none (UTC). The id itself stays the data. */
export function zoneName(id: string, lang: Lang = i18n.lang): string {
  let map = cities.get(lang);
  if (!map) {
    const catalogue = catalogues.get(sourceOf(lang));
    // Not loaded (see bundle): the English name, not kept.
    if (!catalogue) return zoneName(id, "en");
    map = new Map(catalogue.zones.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split("\t") as [string, string]));
    cities.set(lang, map);
  }
  shownZones.add(id);
  const city = map.get(id);
  return city === undefined ? id : lang === PSEUDO ? pseudo(city) : city;
}
