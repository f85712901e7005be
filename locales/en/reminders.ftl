# Reminders: Settings → Reminders, and the reminders on Today and by mail.

## Refusals and form errors

reminders-give-time-like = Give a time like 21:00.
reminders-whole-number-up-to = Choose a whole number from 0 to { $max }.

## Settings → Reminders

reminders-settings-title = Reminders
reminders-settings-lede = { -brand } reminds you of what you planned together, the evening before, in your own time zone. You choose how, when not, and how often.
reminders-settings-saved = Your reminder settings are saved.
reminders-settings-need-another-look = Some settings need another look.
reminders-settings-channels = How to reach you
reminders-settings-come = Reminders come…
reminders-settings-in-app = On Today, when you open { -brand }
reminders-settings-by-mail = By mail to <span class="address">{ $address }</span>
reminders-settings-together = Several reminders due at the same time come together, in one mail.
reminders-settings-quiet = Quiet hours
reminders-settings-quiet-hint = No mail between these times, by your own clock. A reminder that falls in them waits until they end, or comes a little before they begin if waiting would be too late. The same time twice means no quiet hours.
reminders-settings-quiet-from = Quiet from
reminders-settings-quiet-until = Until
reminders-settings-how-often = How often
reminders-settings-cap = At most this many reminder mails a week
reminders-settings-cap-hint = From 0 to { $max }. Beyond it, reminders still wait for you on Today. Weeks start on Monday; a missed one is simply forgotten.
reminders-settings-save = Save reminder settings
reminders-settings-back = Back to settings
