//! The installed app: its manifest and icons, the service worker, the offline page.

mod app_shell;
