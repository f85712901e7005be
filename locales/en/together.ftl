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

## The links between Together's pages (templates/together/_links.html)

together-nav-label = Together
together-nav-overview = Overview
together-nav-activities = Find something to do
together-nav-interests = Interests
together-nav-plans = Plans
together-nav-memories = Memory book
