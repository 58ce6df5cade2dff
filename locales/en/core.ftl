# Liaison's vocabulary: one label per code stored in the database and
# written in files (crates/core/src/model.rs). The codes never change with
# the language; these labels do.

org-kind-government = Government
org-kind-university = University
org-kind-research = Research institute
org-kind-international = International organisation
org-kind-ngo = NGO
org-kind-company = Company
org-kind-other = Other

visit-kind-incoming_delegation = Incoming delegation
visit-kind-outgoing_delegation = Outgoing delegation
visit-kind-seminar = Seminar
visit-kind-meeting = Meeting

visit-status-draft = Draft
visit-status-planned = Planned
visit-status-confirmed = Confirmed
visit-status-completed = Completed
visit-status-cancelled = Cancelled

side-host = Host
side-guest = Guest

role-head_of_delegation = Head of delegation
role-host = Host
role-member = Member
role-speaker = Speaker
role-interpreter = Interpreter
role-note_taker = Note-taker
role-liaison_officer = Liaison officer
role-staff = Staff
role-observer = Observer

agenda-kind-meeting = Meeting
agenda-kind-talk = Talk
agenda-kind-tour = Tour
agenda-kind-meal = Meal
agenda-kind-transfer = Transfer
agenda-kind-seminar_session = Seminar session
agenda-kind-free_time = Free time

agenda-status-tentative = Tentative
agenda-status-confirmed = Confirmed
agenda-status-cancelled = Cancelled

follow-up-status-open = Open
follow-up-status-in_progress = In progress
follow-up-status-done = Done
follow-up-status-dropped = Dropped
to-act-us = Us
to-act-them = Them
to-act-both = Both
search-kind-visit = Visits
search-kind-person = People
search-kind-organisation = Organisations
search-kind-agenda_item = Agenda items
search-kind-follow_up = Follow-ups
search-kind-room = Rooms
search-field-title = Title
search-field-name = Name
search-field-chinese_name = Chinese name
search-field-native_name = Name in another script
search-field-acronym = Acronym
search-field-purpose = Purpose
search-field-venue = Venue
search-field-topics = Topics
search-field-notes = Notes
search-field-minutes = Minutes
search-field-location = Place
search-field-description = Description
search-field-job_title = Title
search-field-email = Email
search-field-country = Country
search-field-building = Building
search-field-equipment = Equipment
conflict-kind-person_double_booked = Double-booked
conflict-kind-interpreter_double_booked = Interpreter double-booked
conflict-kind-room_double_booked = Room booked twice
conflict-kind-over_capacity = Too many for the room
conflict-kind-outside_availability = Not available then
availability-kind-away = Away
availability-kind-only = Only available

## Problems with a value (crates/core/src/problem.rs). The field or the
## place in the file is shown before each.

problem-required = is required
problem-name-required = is required (the Latin, the Chinese or the own-script name)
problem-not-chinese = must be written in Chinese characters; a name in another script goes under the Latin or the own-script name
problem-zone-required = is required (an IANA time zone such as Asia/Shanghai)
# $character: the character's code point, such as U+0007.
problem-not-one-line = must be one line without control characters (found { $character })
problem-control-character = contains a control character ({ $character })
problem-deceptive = contains an invisible or text-reordering character ({ $character }); retype it without
problem-too-long = is longer than { $max } characters
problem-too-many-entries = has { $count } entries; at most { $max } are allowed
problem-more-entries-than = has more than { $max } entries
problem-not-email = '{ $value }' is not an email address like name@example.org
problem-not-https = '{ $value }' is not a web link starting with https://
problem-not-phone = '{ $value }' is not a phone number like +86 10 5880 0000
problem-not-one-of = '{ $value }' is not one of: { $choices }
problem-unknown-field = there is no field '{ $field }' here (the fields are: { $choices })
# $found and $expected are serde's words: integer `5`, a string.
problem-wrong-type = has the wrong type: { $found }, where { $expected } belongs
problem-unknown-zone = '{ $value }' is not a known IANA time zone (for example Asia/Shanghai, Europe/Zurich)
problem-not-date-time = '{ $value }' is not a date and time like 2021-06-11T09:30
problem-not-date = '{ $value }' is not a date like 2021-06-30
problem-outside-years = '{ $value }' is outside the years { $first } to { $last }
# $time: a wall-clock time; $zone: an IANA zone; $first, $second: UTC offsets.
problem-skipped-time = { $time } does not exist in { $zone } (the clocks change then)
problem-carried-onto-own-visit = is already a follow-up of this visit; only those of other visits are carried into it
problem-nothing-to-move-past = no other item starts at the same time on that side of it
problem-out-of-range = must be a whole number from { $min } to { $max }
problem-not-passport-number = '{ $value }' is not a passport number (5 to 20 letters and digits)
problem-born-after-today = must be a date before today
problem-passport-expires-first = runs out before the visit ends on { MOMENT($end) }
problem-no-such-conflict = names no conflict there is now (an item may have moved since)
problem-repeated-time = { $time } happens twice in { $zone } (the clocks change then); give the offset, { $first } or { $second }
problem-end-before-start = must be after the start
problem-not-clock-time = '{ $value }' is not a time of day like 09:30
problem-same-organisation = must differ from the host organisation
problem-too-many-participants = has more than { $max } people
problem-organizer-needed = an invitation or a cancellation needs an organiser's email: give one, or add an email to a host-side participant of { $titles }
problem-nothing-to-invite = nothing here can be sent as an invitation: no one on it has an email address, or all of it is cancelled; publish it instead, or add email addresses

