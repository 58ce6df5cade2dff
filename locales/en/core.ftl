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
