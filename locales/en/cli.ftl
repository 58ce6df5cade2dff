# The command line's text output (crates/cli/src/render.rs). Scripts read
# --json instead, which does not change with the language.

visits-none = No visits. Load the sample with: liaison sample
visits-heading-id = ID
visits-heading-when = WHEN (LOCAL)
visits-heading-zone = ZONE
visits-heading-status = STATUS
visits-heading-orgs = HOST / GUEST
visits-heading-title = TITLE

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
show-notes = Notes
show-minutes = Minutes
show-none-yet = none yet
show-cancelled = cancelled
show-at = at { $place }
show-times-in = times in { $zone } time
show-with-people = with { $names }
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
warning = warning: { $text }

## The desktop shell's native dialogs (src-tauri)

shell-export-title = Export to calendar
shell-import-title = Import a calendar file
shell-calendar-files = Calendar (iCalendar)
# $error: what went wrong, as the storage says it.
shell-database-unreadable = Liaison cannot open its database.

    { $error }
