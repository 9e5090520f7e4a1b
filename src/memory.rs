//! Keeps the resident memory of a long-running server low.
//!
//! Every argon2id hash allocates 19 MiB and frees it. glibc's malloc raises
//! its mmap threshold after such a free, so later hashes come from the heap
//! and their pages stay resident: a bulk import grew past 300 MB this way.
//! A fixed threshold keeps big blocks in mmap, returned to the system on
//! free. (Capping the arenas as well cost an eighth of the dashboard's
//! throughput in `scripts/bench list`: threads then contend for malloc.)

/// Call once, at start, before threads are spawned.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes malloc's tuning parameters; it is called
    // at start, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1024 * 1024);
    }
}
