//! The Together part of the benchmark: years of plans (see `plans`), a weekly goal, a calendar
//! link, and a memory book with a few hundred memories and their photos, all behind user 1's
//! bond, made through the app's own forms; then what the measured requests ask for.

use std::{net::SocketAddr, path::Path};

use chrono::{Duration, NaiveDate, Utc};

use crate::{
    Result,
    http::{Conn, FilePart, Response, contains, find, form_encode, get, multipart, post, timed},
    photos,
    plans::{self, OUTINGS, RHYTHMS, ZONE},
};

pub const MEMORIES: usize = 300;
/// Every third memory has photos, two each (small ones: see `photos::seed_photo`).
const PHOTOS_PER_MEMORY: usize = 2;

/// What was made, for the report.
pub struct Seeded {
    pub plans: usize,
    pub occurrences: usize,
    pub changes: usize,
    pub memories: usize,
    pub photos: usize,
    /// The paths the phases ask for.
    pub plans_path: String,
    pub feed_path: String,
    pub book_path: String,
    pub thumb_path: String,
    pub thumb_etag: String,
}

/// A member of user 1's bond, making things one request at a time.
pub struct Maker<'a> {
    addr: SocketAddr,
    origin: &'a str,
    cookie: &'a str,
    pub bond: &'a str,
    conn: Conn,
}

impl Maker<'_> {
    async fn send(&mut self, request: &[u8], expect: u16, what: &str) -> Result<Response> {
        if self.conn.closed {
            self.conn = Conn::connect(self.addr).await?;
        }
        let r = timed(&mut self.conn, request).await?;
        if r.status != expect {
            let start = r.body.len().saturating_sub(600);
            return Err(format!(
                "{what}: expected {expect}, got {} ({})",
                r.status,
                String::from_utf8_lossy(&r.body[start..])
            )
            .into());
        }
        Ok(r)
    }

    /// Posts a form of the bond (`path` after `/bonds/{bond}`) and expects a redirect.
    pub async fn post_form<V: AsRef<str>>(
        &mut self,
        path: &str,
        fields: &[(&str, V)],
        what: &str,
    ) -> Result<()> {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_ref())).collect();
        let request = post(
            self.addr,
            self.origin,
            &format!("/bonds/{}{path}", self.bond),
            Some(self.cookie),
            &form_encode(&fields),
        );
        self.send(&request, 303, what).await.map(drop)
    }
}

/// Makes the plans, goal, calendar link and memory book of user 1's bond.
pub async fn seed(
    addr: SocketAddr,
    origin: &str,
    cookie: &str,
    bond: &str,
    data_dir: &Path,
) -> Result<Seeded> {
    let mut maker = Maker {
        addr,
        origin,
        cookie,
        bond,
        conn: Conn::connect(addr).await?,
    };
    let today = Utc::now().with_timezone(&ZONE).date_naive();
    let made = plans::seed(&mut maker, today, data_dir).await?;
    maker
        .post_form(
            "/together/plans/goal",
            &[("minutes", "120")],
            "setting the goal",
        )
        .await?;
    let request = post(
        addr,
        origin,
        &format!("/bonds/{bond}/together/calendar"),
        Some(cookie),
        "",
    );
    let page = maker.send(&request, 200, "making a calendar link").await?;
    let feed_path = path_in(&page.body, b"/calendar/", b".ics")
        .ok_or("the calendar page shows no /calendar/….ics link")?;
    let (memories, photos) = seed_memories(&mut maker, today).await?;
    let book_path = format!("/bonds/{bond}/together/memories");
    let book = maker
        .send(
            &get(addr, &book_path, Some(cookie), ""),
            200,
            "the memory book",
        )
        .await?;
    let thumb_path = path_in(
        &book.body,
        format!("/bonds/{bond}/photos/").as_bytes(),
        b"/thumb",
    )
    .ok_or("the memory book shows no thumb")?;
    let thumb = maker
        .send(&get(addr, &thumb_path, Some(cookie), ""), 200, "a thumb")
        .await?;
    let thumb_etag = thumb
        .headers("etag")
        .next()
        .ok_or("a thumb came without an ETag")?
        .to_owned();
    Ok(Seeded {
        plans: made.plans,
        occurrences: made.occurrences,
        changes: made.changes,
        memories,
        photos,
        plans_path: format!("/bonds/{bond}/together/plans"),
        feed_path,
        book_path,
        thumb_path,
        thumb_etag,
    })
}

/// The first path in an HTML body made of `start`, an id or token, and `end`.
fn path_in(body: &[u8], start: &[u8], end: &[u8]) -> Option<String> {
    let mut at = 0;
    while let Some(from) = find(body, start, at) {
        let id_from = from + start.len();
        let id_len = body[id_from..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b'_')
            .count();
        let id_to = id_from + id_len;
        if id_len > 0 && body[id_to..].starts_with(end) {
            return String::from_utf8(body[from..id_to + end.len()].to_vec()).ok();
        }
        at = id_from;
    }
    None
}

/// A memory every six days back to about five years ago; every third with two photos.
/// Returns the memories and photos added.
async fn seed_memories(maker: &mut Maker<'_>, today: NaiveDate) -> Result<(usize, usize)> {
    let pictures = [photos::seed_photo(1), photos::seed_photo(2)];
    let categories = [
        "sports",
        "art",
        "cooking",
        "nature",
        "adventure",
        "games",
        "learning",
    ];
    let path = format!("/bonds/{}/together/memories", maker.bond);
    let mut photos = 0;
    for i in 0..MEMORIES {
        let title = format!("{} ({})", OUTINGS[i % OUTINGS.len()], i + 1);
        let day = (today - Duration::days(1 + 6 * i as i64)).to_string();
        let fields = [
            ("title", title.as_str()),
            ("happened_on", day.as_str()),
            ("category", categories[i % categories.len()]),
            (
                "highlight",
                "We laughed the whole way back, and he told me about his new friend.",
            ),
            ("learned", ""),
            ("feeling", ""),
            ("feeling_words", ""),
        ];
        let files: Vec<FilePart<'_>> = if i % 3 == 0 {
            pictures
                .iter()
                .take(PHOTOS_PER_MEMORY)
                .map(|bytes| FilePart {
                    input: "photos",
                    file_name: "IMG_0001.jpg",
                    content_type: "image/jpeg",
                    bytes,
                })
                .collect()
        } else {
            Vec::new()
        };
        photos += files.len();
        let request = multipart(
            maker.addr,
            maker.origin,
            &path,
            maker.cookie,
            &fields,
            &files,
        );
        maker
            .send(&request, 303, &format!("memory {}", i + 1))
            .await?;
    }
    Ok((MEMORIES, photos))
}

/// The plans page renders and shows the rhythms.
pub fn plans_ok(r: &Response) -> bool {
    r.status == 200 && contains(&r.body, RHYTHMS[0].0.as_bytes())
}

pub fn feed_ok(r: &Response) -> bool {
    r.status == 200 && r.body.starts_with(b"BEGIN:VCALENDAR") && contains(&r.body, b"RRULE:")
}

pub fn book_ok(r: &Response) -> bool {
    r.status == 200 && contains(&r.body, b"Memory book") && contains(&r.body, b"/thumb\"")
}

pub fn thumb_ok(r: &Response) -> bool {
    r.status == 200 && r.body.starts_with(&[0xFF, 0xD8])
}

pub fn not_modified(r: &Response) -> bool {
    r.status == 304 && r.body.is_empty()
}
