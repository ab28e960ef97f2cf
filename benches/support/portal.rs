//! A generator of realistic Vietnamese portals in hoctap's content format, shared by the
//! benchmarks: news, resources, role models, events and plans with tags, communes, tables,
//! lists and internal links. Deterministic, so every run builds the same portal.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const COMMUNES: &[&str] = &[
    "Thị trấn Mỹ An",
    "Xã Mỹ Hòa",
    "Xã Mỹ Quý",
    "Xã Mỹ Đông",
    "Xã Trường Xuân",
    "Xã Thạnh Lợi",
    "Xã Đốc Binh Kiều",
    "Xã Phú Điền",
    "Xã Tân Kiều",
    "Xã Hưng Thạnh",
    "Xã Láng Biển",
    "Xã Thanh Mỹ",
    "Xã Mỹ An",
];
const TAGS: &[&str] = &[
    "văn hóa đọc",
    "học tập suốt đời",
    "xóa mù chữ",
    "chuyển đổi số",
    "khuyến học",
    "trung tâm học tập cộng đồng",
    "gia đình học tập",
    "thư viện",
    "kỹ năng số",
    "đào tạo nghề",
    "phổ cập giáo dục",
    "dòng họ học tập",
    "công dân học tập",
    "an toàn thông tin",
    "nông nghiệp",
    "trồng sen",
    "nuôi cá",
    "sức khỏe",
    "pháp luật",
    "ngoại ngữ",
];
const WORDS: &[&str] = &[
    "học", "tập", "suốt", "đời", "xã", "hội", "người", "dân", "gia", "đình", "dòng", "họ", "khuyến", "tài", "thư",
    "viện", "sách", "đọc", "lớp", "kỹ", "năng", "số", "chuyển", "đổi", "nghề", "đào", "tạo", "cộng", "đồng", "trung",
    "tâm", "văn", "hóa", "phong", "trào", "thi", "đua", "kế", "hoạch", "mục", "tiêu", "năm", "huyện", "ấp", "học",
    "sinh", "giáo", "viên", "nông", "dân", "sen", "lúa", "cá", "thông", "tin", "an", "toàn", "pháp", "luật",
];
const SECTIONS: &[(&str, &str, &str, u32)] = &[
    ("tin-tuc", "Tin tức", "news", 50),
    ("hoc-lieu", "Học liệu mở", "resources", 20),
    ("guong-dien-hinh", "Gương điển hình", "role-models", 15),
    ("su-kien", "Sự kiện", "events", 10),
    ("ke-hoach", "Kế hoạch", "plans", 5),
];

/// A small deterministic generator (xorshift64*), so every run builds the same portal.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn words(&mut self, n: usize) -> String {
        (0..n).map(|_| self.pick(WORDS)).collect::<Vec<_>>().join(" ")
    }
}

/// Writes a portal of `pages` pages under `root` (skipped when it already exists).
pub(crate) fn generate(root: &Path, pages: usize) {
    let marker = root.join(".generated");
    if marker.exists() {
        return;
    }
    let _ = std::fs::remove_dir_all(root);
    let content = root.join("content");
    std::fs::create_dir_all(&content).expect("create bench dir");
    std::fs::write(
        root.join("hoctap.toml"),
        "title = \"Cổng thông tin xây dựng xã hội học tập (dữ liệu thử)\"\nbase_url = \"https://xhht.example.vn\"\nlanguage = \"vi\"\ncommune = \"Xã Thử Nghiệm\"\npaginate_by = 10\n",
    )
    .expect("write config");
    std::fs::write(content.join("_index.md"), "+++\ntitle = \"Trang chủ\"\n+++\nCổng thông tin thử nghiệm.\n")
        .expect("write home");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut written: Vec<String> = Vec::new();
    for (dir, title, kind, share) in SECTIONS {
        std::fs::create_dir_all(content.join(dir)).expect("create section");
        let index = format!("+++\ntitle = \"{title}\"\nkind = \"{kind}\"\n+++\n");
        std::fs::write(content.join(dir).join("_index.md"), index).expect("write section");
        let count = pages * *share as usize / 100;
        for i in 0..count {
            let rel = format!("{dir}/{kind}-{i:06}.md");
            let text = page(&mut rng, kind, i, &written);
            std::fs::write(content.join(&rel), text).expect("write page");
            written.push(rel);
        }
    }
    std::fs::write(marker, "").expect("write marker");
}

