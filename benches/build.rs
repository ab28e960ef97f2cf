//! Full-build benchmark on generated Vietnamese portals.
//!
//! `cargo bench --bench build` builds portals of 1,000 and 10,000 pages;
//! `cargo bench --bench build -- 1000 10000 100000` picks the sizes, and `--out DIR` writes
//! the output under `DIR` (e.g. `/dev/shm`, to leave the disk out). `--heavy` builds the heavy
//! corpus (about 7.9 kB of markdown a page instead of 2.1 kB), `--light --heavy` both, one
//! after the other, in one table. `--hugo DIR` only generates the portals and writes the same
//! pages as Hugo sites under `DIR` (for `benches/compare.sh`), then stops. `--memory` counts
//! allocations instead and prints what each stage of a build keeps and its peak, the peak of
//! a whole build (which frees what it will not write again), and what the loaded pages hold. For each size it reports
//! wall time, pages per second, peak memory of the build (max RSS) and output size, then
//! the time of a rebuild with nothing changed; then the search index built on its own (in a
//! build it runs beside rendering) with its share of the build's time and CPU, the size of
//! the search index, and (when `node` is there) the bytes a browser
//! downloads per query, measured by `benches/search_queries.mjs` with the real search script.
//! Last, a portal of 200 phone photos (4000×3000, EXIF-rotated): the first build (every copy
//! made), a rebuild with the output removed (every copy from the cache), and the bytes of
//! the copy a 360-pixel phone downloads; `--photos N` changes the count, `--photos 0` skips it.

use std::path::{Path, PathBuf};
use std::time::Instant;

use hoctap::{Config, Overrides};
use portal::Corpus;

#[path = "support/hugo.rs"]
mod hugo;
#[path = "support/memory.rs"]
mod memory;
#[path = "support/photos.rs"]
mod photos;
#[path = "support/portal.rs"]
mod portal;

// The same allocator as the `hoctap` binary, so the numbers match what users get; it counts
// allocations only with `--memory`.
#[global_allocator]
static GLOBAL: memory::Counting = memory::Counting::new();

