//! The verifiable random draw (随机抽取). When a procurement is published the server generates a
//! secret 32-byte seed and publishes only its commitment (a SHA-256 hash binding the seed to the
//! procurement). When bidding has closed it reveals the seed and draws over the sorted list of
//! valid bidders with the deterministic algorithm `qifu-draw-v1` (see [`algorithm_description`]),
//! so anyone holding the public [`DrawProof`] can check that the seed was fixed before bidding and
//! recompute the winner and the reserve order. Pure domain code: no framework, no storage.

use std::fmt;

use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

/// The name of the draw algorithm recorded in every proof.
pub const DRAW_ALGORITHM: &str = "qifu-draw-v1";

const ALGORITHM_DESCRIPTION: &str = "\
qifu-draw-v1 (random draw, 随机抽取)
1. Before bidding opens the server picks a secret 32-byte seed from the operating system's random \
source and publishes only the commitment: the lowercase hex SHA-256 of the UTF-8 text \
\"qifu-draw-v1:{procurement id}:{seed}\", where the procurement id is the lowercase hyphenated \
UUID and the seed is 64 lowercase hex digits.
2. After bidding closes the seed is revealed. Anyone checks that the commitment recomputed from \
it matches the published one.
3. The bidders are the unified social credit codes of the valid bids, sorted by byte value with \
duplicates removed: c[0] < c[1] < ... < c[n-1].
4. A random stream is made of blocks: block i = SHA-256 of \"qifu-draw-v1:{seed}:{c[0]},{c[1]},...,{c[n-1]}:{i}\" \
(codes joined by commas, i = 0, 1, 2, ... in decimal). Each 32-byte block is read as four \
big-endian unsigned 64-bit numbers, in order; the blocks follow each other.
5. To pick j uniformly in 0..m, take the next number x from the stream; if x >= m * floor(2^64 / m) \
reject it and take the next one; otherwise j = x mod m.
6. Shuffle (Fisher-Yates): start from the sorted list; for k = n-1 down to 1, pick j in 0..k+1 \
(step 5) and swap positions k and j.
7. The result is the draw order: its first code wins; the others are the reserve order. With no \
bidders the order is empty and there is no winner.";

/// The steps of `qifu-draw-v1`, in English, for the public proof page and `qifu verify-draw`.
pub fn algorithm_description() -> &'static str {
    ALGORITHM_DESCRIPTION
}

/// Why a seed or a draw proof was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DrawError {
    #[error("unknown draw algorithm {0:?}; this verifier knows only \"qifu-draw-v1\"")]
    UnknownAlgorithm(String),
    #[error("the seed must be exactly 64 lowercase hexadecimal digits (32 bytes)")]
    MalformedSeed,
    #[error("the seed does not match the commitment published for this procurement")]
    CommitmentMismatch,
    #[error("the bidder list must be sorted in byte order without duplicates")]
    BiddersNotCanonical,
    #[error("the draw order does not match the order recomputed from the seed and the bidders")]
    OrderMismatch,
    #[error(
        "the winner must be the first code of the draw order (none when there are no bidders)"
    )]
    WinnerMismatch,
}

/// A secret 32-byte draw seed. Its `Debug` output hides the bytes so it cannot leak into logs
/// before it is revealed.
#[derive(Clone, PartialEq, Eq)]
pub struct Seed([u8; 32]);

impl Seed {
    /// A fresh seed from `rand::rng()`, a cryptographically secure generator seeded (and
    /// periodically reseeded) from the operating system's random source.
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Self(bytes)
    }

    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// Parses the canonical form: exactly 64 lowercase hex digits.
    pub fn from_hex(text: &str) -> Result<Self, DrawError> {
        let canonical = text.len() == 64
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if !canonical {
            return Err(DrawError::MalformedSeed);
        }
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(text, &mut bytes).map_err(|_| DrawError::MalformedSeed)?;
        Ok(Self(bytes))
    }

    /// The canonical form: 64 lowercase hex digits.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }
}

impl fmt::Debug for Seed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Seed(<secret>)")
    }
}

fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// The public commitment to `seed` for `procurement`: lowercase hex SHA-256 of
/// `"qifu-draw-v1:{procurement}:{seed hex}"`.
pub fn commitment(procurement: Uuid, seed: &Seed) -> String {
    sha256_hex(&format!(
        "{DRAW_ALGORITHM}:{}:{}",
        procurement.as_hyphenated(),
        seed.to_hex()
    ))
}

/// The bidders as the draw sees them: sorted in byte order, duplicates removed.
pub fn canonical_bidders(bidders: &[String]) -> Vec<String> {
    let mut sorted = bidders.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted
}

fn is_canonical(bidders: &[String]) -> bool {
    bidders.windows(2).all(|pair| pair[0] < pair[1])
}

/// The deterministic stream of big-endian u64s of step 4 of [`algorithm_description`].
struct DrawStream {
    prefix: String,
    block_index: u64,
    block: [u8; 32],
    offset: usize,
}

impl DrawStream {
    fn new(seed: &Seed, sorted_bidders: &[String]) -> Self {
        let prefix = format!(
            "{DRAW_ALGORITHM}:{}:{}:",
            seed.to_hex(),
            sorted_bidders.join(",")
        );
        Self {
            prefix,
            block_index: 0,
            block: [0; 32],
            offset: 32,
        }
    }

    fn next_u64(&mut self) -> u64 {
        if self.offset == 32 {
            let input = format!("{}{}", self.prefix, self.block_index);
            self.block = Sha256::digest(input.as_bytes()).into();
            self.block_index += 1;
            self.offset = 0;
        }
        let mut word = [0u8; 8];
        word.copy_from_slice(&self.block[self.offset..self.offset + 8]);
        self.offset += 8;
        u64::from_be_bytes(word)
    }

    /// A uniform pick in `0..m` (`m >= 1`): numbers in the biased tail are skipped.
    fn next_below(&mut self, m: usize) -> usize {
        loop {
            if let Some(j) = accept_below(self.next_u64(), m as u64) {
                return j as usize;
            }
        }
    }
}

/// Step 5: `x mod m`, unless `x >= m * floor(2^64 / m)`, where that would bias small results.
fn accept_below(x: u64, m: u64) -> Option<u64> {
    let m = m.max(1);
    let zone = u128::from(m) * ((1u128 << 64) / u128::from(m));
    (u128::from(x) < zone).then_some(x % m)
}

/// The draw order of `bidders` (sorted and deduplicated first): a full permutation by
/// Fisher–Yates over the stream. The first code wins; the rest is the reserve order.
pub fn draw_order(seed: &Seed, bidders: &[String]) -> Vec<String> {
    let mut order = canonical_bidders(bidders);
    let mut stream = DrawStream::new(seed, &order);
    for k in (1..order.len()).rev() {
        let j = stream.next_below(k + 1);
        order.swap(k, j);
    }
    order
}

/// Everything the public needs to recompute and check a draw.
#[derive(Serialize, Deserialize, ToSchema, Clone, Debug, PartialEq, Eq)]
pub struct DrawProof {
    /// Always `qifu-draw-v1`.
    pub algorithm: String,
    pub procurement_id: Uuid,
    /// Published when the procurement was published: SHA-256 of the algorithm, id and seed.
    pub commitment: String,
    /// The revealed seed: 64 lowercase hex digits.
    pub seed: String,
    /// Unified social credit codes of the valid bidders, sorted, without duplicates.
    pub bidders: Vec<String>,
    /// The draw order: the winner first, then the reserve order.
    pub order: Vec<String>,
    /// The first of `order`; none when nobody bid.
    pub winner: Option<String>,
}

impl DrawProof {
    /// Draws over `bidders` with `seed` and records everything needed to check it.
    pub fn compute(procurement_id: Uuid, seed: &Seed, bidders: &[String]) -> Self {
        let order = draw_order(seed, bidders);
        Self {
            algorithm: DRAW_ALGORITHM.to_owned(),
            procurement_id,
            commitment: commitment(procurement_id, seed),
            seed: seed.to_hex(),
            bidders: canonical_bidders(bidders),
            winner: order.first().cloned(),
            order,
        }
    }

