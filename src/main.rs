use std::process::ExitCode;

fn main() -> ExitCode {
    tune_allocator();
    nashra::cli::main()
}

/// Keeps glibc's allocator from hoarding memory. A password hash takes a 19 MiB block;
/// glibc then raises its mmap threshold to that size and keeps freed blocks in whichever of
/// its per-thread arenas (up to 8 per core) the hashing thread used, so a burst of logins
/// left hundreds of megabytes resident for good. Large blocks now always come from mmap and
/// go back to the system when freed, and two arenas serve all threads.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() {
    // SAFETY: mallopt only adjusts allocator settings; it is called before any other thread
    // exists and the values are in range.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}
