//! Rendered pages kept in memory between requests. Every entry belongs to one content
//! version (see `db::site::content_version`); when the version moves, the whole cache is
//! dropped. How soon a server sees the version move is `site::freshness`'s business.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

use crate::render::theme::hex;

/// A rendered page with its validator.
#[derive(Debug)]
pub struct Rendered {
    /// Shared, so serving it copies no bytes.
    pub body: Bytes,
    pub content_type: &'static str,
    /// Strong ETag over the body.
    pub etag: String,
}

impl Rendered {
    pub fn new(body: Vec<u8>, content_type: &'static str) -> Self {
        let etag = format!("\"{}\"", &hex(&Sha256::digest(&body))[..32]);
        Self { body: body.into(), content_type, etag }
    }
}

struct Entries {
    version: Option<NaiveDateTime>,
    pages: HashMap<String, Arc<Rendered>>,
    bytes: usize,
}

pub struct PageCache {
    limit: usize,
    entries: Mutex<Entries>,
}

impl PageCache {
    pub fn new(limit_bytes: usize) -> Self {
        Self { limit: limit_bytes, entries: Mutex::new(Entries { version: None, pages: HashMap::new(), bytes: 0 }) }
    }

    pub fn get(&self, path: &str, version: Option<NaiveDateTime>) -> Option<Arc<Rendered>> {
        let mut entries = self.lock();
        if entries.version != version {
            entries.version = version;
            entries.pages.clear();
            entries.bytes = 0;
            return None;
        }
        entries.pages.get(path).cloned()
    }

    /// Keeps a page rendered at `version`. Past the byte limit the cache starts over, which
    /// is simple and bounded; popular pages return at once.
    pub fn put(&self, path: &str, version: Option<NaiveDateTime>, page: Arc<Rendered>) {
        let mut entries = self.lock();
        // A page larger than the whole limit is not kept (a limit of 0 turns the cache off).
        if entries.version != version || page.body.len() > self.limit {
            return;
        }
        if entries.bytes + page.body.len() > self.limit {
            entries.pages.clear();
            entries.bytes = 0;
        }
        entries.bytes += page.body.len();
        entries.pages.insert(path.to_owned(), page);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_version_empties_the_cache() {
        let cache = PageCache::new(1_000);
        let v1 = chrono::DateTime::from_timestamp(1, 0).map(|t| t.naive_utc());
        let v2 = chrono::DateTime::from_timestamp(2, 0).map(|t| t.naive_utc());
        assert!(cache.get("/en/", v1).is_none());
        cache.put("/en/", v1, Arc::new(Rendered::new(b"hello".to_vec(), "text/html")));
        assert_eq!(cache.get("/en/", v1).unwrap().body, &b"hello"[..]);
        assert!(cache.get("/en/", v2).is_none());
        assert!(cache.get("/en/", v2).is_none(), "stale entries are gone");
    }

    #[test]
    fn the_cache_stays_within_its_limit() {
        let cache = PageCache::new(10);
        cache.get("/", None);
        cache.put("/a", None, Arc::new(Rendered::new(vec![0; 6], "text/html")));
        cache.put("/b", None, Arc::new(Rendered::new(vec![0; 6], "text/html")));
        assert!(cache.get("/a", None).is_none());
        assert!(cache.get("/b", None).is_some());
        cache.put("/big", None, Arc::new(Rendered::new(vec![0; 11], "text/html")));
        assert!(cache.get("/big", None).is_none(), "a page over the whole limit is not kept");
        assert!(cache.get("/b", None).is_some(), "and does not push the others out");

        let off = PageCache::new(0);
        off.get("/", None);
        off.put("/a", None, Arc::new(Rendered::new(vec![0; 1], "text/html")));
        assert!(off.get("/a", None).is_none(), "a limit of 0 keeps nothing");
    }
}
