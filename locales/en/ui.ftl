# The window's words (ui/src). Messages are grouped by where they appear.

## The top bar (App.svelte)

nav-sections = Sections
nav-visits = Visits
nav-directory = Directory
nav-follow-ups = Follow-ups
nav-overdue = { $count } overdue
nav-conflicts = Conflicts
nav-open-conflicts = { $count } open
conflicts-title = Conflicts
conflicts-what = Someone in two agenda items at once on any visit (an interpreter above all), a room booked twice or too small for an item, or someone booked when they said they cannot be. Moving an item, changing who is in it or where, or cancelling it resolves it; or accept it with why.
conflicts-none = No conflicts.
conflicts-show-acknowledged = Show acknowledged ({ $count })
conflict-acknowledge = Acknowledge…
conflict-acknowledge-save = Acknowledge
conflict-why = Why it is fine
conflict-acknowledged = Acknowledged; it stays quiet until one of its items moves
conflict-acknowledged-by = Acknowledged by { $actor }:
conflict-reopen = Reopen
conflict-room-full = { $people } people, seats for { $capacity }
agenda-conflict-full = { $kind }: { $room } seats { $capacity }, and { $people } are in this item
agenda-conflict-unavailable = { $kind }: { $who } (see their availability in the directory)
agenda-conflict = { $kind }: { $who } { $count ->
    [one] is
   *[other] are
} also in “{ $item }” ({ $visit })
register-title = Follow-up register
register-of-visit = Follow-ups of
register-all-visits = Show every visit's
follow-ups-in-register = Open in the register
register-overdue = { $count } overdue
register-status = Status
register-still-to-do = Still to do
register-any-status = Any status
register-due = Due
register-due-any = Any time
register-due-overdue = Overdue
register-due-this-week = This week
register-due-this-month = This month
register-due-no-date = No due date
register-anyone = Anyone
register-any-organisation = Any organisation
register-any-side = Either side or both
register-selection = Selected follow-ups
register-selected = { $count } selected
register-set-status = Set status to
register-apply = Apply
register-clear-selection = Clear
register-empty = No follow-ups match these filters.
register-table = Follow-ups of every visit
register-select-page = Select every follow-up on this page
register-select-one = Select “{ $title }”
register-col-visit = Visit
register-is-overdue = Overdue
register-status-of = Status of “{ $title }”
register-status-set = { $count ->
    [one] One follow-up is
   *[other] { $count } follow-ups are
} now { $status }
register-range = { $from }–{ $to } of { $total }
register-previous = Previous
register-next = Next
chip-team = Team database
chip-team-short = Team
chip-unverified = Connection not verified
chip-unverified-short = Unverified
chip-unverified-why = The connection does not check the server's certificate (sslmode is not verify-full): someone on the network could stand in for the server.
chip-read-only = Read only
chip-read-only-why = You may read this team database but not change it; its administrator can make you a coordinator.
action-new-visit = New visit
action-database = Database…
action-database-why = Which database Liaison uses
action-help = Keyboard shortcuts
action-help-why = Keyboard shortcuts and about Liaison (?)
language = Language
banner-unreachable = The team database does not answer; Liaison keeps trying. What you see may be out of date, and saving waits until it answers. Nothing you have typed is lost.
loading = Loading…

## The visits list (views/VisitList.svelte)

