# Accounts: sign-up, log-in, resets, passwords and Settings (src/auth).

## Log in

login-title = Log in
login-password-changed = Your password was changed. Log in with the new one.
login-email = Email
login-password = Password
login-submit = Log in
login-forgot = Forgot your password?
login-new-here = New here?
login-sign-up = Sign up

## Sign up (and the login fields of accepting an invitation)

signup-title = Sign up
signup-heading = Start your family’s { -brand }
signup-lede = A private place for a mother and her son. It takes a minute; you can add or invite the others next.
signup-i-am = I am…
signup-the-mother = the mother
signup-the-son = the son
signup-family-name = Family name (optional)
signup-family-name-hint = Shown only to your family, e.g. “The Okafors”.
signup-birth-date = Your birth date
signup-birth-date-hint = { -brand } picks what fits your age from it.
signup-submit = Create our family
signup-have-account = Already have an account? <a href="/login">Log in</a>. Got an invitation link? Open it to join your family.
signup-your-name = Your name
signup-your-name-hint = Any name you like to be called, in any script.
signup-email-hint = For logging in and for reset links. Never shown to anyone else.
signup-password-hint = At least 10 characters. A few unrelated words work well.

## Forgot your password

forgot-title = Forgot your password?
forgot-sent = If an account exists for that address, a link to choose a new password is on its way. It works for one hour.
forgot-no-mail-server = This { -brand } has no mail server set up, so the message waits in its outbox. Open <a href="/outbox">Outbox</a> if you are still logged in on another device, or ask whoever runs this { -brand } to run <code>tandem outbox</code> on the server.
forgot-lede = Give the email you log in with and { -brand } will send a link to choose a new password.
forgot-submit = Send me a link
forgot-back = Back to log in

## Refusals and form errors

auth-too-many-wrong-passwords = There were too many wrong passwords for this account. Wait 15 minutes and try again, or reset your password.
auth-too-many-failed-logins-network = There were too many failed logins from your network. Wait 15 minutes and try again.
auth-please-choose-whether-mother = Please choose whether you are the mother or the son.
auth-confirm-mails-limit = { -brand } already sent several messages to this address in the last hour. Look for them in the mailbox, or try again in an hour.
auth-too-many-sign-ups-network = There were too many sign-ups from your network. Please try again in an hour.
auth-link-used-moment-ago = This link was used a moment ago. Log in instead.
auth-link-not-made-by-tandem = This link is not one { -brand } made. Check that it was copied whole.
auth-link-already-used-address = This link was already used: your address is confirmed. Log in instead.
auth-link-has-expired-they = This link has expired (they last two days). Ask for a password reset on the log-in page: it confirms your address too.
auth-reset-mails-limit = { -brand } already sent several reset links to this address in the last hour. Use the newest one in the mailbox, or ask again in an hour.
auth-too-many-resets-network = There were too many reset requests from your network. Please try again in an hour.
auth-reset-link-not-made-by-tandem = This reset link is not one { -brand } made. Ask for a new one on the “Forgot your password?” page.
auth-reset-link-already-used = This reset link was already used. If you need to change your password again, ask for a new link.
auth-reset-link-has-expired = This reset link has expired (they last an hour). Ask for a new one.
auth-reset-link-used = This reset link was already used.
auth-current-password-wrong-too = The current password was wrong too many times. Wait 15 minutes and try again; if you forgot it, log out and reset it.
auth-wrong-current-password = This is not your current password.
auth-email-password-mismatch = That email and password do not match. Check both and try again.
auth-please-confirm-email-address = Please confirm your email address first: open the link { -brand } mailed to it when you signed up.
auth-email-like-example = Please enter an email address like name@example.org.
auth-email-needed = Your email address is needed.
auth-email-too-long = This email address is too long.
auth-choose-time-zone = Please choose a time zone from the list.
auth-birth-date-needed = His birth date is needed: { -brand } picks what fits his age from it.
auth-birth-date-format = Please give the date as year-month-day, e.g. 2012-05-31, with a year from 1900 to 2200.
auth-birth-date-in-future = The birth date cannot be in the future.
auth-birth-date-check-year = Please check the year of the birth date.
auth-password-hint = A few unrelated words with spaces work well, like “kettle river sunday moss”.
auth-password-too-short = Use at least { $min } characters. { auth-password-hint }
auth-password-too-long = Use at most { $max } characters.
auth-password-too-few-characters = This password repeats too few characters to be safe. { auth-password-hint }
auth-password-common = This password is one of the first that attackers try. { auth-password-hint }
auth-password-personal = Please do not build your password from your name or email. { auth-password-hint }

