// What scripts/bench-app measures in the window once the first data is on
// screen (LIAISON_PERF=MODE): each mode's probe. A chunk of its own,
// loaded only when measuring (VisitList.svelte, measured()), so that no
// window a coordinator uses parses it.
import { tick } from "svelte";
import { api } from "./api";
import { setLang, t } from "./i18n.svelte";
import { afterPaint, report } from "./perf";
import { app, type VisitTab } from "./state.svelte";

/** Runs the probe of the benchmark mode `mode`, if it has one ("list"
 *  goes on in VisitList, which measures its own painting again). */
export async function afterFirstData(mode: string) {
  if (mode === "lang") await languageProbe();
  if (mode === "calendar") await calendarProbe();
  if (mode === "shortcut") await shortcutProbe();
  if (mode === "documents") await documentsProbe();
  if (mode === "elements") await elements();
  if (mode.startsWith("workload")) await workload(mode);
  if (mode === "list") {
    await app.navigate({ view: "directory", tab: "people" });
    await new Promise((r) => setTimeout(r, 500));
    await app.navigate({ view: "visits" });
  }
}

/** scripts/bench-app calendar: the month of a visit in the middle of the
 *  benchmark's years, painted after a navigation to it. */
async function calendarProbe() {
  const middle = await api.visitPage({ scope: "all", kind: null, status: null, text: "", offset: 5000, limit: 1 });
  const day = middle.visits[0]?.start_local.slice(0, 10);
  if (day) Object.assign(app.calendar, { mode: "month", anchor: day });
  // As a person gets there: the pointer on the navigation's Calendar a
  // moment before the click (which loads its chunk, lib/views.ts).
  const button = [...document.querySelectorAll("nav button")].find((b) => b.textContent === t("nav-calendar"));
  button?.dispatchEvent(new PointerEvent("pointerenter"));
  await new Promise((r) => setTimeout(r, 150));
  await app.navigate({ view: "calendar" });
}

/** scripts/bench-app shortcut: the search (Ctrl+K) and a new visit's form
 *  (Ctrl+N) opened from the keyboard, until painted. The first press
 *  loads the view's chunk (lib/views.ts: when Ctrl goes down); the next
 *  ones find it loaded. Each is opened five times and closed between: the
 *  first time against the median of the other four. */
async function shortcutProbe() {
  const down = (key: string) =>
    window.dispatchEvent(new KeyboardEvent("keydown", { key, ctrlKey: true, bubbles: true, cancelable: true }));
  /** Resolves once `ready()` holds, checked every frame, and that frame painted. */
  const until = async (ready: () => boolean) => {
    const t0 = performance.now();
    while (!ready()) {
      if (performance.now() - t0 > 5000) throw new Error("shortcut probe: the view never opened");
      await new Promise((r) => requestAnimationFrame(r));
    }
    await afterPaint();
  };
  const probes: [string, string, () => boolean, () => Promise<void>][] = [
    ["find", "k", () => !!document.querySelector("dialog.search-palette[open] input"), async () => {
      app.showSearch = false;
      await tick();
    }],
    ["new-visit", "n", () => !!document.querySelector("main form.card"), async () => void (await app.navigate({ view: "visits" }))],
  ];
  for (const [name, key, ready, close] of probes) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      // As a keyboard sends it: Ctrl down, and the letter a moment later
      // (100 ms; a person's hand takes longer), timed from the letter.
      await new Promise((r) => setTimeout(r, 200));
      down("Control");
      await new Promise((r) => setTimeout(r, 100));
      const t0 = performance.now();
      down(key);
      await until(ready);
      times.push(performance.now() - t0);
      await close();
      await afterPaint();
    }
    const later = times.slice(1).sort((a, b) => a - b);
    report(`shortcut-${name}`, times[0], `later median ${((later[1] + later[2]) / 2).toFixed(1)}: ${times.map((t) => t.toFixed(1)).join(" ")}`);
  }
  report("done");
}

/** scripts/bench-app documents: the documents tab of 21 visits, one after
 *  another, each timed from the click on the tab until its first page is
 *  loaded and painted (the document the tab opens on: the briefing pack in
 *  both languages). The first visit starts the typesetter; the other twenty find
 *  it running. */