## Calendar files that do not parse: the file, the line and the column go before each.

problem-ics-line-too-long = a line longer than { $max } octets
problem-ics-property-name = expected a property name (letters, digits and '-')
problem-ics-parameter-name = expected a parameter name after ';'
problem-ics-parameter-equals = expected '=' after the parameter { $parameter }
problem-ics-quote-unclosed = a quoted parameter value is never closed
problem-ics-quote-inside = a double quote inside a parameter value
problem-ics-too-many-values = more than { $max } values in one parameter
problem-ics-too-many-parameters = more than { $max } parameters on one property
problem-ics-colon-or-semicolon = expected ':' or ';' after { $after }
problem-ics-no-value = expected ':' and a value after { $after }
problem-ics-begin-name = BEGIN needs a component name, like BEGIN:VEVENT
problem-ics-outside-calendar = { $what } outside BEGIN:VCALENDAR
problem-ics-too-deep = components nested more than { $max } deep
problem-ics-too-many-components = more than { $max } components in one file
problem-ics-end-without-begin = END:{ $name } with no BEGIN before it
problem-ics-end-mismatch = END:{ $name } does not close BEGIN:{ $open } (line { $line })
problem-ics-too-many-properties = BEGIN:{ $name } (line { $line }) has more than { $max } properties
problem-ics-never-closed = BEGIN:{ $name } (line { $line }) is never closed: the file ends first
problem-ics-not-calendar = no BEGIN:VCALENDAR: not an iCalendar file
problem-ics-not-utf8 = not UTF-8 text (iCalendar files are UTF-8)
# $detail: the system's words, such as: Input/output error (os error 5).
problem-ics-unreadable = the file could not be read on from here: { $detail }
# $detail: serde_json's words, such as: expected `,` or `}`.
problem-json-syntax = not valid JSON here: { $detail }
problem-cancelled = Stopped: nothing of it was written.
problem-database-failed = The database could not complete this; nothing was changed.
# $detail: what went wrong, for a report.
problem-internal-fault = Something went wrong inside Liaison; nothing was changed. ({ $detail })

## Calendar files: the file, the line and the property go before each.

problem-ics-not-date = '{ $value }' is not a date like 20210611
problem-ics-not-date-time = '{ $value }' is not a date and time like 20210611T090000
problem-ics-unknown-zone = time zone '{ $zone }' is neither an IANA nor a Windows zone name
problem-ics-recurring = recurring events are not supported; expand the series in your calendar app (or export the single occurrences) and import that
# $component: VEVENT or VTODO.
problem-ics-no-uid = { $component } has no UID, so a later import could not find it again
problem-ics-not-duration = '{ $value }' is not a duration like PT1H30M
problem-ics-duration-past-dates = '{ $value }' ends past any date
problem-ics-only-tasks = the file has only tasks: choose the visit they belong to
problem-ics-changed-while-read = { $file } changed while it was being imported, so nothing of it was written: import it again once the program writing it has finished
problem-not-whole-number = '{ $value }' is not a whole number

