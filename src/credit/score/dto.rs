//! Credit file, list and disclosure responses.

use chrono::{DateTime, Utc};
use entities::{credit_standing, organisation, rating, star_change};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::service::CreditFile;
use crate::credit::{
    model::{RaterRole, RatingStatus, ScoreExplanation, Scores},
    StarCause,
};

/// An intermediary as credit lists name it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct IntermediaryRef {
    pub id: Uuid,
    pub name: String,
    pub uscc: Option<String>,
}

impl From<&organisation::Model> for IntermediaryRef {
    fn from(o: &organisation::Model) -> Self {
        Self {
            id: o.public_id,
            name: o.name.clone(),
            uscc: o.uscc.clone(),
        }
    }
}

/// Where an intermediary stands; all none while unrated.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct StandingResponse {
    /// Whole points, 0–100.
    pub score: Option<i32>,
    /// Hundredths of a point, 0–10000: what the stars are decided on.
    pub score_hundredths: Option<i32>,
    /// 1–5.
    pub stars: Option<u8>,
    /// Taken off the shelves (临时下架).
    pub delisted: bool,
    /// Scored jobs in the window.
    pub rated_jobs: i32,
    pub formula_version: Option<i32>,
    pub updated_at: Option<DateTime<Utc>>,
}

impl From<Option<&credit_standing::Model>> for StandingResponse {
    fn from(row: Option<&credit_standing::Model>) -> Self {
        Self {
            score: row.and_then(|r| r.score),
            score_hundredths: row.and_then(|r| r.score_hundredths),
            stars: row.and_then(|r| r.stars).and_then(|s| u8::try_from(s).ok()),
            delisted: row.is_some_and(|r| r.delisted),
            rated_jobs: row.map_or(0, |r| r.rated_jobs),
            formula_version: row.and_then(|r| r.formula_version),
            updated_at: row.map(|r| r.updated_at),
        }
    }
}

/// One change of stars.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct StarChangeResponse {
    pub from_stars: Option<i16>,
    pub to_stars: Option<i16>,
    pub score_hundredths: Option<i32>,
    pub cause: StarCause,
    pub formula_version: i32,
    pub changed_at: DateTime<Utc>,
}

impl From<star_change::Model> for StarChangeResponse {
    fn from(c: star_change::Model) -> Self {
        Self {
            from_stars: c.from_stars,
            to_stars: c.to_stars,
            score_hundredths: c.score_hundredths,
            cause: c.cause,
            formula_version: c.formula_version,
            changed_at: c.changed_at,
        }
    }
}

/// One rating of the intermediary's jobs as its credit file shows it (the rater by role).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReceivedRatingResponse {
    pub id: Uuid,
    /// The procurement.
    pub job_id: Uuid,
    pub job_title: String,
    pub rater: RaterRole,
    pub status: RatingStatus,
    pub accepted_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub rated_at: Option<DateTime<Utc>>,
    pub lapsed_at: Option<DateTime<Utc>>,
    /// As the rater gave them.
    #[schema(schema_with = crate::credit::model::scores_schema)]
    pub scores: Option<Scores>,
    pub comment: Option<String>,
    /// An appeal overturned it: it does not count.
    pub overturned: bool,
    /// The scores an appeal put in place of the rater's.
    #[schema(schema_with = crate::credit::model::scores_schema)]
    pub adjusted_scores: Option<Scores>,
}

impl ReceivedRatingResponse {
    /// The response of a stored rating; its stored scores must be readable.
    pub fn new(r: rating::Model) -> Result<Self, crate::credit::error::CreditError> {
        use super::service::parse_scores;
        Ok(Self {
            scores: r.scores.as_deref().map(parse_scores).transpose()?,
            adjusted_scores: r.adjusted_scores.as_deref().map(parse_scores).transpose()?,
            id: r.public_id,
            job_id: r.job_id,
            job_title: r.job_title,
            rater: r.rater,
            status: r.status,
            accepted_at: r.accepted_at,
            due_at: r.due_at,
            rated_at: r.rated_at,
            lapsed_at: r.lapsed_at,
            comment: r.comment,
            overturned: r.overturned,
        })
    }
}

/// An intermediary's credit file: standing, why (`explanation`), star history and ratings.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CreditFileResponse {
    pub intermediary: IntermediaryRef,
    pub standing: StandingResponse,
    /// None until the first recompute.
    pub explanation: Option<ScoreExplanation>,
    /// Newest first.
    pub star_history: Vec<StarChangeResponse>,
    /// Every rating task of its jobs, newest job first.
    pub ratings: Vec<ReceivedRatingResponse>,
    /// Every external feedback event, in force or not, newest first (the explanation names
    /// those in force).
    pub events: Vec<crate::credit::event::dto::CreditEventResponse>,
}

impl CreditFileResponse {
    pub fn new(file: CreditFile) -> Result<Self, crate::credit::error::CreditError> {
        Ok(Self {
            intermediary: IntermediaryRef::from(&file.intermediary),
            standing: StandingResponse::from(file.standing.as_ref()),
            explanation: file.explanation,
            star_history: file.star_history.into_iter().map(Into::into).collect(),
            ratings: file
                .ratings
                .into_iter()
                .map(ReceivedRatingResponse::new)
                .collect::<Result<_, _>>()?,
            events: file.events.into_iter().map(Into::into).collect(),
        })
    }
}

/// An intermediary in a credit list.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CreditListItem {
    pub intermediary: IntermediaryRef,
    pub standing: StandingResponse,
}

impl From<(organisation::Model, Option<credit_standing::Model>)> for CreditListItem {
    fn from((o, s): (organisation::Model, Option<credit_standing::Model>)) -> Self {
        Self {
            intermediary: IntermediaryRef::from(&o),
            standing: StandingResponse::from(s.as_ref()),
        }
    }
}

/// One intermediary in the public credit disclosure (信用公示).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PublicCreditItem {
    pub id: Uuid,
    pub name: String,
    pub uscc: Option<String>,
    /// 1–5; none while unrated.
    pub stars: Option<u8>,
    /// 5 stars: recommended first (推荐).
    pub recommended: bool,
    /// Scored jobs in the window.
    pub rated_jobs: i32,
    /// Taken off the shelves (临时下架).
    pub delisted: bool,
}

impl From<(organisation::Model, Option<credit_standing::Model>)> for PublicCreditItem {
    fn from((o, s): (organisation::Model, Option<credit_standing::Model>)) -> Self {
        let standing = StandingResponse::from(s.as_ref());
        Self {
            id: o.public_id,
            name: o.name,
            uscc: o.uscc,
            recommended: standing.stars == Some(5),
            stars: standing.stars,
            rated_jobs: standing.rated_jobs,
            delisted: standing.delisted,
        }
    }
}

/// Which intermediaries a credit list shows.
#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CreditQuery {
    /// Contained in the name or the unified social credit code.
    #[serde(default, deserialize_with = "crate::text::tidy")]
    #[validate(custom(function = "crate::text::single_line"))]
    #[validate(length(max = 100))]
    #[param(max_length = 100)]
    pub q: Option<String>,
    /// Only this many stars (1–5).
    #[validate(range(min = 1, max = 5))]
    #[param(minimum = 1, maximum = 5)]
    pub stars: Option<u8>,
}
