//! The typed model: kinds, items and how a file becomes an item.

pub mod fields;
pub mod item;
pub mod kind;
pub mod read;

pub use item::{Item, KindData, Reference};
pub use kind::Kind;
