//! Together (practice 2): the activity library, interests, plans and the one-on-one goal,
//! calendar feeds, reminders, reflections, the memory book and its photos.

mod adapt;
mod calendar;
pub(crate) mod fixtures;
mod goal;
mod hub;
mod interests;
mod library;
pub mod memories;
mod paging;
mod photo_limits;
mod photos;
pub mod plans;
pub mod reflections;
pub(crate) mod reminders;