visits-title = Visits
visits-first-title = Plan your first visit
visits-first-text = Liaison keeps delegation visits and seminars: who comes, the agenda, who sits where, and what was agreed.
visits-load-sample = Load sample visit
visits-sample-loaded = Sample visit loaded
visits-import = Import calendar…
visits-export-all = Export all…
visits-export-all-what = Every visit, with its agenda and follow-ups
visits-scopes = Which visits
scope-upcoming = Upcoming
scope-past = Past
scope-drafts = Drafts
scope-all = All
visits-search = Search
visits-search-hint = Title, venue or organisation (Ctrl+F)
visits-kind = Kind
visits-all-kinds = All kinds
visits-status = Status
visits-all-statuses = All statuses
# $scope: upcoming, past, drafts or all; $searching: yes or no; $text: what was searched for.
visits-none = { $scope ->
    [upcoming] No upcoming visits
    [past] No past visits
    [drafts] No draft visits
   *[all] No visits
}{ $searching ->
    [yes] { " " }matching “{ $text }”.
   *[no] .
}
visits-show-all = Show all visits
visits-table = Visits
visits-when = When (visit's time)
visits-visit = Visit
visits-orgs = Host → guest
visits-row-status = Status
visits-count = { $count ->
    [one] { $count } visit
   *[other] { $count } visits
}

## Dates and times (lib/format.ts)

# A span within one day: $day is the formatted date, $start and $end times.
span-one-day = { $day }, { $start }–{ $end }
span-days = { $first } { $start } – { $last } { $end }
# MOMENT() of core.ftl: a day ($day, formatted) and a time of day.
moment-at = { $day } { $time }

## A visit's page (views/VisitPage.svelte)

tab-overview = Overview
tab-participants = Participants
tab-agenda = Agenda
tab-follow-ups = Follow-ups
tab-notes = Notes & minutes
tab-history = History
visit-sections = Visit sections
visit-back = ← Visits
visit-back-to-list = Back to visits
visit-your-zone = (your zone: { $zone })
visit-no-host = No host yet
visit-no-guest = no guest yet
visit-export = Export to calendar…
visit-import = Import calendar…
visit-copy = New visit from this one…
copy-title = New visit from this one
copy-name = Title of the new visit
copy-what = The new visit gets this one's kind, organisations, venue, participants and agenda, moved to its first day. Follow-ups, notes and minutes stay with this visit.
copy-start = First day
copy-create = Create the visit
copy-done = “{ $title }” is planned as a draft
visit-delete = Delete visit
visit-delete-confirm = Delete “{ $title }” with its participants, agenda and follow-ups? This cannot be undone.
visit-deleted = Visit deleted
unsaved-leave = You have unsaved changes. Leave without saving them?
unsaved-leave-button = Leave

## Questions (lib/state.svelte.ts, App.svelte, components/ConfirmDialog.svelte)

ok = OK
cancel = Cancel
unsaved-close = You have unsaved changes. Close Liaison without saving them?
unsaved-close-button = Close without saving

## The visit form (views/VisitForm.svelte)

form-visit = Visit details
form-notes = Notes and minutes
field-title = Title
field-kind = Kind
field-status = Status
field-start = Start (visit's time)
field-end = End (visit's time)
field-time-zone = Time zone
field-host-org = Host organisation
field-guest-org = Guest organisation
org-new = New organisation…
org-new-host = New host organisation
org-new-guest = New guest organisation
field-org-latin = Name in Latin letters
field-org-chinese = Name in Chinese
field-org-own = Name in its own script
field-org-acronym = Acronym
field-org-kind = Kind of organisation
org-add = Add organisation
field-venue = Venue
field-online-link = Online link
field-topics = Topics (comma-separated)
field-purpose = Purpose
field-notes = Notes
field-minutes = Minutes
form-unsaved = Unsaved changes
form-discard = Discard changes
form-save = Save
form-create-visit = Create visit
visit-saved = Visit saved
visit-created = Visit created

## The agenda (views/AgendaPanel.svelte)

agenda-deleted-elsewhere = This agenda item was deleted elsewhere.
agenda-discard = Discard the changes to this agenda item?
agenda-discard-button = Discard
agenda-saved = Agenda item saved
agenda-saved-warning = Agenda item saved, with a warning
agenda-delete-confirm = Delete “{ $title }” from the agenda?
delete = Delete
edit = Edit
duplicate = Duplicate
# $title: the item's or follow-up's title, for screen readers.
edit-named = Edit { $title }
duplicate-named = Duplicate { $title }
delete-named = Delete { $title }
agenda-new = New agenda item
agenda-edit = Edit agenda item
field-location = Place
field-room = Room
field-room-none = A place outside (type it below)
field-description = Description
agenda-who = Who takes part
agenda-add = Add to agenda
agenda-save = Save item
agenda-move-before = Put “{ $title }” before “{ $other }”, which starts at the same time
agenda-move-after = Put “{ $title }” after “{ $other }”, which starts at the same time
agenda-add-item = Add agenda item
agenda-none = No agenda yet.
# $zone: the visit's time zone by its city (Shanghai); $own: the reader's, or "none" when it is the same.
agenda-zones = { $own ->
    [none] Times are { $zone } time.
   *[other] Times are { $zone } time; yours ({ $own }) are shown beside them.
}
# $start and $end: times in the reader's own zone.
agenda-yours = { $start }–{ $end } yours
agenda-with = With { $names }
agenda-chair = Chair
agenda-chair-none = No one chairs
agenda-speakers = Speakers, in speaking order
agenda-speaker-add = Add a speaker…
agenda-speaker-earlier = { $name } speaks before { $other }
agenda-speaker-remove = { $name } does not speak
agenda-chaired-by = Chaired by { $name }
agenda-speakers-list = Speakers: { $names }

## Follow-ups (views/FollowUpsPanel.svelte)

follow-up-deleted-elsewhere = This follow-up was deleted elsewhere.
follow-up-saved = Follow-up saved
follow-up-delete-confirm = Delete the follow-up “{ $title }”?
follow-up-add = Add follow-up
follow-up-new = New follow-up
follow-up-edit = Edit follow-up
field-agreed = What was agreed
field-owner = Owner
field-owner-hint = A participant, or type a name
field-counterpart = Counterpart organisation
field-due = Due date
follow-up-save = Save follow-up
follow-ups-none = No follow-ups yet.
follow-ups-table = Follow-ups
col-agreed = What was agreed
col-owner = Owner
col-counterpart = Counterpart
field-to-act = Who is to act
col-to-act = To act
carry-offer = { $count } open from earlier visits with { $orgs }
carry-show = Show them
carry-hide = Hide them
carry-all = Carry all into this visit
carry-one = Carry into this visit
carry-one-named = Carry “{ $title }” into this visit
carry-done = { $count ->
    [one] One follow-up is
   *[other] { $count } follow-ups are
} carried into this visit
carry-undone = Taken off this visit; it stays with its own
carried-title = Carried from earlier visits ({ $count })
carry-take-off = Take off
carry-take-off-named = Take “{ $title }” off this visit
col-due = Due
col-status = Status
col-actions = Actions

## Participants (views/ParticipantsPanel.svelte)

participant-choose = Choose a person
participant-added = Participant added
# $name: both forms of the person's name.
participant-remove-confirm = Remove { $name } from this visit and its agenda items?
participant-remove = Remove
# $side: host or guest.
participants-side = { $side ->
    [host] Host side
   *[guest] Guest side
}
participants-order = { $side ->
    [host] Host participants in order of precedence
   *[guest] Guest participants in order of precedence
}
participants-nobody = Nobody yet.
participant-role-of = Role of { $name }
participant-up = Move { $name } up
participant-down = Move { $name } down
participant-remove-named = Remove { $name }
participant-add = Add participant
participant-add-title = Add a participant
participant-add-open = Add participant…
participant-who = Who
participant-new-person = A new person
participant-existing = Someone in the directory
field-person = Person
field-person-title = Title
field-organisation = Organisation
field-side = Side
field-role = Role
done = Done
field-person-title-example = Deputy Director General

## The directory (views/Directory.svelte)

saved = Saved
directory-delete-confirm = Delete this entry from the directory?
directory-title = Directory
directory-people = People
directory-organisations = Organisations
directory-rooms = Rooms
rooms-new = New room
rooms-none = No rooms yet.
rooms-room = Room
rooms-choose = Choose a room, or add one. An agenda item in a room is checked against its other bookings and its seats.
rooms-name-latin = Name in Latin letters
rooms-name-chinese = Name in Chinese
rooms-building = Building
rooms-capacity = Seats
rooms-capacity-number = a whole number of seats, or nothing
rooms-equipment = Equipment
rooms-seats = { $count } seats
availability-title = When they cannot be booked
availability-none = Nothing said: they can be booked any time.
availability-add = Add a period…
availability-kind = Kind
availability-first = First day
availability-last = Last day
availability-from = From (hh:mm)
availability-to = Until (hh:mm)
availability-save = Add
availability-delete = Remove the period { $days }
# $tab: people or organisations.
directory-filter = { $tab ->
    [people] Filter people
   *[organisations] Filter organisations
}
directory-filter-hint = { $tab ->
    [people] Name or organisation
   *[organisations] Either name form
}
directory-new = { $tab ->
    [people] New person
   *[organisations] New organisation
}
directory-nothing-matches = Nothing matches.
directory-nobody = Nobody here yet.
directory-showing = Showing { $shown } of { $total }; filter to find the others.
directory-person = Person
directory-organisation = Organisation
field-name-latin = Name in Latin letters
field-name-chinese = Name in Chinese
field-name-own = Name in its own script
# The parts of a date and time field, read out by screen readers.
date-year = Year
date-month = Month
date-day = Day
date-hour = Hour
date-minute = Minute
field-title-rank = Title or rank
field-email = Email
field-phone = Phone
field-languages = Languages (comma-separated)
field-dietary = Dietary needs
field-access = Access needs
field-country = Country
create = Create
directory-visits = Visits
directory-follow-ups = Follow-ups agreed
directory-no-follow-ups = No follow-ups name this organisation as the counterpart.
directory-owed-to = Owed to { $name } (we act)
directory-owed-by = Owed by { $name } (they act)
directory-itinerary = Itinerary of { $name }
directory-export-itinerary = Export itinerary…
directory-no-visits = No visits yet.
directory-history = History
directory-choose = { $tab ->
    [people] Choose a person on the left, or create one.
   *[organisations] Choose an organisation on the left, or create one.
}

## Calendar export (components/CalendarExportDialog.svelte)

export-title = Export to calendar
export-send-as = Send as
export-follow-ups = Follow-ups
export-organizer = Organiser's email (optional)
export-organizer-hint = The first host with an email
export-busy = Exporting…
export-run = Export…
# $method: publish, request or cancel; $events, $todos: counts; $file: where it went.
export-done = { $method ->
    [request] Invitation
    [cancel] Cancellation
   *[publish] Calendar
} saved: { $events ->
    [one] { $events } event
   *[other] { $events } events
}, { $todos ->
    [one] { $todos } task
   *[other] { $todos } tasks
} in { $file }

## Calendar import (components/CalendarImportDialog.svelte, DocumentImportDialog.svelte)

# Long work (an import of a large file) and how far it has got.
progress-checking = Checking the file…
progress-writing = Importing…
progress-exporting = Exporting…
progress-typesetting = Typesetting the document…
progress-finishing = Finishing…
progress-stopping = Stopping, and undoing what was done…
progress-percent = { $percent }% done
import-kind-visit = Visit
import-kind-agenda-item = Agenda item
import-kind-follow-up = Follow-up
import-done = Imported { $file }: { $added } added, { $updated } updated, { $unchanged } unchanged
import-done-document = Imported { $file }: { $added } added, { $updated } updated
import-refused = This file cannot be imported
import-nothing-changed = Nothing was changed.
close = Close
import-title = Import { $file }
import-into = Into
import-new-visit = new visit
import-nothing-to-change = Nothing to change: everything in this file is already here, at the same version or newer.
import-will-add = Will be added
import-will-update = Will be updated
import-left-alone = Left alone
import-and-more = and { $count } more
import-read-only = You may read this team database but not change it, so nothing can be imported.
import-busy = Importing…
import-run = Import
import-no-records = This document holds no records.
import-added = Added
import-updated = Updated
import-unchanged = Unchanged
import-changes = Changes to what is stored
import-document-unchanged = Nothing to change: everything in this document is already here.
import-empty-value = (empty)

## Keyboard shortcuts and About (components/ShortcutsPanel.svelte, lib/shortcuts.ts)

shortcuts-title = Keyboard shortcuts
shortcut-new-visit = New visit
shortcut-search = Search visits
shortcut-save = Save the open form
shortcut-close = Close the open form or dialog
shortcut-help = Show these shortcuts
shortcut-move = Move the focused participant up or down
about-title = About Liaison
about-version = Version { $version }
about-data = Your data:
about-team = (team database)

## History (components/HistoryList.svelte)

history-none = No changes recorded yet.
history-list = History

## Choosing a person (components/PersonPicker.svelte)

picker-hint = Type a name, title or organisation
picker-nobody-matches = Nobody matches.
picker-nobody = Nobody to choose from yet.

## Saving over a change made elsewhere (lib/stale.ts)

# $what: record, visit, agenda-item, follow-up, person or organisation.
stale-question = This { $what ->
    [visit] visit
    [agenda-item] agenda item
    [follow-up] follow-up
    [person] person
    [organisation] organisation
   *[record] record
} was changed elsewhere since you opened it (in another window, on the command line or by an import). Keep your version and save it over theirs, or reload theirs and lose what you typed here?
stale-keep = Keep mine
stale-reload = Reload theirs

## The Database setting (components/DatabaseDialog.svelte)

tls-verify-full = Encrypted, server verified (use this across a network)
tls-require = Encrypted, server not verified
tls-disable = Not encrypted (a server on this computer only)
database-unsaved = You have unsaved changes. Switch database without saving them?
database-switch = Switch
database-title = Database
# $kind: team or file.
database-now = Now: { $kind ->
    [team] team database
   *[file] this computer
} —
database-where = Where Liaison keeps your visits
database-file = On this computer
database-file-detail = (a file of your own)
database-file-default = (a file of your own: { $file })
database-team = My office's team database
field-server = Server
field-port = Port
field-database = Database
field-user = User name
field-connection = Connection
field-ca = Your office's CA certificate (a .pem file; empty for public CAs)
database-password = The password is read from ~/.pgpass (or PGPASSWORD), as for psql; Liaison never stores it.
database-unverified = This connection does not verify the server: someone on the network could stand in for it. Use it only on a network you trust.
# $visits, $people: how many the team database holds; $write: yes or no.
database-connected = Connected: a Liaison team database with { $visits ->
    [one] one visit
   *[other] { $visits } visits
} and { $people ->
    [one] one person
   *[other] { $people } people
}. { $write ->
    [yes] You may plan (read and write).
   *[no] You may read it, not change it.
}
database-verified = The server is verified.
database-connecting = Connecting…
database-test = Test connection
database-switch-restart = Switch and restart

## Messages of the whole window (App.svelte, lib/uncaught.ts)

team-back = The team database answers again; what you see is current.
database-updated = Liaison updated your database for this version. The database as it was is kept at { $path }
something-wrong = Something went wrong: { $message }

## Errors (lib/api.ts)

error-fields = { $count } fields need attention
shortcut-find = Search everything
action-find = Search…
search-title = Search everything
search-label = Search visits, people, organisations, rooms, agenda items, follow-ups, notes and minutes
search-placeholder = Search everything: names (either form), titles, notes, minutes…
search-results = Results
search-in = { $field }:
search-more = …and more: add a word to narrow it down
search-none = Nothing found for “{ $query }”.
search-hint = Chinese is found by any run of characters (和震); other text by the start of its words, in any case, with or without accents (muller finds Müller).
search-keys-move = move
search-keys-open = open
search-keys-close = close
nav-calendar = Calendar
visit-back-calendar = ← Calendar
calendar-week-of = { $first } – { $last }
calendar-own-time = { $here } ({ $there } { $zone })
calendar-previous = Previous
calendar-previous-why = Previous (P or Page Up)
calendar-next = Next
calendar-next-why = Next (N or Page Down)
calendar-today = Today
calendar-today-why = Today (T)
calendar-view = View
calendar-month = Month
calendar-week = Week
calendar-day = Day
calendar-undo = Undo moving “{ $title }”
calendar-zone = Times in
calendar-own-zone = My zone ({ $zone })
calendar-colour = Colour by
calendar-colour-kind = Kind of visit
calendar-colour-status = Status of visit
calendar-any = Any
calendar-anyone = Anyone
calendar-organisation = Organisation
calendar-person = Person
calendar-room = Room
calendar-clipped = More items fall in these days than can be shown: narrow it with a filter.
calendar-clocks-forward = Clocks go forward at { $at } ({ $before } → { $after })
calendar-clocks-back = Clocks go back at { $at } ({ $before } → { $after })
calendar-more = +{ $count } more
calendar-moved = Moved “{ $title }”. Ctrl+Z undoes it.
calendar-move-undone = Moved “{ $title }” back.
calendar-go-to = Go to
calendar-conflicts = { $count ->
    [one] in a conflict
   *[other] in { $count } conflicts
}
calendar-item-warning = “{ $title }” { $warning }
shortcut-calendar-period = Calendar: today, next, previous
shortcut-calendar-view = Calendar: month, week, day
shortcut-calendar-undo = Calendar: undo the last move
tab-documents = Documents
documents-kind = Document
documents-seating = Seating plan
seating-title = Seating
seating-honour = Higher-ranking hand
seating-honour-right = Right (international practice)
seating-honour-left = Left (Chinese domestic practice)
seating-interpreter = Interpreters
seating-interpreter-behind = Behind their principal
seating-interpreter-beside = Beside their principal
seating-table-size = Seats per banquet table
seating-at = Swap at
seating-at-meeting = The meeting table
seating-at-banquet = The banquet
seating-first = Person
seating-second = Changes places with
seating-swap = Swap seats
seating-reset = Back to protocol order
documents-letter-invitation = Invitation letter
documents-letter-visa = Visa invitation letter
documents-letter-thanks = Thank-you letter
letter-template = Template
letter-template-builtin = Liaison's own
letter-template-choose = Choose template…
letter-template-builtin-use = Use Liaison's own
visa-explained = One letter for each person whose passport data is kept. That data is kept only for this visit's visa letters, never goes into calendar files or exports, and should be deleted once the visit is over.
visa-kept = Passport data kept
visa-none = No passport data
visa-add = Enter passport data
visa-edit = Change
visa-delete = Delete
visa-save = Save passport data
visa-passport-name = Full name as in the passport
visa-gender = Gender (as in the passport)
visa-gender-F = Female (F)
visa-gender-M = Male (M)
visa-gender-X = Unspecified (X)
visa-nationality = Nationality
visa-date-of-birth = Date of birth
visa-passport-number = Passport number
visa-passport-expiry = Passport valid until
visa-relationship = Relationship to the inviting institution
visa-expenses = Who pays for what
visa-purge = Delete all passport data of this visit
visa-purge-confirm = Delete the passport data of everyone on this visit? Their visa letters can no longer be made.
visa-purged = Deleted the passport data of { $count } people.
documents-briefing = Briefing pack
documents-programme = Programme
documents-cards = Name cards
documents-badges = Badges
documents-lang = Language
documents-lang-both = Chinese and English
documents-lang-zh = Chinese
documents-lang-en = English
documents-save = Save as PDF…
documents-saved = Saved { $file } ({ $pages ->
    [one] 1 page
   *[other] { $pages } pages
 })
documents-open = Open
documents-typesetting = Typesetting…
documents-preview = The document's pages, as they will print
documents-page = Page { $page } of { $pages }
