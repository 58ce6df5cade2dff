# The command line's text output (crates/cli/src/render.rs). Scripts read
# --json instead, which does not change with the language.

visits-none = No visits. Load the sample with: liaison sample
visits-heading-id = ID
visits-heading-when = WHEN (LOCAL)
visits-heading-zone = ZONE
visits-heading-status = STATUS
visits-heading-orgs = HOST / GUEST
visits-heading-title = TITLE
register-none = No follow-ups match.
register-heading-due = DUE
register-heading-to-act = TO ACT
register-heading-owner = OWNER
register-heading-counterpart = COUNTERPART
register-heading-agreed = AGREED (VISIT)
register-count = { $shown } of { $total } { $total ->
    [one] follow-up
   *[other] follow-ups
}; { $overdue } overdue in all (marked !)
conflicts-none = No conflicts.
conflicts-heading = { $kind }: { $who }
conflicts-room-full = { $room }: { $people } people, seats for { $capacity }
conflicts-acknowledged = acknowledged by { $actor }: { $note }
conflicts-key = key: { $key }
conflicts-count = { $open } open, { $acknowledged } acknowledged

show-id = id
show-kind = kind
show-when = when
show-host = host
show-guest = guest
show-venue = venue
show-online = online
show-topics = topics
show-purpose = Purpose
show-participants = Participants
show-agenda = Agenda
show-follow-ups = Follow-ups
show-carried = Carried from earlier visits ({ $count })
show-earlier-open = Still open from earlier visits with these organisations ({ $count }; liaison carry ID --into this visit)
show-notes = Notes
show-minutes = Minutes
show-none-yet = none yet
show-cancelled = cancelled
show-at = at { $place }
show-times-in = times in { $zone } time
show-with-people = with { $names }
show-chair = chaired by { $name }
show-speakers = speakers, in order: { $names }
show-no-date = no date
show-owner = owner { $name }
show-counterpart = with { $organisation }

## Imports and exports

# $kind: organisations, people, visits, participants, agenda_items or follow_ups.
count-kind = { $kind ->
    [organisations] organisations
    [people] people
    [visits] visits
    [participants] participants
    [agenda_items] agenda items
    [rooms] rooms
   *[follow_ups] follow-ups
}
# After the total, in its own column.
counts = {" "}({ $added } added, { $updated } updated, { $unchanged } unchanged)
imported = Imported { $source }:
would-import = Would import { $source } (nothing was written):
no-field-changes = No stored field would change.
field-changes = Changes to what is stored:
history-none = No changes recorded.
# $method: publish, request or cancel.
exported = { $path }: { $method ->
    [request] invitation
    [cancel] cancellation
   *[publish] calendar
} with { $events } event(s) and { $todos } task(s)
ics-summary = { $source }: { $dry ->
    [yes] would import
   *[no] imported
}: { $added } added, { $updated } updated, { $unchanged } unchanged
ics-into = into: { $title } [{ $id }]
ics-into-new = into: { $title } [{ $id }] (a new visit)
# $action: add, update or leave; the words are padded to one column.
ics-action = { $action ->
    [add] add
    [update] update
   *[leave] leave
}
# $kind: visit, event or task.
ics-kind = { $kind ->
    [visit] visit
    [event] event
   *[task] task
}
ics-line = (line { $line })
# $action: add, update or leave, as in ics-action; $count: entries not listed.
ics-more = … and { $count } more to { $action ->
    [add] add
    [update] update
   *[leave] leave alone
}
# Beside the progress bar of a long import or export.
progress-checking = checking
progress-writing = importing
progress-exporting = exporting
progress-typesetting = typesetting
progress-finishing = finishing
warning = warning: { $text }

## The desktop shell's native dialogs (src-tauri)

shell-export-title = Export to calendar
shell-document-title = Save the document as PDF
shell-pdf-files = PDF documents
shell-template-title = Choose the letter template
shell-template-files = Letter templates (text)
shell-open-unknown = Only a document saved in this session can be opened from here.
shell-open-failed = The system could not open the file: { $error }
shell-import-title = Import a calendar file
shell-calendar-files = Calendar (iCalendar)
# $error: what went wrong, as the storage says it.
shell-database-unreadable = Liaison cannot open its database.

    { $error }

## The command line's own messages (crates/cli/src/lib.rs)

