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
reminders-settings-by-push = As notifications, on the devices where you turned them on
reminders-settings-together = Several reminders due at the same time come together, in one mail or notification.
reminders-settings-quiet = Quiet hours
reminders-settings-quiet-hint = No mail or notification between these times, by your own clock. A reminder that falls in them waits until they end, or comes a little before they begin if waiting would be too late. The same time twice means no quiet hours.
reminders-settings-quiet-from = Quiet from
reminders-settings-quiet-until = Until
reminders-settings-how-often = How often
reminders-settings-cap = At most this many reminder mails or notifications a week
reminders-settings-cap-hint = From 0 to { $max }. Beyond it, reminders still wait for you on Today. Weeks start on Monday; a missed one is simply forgotten.
reminders-settings-save = Save reminder settings
reminders-settings-back = Back to settings

## The reminders card on Today

reminders-card-heading = Reminders
reminders-card-with = with { $name }
reminders-card-your-time = { $when }, your time
reminders-card-how-was = How was { $title }?
reminders-card-a-few-words = A few words for your memory book
reminders-card-a-few-words-with = A few words for your memory book with { $name }
reminders-card-joined = { $name } has joined your family
reminders-card-joined-hint = { $when }, your time. Not someone you know? A mother of the family can remove them.
reminders-card-left = { $name } is no longer in your family
reminders-card-got-it = Got it
reminders-card-settings = Reminder settings

## The reminder mail (in its recipient's language)

reminders-mail-subject-plan = Reminder: { $title }, { $when }
reminders-mail-subject-joined = { $name } has joined your family on { -brand }
reminders-mail-subject-left = { $name } is no longer in your family on { -brand }
reminders-mail-subject-news = News of your family on { -brand }
reminders-mail-subject-many = { $count } reminders from { -brand }
reminders-mail-plan = { $title }: { $when }, your time.
reminders-mail-plan-with = { $title } with { $name }: { $when }, your time.
reminders-mail-reflect = How was { $title }? Write a few words; the other won't see them until you have both written.
reminders-mail-reflect-with = How was { $title }? Write a few words for your memory book with { $name }; { $name } won't see them until you have both written.
reminders-mail-joined = { $name } has joined your family ({ $when }, your time). If you don't know who this is, a mother of the family can remove them on the family page:
reminders-mail-left = { $name } is no longer in your family ({ $when }, your time). What you wrote in your bond stays yours to read; nothing new is added to it.
reminders-mail-how-often = { -brand } sends at most a few reminders a week, together in one mail. To choose how, when and how often:
