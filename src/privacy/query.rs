//! The queries of the privacy core: the visibility filter lives in exactly one SQL fragment.

use std::marker::PhantomData;

use chrono::{DateTime, NaiveDate, Utc};

use crate::{
    db::Handle,
    db_exec, db_run,
    error::{AppError, AppResult},
};

use super::{BondAccess, BondRecord, Column, Condition};
use crate::col;

/// A value bound to an extra condition (bound after the fixed `$1..$3`).
#[derive(Debug, Clone)]
pub enum Bind {
    Text(String),
    Int(i64),
    Time(DateTime<Utc>),
    Date(NaiveDate),
    Bool(bool),
    /// A NULL for a text column.
    Null,
    /// A NULL for an integer column (PostgreSQL checks the type of a NULL too).
    NullInt,
}

/// Binds a slice of [`Bind`]s onto a query, for either backend.
macro_rules! bind_all {
    ($query:expr, $binds:expr) => {{
        let mut q = $query;
        for b in $binds {
            q = match b {
                Bind::Text(v) => q.bind(v.clone()),
                Bind::Int(v) => q.bind(*v),
                Bind::Time(v) => q.bind(*v),
                Bind::Date(v) => q.bind(*v),
                Bind::Bool(v) => q.bind(*v),
                Bind::Null => q.bind(None::<String>),
                Bind::NullInt => q.bind(None::<i64>),
            };
        }
        q
    }};
}

/// The rows of the bond the acting member may see: `$1` bond, `$2` me, `$3` now.
const VISIBLE_TO_ME: &str = "bond_id = $1 AND (author_id = $2 OR visibility = 'shared' OR (visibility = 'sealed' AND unseal_at <= $3))";

/// A read of visible rows, narrowed by extra conditions, ordered and limited.
pub struct Visible<'a, T> {
    access: &'a BondAccess,
    conditions: Vec<String>,
    binds: Vec<Bind>,
    order: &'static str,
    limit: i64,
    row: PhantomData<T>,
}

impl<'a, T: BondRecord> Visible<'a, T> {
    pub(super) fn new(access: &'a BondAccess) -> Self {
        Visible {
            access,
            conditions: Vec::new(),
            binds: Vec::new(),
            order: "created_at DESC, id DESC",
            limit: 200,
            row: PhantomData,
        }
    }

    /// Only the rows that meet `condition`, e.g. `col!("plan_id").eq(…)`.
    pub fn filter(mut self, condition: Condition) -> Self {
        let mut sql = String::new();
        condition.render(&mut sql, &mut self.binds, 4);
        self.conditions.push(sql);
        self
    }

    /// Only the rows whose `column` holds one of `values`; with no values, no rows.
    pub fn any_of(mut self, column: Column, values: Vec<Bind>) -> Self {
        if values.is_empty() {
            self.conditions.push("1 = 0".into());
            return self;
        }
        let first = 4 + self.binds.len();
        let markers: Vec<String> = (first..first + values.len())
            .map(|n| format!("${n}"))
            .collect();
        self.conditions
            .push(format!("{} IN ({})", column.name(), markers.join(", ")));
        self.binds.extend(values);
        self
    }

    /// [`Visible::any_of`] for text values, e.g. the moments a page shows.
    pub fn any_text_of(self, column: Column, values: &[&str]) -> Self {
        let binds = values.iter().map(|v| Bind::Text((*v).to_owned())).collect();
        self.any_of(column, binds)
    }

    /// Only the rows the acting member wrote.
    pub fn mine(self) -> Self {
        let me = self.access.me().to_string();
        self.filter(col!("author_id").eq(Bind::Text(me)))
    }

    /// Only the rows the partner wrote (and may be seen).
    pub fn theirs(self) -> Self {
        let partner = self.access.partner().id.to_string();
        self.filter(col!("author_id").eq(Bind::Text(partner)))
    }

    pub fn order_by(mut self, order: &'static str) -> Self {
        self.order = order;
        self
    }

    pub fn limit(mut self, limit: i64) -> Self {
        self.limit = limit;
        self
    }

    fn where_clause(&self) -> String {
        let mut clause = VISIBLE_TO_ME.to_owned();
        for c in &self.conditions {
            clause.push_str(" AND (");
            clause.push_str(c);
            clause.push(')');
        }
        clause
    }

    pub async fn list(self, h: &mut impl Handle) -> AppResult<Vec<T>> {
        let sql = format!(
            "SELECT {} FROM {} WHERE {} ORDER BY {} LIMIT {}",
            T::COLUMNS,
            T::TABLE,
            self.where_clause(),
            self.order,
            self.limit.max(0)
        );
        let a = self.access;
        Ok(db_run!(h, |c| bind_all!(
            sqlx::query_as::<_, T>(&sql)
                .bind(a.id())
                .bind(a.me())
                .bind(a.now()),
            &self.binds
        )
        .fetch_all(c)
        .await)?)
    }