    /// Recomputes the draw from the proof's own data; the first failing check is the error.
    pub fn verify(&self) -> Result<(), DrawError> {
        if self.algorithm != DRAW_ALGORITHM {
            return Err(DrawError::UnknownAlgorithm(self.algorithm.clone()));
        }
        let seed = Seed::from_hex(&self.seed)?;
        if commitment(self.procurement_id, &seed) != self.commitment {
            return Err(DrawError::CommitmentMismatch);
        }
        if !is_canonical(&self.bidders) {
            return Err(DrawError::BiddersNotCanonical);
        }
        if draw_order(&seed, &self.bidders) != self.order {
            return Err(DrawError::OrderMismatch);
        }
        if self.winner.as_ref() != self.order.first() {
            return Err(DrawError::WinnerMismatch);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    const PROCUREMENT: &str = "6f1c2b9e-3d4a-4c8e-9b2f-1a2b3c4d5e6f";

    fn procurement() -> Uuid {
        Uuid::parse_str(PROCUREMENT).unwrap()
    }

    /// Bytes 00 01 02 … 1f.
    fn counting_seed() -> Seed {
        Seed::from_bytes(std::array::from_fn(|i| i as u8))
    }

    fn seed_from_counter(counter: u64) -> Seed {
        let mut bytes = [0u8; 32];
        bytes[24..].copy_from_slice(&counter.to_be_bytes());
        Seed::from_bytes(bytes)
    }

    fn bidders() -> Vec<String> {
        [
            "91330782MA2E9RT04Y",
            "91330100MA2B3C4D5N",
            "91330212MA2H5W3N6H",
            "91330110MA27XY8K1P",
            "91330106MA2GL0P7X7",
        ]
        .map(String::from)
        .to_vec()
    }

    fn proof() -> DrawProof {
        DrawProof::compute(procurement(), &counting_seed(), &bidders())
    }

    #[test]
    fn the_commitment_of_a_fixed_seed_is_the_pinned_known_answer() {
        assert_eq!(
            commitment(procurement(), &counting_seed()),
            "5a764e0703a50f8b1a5b2570556dd55ddff2eb18867238b87c0a5e29e3c903a8"
        );
    }

    // The known answers below were computed once by an independent Python implementation of
    // `algorithm_description()` (hashlib) and pinned.
    #[test]
    fn the_draw_order_of_five_bidders_is_the_pinned_known_answer() {
        assert_eq!(
            draw_order(&counting_seed(), &bidders()),
            [
                "91330110MA27XY8K1P",
                "91330782MA2E9RT04Y",
                "91330212MA2H5W3N6H",
                "91330106MA2GL0P7X7",
                "91330100MA2B3C4D5N",
            ]
        );
    }

    #[test]
    fn the_draw_order_of_twelve_bidders_over_several_blocks_is_the_pinned_known_answer() {
        let twelve: Vec<String> = [
            "91330100MA2B3C400R",
            "91330100MA2B3C401W",
            "91330100MA2B3C4020",
            "91330100MA2B3C4033",
            "91330100MA2B3C4046",
            "91330100MA2B3C4059",
            "91330100MA2B3C406C",
            "91330100MA2B3C407F",
            "91330100MA2B3C408J",
            "91330100MA2B3C409M",
            "91330100MA2B3C410T",
            "91330100MA2B3C411X",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            draw_order(&seed_from_counter(7), &twelve),
            [
                "91330100MA2B3C4046",
                "91330100MA2B3C407F",
                "91330100MA2B3C410T",
                "91330100MA2B3C408J",
                "91330100MA2B3C401W",
                "91330100MA2B3C409M",
                "91330100MA2B3C4033",
                "91330100MA2B3C4020",
                "91330100MA2B3C400R",
                "91330100MA2B3C406C",
                "91330100MA2B3C4059",
                "91330100MA2B3C411X",
            ]
        );
    }

    #[test]
    fn a_seed_round_trips_through_its_hex_form() {
        let seed = Seed::generate();
        assert_eq!(Seed::from_hex(&seed.to_hex()).unwrap(), seed);
        assert_eq!(
            counting_seed().to_hex(),
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
        );
    }

    #[test]
    fn a_seed_in_any_other_form_is_refused() {
        let hex = counting_seed().to_hex();
        for bad in [
            String::new(),
            hex[..62].to_owned(),
            format!("{hex}00"),
            hex.to_uppercase(),
            format!("{}g", &hex[..63]),
            format!(" {}", &hex[..63]),
        ] {
            assert_eq!(
                Seed::from_hex(&bad),
                Err(DrawError::MalformedSeed),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn a_seed_debug_output_does_not_reveal_it() {
        assert_eq!(format!("{:?}", counting_seed()), "Seed(<secret>)");
    }

    #[test]
    fn two_generated_seeds_differ() {
        assert_ne!(Seed::generate(), Seed::generate());
    }

    #[test]
    fn the_order_is_a_permutation_of_the_deduplicated_bidders() {
        let mut with_duplicates = bidders();
        with_duplicates.push(bidders()[2].clone());
        let mut order = draw_order(&counting_seed(), &with_duplicates);
        order.sort();
        assert_eq!(order, canonical_bidders(&bidders()));
    }

    #[test]
    fn the_same_inputs_give_the_same_order() {
        let seed = seed_from_counter(42);
        assert_eq!(draw_order(&seed, &bidders()), draw_order(&seed, &bidders()));
    }

    #[test]
    fn the_order_does_not_depend_on_the_order_bidders_are_given_in() {
        let seed = seed_from_counter(7);
        let mut reversed = bidders();
        reversed.reverse();
        let sorted = canonical_bidders(&bidders());
        assert_eq!(draw_order(&seed, &reversed), draw_order(&seed, &bidders()));
        assert_eq!(draw_order(&seed, &sorted), draw_order(&seed, &bidders()));
    }

    #[test]
    fn different_seeds_give_different_orders() {
        let orders: std::collections::BTreeSet<_> = (0..20)
            .map(|n| draw_order(&seed_from_counter(n), &bidders()))
            .collect();
        assert!(orders.len() > 10, "only {} distinct orders", orders.len());
    }

    #[test]
    fn no_bidders_give_an_empty_order_and_no_winner() {
        let proof = DrawProof::compute(procurement(), &counting_seed(), &[]);
        assert!(proof.order.is_empty());
        assert_eq!(proof.winner, None);
        assert_eq!(proof.verify(), Ok(()));
    }

    #[test]
    fn a_single_bidder_wins() {
        let only = vec![bidders()[0].clone()];
        let proof = DrawProof::compute(procurement(), &counting_seed(), &only);
        assert_eq!(proof.winner, Some(only[0].clone()));
        assert_eq!(proof.verify(), Ok(()));
    }

    #[test]
    fn a_computed_proof_verifies_and_survives_json() {
        let proof = proof();
        assert_eq!(proof.verify(), Ok(()));
        assert_eq!(proof.bidders, canonical_bidders(&bidders()));
        assert_eq!(proof.winner.as_ref(), proof.order.first());
        let json = serde_json::to_string(&proof).unwrap();
        let back: DrawProof = serde_json::from_str(&json).unwrap();
        assert_eq!(back.verify(), Ok(()));
    }

    #[test]
    fn an_unknown_algorithm_fails_verification() {
        let proof = DrawProof {
            algorithm: "qifu-draw-v2".into(),
            ..proof()
        };
        assert_eq!(
            proof.verify(),
            Err(DrawError::UnknownAlgorithm("qifu-draw-v2".into()))
        );
    }

    #[test]
    fn a_malformed_seed_fails_verification() {
        let proof = DrawProof {
            seed: "not a seed".into(),
            ..proof()
        };
        assert_eq!(proof.verify(), Err(DrawError::MalformedSeed));
    }

    #[test]
    fn a_tampered_seed_fails_on_the_commitment() {
        let other = seed_from_counter(1);
        let tampered = DrawProof {
            seed: other.to_hex(),
            order: draw_order(&other, &bidders()),
            ..proof()
        };
        let tampered = DrawProof {
            winner: tampered.order.first().cloned(),
            ..tampered
        };
        assert_eq!(tampered.verify(), Err(DrawError::CommitmentMismatch));
    }

    #[test]
    fn a_commitment_for_another_procurement_fails() {
        let proof = DrawProof {
            procurement_id: Uuid::nil(),
            ..proof()
        };
        assert_eq!(proof.verify(), Err(DrawError::CommitmentMismatch));
    }

    #[test]
    fn an_unsorted_or_duplicated_bidder_list_fails() {
        let mut unsorted = proof();
        unsorted.bidders.swap(0, 1);
        assert_eq!(unsorted.verify(), Err(DrawError::BiddersNotCanonical));
        let mut duplicated = proof();
        let first = duplicated.bidders[0].clone();
        duplicated.bidders.insert(0, first);
        assert_eq!(duplicated.verify(), Err(DrawError::BiddersNotCanonical));
    }

    #[test]
    fn a_bidder_removed_from_the_list_fails_on_the_order() {
        let mut tampered = proof();
        let dropped = tampered.bidders.remove(1);
        tampered.order.retain(|code| *code != dropped);
        tampered.winner = tampered.order.first().cloned();
        assert_eq!(tampered.verify(), Err(DrawError::OrderMismatch));
    }

    #[test]
    fn a_tampered_order_fails() {
        let mut tampered = proof();
        tampered.order.swap(1, 2);
        assert_eq!(tampered.verify(), Err(DrawError::OrderMismatch));
    }

    #[test]
    fn a_tampered_winner_fails() {
        let mut tampered = proof();
        tampered.winner = Some(tampered.order[1].clone());
        assert_eq!(tampered.verify(), Err(DrawError::WinnerMismatch));
        tampered.winner = None;
        assert_eq!(tampered.verify(), Err(DrawError::WinnerMismatch));
    }

    #[test]
    fn each_of_three_bidders_wins_about_a_third_of_3000_draws() {
        let three = bidders()[..3].to_vec();
        let mut wins: BTreeMap<String, u32> = BTreeMap::new();
        for n in 0..3000 {
            let order = draw_order(&seed_from_counter(n), &three);
            *wins.entry(order[0].clone()).or_default() += 1;
        }
        assert_eq!(wins.len(), 3);
        for (code, count) in wins {
            assert!((800..=1200).contains(&count), "{code} won {count} times");
        }
    }

    #[test]
    fn each_of_the_six_orders_of_three_bidders_comes_up_about_equally() {
        let three = bidders()[..3].to_vec();
        let mut seen: BTreeMap<Vec<String>, u32> = BTreeMap::new();
        for n in 0..3000 {
            *seen
                .entry(draw_order(&seed_from_counter(n), &three))
                .or_default() += 1;
        }
        assert_eq!(seen.len(), 6);
        for (order, count) in seen {
            assert!((350..=650).contains(&count), "{order:?} came {count} times");
        }
    }

    #[test]
    fn rejection_sampling_refuses_exactly_the_biased_tail() {
        // 2^64 = 3 × 6148914691236517205 + 1: only 2^64 − 1 is refused for m = 3.
        assert_eq!(accept_below(u64::MAX, 3), None);
        assert_eq!(accept_below(u64::MAX - 1, 3), Some((u64::MAX - 1) % 3));
        // 2^64 = 10 × 1844674407370955161 + 6: the top 6 numbers are refused for m = 10.
        let zone = 10 * 1_844_674_407_370_955_161u64;
        assert_eq!(accept_below(zone - 1, 10), Some(9));
        assert_eq!(accept_below(zone, 10), None);
        assert_eq!(accept_below(u64::MAX, 10), None);
        // A power of two divides 2^64: nothing is refused.
        assert_eq!(accept_below(u64::MAX, 4), Some(3));
        assert_eq!(accept_below(u64::MAX, 1), Some(0));
    }

    #[test]
    fn the_description_names_the_algorithm_and_its_steps() {
        let text = algorithm_description();
        assert!(text.starts_with(DRAW_ALGORITHM));
        for needle in ["SHA-256", "big-endian", "floor(2^64 / m)", "Fisher-Yates"] {
            assert!(text.contains(needle), "{needle}");
        }
    }
}
