//! What makes a portal recognisably official: the agency's emblem or logo in the header
//! (`[logo]` in `hoctap.toml`) and the footer lines Vietnamese government portals carry
//! (`[contact]`: address, phone, e-mail, the person responsible for the content, the licence).
//! Checked when the config is read, so a bad value is an error at its line.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::url_policy;

/// `[logo]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLogo {
    /// A file of `static/` as a site path (`/bieu-trung.svg`) or an `https://` address.
    pub src: String,
    /// What the picture is, for blind readers.
    #[serde(default)]
    pub alt: String,
    /// Width to show it at, in pixels; read from the file when absent.
    #[serde(default)]
    pub width: Option<u32>,
    /// Height to show it at, in pixels; read from the file when absent.
    #[serde(default)]
    pub height: Option<u32>,
}

/// The checked emblem or logo shown in the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    /// Site path or absolute URL, as written.
    pub src: String,
    /// Text alternative.
    pub alt: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// Footer contact details.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Postal address.
    #[serde(default)]
    pub address: String,
    /// Phone number.
    #[serde(default)]
    pub phone: String,
    /// E-mail address.
    #[serde(default)]
    pub email: String,
    /// The person responsible for the content ("Chịu trách nhiệm nội dung").
    #[serde(default)]
    pub responsible: String,
    /// The licence of an electronic news portal ("Giấy phép số …"), where there is one.
    #[serde(default)]
    pub license: String,
}

/// Checks `[logo]`: a safe address, alt text, and a size (given, or read from the file in
/// `static/`). `at` places a key of `[logo]` in `hoctap.toml`. A problem is boxed: it is
/// rare, and a diagnostic is large.
pub(crate) fn check_logo(root: &Path, raw: &RawLogo, at: impl Fn(&str) -> Location) -> Result<Logo, Box<Diagnostic>> {
    let src = raw.src.trim().to_string();
    if let Err(refused) = url_policy::check(&src) {
        let problem = Problem::UnsafeUrl { field: Some("[logo] src".into()), value: src, scheme: refused.scheme };
        return Err(Box::new(Diagnostic::error(at("src"), problem)));
    }
    if raw.alt.trim().is_empty() {
        return Err(Box::new(Diagnostic::error(at("src"), Problem::LogoWithoutAlt)));
    }
    let remote = src.starts_with("http://") || src.starts_with("https://");
    let file = (!remote).then(|| static_file(root, &src));
    let read = match &file {
        Some(None) => return Err(Box::new(Diagnostic::error(at("src"), Problem::LogoNotFound { value: src }))),
        Some(Some(path)) => crate::images::decode::size_of(path),
        None => None,
    };
    let (width, height) = match (raw.width, raw.height, read) {
        (Some(w), Some(h), _) => (w, h),
        (Some(w), None, Some((fw, fh))) => (w, scale(fh, w, fw)),
        (None, Some(h), Some((fw, fh))) => (scale(fw, h, fh), h),
        (None, None, Some(size)) => size,
        _ => return Err(Box::new(Diagnostic::error(at("src"), Problem::LogoSizeUnknown { value: src }))),
    };
    if width == 0 || height == 0 {
        return Err(Box::new(Diagnostic::error(at("width"), Problem::LogoSizeUnknown { value: src })));
    }
    Ok(Logo { src, alt: raw.alt.trim().to_string(), width, height })
}

/// `a × b / c`, rounded, at least 1.
fn scale(a: u32, b: u32, c: u32) -> u32 {
    ((u64::from(a) * u64::from(b) + u64::from(c) / 2) / u64::from(c.max(1))).max(1) as u32
}

/// The file of `static/` a site path names, if it is one (no `..`, no query).
fn static_file(root: &Path, site_path: &str) -> Option<PathBuf> {
    let rel = site_path.strip_prefix('/')?;
    if rel.split('/').any(|part| part == ".." || part == ".") || rel.contains(['?', '#', '\\']) {
        return None;
    }
    let path = root.join("static").join(rel);
    path.is_file().then_some(path)
}

/// Checks the footer's phone and e-mail, which become `tel:` and `mailto:` links; `at`
/// places a key of `[contact]` in `hoctap.toml`.
pub(crate) fn check_contact(contact: &Contact, at: impl Fn(&str) -> Location) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if !contact.phone.trim().is_empty() && tel_url(&contact.phone).is_none() {
        problems.push(Diagnostic::error(at("phone"), Problem::BadPhone { value: contact.phone.clone() }));
    }
    if !contact.email.trim().is_empty() && mailto_url(&contact.email).is_none() {
        problems.push(Diagnostic::error(at("email"), Problem::BadEmail { value: contact.email.clone() }));
    }
    problems
}

