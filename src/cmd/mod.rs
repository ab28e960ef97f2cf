//! One module per subcommand; each prints its own result and returns an exit code.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod generate;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod new;
pub(crate) mod serve;