    /// One row by id, or "not found" when it does not exist or is not visible: the two look
    /// the same from outside.
    pub async fn get(self, h: &mut impl Handle, id: &str) -> AppResult<T> {
        let rows = self
            .filter(col!("id").eq(Bind::Text(id.to_owned())))
            .limit(1)
            .list(h)
            .await?;
        rows.into_iter().next().ok_or(AppError::NotFound)
    }

    pub async fn count(self, h: &mut impl Handle) -> AppResult<i64> {
        let sql = format!(
            "SELECT COUNT(*) FROM {} WHERE {}",
            T::TABLE,
            self.where_clause()
        );
        let a = self.access;
        Ok(db_run!(h, |c| bind_all!(
            sqlx::query_scalar::<_, i64>(&sql)
                .bind(a.id())
                .bind(a.me())
                .bind(a.now()),
            &self.binds
        )
        .fetch_one(c)
        .await)?)
    }
}

/// Deletes a row the acting member wrote; anything else is "not found".
pub async fn delete_own<T: BondRecord>(
    h: &mut impl Handle,
    access: &BondAccess,
    id: &str,
) -> AppResult<()> {
    let sql = format!(
        "DELETE FROM {} WHERE id = $1 AND bond_id = $2 AND author_id = $3",
        T::TABLE
    );
    let deleted = db_exec!(h, |c| sqlx::query(&sql)
        .bind(id)
        .bind(access.id())
        .bind(access.me())
        .execute(c)
        .await)?;
    if deleted == 0 {
        Err(AppError::NotFound)
    } else {
        Ok(())
    }
}

/// Updates a row the acting member wrote, setting each column to its value. Anything else is
/// "not found"; who wrote a row and where it lives cannot be set.
pub async fn update_own<T: BondRecord>(
    h: &mut impl Handle,
    access: &BondAccess,
    id: &str,
    set: Vec<(Column, Bind)>,
) -> AppResult<()> {
    if set.is_empty() || set.iter().any(|(column, _)| column.is_fixed()) {
        return Err(AppError::Internal(anyhow::anyhow!(
            "update_own of {}: nothing to set, or a fixed column",
            T::TABLE
        )));
    }
    let set_sql: Vec<String> = set
        .iter()
        .enumerate()
        .map(|(i, (column, _))| format!("{} = ${}", column.name(), 4 + i))
        .collect();
    let values: Vec<Bind> = set.into_iter().map(|(_, value)| value).collect();
    let sql = format!(
        "UPDATE {} SET {} WHERE id = $1 AND bond_id = $2 AND author_id = $3",
        T::TABLE,
        set_sql.join(", ")
    );
    let updated = db_exec!(h, |c| bind_all!(
        sqlx::query(&sql)
            .bind(id)
            .bind(access.id())
            .bind(access.me()),
        &values
    )
    .execute(c)
    .await)?;
    if updated == 0 {
        Err(AppError::NotFound)
    } else {
        Ok(())
    }
}

/// Pairs written blind (the question of the day): each row stays private to its author until
/// both members of the bond have written one with the same `key_column` value; then, in the
/// same statement, all of them become shared. Returns whether this call revealed them.
pub async fn reveal_pair<T: BondRecord>(
    h: &mut impl Handle,
    access: &BondAccess,
    key_column: Column,
    key: Bind,
) -> AppResult<bool> {
    let key_column = key_column.name();
    let sql = format!(
        "UPDATE {table} SET visibility = 'shared'
         WHERE bond_id = $1 AND {key_column} = $2 AND visibility = 'private'
           AND (SELECT COUNT(DISTINCT author_id) FROM {table}
                WHERE bond_id = $1 AND {key_column} = $2) = 2",
        table = T::TABLE
    );
    let revealed = db_exec!(h, |c| bind_all!(
        sqlx::query(&sql).bind(access.id()),
        std::slice::from_ref(&key)
    )
    .execute(c)
    .await)?;
    Ok(revealed > 0)
}

/// Rows that belong to another record (a photo to a reflection) follow its visibility: every
/// private row of `C` whose `parent_column` names a shared row of `P` in this bond becomes
/// shared. It never shares anything whose parent both members cannot already read, so it is
/// safe to call after any reveal. Returns how many rows it shared.
pub async fn share_with_parent<P: BondRecord, C: BondRecord>(
    h: &mut impl Handle,
    access: &BondAccess,
    parent_column: Column,
) -> AppResult<u64> {
    let parent_column = parent_column.name();
    let sql = format!(
        "UPDATE {child} SET visibility = 'shared'
         WHERE bond_id = $1 AND visibility = 'private'
           AND {parent_column} IN (SELECT id FROM {parent}
                                   WHERE bond_id = $1 AND visibility = 'shared')",
        child = C::TABLE,
        parent = P::TABLE
    );
    Ok(db_exec!(h, |c| sqlx::query(&sql)
        .bind(access.id())
        .execute(c)
        .await)?)
}
