//! The listening coach under a reply form: three ways to start that fit the moment and the
//! one replying, folded away until asked for, and a word after three questions in a row.
//! One piece serves every reply form (a shared check-in, a revealed question of the day).

use super::{
    listening::{self, Starter},
    moments::Moment,
    replies::{Reply, coach_hint},
};
use crate::{
    family::{AgeBand, Role},
    privacy::BondAccess,
};

/// What the coach offers the member replying through `access`.
#[derive(Debug, Clone)]
pub struct ListeningCoach {
    /// Who is replying: the mother answers her son, the son his mother.
    pub side: Role,
    /// The starters offered; none for a little one (his mother writes what he says).
    pub starters: Vec<&'static Starter>,
    /// Three questions in a row from the one replying: suggest saying back what was heard.
    pub hint: bool,
}

impl ListeningCoach {
    /// The coach for a reply to `moment`, under the thread `replies` of `subject` (an id that
    /// names what is answered, so the starters stay put on reload).
    pub fn new<S>(
        access: &BondAccess,
        moment: Moment,
        subject: &str,
        replies: &[Reply<S>],
    ) -> ListeningCoach {
        let side = access.me_member().role;
        // Without a birth date the son is taken for a teen, as elsewhere in feelings.
        let band = access.bond().son.age_band().unwrap_or(AgeBand::Teen);
        ListeningCoach {
            side,
            starters: listening::suggested(side, moment, band, subject),
            hint: coach_hint(replies, access.me()),
        }
    }

    /// The catalogue key of the hint, worded for the side replying.
    pub fn hint_key(&self) -> &'static str {
        match self.side {
            Role::Mother => "talk-coach",
            Role::Son => "talk-coach-son",
        }
    }
}
