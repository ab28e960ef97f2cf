//! Settings for mimalloc, the global allocator of the `hoctap` binary and the benchmarks.

/// `mi_option_purge_delay` in mimalloc.h (the same position in its v2 and v3 option lists).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps freed memory in the process instead of giving it back to the OS, for short-lived
/// commands (`build`, `check`); a long-running `serve` keeps mimalloc's default.
///
/// A build frees and allocates hundreds of megabytes in waves (markdown, then the index, then
/// every page's HTML); with mimalloc's default 10 ms purge delay (and still with 1 s) the
/// pages went back to the OS between waves and were faulted in and zeroed again, 2 MiB at a
/// time, which cost a fifth of a 10,000-page build's CPU time. The peak memory is the same.
/// Has no effect when mimalloc is linked but not the global allocator.
pub fn keep_freed_memory() {
    // SAFETY: sets a plain integer option; mimalloc allows that at any time.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}