## Liaison documents: the place in the file goes before each.

problem-document-not-object = must be a JSON object with format, version, organisations, people and visits
problem-format-not-liaison = must be "{ $expected }"
problem-version-unreadable = { $version } is not a version this Liaison reads (1 to { $newest }); update Liaison
problem-must-be-whole-number = must be a whole number
problem-document-too-large = has { $count } entries; a document holds at most { $max }
problem-visit-list-too-long = has { $count } entries; a visit holds at most { $max }
problem-not-array = must be an array
problem-not-object = must be an object
problem-not-string = must be a string
problem-not-uuid-string = must be a UUID string
problem-not-uuid = '{ $value }' is not a UUID
# $first: where the file used it first.
problem-id-used-twice = id { $id } is also used at { $first }
# $kind: the kind of the stored record with that id (its table).
problem-id-taken = id { $id } already belongs to { $kind ->
    [visit] a visit
    [person] a person
    [organisation] an organisation
    [agenda_item] an agenda item
    [follow_up] a follow-up
   *[other] a room
} in the database
problem-uid-used-twice = calendar UID '{ $uid }' is also used at { $first }
# $kind: the kind of both records (visit, agenda_item or follow_up).
problem-uid-held = calendar UID '{ $uid }' already belongs to another { $kind ->
    [visit] visit
    [agenda_item] agenda item
   *[other] follow-up
} in the database
problem-person-twice-on-visit = person { $id } is on this visit twice
problem-counts-from-one = counts from 1
problem-sequence-range = must be a whole number from 0 to 4294967295
problem-organisation-nowhere = organisation { $id } is neither in the file nor in the database
problem-person-nowhere = person { $id } is neither in the file nor in the database
problem-follow-up-nowhere = follow-up { $id } is neither in the file nor in the database
problem-room-nowhere = room { $id } is neither in the file nor in the database
problem-not-participant = person { $id } is not a participant of this visit
problem-not-in-item = person { $id } is not among this item's participants: tick them first
problem-speaks-twice = is named as a speaker twice
problem-organisation-missing = organisation { $id } does not exist
problem-room-missing = room { $id } does not exist
problem-person-missing = person { $id } does not exist
# $entity: visit or person.
problem-ambiguous-id = '{ $text }' matches { $count } { $entity ->
    [visit] visits
    [organisation] organisations
    [follow_up] follow-ups
   *[other] people
}; give more of the id
problem-not-an-id = '{ $text }' is not { $entity ->
    [visit] a visit
    [follow_up] a follow-up's
   *[other] a person's
} id (give the id or its first 4 or more characters)

## The team database's connection

problem-host-required = give the server's name or address, e.g. db.example.org
problem-port-invalid = a number from 1 to 65535, or empty for 5432
problem-database-name-required = give the database's name, e.g. liaison
problem-user-required = give your user name on the server
problem-user-invalid = is not a user name
problem-not-a-file = { $path } is not a file
problem-no-settings-folder = no settings folder is known for this user
problem-password-in-url = Liaison does not keep passwords: put it in ~/.pgpass (or PGPASSWORD), not in the URL
# $side: host or guest.
problem-side-order = must list each { $side ->
    [host] host
   *[other] guest
} participant exactly once

## Databases Liaison will not open or change: the file or the server goes before each.

