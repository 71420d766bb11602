//! Scores and stars (信用分, 星级): recomputing an intermediary's standing from its ratings in
//! the window (after a rating, a lapse, an appeal, a new formula, and nightly as the window
//! slides), the star history, each intermediary's credit file with the explanation of its score,
//! the standing other domains read, and the public credit disclosure (信用公示).

pub mod dto;
pub mod routes;
pub mod service;
mod store;
