// Long work (imports of large files): Rust reports how far it has got as
// events, which the progress panel shows with a Cancel; a cancelled action
// is rolled back whole by Rust and said here in a toast, not as a refusal.
import { api, errorMessage, type AppError } from "./api";
import { app } from "./state.svelte";

function cancelled(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as AppError).kind === "cancelled";
}

/** Runs `action` as long work; null when the user cancelled it (after
 *  saying so). Any other failure is the caller's to show. */
export async function longWork<T>(action: () => Promise<T>): Promise<T | null> {
  app.working = true;
  app.progress = null;
  try {
    return await action();
  } catch (e) {
    if (!cancelled(e)) throw e;
    app.toast(errorMessage(e), "info");
    return null;
  } finally {
    app.working = false;
    app.progress = null;
  }
}

/** Asks Rust to stop the work under way. */
export function cancelWork() {
  void api.cancelWork().catch(() => {});
}