/// `tel:+842773851234` for `+84 277 3851 234`; `None` unless it is digits with spaces, dots,
/// dashes, brackets and a leading `+`.
pub(crate) fn tel_url(phone: &str) -> Option<String> {
    let phone = phone.trim();
    let plus = phone.starts_with('+');
    let rest = phone.strip_prefix('+').unwrap_or(phone);
    if !rest.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')')) {
        return None;
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    if !(3..=15).contains(&digits.len()) {
        return None;
    }
    let url = format!("tel:{}{digits}", if plus { "+" } else { "" });
    url_policy::check(&url).ok().map(|()| url)
}

/// `mailto:name@agency.gov.vn`; `None` unless it has one `@` between a name and a dotted
/// domain, with no spaces or characters that would end or change the link.
pub(crate) fn mailto_url(email: &str) -> Option<String> {
    let email = email.trim();
    let (name, domain) = email.split_once('@')?;
    let plain = |s: &str| {
        !s.is_empty() && !s.chars().any(|c| c.is_whitespace() || c.is_control() || "@<>\"'?#&,;:\\/()[]".contains(c))
    };
    if !plain(name) || !plain(domain) || !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') {
        return None;
    }
    let url = format!("mailto:{email}");
    url_policy::check(&url).ok().map(|()| url)
}

/// The footer's contact lines for templates (`site.contact`): the texts as written, plus
/// `tel_url` and `mailto_url` (empty when there is no phone or e-mail).
pub(crate) fn contact_view(contact: &Contact) -> Value {
    json!({
        "address": contact.address, "phone": contact.phone, "email": contact.email,
        "responsible": contact.responsible, "license": contact.license,
        "tel_url": tel_url(&contact.phone).unwrap_or_default(),
        "mailto_url": mailto_url(&contact.email).unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_become_tel_links_and_anything_else_is_refused() {
        assert_eq!(tel_url("0277 3851.234").as_deref(), Some("tel:02773851234"));
        assert_eq!(tel_url("+84 (277) 385-1234").as_deref(), Some("tel:+842773851234"));
        for bad in ["javascript:alert(1)", "0277 ext 12", "12", "+", "0277\n3851", "1+2"] {
            assert_eq!(tel_url(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn e_mail_addresses_become_mailto_links_and_anything_else_is_refused() {
        assert_eq!(mailto_url(" xhht@thapmuoi.gov.vn ").as_deref(), Some("mailto:xhht@thapmuoi.gov.vn"));
        for bad in ["xhht", "a@b", "a b@c.vn", "a@b.vn?subject=x", "\"a\"@b.vn", "a@@b.vn", "a@.vn", "<a@b.vn>"] {
            assert_eq!(mailto_url(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_logo_needs_alt_text_a_file_or_a_size() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("static")).unwrap();
        std::fs::write(
            dir.path().join("static/logo.svg"),
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 64"/>"#,
        )
        .unwrap();
        // `src` written on line 4 of hoctap.toml.
        let at = |key: &str| Location { path: "hoctap.toml".into(), line: (key == "src").then_some(4), column: None };
        let raw = |src: &str, alt: &str, width, height| RawLogo { src: src.into(), alt: alt.into(), width, height };
        let logo = check_logo(dir.path(), &raw("/logo.svg", "Biểu trưng", None, None), at).unwrap();
        assert_eq!((logo.width, logo.height), (96, 64));
        let logo = check_logo(dir.path(), &raw("/logo.svg", "Biểu trưng", None, Some(48)), at).unwrap();
        assert_eq!((logo.width, logo.height), (72, 48));
        let problem = |r: RawLogo| check_logo(dir.path(), &r, at).unwrap_err();
        let d = problem(raw("/logo.svg", " ", None, None));
        assert_eq!((d.problem, d.location.line), (Problem::LogoWithoutAlt, Some(4)));
        assert_eq!(
            problem(raw("/khong-co.png", "A", None, None)).problem,
            Problem::LogoNotFound { value: "/khong-co.png".into() }
        );
        assert_eq!(
            problem(raw("/../hoctap.toml", "A", None, None)).problem,
            Problem::LogoNotFound { value: "/../hoctap.toml".into() }
        );
        let remote = "https://cdn.example.vn/logo.png";
        assert_eq!(problem(raw(remote, "A", None, None)).problem, Problem::LogoSizeUnknown { value: remote.into() });
        assert_eq!(check_logo(dir.path(), &raw(remote, "A", Some(40), Some(40)), at).unwrap().width, 40);
        assert!(matches!(
            problem(raw("javascript:alert(1)", "A", Some(1), Some(1))).problem,
            Problem::UnsafeUrl { .. }
        ));
    }
}
