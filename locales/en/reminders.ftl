# Reminders: Settings → Reminders, and the reminders on Today and by mail.

## Refusals and form errors

reminders-give-time-like = Give a time like 21:00.
reminders-whole-number-up-to = Choose a whole number from 0 to { $max }.
