//! Test and benchmark inputs (feature `generate`): a lattice of blocks with random figures.

use super::input::{BlockRecord, Blocks};
use crate::seeded::Rng;

/// A `columns` × `rows` lattice of square blocks (100 m sides), each sharing a side with up
/// to four others, with households drawn uniformly from `households` (low, high) and about
/// 2.2–3.2 residents a household, reproducible from `seed`. Blocks are `b{row}-{column}`,
/// with no community and no part today.
pub fn lattice(columns: usize, rows: usize, households: (u32, u32), seed: u64) -> Blocks {
    let mut rng = Rng::new(seed);
    let mut records = Vec::with_capacity(columns * rows);
    for r in 0..rows {
        for c in 0..columns {
            let h = rng.between(households.0, households.1);
            let p = (f64::from(h) * (2.2 + rng.unit())).round() as u32;
            records.push(BlockRecord { id: format!("b{r}-{c}"), name: None, households: h, population: p, community: None, part: None, area_m2: Some(10_000.0) });
        }
    }
    let mut pairs = Vec::with_capacity(2 * columns * rows);
    for r in 0..rows {
        for c in 0..columns {
            if c + 1 < columns {
                pairs.push((format!("b{r}-{c}"), format!("b{r}-{}", c + 1), Some(100.0)));
            }
            if r + 1 < rows {
                pairs.push((format!("b{r}-{c}"), format!("b{}-{c}", r + 1), Some(100.0)));
            }
        }
    }
    match Blocks::new(records, pairs) {
        Ok(blocks) => blocks,
        // Every id and pair above is well formed; an empty lattice has no blocks.
        Err(_) => Blocks::empty(),
    }
}
