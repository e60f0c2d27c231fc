//! The `protopy` command.
fn main() {
    eprintln!("protopy: the interpreter is not built yet");
    std::process::exit(2);
}
