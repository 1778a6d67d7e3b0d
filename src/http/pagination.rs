//! Paginated lists: `?page=1&per_page=50` in, `{items, page, per_page, total}` out.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::domain::Invalid;
use crate::http::ApiError;

pub const MAX_PER_PAGE: u32 = 100;
const DEFAULT_PER_PAGE: u32 = 50;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// 1-based page number.
    pub page: Option<u32>,
    /// Items per page, 1 to 100 (default 50).
    pub per_page: Option<u32>,
}

/// A checked page request.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    pub page: u32,
    pub per_page: u32,
}

impl PageQuery {
    pub fn checked(&self) -> Result<PageRequest, ApiError> {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(DEFAULT_PER_PAGE);
        let mut problems = Vec::new();
        if page == 0 {
            problems.push(Invalid::new("page", "page-out-of-range"));
        }
        if per_page == 0 || per_page > MAX_PER_PAGE {
            problems.push(Invalid::new("per_page", "per-page-out-of-range").with_limit(MAX_PER_PAGE as usize));
        }
        if problems.is_empty() {
            Ok(PageRequest { page, per_page })
        } else {
            Err(ApiError::Validation(problems))
        }
    }
}

impl PageRequest {
    pub fn limit(&self) -> i64 {
        i64::from(self.per_page)
    }

    pub fn offset(&self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub page: u32,
    pub per_page: u32,
    /// Items across all pages.
    pub total: i64,
}

impl<T> Page<T> {
    pub fn new(items: Vec<T>, request: PageRequest, total: i64) -> Self {
        Self { items, page: request.page, per_page: request.per_page, total }
    }
}
