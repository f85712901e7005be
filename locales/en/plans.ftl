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

## The plans page (templates/plans/plans.html, _slot.html)

plans-heading = Plans
plans-lede = Time for the two of you. Both of you see every plan, and either of you can move or cancel a time, with a word why.
plans-plan-something = Plan something
plans-add-to-calendar-app = Add to your calendar app
plans-coming-up = Coming up
plans-nothing-next-weeks = Nothing planned for the next eight weeks.
plans-rhythms = Rhythms
plans-last-weeks = The last weeks
plans-download-ics = Download for a calendar (.ics)

# How often a plan comes back.
plans-recurrence-once = Once
plans-recurrence-weekly = Every week
plans-recurrence-fortnightly = Every other week
plans-recurrence-monthly = Every month, on the same day

# A rhythm: $recurrence is weekly, fortnightly or monthly; $day the day of the month.
plans-rhythm-when = { $recurrence ->
        [monthly] Every month on day { $day }
        [fortnightly] Every other week on { $weekday }
       *[weekly] Every week on { $weekday }
    }, { $start }–{ $end } { $city } time.
plans-rhythm-from = From { $first }.
plans-rhythm-from-to = From { $first } to { $until }.
# $you is "yes" when the reader stopped it.
plans-rhythm-stopped = <strong>{ $you ->
        [yes] You
       *[no] { $name }
    }</strong> stopped it on { $day }{ $noted ->
        [yes] : “{ $note }”
       *[no] {""}
    }
plans-stop-from-now = Stop from now on
plans-stop-hint = Times already past stay as they were; nothing after today happens.
plans-stop-note = A word for { $partner } (optional)
plans-stop-rhythm = Stop this rhythm

# One time of a plan, in the reader's time and (when it differs) in the plan's.
plans-slot-your-time = <strong>{ $day }, { $start }–{ $end }</strong> your time
plans-slot-there = { $start }–{ $end } in { $city }
plans-slot-there-day = { $day }, { $start }–{ $end } in { $city }
plans-badge-cancelled = Cancelled
plans-badge-moved = Moved
plans-change-moved = <strong>{ $you ->
        [yes] You
       *[no] { $name }
    }</strong> moved it to { $day }, { $start }{ $noted ->
        [yes] : “{ $note }”
       *[no] {""}
    }
plans-change-cancelled = <strong>{ $you ->
        [yes] You
       *[no] { $name }
    }</strong> cancelled it{ $noted ->
        [yes] : “{ $note }”
       *[no] {""}
    }
plans-first-planned = First planned for { $day }, { $start }.
plans-first-planned-your-time = First planned for { $day }, { $start } your time.
# Hidden words after "Move" and "Cancel" for screen readers.
plans-which-time = { $title } on { $day }
plans-move = Move
plans-move-hint = The new time, in { $city } time, like the plan.
plans-move-new-date = New date
plans-starts-at = Starts at
plans-ends-at = Ends at
plans-word-why = A word why (optional)
plans-move-this-time = Move this time
plans-cancel = Cancel
plans-cancel-this-time = Cancel this time

## The weekly goal (templates/plans/_goal.html)

plans-goal-heading = One-on-one time
plans-goal-our = Our weekly goal
plans-goal-set = Set a weekly goal (either of you can change it)
plans-goal-none = No goal
plans-goal-a-week = { $time } a week
plans-goal-save = Save the goal
plans-goal-last-set = Last set by { $you ->
        [yes] you
       *[no] { $name }
    }.
plans-goal-out-of-range = Choose a goal from { $min } to { $max } minutes a week, or no goal.
plans-goal-so-far-of = This week so far: <strong>{ $done }</strong> of your { $goal }.
plans-goal-so-far = This week so far: <strong>{ $done }</strong> together.
plans-goal-reached = You made the time this week; anything more is a bonus.
plans-goal-more-planned = { $planned } more planned.
plans-goal-fresh = Every week starts fresh on Monday: what did not happen last week takes nothing away from this one.
plans-goal-weeks-follow = Weeks follow { $son }'s time ({ $city }).
plans-goal-chart-title = Time together, the last { $weeks ->
        [one] week
       *[other] { $weeks } weeks
    }
