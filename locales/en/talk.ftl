# Talk: the question of the day, talk requests, starters and making up (src/talk).

## The tabs between the talk pages (talk::TABS)

talk-nav-today = Today's question
talk-nav-history = Past questions
talk-nav-starters = Conversation starters
talk-nav-requests = Let's talk
talk-nav-repairs = Making up

## Replies under what both can see, and the listening coach (templates/talk/_thread.html)

talk-thread-none = Nothing said yet.
talk-thread-starters-summary = Need a way to start?
talk-thread-your-answer = Your answer
talk-thread-send = Send
talk-thread-or-just-tap = Or just tap
talk-coach = <strong>A thought from the listening coach:</strong> you have asked three questions in a row. Before the next one, you could say back what you heard, for example “It sounds like you felt … because …”. It often opens more than another question.
talk-coach-son = <strong>A thought:</strong> that's three questions in a row. Before the next one, you could say back what you heard, like “Sounds like that was a rough day.” It often gets you further than another question.

## The question of the day (templates/talk/day.html)

talk-day-heading-today = Today's question
# $day: a long date, "Sunday 14 March 2027".
talk-day-heading-of = Question of { $day }
talk-day-left-waiting = { $partner } answered the question of { $day } and is waiting for yours. <a href="{ $href }">Answer it</a>
talk-day-deep = { $topic } · a deeper one, answer only if you like
talk-day-favourite-on = ★ A favourite
talk-day-favourite-off = ☆ Keep as a favourite
# The other's wording of the same question, when it differs from the reader's.
talk-day-partner-is-asked = { $partner } is asked: “{ $wording }”
talk-day-both-answers = Both answers
talk-day-you = You
talk-day-talk-about-it = Talk about it
talk-day-reply-heading = Say something to { $partner }
# In together mode both answers were written side by side.
talk-day-reply-heading-together = Anything to add, you two?
talk-day-your-answer = Your answer
talk-day-partner-skipped = { $partner } skipped this one. Your answer stays yours.
talk-day-waiting = Waiting for { $partner }. You will both see each other's answers once { $partner } has answered too.
talk-day-you-skipped = You skipped this one.
talk-day-partner-answered = <strong>{ $partner } has answered.</strong> Answer too, and you will see each other's answers.
talk-day-answer-hint = { $partner } sees it only after answering too.
talk-day-save = Save my answer
talk-day-his-answer = { $name }’s answer
talk-day-his-answer-hint = Read the question aloud, then write down what { $name } says, in his own words.
talk-day-your-answer-together-hint = And yours, for { $name } to hear. You will both see the two answers straight away.
talk-day-you-answered-before = You answered this one on your own already: only his now.
talk-day-save-both = Save both answers
talk-day-save-his = Save { $name }’s answer
talk-day-skip = Skip this one
talk-day-skip-sure = { $partner } has answered this one. If you skip it, { $partner }’s answer stays unread by you for good. Skip it anyway?
talk-day-skip-anyway = Yes, skip it
talk-day-answer-instead = Answer instead
talk-day-another = Another question
talk-deck-heading = A deck for a while
talk-deck-lede = Choose a topic for the next two weeks of questions, or leave it to { -brand } to vary them.
talk-deck-topic = Topic
talk-deck-mix = Mix them up
talk-deck-use = Use this deck

## Topics of questions

talk-topic-dreams = Dreams
talk-topic-fears = Fears, made smaller
talk-topic-aspirations = What we aim for
talk-topic-memories = Memories
talk-topic-values = What matters
talk-topic-fun = Just for fun
talk-topic-would-you-rather = Would you rather
talk-topic-gratitude = Thankful for
talk-topic-about-us = About us
talk-topic-the-future = The future
talk-topic-feelings = Feelings
talk-topic-growing-up = Growing up
talk-topic-roots = Where we come from

## Past questions (templates/talk/history.html)

talk-history-heading = Past questions
talk-history-lede = Every question the two of you had, with the answers you can both see.
talk-history-search = Search questions and answers
talk-history-topic = Topic
talk-history-all-topics = All topics
talk-history-only-favourites = Only my favourites
talk-history-search-button = Search
talk-history-none = No questions yet. Today's is waiting.
talk-history-no-match = Nothing matches.
talk-history-a-favourite = a favourite
talk-history-your-answer = <strong>You:</strong> { $answer }
talk-history-their-answer = <strong>{ $partner }:</strong> { $answer }
talk-history-partner-not-answered = { $partner } has not answered this one.
talk-history-you-not-answered = Not answered by you.

## Conversation starters (templates/talk/starters.html)

talk-starters-heading = Conversation starters
talk-starters-lede-son = Ways to get talking with { $partner }: ask her something, or tell her about yours.
talk-starters-lede-mother = Openers for the moments when talking comes easily: side by side, on the way, over food.
talk-starters-right-now = Right now · { $setting }
talk-starters-another = Another one
talk-starters-settings = Where you are
talk-starters-all = All
talk-starters-none = None for this setting at this age yet.

talk-starter-setting-car-ride = On a ride
talk-starter-setting-cooking = Cooking
talk-starter-setting-walk = On a walk
talk-starter-setting-bedtime = At bedtime
talk-starter-setting-meal = At a meal
talk-starter-setting-video-call = On a video call
talk-starter-setting-waiting-room = Waiting somewhere

## Asking to talk (templates/talk/requests.html, _request.html)