fn main() {
    hoctap::allocator::tune_for_builds();
    let args: Vec<String> = std::env::args().skip(1).collect();
    // Numbers are portal sizes, except the values of `--out`, `--photos` and `--hugo`.
    let is_value = |i: usize| i > 0 && matches!(args[i - 1].as_str(), "--out" | "--photos" | "--hugo");
    let sizes: Vec<usize> =
        args.iter().enumerate().filter(|&(i, _)| !is_value(i)).filter_map(|(_, a)| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1_000, 10_000] } else { sizes };
    let flag = |name: &str| args.iter().any(|a| a == name);
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(PathBuf::from);
    let corpora: Vec<Corpus> = match (flag("--light"), flag("--heavy")) {
        (_, false) => vec![Corpus::Light],
        (false, true) => vec![Corpus::Heavy],
        (true, true) => vec![Corpus::Light, Corpus::Heavy],
    };
    let runs: Vec<(Corpus, usize)> = corpora.iter().flat_map(|&c| sizes.iter().map(move |&s| (c, s))).collect();
    if let Some(dir) = value("--hugo") {
        write_hugo_sites(&dir, &runs);
        return;
    }
    let out_root = value("--out");
    if flag("--memory") {
        for &(corpus, size) in &runs {
            let root = portal::portal(size, corpus);
            let out = out_root.clone().unwrap_or_else(|| root.clone()).join("site-memory");
            memory::account(&GLOBAL, &root, &out, &format!("{} corpus, {size} pages", corpus.name()));
        }
        return;
    }
    let site_of = |corpus: Corpus, size: usize, root: &Path| {
        out_root.as_ref().map_or_else(
            || root.join("site"),
            |dir| match corpus {
                Corpus::Light => dir.join(format!("hoctap-bench-{size}")),
                Corpus::Heavy => dir.join(format!("hoctap-bench-heavy-{size}")),
            },
        )
    };
    println!("| corpus | pages | markdown (kB/page) | clean build (s) | pages/s | peak RSS (MiB) | CPU user+sys (s) | output (MiB) | files | no-change rebuild (s) | one page edited (s) | files rewritten |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut search_rows = Vec::new();
    for &(corpus, size) in &runs {
        let root = portal::portal(size, corpus);
        let out = site_of(corpus, size, &root);
        let _ = std::fs::remove_dir_all(&out);
        let clean = measure(&root, &out);
        let unchanged = measure(&root, &out);
        let edited_file = root.join("content/tin-tuc/news-000007.md");
        let original = std::fs::read_to_string(&edited_file).expect("bench page");
        std::fs::write(&edited_file, original.replacen("title = \"", "title = \"Đã sửa: ", 1)).expect("edit");
        let edited = measure(&root, &out);
        std::fs::write(&edited_file, original).expect("restore");
        let markdown_kb = dir_size(&root.join("content")) as f64 / size as f64 / 1000.0;
        println!(
            "| {} | {size} | {markdown_kb:.1} | {:.2} | {:.0} | {:.0} | {:.2} | {:.1} | {} | {:.2} | {:.2} | {} |",
            corpus.name(),
            clean.seconds,
            size as f64 / clean.seconds,
            clean.peak_rss_mib,
            clean.cpu_seconds,
            clean.output_mib,
            clean.files,
            unchanged.seconds,
            edited.seconds,
            edited.changed.unwrap_or(0),
        );
        let (index_seconds, index_cpu) = index_alone(&root, &out);
        search_rows.push((corpus, size, index_seconds, index_cpu, clean, dir_size(&out.join("search-index"))));
    }
    println!("\n| corpus | pages | index alone (s) | share of build time | index CPU (s) | share of build CPU | index on disk (MiB) |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (corpus, size, seconds, cpu, build, bytes) in &search_rows {
        let mib = *bytes as f64 / (1024.0 * 1024.0);
        let (time_share, cpu_share) = (100.0 * seconds / build.seconds, 100.0 * cpu / build.cpu_seconds);
        let name = corpus.name();
        println!("| {name} | {size} | {seconds:.2} | {time_share:.1}% | {cpu:.2} | {cpu_share:.1}% | {mib:.1} |");
    }
    let photos = args.iter().position(|a| a == "--photos").and_then(|i| args.get(i + 1)?.parse().ok()).unwrap_or(200);
    if photos > 0 {
        photo_build(photos);
    }
    for &(corpus, size) in &runs {
        let site = site_of(corpus, size, &portal::portal(size, corpus));
        println!("\nBytes per query, {} corpus, {size} pages:", corpus.name());
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/search_queries.mjs");
        match std::process::Command::new("node").arg(script).arg(&site).status() {
            Ok(status) if status.success() => {}
            _ => println!("(node is needed to measure the bytes per query)"),
        }
    }
}

/// Generates each portal and writes its pages as a Hugo site in `dir/<corpus>-<pages>`.
fn write_hugo_sites(dir: &Path, runs: &[(Corpus, usize)]) {
    for &(corpus, size) in runs {
        let root = portal::portal(size, corpus);
        let site = dir.join(format!("{}-{size}", corpus.name()));
        hugo::write_site(&root, &site).unwrap_or_else(|e| panic!("writing the Hugo site {}: {e}", site.display()));
        println!("{} {size}: hoctap portal {}, Hugo site {}", corpus.name(), root.display(), site.display());
    }
}