problem-not-sqlite = is not a Liaison database (it is not a SQLite file at all); choose another file
# $mark: the file's application id, such as 0x12345678.
problem-other-programs-sqlite = is another program's SQLite database (application id { $mark }), not Liaison's; it was left as it is
# $detail: what SQLite said.
problem-sqlite-unreadable = cannot be read as a SQLite database ({ $detail })
problem-foreign-sqlite = is a SQLite database of another program, not Liaison's; it was left as it is (choose another file)
problem-newer-schema = was made by a newer Liaison (schema { $newer }; this one knows up to schema { $known }); update Liaison to open it. It was left as it is
problem-name-not-utf8 = has a name that is not UTF-8
problem-server-silent = did not answer within 10 seconds
problem-team-needs-migration = has schema version { $version } and this Liaison needs { $needed }: an administrator must migrate it (liaison team migrate URL)
problem-team-newer = has schema version { $version }, made by a newer Liaison; this one works with version { $known }
problem-team-empty = is empty, not yet a Liaison database: an administrator creates it with liaison team init URL
problem-team-empty-to-migrate = is empty: liaison team init URL makes it a Liaison database
problem-team-foreign = is not a Liaison database (it holds other tables)
problem-team-already-liaison = is already a Liaison database
problem-team-not-empty = is not empty: it holds tables of another application
problem-no-pg-dump = cannot be backed up before migrating: pg_dump was not found (install postgresql-client)
# $detail: what the system or pg_dump said.
problem-backup-unstarted = cannot be backed up: { $detail }
problem-backup-failed = was not migrated: the backup failed ({ $detail })
problem-untrusted-certificate = refused the secure connection: the server's certificate is not one you trust (give your office's CA certificate, sslrootcert) ({ $detail })
problem-unreachable = cannot be reached ({ $detail })
problem-tls-refused = refused the secure connection ({ $detail })
problem-login-refused = refused the user name or password ({ $detail })
problem-no-such-database = has no such database ({ $detail })

## Refusals: the action clashes with what is stored

problem-organisation-in-use = the organisation still hosts, visits or is counterpart of follow-ups; change those first
problem-room-in-use = agenda items are still in this room; give them another place first
problem-person-in-use = the person is still on a visit or owns follow-ups; remove those first
problem-uid-taken = a calendar UID in the file already belongs to another record in the database ({ $detail })
# $problem: why, as said above.
problem-in-file = { $file }: { $problem }; nothing was written
problem-read-only-viewer = you may read this team database but not change it; its administrator can make you a coordinator

## The history of a record, in sentences (crates/core/src/history.rs)

# $field: the key of the field in a Liaison document.
history-field = { $field ->
    [start] start
    [end] end
    [host_org_id] host
    [guest_org_id] guest
    [organisation_id] organisation
    [owner_id] owner
    [counterpart_org_id] counterpart
    [participant_ids] people
    [precedence] place in the order
    [host_ids] order of the host side
    [guest_ids] order of the guest side
    [native_name] name in its own script
    [chinese_name] Chinese name
    [time_zone] time zone
    [online_link] online link
    [due_date] due date
    [dietary_needs] dietary needs
    [access_needs] access needs
    [title] title
    [name] name in Latin letters
    [kind] kind
    [status] status
    [position] place among the items at that time
    [to_act] who is to act
    [purpose] purpose
    [venue] venue
    [topics] topics
    [notes] notes
    [minutes] minutes
    [email] email
    [phone] phone
    [languages] languages
    [acronym] acronym
    [country] country
    [location] location
    [description] description
    [side] side
    [role] role
    [building] building
    [capacity] seats
    [equipment] equipment
    [availability] availability
    [room_id] room
    [chair_id] chair
    [speaker_ids] speakers
    [seating] seating plan
    [visa_details] visa letter details (kept apart)
   *[other] { $field }
}
history-nothing = nothing
history-gone = someone no longer in the directory
history-quoted = '{ $text }'
history-list-separator = {", "}
history-separator = {"; "}
# $entity: visit, agenda_item, room or follow_up.
history-subject = the { $entity ->
    [visit] visit
    [agenda_item] agenda item
    [room] room
   *[follow_up] follow-up
} '{ $label }'
history-participant-added = { $who } added { $what } to the visit
history-participant-removed = { $who } removed { $what } from the visit
history-created = { $who } created { $what }
history-created-record = { $who } created { $entity ->
    [person] person
   *[organisation] organisation
} { $what }
history-added = { $who } added { $what }
history-deleted = { $who } deleted { $what }
history-renamed = { $who } renamed the { $entity ->
    [visit] visit
    [agenda_item] agenda item
   *[follow_up] follow-up
} '{ $old }' to '{ $new }'
history-changed = { $who } changed { $what }
history-moved = { $who } moved { $what } from { $from } to { $to }
history-carried = { $who } carried { $what } into this visit ('{ $visit }')
history-uncarried = { $who } took { $what } off this visit ('{ $visit }')
history-changed-parts = { $who } changed { $what }: { $parts }
history-part-changed = changed the { $field }
history-part-moved = moved it from { $from } to { $to }
history-part-renamed = renamed it from '{ $old }'
history-part-changed-from = changed the { $field } from { $from } to { $to }
history-part-added = added { $names }
history-part-removed = removed { $names }
history-part-added-and-removed = added { $added } and removed { $removed }

