//! Choosing among valid bids by lowest price (竞价选取) or by scored comparison (综合评分), and
//! flagging abnormally low prices. Everything is integer arithmetic and every ranking is a total
//! order, so the same bids always give the same result.
//!
//! The published scored formula (every score in hundredths of a point, 0 to 10000):
//! - price score = lowest valid price × 10000 / price, integer division (the lowest price scores
//!   10000; if the lowest price is not positive, every higher price scores 0);
//! - proposal score = the owner's 0–100 mark × 100 (no mark: 0; above 100 counts as 100);
//! - credit score = stars × 2000 (5 stars = 10000); unrated: the configured score;
//! - total = (price score × price weight + proposal score × proposal weight + credit score ×
//!   credit weight) / 100, integer division; the three weights are whole percents summing to 100.
//!
//! Ranking: total descending, then price ascending, then earlier bid first, then bid id ascending.

use std::cmp::{Ordering, Reverse};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A full score: 100.00 points in hundredths.
pub const FULL_SCORE: u32 = 10_000;

const FORMULA_DESCRIPTION: &str = "\
综合评分：价格分 = 最低有效报价 × 10000 ÷ 报价（取整）；方案分 = 业主评分(0–100) × 100；\
信用分 = 星级 × 2000（未评级取配置值）；总分 = (价格分×价格权重 + 方案分×方案权重 + 信用分×信用权重) ÷ 100（取整），\
权重之和为 100；总分高者优先，同分依次比较报价低、报价早、报价编号小。
Scored comparison (all scores in hundredths of a point, 0-10000): price score = lowest valid \
price × 10000 / price (integer division); proposal score = owner's 0-100 mark × 100 (none: 0); \
credit score = stars × 2000 (unrated: the configured score); total = (price score × price weight \
+ proposal score × proposal weight + credit score × credit weight) / 100 (integer division), \
weights in percent summing to 100. Highest total first; ties go to the lower price, then the \
earlier bid, then the smaller bid id.";

/// The published scored formula: a Chinese line, then the same in English.
pub fn formula_description() -> &'static str {
    FORMULA_DESCRIPTION
}

/// Why selection settings were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectionError {
    #[error(
        "score weights must sum to 100 percent; price {price} + proposal {proposal} + credit \
         {credit} = {sum}"
    )]
    WeightsDoNotSumTo100 {
        price: u32,
        proposal: u32,
        credit: u32,
        sum: u64,
    },
}

/// One valid bid as selection sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BidEntry {
    pub bid: Uuid,
    pub price_fen: i64,
    /// The intermediary's credit stars, 1–5; `None` when unrated.
    pub stars: Option<u8>,
    pub placed_at: DateTime<Utc>,
    /// The owner's 0–100 mark of the proposal (scored comparison only).
    pub proposal_score: Option<u32>,
}

/// The median price; for an even count the mean of the two middle prices, rounded down.
pub fn median_price_fen(bids: &[BidEntry]) -> Option<i64> {
    let mut prices: Vec<i64> = bids.iter().map(|entry| entry.price_fen).collect();
    prices.sort_unstable();
    let middle = prices.len() / 2;
    match prices.len() {
        0 => None,
        n if n % 2 == 1 => prices.get(middle).copied(),
        _ => {
            let sum = i128::from(prices[middle - 1]) + i128::from(prices[middle]);
            i64::try_from(sum.div_euclid(2)).ok()
        }
    }
}

/// The bids priced below `threshold_percent` of the median (`price × 100 < threshold × median`),
/// in the order given.
pub fn abnormally_low(bids: &[BidEntry], threshold_percent: u32) -> Vec<Uuid> {
    let Some(median) = median_price_fen(bids) else {
        return Vec::new();
    };
    let bound = i128::from(threshold_percent) * i128::from(median);
    bids.iter()
        .filter(|entry| i128::from(entry.price_fen) * 100 < bound)
        .map(|entry| entry.bid)
        .collect()
}

/// Lowest price first; then more stars (unrated below 1 star), earlier bid, smaller bid id.
pub fn rank_lowest_price(bids: &[BidEntry]) -> Vec<Uuid> {
    let mut ranked: Vec<&BidEntry> = bids.iter().collect();
    ranked.sort_by_key(|entry| {
        (
            entry.price_fen,
            Reverse(entry.stars),
            entry.placed_at,
            entry.bid,
        )
    });
    ranked.into_iter().map(|entry| entry.bid).collect()
}

