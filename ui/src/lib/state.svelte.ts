// Application state the views share: where we are, the vocabulary, toasts,
// the pending confirmation, and whether an open form has unsaved changes.
import type { Progress } from "./bindings/Progress";
import type { DatabaseInfo } from "./bindings/DatabaseInfo";
import type { DueWithin } from "./bindings/DueWithin";
import type { FollowUpSort } from "./bindings/FollowUpSort";
import type { FirstLook } from "./bindings/FirstLook";
import type { DocumentPreview } from "./bindings/DocumentPreview";
import type { ImportPreview } from "./bindings/ImportPreview";
import type { Selection } from "./bindings/Selection";
import type { Vocabulary } from "./bindings/Vocabulary";
import { t, vocabularyLabel } from "./i18n.svelte";

type VocabularyList = keyof Omit<Vocabulary, "time_zones">;

/** The lists whose labels are in the catalogues (locales/LANG/core.ftl), by
 *  their messages' prefix. */
/** A value of a closed set and its label, for a select. */
export interface Choice {
  value: string;
  label: string;
}

const CATALOGUED: Record<VocabularyList, string> = {
  org_kinds: "org-kind",
  visit_kinds: "visit-kind",
  visit_statuses: "visit-status",
  sides: "side",
  roles: "role",
  agenda_kinds: "agenda-kind",
  agenda_statuses: "agenda-status",
  follow_up_statuses: "follow-up-status",
  to_act: "to-act",
  conflict_kinds: "conflict-kind",
  availability_kinds: "availability-kind",
  search_kinds: "search-kind",
  search_fields: "search-field",
  calendar_methods: "calendar-method",
  calendar_tasks: "calendar-tasks",
};

export type Route =
  | { view: "visits" }
  | { view: "new-visit" }
  | { view: "visit"; id: string; tab?: VisitTab }
  | { view: "directory"; tab: "people" | "organisations" | "rooms"; id?: string }
  | { view: "follow-ups" }
  | { view: "conflicts" }
  | { view: "calendar" };

/** The calendar's period, zone, colours and filters, kept while the coordinator looks elsewhere. */
export type CalendarView = {
  mode: "month" | "week" | "day";
  /** A day of the period shown, "YYYY-MM-DD". */
  anchor: string;
  /** "" for the reader's own zone. */
  zone: string;
  colourBy: "kind" | "status";
  kind: string;
  status: string;
  organisation: string;
  person: string;
  personLabel: string;
  room: string;
};

export type VisitTab = "overview" | "participants" | "agenda" | "follow-ups" | "notes" | "history" | "documents";

/** The visits list's choices, kept while the coordinator looks elsewhere. */
export type ListView = { scope: "all" | "upcoming" | "past" | "drafts"; kind: string; status: string; text: string; chosen: boolean };

/** The follow-up register's filters and sort, kept while the coordinator looks elsewhere. */
export type RegisterView = {
  /** "todo" (open or in progress), "" (any), or one status. */
  status: string;
  due: DueWithin;
  toAct: string;
  owner: string;
  ownerLabel: string;
  counterpart: string;
  /** One visit's follow-ups only (opened from that visit): its id and title. */
  visit: { id: string; title: string } | null;
  sort: FollowUpSort;
  descending: boolean;
};

/** Rows in a page of the visits list. */
export const VISIT_PAGE_SIZE = 50;

/** A message shown for a few seconds. `text` words it in the window's
 *  language each time it is shown, so a switch of language rewords a toast
 *  still on screen. */
export type Toast = { id: number; text: () => string; tone: "info" | "error" };

type ConfirmRequest = {
  message: string;
  confirm: string;
  cancel: string;
  /** true: confirmed; false: the other button; null: dismissed (Escape). */
  resolve: (answer: boolean | null) => void;
};

/** The export dialog: what is exported, and what to call it. */
export type ExportRequest = { selection: Selection; what: string };

/** The import dialog: a preview to confirm, or why the file was refused. */
export type ImportState = { preview: ImportPreview } | { error: string };

/** The import dialog of a Liaison document opened with Liaison. */
export type DocumentState = { preview: DocumentPreview };

