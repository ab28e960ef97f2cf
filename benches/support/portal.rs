//! A generator of realistic Vietnamese portals in hoctap's content format, shared by the
//! benchmarks: news, resources, role models, events and plans with tags, communes, tables,
//! lists and internal links. Deterministic, so every run builds the same portal.
//!
//! Two corpora: the light one (about 2.1 kB of markdown a page, a 60-syllable vocabulary) and
//! the heavy one (about 7.9 kB a page: an introduction and four to six headed parts with
//! long paragraphs, lists, tables, internal and outside links, from a vocabulary of several
//! hundred syllables), the size of the pages of a commune portal's reports and plans.

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
/// The heavy corpus's vocabulary: the syllables of a commune's reports and plans.
#[rustfmt::skip]
const HEAVY_WORDS: &[&str] = &[
    "học", "tập", "suốt", "đời", "xã", "hội", "người", "dân", "gia", "đình", "dòng", "họ", "khuyến", "tài", "thư",
    "viện", "sách", "đọc", "lớp", "kỹ", "năng", "số", "chuyển", "đổi", "nghề", "đào", "tạo", "cộng", "đồng", "trung",
    "tâm", "văn", "hóa", "phong", "trào", "thi", "đua", "kế", "hoạch", "mục", "tiêu", "năm", "tỉnh", "ấp", "sinh",
    "giáo", "viên", "nông", "sen", "lúa", "cá", "thông", "tin", "an", "toàn", "pháp", "luật", "ủy", "ban", "nhân",
    "chủ", "tịch", "phó", "đảng", "bộ", "chi", "chấp", "hành", "mặt", "trận", "tổ", "quốc", "đoàn", "thanh", "niên",
    "phụ", "nữ", "cựu", "chiến", "binh", "triển", "khai", "thực", "hiện", "nhiệm", "vụ", "giải", "chỉ", "đạo",
    "điều", "kiểm", "tra", "giám", "sát", "đánh", "giá", "tổng", "kết", "sơ", "báo", "cáo", "định", "kỳ", "hằng",
    "quý", "tháng", "tuần", "nâng", "cao", "chất", "lượng", "hiệu", "quả", "mới", "phương", "nội", "dung", "hình",
    "thức", "chức", "hoạt", "động", "tuyên", "truyền", "vận", "khích", "kiện", "thuận", "lợi", "khó", "khăn", "hạn",
    "chế", "nguyên", "bài", "kinh", "nghiệm", "đề", "xuất", "kiến", "nghị", "quan", "hỗ", "trợ", "nguồn", "lực",
    "phí", "ngân", "nhà", "nước", "doanh", "nghiệp", "hợp", "tác", "cơ", "sở", "đơn", "vị", "trường", "mầm", "non",
    "tiểu", "phổ", "đại", "đẳng", "chuyên", "môn", "cán", "công", "lao", "thiếu", "nhi", "tuổi", "khuyết", "tật",
    "tộc", "thiểu", "vùng", "sâu", "xa", "biên", "giới", "hải", "đảo", "thôn", "đô", "thị", "minh", "điện", "tử",
    "trực", "tuyến", "mạng", "internet", "thoại", "máy", "tính", "ứng", "dụng", "phần", "mềm", "dữ", "liệu", "chữ",
    "ký", "dịch", "cổng", "trang", "bị", "hạ", "tầng", "nối", "băng", "rộng", "phủ", "sóng", "di", "mở", "giảng",
    "video", "âm", "nói", "hướng", "dẫn", "quy", "trình", "thủ", "tục", "hồ", "đăng", "tham", "hưởng", "tích", "cực",
    "sáng", "tự", "giác", "trách", "nghĩa", "quyền", "sức", "khỏe", "dinh", "dưỡng", "vệ", "môi", "sạch", "rác",
    "thải", "phân", "loại", "bảo", "rừng", "biển", "đất", "đai", "khí", "hậu", "biến", "thiên", "tai", "phòng",
    "chống", "chăn", "nuôi", "trồng", "trọt", "thủy", "sản", "cây", "ăn", "rau", "màu", "thụ", "phẩm", "trị",
    "chuỗi", "liên", "thương", "xóa", "đói", "giảm", "nghèo", "việc", "làm", "thu", "nhập", "sống", "vật", "tinh",
    "thần", "hạnh", "phúc", "ấm", "no", "bình", "trẻ", "em", "chăm", "sóc", "dạy", "gương", "điển", "tiên", "tiến",
    "khen", "thưởng", "biểu", "dương", "tôn", "vinh", "danh", "bằng", "giấy", "chứng", "nhận", "đạt", "chuẩn", "xếp",
    "ngày", "sự", "thảo", "tọa", "đàm", "huấn", "bồi", "câu", "lạc", "nhóm", "buổi", "lễ", "phát", "thể", "các",
    "những", "một", "hai", "ba", "bốn", "sáu", "bảy", "tám", "chín", "mười", "trăm", "nghìn", "triệu", "tỷ", "quân",
    "tăng", "so", "với", "cùng", "vượt", "chưa", "đã", "đang", "sẽ", "được", "có", "không", "rất", "nhiều", "ít",
    "hơn", "nhất", "cũng", "còn", "vẫn", "luôn", "thường", "xuyên", "kịp", "thời", "để", "cho", "của", "và", "hoặc",
    "nhưng", "tuy", "nhiên", "bên", "cạnh", "ngoài", "ra", "trong", "trên", "dưới", "giữa", "sau", "trước", "khi",
    "nếu", "thì", "vì", "nên", "do", "đó", "này", "kia", "ấy", "đây", "theo", "từng", "mỗi", "mọi", "cả", "riêng",
    "chung", "qua", "về", "đến", "từ", "tại", "như", "là", "cần", "phải", "góp", "ý", "thói", "quen", "lòng", "say",
    "mê", "ham", "hiểu", "biết", "độ", "vấn", "tri", "viết", "tiếng", "việt", "ngoại", "ngữ", "anh", "thuật", "nghệ",
    "khoa", "nghiên", "cứu", "cải", "mô", "điểm",
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
    /// `n` words of the heavy vocabulary, with a comma now and then, as in running prose.
    fn prose(&mut self, n: usize) -> String {
        let mut text = String::with_capacity(n * 8);
        for i in 0..n {
            if i > 0 {
                text.push_str(if i > 4 && i + 3 < n && self.below(11) == 0 { ", " } else { " " });
            }
            text.push_str(self.pick(HEAVY_WORDS));
        }
        text
    }
    /// Between `min` and `min + spread - 1` words of prose.
    fn prose_of(&mut self, min: usize, spread: usize) -> String {
        let n = min + self.below(spread);
        self.prose(n)
    }
}