/// The three weights of the scored formula, whole percents summing to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(try_from = "UncheckedWeights")]
pub struct ScoreWeights {
    price: u32,
    proposal: u32,
    credit: u32,
}

#[derive(Deserialize)]
struct UncheckedWeights {
    price: u32,
    proposal: u32,
    credit: u32,
}

impl TryFrom<UncheckedWeights> for ScoreWeights {
    type Error = SelectionError;

    fn try_from(raw: UncheckedWeights) -> Result<Self, Self::Error> {
        Self::new(raw.price, raw.proposal, raw.credit)
    }
}

impl ScoreWeights {
    pub fn new(price: u32, proposal: u32, credit: u32) -> Result<Self, SelectionError> {
        let sum = u64::from(price) + u64::from(proposal) + u64::from(credit);
        if sum != 100 {
            return Err(SelectionError::WeightsDoNotSumTo100 {
                price,
                proposal,
                credit,
                sum,
            });
        }
        Ok(Self {
            price,
            proposal,
            credit,
        })
    }

    pub fn price(&self) -> u32 {
        self.price
    }

    pub fn proposal(&self) -> u32 {
        self.proposal
    }

    pub fn credit(&self) -> u32 {
        self.credit
    }
}

/// One bid's scores, in hundredths of a point (0–10000 each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct ScoreCard {
    pub bid: Uuid,
    pub price_score: u32,
    pub proposal_score: u32,
    pub credit_score: u32,
    pub total: u32,
}

/// Price score: `lowest × 10000 / price`; the lowest price scores 10000.
fn price_score(price: i64, lowest: i64) -> u32 {
    if price <= lowest {
        return FULL_SCORE;
    }
    if lowest <= 0 {
        return 0;
    }
    let score = i128::from(lowest) * i128::from(FULL_SCORE) / i128::from(price);
    u32::try_from(score).unwrap_or(0)
}

fn proposal_score(mark: Option<u32>) -> u32 {
    mark.unwrap_or(0).min(100) * 100
}

fn credit_score(stars: Option<u8>, unrated_credit_score: u32) -> u32 {
    match stars {
        Some(stars) => u32::from(stars.min(5)) * 2000,
        None => unrated_credit_score.min(FULL_SCORE),
    }
}

fn score_card(entry: &BidEntry, lowest: i64, weights: ScoreWeights, unrated: u32) -> ScoreCard {
    let price_score = price_score(entry.price_fen, lowest);
    let proposal_score = proposal_score(entry.proposal_score);
    let credit_score = credit_score(entry.stars, unrated);
    let weighted = u64::from(price_score) * u64::from(weights.price)
        + u64::from(proposal_score) * u64::from(weights.proposal)
        + u64::from(credit_score) * u64::from(weights.credit);
    ScoreCard {
        bid: entry.bid,
        price_score,
        proposal_score,
        credit_score,
        total: u32::try_from(weighted / 100).unwrap_or(FULL_SCORE),
    }
}

fn scored_order(a: &(ScoreCard, &BidEntry), b: &(ScoreCard, &BidEntry)) -> Ordering {
    b.0.total
        .cmp(&a.0.total)
        .then(a.1.price_fen.cmp(&b.1.price_fen))
        .then(a.1.placed_at.cmp(&b.1.placed_at))
        .then(a.1.bid.cmp(&b.1.bid))
}

