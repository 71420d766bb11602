//! Intermediaries' credit (信用): for now the seam the marketplace reads — an intermediary's
//! current [`Standing`] (score, stars, delisted) — answering "unrated, not delisted" until the
//! credit domain (ratings 一事一评, scores, sanctions, appeals) starts keeping standings.

pub mod model;
pub mod service;
mod store;

pub use model::{Standing, StarLevel};
