//! Accounts, passwords, sessions, login limits and password resets.

pub mod account;
mod confirm;
mod device;
mod email;
pub mod limits;
mod login;
pub mod password;
mod reset;
pub mod session;
mod settings;
pub mod signup;

pub use confirm::{admit_account_mail, check_mail_redirect};

pub use email::Email;
pub use login::{ClientIp, locked_page};
pub use reset::RESET_VALID_FOR;
pub use session::{TogetherOffer, Viewer};
pub use signup::{NewLogin, NewLoginForm};

use axum::{Router, routing::get, routing::post};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/signup", get(signup::page).post(signup::submit))
        .route(confirm::CHECK_MAIL, get(confirm::check_mail_page))
        .route(
            "/signup/confirm/{token}",
            get(confirm::confirm_page).post(confirm::confirm_submit),
        )
        .route("/login", get(login::page).post(login::submit))
        .route("/logout", post(login::logout))
        .route(
            "/password/forgot",
            get(reset::forgot_page).post(reset::forgot_submit),
        )
        .route(
            "/password/reset/{token}",
            get(reset::reset_page).post(reset::reset_submit),
        )
        .route("/settings", get(settings::page))
        .route("/settings/profile", post(settings::save_profile))
        .route("/settings/password", post(settings::change_password))
}
