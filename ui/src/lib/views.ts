// The views and dialogs not on the window's first screen, each in a chunk
// of its own (lib/later.svelte.ts). Each loads the first time it is shown,
// or a moment before: when the pointer or the keyboard reaches what opens
// it (approach), as the language menu prepares the other language. Loaded
// on the click itself, the calendar's first month was painted 15-20 ms
// later than from the whole bundle (scripts/bench-app calendar).
import { Later } from "./later.svelte";

export const views = {
  visit: new Later(() => import("../views/VisitPage.svelte")),
  form: new Later(() => import("../views/VisitForm.svelte")),
  directory: new Later(() => import("../views/Directory.svelte")),
  register: new Later(() => import("../views/FollowUpRegister.svelte")),
  conflicts: new Later(() => import("../views/ConflictsView.svelte")),
  calendar: new Later(() => import("../views/CalendarView.svelte")),
};

// A dialog is loaded when first opened and then kept, as it was when every
// dialog was built at start: some keep what they showed last (the search
// its words).
export const dialogs = {
  calendarExport: new Later(() => import("../components/CalendarExportDialog.svelte")),
  calendarImport: new Later(() => import("../components/CalendarImportDialog.svelte")),
  documentImport: new Later(() => import("../components/DocumentImportDialog.svelte")),
  database: new Later(() => import("../components/DatabaseDialog.svelte")),
  search: new Later(() => import("../components/SearchPalette.svelte")),
};

/** Handlers that start loading `later` when the pointer enters, or focus
 *  reaches, the element that opens it: `<button {...approach(views.calendar)}>`.
 *  `focusin` is enough for both: it fires on the element focused itself as
 *  well as on its ancestors (the visits table, for a row). */
export function approach(later: Later<any>) {
  return approaching(() => void later.get());
}

/** Handlers that do `ready` when the pointer enters, or focus reaches, an
 *  element: what a click on it will need, started a moment sooner (a
 *  view's chunk above; the typesetter for a visit's Documents tab). */
export function approaching(ready: () => void) {
  return { onpointerenter: ready, onfocusin: ready };
}

/** The chunks of what Ctrl+K and Ctrl+N open, loaded when Ctrl (or ⌘) goes
 *  down: a key reaches no element first, but the modifier comes down a
 *  moment before the letter, as the pointer rests on a button before the
 *  click. Loaded on the letter, the first new visit's form was painted
 *  about 85 ms later than the next ones (scripts/bench-app shortcut). */
export function approachByKeyboard(e: KeyboardEvent) {
  if (e.key === "Control" || e.key === "Meta") {
    void dialogs.search.get();
    void views.form.get();
  }
}
