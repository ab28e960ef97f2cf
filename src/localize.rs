//! The command line in the user's language: `--help`, usage errors, completions and the man
//! page come from the clap definitions of `cli.rs` (English, from their doc comments); in
//! Vietnamese their texts are replaced from the one table [`VI`].
//!
//! The language is `--lang`, else the portal's `language` (from `--root` or the current
//! folder), else Vietnamese. clap's placeholders in usage lines (`[OPTIONS]`, `<COMMAND>`)
//! stay as clap writes them.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, FromArgMatches};
use hoctap::Language;

use crate::cli::Cli;

/// Vietnamese texts by (command, argument id): command `*` is any command, argument `""` is
/// the command's own description.
const VI: &[(&str, &str, &str)] = &[
    ("hoctap", "", "hoctap: xây dựng cổng thông tin xây dựng xã hội học tập của tỉnh hoặc xã từ một thư mục tệp markdown."),
    ("*", "root", "Thư mục cổng thông tin, chứa `hoctap.toml` và `content/` (mặc định: thư mục hiện tại; đường dẫn tương đối tính từ thư mục hiện tại)."),
    ("*", "lang", "Ngôn ngữ của thông báo và của trợ giúp này: vi hoặc en (mặc định: ngôn ngữ của cổng thông tin)."),
    ("*", "help", "In trợ giúp"),
    ("*", "version", "In phiên bản"),
    ("*", "verbose", "In thời gian của từng bước."),
    ("build", "", "Xây dựng cổng thông tin vào `site/` (hoặc `--out`); kết quả cũ chỉ được thay khi xây dựng thành công."),
    ("build", "out", "Thư mục kết quả (mặc định: `output_dir` trong hoctap.toml, nếu không có thì `site`). Đường dẫn tương đối tính từ thư mục cổng thông tin (`--root`), không phải thư mục hiện tại: `--root cong --out ban-in` ghi vào `cong/ban-in/`; đường dẫn tuyệt đối được dùng nguyên."),
    ("build", "base_url", "Địa chỉ web đầy đủ nơi trang được đăng, thay cho `base_url` trong hoctap.toml."),
    ("build", "drafts", "Xây dựng cả bản nháp và tin có ngày trong tương lai."),
    ("serve", "", "Xem trước cổng thông tin tại http://127.0.0.1:1111/, xây dựng và tải lại trang mỗi lần lưu; xây dựng trong bộ nhớ, không ghi thư mục kết quả."),
    ("serve", "port", "Cổng mạng để lắng nghe; nếu cổng đang bận thì dùng cổng trống kế tiếp (0: để hệ thống chọn)."),
    ("serve", "bind", "Địa chỉ để lắng nghe; chỉ máy này kết nối được trừ khi bạn đổi (ví dụ `0.0.0.0` để mở bản xem trước từ điện thoại trong cùng mạng)."),
    ("serve", "base_url", "Địa chỉ dùng để tạo liên kết thay cho `http://ĐỊA_CHỈ:CỔNG`: một URL, hoặc chỉ tên máy hay địa chỉ IP (`192.168.1.5`), khi đó thêm `http://` và cổng."),
    ("serve", "open", "Mở cổng thông tin trong trình duyệt khi đã sẵn sàng."),
    ("serve", "poll", "Kiểm tra thay đổi mỗi giây thay vì chờ hệ thống báo: cho thư mục WSL2 dưới /mnt/, ổ mạng và thư mục chia sẻ, nơi việc lưu tệp không được báo."),
    ("serve", "drafts", "Hiện cả bản nháp và tin có ngày trong tương lai."),
    ("check", "", "Kiểm tra mọi thứ `build` kiểm tra, thêm mọi liên kết, neo và ảnh; không ghi gì."),
    ("check", "external", "Kiểm tra cả liên kết ngoài qua HTTP (kết quả được lưu một ngày trong `.hoctap-cache/` trong thư mục cổng thông tin; không ghi gì khác)."),
    ("check", "timeout", "Số giây chờ một liên kết ngoài."),
    ("check", "format", "Dạng kết quả: `human` (từng dòng cho người đọc) hoặc `json` (một mảng các vấn đề) cho CI."),
    ("check", "drafts", "Kiểm tra cả bản nháp và tin có ngày trong tương lai."),
    ("new", "", "Viết một trang mới theo loại (news, plan, role-model, resource, event, page) từ mẫu (archetype) của loại đó."),
    ("new", "kind", "news, plan, role-model, resource, event hoặc page (dạng số nhiều và tên thư mục chuyên mục cũng được)."),
    ("new", "title", "Tiêu đề, trên một dòng (xuống dòng, tab và ký tự điều khiển thành khoảng trắng); tên tệp được tạo từ đó (`Ngày Sách 2026` → `ngay-sach-2026.md`), tối đa 80 ký tự, cắt sau một từ trọn vẹn."),
    ("new", "bundle", "Tạo trang dạng gói, `<slug>/index.md`, để đặt ảnh và tệp bên cạnh."),
    ("init", "", "Tạo một cổng thông tin mới xây dựng được ngay: cấu hình, chuyên mục và nội dung mẫu."),
    ("init", "dir", "Thư mục của cổng thông tin mới (mặc định: thư mục hiện tại; đường dẫn tương đối tính từ đó); phải trống. `--root DIR` cũng vậy."),
    ("init", "title", "Tên cổng thông tin (mặc định: một tên tạm để thay trong `hoctap.toml`), trên một dòng: xuống dòng, tab và ký tự điều khiển thành khoảng trắng."),
    ("init", "language", "Ngôn ngữ của chính cổng thông tin, ghi vào `hoctap.toml`: vi (thư mục và trang tiếng Việt) hoặc en. `--lang` chỉ là ngôn ngữ của thông báo."),
    ("import", "", "Nhập một kế hoạch viết bằng Word (.docx): một trang kế hoạch và các chỉ số nháp cho những chỉ tiêu của nó."),
    ("import", "file", "Kế hoạch dạng tệp Word (.docx; tệp .doc cũ hoặc .odt phải lưu lại thành .docx trước)."),
    ("import", "section", "Thư mục chuyên mục kế hoạch trong `content/` (mặc định: chuyên mục có `kind = \"plans\"`)."),
    ("import", "dry_run", "In những gì sẽ được ghi, và không ghi gì."),
    ("completions", "", "In tập lệnh gợi ý hoàn thành lệnh cho shell (bash, zsh, fish, powershell, elvish) ra đầu ra chuẩn."),
    ("completions", "shell", "Shell: bash, zsh, fish, powershell hoặc elvish."),
    ("completions", "lang", "Ngôn ngữ của phần mô tả trong tập lệnh: vi hoặc en (mặc định: ngôn ngữ của cổng thông tin)."),
    ("man", "lang", "Ngôn ngữ của trang: vi hoặc en (mặc định: ngôn ngữ của cổng thông tin)."),
    ("man", "", "In trang hướng dẫn (roff, cho `man`) của hoctap hoặc của một lệnh ra đầu ra chuẩn."),
    ("man", "command", "Lệnh cần in trang hướng dẫn (`hoctap man build > hoctap-build.1`); không ghi: trang của hoctap."),
    ("help", "", "In trợ giúp này hoặc trợ giúp của một lệnh"),
];

