// Views kept and reused instead of built again (issue 15).
//
// WebKitGTK keeps about half a KiB for every element a page builds and
// drops, for as long as the page lives: opening 200 visits with every tab
// grew the window by a fifth, and did not level off. The same elements
// built once and put in the page and taken out again 1,200 times left
// +1.2% (scripts/bench-app workload-dom:reuse, against +27% for building
// them each time). So a view that is shown again and again is built once
// and kept out of the document while another is shown.
//
// Out of the document rather than hidden in it: nothing in it can be
// focused, found by a query or an id, matched by a style, or read by a
// screen reader, exactly as when it was not there at all.

import { untrack } from "svelte";
import type { VisitDetail } from "./bindings/VisitDetail";

/** What each panel of a visit's page is given. */
export type VisitPanelProps = {
  detail: VisitDetail;
  /** Something changed: the page reads the visit again. */
  onchange: () => void;
  /** Shown. The page keeps its panels across tabs and visits: one not
   *  shown asks the core for nothing, answers no keys and leaves the
   *  unsaved flag alone. */
  active?: boolean;
};

/** A Svelte action: the element is in the document while `shown` is true,
 *  and out of it, kept as it is, while it is false. The element must not be
 *  the first or last node of a Svelte block (wrap it in a plain element),
 *  since Svelte takes a block's nodes out by walking from its first node. */
export function keptWhile(node: HTMLElement, shown: boolean) {
  // Where the element goes back: a marker left in its place.
  const mark = document.createComment("kept");
  node.before(mark);
  const set = (on: boolean) => {
    if (on && !node.isConnected) mark.after(node);
    else if (!on && node.isConnected) node.remove();
  };
  set(shown);
  return {
    update: set,
    destroy() {
      mark.remove();
      node.remove();
    },
  };
}

/** For a kept panel, in its script: `reset` is called each time the panel
 *  is left (its page asked first whether to drop what was typed) and each
 *  time it is given another record, so that it shows what a panel built
 *  anew would: no form open, no errors, no messages of the last save. */
export function resetWhenLeft(shown: () => boolean, record: () => string, reset: () => void) {
  let shownFor = untrack(record);
  $effect(() => {
    const now = record();
    if (shown() && now === shownFor) return;
    untrack(() => {
      shownFor = now;
      reset();
    });
  });
}

/** One row of a list drawn through a {@link RowPool}. */
export type PooledRow<T> = {
  item: T;
  /** In the list now; a row that is not holds what it showed last and is
   *  kept out of the document (`use:keptWhile={row.shown}`). */
  shown: boolean;
};

/** Rows by position that outlive their list's end. A kept panel given the
 *  next visit reuses its rows by position, but a visit with fewer agenda
 *  items than the last one would drop the surplus rows, and the next with
 *  more would build them again: after 200 visits that was most of the
 *  17,000 elements the page still built (scripts/bench-app
 *  workload-without-documents:count). A pool keeps the surplus rows, out of
 *  the document, for the next longer list.
 *
 *  Draw the list as
 *  `{#each pool.rows(list) as row}<li use:keptWhile={row.shown}>…{row.item…}`
 *  (unkeyed: by position). The rows only ever grow to the longest list the
 *  view has shown, and go when the view goes, so Svelte never takes one
 *  out by walking its nodes, which keptWhile forbids. The element that
 *  holds the rows must itself stay built: a list that is sometimes empty
 *  keeps its `<ol>` or `<table>` and takes that out of the document too,
 *  inside an element that stays. */
export class RowPool<T> {
  #lists = new Map<string, PooledRow<T>[]>();

  /** `list`'s rows, then the surplus rows of longer lists shown before.
   *  `key` tells apart the lists one view shows at once (each day of an
   *  agenda, each side of the participants).
   *
   *  A row whose item and showing did not change is the same object as
   *  the last time, so Svelte leaves its elements alone. That matters most
   *  for a surplus row: it holds an item of a list no longer shown, and its
   *  markup, worked out again, would read that stale item against the new
   *  visit (a lookup by an id the visit no longer has). */
  rows(list: readonly T[], key = ""): PooledRow<T>[] {
    let slots = this.#lists.get(key);
    if (!slots) this.#lists.set(key, (slots = []));
    for (let i = 0; i < list.length; i++) {
      const was = slots[i];
      if (!was || !was.shown || was.item !== list[i]) slots[i] = { item: list[i], shown: true };
    }
    for (let i = list.length; i < slots.length; i++) {
      const was = slots[i];
      if (was.shown) slots[i] = { item: was.item, shown: false };
    }
    return slots.slice();
  }
}
