import { t } from "./i18n.svelte";
// Saves never silently overwrite each other: every save names the revision
// its form was opened at, and Rust refuses it ("stale") when someone else
// (another window, the command line, an import) saved the record since.
// This turns that refusal into the coordinator's choice.
import type { AppError } from "./api";
import { app } from "./state.svelte";

function isStale(e: unknown): e is AppError {
  return typeof e === "object" && e !== null && (e as AppError).kind === "stale";
}

export type SaveOver<T> = {
  /** "visit", "agenda item": for the question. */
  what: string;
  /** The revision the form was opened at. */
  revision: number;
  save: (revision: number) => Promise<T>;
  /** The revision stored now, to save over it when the user keeps theirs. */
  current: () => Promise<number>;
  /** Shows what is stored now, dropping what was typed. */
  reload: () => void | Promise<void>;
};

/**
 * The saved value; or null when the user chose to reload (done) or put the
 * question away (nothing saved, and the form keeps what was typed). Any
 * other error is thrown as it came.
 */
export async function saveOver<T>(o: SaveOver<T>): Promise<T | null> {
  try {
    return await o.save(o.revision);
  } catch (e) {
    if (!isStale(e)) throw e;
    const keep = await app.ask(
      t("stale-question", { what: o.what }),
      t("stale-keep"),
      t("stale-reload"),
    );
    if (keep === true) return await o.save(await o.current());
    if (keep === false) await o.reload();
    return null;
  }
}