/// The Vietnamese text of an argument (`id`) or, for `""`, of a command.
fn vi(command: &str, id: &str) -> Option<&'static str> {
    let exact = VI.iter().find(|(c, i, _)| *c == command && *i == id);
    let any = || VI.iter().find(|(c, i, _)| *c == "*" && *i == id && !id.is_empty());
    exact.or_else(any).map(|(_, _, text)| *text)
}

const TEMPLATE_VI: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// The clap command in `lang`, built (so its `--help`, `--version` and `help` exist to translate).
pub(crate) fn command(lang: Language) -> clap::Command {
    let mut command = Cli::command();
    command.build();
    match lang {
        Language::En => command,
        Language::Vi => translate(command),
    }
}

fn translate(command: clap::Command) -> clap::Command {
    let name = command.get_name().to_string();
    let command = match vi(&name, "") {
        Some(about) => command.about(about),
        None => command,
    };
    command
        .mut_args(|arg| {
            let heading = if arg.is_positional() { "Đối số" } else { "Tùy chọn" };
            let arg = arg.help_heading(heading);
            // Without the final period, as clap shows the English doc comments.
            match vi(&name, arg.get_id().as_str()) {
                Some(help) => arg.help(help.strip_suffix('.').unwrap_or(help)).long_help(None),
                None => arg,
            }
        })
        .subcommand_help_heading("Lệnh")
        .help_template(TEMPLATE_VI)
        .mut_subcommands(translate)
}

/// Parses the process's arguments, or prints help, the version or a usage error and exits
/// (0 for help and version, 2 for usage errors). Also returns the language the help was in.
pub(crate) fn parse() -> (Cli, Language) {
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = help_language(&args);
    let mut command = command(lang);
    let matches = command.try_get_matches_from_mut(&args).unwrap_or_else(|e| exit(e, lang));
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| exit(e, lang));
    if let Err(flag) = cli.merge_portal_args() {
        let message = match lang {
            Language::Vi => format!("`{flag}` được ghi hai lần (trước và sau tên lệnh)"),
            Language::En => format!("`{flag}` is given twice (before and after the command's name)"),
        };
        exit(command.error(ErrorKind::ArgumentConflict, message), lang);
    }
    (cli, lang)
}