/// Scores every bid with the published formula and ranks them, best first.
/// `unrated_credit_score` (hundredths) is the credit score of an intermediary without stars.
pub fn rank_scored(
    bids: &[BidEntry],
    weights: ScoreWeights,
    unrated_credit_score: u32,
) -> Vec<ScoreCard> {
    let Some(lowest) = bids.iter().map(|entry| entry.price_fen).min() else {
        return Vec::new();
    };
    let mut cards: Vec<(ScoreCard, &BidEntry)> = bids
        .iter()
        .map(|entry| {
            let card = score_card(entry, lowest, weights, unrated_credit_score);
            (card, entry)
        })
        .collect();
    cards.sort_by(scored_order);
    cards.into_iter().map(|(card, _)| card).collect()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use proptest::prelude::*;

    use super::*;

    fn at(second: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_750_000_000 + second, 0).unwrap()
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn entry(n: u128, price_fen: i64) -> BidEntry {
        BidEntry {
            bid: id(n),
            price_fen,
            stars: Some(3),
            placed_at: at(0),
            proposal_score: None,
        }
    }

    fn priced(prices: &[i64]) -> Vec<BidEntry> {
        (1..).zip(prices).map(|(n, &p)| entry(n, p)).collect()
    }

    fn weights(price: u32, proposal: u32, credit: u32) -> ScoreWeights {
        ScoreWeights::new(price, proposal, credit).unwrap()
    }

    #[test]
    fn the_median_of_no_bids_is_none() {
        assert_eq!(median_price_fen(&[]), None);
    }

    #[test]
    fn the_median_of_an_odd_count_is_the_middle_price() {
        assert_eq!(median_price_fen(&priced(&[500, 100, 300])), Some(300));
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two_rounded_down() {
        assert_eq!(median_price_fen(&priced(&[400, 100, 301, 900])), Some(350));
        assert_eq!(median_price_fen(&priced(&[3, 4])), Some(3));
        assert_eq!(median_price_fen(&priced(&[-3, -4])), Some(-4));
        assert_eq!(
            median_price_fen(&priced(&[i64::MAX, i64::MAX - 1])),
            Some(i64::MAX - 1)
        );
    }

    #[test]
    fn a_price_below_the_threshold_share_of_the_median_is_abnormally_low() {
        // median 10000; 70% of it is 7000.
        let bids = priced(&[6999, 7000, 10000, 12000, 15000]);
        assert_eq!(abnormally_low(&bids, 70), vec![id(1)]);
        assert_eq!(abnormally_low(&bids, 71), vec![id(1), id(2)]);
        assert_eq!(abnormally_low(&bids, 0), Vec::<Uuid>::new());
    }

    #[test]
    fn no_bids_have_no_abnormally_low_price() {
        assert_eq!(abnormally_low(&[], 70), Vec::<Uuid>::new());
    }

    #[test]
    fn the_lowest_price_ranks_first() {
        assert_eq!(
            rank_lowest_price(&priced(&[300, 100, 200])),
            vec![id(2), id(3), id(1)]
        );
    }

    #[test]
    fn at_equal_price_more_stars_rank_first_and_unrated_ranks_below_one_star() {
        let mut bids = priced(&[100, 100, 100, 100]);
        bids[0].stars = None;
        bids[1].stars = Some(1);
        bids[2].stars = Some(5);
        bids[3].stars = Some(4);
        assert_eq!(rank_lowest_price(&bids), vec![id(3), id(4), id(2), id(1)]);
    }

    #[test]
    fn at_equal_price_and_stars_the_earlier_bid_ranks_first() {
        let mut bids = priced(&[100, 100]);
        bids[0].placed_at = at(10);
        bids[1].placed_at = at(5);
        assert_eq!(rank_lowest_price(&bids), vec![id(2), id(1)]);
    }

    #[test]
    fn when_all_else_is_equal_the_smaller_bid_id_ranks_first() {
        let bids = vec![entry(9, 100), entry(3, 100), entry(5, 100)];
        assert_eq!(rank_lowest_price(&bids), vec![id(3), id(5), id(9)]);
    }

    #[test]
    fn weights_must_sum_to_100() {
        assert!(ScoreWeights::new(60, 30, 10).is_ok());
        assert!(ScoreWeights::new(100, 0, 0).is_ok());
        assert_eq!(
            ScoreWeights::new(60, 30, 20),
            Err(SelectionError::WeightsDoNotSumTo100 {
                price: 60,
                proposal: 30,
                credit: 20,
                sum: 110
            })
        );
        assert!(ScoreWeights::new(u32::MAX, u32::MAX, 102).is_err());
    }

    #[test]
    fn weights_that_do_not_sum_to_100_are_refused_when_deserialised() {
        let good: ScoreWeights =
            serde_json::from_str(r#"{"price":50,"proposal":30,"credit":20}"#).unwrap();
        assert_eq!(good, weights(50, 30, 20));
        assert!(
            serde_json::from_str::<ScoreWeights>(r#"{"price":50,"proposal":30,"credit":30}"#)
                .is_err()
        );
    }

    #[test]
    fn the_lowest_price_scores_full_and_others_in_proportion_rounded_down() {
        let cards = rank_scored(&priced(&[100, 300, 200]), weights(100, 0, 0), 0);
        let by_id = |n| cards.iter().find(|c| c.bid == id(n)).unwrap().price_score;
        assert_eq!(by_id(1), 10000);
        assert_eq!(by_id(2), 3333);
        assert_eq!(by_id(3), 5000);
    }

    #[test]
    fn a_zero_lowest_price_scores_full_and_every_other_price_zero() {
        assert_eq!(price_score(0, 0), 10000);
        assert_eq!(price_score(500, 0), 0);
        assert_eq!(price_score(500, -3), 0);
    }

    #[test]
    fn the_proposal_mark_is_scaled_and_a_missing_mark_scores_zero() {
        assert_eq!(proposal_score(Some(87)), 8700);
        assert_eq!(proposal_score(None), 0);
        assert_eq!(proposal_score(Some(250)), 10000);
    }

    #[test]
    fn stars_score_2000_each_and_unrated_takes_the_configured_score() {
        assert_eq!(credit_score(Some(5), 6000), 10000);
        assert_eq!(credit_score(Some(1), 6000), 2000);
        assert_eq!(credit_score(None, 6000), 6000);
        assert_eq!(credit_score(None, 99999), 10000);
    }

    #[test]
    fn the_total_is_the_weighted_sum_divided_by_100_rounded_down() {
        let mut bids = priced(&[100, 300]);
        bids[1].proposal_score = Some(77);
        bids[1].stars = Some(4);
        let cards = rank_scored(&bids, weights(33, 33, 34), 0);
        let second = cards.iter().find(|c| c.bid == id(2)).unwrap();
        assert_eq!(
            (
                second.price_score,
                second.proposal_score,
                second.credit_score
            ),
            (3333, 7700, 8000)
        );
        // (3333×33 + 7700×33 + 8000×34) / 100 = 636089 / 100
        assert_eq!(second.total, 6360);
    }

    #[test]
    fn the_highest_total_ranks_first() {
        let mut bids = priced(&[100, 120]);
        bids[1].proposal_score = Some(100);
        let cards = rank_scored(&bids, weights(40, 60, 0), 0);
        assert_eq!(cards[0].bid, id(2));
        assert!(cards[0].total > cards[1].total);
    }

    #[test]
    fn at_equal_total_the_lower_price_ranks_first() {
        // Price weight 0: totals are equal, so price decides.
        let bids = priced(&[300, 100]);
        let cards = rank_scored(&bids, weights(0, 50, 50), 0);
        assert_eq!(cards[0].total, cards[1].total);
        assert_eq!(cards[0].bid, id(2));
    }

    #[test]
    fn at_equal_total_and_price_the_earlier_bid_then_the_smaller_id_ranks_first() {
        let mut bids = vec![entry(9, 100), entry(3, 100), entry(5, 100)];
        bids[0].placed_at = at(-1);
        let order: Vec<Uuid> = rank_scored(&bids, weights(60, 30, 10), 0)
            .iter()
            .map(|c| c.bid)
            .collect();
        assert_eq!(order, vec![id(9), id(3), id(5)]);
    }

    #[test]
    fn no_bids_give_no_score_cards() {
        assert!(rank_scored(&[], weights(60, 30, 10), 0).is_empty());
    }

    #[test]
    fn the_formula_description_is_chinese_then_english() {
        let mut lines = formula_description().lines();
        assert!(lines.next().unwrap().starts_with("综合评分"));
        assert!(lines.next().unwrap().starts_with("Scored comparison"));
    }

    // A plain re-implementation of both rankings: explicit keys, naive selection sort.

    /// Stars as a number where a higher one ranks first; unrated is lowest.
    fn naive_star_rank(stars: Option<u8>) -> i64 {
        match stars {
            None => -1,
            Some(s) => i64::from(s),
        }
    }

    /// True when `a` must come before `b` in the lowest-price ranking.
    fn naive_lowest_price_before(a: &BidEntry, b: &BidEntry) -> bool {
        if a.price_fen != b.price_fen {
            return a.price_fen < b.price_fen;
        }
        if naive_star_rank(a.stars) != naive_star_rank(b.stars) {
            return naive_star_rank(a.stars) > naive_star_rank(b.stars);
        }
        if a.placed_at != b.placed_at {
            return a.placed_at < b.placed_at;
        }
        a.bid < b.bid
    }

    fn naive_selection_sort<T: Clone>(items: &[T], before: impl Fn(&T, &T) -> bool) -> Vec<T> {
        let mut left = items.to_vec();
        let mut out = Vec::new();
        while !left.is_empty() {
            let mut best = 0;
            for i in 1..left.len() {
                if before(&left[i], &left[best]) {
                    best = i;
                }
            }
            out.push(left.remove(best));
        }
        out
    }

    fn naive_card(b: &BidEntry, all: &[BidEntry], w: (u32, u32, u32), unrated: u32) -> ScoreCard {
        let lowest = all.iter().map(|x| x.price_fen).min().unwrap();
        let price = (lowest * 10000 / b.price_fen) as u32;
        let proposal = b.proposal_score.unwrap_or(0) * 100;
        let credit = match b.stars {
            Some(s) => s as u32 * 2000,
            None => unrated,
        };
        ScoreCard {
            bid: b.bid,
            price_score: price,
            proposal_score: proposal,
            credit_score: credit,
            total: (price * w.0 + proposal * w.1 + credit * w.2) / 100,
        }
    }

    fn naive_rank_scored(bids: &[BidEntry], w: (u32, u32, u32), unrated: u32) -> Vec<ScoreCard> {
        let pairs: Vec<(ScoreCard, BidEntry)> = bids
            .iter()
            .map(|b| (naive_card(b, bids, w, unrated), b.clone()))
            .collect();
        let before = |a: &(ScoreCard, BidEntry), b: &(ScoreCard, BidEntry)| {
            if a.0.total != b.0.total {
                return a.0.total > b.0.total;
            }
            if a.1.price_fen != b.1.price_fen {
                return a.1.price_fen < b.1.price_fen;
            }
            if a.1.placed_at != b.1.placed_at {
                return a.1.placed_at < b.1.placed_at;
            }
            a.1.bid < b.1.bid
        };
        naive_selection_sort(&pairs, before)
            .into_iter()
            .map(|(card, _)| card)
            .collect()
    }

    fn sorted_ids(ids: impl IntoIterator<Item = Uuid>) -> Vec<Uuid> {
        let mut ids: Vec<Uuid> = ids.into_iter().collect();
        ids.sort();
        ids
    }

    fn arb_entry() -> impl Strategy<Value = BidEntry> {
        (
            0u128..1_000_000,
            1i64..=6,
            prop::option::of(1u8..=5),
            0i64..4,
            prop::option::of(0u32..=100),
        )
            .prop_map(|(n, price, stars, second, proposal)| BidEntry {
                bid: Uuid::from_u128(n),
                price_fen: price * 50_000,
                stars,
                placed_at: at(second),
                proposal_score: proposal,
            })
    }

    fn arb_weights() -> impl Strategy<Value = (u32, u32, u32)> {
        (0u32..=100, 0u32..=100).prop_map(|(price, x)| {
            let proposal = x % (101 - price);
            (price, proposal, 100 - price - proposal)
        })
    }

    proptest! {
        #[test]
        fn both_rankings_agree_with_a_plain_reimplementation_and_are_permutations(
            bids in prop::collection::vec(arb_entry(), 0..40),
            w in arb_weights(),
            unrated in 0u32..=10000,
        ) {
            let input_ids = sorted_ids(bids.iter().map(|b| b.bid));

            let lowest = rank_lowest_price(&bids);
            let expected: Vec<Uuid> = naive_selection_sort(&bids, naive_lowest_price_before)
                .iter()
                .map(|b| b.bid)
                .collect();
            prop_assert_eq!(&lowest, &expected);
            prop_assert_eq!(sorted_ids(lowest), input_ids.clone());

            let scored = rank_scored(&bids, ScoreWeights::new(w.0, w.1, w.2).unwrap(), unrated);
            prop_assert_eq!(&scored, &naive_rank_scored(&bids, w, unrated));
            prop_assert_eq!(sorted_ids(scored.iter().map(|c| c.bid)), input_ids);
            prop_assert!(scored.iter().all(|c| c.total <= FULL_SCORE));
        }
    }
}