/// Builds the photo portal with an empty cache, then again from the cache, and reports the
/// bytes of the originals and of the copies a 360-pixel phone (one device pixel per CSS pixel)
/// and a 720-pixel-wide screen pick.
fn photo_build(photos: usize) {
    let generated = Instant::now();
    let root = photos::photo_portal(photos);
    let made = generated.elapsed().as_secs_f64();
    let out = root.join("site");
    let _ = std::fs::remove_dir_all(root.join(".hoctap-cache"));
    let _ = std::fs::remove_dir_all(&out);
    let first = measure(&root, &out);
    let _ = std::fs::remove_dir_all(&out);
    let cached = measure(&root, &out);
    let unchanged = measure(&root, &out);
    let originals = dir_size(&root.join("content")) as f64 / photos as f64 / 1000.0;
    println!(
        "
Photos ({photos} × 4000×3000 JPEG, generated in {made:.0} s, {originals:.0} kB each on average):
"
    );
    println!("| first build (s) | CPU (s) | peak RSS (MiB) | rebuild from cache, output removed (s) | no-change rebuild (s) | 360w WebP (kB) | 360w JPEG (kB) | 720w WebP (kB) | 720w JPEG (kB) |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {:.2} | {:.2} | {:.0} | {:.2} | {:.2} | {:.1} | {:.1} | {:.1} | {:.1} |",
        first.seconds,
        first.cpu_seconds,
        first.peak_rss_mib,
        cached.seconds,
        unchanged.seconds,
        avg_of(&out, "-360w.", "webp"),
        avg_of(&out, "-360w.", "jpg"),
        avg_of(&out, "-720w.", "webp"),
        avg_of(&out, "-720w.", "jpg"),
    );
}

/// Average size in kB of the output files whose name contains `part` and ends with `ext`.
fn avg_of(dir: &Path, part: &str, ext: &str) -> f64 {
    let files = walkdir::WalkDir::new(dir).into_iter().filter_map(|e| e.ok());
    let sizes: Vec<u64> = files
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            name.contains(part) && name.ends_with(ext)
        })
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .collect();
    sizes.iter().sum::<u64>() as f64 / sizes.len().max(1) as f64 / 1000.0
}

/// Bytes of every file under `dir`.
fn dir_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

/// Wall and CPU seconds of building the search index of `root` on its own: collecting the
/// records, indexing, and writing every index file (into a scratch folder, then removed).
fn index_alone(root: &Path, out: &Path) -> (f64, f64) {
    let scratch = out.with_file_name("index-alone");
    let _ = std::fs::remove_dir_all(&scratch);
    let overrides = Overrides { output_dir: Some(scratch), ..Overrides::default() };
    let config = Config::load(root, &overrides).expect("generated config is valid");
    let folder = hoctap::output::OutputFolder::claim(&config).expect("scratch folder");
    let site = hoctap::Site::load(config, &mut Vec::new()).expect("benchmark portal loads");
    let output = hoctap::output::Output::staged(&folder).expect("scratch folder");
    let (cpu_before, start) = (cpu_seconds(), Instant::now());
    hoctap::search::write_index(hoctap::search::prepare(&site), &output).expect("index written");
    let measured = (start.elapsed().as_secs_f64(), cpu_seconds() - cpu_before);
    output.abandon();
    measured
}

struct Measurement {
    seconds: f64,
    cpu_seconds: f64,
    peak_rss_mib: f64,
    output_mib: f64,
    files: usize,
    changed: Option<usize>,
}

/// One full build of `root` into `out`, in this process, with the memory high-water mark
/// reset first.
fn measure(root: &Path, out: &Path) -> Measurement {
    // Writing 5 to clear_refs resets VmHWM (Linux), so the peak is the build's own.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let cpu_before = cpu_seconds();
    let start = Instant::now();
    let overrides = Overrides { output_dir: Some(out.to_path_buf()), ..Overrides::default() };
    let config = Config::load(root, &overrides).expect("generated config is valid");
    let report = hoctap::build(config).unwrap_or_else(|e| panic!("benchmark portal failed to build: {e:?}"));
    let seconds = start.elapsed().as_secs_f64();
    Measurement {
        seconds,
        cpu_seconds: cpu_seconds() - cpu_before,
        peak_rss_mib: peak_rss_kib() as f64 / 1024.0,
        output_mib: report.bytes as f64 / (1024.0 * 1024.0),
        files: report.files,
        changed: report.changed_files,
    }
}

/// User plus system CPU time of this process so far (Linux `/proc/self/stat`, in ticks of 1/100 s).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
