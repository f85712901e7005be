//! Both migration sets must build the same tables and columns.

use std::collections::BTreeSet;

use crate::harness::{Backend, TestApp};

#[tokio::test]
async fn sqlite_and_postgres_migrations_build_the_same_schema() {
    let sqlite = TestApp::new(Backend::Sqlite).await.unwrap();
    let Some(postgres) = TestApp::new(Backend::Postgres).await else {
        return;
    };

    let tandem::db::Db::Sqlite(pool) = sqlite.db() else {
        unreachable!()
    };
    let sqlite_columns: BTreeSet<(String, String)> = sqlx::query_as(
        "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
    )
    .fetch_all(pool)
    .await
    .unwrap()
    .into_iter()
    .collect();

    let tandem::db::Db::Postgres(pool) = postgres.db() else {
        unreachable!()
    };
    let postgres_columns: BTreeSet<(String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'",
    )
    .fetch_all(pool)
    .await
    .unwrap()
    .into_iter()
    .collect();

    assert!(sqlite_columns.len() > 50);
    assert_eq!(sqlite_columns, postgres_columns);
}
