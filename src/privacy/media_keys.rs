//! Which media files are in use: the keys every row names, in the columns each table declares
//! as `media` in the [`inventory`](super::inventory). Read for the machinery only (the sweep of
//! orphaned files and the backup's check that every named file is archived): the keys are
//! random names of files, never shown to anyone, so no visibility rule applies to them.

use std::collections::HashSet;

use super::inventory;
use crate::{db::Handle, db_run, error::AppResult};

/// Every media key a row names (see "Adding a kind of file" in [`crate::media`]).
pub async fn keys_in_use(h: &mut impl Handle) -> AppResult<HashSet<String>> {
    let mut keys = HashSet::new();
    for table in inventory::TABLES.iter().filter(|t| !t.media.is_empty()) {
        for column in table.media {
            let sql = format!(
                "SELECT {column} FROM {} WHERE {column} IS NOT NULL",
                table.name
            );
            let found: Vec<String> = db_run!(h, |c| sqlx::query_scalar(&sql).fetch_all(c).await)?;
            keys.extend(found);
        }
    }
    Ok(keys)
}