/// `--lang` if given, else the portal's `language`, else Vietnamese.
fn help_language(args: &[OsString]) -> Language {
    let args: Vec<String> = args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
    let value = |names: &[&str]| {
        args.iter().enumerate().rev().find_map(|(i, arg)| {
            names.iter().find_map(|name| match arg.strip_prefix(name) {
                Some("") => args.get(i + 1).cloned(),
                Some(rest) => rest.strip_prefix('=').map(str::to_string),
                None => None,
            })
        })
    };
    match value(&["--lang"]).as_deref() {
        Some("en") => return Language::En,
        Some("vi") => return Language::Vi,
        _ => {}
    }
    let root = PathBuf::from(value(&["--root", "--source", "-r", "-s"]).unwrap_or_else(|| ".".into()));
    portal_language(&root).unwrap_or_default()
}

/// The `language` of the portal's `hoctap.toml`, read leniently: a broken file is reported by
/// the command itself.
fn portal_language(root: &std::path::Path) -> Option<Language> {
    let text = std::fs::read_to_string(root.join(hoctap::config::CONFIG_FILE)).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    match table.get("language")?.as_str()? {
        "en" => Some(Language::En),
        _ => Some(Language::Vi),
    }
}

/// Prints a clap error (or help) in `lang` and exits with its code.
fn exit(error: clap::Error, lang: Language) -> ! {
    if lang == Language::Vi {
        if let Some(text) = render_vi(&error) {
            eprint!("{text}");
            std::process::exit(2);
        }
    }
    error.exit()
}

/// A usage error in Vietnamese, or `None` for help, the version and kinds left to clap.
fn render_vi(error: &clap::Error) -> Option<String> {
    let get = |kind| error.get(kind).map(context_text);
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let message = match error.kind() {
        ErrorKind::UnknownArgument => format!("không có tùy chọn `{arg}`"),
        ErrorKind::InvalidSubcommand => format!("không có lệnh `{}`", get(ContextKind::InvalidSubcommand)?),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation if value.is_empty() => format!("`{arg}` cần một giá trị"),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!("giá trị `{value}` không hợp lệ cho `{arg}`"),
        ErrorKind::MissingRequiredArgument => format!("thiếu {arg}"),
        ErrorKind::ArgumentConflict => match get(ContextKind::PriorArg) {
            Some(prior) => format!("không dùng `{arg}` cùng với `{prior}`"),
            None => error.render().to_string().lines().next()?.trim_start_matches("error: ").to_string(),
        },
        ErrorKind::TooManyValues => format!("`{arg}` chỉ được ghi một lần"),
        ErrorKind::NoEquals | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("`{arg}` cần đúng số giá trị")
        }
        _ => return None,
    };
    let mut text = format!("lỗi: {message}\n");
    if let Some(valid) = get(ContextKind::ValidValue) {
        text.push_str(&format!("  = các giá trị được dùng: {valid}\n"));
    }
    for kind in [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand, ContextKind::SuggestedValue] {
        if let Some(suggested) = get(kind) {
            text.push_str(&format!("  = gợi ý: có phải ý bạn là `{suggested}`?\n"));
        }
    }
    if let Some(usage) = get(ContextKind::Usage) {
        text.push_str(&format!("\n{}\n", usage.trim().replacen("Usage:", "Cách dùng:", 1)));
    }
    text.push_str("\nXem thêm: `--help`.\n");
    Some(text)
}

fn context_text(value: &ContextValue) -> String {
    match value {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(v) => v.join(", "),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(v) => v.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every argument and command has its Vietnamese text, so a new option cannot slip by.
    #[test]
    fn every_command_and_argument_has_a_vietnamese_text() {
        fn walk(command: &clap::Command, missing: &mut Vec<String>) {
            let name = command.get_name();
            if vi(name, "").is_none() {
                missing.push(name.to_string());
            }
            for arg in command.get_arguments() {
                if vi(name, arg.get_id().as_str()).is_none() {
                    missing.push(format!("{name} {}", arg.get_id()));
                }
            }
            command.get_subcommands().for_each(|sub| walk(sub, missing));
        }
        let mut missing = Vec::new();
        walk(&command(Language::En), &mut missing);
        assert!(missing.is_empty(), "add to VI: {missing:?}");
    }

    #[test]
    fn the_table_names_only_real_commands_and_arguments() {
        let command = command(Language::En);
        let mut known: Vec<(String, String)> = vec![];
        for sub in std::iter::once(&command).chain(command.get_subcommands()) {
            known.push((sub.get_name().into(), String::new()));
            known.extend(sub.get_arguments().map(|a| (sub.get_name().into(), a.get_id().to_string())));
        }
        for (c, id, _) in VI {
            let real = known.iter().any(|(kc, kid)| (*c == "*" || kc == c) && kid == id);
            assert!(real, "VI has ({c}, {id}), which no command has");
        }
    }
}
