//! Typed conditions for reads of bond-scoped records: a column named in code and a bound
//! value, never SQL text. A [`Column`] is a plain lower-case identifier, checked when it is
//! made; [`col!`](crate::col) makes it in a constant, so a bad name fails the build.

use super::Bind;

/// A column of a bond-scoped table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column(&'static str);

impl Column {
    /// A column by name. Use [`col!`](crate::col), which evaluates this at compile time.
    pub const fn new(name: &'static str) -> Column {
        let bytes = name.as_bytes();
        assert!(!bytes.is_empty(), "a column has a name");
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            assert!(
                b.is_ascii_lowercase() || b == b'_' || (i > 0 && b.is_ascii_digit()),
                "a column is a plain lower-case identifier"
            );
            i += 1;
        }
        Column(name)
    }

    pub const fn name(self) -> &'static str {
        self.0
    }

    /// Columns no update may set: who wrote a row and where it lives never change.
    pub(super) fn is_fixed(self) -> bool {
        matches!(self.0, "id" | "bond_id" | "author_id")
    }

    pub fn eq(self, value: Bind) -> Condition {
        Condition::compare(self, "=", value)
    }

    pub fn ne(self, value: Bind) -> Condition {
        Condition::compare(self, "<>", value)
    }

    /// The column is `value` or later.
    pub fn at_least(self, value: Bind) -> Condition {
        Condition::compare(self, ">=", value)
    }

    /// The column is before `value`.
    pub fn before(self, value: Bind) -> Condition {
        Condition::compare(self, "<", value)
    }
}

/// A column made at compile time: `col!("plan_id")`.
#[macro_export]
macro_rules! col {
    ($name:literal) => {{
        const COLUMN: $crate::privacy::Column = $crate::privacy::Column::new($name);
        COLUMN
    }};
}

/// A condition on a row: comparisons of a column with a bound value, or either of two.
#[derive(Debug, Clone)]
pub struct Condition(Clause);

#[derive(Debug, Clone)]
enum Clause {
    Compare(Column, &'static str, Bind),
    Either(Box<Clause>, Box<Clause>),
}

impl Condition {
    fn compare(column: Column, op: &'static str, value: Bind) -> Condition {
        Condition(Clause::Compare(column, op, value))
    }

    /// Rows that meet this condition or `other`.
    pub fn or(self, other: Condition) -> Condition {
        Condition(Clause::Either(Box::new(self.0), Box::new(other.0)))
    }

    /// Writes the condition's SQL with numbered markers after those of `binds`, which it
    /// extends with its own values.
    pub(super) fn render(&self, sql: &mut String, binds: &mut Vec<Bind>, first_marker: usize) {
        render(&self.0, sql, binds, first_marker);
    }
}

fn render(clause: &Clause, sql: &mut String, binds: &mut Vec<Bind>, first_marker: usize) {
    match clause {
        Clause::Compare(column, op, value) => {
            let marker = first_marker + binds.len();
            sql.push_str(&format!("{} {op} ${marker}", column.name()));
            binds.push(value.clone());
        }
        Clause::Either(a, b) => {
            sql.push('(');
            render(a, sql, binds, first_marker);
            sql.push_str(" OR ");
            render(b, sql, binds, first_marker);
            sql.push(')');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_render_only_columns_operators_and_numbered_markers() {
        let mut sql = String::new();
        let mut binds = vec![Bind::Int(1)];
        crate::col!("recurrence")
            .ne(Bind::Text("once".into()))
            .or(crate::col!("first_at").at_least(Bind::Int(7)))
            .render(&mut sql, &mut binds, 4);
        assert_eq!(sql, "(recurrence <> $5 OR first_at >= $6)");
        assert_eq!(binds.len(), 3);
    }

    #[test]
    #[should_panic(expected = "plain lower-case identifier")]
    fn a_column_that_is_not_an_identifier_is_refused() {
        let name: &'static str = "1 = 1 OR author_id";
        Column::new(name);
    }
}
