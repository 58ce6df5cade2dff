# The words of the documents Liaison typesets (crates/documents): headings
# and labels around what the coordinator entered, which is printed as
# entered.

doc-programme = Programme
doc-times-in = Times are local times in { $zone }.
doc-venue = Venue
doc-dates = Dates
doc-host = Host
doc-guest = Guest
doc-chair = Chair
doc-speakers = Speakers
doc-participants = Participants
doc-nothing-planned = Nothing is planned yet.
doc-day = { $weekday } { $day } { $month } { $year }
doc-weekday-mon = Monday
doc-weekday-tue = Tuesday
doc-weekday-wed = Wednesday
doc-weekday-thu = Thursday
doc-weekday-fri = Friday
doc-weekday-sat = Saturday
doc-weekday-sun = Sunday
doc-month-01 = January
doc-month-02 = February
doc-month-03 = March
doc-month-04 = April
doc-month-05 = May
doc-month-06 = June
doc-month-07 = July
doc-month-08 = August
doc-month-09 = September
doc-month-10 = October
doc-month-11 = November
doc-month-12 = December
doc-error-no-font = No installed font can show { $script } text (such as “{ $character }”): install a font that covers it, e.g. from the Noto family, and try again.
doc-error-typeset = The document could not be typeset: { $message }

## The briefing pack
doc-briefing = Briefing pack
doc-times-in-and-reader = Times are local times in { $zone }; times in { $reader } are given beside where they differ.
doc-purpose = Purpose
doc-topics = Topics
doc-delegations = Delegations
doc-side-host = Host side
doc-side-guest = Guest delegation
doc-col-name = Name
doc-col-title = Title
doc-col-organisation = Organisation
doc-col-role = Role
doc-notes-on = Notes on people and organisations
doc-people = People
doc-organisations = Organisations
doc-languages = Languages
doc-notes = Notes
doc-country = Country
doc-history = Earlier contacts
doc-earlier-visits = Earlier visits with the guest
doc-open-follow-ups = Follow-ups still open
doc-due = Due
doc-owner = Owner
doc-overdue = Overdue
doc-logistics = Logistics
doc-online = Online
doc-rooms = Rooms
doc-building = Building
doc-capacity = Seats
doc-equipment = Equipment
doc-needs = Dietary and access needs
doc-dietary = Dietary
doc-access = Access
doc-not-recorded = Not recorded.

## The seating plan
doc-seating = Seating plan
doc-seating-meeting = Meeting table
doc-seating-banquet = Banquet
doc-seating-table = Table { $number }
doc-seating-door = Door
doc-seating-right-first = The right hand ranks above the left (international practice).
doc-seating-left-first = The left hand ranks above the right (Chinese domestic practice).
doc-seating-interpreter-behind = Interpreters sit behind their principal.
doc-seating-interpreter-beside = Interpreters sit beside their principal.
doc-seating-nobody = Nobody is on the visit yet.
