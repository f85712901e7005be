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
