//! Paging shared by every list endpoint: `?page=1&per_page=20` in, [`Page`] out.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// Which page of a list to return (1-based; at most 100 items a page).
#[derive(Debug, Clone, Copy, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    #[validate(range(min = 1, message = "page starts at 1"))]
    #[param(minimum = 1, default = 1)]
    pub page: Option<u64>,
    #[validate(range(min = 1, max = 100, message = "per_page is between 1 and 100"))]
    #[param(minimum = 1, maximum = 100, default = 20)]
    pub per_page: Option<u64>,
}

impl Paging {
    pub const DEFAULT_PER_PAGE: u64 = 20;

    pub fn page(&self) -> u64 {
        self.page.unwrap_or(1).max(1)
    }

    /// The zero-based page index sea-orm's paginator expects.
    pub fn page_index(&self) -> u64 {
        self.page() - 1
    }

    pub fn per_page(&self) -> u64 {
        self.per_page
            .unwrap_or(Self::DEFAULT_PER_PAGE)
            .clamp(1, 100)
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
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            page: self.page,
            per_page: self.per_page,
        }
    }
}
