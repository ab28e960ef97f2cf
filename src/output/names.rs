//! The one rule every output path follows, so a built site copies, unzips and serves the same
//! on Linux, Windows and macOS hosts.

/// The longest file or folder name an output may hold, in bytes.
pub const MAX_NAME_LEN: usize = 120;
/// The longest output path, in bytes: Windows tools still stop at 260 characters for the
/// whole path, and the output folder's own path comes first.
pub const MAX_PATH_LEN: usize = 200;

/// Why a path cannot be an output file on every host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathFault {
    /// An empty name, `.` or `..`.
    NoName,
    /// A character other than a letter, a digit, `-`, `_` or `.`.
    Character(char),
    /// A name Windows keeps for a device (`con`, `aux`, `nul`, `com1`…), whatever the case
    /// and extension.
    ReservedName(String),
    /// A name ending in a dot, which Windows drops.
    TrailingDot,
    /// A name starting with `.hoctap`, which hoctap keeps for its own files.
    HoctapName,
    /// One name longer than the limit.
    NameTooLong {
        /// Its length in bytes.
        len: usize,
    },
    /// The whole path longer than the limit.
    PathTooLong {
        /// Its length in bytes.
        len: usize,
    },
}

/// Names Windows keeps for devices: `con.txt` or `COM5` opens a device, not a file.
const RESERVED: &[&str] = &["con", "prn", "aux", "nul", "conin$", "conout$"];

/// Checks one file or folder name of an output path.
pub fn check_name(name: &str) -> Result<(), PathFault> {
    if name.is_empty() || name == "." || name == ".." {
        return Err(PathFault::NoName);
    }
    // Letters and digits of any script (`kế-hoạch.pdf` in `static/` is fine on every host);
    // no space, punctuation, control or format character, which hosts and links treat apart.
    if let Some(c) = name.chars().find(|&c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))) {
        return Err(PathFault::Character(c));
    }
    if name.len() > MAX_NAME_LEN {
        return Err(PathFault::NameTooLong { len: name.len() });
    }
    if name.ends_with('.') {
        return Err(PathFault::TrailingDot);
    }
    if name.to_ascii_lowercase().starts_with(".hoctap") {
        return Err(PathFault::HoctapName);
    }
    let stem = name.split('.').next().unwrap_or("").to_ascii_lowercase();
    if is_reserved(&stem) {
        return Err(PathFault::ReservedName(name.to_string()));
    }
    Ok(())
}

/// `con`, `aux`, `com0`–`com9`, `lpt0`–`lpt9`…
fn is_reserved(stem: &str) -> bool {
    let numbered =
        |prefix: &str| stem.strip_prefix(prefix).is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit());
    RESERVED.contains(&stem) || numbered("com") || numbered("lpt")
}

/// The key under which two paths are one file on a case-insensitive, normalising file
/// system (Windows, macOS): `/Anh-1.svg` and `/anh-1.svg`, or `kế` in NFC and NFD.
pub fn folded(path: &str) -> String {
    if path.is_ascii() {
        return path.to_ascii_lowercase();
    }
    use unicode_normalization::UnicodeNormalization;
    path.nfc().collect::<String>().to_lowercase()
}

/// Checks a whole site path such as `/tin-tuc/a/index.html`: every name, and the length.
pub fn check_path(path: &str) -> Result<(), PathFault> {
    let Some(rest) = path.strip_prefix('/') else { return Err(PathFault::NoName) };
    if path.len() > MAX_PATH_LEN {
        return Err(PathFault::PathTooLong { len: path.len() });
    }
    rest.split('/').try_for_each(check_name)
}

/// A site path that names a file strictly inside the output (for paths read back from an old
/// manifest, which anyone could have edited): no `..`, no empty or `.` names, no `\`, no NUL.
pub fn is_confined(path: &str) -> bool {
    path.strip_prefix('/').is_some_and(|rest| {
        rest.split('/').all(|name| !name.is_empty() && name != "." && name != ".." && !name.contains(['\\', '\0']))
    })
}

/// A safe name near `name` (a slug): cut at a `-` before the length limit, and not a
/// Windows device name.
pub fn shorten(name: &str) -> String {
    let limit = 80;
    if !name.is_ascii() {
        return "ten-moi".into();
    }
    let mut short = if name.len() > limit {
        let cut = name[..limit].rfind('-').filter(|&i| i > 0).unwrap_or(limit);
        name[..cut].trim_end_matches(['-', '.']).to_string()
    } else {
        name.to_string()
    };
    if check_name(&short).is_err() {
        short.push_str("-1");
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_device_names_are_refused_in_any_case_and_with_any_extension() {
        for name in ["con", "CON", "aux.md", "Nul", "com1", "COM5.txt", "com9", "lpt4", "LPT9.html", "prn.tar.gz"] {
            assert_eq!(check_name(name), Err(PathFault::ReservedName(name.into())), "{name}");
        }
        for name in ["console", "com10", "lpt", "auxiliary.txt", "con-duong", "nul-1"] {
            assert_eq!(check_name(name), Ok(()), "{name}");
        }
    }

    #[test]
    fn only_portable_characters_pass() {
        assert_eq!(check_name("a:b.txt"), Err(PathFault::Character(':')));
        assert_eq!(check_name("ảnh.jpg"), Ok(()));
        assert_eq!(check_name("a\u{200b}b"), Err(PathFault::Character('\u{200b}')));
        assert_eq!(check_name("a b"), Err(PathFault::Character(' ')));
        assert_eq!(check_name("a\\b"), Err(PathFault::Character('\\')));
        assert_eq!(check_name("a."), Err(PathFault::TrailingDot));
        assert_eq!(check_name(".."), Err(PathFault::NoName));
        assert_eq!(check_name(".hoctap-build"), Err(PathFault::HoctapName));
        assert_eq!(check_name(".well-known"), Ok(()));
        assert_eq!(check_name("anh-1.svg"), Ok(()));
    }

    #[test]
    fn long_names_and_paths_are_refused() {
        let long = "a".repeat(MAX_NAME_LEN + 1);
        assert_eq!(check_name(&long), Err(PathFault::NameTooLong { len: MAX_NAME_LEN + 1 }));
        let deep = "/abcdefghij".repeat(MAX_PATH_LEN / 11 + 1);
        assert!(matches!(check_path(&deep), Err(PathFault::PathTooLong { .. })));
        assert_eq!(check_path("/tin-tuc/a/index.html"), Ok(()));
        assert_eq!(check_path("/con/index.html"), Err(PathFault::ReservedName("con".into())));
    }

    #[test]
    fn case_and_normalisation_fold_to_one_key() {
        assert_eq!(folded("/Anh-1.SVG"), "/anh-1.svg");
        assert_eq!(folded("/K\u{1ebf}.pdf"), folded("/ke\u{302}\u{301}.pdf"));
    }

    #[test]
    fn manifest_paths_must_stay_inside() {
        for bad in ["../x", "/../x", "/a/../../x", "/a//b", "/a/./b", "/a\\..\\b", "x", "/a/\0"] {
            assert!(!is_confined(bad), "{bad}");
        }
        assert!(is_confined("/tin-tuc/a/index.html"));
    }
}