/// Which pages to generate.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Corpus {
    /// About 2.1 kB of markdown a page.
    Light,
    /// About 7.9 kB of markdown a page.
    Heavy,
}

impl Corpus {
    /// The name in folder names and reports.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Corpus::Light => "light",
            Corpus::Heavy => "heavy",
        }
    }
}

/// Writes a portal of `pages` pages under `root` (skipped when it already exists).
pub(crate) fn generate(root: &Path, pages: usize, corpus: Corpus) {
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
            let text = page(&mut rng, kind, i, &written, corpus);
            std::fs::write(content.join(&rel), text).expect("write page");
            written.push(rel);
        }
    }
    std::fs::write(marker, "").expect("write marker");
}

fn page(rng: &mut Rng, kind: &str, i: usize, earlier: &[String], corpus: Corpus) -> String {
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
    match corpus {
        Corpus::Light => fm + &body(rng, earlier),
        Corpus::Heavy => fm + &heavy_body(rng, earlier),
    }
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

/// A long report-like page: an introduction, then four to six parts, each with a heading,
/// two or three long paragraphs (some with a bold phrase and a link), and a list, a table or
/// a sub-heading.
fn heavy_body(rng: &mut Rng, earlier: &[String]) -> String {
    let mut text = String::with_capacity(10_000);
    let _ = writeln!(text, "{}.\n\n<!-- more -->\n", capitalize(&rng.prose_of(55, 35)));
    for part in 0..4 + rng.below(3) {
        let _ = writeln!(text, "## {}. {}\n", part + 1, capitalize(&rng.prose_of(4, 5)));
        for _ in 0..2 + rng.below(2) {
            let _ = write!(text, "{}", capitalize(&rng.prose_of(36, 45)));
            match rng.below(4) {
                0 => {
                    let _ = write!(text, ", **{}**", rng.prose_of(3, 3));
                }
                1 if !earlier.is_empty() => {
                    let target = &earlier[rng.below(earlier.len())];
                    let _ = write!(text, ", xem [{}](@/{target})", rng.prose_of(3, 3));
                }
                2 => {
                    let _ = write!(text, " ([{}](https://example.vn/van-ban/{}))", rng.prose(3), rng.below(5000));
                }
                _ => {}
            }
            text.push_str(".\n\n");
        }
        match rng.below(3) {
            0 => {
                let ordered = rng.below(2) == 0;
                for item in 1..=4 + rng.below(4) {
                    let mark = if ordered { format!("{item}.") } else { "-".to_string() };
                    let _ = writeln!(text, "{mark} {}", capitalize(&rng.prose_of(8, 12)));
                }
                text.push('\n');
            }
            1 => {
                text.push_str("| Chỉ tiêu | Đơn vị | Năm 2025 | Năm 2030 |\n|---|---|---:|---:|\n");
                for _ in 0..4 + rng.below(3) {
                    let unit = rng.pick(&["%", "người", "lớp", "hộ", "xã"]);
                    let (now, goal) = (20 + rng.below(60), 60 + rng.below(40));
                    let _ = writeln!(text, "| {} | {unit} | {now} | {goal} |", capitalize(&rng.prose_of(5, 5)));
                }
                text.push('\n');
            }
            _ => {
                let _ = writeln!(text, "### {}\n", capitalize(&rng.prose_of(3, 4)));
                let _ = writeln!(text, "{}.\n", capitalize(&rng.prose_of(30, 40)));
            }
        }
    }
    text
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// `target/bench/portal-<pages>` (light) or `target/bench/portal-heavy-<pages>`, generated on
/// first use.
pub(crate) fn portal(pages: usize, corpus: Corpus) -> PathBuf {
    let name = match corpus {
        Corpus::Light => format!("portal-{pages}"),
        Corpus::Heavy => format!("portal-heavy-{pages}"),
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench").join(name);
    generate(&root, pages, corpus);
    root
}
