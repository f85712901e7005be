# Feelings: check-ins, the toolbox, needs and insights (src/feelings).

## The tabs between the feelings pages (feelings::TABS)

feelings-nav-checkins = Check-ins
feelings-nav-needs = What helps us
feelings-nav-toolbox = Calm-down toolbox
feelings-nav-words = Feelings words
feelings-nav-coaching = { $side ->
        [son] Talking with Mum
       *[mother] Emotion coaching
    }
feelings-nav-insights = Insights

## The grid of feelings

feelings-quadrant-bright = Bright
feelings-quadrant-calm = Calm
feelings-quadrant-stormy = Stormy
feelings-quadrant-heavy = Heavy
feelings-quadrant-bright-hint = pleasant, full of energy
feelings-quadrant-calm-hint = pleasant, quiet energy
feelings-quadrant-stormy-hint = unpleasant, lots of energy
feelings-quadrant-heavy-hint = unpleasant, low energy

## The feelings home (templates/feelings/home.html)

feelings-home-heading = Feelings
feelings-home-lede = How you are, in a word — for yourself, or shared with { $partner }.
feelings-invite-heading = { $partner } shared a feeling this week
feelings-invite-body = If you'd like, share how you are too. One word is enough.
feelings-invite-not-now = Not now
feelings-how-heading = How are you feeling?
feelings-recent-heading = Recent check-ins
feelings-recent-none = No check-ins yet. Yours stay private unless you share them.
# A check-in's strength, "4/5".
feelings-intensity = { $intensity }/5
# Who checked in, and when: "Iker · Sat 21 Nov, 18:05".
feelings-checkin-by = { $name } · { $when }

## Checking in (templates/feelings/check_in.html, edit.html, _checkin_form.html)

feelings-check-in-heading = How are you feeling?
feelings-check-in-lede = Private unless you choose to share it with { $partner }.
feelings-helped-before-heading = When it was hard before, this helped you
feelings-back = Back to feelings
feelings-edit-heading = Change your check-in
feelings-edit-lede = If you make it private, { $partner } stops seeing it straight away.
feelings-form-grid = Part of the grid
feelings-form-which-face = Which face is like you?
feelings-form-which-word = Which word fits best?
feelings-form-own-word = Or your own word
feelings-form-more = Add more (optional)
feelings-form-how-strong = How strong?
feelings-form-how-big = How big is the feeling?
feelings-strength-small = A little
feelings-strength-medium = Quite a lot
feelings-strength-big = Really big
feelings-form-need = What I need right now
feelings-form-note = A note
feelings-form-who-sees = Who sees it
feelings-form-only-me = Only me
feelings-form-me-and = Me and { $partner }
feelings-form-save-changes = Save changes
feelings-form-share = Share with { $partner }
feelings-form-keep = Keep it to myself
feelings-form-pick-part = Pick the part of the grid that is closest to how you feel.

## One check-in (templates/feelings/show.html)

feelings-saved-shared = Saved and shared with { $partner }.
feelings-saved-private = Saved, just for you.
feelings-show-you-felt = You felt <span class="word">{ $word }</span>
feelings-show-they-felt = { $name } felt <span class="word">{ $word }</span>
feelings-show-when = When
feelings-show-grid = Part of the grid
feelings-show-quadrant = { $quadrant } — { $hint }
feelings-show-strength = Strength
feelings-show-strength-of = { $intensity } of 5
feelings-show-needs = Needs right now
feelings-show-who-sees = Who sees it
feelings-show-you-and = You and { $partner }
feelings-show-only-you = Only you
feelings-show-change = Change
feelings-show-delete = Delete<span class="visually-hidden"> this check-in</span>
feelings-show-helped-heading = What helped you before
feelings-show-open-toolbox = Open your calm-down toolbox
feelings-show-might-help-heading = Something that might help
feelings-show-might-help = Your calm-down toolbox has ideas to try. Note what helps, and { -brand } will remind you next time.
feelings-show-answers = Answers
feelings-show-check-in-yourself = Or check in yourself
feelings-reply-add = Add something
feelings-reply-answer = Answer { $name }

## The card after the hardest words (templates/feelings/_reach_out.html)

feelings-reach-out-ask-hint = { $partner } gets an ordinary request to talk, today if you can. Nothing about this check-in, its word or this card goes with it.
feelings-reach-out-someone = Someone to talk to
# Ends the card's danger line ("… call"), when no country is chosen.
feelings-reach-out-local-emergency = your local emergency number
feelings-reach-out-only-you = Only you see this card.

## Helplines (templates/feelings/_helplines.html) and the support settings (support.html)

