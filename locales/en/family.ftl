# Family: members, invitations, together mode, leaving (src/family).

## Refusals and form errors

family-please-choose-whether-invite = Please choose whether you invite a mother or a son.
family-invitations-go-mail-only = Invitations go by mail only from an account whose own address is confirmed. Copy the link instead, or confirm your address with a password reset.
family-address-already-got-several = This address already got several invitations today. Send the link another way, or try again tomorrow.
family-sent-many-invitations-today = You sent many invitations today. Send the link another way, or try again tomorrow.
family-invitation-link-not-made-by-tandem = This invitation link is not one { -brand } made. Check that it was copied whole, or ask for a new one.
family-invitation-already-used-each = This invitation was already used. Each link works once; log in instead, or ask for a new one.
family-invitation-withdrawn-ask-person = This invitation was withdrawn. Ask the person who sent it for a new one.
family-invitation-used-withdrawn-expired = This invitation was used, withdrawn or expired a moment ago. Ask for a new one.
family-profile-already-has-own = This profile already has its own login.
family-he-has-his-own = He has his own login now, so only he can change his profile.
family-only-mother-add-sons = Only a mother can add a son's profile.
family-please-choose-what-happens = Please choose what happens to what you wrote.
family-only-mother-family-remove = Only a mother of the family can remove a member.
family-leave-family-yourself-use = To leave the family yourself, use “Leave the family”.
family-bond-has-already-ended = This bond has already ended.
family-profile-has-own-login = This profile has its own login now, so only he can use it.
family-son-has-own-login = { $name } already has his own login.
family-invitation-expired = This invitation has expired (they last { $days } days). Ask the person who sent it for a new one.
family-only-mother-gives-login = Only a mother can give a son's profile its own login.
family-only-mother-invites = Only a mother can invite someone to the family.
family-already-has-mother = Your family already has a mother in { -brand }: only she can invite.
family-mother-already-invited = Your mother is already invited: her link is waiting for her.

## Page titles

family-title-invitation-ready = Invitation ready
family-title-you-are-invited = You are invited
family-title-family = Family
family-title-leave-the-family = Leave the family

## Roles and the son's age bands, as badges and choices

role-mother = mother
role-son = son
age-band-little = little one (3–5)
age-band-child = child (6–9)
age-band-tween = tween (10–12)
age-band-teen = teen (13–17)
age-band-young-adult = young adult (18–25)
age-band-adult = adult (26+)

## The family page

family-your-family = Your family
family-no-longer-in = You are no longer in this family. What you wrote in your bonds is kept for you to read below; nothing new can be added.
family-delete-what-you-wrote = Delete what you wrote
family-members = Members
family-you = (you)
family-no-login-yet = no login yet
family-use-together = Use { -brand } together with { $name }
family-correct-son = Correct { $name }’s name or birth date
family-his-name = His name
family-his-birth-date = His birth date
family-his-birth-date-hint = { -brand } picks what fits his age from it.
family-save = Save
family-remove = Remove { $name }
family-remove-managed = This deletes { $name }’s profile and everything in it, in every bond, for good.
family-remove-member = { $role ->
        [mother] { $name } leaves the family: her bonds end, and everyone is told. What she wrote stays readable to her and to whoever shared it; she can delete it.
       *[son] { $name } leaves the family: his bonds end, and everyone is told. What he wrote stays readable to him and to whoever shared it; he can delete it.
    }
