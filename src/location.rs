//! Places in the portal's files that messages point at: a file, a line, a column.

use std::fmt;
use std::path::PathBuf;

/// Where a problem is: a file and, when known, a 1-based line and column in the whole file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The file, as given to the user (relative to the portal root where possible).
    pub path: PathBuf,
    /// 1-based line in the whole file (not in the front-matter block).
    pub line: Option<usize>,
    /// 1-based column.
    pub column: Option<usize>,
}

impl Location {
    /// A location naming only a file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location { path: path.into(), line: None, column: None }
    }

    /// A location at a line of a file.
    pub fn line(path: impl Into<PathBuf>, line: usize) -> Self {
        Location { path: path.into(), line: Some(line), column: None }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

/// 1-based line of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}
