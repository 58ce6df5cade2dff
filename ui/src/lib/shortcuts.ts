import { app } from "./state.svelte";

// The keyboard shortcuts, in one table: the handler in App.svelte and the
// shortcuts panel both read it.
export type Action = "new-visit" | "find" | "search" | "save" | "close" | "help";

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
  { action: "new-visit", keys: "Ctrl+N", label: "shortcut-new-visit", matches: (e) => mod(e) && e.key.toLowerCase() === "n" },
  { action: "find", keys: "Ctrl+K", label: "shortcut-find", matches: (e) => mod(e) && e.key.toLowerCase() === "k" },
  {
    action: "search",
    keys: "Ctrl+F, /",
    label: "shortcut-search",
    matches: (e) => (mod(e) && e.key.toLowerCase() === "f") || (e.key === "/" && !typing(e)),
  },
  { action: "save", keys: "Ctrl+S", label: "shortcut-save", matches: (e) => mod(e) && e.key.toLowerCase() === "s" },
  { action: "close", keys: "Escape", label: "shortcut-close", matches: (e) => e.key === "Escape" },
  { action: "help", keys: "?", label: "shortcut-help", matches: (e) => e.key === "?" && !typing(e) },
];

/** Shortcuts that act on a focused row, listed for reference. */
export const rowShortcuts = [
  { keys: "Alt+↑ / Alt+↓", label: "shortcut-move" },
  // The calendar's own keys (CalendarView.svelte).
  { keys: "T · N · P", label: "shortcut-calendar-period" },
  { keys: "M · W · D", label: "shortcut-calendar-view" },
  { keys: "Ctrl+Z", label: "shortcut-calendar-undo" },
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