async function documentsProbe() {
  const page = await api.visitPage({ scope: "all", kind: null, status: null, text: "", offset: 0, limit: 21 });
  const images = () => [...document.querySelectorAll<HTMLImageElement>("section.documents .pages img")];
  const times: number[] = [];
  const pages: number[] = [];
  for (const v of page.visits) {
    // As a person gets there: the visit's page first, then the pointer on
    // the Documents tab a moment (150 ms) before the click, which starts
    // the typesetter if it is not running (VisitPage.svelte).
    await app.navigate({ view: "visit", id: v.id, tab: "overview" });
    await afterPaint();
    await new Promise((r) => setTimeout(r, 300));
    document.querySelector("#tab-documents")?.dispatchEvent(new PointerEvent("pointerenter"));
    await new Promise((r) => setTimeout(r, 150));
    // The panel's <img> elements are reused from one preview to the next
    // (keyed by page number); each preview's pages are new blob URLs.
    const before = new Set(images().map((i) => i.src));
    const t0 = performance.now();
    await app.navigate({ view: "visit", id: v.id, tab: "documents" });
    for (;;) {
      const first = images()[0];
      if (first && !before.has(first.src) && first.complete && first.naturalWidth > 0) break;
      if (document.querySelector("section.documents .error")) throw new Error("documents probe: the preview failed");
      if (performance.now() - t0 > 30000) throw new Error("documents probe: no preview in 30 s");
      await new Promise((r) => requestAnimationFrame(r));
    }
    await afterPaint();
    times.push(performance.now() - t0);
    pages.push(images().length);
  }
  const later = times.slice(1).sort((a, b) => a - b);
  report("documents", later[Math.floor(later.length / 2)],
    `first ${times[0].toFixed(1)}, pages ${pages.join(" ")}: ${times.map((t) => t.toFixed(1)).join(" ")}`);
}

/** scripts/bench-app lang: switches the language back and forth and
 *  times each switch until the list is painted again in the new one. */
async function languageProbe() {
  // A second first, as a person takes. Then the menu is reached, which
  // prepares both languages (i18n.svelte.ts, languageMenuApproached), and
  // a choice made a moment later: a person's pointer is on the menu for
  // far longer before the choice lands.
  await new Promise((r) => setTimeout(r, 1000));
  document.querySelector<HTMLSelectElement>("select.language")?.focus();
  await new Promise((r) => setTimeout(r, 250));
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    await setLang(i % 2 === 0 ? "zh-CN" : "en");
    await tick();
    await afterPaint();
    times.push(performance.now() - t0);
  }
  await setLang("en");
  const sorted = [...times].sort((a, b) => a - b);
  report("language-switch", sorted[Math.floor(sorted.length / 2)], times.map((t) => t.toFixed(1)).join(" "));
}

/** The visit's tabs the measurements show, the documents tab apart. */
const TABS: VisitTab[] = ["overview", "participants", "agenda", "follow-ups", "notes", "history"];

/** Shows each of `tabs` of the visit `id` in turn, hands `seen` the page
 *  once it has settled, then goes back to the list. */
async function eachTab(id: string, tabs: VisitTab[], seen: (tab: VisitTab, main: HTMLElement | null) => void) {
  for (const tab of tabs) {
    await app.navigate({ view: "visit", id, tab });
    await new Promise((r) => setTimeout(r, 500));
    seen(tab, document.querySelector("main"));
  }
  await app.navigate({ view: "visits" });
}