class AppState {
  route = $state<Route>({ view: "visits" });
  vocabulary = $state<Vocabulary | null>(null);
  toasts = $state<Toast[]>([]);
  confirmation = $state<ConfirmRequest | null>(null);
  showShortcuts = $state(false);
  /** The search across everything (Ctrl+K). */
  showSearch = $state(false);
  showDatabase = $state(false);
  /** This build's version and the schemas it reads, for About. */
  version = $state("");
  calendarExport = $state<ExportRequest | null>(null);
  calendarImport = $state<ImportState | null>(null);
  documentImport = $state<DocumentState | null>(null);
  /** Long work under way (an import), and how far it has got once Rust
   *  has said (lib/work.ts); the progress panel shows it. */
  working = $state(false);
  progress = $state<Progress | null>(null);
  /** Which database this window is on, and whether this user may edit it. */
  database = $state<DatabaseInfo | null>(null);
  /** Why the team database's server does not answer, while it does not. */
  unreachable = $state<string | null>(null);
  /** A viewer of a team database: the window offers no editing. */
  get readOnly(): boolean {
    return this.database !== null && !this.database.may_write;
  }
  /** Bumped when data changed behind the open view (an import); views reload. */
  revision = $state(0);
  /** Set by a form while what is typed differs from what is saved. */
  dirty = $state(false);
  list = $state<ListView>({ scope: "upcoming", kind: "", status: "", text: "", chosen: false });
  register = $state<RegisterView>({
    status: "todo", due: "any", toAct: "", owner: "", ownerLabel: "", counterpart: "", visit: null, sort: "due", descending: false,
  });
  calendar = $state<CalendarView>({
    mode: "week",
    anchor: new Date().toISOString().slice(0, 10),
    zone: "",
    colourBy: "kind",
    kind: "",
    status: "",
    organisation: "",
    person: "",
    personLabel: "",
    room: "",
  });
  /** Where a page opened from elsewhere (a visit from the calendar) goes back to. */
  backTo = $state<Route | null>(null);
  /** Follow-ups due before today and still to do, for the navigation. */
  overdue = $state(0);
  /** Conflicts no one has acknowledged, for the navigation. */
  openConflicts = $state(0);
  /** The visits list's first page, fetched with the start screen; the list
   *  uses it once instead of asking again. */
  firstLook: FirstLook | null = null;
  /** Whether the window's list of time zones (App.svelte) is wanted: made
   *  once a form with a zone field has opened, not at start. */
  zoneList = $state(false);
  /** When the last navigation started (performance.now()), for the perf probe. */
  navigatedAt = 0;
  private nextToast = 1;

  /** Goes elsewhere, asking first when a form has unsaved changes. `back`:
   *  where the page's back link goes (the calendar it was opened from);
   *  a visit's own tabs keep it, anywhere else forgets it. */
  async navigate(to: Route, back?: Route): Promise<boolean> {
    if (this.dirty && !(await this.confirm(t("unsaved-leave"), t("unsaved-leave-button")))) {
      return false;
    }
    this.dirty = false;
    this.backTo = back ?? (to.view === "visit" && this.route.view === "visit" && this.route.id === to.id ? this.backTo : null);
    this.navigatedAt = performance.now();
    this.route = to;
    return true;
  }

  async confirm(message: string, confirm = t("ok")): Promise<boolean> {
    return (await this.ask(message, confirm, t("cancel"))) === true;
  }

  /** A question with two answers; null when it is dismissed with Escape. */
  ask(message: string, confirm: string, cancel: string): Promise<boolean | null> {
    return new Promise((resolve) => {
      this.confirmation = { message, confirm, cancel, resolve };
    });
  }

  answer(answer: boolean | null) {
    this.confirmation?.resolve(answer);
    this.confirmation = null;
  }

  /** Shows a message for a few seconds (longer for errors, or as asked).
   *  Give our own words as a function that words them with `t` from values
   *  fixed when it is called (not from state that changes later): it is
   *  called again when the window's language changes. A string, such as an
   *  error Rust worded, stays as it was said. */
  toast(text: string | (() => string), tone: Toast["tone"] = "info", ms?: number) {
    const id = this.nextToast++;
    this.toasts.push({ id, text: typeof text === "string" ? () => text : text, tone });
    setTimeout(() => (this.toasts = this.toasts.filter((t) => t.id !== id)), ms ?? (tone === "error" ? 8000 : 4000));
  }

  /** A stored code's label in the window's language. */
  label(list: VocabularyList, value: string): string {
    return vocabularyLabel(CATALOGUED[list], value);
  }

  /** A list's choices, labelled in the window's language. */
  choices(list: VocabularyList): Choice[] {
    return (this.vocabulary?.[list] ?? []).map((value) => ({ value, label: this.label(list, value) }));
  }
}

export const app = new AppState();
