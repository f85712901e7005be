# Tell the other (src/events): what one member did that waits for or concerns the other,
# on Today and in the reminder mail. Lines on Today may quote words both can read ($title);
# mail lines never do, except a plan's title.

## The news card on Today

events-card-heading = New from your family
events-card-got-it = Got it
events-card-when = { $when }, your time

events-today-repair-started = { $name } would like to make up about “{ $title }”. Write your side when you are ready.
events-today-repair-shared = { $name } shared part of { $role ->
        [mother] her
       *[son] his
    } side about “{ $title }”.
events-today-repair-agreed = { $name } wrote down what you will both do next time, about “{ $title }”.
events-today-plan-made = { $name } planned “{ $title }” with you.
events-today-plan-moved = { $name } moved “{ $title }” to another time.
events-today-plan-cancelled = { $name } cancelled “{ $title }”.
events-today-plan-stopped = { $name } stopped “{ $title }” from now on.
events-today-note = { $count ->
    [one] { $name } wrote you a note.
   *[other] { $name } wrote you { $count } notes.
}
events-today-answer-waiting = { $name } answered the question of the day. Answer too, and you will both see the two answers.
events-today-answers-open = { $name } answered too: both your answers are open.
events-today-reply = { $count ->
    [one] { $name } replied to you.
   *[other] { $name } replied to you { $count } times.
}
events-today-talk-asked = { $name } would like to talk.
events-today-talk-help-now = { $name } needs your help now.
events-today-talk-time-suggested = { $name } suggested a time to talk: { $title }.
events-today-talk-withdrawn = { $name } no longer needs that talk.

## Lines of the reminder mail

events-mail-subject = News from { $name }
events-mail-repair-started = { $name } would like to make up after a row, and has made a start. Write your side when you are ready.
events-mail-repair-shared = { $name } shared part of { $role ->
        [mother] her
       *[son] his
    } side of a making-up.
events-mail-repair-agreed = { $name } wrote down what you will both do next time.
events-mail-plan-made = { $name } planned “{ $title }” with you.
events-mail-plan-moved = { $name } moved “{ $title }” to another time.
events-mail-plan-cancelled = { $name } cancelled “{ $title }”.
events-mail-plan-stopped = { $name } stopped “{ $title }” from now on.
events-mail-note = { $name } wrote you a note.
events-mail-answer-waiting = { $name } answered the question of the day. Answer too, and you will both see the two answers.
events-mail-answers-open = { $name } answered too: both your answers are open.
events-mail-reply = { $name } replied to you.
events-mail-talk-asked = { $name } would like to talk.
events-mail-talk-help-now = { $name } needs your help now.
events-mail-talk-time-suggested = { $name } suggested a time to talk.
events-mail-talk-withdrawn = { $name } no longer needs that talk.