# $error: what is wrong with the arguments.
cli-see-help = { $error } (see liaison --help)
cli-unknown-argument = unexpected argument '{ $arg }'
cli-unknown-command = unrecognized subcommand '{ $command }'
cli-invalid-value = invalid value '{ $value }' for '{ $arg }'
cli-invalid-value-choices = invalid value '{ $value }' for '{ $arg }' (it takes { $valid })
cli-missing-arguments = the following required arguments were not provided: { $args }
cli-neither-command-nor-file = '{ $name }' is neither a command nor a file
cli-no-data-folder = no data directory is known for this user; give --db PATH
cli-cannot-start = cannot start: { $error }
cli-no-window = the window ({ $program }) could not be started: { $error }
cli-problems = { $count } problems; nothing was written
cli-migrated = { $database } was updated to this version's schema; the database as it was before is kept at { $copy }
cli-unknown-file-type = { $name }: unknown file type; give a .json or an .ics file
cli-visit-for-calendars = --visit is for calendar files (.ics)
cli-no-such-folder = { $path }: the folder { $folder } does not exist

## The command line's help (crates/cli/src/lib.rs, `localized`). An
## argument's help is help-COMMAND--ARGUMENT, else help--ARGUMENT; a
## command's is help-COMMAND (help-export-ics for `export ics`).

help = Plan delegation visits and seminars
help-heading-usage = {"Usage: "}
help-heading-commands = Commands
help-heading-arguments = Arguments
help-heading-options = Options
help-flag = Print help
help-version-flag = Print version
help-after =
    Without a subcommand, liaison opens the desktop window.

    The database is a file of your own (--db PATH, else $LIAISON_DB, else the
    window's Database setting, else $XDG_DATA_HOME/liaison/liaison.db, usually
    ~/.local/share/liaison/liaison.db),
    or your office's team database on PostgreSQL (--db postgres://USER@HOST/DB,
    with the password from $PGPASSWORD or ~/.pgpass, and TLS as libpq's sslmode
    says, e.g. ?sslmode=verify-full&sslrootcert=/path/to/ca.pem).

    Examples:
      liaison invitation.ics                 open the window, with a preview of
                                             importing the file
      liaison sample                         load the sample visit
      liaison visits                         list visits, soonest first
      liaison show 5a3f1c2e                  one visit, by id or id prefix
      liaison export json -o backup.liaison.json
                                             everything, as one JSON document
      liaison import backup.liaison.json     merge a document back in
      liaison export ics --visit 5a3f -o visit.ics
                                             a visit for any calendar app
      liaison export ics --visit 5a3f --method request --organizer me@example.org
                                             the same, as an invitation
      liaison import agenda.ics --visit 5a3f --dry-run
                                             what importing a calendar would do
      liaison team init postgres://admin@db.example.org/liaison
                                             make an empty database a team database
