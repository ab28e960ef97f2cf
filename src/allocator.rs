//! Settings for mimalloc, the global allocator of the `hoctap` binary and the benchmarks.

/// `mi_option_purge_delay` in mimalloc.h (the same position in its v2 and v3 option lists).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long a short-lived command (`build`, `check`) keeps freed memory before giving it back
/// to the OS, in milliseconds; a long-running `serve` keeps mimalloc's default (10 ms).
///
/// A build frees and allocates hundreds of megabytes in waves (markdown, then the index, then
/// every page's HTML). With a 10 ms delay, pages went back to the OS between waves and were
/// faulted in and zeroed again, which once cost a fifth of a 10,000-page build's CPU; keeping
/// everything (no purge at all) cost memory instead. Since a build frees each page's text and
/// HTML as it goes, 100 ms keeps the waves' memory for reuse and returns what the next wave
/// does not take: on the heavy 10,000-page portal (output in RAM, interleaved runs) peak RSS
/// 436–474 → 376–385 MiB, wall time and CPU unchanged within the noise (2.26–2.29 s against
/// 2.27–2.34 s, 4.4 s of CPU); the light one is unchanged (171–180 MiB, 1.1 s). A second
/// kept memory again (442–454 MiB).
const BUILD_PURGE_DELAY_MS: std::os::raw::c_long = 100;

/// Sets the purge delay of short-lived commands, see [`BUILD_PURGE_DELAY_MS`]. Has no effect
/// when mimalloc is linked but not the global allocator.
pub fn tune_for_builds() {
    // SAFETY: sets a plain integer option; mimalloc allows that at any time.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, BUILD_PURGE_DELAY_MS) }
}
