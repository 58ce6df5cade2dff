# The window's words (ui/src). Messages are grouped by where they appear.

## The top bar (App.svelte)

nav-sections = Sections
nav-visits = Visits
nav-directory = Directory
chip-team = Team database
chip-unverified = Connection not verified
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
