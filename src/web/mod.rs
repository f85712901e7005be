//! Web glue shared by every feature: page rendering, forms and their controls, cookies, CSRF,
//! static assets and the installed app's shell, and the bond extractor every bond route starts with.

pub mod assets;
pub mod bond;
pub mod bond_picker;
pub mod controls;
pub mod cookies;
pub mod csrf;
pub mod flash;
pub mod form;
pub mod more;
pub mod nav;
pub mod page;
pub mod pager;
pub mod paths;
pub mod shell;
