//! Credit types: star levels and an intermediary's standing. No framework code here.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One to five stars (星级).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
pub struct StarLevel(u8);

impl StarLevel {
    /// The level for 1–5 stars; anything else is not a star level.
    pub fn new(stars: u8) -> Option<Self> {
        (1..=5).contains(&stars).then_some(Self(stars))
    }

    pub fn stars(self) -> u8 {
        self.0
    }
}

/// Where an intermediary stands now: unrated until its first rated job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Standing {
    /// 0–100, `None` while unrated.
    pub score: Option<i32>,
    pub stars: Option<StarLevel>,
    /// Taken off the shelves (临时下架): cannot bid and is hidden from listings.
    pub delisted: bool,
}

impl Standing {
    /// Unrated and not delisted.
    pub const UNRATED: Standing = Standing {
        score: None,
        stars: None,
        delisted: false,
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stars_run_from_one_to_five() {
        assert_eq!(StarLevel::new(0), None);
        assert_eq!(StarLevel::new(1).map(StarLevel::stars), Some(1));
        assert_eq!(StarLevel::new(5).map(StarLevel::stars), Some(5));
        assert_eq!(StarLevel::new(6), None);
    }
}
