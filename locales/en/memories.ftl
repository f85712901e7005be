# Memories: memories, reflections and photos (src/memories).

## Refusals and form errors

memories-please-give-date-happened = Please give the date it happened. { -brand } keeps dates from the year 1900 on.
memories-date-not-come-yet = That date has not come yet.
memories-please-choose-one-kinds = Please choose one of the kinds offered.
memories-no-such-kind = There is no such kind of memory.
memories-please-choose-year-from = Please choose a year from the list.
memories-have-already-reflected = You have already reflected on this.
memories-please-choose-one-words = Please choose one of the words offered.
memories-have-already-written-part = You have already written your part of this; you can change it instead.
memories-not-happened-yet = This has not happened yet. You can reflect on it once it is over.
memories-cancelled-nothing-reflect = This was cancelled, so there is nothing to reflect on.
memories-has-just-become-memory = This has just become a memory; please look again.
memories-form-without-files = { -brand } could not read this form (it was not sent as a form with files). Please go back and try again.
memories-field-form-far-longer = A field of this form is far longer than { -brand } accepts.
memories-photos-at-most = One side of a memory keeps at most { $max } photos; delete some first.
memories-photos-room = You can keep { $max } photos here; there is room for { $room } more.
memories-photos-too-many-at-once = You chose { $chosen } photos; please add at most { $max } at a time.
memories-photo-unnamed = A photo
memories-photo-empty = { $name } is empty.
memories-photo-too-large = { $name } is larger than { $mb } MB. Please choose a smaller photo.
memories-photo-not-an-image = { $name } is not a photo { -brand } can read. Please choose a JPEG, PNG or WebP picture.
memories-photo-heic = { $name } is a HEIC photo, which { -brand } cannot read yet. On an iPhone, choose the photo again from the browser (it is then sent as JPEG), or set Settings › Camera › Formats to "Most Compatible".
memories-photo-other-format = { $name } is a { $format } picture. { -brand } takes JPEG, PNG or WebP photos; please save it as one of those.
memories-photo-too-many-pixels = { $name } has too many pixels (at most { $megapixels } megapixels, or 24 for a WebP picture, and { $side } on a side). Please choose a smaller photo.
memories-photo-damaged = { $name } looks damaged or incomplete. Please choose it again, or another photo.

## Page titles

memories-title-add-a-memory = Add a memory
memories-title-memory-book = Memory book
memories-title-how-was-it = How was it?

## The memory book (templates/memories/book.html)

memories-book = Memory book
memories-book-lede = What the two of you did, each from your own side.
memories-add-a-memory = Add a memory
memories-how-was-it = How was it?
memories-partner-reflected = { $partner } has reflected
memories-on-this-day = On this day
memories-filter-label = Filter memories
memories-filter-kind = Kind
memories-filter-all-kinds = All kinds
memories-filter-year = Year
memories-filter-all-years = All years
memories-filter-show = Show
memories-none-match = No memories match.
memories-none-yet = No memories yet. After something you do together, add what you want to keep.
memories-photos-label = Photos
memories-photo-alt-by = Photo from { $name }
memories-add-your-side = Add your side
memories-only-your-side = Only your side so far; { $partner } can add theirs.

## A memory (templates/memories/show.html, _photos.html)

memories-your-side = Your side
memories-their-side = { $name }’s side
memories-highlight = { $reader ->
        [little] What was the best bit?
       *[other] The highlight
    }
memories-you-learned = Something you learned
memories-they-learned = Something { $name } learned
memories-felt = <strong>Felt:</strong> { $feeling }
memories-not-added-yours = You have not added yours yet.
memories-change-side = Change your side or add photos
memories-save = Save
memories-partner-sees-at-once = { $partner } will see it straight away.
memories-add-my-side = Add my side
memories-photo-alt-from = Photo { $number } from { $name }
memories-photo-tools = Describe or remove
# Hidden words after "Describe or remove" for screen readers.
memories-photo-number = photo { $number }
memories-photo-shows = What the photo shows
memories-photo-save-description = Save the description
memories-photo-delete = Delete this photo

## One side of a memory (templates/memories/_perspective_fields.html)

memories-highlight-hint = { $reader ->
        [little] Ask him, and write it down in his own words.
       *[other] The moment you would tell someone about.
    }
memories-learned-label = { $reader ->
        [little] Something funny or new (optional)
       *[other] Something I learned about you (optional)
    }
memories-now-your-side = Now your side, { $name }
memories-now-your-side-hint = Write it here, beside { $son }’s: the two become one memory at once.
memories-felt-label = { $reader ->
        [little] How did it feel? (optional)
       *[other] How I felt (optional)
    }
memories-choose-word = Choose a word…
# A group of feelings words: the part of the grid, and what it holds.
memories-feeling-group = { $quadrant ->
        [bright] Bright — pleasant, full of energy
        [calm] Calm — pleasant, quiet energy
        [stormy] Stormy — unpleasant, lots of energy
       *[heavy] Heavy — unpleasant, low energy
    }
memories-own-words = Or in your own words
memories-add-photos = Add photos (optional)
memories-add-photos-hint = Up to { $max } at a time: JPEG, PNG or WebP, each up to { $mb } MB. { -brand } keeps a smaller copy and removes the location and camera details.
memories-photos-choose-again = Your photos were not kept while the rest needed fixing: please choose them again.

## Add a memory (templates/memories/new.html)

memories-new-heading = Add a memory
memories-new-lede = Something the two of you did that you want to keep. { $partner } sees it at once and can add { $role ->
        [mother] her
       *[son] his
    } side.
memories-new-what = What was it?
memories-new-when = When
memories-new-kind = What kind of thing (optional)
memories-new-your-side = Your side of it
memories-new-keep = Keep this memory

## Reflecting on a plan (templates/memories/reflect.html)

memories-reflect-not-yet = This has not happened yet. Once it is over, you can both say how it was.
memories-reflect-waiting = Waiting for { $partner }. You will both see each other’s side once { $partner } has reflected too, or in a week with yours alone.
memories-only-you-for-now = only you, for now
memories-photo-alt-yours = Your photo { $number }
memories-partner-has-reflected = <strong>{ $partner } has reflected.</strong> Add yours, and you will see each other’s side.
memories-reflect-private = Only you see this until { $partner } has reflected too, then both sides become one memory in your book. If { $partner } has not written within a week, yours becomes the memory alone.
memories-keep-my-side = Keep my side
# Together mode: his side and hers on one form.
memories-together-both-hint = Ask { $son } and write down what he says, then add yours: the two become one memory at once.
memories-together-her-side = Your side, { $name }
memories-together-her-side-hint = Leave it empty to write yours later.
memories-keep-both-sides = Keep both sides

## Confirmations after saving (src/web/flash.rs)

memories-flash-reflection-saved = Your reflection is saved.
