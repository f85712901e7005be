//! Talk (practice 3): the question library and conversation starters, and the listening
//! starters and reactions that every "answer what the other shared" form offers.

pub mod daily;
pub mod listening;
pub mod questions;
pub mod starters;