talk-requests-heading = Let's talk
talk-requests-lede = Say that you would like to talk, and how. { $partner } answers with a time that suits.
talk-requests-open-heading = Waiting to happen
talk-requests-ask-heading = I'd like to talk about something
talk-requests-topic = What about? (optional)
talk-requests-topic-hint = A word or two is enough. { $partner } will see it.
talk-requests-wish = What I would like
talk-requests-setting = How
talk-requests-urgency = How soon
talk-requests-ask = Ask { $partner }
talk-requests-past-heading = Earlier talks

talk-wish-listen = Just listen
talk-wish-decide = Help me decide
talk-wish-help-now = I need help now
talk-setting-side-by-side = Side by side (a walk, a drive, cooking)
talk-setting-text-first = Text first, then talk
talk-setting-face-to-face = Face to face
talk-urgency-today = Today if we can
talk-urgency-this-week = This week
talk-urgency-whenever = No rush

talk-request-mine = You would like to talk
talk-request-mine-about = You would like to talk: { $topic }
talk-request-theirs = { $name } would like to talk
talk-request-theirs-about = { $name } would like to talk: { $topic }
talk-request-is-withdrawn = Withdrawn.
# The time the other answered with: "Rosa: Saturday morning".
talk-request-plan = <strong>{ $name }:</strong> { $plan }
talk-request-outcome = <strong>How it went, for { $name }:</strong> { $outcome }
talk-request-outcome-unsaid = <strong>How it went, for { $name }:</strong> we talked.
talk-request-plan-when = When could you talk?
talk-request-plan-another = Another time
talk-request-plan-placeholder = Tonight after dinner
talk-request-plan-send = Send the time
talk-request-calling-now = I’m calling you now
talk-request-or-a-time = Or suggest a time
talk-request-outcome-label = After you talked: how did it go? (optional, one line)
talk-request-outcome-send = We talked
talk-request-withdraw = Withdraw<span class="visually-hidden"> this request</span>

## Making up after a row (templates/talk/repairs.html, repair.html)

talk-repairs-heading = Making up
talk-repairs-lede = After a row: each of you writes your side on your own, shares what you choose, and together you agree what to do next time.
talk-repairs-start-heading = Start one
talk-repairs-about = What was it about?
talk-repairs-about-hint = A few words, without blame. { $partner } will see this line.
talk-repairs-start = Start
talk-repairs-past-heading = Our repairs and agreements
talk-repairs-none = None yet.
talk-repairs-agreement = <strong>Next time we…</strong> { $agreement }
talk-repairs-no-agreement = No agreement yet.

talk-repair-heading = Making up: { $about }
talk-repair-saved = Saved. Only the parts you ticked are shared.
talk-repair-own-heading = Your side
talk-repair-own-hint = Everything here is yours alone until you tick “share” on a part.
talk-repair-share = Share this with { $partner }
talk-repair-save = Save
talk-repair-theirs-heading = What { $partner } shared
talk-repair-theirs-none = Nothing shared yet.
talk-repair-agreement-heading = Our agreement
talk-repair-agreement = Next time we… { $agreement }
# $day: a short date, "14 Mar 2027".
talk-repair-written-by = Written by { $name }, { $day }.
talk-repair-earlier = Earlier versions
talk-repair-agreement-none = No agreement yet. When you are both ready, one of you writes it.
talk-repair-agreement-write = Write our agreement
talk-repair-agreement-rewrite = Write a new version

talk-part-happened = What happened, from my side
talk-part-felt = What I felt
talk-part-needed = What I needed
talk-part-wish = What I wish I had done
talk-part-agreement = Next time we…

## Mail to the other when one asks for help now (templates/mail/talk_request.txt)

talk-mail-help-now-subject = { $from } would like to talk, and needs help now
talk-mail-help-now-hello = Hello { $to },
talk-mail-help-now-body =
    { $from } asked on { -brand } to talk with you, and said it is urgent: "I need help now".
    Please get in touch as soon as you can. What it is about is on { -brand }:
talk-mail-signature = { -brand }

## Refusals and form errors

talk-choose-what-would-like = Choose what you would like: to be listened to, help deciding, or help now.
talk-choose-how-would-like = Choose how you would like to talk.
talk-choose-how-soon = Choose how soon.
talk-time-other-one-suggest = The time is for the other one to suggest. You will see it here.
talk-already-closed = This talk is already closed.
talk-request-withdrawn = This request was withdrawn.
talk-have-already-said-how = You have already said how it went.
talk-only-one-who-asked = Only the one who asked can withdraw it.
talk-please-pick-one-reactions = Please pick one of the reactions offered.
talk-write-few-words-tap = Write a few words, or tap one of the reactions.
talk-please-choose-one-settings = Please choose one of the settings offered.
talk-one-has-already-answered = One of you has already answered or skipped this question, so it stays.
talk-no-other-question-today = There is no other question for today.
talk-have-already-answered-question = You have already answered this question.
talk-skipped-question-stays-unanswered = You skipped this question, so it stays unanswered.
talk-have-already-answered-skipped = You have already answered or skipped this question.
talk-please-choose-one-decks = Please choose one of the decks offered.

## Page titles

talk-title-conversation-starters = Conversation starters
talk-title-making-up = Making up
talk-title-question-of-the-day = Question of the day
talk-title-past-questions = Past questions
talk-title-lets-talk = Let's talk

## Confirmations after saving (src/web/flash.rs)

talk-flash-request-sent = Your wish to talk is sent.
