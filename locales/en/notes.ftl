# Notes between the two of a bond (src/notes).

## Refusals and form errors

notes-please-choose-who-may = Please choose who may read this note.
notes-sealed-note-opens-day = A sealed note opens on a day after today.
notes-please-choose-day-note = Please choose the day the note opens.
