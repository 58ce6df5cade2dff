// The only door to the backend: one typed function per command. Every
// failure arrives as an AppError ({ kind, message, field, fields }), so a
// caller can show it next to the right input and nothing is lost.
import { invoke } from "@tauri-apps/api/core";
import { i18n, t } from "./i18n.svelte";
import { ownZone } from "./format";
import type { AgendaItem } from "./bindings/AgendaItem";
import type { AgendaItemInput } from "./bindings/AgendaItemInput";
import type { AppError } from "./bindings/AppError";
import type { ExportDone } from "./bindings/ExportDone";
import type { DocKind } from "./bindings/DocKind";
import type { DocLang } from "./bindings/DocLang";
import type { DocumentSaved } from "./bindings/DocumentSaved";
import type { DocRequest } from "./bindings/DocRequest";
import type { LetterKind } from "./bindings/LetterKind";
import type { VisaDetails } from "./bindings/VisaDetails";
import type { VisaInput } from "./bindings/VisaInput";
import type { SeatingPlan } from "./bindings/SeatingPlan";
import type { SeatingRules } from "./bindings/SeatingRules";
import type { PagesPreview } from "./bindings/PagesPreview";
import type { FieldError } from "./bindings/FieldError";
import type { FollowUp } from "./bindings/FollowUp";
import type { FollowUpInput } from "./bindings/FollowUpInput";
import type { FollowUpQuery } from "./bindings/FollowUpQuery";
import type { SearchQuery } from "./bindings/SearchQuery";
import type { CalendarQuery } from "./bindings/CalendarQuery";
import type { CalendarRange } from "./bindings/CalendarRange";
import type { Reschedule } from "./bindings/Reschedule";
import type { SearchResults } from "./bindings/SearchResults";
import type { FollowUpRegister } from "./bindings/FollowUpRegister";
import type { FollowUpStatus } from "./bindings/FollowUpStatus";
import type { Revised } from "./bindings/Revised";
import type { ConflictList } from "./bindings/ConflictList";
import type { Room } from "./bindings/Room";
import type { Availability } from "./bindings/Availability";
import type { AvailabilityInput } from "./bindings/AvailabilityInput";
import type { RoomInput } from "./bindings/RoomInput";
import type { ConflictQuery } from "./bindings/ConflictQuery";
import type { VisitCopyInput } from "./bindings/VisitCopyInput";
import type { IcsPlan } from "./bindings/IcsPlan";
import type { ImportPreview } from "./bindings/ImportPreview";
import type { ImportReport } from "./bindings/ImportReport";
import type { OpenedFile } from "./bindings/OpenedFile";
import type { Method } from "./bindings/Method";
import type { Organisation } from "./bindings/Organisation";
import type { OrganisationDetail } from "./bindings/OrganisationDetail";
import type { OrganisationInput } from "./bindings/OrganisationInput";
import type { ParticipantInput } from "./bindings/ParticipantInput";
import type { ParticipantView } from "./bindings/ParticipantView";
import type { PeoplePage } from "./bindings/PeoplePage";
import type { PeopleQuery } from "./bindings/PeopleQuery";
import type { Person } from "./bindings/Person";
import type { PersonDetail } from "./bindings/PersonDetail";
import type { PersonInput } from "./bindings/PersonInput";
import type { Saved } from "./bindings/Saved";
import type { Selection } from "./bindings/Selection";
import type { Side } from "./bindings/Side";
import type { Tasks } from "./bindings/Tasks";
import type { Visit } from "./bindings/Visit";
import type { VisitDetail } from "./bindings/VisitDetail";
import type { VisitInput } from "./bindings/VisitInput";
import type { VisitPage } from "./bindings/VisitPage";
import type { VisitQuery } from "./bindings/VisitQuery";
import type { StartScreen } from "./bindings/StartScreen";
import type { HistoryLine } from "./bindings/HistoryLine";
import type { DatabaseCheck } from "./bindings/DatabaseCheck";
import type { DatabaseSetting } from "./bindings/DatabaseSetting";
import type { TeamConnection } from "./bindings/TeamConnection";

export type { AppError };

function isAppError(e: unknown): e is AppError {
  return typeof e === "object" && e !== null && "kind" in e && "message" in e;
}

/** Calls a command; rejects with an AppError whatever went wrong. */
async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (isAppError(e)) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw { kind: "ipc", message, field: null, fields: [], code: "", args: {}, subject: "" } satisfies AppError;
  }
}

/** A problem with one field, in the window's language: Rust sends the
 *  catalogue's message and its values; its own text only for the problems
 *  that have no message yet. */
export function problemText(f: FieldError): string {
  return f.code ? t(f.code, f.args) : f.message;
}

/** Field name → message, for forms. */
export function fieldErrors(e: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isAppError(e)) for (const f of e.fields) out[f.field] ??= problemText(f);
  return out;
}

export function errorMessage(e: unknown): string {
  if (!isAppError(e)) return String(e);
  if (e.code) return e.subject ? `${e.subject} ${t(e.code, e.args)}` : t(e.code, e.args);
  if (e.kind === "invalid" && e.fields.length === 1) return problemText(e.fields[0]);
  if (e.kind === "invalid" && e.fields.length > 1) return t("error-fields", { count: e.fields.length });
  return e.message;
}

