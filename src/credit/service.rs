//! What other domains ask the credit domain: an intermediary's standing now.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, DbErr};

use super::{
    model::{Standing, StarLevel},
    store,
};

/// The standing of each organisation (by internal id); those without a row are unrated.
pub async fn standings<C: ConnectionTrait>(
    conn: &C,
    organisation_ids: &[i64],
) -> Result<HashMap<i64, Standing>, DbErr> {
    let mut found: HashMap<i64, Standing> = organisation_ids
        .iter()
        .map(|id| (*id, Standing::UNRATED))
        .collect();
    for row in store::standings(conn, organisation_ids).await? {
        let stars = row
            .stars
            .and_then(|s| u8::try_from(s).ok())
            .and_then(StarLevel::new);
        found.insert(
            row.organisation_id,
            Standing {
                score: row.score,
                stars,
                delisted: row.delisted,
            },
        );
    }
    Ok(found)
}

/// The standing of one organisation.
pub async fn standing<C: ConnectionTrait>(
    conn: &C,
    organisation_id: i64,
) -> Result<Standing, DbErr> {
    Ok(standings(conn, &[organisation_id])
        .await?
        .remove(&organisation_id)
        .unwrap_or(Standing::UNRATED))
}
