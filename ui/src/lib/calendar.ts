// The two ways into the calendar dialogs, for any view.
import { api, fileErrorText } from "./api";
import type { Selection } from "./bindings/Selection";
import { app } from "./state.svelte";
import { longWork } from "./work";

export function exportCalendar(selection: Selection, what: string) {
  app.calendarExport = { selection, what };
}

/** Asks for a file (the system's dialog), then shows its preview. */
export async function importCalendar(visitId: string | null) {
  try {
    const preview = await longWork(() => api.previewCalendarImport(visitId));
    if (preview) app.calendarImport = { preview };
  } catch (e) {
    app.calendarImport = { error: fileErrorText(e) };
  }
}
