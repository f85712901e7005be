//! The source scan behind the privacy core's promise: outside `src/privacy`, no SQL reads,
//! updates or deletes a bond-record table, and only the files of [`SYSTEM_OPENERS`] open a
//! bond without a signed-in viewer. It reads the SQL in string literals (comments are
//! skipped), so table lists joined by commas, upserts (`INSERT … DO UPDATE`) and table
//! names put in with `format!` are caught as well as plain `FROM`, `JOIN` and `UPDATE`.

use std::path::{Path, PathBuf};

/// Files that may call [`BondAccess::open_as_system`](super::BondAccess::open_as_system):
/// jobs that write or mail as a member, the calendar feed (opened by its token) and the demo.
pub const SYSTEM_OPENERS: &[&str] = &[
    "src/demo/mod.rs",
    "src/feelings/reciprocity.rs",
    "src/plans/feed.rs",
    "src/memories/reflections/on_plans.rs",
    "src/reminders/plans.rs",
];

/// A piece of Rust source: its string literals (with the line each starts on) and its code
/// with comments and literals taken out.
pub struct Source {
    pub literals: Vec<(usize, String)>,
    pub code: String,
}

/// Splits Rust source into string literals and the code around them, dropping comments.
pub fn lex(text: &str) -> Source {
    let chars: Vec<char> = text.chars().collect();
    let mut literals = Vec::new();
    let mut code = String::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            code.push(c);
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                line += usize::from(chars[i] == '\n');
                i += 1;
            }
            i += 2;
        } else if c == 'r' && matches!(next, Some('"') | Some('#')) && !ident_before(&chars, i) {
            // A raw string: r"…", r#"…"#, …
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                code.push(c);
                i += 1;
                continue;
            }
            j += 1;
            let start = line;
            let mut literal = String::new();
            while j < chars.len() {
                if chars[j] == '"' && (0..hashes).all(|k| chars.get(j + 1 + k) == Some(&'#')) {
                    break;
                }
                line += usize::from(chars[j] == '\n');
                literal.push(chars[j]);
                j += 1;
            }
            literals.push((start, literal));
            i = j + 1 + hashes;
        } else if c == '"' {
            let start = line;
            let mut literal = String::new();
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                if chars[j] == '\\' {
                    j += 1;
                    // A line continuation drops the line break and the indentation after it.
                    if chars.get(j) == Some(&'\n') {
                        line += 1;
                        while chars.get(j + 1).is_some_and(|c| c.is_whitespace()) {
                            j += 1;
                            line += usize::from(chars[j] == '\n');
                        }
                    } else if let Some(&escaped) = chars.get(j) {
                        literal.push(escaped);
                    }
                } else {
                    line += usize::from(chars[j] == '\n');
                    literal.push(chars[j]);
                }
                j += 1;
            }
            literals.push((start, literal));
            i = j + 1;
        } else if c == '\'' {
            // A char literal ('x', '\n', '"') is skipped; a lifetime ('a) is code.
            if next == Some('\\') {
                let mut j = i + 2;
                while j < chars.len() && chars[j] != '\'' {
                    j += 1;
                }
                i = j + 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                code.push(c);
                i += 1;
            }
        } else {
            code.push(c);
            i += 1;
        }
    }
    Source { literals, code }
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// Words of SQL text, lower-cased, with `,`, `(`, `)` and `{` kept as words of their own.
fn words(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in sql.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.extend(c.to_lowercase());
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if matches!(c, ',' | '(' | ')' | '{') {
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// What in one piece of SQL would reach a bond table around the privacy core.
pub fn bypasses(sql: &str, bond_tables: &[&str]) -> Vec<String> {
    let words = words(sql);
    let is_sql = words
        .iter()
        .any(|w| matches!(w.as_str(), "select" | "insert" | "delete"))
        || (words.iter().any(|w| w == "update") && words.iter().any(|w| w == "set"));
    if !is_sql {
        return Vec::new();
    }
    let is_bond = |w: &str| bond_tables.contains(&w);
    let mut found = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !matches!(w.as_str(), "from" | "join" | "update") {
            continue;
        }
        // The table list: `t [alias] [, t [alias]]…`, or a name put in by `format!`.
        let mut j = i + 1;
        loop {
            match words.get(j).map(String::as_str) {
                Some("{") => {
                    found.push(format!("{w} {{…}}: a table name put into SQL text"));
                    break;
                }
                Some(table) if is_bond(table) => found.push(format!("{w} {table}")),
                Some(table) if table != "," && table != "(" && !is_keyword(table) => {}
                _ => break,
            }
            // Skip an alias (`AS x` or `x`), then continue after a comma.
            j += 1;
            if words.get(j).map(String::as_str) == Some("as") {
                j += 1;
            }
            if words.get(j).is_some_and(|a| a != "," && !is_keyword(a)) {
                j += 1;
            }
            if words.get(j).map(String::as_str) != Some(",") {
                break;
            }
            j += 1;
        }
    }
    let upsert = words.windows(2).any(|p| p[0] == "do" && p[1] == "update");
    if upsert {
        for p in words.windows(2) {
            if p[0] == "into" && is_bond(&p[1]) {
                found.push(format!("an upsert into {}", p[1]));
            }
        }
    }
    found
}

fn is_keyword(w: &str) -> bool {
    matches!(
        w,
        "where"
            | "join"
            | "left"
            | "inner"
            | "cross"
            | "on"
            | "set"
            | "order"
            | "group"
            | "limit"
            | "returning"
            | "union"
            | "using"
            | "having"
    )
}

/// Every `.rs` file under `dir`, except those under `skip`.
pub fn rust_files(dir: &Path, skip: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() && path != skip {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLES: &[&str] = &["checkins", "notes"];

    #[test]
    fn the_scan_sees_joins_by_comma_upserts_and_interpolated_tables() {
        assert_eq!(bypasses("SELECT * FROM checkins", TABLES).len(), 1);
        assert_eq!(
            bypasses("SELECT a.x FROM members a, checkins c WHERE 1", TABLES),
            vec!["from checkins"]
        );
        assert_eq!(
            bypasses("SELECT 1 FROM members m , notes AS n", TABLES),
            vec!["from notes"]
        );
        assert_eq!(bypasses("DELETE FROM notes WHERE id = $1", TABLES).len(), 1);
        assert_eq!(bypasses("UPDATE checkins SET note = ''", TABLES).len(), 1);
        assert_eq!(
            bypasses(
                "INSERT INTO notes (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET body = ''",
                TABLES
            ),
            vec!["an upsert into notes"]
        );
        assert_eq!(bypasses("SELECT * FROM {table} WHERE x", TABLES).len(), 1);
        assert!(bypasses("INSERT INTO notes (id) VALUES ($1)", TABLES).is_empty());
        assert!(bypasses("SELECT * FROM members JOIN bonds ON 1", TABLES).is_empty());
        assert!(bypasses("Choose a goal from {min} to {max} minutes", TABLES).is_empty());
    }

    #[test]
    fn the_lexer_reads_literals_and_skips_comments() {
        let source = lex(
            "// FROM checkins in a comment\nlet a = 'x'; let b = '\"';\nfn f<'a>() {}\n\
             let sql = \"SELECT * \\\n FROM checkins\"; /* UPDATE notes */ let r = r#\"JOIN \"notes\"\"#;",
        );
        let sql: Vec<&str> = source.literals.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(sql, vec!["SELECT * FROM checkins", "JOIN \"notes\""]);
        assert_eq!(source.literals[0].0, 4);
        assert!(!source.code.contains("UPDATE"));
        assert!(source.code.contains("fn f<'a>()"));
    }
}
