# Feelings: check-ins, the toolbox, needs and insights (src/feelings).

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
feelings-title-feelings-words = Feelings words
feelings-title-insights = Insights
