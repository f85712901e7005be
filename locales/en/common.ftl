# The frame of every page, the error pages and the messages of forms.

# The language's name in itself, as Settings lists it.
language-name = English

-brand = Tandem

page-title = { $page } · { -brand }
layout-brand = { -brand }
layout-skip-to-content = Skip to content
layout-nav-main = Main
layout-log-out = Log out
layout-footer = { -brand } · private to your family

nav-today = Today
nav-talk = Talk
nav-feelings = Feelings
nav-together = Together
nav-family = Family
nav-outbox = Outbox
nav-settings = Settings
nav-more = More
nav-log-in = Log in
nav-sign-up = Sign up

# Together mode: a mother using her young son's profile.
acting-banner = You are using { -brand } together with <strong>{ $son }</strong>.
acting-banner-whose = What you write now is { $role ->
        [mother] hers
        [son] his
       *[other] theirs
    }.
acting-stop = Stop together mode
# The same, in a phone's few words.
acting-banner-short = Together with <strong>{ $son }</strong>
# The header's way in, on every page of a mother whose son has no login of his own.
acting-offer = Together with { $son }
# …when several sons have none: the family page lets her choose.
acting-offer-choose = Together mode

# Words the page's script writes itself (assets/app.js): the count under a text with a limit,
# and what a copy button says. `used`, `limit` and `over` are numbers.
script-count = { $used } of { $limit } characters
script-count-over = { $used } of { $limit } characters: { $over } too many
script-copied = Copied
script-copied-said = Copied to the clipboard
script-copy-failed = Could not copy. Select the text and copy it yourself.

# The More page (a phone's tab bar leads there for every section that is not a tab).
more-signed-in-as = Signed in as { $name }.

## Error pages

error-title = Error
error-went-wrong = Something went wrong.
error-go-to-today = Go to Today
error-not-found-title = Page not found
error-not-found-message = There is nothing here. The link may be mistyped, or the page is not yours to see.
error-bad-request-title = That did not work
error-forbidden-title = Not allowed
error-conflict-title = Already done
error-too-large-title = Too much at once
error-too-large-message = What you sent is larger than { -brand } accepts. Please shorten it and try again.
error-wait-title = Please wait a little
error-link-invalid-title = This link no longer works
error-internal-title = Something went wrong
error-internal-message = { -brand } could not finish this. Nothing was changed; please try again in a moment.
error-unavailable-title = Not saved just now
error-unavailable-message = { -brand } cannot reach its storage at the moment. Nothing was changed; please try again in a minute.
error-stalled-title = The upload stopped
error-stalled-message = Nothing arrived from your device for a while, so { -brand } stopped waiting. Nothing was saved; please try again when the connection is better.

## Refusals and form errors

error-bond-has-ended = This bond has ended: what you wrote in it stays here to read, but nothing new can be added.
error-unreadable-address = This address has characters { -brand } cannot read. Please check the link.
error-form-from-elsewhere = This form was sent from another site or an old page, so { -brand } ignored it. Go back, reload the page and try again.

## Forms (src/web/form.rs): $what is a field name below, e.g. "Your name"

form-needed = { $what } is needed.
form-at-least = { $what } needs at least { $min } characters.
form-at-most = { $what } can be at most { $max ->
        [one] { $max } character
       *[other] { $max } characters
    } (it has { $len }).
form-unstorable = { $what } contains characters { -brand } cannot store.
form-one-line = { $what } must fit on one line.
form-invisible = { $what } contains invisible characters that change how text shows (direction marks or zero-width spaces). Please type it again without them.
form-field-not-utf8 = The field “{ $field }” has characters { -brand } cannot read. Please check what you typed there and send it again.
form-unreadable = { -brand } could not read this form ({ $detail }). Please go back and try again.

## Field names, as form messages name them

field-his-name = His name
field-how-it-goes = How it goes
field-how-it-went = How it went
field-something-to-talk-about = Something to talk about
field-the-agreement = The agreement
field-the-description = The description
field-the-family-name = The family name
field-the-highlight = The highlight
field-the-note = The note
field-the-place = The place
field-the-time = The time
field-the-title = The title
field-the-topic = The topic
field-their-name = Their name
field-this-answer = This answer
field-this-part = This part
field-what-it-was-about = What it was about
field-what-you-learned = What you learned
field-what-you-need = What you need
field-your-answer = Your answer
field-your-interest = Your interest
field-your-name = Your name
field-your-own-word = Your own word
field-your-own-words = Your own words

## Form controls shared by several pages (templates/macros.html)

form-answers-need-another-look = Some answers need another look. They are marked below.

form-time-zone = Time zone
form-time-zone-hint = Reminders and “today” follow your own clock.
form-time-zone-find = Find your city
form-time-zone-utc = UTC, no summer time
form-time-zone-option = { $city } (UTC{ $offset })
zones-region-africa = Africa
zones-region-america = The Americas
zones-region-antarctica = Antarctica
zones-region-asia = Asia
zones-region-atlantic = Atlantic islands
zones-region-australia = Australia
zones-region-europe = Europe
zones-region-indian = Indian Ocean
zones-region-pacific = Pacific

## The numbered pages of a long list (templates/_pager.html)

pager-label = Pages
pager-previous = Previous
pager-next = Next
pager-page = Page { $number }
pager-bad-number = That is not a page number. Pages are numbered 1, 2, 3 and so on.

## Who may read a record

visibility-private = Only me
visibility-shared = Both of us
visibility-sealed = Sealed until a date
visibility-sealed-until = sealed until { $day }
made-together = made together

## Page titles

outbox-title-outbox = Outbox

## Every mail: its greeting and its signature

mail-hello = Hello { $name },
mail-signature = { -brand }

## Choosing which bond a section is about

choose-bond-none = This is shared between a mother and her son. Once your family has both, it starts here.
choose-bond-go-family = Go to your family
choose-bond-who = Who is this with?
choose-bond-with = With { $name }

## The outbox

outbox-heading = Outbox
outbox-lede-smtp = Mail { -brand } sent for you. It went out by email; copies stay here.
outbox-lede-no-smtp = This { -brand } has no mail server set up, so its mail waits here instead. You see mail addressed to you and the invitations you sent, to pass on yourself.
outbox-empty = Nothing here yet.
outbox-to = To { $email } · { $when } UTC
outbox-sent = sent by email
outbox-waiting = waiting here

## The page the installed app shows without a connection

offline-title = No connection
offline-heading = You are offline
offline-body = { -brand } needs a connection to show your family's pages; nothing private is kept on this device. Check your connection and try again.
offline-retry = Try again
