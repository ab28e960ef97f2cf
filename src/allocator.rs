//! Settings for mimalloc, the global allocator of the `hoctap` binary and the benchmarks.

/// `mi_option_purge_delay` in mimalloc.h (the same position in its v2 and v3 option lists).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps freed memory in the process instead of giving it back to the OS, for short-lived
/// commands (`build`, `check`); a long-running `serve` keeps mimalloc's default.
///
/// A build frees and allocates hundreds of megabytes in waves (markdown, then the index, then
/// every page's HTML); with mimalloc's default 10 ms purge delay (and still with 1 s) the
/// pages went back to the OS between waves and were faulted in and zeroed again, 2 MiB at a
/// time, which cost a fifth of a 10,000-page build's CPU time. On the heavy 10,000-page
/// portal (output on disk, three interleaved pairs of runs) the default delay lowers the peak
/// RSS by 8 % (603–615 → 554–557 MiB) for 5–16 % more CPU (12.0–14.9 → 13.9–15.5 s user+sys):
/// CPU is what the shared machines that build portals run short of, so freed memory is kept.
/// Has no effect when mimalloc is linked but not the global allocator.
pub fn keep_freed_memory() {
    // SAFETY: sets a plain integer option; mimalloc allows that at any time.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}
