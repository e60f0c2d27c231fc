//! ProtoPy memory model.
