# Plans: plans, rhythms, moving and cancelling a time (src/plans).

## Refusals and form errors

plans-time-already-cancelled = This time was already cancelled.
plans-time-has-already-begun = This time has already begun, so it can no longer be moved or cancelled.
plans-plan-happens-once-cancel = This plan happens once: cancel that time instead.
plans-rhythm-already-stopped = This rhythm was already stopped.
plans-give-date-year-month = Give the date as year, month and day, e.g. 2027-03-14.
plans-give-start-hours-minutes = Give the start as hours and minutes, e.g. 18:30.
plans-give-end-hours-minutes = Give the end as hours and minutes, e.g. 19:30.
plans-end-must-after-start = The end must be after the start: a plan lasts from 5 minutes to the end of its day.
plans-plan-lasts-least-5 = A plan lasts at least 5 minutes.
plans-up-to-two-years-ahead = Plans can be made up to two years ahead.
plans-unknown-time-zone = { -brand } does not know this time zone. Choose your time or your partner's.
plans-choose-how-often-once = Choose how often: once, every week, every other week or every month.
plans-give-last-date-year = Give the last date as year, month and day, or leave it empty.
plans-last-date-before-first = The last date is before the first one.
plans-time-passed-in = This time has already passed in { $city }. Choose a later one.
plans-move-limit = A time can be moved up to { $days } days from when it was planned. For a new date further away, make a new plan.

## Page titles

plans-title-calendar = Calendar
plans-title-plan-something = Plan something
plans-title-plans = Plans
