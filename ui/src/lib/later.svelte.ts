// Views and dialogs that are not on the first screen, loaded the first time
// they are wanted (issue 15; which ones, and when: lib/views.ts). The first
// screen is the visits list; the rest of the window (a visit's page, the
// calendar, the directory, the register, the conflicts, five dialogs) was
// more than half of what the window parsed at start. Out of it, the page
// reached its first data sooner and the web process held less idle
// (scripts/bench-app start: page start to first data 134-140 against
// 142-166 ms; anonymous memory 23 against 28 MiB with the other language
// no longer prepared at idle). A chunk loads from the window's own files
// in a few milliseconds, once; what is loaded stays.

import type { Component } from "svelte";

/** A component from a chunk of its own. `get()` loads it the first time
 *  and is null until it is there; `<Loaded from={later} … />`
 *  (components/Loaded.svelte) shows it once loaded. */
export class Later<C extends Component<any>> {
  #load: () => Promise<{ default: C }>;
  #asked = false;
  /** The component once loaded. */
  loaded = $state.raw<C | null>(null);

  constructor(load: () => Promise<{ default: C }>) {
    this.#load = load;
  }

  get(): C | null {
    if (!this.#asked) {
      this.#asked = true;
      this.#load().then(
        (m) => (this.loaded = m.default),
        (e) => {
          // Asked again next time; the failure itself reaches the window's
          // report of uncaught errors (lib/uncaught.ts).
          this.#asked = false;
          throw e;
        },
      );
    }
    return this.loaded;
  }
}
