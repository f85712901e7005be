# Talk: the question of the day, talk requests, starters and making up (src/talk).

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
