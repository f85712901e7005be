# Notes between the two of a bond (src/notes).

## The notes page

notes-title = Notes
notes-heading = Notes with { $partner }
notes-lede = A thank-you, a “thinking of you”, something to keep for yourself, or a note sealed until a day you choose.
notes-write-heading = Write a note
notes-your-note = Your note
notes-who-can-read = Who can read it
notes-opens-on = Opens on (for a sealed note)
notes-opens-on-hint = Until then only you can read it.
notes-save = Save note
notes-yours-heading = Your notes
notes-none = No notes yet.
notes-delete = Delete
notes-delete-which = this note
notes-reply = Reply
notes-see-replies = Replies
notes-reply-which = to this note

## One note and its replies (src/notes/show.rs)

notes-title-one = A note
notes-one-yours = Your note
notes-one-from = A note from { $name }
notes-replies-heading = Replies
notes-reply-add = Add something
notes-reply-answer = Answer { $name }
notes-back = All notes

## Refusals and form errors

notes-please-choose-who-may = Please choose who may read this note.
notes-sealed-note-opens-day = A sealed note opens on a day after today.
notes-please-choose-day-note = Please choose the day the note opens.

## Confirmations after saving (src/web/flash.rs)

notes-flash-saved = Your note is saved.
