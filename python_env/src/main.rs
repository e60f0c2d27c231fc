//! The `protopy` command.
//!
//! The interpreter (compiler + bytecode loop) is being built under issue 3;
//! until it lands this command refuses to run programs, with exit code 2 and
//! a message on stderr, rather than pretending to.

use clap::Parser;

/// Runs a Python program with ProtoPy.
#[derive(Parser, Debug)]
#[command(name = "protopy", version, about = "ProtoPy: a GIL-free Python 3 interpreter")]
struct Cli {
    /// Print the bytecode of the program instead of running it.
    #[arg(long)]
    dis: bool,
    /// Program to run.
    file: Option<std::path::PathBuf>,
    /// Arguments passed to the program in sys.argv[1:].
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    args: Vec<String>,
}

fn main() {
    let cli = Cli::parse();
    let _ = (&cli.file, &cli.args, cli.dis);
    eprintln!("protopy: the interpreter is not built yet (the language issue, #3, adds it)");
    std::process::exit(2);
}
