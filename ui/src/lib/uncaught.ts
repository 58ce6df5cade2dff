// An error that nothing caught is a bug. Rather than fail silently, say so,
// and mark the page so that the end-to-end tests fail on it (tests/e2e.rs
// reads data-uncaught before closing the window). Svelte, for one, reports
// an effect that keeps re-running itself only this way in a release build.
import { app } from "./state.svelte";
import { t } from "./i18n.svelte";

let count = 0;

function uncaught(reason: unknown) {
  count++;
  // An error from Rust arrives as an object (AppError): said as JSON, so
  // that the message names what failed rather than "[object Object]".
  const message =
    reason instanceof Error ? reason.message : typeof reason === "object" && reason !== null ? JSON.stringify(reason) : String(reason);
  document.documentElement.dataset.uncaught = `${count}: ${message}`.slice(0, 500);
  // One toast is enough to tell; a loop would otherwise fill the screen.
  if (count === 1) app.toast(() => t("something-wrong", { message }), "error");
}

export function watchUncaught() {
  window.addEventListener("error", (e) => uncaught(e.error ?? e.message));
  window.addEventListener("unhandledrejection", (e) => uncaught(e.reason));
}
