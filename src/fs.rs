//! File-system calls that name the path in their errors.

use std::path::Path;

use crate::diagnostics::{Error, Location, Problem, Result};

/// Reads a UTF-8 text file, dropping a leading BOM and turning CRLF into LF.
pub(crate) fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::read(path, e))?;
    decode_text(path, bytes)
}

/// Decodes file bytes as text the way [`read_text`] does.
pub(crate) fn decode_text(path: &Path, bytes: Vec<u8>) -> Result<String> {
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(Error::content(Location::line(path, line), Problem::NotUtf8));
        }
    };
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    Ok(text)
}

/// Writes a file, creating its folder.
pub(crate) fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, bytes).map_err(|e| Error::write(path, e))
}

/// Creates a folder and its parents.
pub(crate) fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).map_err(|e| Error::write(path, e))
}

/// Removes a folder tree if it exists.
pub(crate) fn remove_dir_all(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::write(path, e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_crlf() {
        let text = decode_text(Path::new("a.md"), b"\xef\xbb\xbf+++\r\ntitle = \"x\"\r\n+++\r\n".to_vec());
        assert_eq!(text.unwrap(), "+++\ntitle = \"x\"\n+++\n");
    }

    #[test]
    fn names_the_line_of_invalid_utf8() {
        let err = decode_text(Path::new("a.md"), b"ok\nok\n\xff".to_vec()).unwrap_err();
        let Error::Content(d) = err else { panic!() };
        assert_eq!(d[0].location, Location::line("a.md", 3));
        assert_eq!(d[0].problem, Problem::NotUtf8);
    }
}