feelings-helpline-call = Call { $phone }
feelings-helplines-country-first = Helplines in { $country } first, then ones that help anywhere. Numbers can change: this list was last checked in { $checked }.
feelings-helplines-anywhere = These help anywhere. <a href="/settings/support">Choose your country</a> to see helplines where you live. Numbers can change: this list was last checked in { $checked }.
feelings-helplines-danger = If someone is in danger right now in { $country }, call { $emergency }.
feelings-support-heading = Support
feelings-support-lede = When a feeling is too heavy to carry alone, { -brand } shows you people you can talk to. Choose where you live to see helplines there, as well as ones that help anywhere.
feelings-support-saved = Saved.
feelings-support-where-heading = Where you live
feelings-support-country = Country
feelings-support-none = None of these, or I'd rather not say
feelings-support-country-hint = Only you see this choice. It is never shown or reported to anyone else in your family.
feelings-support-save = Save
feelings-support-helplines-heading = Your helplines
feelings-support-back = Back to settings
feelings-support-choose-country = Please choose a country from the list, or none.

## The needs profile (templates/feelings/needs.html)

feelings-needs-heading = What helps us
feelings-needs-lede = { $reader ->
        [little] What helps you when things are hard? Tell { $partner }, and { $partner } writes it down in your words.
        [mother-of-little] What helps you when things are hard. { $partner } cannot read yet: read yours to him, and fill in his together with him.
       *[other] What helps each of you when things are hard. { $partner } can read what you write here, and you can read { $role ->
            [mother] hers
           *[son] his
        }.
    }
feelings-needs-saved = Saved. { $partner } can read it now.
feelings-needs-theirs-none = { $partner } hasn't written this yet.
feelings-needs-you = You
feelings-needs-example = For example: { $example }
feelings-needs-save = Save

## The calm-down toolbox (templates/feelings/toolbox.html)

feelings-toolbox-heading = Calm-down toolbox
feelings-toolbox-lede = Ideas for when a feeling is big. Try one, then note whether it helped: next time, { -brand } shows you what worked.
feelings-toolbox-recorded = Noted. Thank you for trying.
feelings-toolbox-helped-heading = What helped you
feelings-toolbox-helped-none = Nothing noted yet.
feelings-toolbox-helped-times = <strong>{ $strategy }</strong> · helped { $times ->
        [one] { $times } time
       *[other] { $times } times
    }
feelings-toolbox-lately = Lately
feelings-toolbox-try = { $strategy } — { $helped }
feelings-toolbox-try-shared = { $strategy } — { $helped } · shared
feelings-toolbox-tried = I tried it
feelings-toolbox-let-see = Let { $partner } see this

feelings-helped-yes = It helped
feelings-helped-some = A bit
feelings-helped-no = Not this time

feelings-kind-breathe = Breathe
feelings-kind-move = Move
feelings-kind-create = Make something
feelings-kind-music = Music
feelings-kind-talk = Talk
feelings-kind-rest = Rest
feelings-kind-outside = Outside
feelings-kind-senses = Senses

## Feelings words (templates/feelings/words.html)

feelings-words-heading = Feelings words
feelings-words-lede = { $count } words. Naming a feeling precisely makes it easier to handle; new words arrive as he grows.
feelings-words-lede-for = { $count } words for { $son }'s age ({ $band ->
        [little] little one, 3–5
        [child] child, 6–9
        [tween] tween, 10–12
        [teen] teen, 13–17
        [young_adult] young adult, 18–25
       *[adult] adult, 26+
    }). Naming a feeling precisely makes it easier to handle; new words arrive as he grows.
feelings-words-example = “{ $example }”
feelings-words-basis = The four groups rest on the circumplex model of affect, a public model from psychology (James Russell, 1980): any feeling is more or less pleasant and carries more or less energy. Within each group the words run from mild to strong.

## Emotion coaching (templates/feelings/coaching.html)

feelings-coaching-heading = Emotion coaching
feelings-coaching-lede = Five steps for the moments when { $son } has a big feeling. Not a script: a way of being with him. With older sons, connect and calm first; deciding what to do can wait.
feelings-coaching-why = <strong>Why:</strong> { $why }
feelings-coaching-watch = <strong>Watch for:</strong> { $avoid }
feelings-coaching-with = { $band ->
        [little] With a little one (3–5)
        [child] With a child (6–9)
        [tween] With a tween (10–12)
        [teen] With a teen (13–17)
        [young_adult] With a young adult (18–25)
       *[adult] With an adult (26+)
    }
feelings-coaching-other-ages = Examples at other ages<span class="visually-hidden"> for “{ $step }”</span>
feelings-coaching-get-help = When to get help
feelings-coaching-helplines = Helplines
feelings-coaching-basis = The five steps are based on John Gottman's emotion-coaching model; the words and the examples are written for Tandem.

## The son's own guide (templates/feelings/son_guide.html)

