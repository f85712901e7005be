//! The check-in pages: the feelings home of a bond, picking a feeling, one check-in with its
//! answers, editing and deleting one's own. The check-in itself is [`super::checkin`].

pub mod edit;
pub mod form;
pub mod home;
pub mod new;
pub mod show;

pub use edit::{delete, edit, update};
pub use form::{CheckinFormView, home_path};
pub use home::{dismiss_invitation, home};
pub use new::{check_in, create};
pub use show::{reply, show};
