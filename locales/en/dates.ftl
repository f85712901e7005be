# Dates and times (src/i18n/dates.rs). Pieces a date message can place:
# $day, $month, $month-short, $year, $weekday, $weekday-short; a date-at- message also $time.

date-long = { $day } { $month } { $year }
date-short = { $day } { $month-short } { $year }
date-day-month = { $day } { $month }
date-day-month-short = { $day } { $month-short }
date-weekday-day-month-short = { $weekday-short } { $day } { $month-short }
date-weekday-date-short = { $weekday-short } { $day } { $month-short } { $year }
date-weekday-date-long = { $weekday } { $day } { $month } { $year }
date-month-year = { $month } { $year }
date-time = { $hour }:{ $minute }
date-at-weekday-date-long = { $weekday } { $day } { $month } { $year }, { $time }
date-at-weekday-day-month = { $weekday } { $day } { $month }, { $time }
date-at-weekday-day-month-short = { $weekday-short } { $day } { $month-short }, { $time }
date-at-time-first = { $time } on { $weekday-short } { $day } { $month-short }
date-at-date-short = { $day } { $month-short } { $year } { $time }

date-month-january = January
date-month-february = February
date-month-march = March
date-month-april = April
date-month-may = May
date-month-june = June
date-month-july = July
date-month-august = August
date-month-september = September
date-month-october = October
date-month-november = November
date-month-december = December

date-month-short-january = Jan
date-month-short-february = Feb
date-month-short-march = Mar
date-month-short-april = Apr
date-month-short-may = May
date-month-short-june = Jun
date-month-short-july = Jul
date-month-short-august = Aug
date-month-short-september = Sep
date-month-short-october = Oct
date-month-short-november = Nov
date-month-short-december = Dec

date-weekday-monday = Monday
date-weekday-tuesday = Tuesday
date-weekday-wednesday = Wednesday
date-weekday-thursday = Thursday
date-weekday-friday = Friday
date-weekday-saturday = Saturday
date-weekday-sunday = Sunday

date-weekday-short-monday = Mon
date-weekday-short-tuesday = Tue
date-weekday-short-wednesday = Wed
date-weekday-short-thursday = Thu
date-weekday-short-friday = Fri
date-weekday-short-saturday = Sat
date-weekday-short-sunday = Sun
