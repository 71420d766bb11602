//! Paging shared by every list endpoint: `?page=1&per_page=20` in, [`Page`] out.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Which page of a list to return (1-based; at most [`Paging::MAX_PER_PAGE`] items a page and
/// [`Paging::MAX_PAGE`] pages). It validates itself while it is read from the query string, so a
/// handler never sees an out-of-range value: `page=0`, `per_page=1000` or a page number whose
/// offset would overflow answer 400 `invalid_query` before any handler runs.
#[derive(Debug, Clone, Copy, Deserialize, IntoParams)]
#[serde(try_from = "RawPaging")]
#[into_params(parameter_in = Query)]
pub struct Paging {
    #[param(minimum = 1, maximum = 100000, default = 1)]
    page: Option<u64>,
    #[param(minimum = 1, maximum = 100, default = 20)]
    per_page: Option<u64>,
}

/// The query parameters as sent, before their bounds are checked.
#[derive(Deserialize)]
struct RawPaging {
    page: Option<u64>,
    per_page: Option<u64>,
}

impl TryFrom<RawPaging> for Paging {
    type Error = String;

    fn try_from(raw: RawPaging) -> Result<Self, String> {
        Self::new(raw.page, raw.per_page)
    }
}

impl Paging {
    pub const DEFAULT_PER_PAGE: u64 = 20;
    pub const MAX_PER_PAGE: u64 = 100;
    /// No list is read this deep by a person; the bound keeps every offset far from overflow.
    pub const MAX_PAGE: u64 = 100_000;

    /// A page within the bounds, or why not.
    pub fn new(page: Option<u64>, per_page: Option<u64>) -> Result<Self, String> {
        if page.is_some_and(|p| !(1..=Self::MAX_PAGE).contains(&p)) {
            return Err(format!("page is between 1 and {}", Self::MAX_PAGE));
        }
        if per_page.is_some_and(|n| !(1..=Self::MAX_PER_PAGE).contains(&n)) {
            return Err(format!("per_page is between 1 and {}", Self::MAX_PER_PAGE));
        }
        Ok(Self { page, per_page })
    }

    pub fn page(&self) -> u64 {
        self.page.unwrap_or(1)
    }

    /// The zero-based page index sea-orm's paginator expects.
    pub fn page_index(&self) -> u64 {
        self.page() - 1
    }

    pub fn per_page(&self) -> u64 {
        self.per_page.unwrap_or(Self::DEFAULT_PER_PAGE)
    }

    /// How many items come before this page.
    pub fn offset(&self) -> u64 {
        self.page_index() * self.per_page()
    }
}

/// One page of a list and the total number of matching items.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

impl<T> Page<T> {
    pub fn new(items: Vec<T>, total: u64, paging: &Paging) -> Self {
        Self {
            items,
            total,
            page: paging.page(),
            per_page: paging.per_page(),
        }
    }

    /// The same page with each item turned into another type.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        let (items, page) = self.take_items();
        page.with_items(items.into_iter().map(f).collect())
    }

    /// The page's items, and the page left without them (to be given others with
    /// [`Page::with_items`], e.g. after an asynchronous or fallible conversion).
    pub fn take_items(mut self) -> (Vec<T>, Page<()>) {
        let items = std::mem::take(&mut self.items);
        let page = Page {
            items: Vec::new(),
            total: self.total,
            page: self.page,
            per_page: self.per_page,
        };
        (items, page)
    }
}

impl Page<()> {
    /// The same page (total, number, size) with these items.
    pub fn with_items<U>(self, items: Vec<U>) -> Page<U> {
        Page {
            items,
            total: self.total,
            page: self.page,
            per_page: self.per_page,
        }
    }
}
