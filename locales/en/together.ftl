# Together: activities and interests (src/together).

## Refusals and form errors

together-please-choose-from-interests = Please choose from the interests listed.
together-list-full-remove-one = Your list is full. Remove one to add another.
together-choose-kind = Please choose one of the kinds offered.
together-choose-cost = Please choose one of the costs offered.
together-choose-place = Please choose indoors or outdoors.
together-choose-season = Please choose one of the seasons offered.
together-choose-energy = Please choose one of the energy levels offered.
together-choose-what-it-costs = Please choose what it costs.
together-choose-where = Please choose where it happens.
together-choose-how-much-energy = Please choose how much energy it takes.
together-minutes-between = Please give the time as minutes between 1 and { $max }.
together-how-long-minutes = Please give how long it takes in minutes, between 1 and { $max }.
together-interest-needs-letter = Your interest needs a letter or a number.

## Page titles

together-title-interests = Interests
together-title-together = Together
together-title-find-something-to-do = Find something to do

## The tabs between the Together pages (together::TABS)

together-nav-label = Together
together-nav-overview = Overview
together-nav-activities = Find something to do
together-nav-interests = Interests
together-nav-plans = Plans
together-nav-memories = Memory book

## What an activity is tagged with

together-category-sports = Sport and moving
together-category-art = Art and making
together-category-cooking = Cooking and food
together-category-nature = Nature
together-category-adventure = Adventures
together-category-games = Games
together-category-learning = Learning
together-category-helping-others = Helping others
together-category-daily-routines = Everyday routines
together-category-at-a-distance = At a distance
together-cost-free = Free
together-cost-low = Costs a little
together-cost-medium = Costs something
together-cost-high = A treat
together-place-indoor = Indoors
together-place-outdoor = Outdoors
together-place-either = Indoors or out
together-season-any = All year
together-season-spring = Spring
together-season-summer = Summer
together-season-autumn = Autumn
together-season-winter = Winter
together-energy-low = Calm
together-energy-medium = Some energy
together-energy-high = Lots of energy
together-title-change-activity = Change your activity
together-title-add-own-activity = Add your own activity

## Shared by Together's pages

together-minutes = { $minutes } min
# Between the items of a list, and before its last one.
together-list-separator = {", "}
together-list-or = { $first } or { $last }
# The son's age band, as a sentence names it.
together-band = { $band ->
        [little] a little one (3–5)
        [child] a child (6–9)
        [tween] a tween (10–12)
        [teen] a teen (13–17)
        [young_adult] a young adult (18–25)
       *[adult] an adult (26+)
    }
together-our-own = our own
together-surprise-us = Surprise us
together-star-yours = A favourite of yours
together-star-mark = Mark as a favourite
together-what-you-need = What you need
together-how-it-goes = How it goes

## Find something to do (templates/together/activities.html)

together-activities-heading = Find something to do
together-activities-lede = Ideas for you and { $partner }, all right for { $band }. Narrow them down, or let { -brand } surprise you.
together-filters-heading = What are you in the mood for?
together-filter-kind = Kind
together-filter-any-kind = Any kind
together-filter-minutes = Minutes, at most
together-filter-minutes-any = any
together-filter-cost = Costs at most
together-filter-any-cost = Any cost
together-filter-place = Where
together-filter-any-place = Indoors or out
together-filter-season = Season
together-filter-any-season = Any time of year
together-filter-energy = Energy
together-filter-any-energy = Any
together-filter-favourites = Only our favourites
together-show-ideas = Show ideas
together-add-own = Add an activity of your own
together-no-ideas = No ideas to show
together-no-surprise = No surprise this time: nothing fits all of these at once.
together-nothing-fits = Nothing fits all of these at once.
# $facets: the filters to leave out, as a list ("the kind, the cost or the season").
together-try-leaving-out = Try leaving out { $facets }.
together-loosen-category = the kind
together-loosen-minutes = the time limit
together-loosen-cost = the cost
together-loosen-place = where
together-loosen-season = the season
together-loosen-energy = the energy
together-loosen-favourites = “{ together-filter-favourites }”
together-check-filters = Please check the filters marked above.
together-ideas-count = { $count ->
        [one] { $count } idea
       *[other] { $count } ideas
    }
# The results' heading when they fill more than one page: which of them this page shows.
together-ideas-range = { $first }–{ $last } of { $count } ideas
together-partner-likes = { $partner } likes this

## An activity (templates/together/activity.html)