fn page(rng: &mut Rng, kind: &str, i: usize, earlier: &[String]) -> String {
    let title = format!("{} {}", capitalize(&rng.words(8)), i);
    let (year, month, day) = (2021 + rng.below(5), 1 + rng.below(12), 1 + rng.below(28));
    let date = format!("{year}-{month:02}-{day:02}");
    let mut fm = format!("+++\ntitle = \"{title}\"\ndate = {date}\n");
    let tags: Vec<String> = (0..1 + rng.below(3)).map(|_| format!("\"{}\"", rng.pick(TAGS))).collect();
    let _ = writeln!(fm, "tags = [{}]\ncommune = \"{}\"", tags.join(", "), rng.pick(COMMUNES));
    match kind {
        "resources" => {
            let ty = rng.pick(&["video", "audio", "ebook", "course", "document", "website"]);
            let _ = writeln!(
                fm,
                "type = \"{ty}\"\nurl = \"https://example.vn/hoc-lieu/{i}\"\nsize = \"{} MB\"\nlicense = \"CC BY 4.0\"",
                1 + rng.below(90)
            );
        }
        "role-models" => {
            let category = rng.pick(&["citizen", "family", "clan", "unit", "community"]);
            let (a, b) = (rng.words(6), rng.words(5));
            let _ = writeln!(fm, "category = \"{category}\"\nrecognized = {year}\nachievements = [\"{a}\", \"{b}\"]");
        }
        "events" => {
            let _ = writeln!(
                fm,
                "start = {date}T07:30:00+07:00\nlocation = \"Hội trường {}\"\ntype = \"other\"",
                rng.pick(COMMUNES)
            );
        }
        "plans" => {
            let _ = writeln!(fm, "number = \"{}/KH-UBND\"\nissuer = \"UBND huyện\"\nissued = {date}\nperiod = \"2021-2030\"\nstatus = \"in-force\"", 100 + i);
        }
        _ => {}
    }
    fm.push_str("+++\n\n");
    fm + &body(rng, earlier)
}

fn body(rng: &mut Rng, earlier: &[String]) -> String {
    let mut text = String::with_capacity(4096);
    for p in 0..3 + rng.below(3) {
        let n = 40 + rng.below(40);
        let _ = writeln!(text, "{}.\n", capitalize(&rng.words(n)));
        if p == 0 {
            text.push_str("<!-- more -->\n\n");
        }
        if p == 1 {
            let _ = writeln!(text, "## {}\n", capitalize(&rng.words(4)));
            for _ in 0..3 {
                let _ = writeln!(text, "- {}", rng.words(8));
            }
            text.push('\n');
        }
        if p == 2 && rng.below(2) == 0 {
            text.push_str("| Chỉ tiêu | 2025 | 2030 |\n|---|---:|---:|\n");
            for _ in 0..3 {
                let _ = writeln!(text, "| {} | {}% | {}% |", rng.words(5), 40 + rng.below(30), 70 + rng.below(30));
            }
            text.push('\n');
        }
        if !earlier.is_empty() && rng.below(2) == 0 {
            let target = &earlier[rng.below(earlier.len())];
            let _ = writeln!(text, "Xem thêm [bài liên quan](@/{target}).\n");
        }
    }
    text
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// `target/bench/portal-<pages>`, generated on first use.
pub(crate) fn portal(pages: usize) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("target/bench/portal-{pages}"));
    generate(&root, pages);
    root
}
