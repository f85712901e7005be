//! Both migration sets must build the same tables and columns.

use std::collections::BTreeSet;

use crate::harness::{Backend, TestApp};

#[tokio::test]
async fn sqlite_and_postgres_migrations_build_the_same_schema() {
    let sqlite = TestApp::new(Backend::Sqlite).await.unwrap();
    let Some(postgres) = TestApp::new(Backend::Postgres).await else {
        return;
    };

    let sqlite_columns: BTreeSet<(String, String)> = sqlite_tables(&sqlite)
        .await
        .into_iter()
        .flat_map(|(table, columns)| columns.into_iter().map(move |c| (table.clone(), c)))
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

/// The columns of every table of a migrated SQLite database.
async fn sqlite_tables(app: &TestApp) -> std::collections::BTreeMap<String, BTreeSet<String>> {
    let tandem::db::Db::Sqlite(pool) = app.db() else {
        unreachable!()
    };
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut tables = std::collections::BTreeMap::<String, BTreeSet<String>>::new();
    for (table, column) in rows {
        tables.entry(table).or_default().insert(column);
    }
    tables
}

#[tokio::test]
async fn every_migrated_table_is_declared_in_the_data_inventory_with_real_columns() {
    use tandem::privacy::inventory::{self, Kind};
    let app = TestApp::new(Backend::Sqlite).await.unwrap();
    let tables = sqlite_tables(&app).await;
    let undeclared: Vec<&String> = tables
        .keys()
        .filter(|t| inventory::find(t).is_none())
        .collect();
    assert!(
        undeclared.is_empty(),
        "not in the data inventory: {undeclared:?}"
    );
    for declared in inventory::TABLES {
        let columns = tables
            .get(declared.name)
            .unwrap_or_else(|| panic!("{} is declared but not migrated", declared.name));
        let named = declared
            .owner
            .iter()
            .chain(&declared.bond)
            .chain(declared.media);
        for column in named {
            assert!(
                columns.contains(*column),
                "{}.{column} does not exist",
                declared.name
            );
        }
        if declared.kind == Kind::BondRecord {
            for column in ["id", "bond_id", "author_id", "visibility", "unseal_at"] {
                assert!(
                    columns.contains(column),
                    "bond record {} lacks {column}",
                    declared.name
                );
            }
        }
    }
}

#[tokio::test]
async fn every_table_with_a_visibility_is_a_bond_record_of_the_privacy_core() {
    use tandem::privacy::inventory;
    let bond_tables: BTreeSet<&str> = inventory::bond_tables().collect();
    let app = TestApp::new(Backend::Sqlite).await.unwrap();
    for (table, columns) in sqlite_tables(&app).await {
        if columns.contains("visibility") {
            assert!(
                bond_tables.contains(table.as_str()),
                "{table} has a visibility but is not a bond record of the privacy core"
            );
        }
    }
}
