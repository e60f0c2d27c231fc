//! Links the `protopy` executable as a position-dependent (non-PIE) binary
//! on Linux, as Debian links its CPython: a PIE binary's 60,000 relative
//! relocations made the dynamic loader write (and so copy) every page of
//! the runtime's tables of functions at each start. Non-PIE, `protopy -c
//! pass` takes 455 page faults instead of 677 and 7.4 ms instead of 9.6
//! (docs/ARCHITECTURE.md, "`__main__` at start-up"). Shared libraries stay randomised.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bin=protopy=-no-pie");
    }
}
