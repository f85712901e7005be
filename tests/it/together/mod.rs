//! Together (practice 2): the activity library, interests, plans and the one-on-one goal,
//! calendar feeds, reminders, reflections, the memory book and its photos.

mod fixtures;
mod interests;
mod library;
mod memories;
mod photos;
mod reflections;
mod reminders;
