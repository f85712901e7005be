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
