"""The concurrent package (ProtoPy): see concurrent.futures."""
