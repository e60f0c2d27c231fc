//! Integration and golden-test helpers.
