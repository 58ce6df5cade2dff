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
