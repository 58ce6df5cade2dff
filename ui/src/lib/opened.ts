// Files Liaison was asked to open (`liaison FILE…`, a file manager's "Open
// with"): Rust keeps them in a queue and the page shows them one at a time,
// each in its import preview. The page never sees a path.
import { api, fileErrorText } from "./api";
import { app } from "./state.svelte";
import { longWork } from "./work";

let asking = false;

/** Shows the next file's preview, unless a preview is showing (the next one
 *  comes when it closes). */
export async function openNextFile() {
  if (asking || app.calendarImport || app.documentImport) return;
  asking = true;
  try {
    const next = await longWork(() => api.nextOpenedFile());
    if (!next) return;
    if ("calendar" in next) app.calendarImport = { preview: next.calendar };
    else app.documentImport = { preview: next.document };
  } catch (e) {
    // Unreadable, or refused: said in the calendar dialog's refusal, which
    // names the file; closing it asks for the next.
    app.calendarImport = { error: fileErrorText(e) };
  } finally {
    asking = false;
  }
}
