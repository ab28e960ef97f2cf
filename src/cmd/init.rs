//! `hoctap init`.

use std::path::{Path, PathBuf};

use hoctap::scaffold::{NewPortal, Origin};
use hoctap::Language;

use crate::cli::InitArgs;
use crate::report::Exit;

/// Writes the new portal and prints what to do next.
pub(crate) fn run(args: &InitArgs) -> anyhow::Result<Exit> {
    let dir = args.dir.clone().or_else(|| args.portal.root.clone()).unwrap_or_else(|| PathBuf::from("."));
    let language = args.language;
    let lang = args.portal.lang.unwrap_or(language);
    // A folder that is a clone of a GitHub or GitLab repository says where to publish.
    let origin = hoctap::scaffold::origin_of(&dir);
    let request = NewPortal { title: args.title.clone(), language, origin: origin.clone() };
    match hoctap::scaffold::create(&dir, &request, hoctap::archetype::today()) {
        Ok(files) => {
            println!("{}", next_steps(&dir, files.len(), language, lang));
            println!("\n{}", publish_steps(origin.as_ref(), lang));
            Ok(Exit::Success)
        }
        // Content problems and a file the system refused (named, in the user's language).
        Err(e) => match e.diagnostics() {
            Some(problems) => {
                for problem in &problems {
                    eprintln!("{}", problem.render(lang));
                }
                Ok(Exit::ContentError)
            }
            None => Err(e.into()),
        },
    }
}

/// What was made and the commands to run next.
fn next_steps(dir: &Path, files: usize, portal: Language, lang: Language) -> String {
    let shown = dir.display().to_string();
    let vi = lang == Language::Vi;
    let news_title = if portal == Language::Vi { "Tiêu đề tin" } else { "News title" };
    let mut commands: Vec<(String, &str)> = Vec::new();
    if dir != Path::new(".") {
        commands.push((format!("cd {shown}"), ""));
    }
    commands.push(("hoctap build".into(), if vi { "xây dựng trang vào site/" } else { "build the site into site/" }));
    commands
        .push((format!("hoctap new news \"{news_title}\""), if vi { "viết một tin mới" } else { "write a news item" }));
    commands.push(("hoctap check".into(), if vi { "kiểm tra trước khi xuất bản" } else { "check before publishing" }));
    let width = commands.iter().map(|(c, _)| c.chars().count()).max().unwrap_or(0) + 4;
    let lines: Vec<String> = commands
        .iter()
        .map(|(command, what)| {
            let pad = " ".repeat(width - command.chars().count());
            format!("  {command}{pad}{what}").trim_end().to_string()
        })
        .collect();
    let lines = lines.join("\n");
    if vi {
        format!(
            "Đã tạo cổng thông tin mới trong {shown}/ ({files} tệp).\n\nBước tiếp theo:\n{lines}\n\n\
             Trước khi xuất bản, sửa `title` và `base_url` trong hoctap.toml và thay các bài mẫu."
        )
    } else {
        format!(
            "Created a new portal in {shown}/ ({files} files).\n\nNext:\n{lines}\n\n\
             Before publishing, set `title` and `base_url` in hoctap.toml and replace the example pages."
        )
    }
}

/// The three steps from a new portal to a live one that staff edit at `/admin/`.
fn publish_steps(origin: Option<&Origin>, lang: Language) -> String {
    let vi = lang == Language::Vi;
    let commit = if vi {
        "git add . && git commit -m \"Cổng thông tin\" && git push"
    } else {
        "git add . && git commit -m \"Portal\" && git push"
    };
    let (push, pages, admin) = match origin {
        Some(o) if o.github => (
            commit.to_string(),
            if vi { "trên GitHub: Settings → Pages → Source: GitHub Actions" } else { "on GitHub: Settings → Pages → Source: GitHub Actions" }.to_string(),
            format!("{}/admin/", o.pages_url()),
        ),
        Some(o) => (
            commit.to_string(),
            if vi { "GitLab xuất bản sau lần đẩy đầu tiên (Deploy → Pages)" } else { "GitLab publishes after the first push (Deploy → Pages)" }.to_string(),
            format!("{}/admin/", o.pages_url()),
        ),
        None => (
            if vi {
                format!("tạo kho trống trên GitHub, rồi ở đây: git init -b main && git remote add origin https://github.com/TÊN/KHO && {commit} -u origin main")
            } else {
                format!("make an empty GitHub repository, then here: git init -b main && git remote add origin https://github.com/NAME/REPO && {commit} -u origin main")
            },
            if vi { "trên GitHub: Settings → Pages → Source: GitHub Actions" } else { "on GitHub: Settings → Pages → Source: GitHub Actions" }.to_string(),
            if vi { "đặt `[cms] backend = \"github\"` và `repo` trong hoctap.toml, rồi mở https://TÊN.github.io/KHO/admin/" } else { "set `[cms] backend = \"github\"` and `repo` in hoctap.toml, then open https://NAME.github.io/REPO/admin/" }.to_string(),
        ),
    };
    let heading = if vi {
        "Xuất bản (hướng dẫn đầy đủ: docs/deploy.md, docs/cms.md):"
    } else {
        "Publishing (full guide: docs/deploy.md, docs/cms.md):"
    };
    let open = if vi { "mở trình soạn thảo" } else { "open the editor" };
    format!("{heading}\n  1. {push}\n  2. {pages}\n  3. {open}: {admin}")
}
