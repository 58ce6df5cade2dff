import { app } from "./state.svelte";

// The keyboard shortcuts, in one table: the handler in App.svelte and the
// shortcuts panel both read it.
export type Action = "new-visit" | "search" | "save" | "close" | "help";

export type Shortcut = {
  action: Action;
  /** What the panel shows. */
  keys: string;
  label: string;
  matches: (e: KeyboardEvent) => boolean;
};

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;
const typing = (e: KeyboardEvent) => {
  const t = e.target as HTMLElement | null;
  return !!t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName));
};

export const shortcuts: Shortcut[] = [
  { action: "new-visit", keys: "Ctrl+N", label: "New visit", matches: (e) => mod(e) && e.key.toLowerCase() === "n" },
  {
    action: "search",
    keys: "Ctrl+F or /",
    label: "Search visits",
    matches: (e) => (mod(e) && e.key.toLowerCase() === "f") || (e.key === "/" && !typing(e)),
  },
  { action: "save", keys: "Ctrl+S", label: "Save the open form", matches: (e) => mod(e) && e.key.toLowerCase() === "s" },
  { action: "close", keys: "Escape", label: "Close the open form or dialog", matches: (e) => e.key === "Escape" },
  { action: "help", keys: "?", label: "Show these shortcuts", matches: (e) => e.key === "?" && !typing(e) },
];

/** Shortcuts that act on a focused row, listed for reference. */
export const rowShortcuts = [
  { keys: "Alt+↑ / Alt+↓", label: "Move the focused participant up or down" },
];

/** Forms listen for these to save or close themselves. */
export const SAVE_EVENT = "liaison:save";
export const CLOSE_EVENT = "liaison:close";
export const SEARCH_EVENT = "liaison:search";

/**
 * Lets an open form answer Ctrl+S and Escape. Returns the cleanup for
 * onMount, which also clears the unsaved-changes flag the form set.
 */
export function formKeys(handlers: { save: () => void; close: () => void }): () => void {
  const save = () => handlers.save();
  const close = () => handlers.close();
  window.addEventListener(SAVE_EVENT, save);
  window.addEventListener(CLOSE_EVENT, close);
  return () => {
    window.removeEventListener(SAVE_EVENT, save);
    window.removeEventListener(CLOSE_EVENT, close);
    app.dirty = false;
  };
}