together-surprise-for-you = A surprise for you
together-added-by = Added by { $you ->
        [yes] you
       *[no] { $name }
    }.
together-other-age = This one was written for a son of another age; { $son } is { $band } now.
together-season-line = Season: { $seasons }
together-need-nothing = Nothing but the two of you.
together-keep-it-safe = <strong>Keep it safe:</strong> { $safety }
together-for-free = For free
# Beside an active activity: the same fun when moving is hard (a wheelchair, tired legs).
together-another-way = Another way to join in
together-talk-about = To talk about while you do it
together-both-like = You both like this.
together-partner-likes-this = { $partner } likes this.
together-plan-this = Plan this
together-another-surprise = Another surprise
together-back-to-ideas = Back to the ideas
together-all-ideas = All ideas
together-change-it = Change it
together-delete-it = Delete it

## Your own activity (templates/together/own_form.html)

together-own-change-heading = Change your activity
together-own-add-heading = Add your own activity
together-own-lede = Something the two of you love doing that the ideas here do not have. { $partner } will see it too, beside the others.
together-own-title = What is it called?
together-own-kind = Kind
together-own-choose-one = Choose one
together-own-minutes = About how many minutes?
together-own-cost = What it costs
together-own-place = Where
together-own-energy = Energy
together-own-needs-hint = One thing a line. Leave it empty if you need nothing.
together-own-talk = Something to talk about while you do it (if you like)
together-own-talk-hint = A question for the two of you.
together-own-save = Save the changes
together-own-add = Add it
together-own-cancel = Cancel

## The overview (templates/together/hub.html)

together-hub-heading = Together with { $partner }
together-hub-lede = Find something to do, plan it, and afterwards keep what you both remember.
together-hub-how-was-it = How was it?
together-hub-reflect-hint = A few words each, and the two of you become one memory. { $partner } sees yours only once you have both written.
together-hub-partner-has-written = { $partner } has written
together-hub-coming-up = Coming up
together-hub-nothing-planned = Nothing planned for the next two weeks.
together-hub-time = { $day }, { $start }–{ $end } your time
together-hub-time-there = { $day }, { $start }–{ $end } your time ({ $there } in { $city })
together-hub-all-plans = All plans
together-hub-time-together = Time together
together-hub-something-to-do = Something to do
together-hub-partner-starred = { $partner } starred <a href="{ $href }"><strong>{ $title }</strong></a> ({ $minutes } min).
together-hub-browse = Browse the library by time, place and energy, or let { -brand } pick one for you.
together-hub-no-memories = No memories yet. After a plan, each of you writes a few words, and they become your first one.
together-hub-open-book = Open the memory book

## Interests (templates/together/interests.html)

together-interests-heading = Interests
together-interests-lede = What each of you loves. { -brand } finds what you share, and ways to show each other the rest.
together-interests-both = What you both like
together-interests-both-empty = Once you have both listed a few interests, what you share shows here.
together-interests-nothing-common = Nothing in common on your lists yet. That is what “{ together-interests-world }” below is for.
together-interests-ideas = Ideas for both of you
together-interests-chosen-for = Chosen for { $band }.
together-interests-because = Because you both like { $interest }
together-interests-world = Try my world
together-interests-world-intro = Some things only one of you loves. Let the one who loves it show the other.
together-interests-show-them = Show { $partner } your world
together-interests-show-them-activity = Show { $partner } what you love about <strong>{ $interest }</strong>: <a href="{ $href }">{ $title }</a>
together-interests-show-them-own-way = Show { $partner } what you love about <strong>{ $interest }</strong>. Ten minutes, your way: what got you into it, and one thing to try together.
together-interests-show-me = Step into { $partner }’s world
together-interests-ask-activity = Ask { $partner } to show you <strong>{ $interest }</strong>: <a href="{ $href }">{ $title }</a>
together-interests-ask = Ask { $partner } to show you <strong>{ $interest }</strong>, and what makes it good.
together-interests-yours = Yours
together-interests-tick = Tick what you love
together-interests-save-ticked = Save what I ticked
together-interests-not-on-list = Something that is not on the list
together-interests-words-hint = In your own words, like “jazz piano” or “old maps”.
together-interests-add-it = Add it
together-interests-own-words = In your own words
together-interests-remove = Remove
together-interests-theirs = { $partner }’s
together-interests-none-yet = { $partner } has not listed any yet.

## Confirmations after saving (src/web/flash.rs)

together-flash-interests-saved = Your interests are saved.
