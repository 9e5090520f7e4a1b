//! Where the store is, and how much of the redb file stays in memory.

use std::path::Path;

/// Where the store is: the redb file (the default, in the data folder) or
/// a PostgreSQL database several nodes share (`--store postgres://…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreAt {
    File(std::path::PathBuf),
    Postgres(String),
}

impl StoreAt {
    /// `postgres://…` or `postgresql://…`: PostgreSQL; anything else is not
    /// a store URL this build knows.
    pub fn parse_url(url: &str) -> std::result::Result<Self, String> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(StoreAt::Postgres(url.to_owned()))
        } else {
            Err(format!(
                "not a store URL: {url} (postgres://user@host/database; leave it out for the file \
                 in the data folder)"
            ))
        }
    }
}

/// The page cache when nothing else is said: the whole file, with room to
/// grow, between these bounds. Lookups from the mail server go to random
/// addresses, and a cache smaller than the file makes them read pages back
/// from the kernel (at 1,000,000 addresses, a file of about 270 MB: with a
/// 32 MB cache 60,000 lookups/s, with the whole file cached 78,000/s); a
/// small organisation's server stays small (redb's default is 1 GiB
/// whatever the file).
const CACHE_MIN: usize = 32 * 1024 * 1024;
const CACHE_MAX: usize = 512 * 1024 * 1024;

/// How much of the file to keep in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CacheSize {
    /// The file's size when opened and a quarter more, within 32–512 MB.
    #[default]
    Auto,
    Bytes(usize),
}

impl CacheSize {
    pub fn for_file(self, path: &Path) -> usize {
        match self {
            CacheSize::Bytes(bytes) => bytes,
            CacheSize::Auto => {
                let size = std::fs::metadata(path).map_or(0, |m| m.len() as usize);
                size.saturating_add(size / 4).clamp(CACHE_MIN, CACHE_MAX)
            }
        }
    }
}

#[cfg(test)]
mod cache_tests {
    use super::*;

    #[test]
    fn the_cache_holds_the_file_within_its_bounds_unless_told() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        assert_eq!(CacheSize::Auto.for_file(&path), CACHE_MIN, "no file yet");
        std::fs::File::create(&path)
            .unwrap()
            .set_len(400 << 20)
            .unwrap();
        assert_eq!(CacheSize::Auto.for_file(&path), 500 << 20);
        std::fs::File::create(&path)
            .unwrap()
            .set_len(4 << 30)
            .unwrap();
        assert_eq!(CacheSize::Auto.for_file(&path), CACHE_MAX);
        assert_eq!(CacheSize::Bytes(7).for_file(&path), 7);
    }
}
