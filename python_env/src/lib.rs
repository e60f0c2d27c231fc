//! ProtoPy environment: builtins, modules, CLI.
