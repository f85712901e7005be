//! Long lists split into numbered pages (`?page=N`), as plain links that work without
//! JavaScript and keep the list's own filters in the query string. See ADR 0034.
//!
//! # Adding pages to a list
//! 1. Read the page number with [`requested`] from the query string's `page` (an unreadable
//!    one is a 400 with a message; none is the first page).
//! 2. Build a [`Pager`] from the list's own path with its filters, the number, how many items
//!    pass the filters, and where on the page the list starts (its heading's id), then show
//!    only [`Pager::window`] of the items. Too high a number shows the last page, 0 the first.
//! 3. Say the range in the list's heading with [`Pager::first_shown`], [`Pager::last_shown`]
//!    and [`Pager::total`] (a message of the list's own, which names what is counted), and
//!    include `_pager.html` after the list with the `Pager` as `pager`.
//! 4. Carry the page in links that return to the list (e.g. after starring an item):
//!    `pager.path(pager.number())`.
//! 5. Test on both backends: the first page holds [`PER_PAGE`] items, the next starts where
//!    it ended, the filters survive paging, and `page=0`, `page=abc`, a huge number.

use crate::{
    error::{AppError, AppResult},
    i18n::Msg,
};

/// How many items a page shows: twenty cards scroll comfortably on a phone.
pub const PER_PAGE: usize = 20;

/// The page asked for in a query string's `page`: none (or blank) is 1, digits are that page
/// (clamped later to the pages there are), anything else is refused.
pub fn requested(raw: &str) -> AppResult<usize> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(1);
    }
    if !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::BadRequest(Msg::new("pager-bad-number")));
    }
    // Only digits: too many of them for a number is simply past the last page.
    Ok(raw.parse().unwrap_or(usize::MAX))
}

/// One page of a list: which it is, how many there are and how to link to each.
#[derive(Debug, Clone)]
pub struct Pager {
    /// The list's path with its filters' query string, without the page.
    base: String,
    /// The id of the element the list starts at, so a page link lands on the list itself.
    anchor: &'static str,
    number: usize,
    pages: usize,
    total: usize,
}

/// A place in the row of page links: a page's number, or a gap standing for the pages left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Page(usize),
    Gap,
}

impl Slot {
    pub fn page(self) -> Option<usize> {
        match self {
            Slot::Page(n) => Some(n),
            Slot::Gap => None,
        }
    }
}

impl Pager {
    /// `base` is the list's path with its query string (filters), `requested` from
    /// [`requested`], `total` the count of items that pass the filters. A number past the last
    /// page shows the last page and 0 the first, so an old bookmark still lands on the list.
    pub fn new(base: String, anchor: &'static str, requested: usize, total: usize) -> Pager {
        let pages = total.div_ceil(PER_PAGE).max(1);
        Pager {
            base,
            anchor,
            number: requested.clamp(1, pages),
            pages,
            total,
        }
    }

    pub fn number(&self) -> usize {
        self.number
    }

    pub fn total(&self) -> usize {
        self.total
    }

    /// Whether the list needs more than one page (and so page links).
    pub fn is_split(&self) -> bool {
        self.pages > 1
    }

    /// The position (from 1) of this page's first item.
    pub fn first_shown(&self) -> usize {
        ((self.number - 1) * PER_PAGE + 1).min(self.total)
    }

    /// The position (from 1) of this page's last item.
    pub fn last_shown(&self) -> usize {
        (self.number * PER_PAGE).min(self.total)
    }

    /// This page's items out of all that pass the filters.
    pub fn window<T>(&self, items: Vec<T>) -> Vec<T> {
        let start = (self.number - 1) * PER_PAGE;
        items.into_iter().skip(start).take(PER_PAGE).collect()
    }

    pub fn previous(&self) -> Option<usize> {
        (self.number > 1).then(|| self.number - 1)
    }

    pub fn next(&self) -> Option<usize> {
        (self.number < self.pages).then(|| self.number + 1)
    }

    pub fn previous_href(&self) -> Option<String> {
        self.previous().map(|p| self.href(p))
    }

    pub fn next_href(&self) -> Option<String> {
        self.next().map(|p| self.href(p))
    }

    pub fn is_current(&self, page: usize) -> bool {
        page == self.number
    }

    /// The path of a page, with the filters. Page 1 carries no number.
    pub fn path(&self, page: usize) -> String {
        let mut path = self.base.clone();
        if page > 1 {
            path.push(if path.contains('?') { '&' } else { '?' });
            path.push_str(&format!("page={page}"));
        }
        path
    }

    /// The link to a page, landing at the list rather than the top of the page.
    pub fn href(&self, page: usize) -> String {
        format!("{}#{}", self.path(page), self.anchor)
    }

    /// The row of page links: the first and last pages, and two either side of this one,
    /// with a gap where pages are left out, so that the row fits a phone however long the list.
    pub fn slots(&self) -> Vec<Slot> {
        let near = |p: usize| p == 1 || p == self.pages || p.abs_diff(self.number) <= 2;
        let mut slots = Vec::new();
        for page in 1..=self.pages {
            if near(page) {
                slots.push(Slot::Page(page));
            } else if slots.last() != Some(&Slot::Gap) {
                slots.push(Slot::Gap);
            }
        }
        slots
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pager(requested: usize, total: usize) -> Pager {
        Pager::new("/list?kind=art".into(), "results", requested, total)
    }

    #[test]
    fn the_requested_number_is_read_or_refused() {
        assert_eq!(requested("").unwrap(), 1);
        assert_eq!(requested(" 3 ").unwrap(), 3);
        assert_eq!(requested("0").unwrap(), 0);
        assert_eq!(requested("99999999999999999999999").unwrap(), usize::MAX);
        for bad in ["abc", "-1", "1.5", "2x", "+2"] {
            assert!(
                matches!(requested(bad), Err(AppError::BadRequest(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn numbers_past_either_end_show_the_nearest_page() {
        assert_eq!(pager(0, 141).number(), 1);
        assert_eq!(pager(usize::MAX, 141).number(), 8);
        assert_eq!(pager(5, 0).number(), 1);
        let p = pager(2, 141);
        assert_eq!((p.first_shown(), p.last_shown(), p.total()), (21, 40, 141));
        let last = pager(8, 141);
        assert_eq!((last.first_shown(), last.last_shown()), (141, 141));
        assert_eq!(last.window((1..=141).collect()), vec![141]);
        assert_eq!(pager(1, 0).first_shown(), 0);
        assert!(!pager(1, 20).is_split() && pager(1, 21).is_split());
    }

    #[test]
    fn links_keep_the_filters_and_land_on_the_list() {
        let p = pager(2, 141);
        assert_eq!(p.href(3), "/list?kind=art&page=3#results");
        assert_eq!(p.href(1), "/list?kind=art#results");
        let bare = Pager::new("/list".into(), "results", 1, 50);
        assert_eq!(bare.href(2), "/list?page=2#results");
        assert_eq!((p.previous(), p.next()), (Some(1), Some(3)));
        assert_eq!(
            (pager(1, 141).previous(), pager(8, 141).next()),
            (None, None)
        );
    }

    #[test]
    fn a_long_row_of_pages_leaves_gaps() {
        use Slot::{Gap, Page};
        assert_eq!(pager(1, 60).slots(), vec![Page(1), Page(2), Page(3)]);
        assert_eq!(
            pager(10, 400).slots(),
            vec![
                Page(1),
                Gap,
                Page(8),
                Page(9),
                Page(10),
                Page(11),
                Page(12),
                Gap,
                Page(20)
            ]
        );
    }
}