feelings-son-guide-heading = { $band ->
        [little] Me and Mum
        [child] Talking with Mum
       *[other] Talking with your mum
    }
feelings-son-guide-lede = { $band ->
        [little] For { $mother } to read with you: three little things about big feelings.
       *[other] Three things that make it easier between you and { $mother }.
    }
feelings-son-guide-say = <strong>You could say:</strong> “{ $say }”
feelings-son-guide-more-heading = If it's more than a bad day
feelings-son-guide-more = { $band ->
        [child] If a feeling is too big, or it keeps coming back, tell a grown-up you trust: your mum, a teacher, or someone on these lines. They are there to listen.
        [tween] If a feeling is too big or hangs around for weeks, tell someone you trust: your mum, another adult, a teacher, or someone on these lines.
        [teen] If it's more than a bad day, or it's been weeks, tell someone you trust: your mum, another adult, a doctor, or someone on these lines. You don't have to sort it alone.
       *[other] If it's been weeks, or it feels like too much, talk to someone: a friend, your doctor, your mum, or someone on these lines. You don't have to carry it alone.
    }

## Insights (templates/feelings/insights.html, src/feelings/chart.rs)

feelings-insights-heading = Insights
feelings-insights-lede = How the two of you have felt. { $partner }'s side shows only what { $partner } chose to share.
feelings-insights-periods = Period
feelings-period-week = week
feelings-period-month = month
feelings-period-year = year
feelings-insights-earlier = ← Earlier
feelings-insights-later = Later →
# A week's span: "16 Nov – 22 Nov 2026".
feelings-insights-week = { $from } – { $to }
feelings-insights-by-part = By part of the grid
feelings-insights-bars = Upper bar: { $first } · lower bar: { $second }
feelings-insights-table-caption = Check-ins by part of the grid, { $span }
feelings-insights-part = Part
feelings-insights-all = All
feelings-insights-count = { $count } ({ $percent }%)
feelings-insights-none-mine = No check-ins in this period.
feelings-insights-none-theirs = No shared check-ins in this period.
feelings-insights-as-table = Show as a table<span class="visually-hidden"> ({ $name })</span>
feelings-insights-over-caption = { $name }: check-ins over { $span }
feelings-insights-month = Month
feelings-insights-day = Day
feelings-insights-top-words = Most used words
feelings-insights-times = × { $count }
feelings-insights-what-helped = What helped
feelings-chart-shares-title = Share of check-ins by quadrant
feelings-chart-over-time-title = { $name }'s check-ins over time
feelings-chart-counts = bright { $bright }, calm { $calm }, stormy { $stormy }, heavy { $heavy }
feelings-chart-over-time-summary = { $count ->
        [one] { $count } check-in
       *[other] { $count } check-ins
    } in { $span }: { $counts }.
feelings-chart-person = { $name }: { $counts }.

## Mail: the invitation to share back (templates/mail/feelings_invitation.txt)

feelings-mail-invite-subject = { $partner } shared a feeling with you this week
feelings-mail-invite-hello = Hello { $invitee },
feelings-mail-invite-body =
    { $partner } shared a check-in with you on { -brand } this week. If you'd like, share how you
    are doing too: one word is enough, and you choose who sees it.
feelings-mail-invite-footer = No need to answer this mail. { -brand } never asks two weeks in a row.

## Refusals and form errors

feelings-choose-part-grid-own = Choose the part of the grid your own word belongs to.
feelings-pick-word-closest-how = Pick the word closest to how you feel, or write your own.
feelings-unknown-feeling-word = { -brand } does not know that feeling word. Please pick one from the list.
feelings-strength-goes-from-1 = Strength goes from 1 (a little) to 5 (very strong).
feelings-please-choose-one-needs = Please choose one of the needs offered.
feelings-please-pick-one-ideas = Please pick one of the ideas in the toolbox.
feelings-say-whether-helped-yes = Say whether it helped: yes, a bit, or not this time.
feelings-just-for-you-or-shared = This is either just for you or shared.
feelings-insights-cover-week-month = Insights cover a week, a month or a year.
feelings-unreadable-date = That date is not one { -brand } can read.
feelings-private-or-shared-with = A check-in is either just for you or shared with { $partner }.

## Page titles

feelings-title-what-helps-us = What helps us
feelings-title-support = Support
feelings-title-change-a-check-in = Change a check-in
feelings-title-check-in = Check in
feelings-title-one-check-in = Check-in
feelings-title-feelings = Feelings
feelings-title-calm-down-toolbox = Calm-down toolbox
feelings-title-emotion-coaching = Emotion coaching
feelings-title-son-guide = Talking with your mum
feelings-title-feelings-words = Feelings words
feelings-title-insights = Insights

## Confirmations after saving (src/web/flash.rs)

feelings-flash-changed = Your check-in is updated.
