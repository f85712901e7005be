//! Talk: the conversation heart of Tandem. For now, the listening starters and reactions that
//! every "answer what the other shared" form offers.

pub mod listening;
