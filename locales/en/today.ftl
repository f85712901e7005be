# The Today page and the welcome of a visitor (src/today).

## Welcome, for a visitor

welcome-title = Welcome
welcome-heading = { -brand }
welcome-lede = A private place for a mother and her son to stay close — from his first feelings words to his life far from home.
welcome-small-things = Small things, often
welcome-small-things-text = A few kind words, a note for later, time planned together. { -brand } turns what builds a strong bond into small things you do together.
welcome-privacy = His privacy is real
welcome-privacy-text = What a son keeps private stays private, even from his mother. What he shares, he chooses to share.
welcome-start = Start your family

## Page titles

today-title-today = Today

## Today, for a member

today-heading = Today
today-hello = Hello { $name }
today-hello-family = Hello { $name } · { $family }
today-no-longer-in-family = You are no longer in this family. What you wrote is kept for you to read: <a href="{ $href }">your past bonds</a>.
today-next-step = A good next step
today-add-son-text = Add your son. If he is young, you can use { -brand } together on your device; later he can have his own login.
today-add-son = Add your son
today-invite-mother-text = Invite your mother, so the two of you can share.
today-invite-mother = Invite your mother
today-invite-son-text = { $name } is { $age } now. He could have his own login, with his own private space.
today-invite-son = Invite { $name }
today-write-note-text = Leave a few words for the other: a thank-you, a “thinking of you”, or a note sealed for later.
today-write-note = Write a note
today-you-and = You & { $name }
today-son-band = { $name }: { $band }
today-you-asked-planned = <strong>You asked { $name } to talk</strong>: { $plan }
today-you-asked-waiting = <strong>You asked { $name } to talk</strong>. Waiting for a time.
today-would-like-to-talk = <strong>{ $name } would like to talk</strong>
today-would-like-to-talk-about = <strong>{ $name } would like to talk</strong> about { $topic }
today-talk-planned = planned: { $plan }
today-answer-with-time = Answer with a time
today-see-the-talk = See the talk
today-coming-up = Coming up
today-coming-when = { $day }, { $start }–{ $end }
today-question = Today's question
today-both-answered = You have both answered: see the answers
today-answer-in = Your answer is in. Waiting for { $name }.
today-their-answer-in = <strong>{ $name } has answered.</strong> Your turn.
today-answer = Answer
today-answer-question = today's question
today-shared-a-feeling = <strong>{ $name } shared a feeling this week.</strong> If you'd like, share how you are too.
today-not-now = Not now
today-how-are-you-feeling = How are you feeling?
today-partner-shared = { $name } shared
today-needs = needs: { $need }
today-nothing-new = Nothing new from { $name } yet.
today-needs-help-now = { $name } needs your help now
today-use-together = Use { -brand } together with { $name } now
today-from-partner = From { $name }
today-notes-with = Notes with { $name }
today-your-family = Your family
today-invitations-waiting = Invitations waiting
today-invitation-until = { $name } · until { $day }
today-family-page = Family page