## Settings

settings-title = Settings
settings-profile-saved = Your profile is saved.
settings-password-changed = Your password is changed. Other devices were signed out.
settings-profile-heading = Profile
settings-log-in-as = You log in as <strong>{ $email }</strong>.
settings-your-name = Your name
settings-birth-date = Your birth date
settings-birth-date-hint = { -brand } picks what fits your age from it.
settings-language = Language
settings-language-browser = As my browser says
settings-language-hint = The language { -brand } speaks to you in, here and in its mails.
settings-choose-language = Please choose one of the languages offered.
settings-save-profile = Save profile
settings-reminders-heading = Reminders
settings-reminders-text = How { -brand } reminds you of your plans: on Today, by mail, quiet hours and how many a week.
settings-reminders-link = Reminder settings
settings-support-heading = Support
settings-support-text = Helplines where you live, for when a feeling is too heavy to carry alone. Only you see this.
settings-support-link = Support settings
settings-password-heading = Password
settings-current-password = Current password
settings-new-password = New password
settings-new-password-hint = At least 10 characters. Other devices will be logged out.
settings-change-password = Change password

## Page titles

auth-title-ask-your-mum = Ask your mum
auth-title-check-your-mail = Check your mail
auth-title-finish-signing-up = Finish signing up
auth-title-choose-a-new-password = Choose a new password

## Choosing a new password from a reset link

reset-heading = Choose a new password
reset-lede = After this, every device that was logged in with the old password is logged out.
reset-save = Save new password

## After signing up: the confirmation mail

check-mail-heading = Check your mail
check-mail-lede = { -brand } sent a message to the address you gave. Open the link in it to finish.
check-mail-nothing-arrived = If the address already has a { -brand } account, the message says so and how to log in instead. Nothing arrived? Look in the spam folder; links last two days.
check-mail-no-smtp = This { -brand } has no mail server set up, so the message waits in its outbox: ask whoever runs this { -brand } to run <code>tandem outbox</code> on the server.
check-mail-go-log-in = Go to log in
confirm-heading = Finish signing up
confirm-lede = Your address is almost confirmed. One click and you are in.
confirm-button = Confirm and log in

## Too many tries

locked-heading = Please wait a little
locked-reset-lifts = A new password lifts this wait at once: { -brand } mails you a link to choose one.
locked-reset = Reset your password
locked-back = Back to log in

## A boy under 13 who tried to sign up alone

ask-mother-heading = Ask your mum to start your family
ask-mother-lede = { -brand } is for you and your mum together. Because you are not 13 yet, she starts your family first, then gives you your own login. Nothing you typed was kept.
ask-mother-what-to-say = What you could say to her
ask-mother-quote = “Mum, I found an app for the two of us, called { -brand }. We can answer the same questions, plan things to do together and keep our memories. Can you sign up and then invite me?”
ask-mother-how = How she signs up
ask-mother-step-open = She opens <strong>{ $link }</strong> on her phone or computer.
ask-mother-step-choose = Under “I am…” she chooses “the mother”, then adds you on the family page.
ask-mother-step-invite = She makes an invitation link for you, and with it you choose your own password.
ask-mother-private = What you keep private in { -brand } stays private, even from her.
ask-mother-back = Back to the start

## Account mail (in the language of the request, or the account's own)

auth-mail-exists-subject = You already have a { -brand } account
auth-mail-exists-text = Someone (hopefully you) tried to sign up to { -brand }, or to accept an invitation, with this address. It already belongs to an account, so nothing new was made.
auth-mail-exists-log-in = To log in: { $link }
auth-mail-exists-forgot = Forgot your password? { $link }
auth-mail-exists-not-you = If it was not you, ignore this message: your account stays as it is.
auth-mail-confirm-subject = Finish signing up to { -brand }
auth-mail-confirm-text = Someone (hopefully you) signed up to { -brand } with this address. To finish, open this link within { $hours } hours:
auth-mail-confirm-not-you = If it was not you, ignore this message: without the link, the account never opens.
auth-mail-reset-subject = Choose a new { -brand } password
auth-mail-reset-text = Someone (hopefully you) asked to reset the password of your { -brand } account. To choose a new one, open this link within { $minutes } minutes:
auth-mail-reset-not-you = If you did not ask for this, you can ignore this message: your password stays as it is.