help--db = The database: a file's path, or a team database's postgres:// URL
help--lang = The language of what liaison prints: en or zh-CN (zh); a document may also be both. Default: the first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that names one
help--files = Calendar files (.ics) or Liaison documents (.json) to open in the window, each in a preview of what importing it would do. A window already open on the database receives them
help--json = Print machine-readable JSON (documented in docs/cli-json.md)
help--output = Write to FILE instead of standard output
help--url = postgres://USER@HOST[:PORT]/DATABASE[?sslmode=…] (libpq's form)
help-sample = Load the sample visit (IPRCC at the National Institute of Vocational Education, 11 June 2021). Running it twice changes nothing
help-import = Merge a Liaison JSON document, or a calendar file (.ics), into the database: all of it or nothing
help-import--file = A Liaison JSON document (.json) or a calendar file (.ics)
help-import--visit = Calendar files: put new events and tasks into this visit (id or unique id prefix). Without it they go into the visit the file's known events belong to, or into a new visit
help-import--dry_run = Show what would be added, updated and left alone (for a JSON document, each field of a stored record that would change), and write nothing
help-export = Write the database, or one visit, as a file
help-export-json = A Liaison JSON document (see docs/liaison.schema.json)
help-export-json--visit = Only this visit (id or unique id prefix), with the people and organisations it needs
help-export-ics = An iCalendar file (RFC 5545) for calendar apps: a visit, a person's itinerary, or everything
help-export-ics--visit = One visit (id or unique id prefix): its own all-day event, its agenda and its follow-ups
help-export-ics--person = A person's itinerary across visits (id or unique id prefix)
help-export-ics--all = Every visit
help-export-ics--method = publish: a calendar to import; request: an invitation to every participant with an email; cancel: withdraw what was sent
help-export-ics--tasks = todo: follow-ups as tasks (VTODO); events: as all-day events on their due date, for Google Calendar and Outlook, which ignore tasks; none
help-export-ics--organizer = The organiser's email. Default: the first host-side participant with an email
help-visits = List visits, soonest first
help-visits--scope = Which visits to list
help-visits--kind = Only visits of this kind
help-visits--status = Only visits with this status
help-visits--search = Only visits whose title, venue or organisations contain TEXT
help-follow-ups = The follow-up register: every visit's follow-ups in one list, by due date, overdue ones marked
help-follow-ups--status = Only these statuses (repeat it, or separate them with commas)
help-follow-ups--owner = Only those this person owns (id or unique id prefix)
help-follow-ups--counterpart = Only those with this counterpart organisation (acronym, id or unique id prefix)
help-follow-ups--visit = Only this visit's (id or unique id prefix)
help-follow-ups--to_act = Only those this side is to act on: us, them or both
help-follow-ups--due = Only those overdue, due this week (Monday to Sunday) or this month, or with no due date
help-follow-ups--sort = The column to sort by (missing values last)
help-follow-ups--desc = Sort the other way
help-follow-ups--today = Count from this day instead of today (what was overdue then)
help-copy = Plan a new visit from an earlier one: its kind, organisations, venue, participants and agenda, moved to a new first day (a draft; follow-ups, notes and minutes stay behind). Prints the new visit
help-copy--visit = The earlier visit's id, or a unique prefix of it (4 characters or more)
help-copy--start_date = The new visit's first day, in the earlier visit's time zone
help-copy--title = The new visit's title. Default: the earlier one's
help-carry = Carry a follow-up of an earlier visit into a later one (linked, not copied: the later visit shows it and its calendar files carry it). Prints the visit
help-carry--follow_up = The follow-up's id, or a unique prefix of it (4 characters or more)
help-carry--into = The visit to carry it into (id or unique id prefix)
help-carry--undo = Take it off that visit instead; it stays on its own
help-conflicts = Conflicts across every visit: someone (an interpreter above all) in two agenda items at once. Open ones only, unless --all
help-conflicts--visit = Only those involving this visit (id or unique id prefix)
help-conflicts--all = Acknowledged ones too
help-acknowledge = Accept a conflict, with why, so that it stops nagging until one of its items moves
help-acknowledge--key = The conflict's key, as liaison conflicts prints it
help-acknowledge--note = Why it is fine (required)
help-acknowledge--undo = Take the acknowledgement back: the conflict is open again
help-show = Show one visit: participants in precedence order, agenda, follow-ups
help-show--visit = The visit's id, or a unique prefix of it (4 characters or more)
help-seating = Where a visit's people sit: the meeting table and the banquet's tables, by the protocol rules and the swaps made on top of them. With options, changes them (saved with the visit) and prints the result
help-seating--visit = The visit's id, or a unique prefix of it (4 characters or more)
help-seating--honour = Which hand ranks higher: right (international practice, and foreign-affairs events) or left (Chinese domestic practice)
help-seating--interpreter = Where interpreters sit: behind their principal, or beside them
help-seating--table_size = Seats at each banquet table (4 to 24)
help-seating--swap = Two people of one side who change places at the meeting table (ids or unique prefixes, comma between); may be given again
help-seating--swap_banquet = Two people who change places at the banquet; may be given again
help-seating--reset = Drop every swap first: everyone back where the rules put them
cli-seating-pair = '{ $value }' is not two people separated by a comma
seating-rules = { $honour ->
    [left] The left hand ranks higher
   *[right] The right hand ranks higher
 } · { $interpreter ->
    [beside] interpreters beside their principal
   *[behind] interpreters behind their principal
 } · { $size } to a banquet table
seating-guests = Guests, facing the door (from their left hand to their right; * the principal):
seating-hosts = Hosts (from their left hand to their right; * the principal):
seating-behind = behind seat { $seat }: { $name }
seating-table = Banquet table { $number } (clockwise from the seat facing the door):
help-visa = Passport data for visa invitation letters, kept only for those who need one and never exported. Without options, lists what is kept for the visit
help-visa--visit = The visit's id, or a unique prefix of it (4 characters or more)
help-visa--person = Whose details to keep or delete (id or unique prefix)
help-visa--passport_name = Full name exactly as the passport prints it
help-visa--gender = As the passport prints it: F, M or X
help-visa--nationality = Nationality
help-visa--born = Date of birth
help-visa--passport = Passport number
help-visa--expires = The passport's date of expiry (after the visit ends)
help-visa--relationship = Their relationship to the inviting institution
help-visa--expenses = Who pays for what
help-visa--delete = Delete --person's details
help-visa--purge = Delete every passport detail kept for the visit, in one step (once it is over)
cli-visa-purged = Deleted the visa details of { $count } people.
visa-none = No visa details are kept for this visit.
help-history = Who changed what on a visit (its participants, agenda and follow-ups too), newest first
help-history--visit = The visit's id, or a unique prefix of it (4 characters or more)
help-history--last = At most this many changes, the latest
help-team = Set up and look after a team database on PostgreSQL (for whoever administers it)
help-team-init = Make an empty PostgreSQL database a Liaison team database
help-team-check = Check that a team database can be opened, and say exactly why not
help-team-migrate = Bring a team database to this version's schema, after a backup with pg_dump (coordinators' launches never migrate it)
help-team-migrate--backup_dir = Where the backup goes
search-none = Nothing found for “{ $query }”.
search-group = { $kind } ({ $count })
search-more = … and more: add words, or ask for more with --limit
help-search = Search everything: visits (with their notes and minutes), people (either name form), organisations, rooms, agenda items and follow-ups. Chinese is found by any run of characters; other text by the start of its words, without regard to case or accents
help-search--text = What to look for (several words: each must be found)
help-search--kind = Only these kinds: visit, person, organisation, agenda_item, follow_up, room (repeat it, or separate them with commas)
help-search--limit = At most this many of each kind
search-snippet = { $field }: { $text }
calendar-heading = Times in { $zone }; ! marks an item's open conflicts
calendar-nothing = Nothing planned in these days.
calendar-clipped = More items fall in these days than are listed: narrow it with --kind, --status, --organisation or --person.
calendar-clocks-forward = clocks go forward at { $at }, { $before } → { $after }
calendar-clocks-back = clocks go back at { $at }, { $before } → { $after }
help-calendar = The calendar of every visit, day by day: visits, and agenda items with their times in a zone (this machine's unless --zone), their own beside
help-calendar--from = The first day (default: today)
help-calendar--days = How many days, 1 to 42 (default: 7); items in conflict are marked for up to 7
help-calendar--zone = The zone to show times in (IANA, e.g. Asia/Shanghai). Default: this machine's
help-calendar--kind = Only visits of these kinds (repeat it, or separate them with commas)
help-calendar--status = Only visits with these statuses
help-calendar--organisation = Only visits this organisation hosts or is the guest of (acronym, id or unique id prefix)
help-calendar--person = Only what this person is in (id or unique id prefix)
cli-doc-needs-output = say where the PDF goes: -o FILE.pdf (or send it to a pipe)
help-doc = Typeset a visit's documents as PDF, in the language of --lang: zh, en or both
help-doc-briefing = The briefing pack: purpose and topics, the programme day by day, both delegations in precedence, notes, earlier visits and open follow-ups, logistics
help-doc-briefing--visit = The visit (id or unique id prefix)
help-doc-briefing--output = Where the PDF goes (replaced if it exists). Default: standard output, when it is not a terminal
help-doc-briefing--zone = The reader's time zone: a briefing pack gives its times beside the visit's where they differ. Default: the system's
help-doc-programme = The programme: the agenda alone, one page per day, in the visit's zone
help-doc-programme--visit = The visit (id or unique id prefix)
help-doc-programme--output = Where the PDF goes (replaced if it exists). Default: standard output, when it is not a terminal
help-doc-seating = The seating plan: the meeting table and the banquet's round tables, drawn, each seat named in both forms
help-doc-seating--visit = The visit (id or unique id prefix)
help-doc-seating--output = Where the PDF goes (replaced if it exists). Default: standard output, when it is not a terminal
help-doc-letter = A letter from a template: an invitation, a visa invitation (one for each traveller with visa details) or a thank-you letter. Liaison's own in the language of --lang, or the office's with --template
help-doc-letter--visit = The visit (id or unique id prefix)
help-doc-letter--output = Where the PDF goes (replaced if it exists). Default: standard output, when it is not a terminal
help-doc-letter--kind = Which letter, when no --template says: invitation, visa or thanks
help-doc-letter--template = The office's template: settings, a '---' line, then the letter with placeholders such as {"{"}passport_name{"}"} (start from 'liaison doc template KIND')
help-doc-letter--person = One recipient (id or unique prefix). Default: the guest delegation's head; for visa letters, everyone with visa details
help-doc-template = Print Liaison's own letter template (in the language of --lang), to save and make the office's own
help-doc-template--kind = invitation, visa or thanks
cli-letter-kind = say which letter: --kind invitation, visa or thanks (or give a --template that says it)
help-doc-cards = Name cards: a folded table tent per person, the name in both forms on both faces
help-doc-cards--visit = The visit (id or unique id prefix)
help-doc-cards--output = Where the PDF goes (replaced if it exists). Default: standard output, when it is not a terminal
help-doc-badges = Badges: name, title, organisation and a band in the role's colour, eight to a sheet with cut marks
help-doc-badges--visit = The visit (id or unique id prefix)
help-doc-badges--output = Where the PDF goes (replaced if it exists). Default: standard output, when it is not a terminal