family-bonds = Bonds
family-bonds-hint = Every mother and son pair keeps its own history.
family-bond-pair = { $mother } & { $son }
family-end-bond = End this bond
family-end-bond-of = of { $mother } and { $son }
family-end-bond-text = Both of you stay in the family. Nothing new is written in this bond; what is in it stays readable to you both.
family-end-bond-button = End the bond of { $mother } and { $son }
family-past-bonds = Past bonds
family-past-bonds-hint = Ended: there to read, not to add to.
family-past-bond-pair = { $mother } & { $son }:
family-past-memories = memories
family-past-feelings = feelings
family-past-questions = questions
family-past-notes = notes
family-invitations-waiting = Invitations waiting
family-to-take-over = to take over his profile
family-until = until { $day }
family-withdraw = Withdraw
family-withdraw-for = the invitation for { $name }
family-add-son = Add a son
family-add-son-text = For a son who is too young for his own login: you use { -brand } together on your device, and later invite him to take over his profile with everything in it.
family-add-son-button = Add son
family-claim-heading = Give a son his own login
family-claim-text = He gets a link to create his login; his profile and its history become his. From then on, what he keeps private stays private.
family-his-email = His email (optional)
family-email-hint = Leave empty to copy the link yourself.
family-claim-button = Invite { $name } to his own login
family-invite-mother = Invite your mother
family-invite-mother-text = Your family has no mother in { -brand } yet. Send her a link: it works once, for { $days } days, and she joins only if she accepts.
family-her-name = Her name
family-her-email = Her email (optional)
family-invite-someone = Invite someone
family-invite-someone-text = A mother or a son who will have their own login. You get a link to send; it works once, for { $days } days.
family-their-name = Their name
family-they-are = They are…
family-a-mother = a mother
family-a-son = a son
family-their-email = Their email (optional)
family-create-invitation = Create invitation
family-leaving = Leaving
family-leaving-text = You can leave the family at any time and decide what happens to what you wrote.
family-back = Back to the family

## Accepting an invitation

family-accept-welcome = Welcome to your family’s { -brand }
family-accept-welcome-to = Welcome to { $family }
family-accept-profile-waiting = Your profile is waiting for you, with everything done together so far. Create your own login to take it over. From then on, what you keep private stays private.
family-accept-invited-as = You are invited to join as { $role ->
        [mother] a mother
       *[son] a son
    }. Create your login below.
family-accept-logged-in-as = You are logged in as { $name }. To accept this invitation with a new login, log out first.
family-accept-join = Join

## Leaving the family

family-leave-what-you-wrote = What you wrote
family-leave-have-left = You have left the family. What you wrote is still kept for you to read. You can delete it, and your login with it: { $role ->
        [mother] your sons
       *[son] your mother
    } then keep only their own side.
family-leave-have-left-named = You have left { $family }. What you wrote is still kept for you to read. You can delete it, and your login with it: { $role ->
        [mother] your sons
       *[son] your mother
    } then keep only their own side.
family-leave-before-you-go = Before you go
family-leave-when-you-leave = When you leave the family, your bonds end: nothing new is written in them, and reminders and calendar feeds stop. Everyone in the family is told. What happens to what you wrote is up to you.
family-leave-when-you-leave-named = When you leave { $family }, your bonds end: nothing new is written in them, and reminders and calendar feeds stop. Everyone in the family is told. What happens to what you wrote is up to you.
family-leave-keep = Keep it. You can still log in and read your bonds as they were; so can { $role ->
        [mother] your sons
       *[son] your mother
    }. You can delete it later.
family-leave-delete = Delete everything I wrote, and my login. Memories we made together stay, with only the other side in them.
family-leave-delete-button = Delete what I wrote

## The invitation just made

family-created-send-to = Send this link to <strong>{ $name }</strong>. It works once, for { $days } days.
family-created-copy-went = A copy went to { $email } (see <a href="/outbox">Outbox</a> if no mail server is set up).
family-created-link = Invitation link
family-created-copy = Copy link
family-created-fingerprint = { -brand } keeps only a fingerprint of this link, so this is the only time you see it. If it gets lost, withdraw it on the family page and make a new one.

## The invitation mail (in the inviter's language: the invitee has none yet)

family-mail-subject = { $inviter } invites you to { -brand }
family-mail-hello = Hello,
family-mail-claim = { $inviter } set up your profile in { -brand }, the private place your family uses to stay close. Everything you did there together is waiting for you. Open this link to make it yours, with your own login:
family-mail-join = { $inviter } invites you to { -brand }, a private place for a mother and her son to stay close. Open this link to see the invitation:
family-mail-works-once = The link works once and for { $days } days. If you do not know who sent it, ignore this message: nothing happens without you.

## Confirmations after saving (src/web/flash.rs)

family-flash-son-added = His profile is ready. You can use { -brand } together with him now.
family-flash-son-changed = His profile is saved.