/** A refused file's reasons, one per line, each naming its place in the
 *  file (`agenda.json: visits[3].title: …`); at most 20, then a count. */
export function fileErrorText(e: unknown): string {
  if (!isAppError(e) || e.fields.length === 0) return errorMessage(e);
  const lines = e.fields.slice(0, 20).map((f) => (f.field ? `${f.field}: ${problemText(f)}` : problemText(f)));
  if (e.fields.length > 20) lines.push(t("import-and-more", { count: e.fields.length - 20 }));
  return lines.join("\n");
}

/** A document as the window asks for it: the reader's zone is the system's. */
function docRequest(visitId: string, kind: DocKind, docLang: DocLang, letter: LetterKind | null): DocRequest {
  return { visitId, kind, docLang, readerZone: ownZone, letter, personId: null };
}

export const api = {
  /** The vocabulary and the visits list's first page, in one round trip. */
  startScreen: (limit: number) => call<StartScreen>("start_screen", { limit }),
  loadSample: () => call<ImportReport>("load_sample"),

  visitPage: (query: VisitQuery) => call<VisitPage>("visit_page", { query }),
  visitDetail: (id: string) => call<VisitDetail>("visit_detail", { id }),
  /** In the window's language: the sentences are Rust's. */
  visitHistory: (id: string) => call<HistoryLine[]>("visit_history", { id, lang: i18n.lang }),
  recordHistory: (id: string) => call<HistoryLine[]>("record_history", { id, lang: i18n.lang }),

  databaseSetting: () => call<DatabaseSetting>("database_setting"),
  testDatabase: (connection: TeamConnection) => call<DatabaseCheck>("test_database", { connection }),
  switchDatabase: (connection: TeamConnection | null) => call<null>("switch_database", { connection }),
  createVisit: (input: VisitInput) => call<Saved<Visit>>("create_visit", { input }),
  /** Saves over `revision` of the visit; a "stale" error if it changed since. */
  updateVisit: (id: string, revision: number, input: VisitInput) =>
    call<Saved<Visit>>("update_visit", { id, revision, input }),
  deleteVisit: (id: string) => call<null>("delete_visit", { id }),

  setParticipant: (visitId: string, input: ParticipantInput) =>
    call<ParticipantView[]>("set_participant", { visitId, input }),
  removeParticipant: (visitId: string, personId: string) =>
    call<ParticipantView[]>("remove_participant", { visitId, personId }),
  reorderParticipants: (visitId: string, side: Side, personIds: string[]) =>
    call<ParticipantView[]>("reorder_participants", { visitId, side, personIds }),

  createAgendaItem: (visitId: string, input: AgendaItemInput) =>
    call<Saved<AgendaItem>>("create_agenda_item", { visitId, input }),
  updateAgendaItem: (id: string, revision: number, input: AgendaItemInput) =>
    call<Saved<AgendaItem>>("update_agenda_item", { id, revision, input }),
  duplicateAgendaItem: (id: string) => call<Saved<AgendaItem>>("duplicate_agenda_item", { id }),
  deleteAgendaItem: (id: string) => call<null>("delete_agenda_item", { id }),

  createFollowUp: (visitId: string, input: FollowUpInput) =>
    call<FollowUp>("create_follow_up", { visitId, input }),
  updateFollowUp: (id: string, revision: number, input: FollowUpInput) =>
    call<FollowUp>("update_follow_up", { id, revision, input }),
  deleteFollowUp: (id: string) => call<null>("delete_follow_up", { id }),
  copyVisit: (from: string, input: VisitCopyInput) => call<Saved<Visit>>("copy_visit", { from, input }),
  carryFollowUp: (visitId: string, followUpId: string) => call<null>("carry_follow_up", { visitId, followUpId }),
  uncarryFollowUp: (visitId: string, followUpId: string) => call<null>("uncarry_follow_up", { visitId, followUpId }),
  rooms: () => call<Room[]>("rooms"),
  addAvailability: (personId: string, input: AvailabilityInput) =>
    call<Availability>("add_availability", { personId, input }),
  deleteAvailability: (id: string) => call<null>("delete_availability", { id }),
  createRoom: (input: RoomInput) => call<Room>("create_room", { input }),
  updateRoom: (id: string, revision: number, input: RoomInput) => call<Room>("update_room", { id, revision, input }),
  deleteRoom: (id: string) => call<null>("delete_room", { id }),
  moveAgendaItem: (id: string, revision: number, later: boolean) =>
    call<AgendaItem[]>("move_agenda_item", { id, revision, later }),
  calendar: (query: CalendarQuery) => call<CalendarRange>("calendar", { query }),
  rescheduleAgendaItem: (id: string, revision: number, to: Reschedule) =>
    call<Saved<AgendaItem>>("reschedule_agenda_item", { id, revision, to }),
  conflicts: (query: ConflictQuery) => call<ConflictList>("conflicts", { query }),
  /** Open conflicts across every visit, counted only. */
  openConflictCount: () => call<number>("open_conflict_count"),
  search: (query: SearchQuery) => call<SearchResults>("search", { query }),
  acknowledgeConflict: (key: string, note: string) => call<null>("acknowledge_conflict", { key, note }),
  unacknowledgeConflict: (key: string) => call<null>("unacknowledge_conflict", { key }),
  followUpRegister: (query: FollowUpQuery) => call<FollowUpRegister>("follow_up_register", { query }),
  overdueFollowUps: () => call<number>("overdue_follow_ups"),
  setFollowUpStatus: (items: Revised[], status: FollowUpStatus) =>
    call<FollowUp[]>("set_follow_up_status", { items, status }),

  organisations: () => call<Organisation[]>("organisations"),
  organisation: (id: string) => call<OrganisationDetail>("organisation", { id }),
  createOrganisation: (input: OrganisationInput) => call<Organisation>("create_organisation", { input }),
  updateOrganisation: (id: string, revision: number, input: OrganisationInput) =>
    call<Organisation>("update_organisation", { id, revision, input }),
  deleteOrganisation: (id: string) => call<null>("delete_organisation", { id }),

  /** The directory is searched in Rust; only a page of matches comes back. */
  searchPeople: (query: PeopleQuery) => call<PeoplePage>("search_people", { query }),
  person: (id: string) => call<PersonDetail>("person", { id }),
  createPerson: (input: PersonInput) => call<Person>("create_person", { input }),
  updatePerson: (id: string, revision: number, input: PersonInput) =>
    call<Person>("update_person", { id, revision, input }),
  deletePerson: (id: string) => call<null>("delete_person", { id }),

  /** Asks where (the system's save dialog) and writes there; null if cancelled.
   * The text Liaison adds to the file is in the window's language. */
  exportCalendar: (selection: Selection, method: Method, tasks: Tasks, organizer: string | null) =>
    call<ExportDone | null>("export_calendar", { selection, method, tasks, organizer, lang: i18n.lang }),
  /** A document's pages as they will print (SVG images). */
  documentPreview: (visitId: string, kind: DocKind, docLang: DocLang, letter: LetterKind | null = null) =>
    call<PagesPreview>("document_preview", { request: docRequest(visitId, kind, docLang, letter), lang: i18n.lang }),
  /** Starts the typesetter ahead of a preview (nothing is typeset). */
  warmTypesetter: () => call<null>("warm_typesetter", {}),
  /** Lets the typesetter go a moment from now unless documents are shown again by then. */
  restTypesetter: () => call<null>("rest_typesetter", {}),
  /** Typesets the document, asks where, and writes the PDF; null if cancelled. */
  saveDocument: (visitId: string, kind: DocKind, docLang: DocLang, letter: LetterKind | null = null) =>
    call<DocumentSaved | null>("save_document", {
      request: docRequest(visitId, kind, docLang, letter),
      lang: i18n.lang,
    }),
  /** Asks for the office's template of a letter; its file name, or null if cancelled. */
  chooseLetterTemplate: (kind: LetterKind) =>
    call<string | null>("choose_letter_template", { kind, lang: i18n.lang }),
  forgetLetterTemplate: (kind: LetterKind) => call<void>("forget_letter_template", { kind }),
  visaDetails: (visitId: string) => call<VisaDetails[]>("visa_details", { visitId }),
  saveVisaDetails: (visitId: string, personId: string, revision: number, input: VisaInput) =>
    call<VisaDetails>("save_visa_details", { visitId, personId, revision, input }),
  deleteVisaDetails: (visitId: string, personId: string) => call<void>("delete_visa_details", { visitId, personId }),
  /** Deletes every passport detail kept for the visit; how many people's. */
  purgeVisaDetails: (visitId: string) => call<number>("purge_visa_details", { visitId }),
  seatingPlan: (visitId: string) => call<SeatingPlan>("seating_plan", { visitId }),
  /** Saves how the visit is seated over the revision read; the plan as it now is. */
  saveSeating: (visitId: string, revision: number, rules: SeatingRules) =>
    call<SeatingPlan>("save_seating", { visitId, revision, rules }),
  /** Opens a document saved in this session in the system's viewer. */
  openDocument: (file: string) => call<void>("open_document", { file, lang: i18n.lang }),
  /** Asks for a file and shows what importing it would do; null if cancelled. */
  previewCalendarImport: (visitId: string | null) =>
    call<ImportPreview | null>("preview_calendar_import", { visitId, lang: i18n.lang }),
  importCalendar: (token: string) => call<IcsPlan>("import_calendar", { token }),
  /** Forgets a preview the user closed. */
  cancelImport: (token: string) => call<null>("cancel_import", { token }),
  /** Stops the long work under way (an import); it fails as cancelled. */
  cancelWork: () => call<null>("cancel_work"),
  /** The preview of the next file Liaison was asked to open; null when none is left. */
  nextOpenedFile: () => call<OpenedFile | null>("next_opened_file", { lang: i18n.lang }),
  importDocument: (token: string) => call<ImportReport>("import_document", { token }),
};
