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
show-times-in = times in { $zone }
show-with-people = with { $names }
show-no-date = no date
show-owner = owner { $name }
show-counterpart = with { $organisation }