// scripts/bench-app workload (issue 15): an hour of use, compressed.
// After 12 s idle (the script reads the memory at 10 s), 200 visits are
// opened one after another, each tab of each shown until painted (the
// documents tab until its preview is there, as a person would wait), then
// the list again; the script reads the memory 10 s later.
// On the way, after 10, 25, 50 and 100 visits, the list is shown and
// left idle for 12 s, the script reading the memory at 10 s: growth that
// goes on with each visit opened is a leak, growth that stops early is
// the cost of having shown each tab once.
// "workload-without-documents" leaves the documents tab out, to tell
// what the previews' pages cost from the rest; "workload-one-visit" also
// leaves it out and opens the first visit 200 times, to tell what the
// engine keeps for each new visit's data from what showing the tabs at
// all costs; "workload-ipc" shows nothing and only asks for each
// visit's detail as often as the tabs would be shown, to tell what the
// calls to the core cost from what drawing the pages costs.
// "workload-dom" draws each tab of the first visit once and keeps its
// markup; then puts that markup in the page and takes it out again as
// often as the tabs would be shown, without Svelte: what the engine keeps
// for building, drawing and dropping the same DOM. "workload-dom:text",
// ":input", ":select" use 200 of one kind of element instead, to find the
// kind the engine keeps memory for. "workload-one-visit:agenda,notes"
// shows only those tabs, to find the one that keeps memory.
// "workload-dom:reuse" builds each tab's markup into a box once and then
// puts that same box in the page and takes it out again, and
// "workload-dom:hidden" leaves the boxes in the page and shows one at a
// time (display): whether the engine keeps memory for elements built, or
// for elements drawn, which tells whether keeping a view's elements and
// reusing them would stop the growth.
const WORKLOAD_ELEMENTS: Record<string, string> = {
  text: "<p>Text in a paragraph 12</p>",
  input: '<label>Label <input value="a value"></label>',
  select: "<select><option>One</option><option selected>Two</option></select>",
};
async function workload(mode: string) {
  const [name, argument] = mode.split(":");
  const plan = {
    documents: name === "workload",
    oneVisit: name === "workload-one-visit",
    back: name === "workload-return",
    draw: name !== "workload-ipc",
    dom: name === "workload-dom",
    only: name === "workload-one-visit" && argument ? argument.split(",") : undefined,
    element: name === "workload-dom" && argument ? WORKLOAD_ELEMENTS[argument] : undefined,
    keep: name === "workload-dom" && (argument === "reuse" || argument === "hidden" || argument === "retext") ? argument : undefined,
    count: argument === "count",
  };
  const idle = () => new Promise((r) => setTimeout(r, 12000));
  const checkpoints = new Set([10, 25, 50, 100]);
  await idle();
  let t0 = performance.now();
  let busy = 0;
  const page = await api.visitPage({ scope: "all", kind: null, status: null, text: "", offset: 0, limit: 200 });
  let tabs: VisitTab[] = plan.documents ? [...TABS, "documents"] : [...TABS];
  if (plan.only) tabs = tabs.filter((t) => plan.only?.includes(t));
  let shown = 0;
  let opened = 0;
  const documents = { previewed: 0, failed: 0, timedOut: 0 };
  const visits = plan.oneVisit ? page.visits.map(() => page.visits[0]) : page.visits;
  const markup = new Map<VisitTab, string>();
  if (plan.element) for (const tab of tabs) markup.set(tab, plan.element.repeat(200));
  else if (plan.dom) {
    await eachTab(page.visits[0].id, tabs, (tab, main) => markup.set(tab, main?.innerHTML ?? ""));
    await afterPaint();
  }
  // ":count": the elements the page builds on the way, each counted once:
  // one taken out and put back (a kept panel, lib/keep.svelte.ts) is not
  // built again. The engine keeps memory for each one built. Counting
  // makes a JavaScript object for every element, which may cost memory of
  // its own, so it is a run of its own, not the one whose memory is the
  // figure.
  // And by kind (tag and first class), to tell which view still builds.
  let built = 0;
  const counted = new WeakSet<Element>();
  const kinds = new Map<string, number>();
  const tally = (e: Element) => {
    if (!counted.has(e)) {
      counted.add(e);
      built++;
      // Where: the nearest ancestor with an id, a record's id left out.
      const where = e.parentElement?.closest("[id]")?.id.replace(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/g, "*");
      const kind = `${e.classList.length ? `${e.localName}.${e.classList[0]}` : e.localName}@${where ?? ""}`;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
  };
  let watch: MutationObserver | undefined;
  if (plan.count) {
    for (const e of document.body.getElementsByTagName("*")) counted.add(e);
    watch = new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (!(n instanceof Element)) continue;
          tally(n);
          for (const e of n.getElementsByTagName("*")) tally(e);
        }
      }
    });
    watch.observe(document.body, { childList: true, subtree: true });
  }
  /** A tab's markup in a box over the page, built anew. */
  const boxOf = (tab: VisitTab) => {
    const box = document.createElement("div");
    box.style.cssText = "position:fixed;inset:0;overflow:auto;background:var(--bg);z-index:50";
    box.innerHTML = markup.get(tab) ?? "";
    return box;
  };
  const boxes = new Map<VisitTab, HTMLElement>();
  if (plan.keep) {
    for (const tab of tabs) {
      const box = boxOf(tab);
      if (plan.keep === "hidden") {
        box.style.display = "none";
        document.body.append(box);
      }
      boxes.set(tab, box);
    }
  }
  for (const v of visits) {
    for (const tab of tabs) {
      const kept = boxes.get(tab);
      if (kept && plan.keep === "hidden") {
        kept.style.display = "";
        await afterPaint();
        kept.style.display = "none";
      } else if (kept) {
        // ":retext": the same elements, with text never shown before in
        // each of their text nodes, as a new visit's data would bring.
        if (plan.keep === "retext") {
          const walk = document.createTreeWalker(kept, NodeFilter.SHOW_TEXT);
          for (let n = walk.nextNode(); n; n = walk.nextNode()) {
            if (n.nodeValue?.trim()) n.nodeValue = n.nodeValue.replace(/\S+/g, () => Math.random().toString(36).slice(2, 9));
          }
        }
        document.body.append(kept);
        await afterPaint();
        kept.remove();
      } else if (plan.dom) {
        const box = boxOf(tab);
        document.body.append(box);
        await afterPaint();
        box.remove();
      } else if (plan.draw) await app.navigate({ view: "visit", id: v.id, tab });
      else await api.visitDetail(v.id);
      await afterPaint();
      if (tab === "documents") {
        // Until its preview is there, or it says why not. Each outcome is
        // counted and reported: a window that could not typeset (no
        // liaison-typeset beside it, say) shows an error in no time, and
        // its figures would be a workload without documents.
        const failed = () => document.querySelector("section.documents .error");
        const previewed = () => document.querySelector("section.documents .pages img");
        const since = performance.now();
        while (!failed() && !previewed() && performance.now() - since < 30000) {
          await new Promise((r) => setTimeout(r, 50));
        }
        if (failed()) documents.failed++;
        else if (previewed()) documents.previewed++;
        else documents.timedOut++;
      }
      shown++;
    }
    // "workload-return": back to the list after each visit, as a
    // coordinator goes.
    if (plan.back) {
      await app.navigate({ view: "visits" });
      await afterPaint();
    }
    opened++;
    if (checkpoints.has(opened)) {
      await app.navigate({ view: "visits" });
      await afterPaint();
      busy += performance.now() - t0;
      report("workload-checkpoint", busy, `visits=${opened}`);
      await idle();
      t0 = performance.now();
    }
  }
  for (const box of boxes.values()) box.remove();
  await app.navigate({ view: "visits" });
  await afterPaint();
  busy += performance.now() - t0;
  watch?.disconnect();
  const most = [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 25);
  const counts = plan.count ? ` elements_built=${built} ${most.map(([k, n]) => `${k}:${n}`).join(",")}` : "";
  const previews = plan.documents
    ? ` documents_previewed=${documents.previewed} documents_failed=${documents.failed} documents_timed_out=${documents.timedOut}`
    : "";
  report("workload-done", busy, `visits=${page.visits.length} tabs_shown=${shown}${previews}${counts}`);
}

/** scripts/bench-app elements: how many elements, and of which kinds,
 *  each tab of the first visit puts in the page. */
async function elements() {
  const page = await api.visitPage({ scope: "all", kind: null, status: null, text: "", offset: 0, limit: 1 });
  const lines: string[] = [];
  await eachTab(page.visits[0].id, TABS, (tab, main) => {
    const n = (q: string) => main?.querySelectorAll(q).length ?? 0;
    lines.push(`${tab}: ${n("*")} elements, ${n("select")} select, ${n("option")} option, ${n("input")} input, `
      + `${n("textarea")} textarea, ${n("button")} button, ${main?.innerHTML.length ?? 0} characters of markup`);
  });
  report("elements", null, lines.join("; "));
}
