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