plans-goal-chart-week = Week of { $week }: { $time }.
plans-goal-show-table = Show the weeks as a table
plans-goal-table-caption = Time together per week
plans-goal-table-caption-goal = Time together per week (goal: { $goal })
plans-goal-week-of = Week of
plans-goal-time-together = Time together
plans-goal-this-week = { $week } (this week)

# A length of time: "45 min", "1 h", "1 h 30 min".
plans-duration = { $hours ->
        [0] { $minutes } min
       *[other] { $minutes ->
            [0] { $hours } h
           *[other] { $hours } h { $minutes } min
        }
    }

## Plan something (templates/plans/new.html)

plans-new-heading = Plan something
plans-new-lede = Time together with { $partner }: once, or on a rhythm you keep.
plans-new-not-saved = The plan is not saved yet
plans-new-fields-need-change = Some fields need a change; each says what next to it.
plans-new-what = What
plans-new-what-placeholder = Pancakes and a walk
plans-new-whose-time = In whose time?
plans-new-whose-time-hint = The date and times below are in this time; the plans page shows each of you the time in your own.
plans-new-my-time = My time ({ $city }, now { $now })
plans-new-their-time = { $name }'s time ({ $city }, now { $now })
plans-new-times-in = Times are in { $city } time, where you both are (now { $now }).
plans-new-date = Date
plans-new-end-hint = On the same day, at least 5 minutes after the start.
plans-new-how-often = How often
plans-new-how-often-hint = A monthly plan on the 29th, 30th or 31st skips the months without that day.
plans-new-until = Last date (optional, for a rhythm)
plans-new-until-hint = Leave it empty to keep the rhythm going; either of you can stop it later.
plans-new-where = Where (optional)
plans-new-where-placeholder = The park, or a video call
plans-new-save = Save the plan

## Plans in a calendar app (templates/plans/calendar.html)

plans-calendar-heading = Plans in your calendar app
plans-calendar-lede = Subscribe once, and every plan with { $partner } appears in the calendar you already use, in your own time, with moves and cancellations.
plans-calendar-new-link = Your new calendar link
plans-calendar-link-label = Calendar link
plans-calendar-copy-link = Copy link
plans-calendar-open-app = Open in my calendar app
plans-calendar-new-link-hint = { -brand } keeps only a fingerprint of this link, so this is the only time you see it. Whoever has it can read your plans with { $partner } (nothing else): keep it to yourself. If it gets out, make a new link and the old one stops working.
plans-calendar-your-link = Your link
plans-calendar-made-on = Your calendar link was made on { $day }.
plans-calendar-no-link-yet = You have no calendar link yet.
plans-calendar-no-link = You have no calendar link.
plans-calendar-make-new-link = Make a new link
plans-calendar-make-link = Make my calendar link
plans-calendar-turn-off = Turn the link off
plans-calendar-replaces = A new link replaces the old one. { $partner } has a link of { $role ->
        [mother] her
       *[son] his
    } own, made on this page.
plans-calendar-how-heading = How to subscribe
plans-calendar-how-apple = On an iPhone or a Mac: tap “{ plans-calendar-open-app }”, or add a subscribed calendar and paste the link.
plans-calendar-how-google = Google Calendar: Other calendars, “From URL”, and paste the link.
plans-calendar-how-outlook = Outlook: Add calendar, “Subscribe from web”, and paste the link.
plans-calendar-how-hint = Calendar apps look for changes every hour or so. For a single plan, use the “{ plans-download-link }” link on the plans page instead.
plans-download-link = Download for a calendar

## What a calendar app shows (the calendar feed and a plan's download), in the feed owner's language

plans-feed-calendar-name = { $mother } & { $son }
plans-feed-moved = { $name } moved this time{ $noted ->
        [yes] : { $note }
       *[no] {""}
    }
plans-feed-cancelled = { $name } cancelled this time{ $noted ->
        [yes] : { $note }
       *[no] {""}
    }
plans-feed-planned-by = Planned by { $name } in { -brand }: { $link }

## Confirmations after saving (src/web/flash.rs)

plans-flash-saved = Your plan is saved.
plans-flash-changed = The plan is changed.
