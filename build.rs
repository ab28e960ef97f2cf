//! Rebuilds the binary when the embedded default theme or the `init` scaffold changes.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=scaffold");
    println!("cargo:rerun-if-changed=build.rs");
}