## Errors about records (crates/core/src/error.rs)

# $entity: visit, person, organisation, agenda_item, follow_up, participant
# or previewed_import; $id: what was asked for.
error-not-found = { $entity ->
    [visit] visit
    [person] person
    [organisation] organisation
    [agenda_item] agenda item
    [follow_up] follow-up
    [participant] participant
    [previewed_import] previewed import
    [room] room
    [availability] availability
   *[other] { $entity }
} { $id } does not exist
error-stale = this { $entity ->
    [visit] visit
    [person] person
    [organisation] organisation
    [agenda_item] agenda item
    [follow_up] follow-up
    [room] room
    [availability] availability
   *[other] { $entity }
} was changed elsewhere since you opened it; nothing was saved

## The calendar export's choices (crates/core/src/calendar/export.rs)

calendar-method-publish = A calendar to import or subscribe to
calendar-method-request = An invitation to the participants
calendar-method-cancel = A cancellation of what was sent
calendar-tasks-todo = As tasks with a due date
calendar-tasks-events = As all-day events on the due date (Google, Outlook)
calendar-tasks-none = Leave them out

## What Liaison writes into calendar files (crates/core/src/calendar/export.rs
## and described.rs). An import recognises these lines in every language, so
## keep each label's text before and after its value distinct.

calendar-participants = Participants:
calendar-chair = {" "}(chair)
calendar-speaker = {" "}(speaker { $turn })
# $visit: the visit's title.
calendar-visit = Visit: { $visit }
# $name: the owner's name.
calendar-owner = Owner: { $name }
calendar-counterpart = Counterpart: { $organisation }
# $status: the follow-up's status, as the list above words it.
calendar-status = Status: { $status }
calendar-from-visit = From the visit: { $visit }
# A follow-up written as an all-day event on its due date.
calendar-due = Due: { $title }
calendar-host = Host: { $organisation }
calendar-guest = Guest: { $organisation }
# $topics: the visit's topics, as a list.
calendar-topics = Topics: { $topics }
# $city: the zone's city (Shanghai); $zone: its IANA id (Asia/Shanghai).
calendar-planned-in = Planned in { $city } time ({ $zone }).
calendar-planned-in-zone = Planned in { $zone }.
# $titles: a list of quoted titles.
calendar-left-out-cancelled = not in the invitation, cancelled (send them as a cancellation): { $titles }
calendar-left-out-nobody = not in the invitation, nobody with an email to invite: { $titles }
calendar-left-out-undated = { $count ->
    [one] one follow-up without a due date left out: a calendar event needs a date
   *[other] { $count } follow-ups without a due date left out: a calendar event needs a date
}
# $names: a list of people's names.
calendar-not-invited = not invited, no email address: { $names }
# A visit made for a calendar file that names none; $file: its name.
calendar-imported-title = Imported from { $file }
calendar-imported-notes = Imported from { $file }.

## Lists and quotations in sentences

# Between the items of a list; quoted so that its space is kept.
list-separator = {", "}
# A title or a name quoted in a sentence.
quoted = '{ $text }'

## Warnings (a save that went through, with something to look at)

# $start, $end: the visit's dates and times, as its zone reads them.
warning-outside-visit = is outside the visit's dates ({ MOMENT($start) } – { MOMENT($end) })
warning-item-now-outside = agenda item '{ $title }' ({ MOMENT($start) }) is now outside the visit's dates
warning-items-outside-visit = { $count ->
    [one] one item falls
   *[other] { $count } items fall
} outside the dates of '{ $title }'
warning-overlap = { $person } is also in '{ $item }' at that time
warning-overlap-elsewhere = { $person } is also in '{ $item }' on '{ $visit }' at that time
warning-shifted-over-clock-change = the clocks change in { $zone } at the copied time of “{ $item }”; it starts at { $time } instead
