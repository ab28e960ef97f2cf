//! Where a build's memory goes: a counting wrapper around the allocator, and a stage-by-stage
//! account of one build (`cargo bench --bench build -- --memory`).

use std::alloc::{GlobalAlloc, Layout};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// mimalloc (the `hoctap` binary's allocator) that, once [`Counting::start`] was called, counts
/// the bytes live and their high-water mark.
pub(crate) struct Counting {
    on: AtomicBool,
    live: AtomicUsize,
    peak: AtomicUsize,
}

impl Counting {
    pub(crate) const fn new() -> Counting {
        Counting { on: AtomicBool::new(false), live: AtomicUsize::new(0), peak: AtomicUsize::new(0) }
    }
    /// Starts counting (from zero: what was allocated before is not freed through the count).
    pub(crate) fn start(&self) {
        self.on.store(true, Ordering::SeqCst);
    }
    /// Bytes live now.
    pub(crate) fn live(&self) -> usize {
        self.live.load(Ordering::SeqCst)
    }
    /// The highest live bytes since the last reset, then resets it to the live bytes.
    pub(crate) fn take_peak(&self) -> usize {
        self.peak.swap(self.live(), Ordering::SeqCst)
    }
    fn grew(&self, size: usize) {
        if self.on.load(Ordering::Relaxed) {
            let live = self.live.fetch_add(size, Ordering::Relaxed) + size;
            self.peak.fetch_max(live, Ordering::Relaxed);
        }
    }
    fn shrank(&self, size: usize) {
        if self.on.load(Ordering::Relaxed) {
            // Saturating: blocks allocated before counting started may be freed after.
            let _ = self.live.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |v| Some(v.saturating_sub(size)));
        }
    }
}

// SAFETY: every call is passed to mimalloc unchanged; the counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        self.grew(layout.size());
        mimalloc::MiMalloc.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        self.grew(layout.size());
        mimalloc::MiMalloc.alloc_zeroed(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        self.shrank(layout.size());
        mimalloc::MiMalloc.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        self.shrank(layout.size());
        self.grew(new_size);
        mimalloc::MiMalloc.realloc(ptr, layout, new_size)
    }
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// Builds `root` into `out` stage by stage (output staged on disk, as a clean build), printing
/// the memory each stage keeps and its peak, and what the loaded pages hold.
pub(crate) fn account(counter: &Counting, root: &Path, out: &Path, label: &str) {
    let _ = std::fs::remove_dir_all(out);
    counter.start();
    let overrides = hoctap::Overrides { output_dir: Some(out.to_path_buf()), ..Default::default() };
    let config = hoctap::Config::load(root, &overrides).expect("generated config is valid");
    let folder = hoctap::output::OutputFolder::claim(&config).expect("output folder");
    let base = counter.live();
    counter.take_peak();
    let site = hoctap::Site::load(config, &mut Vec::new()).expect("benchmark portal loads");
    let (loaded, load_peak) = (counter.live() - base, counter.take_peak() - base);
    let prepared = hoctap::search::prepare(&site);
    let records = counter.live() - base - loaded;
    // The index on its own, into a scratch folder: in a build it is written beside the pages.
    let scratch = out.with_file_name("site-memory-index");
    let _ = std::fs::remove_dir_all(&scratch);
    let overrides = hoctap::Overrides { output_dir: Some(scratch.clone()), ..Default::default() };
    let scratch_folder = hoctap::output::OutputFolder::claim(&hoctap::Config::load(root, &overrides).expect("config"));
    let index_output = hoctap::output::Output::staged(&scratch_folder.expect("scratch folder")).expect("scratch");
    counter.take_peak();
    hoctap::search::write_index(prepared, &index_output).expect("index written");
    let index_peak = counter.take_peak() - base;
    index_output.abandon();
    counter.take_peak();
    let output = hoctap::output::Output::staged(&folder).expect("output folder");
    let now = chrono::Utc::now().fixed_offset();
    site.write(&output, now, &mut Vec::new()).expect("benchmark portal builds");
    let (held, write_peak) = (counter.live() - base - loaded, counter.take_peak() - base);
    let _ = std::fs::remove_dir_all(&scratch);
    output.commit(0).expect("commit");
    // What the loaded pages hold, before the site is dropped for the whole build below.
    let pages = &site.content.pages;
    let sum = |f: &dyn Fn(&hoctap::content::Page) -> usize| pages.iter().map(f).sum::<usize>();
    let html = sum(&|p| p.rendered.html.capacity());
    let summaries = sum(&|p| p.rendered.summary_html.capacity() + p.rendered.text.capacity());
    let sections = sum(&|p| {
        let strings =
            p.rendered.sections.iter().map(|s| s.text.capacity() + s.heading.capacity() + s.anchor.capacity());
        strings.sum::<usize>() + std::mem::size_of_val(&*p.rendered.sections)
    });
    println!("\n{label}: memory by stage (counted allocations, MiB)\n");
    println!("| stage | live after | peak during |\n|---|---:|---:|");
    println!("| load + markdown (the `Site`) | {:.1} | {:.1} |", mib(loaded), mib(load_peak));
    println!("| search records (`search::prepare`) | {:.1} | |", mib(records));
    println!("| search index alone (records, index, files) | | {:.1} |", mib(index_peak));
    println!("| write: index + pages + assets, output staged on disk | {:.1} | {:.1} |", mib(held), mib(write_peak));
    drop(site);
    let build_peak = whole_build(counter, root, out);
    println!(
        "| a whole build (`hoctap::build`, which gives up what it will not write again) | | {:.1} |",
        mib(build_peak)
    );
    println!("\nPeaks count everything live, the `Site` included; the other rows' \"live after\" count beyond it.");
    println!("\nOf the `Site`: page HTML {:.1}, summaries and description text {:.1}, search text per heading {:.1}, the rest {:.1}.",
        mib(html), mib(summaries), mib(sections), mib(loaded.saturating_sub(html + summaries + sections)));
}

/// The peak of a clean build of `root` into `out` as `hoctap build` runs it, above what was
/// live before: unlike the stages above, it frees what a one-shot build no longer needs.
fn whole_build(counter: &Counting, root: &Path, out: &Path) -> usize {
    let _ = std::fs::remove_dir_all(out);
    let overrides = hoctap::Overrides { output_dir: Some(out.to_path_buf()), ..Default::default() };
    let config = hoctap::Config::load(root, &overrides).expect("generated config is valid");
    let base = counter.live();
    counter.take_peak();
    hoctap::build(config).expect("benchmark portal builds");
    counter.take_peak() - base
}
