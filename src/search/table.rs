//! A hash table for the indexer's two hottest lookups, made once or twice per word of the
//! site: a word's bytes (as one integer) to its ids, and a pair of ids to the pair's number.
//!
//! Integer keys to integer values, open addressing with linear probing, Fibonacci hashing
//! (one multiply, the high bits pick the slot), nothing ever removed: less work per lookup than
//! `HashMap`'s hashing rounds and group probes, which keys like these do not need.

/// A key: an integer with one value that never occurs, marking empty slots.
pub(crate) trait Key: Copy + Eq {
    /// The value no real key takes.
    const EMPTY: Self;
    /// Well-mixed high bits.
    fn mix(self) -> u64;
}

/// 2⁶⁴ divided by the golden ratio: multiplying by it spreads keys over the high bits.
const FIBONACCI: u64 = 0x9e37_79b9_7f4a_7c15;

/// Words as integers ([`super::index`]'s short keys): a word never contains a zero byte and is
/// never empty, so no key is 0.
impl Key for u128 {
    const EMPTY: Self = 0;
    fn mix(self) -> u64 {
        ((self as u64) ^ ((self >> 64) as u64).rotate_left(31)).wrapping_mul(FIBONACCI)
    }
}

/// Pairs of 32-bit ids: ids stay below `u32::MAX`, so no key is `u64::MAX`.
impl Key for u64 {
    const EMPTY: Self = u64::MAX;
    fn mix(self) -> u64 {
        (self ^ (self >> 29)).wrapping_mul(FIBONACCI)
    }
}

/// A map from [`Key`]s to small copyable values.
pub(crate) struct IntMap<K, V> {
    slots: Vec<(K, V)>,
    len: usize,
    /// 64 − log2(slots).
    shift: u32,
}

impl<K: Key, V: Copy + Default> Default for IntMap<K, V> {
    fn default() -> Self {
        IntMap::with_slots(1024)
    }
}

impl<K: Key, V: Copy + Default> IntMap<K, V> {
    /// An empty map with `slots` (a power of two) slots.
    fn with_slots(slots: usize) -> Self {
        IntMap { slots: vec![(K::EMPTY, V::default()); slots], len: 0, shift: 64 - slots.trailing_zeros() }
    }

    /// The value of `key`, or the one `make` gives it, inserted.
    #[inline]
    pub(crate) fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> V {
        let slot = self.find(key);
        if self.slots[slot].0 == key {
            return self.slots[slot].1;
        }
        let value = make();
        self.slots[slot] = (key, value);
        self.len += 1;
        // At most half full, so probe runs stay short.
        if 2 * self.len > self.slots.len() {
            self.grow();
        }
        value
    }

    /// The slot holding `key`, or the empty slot where it belongs.
    #[inline]
    fn find(&self, key: K) -> usize {
        let mask = self.slots.len() - 1;
        let mut slot = (key.mix() >> self.shift) as usize;
        loop {
            let held = self.slots[slot].0;
            if held == key || held == K::EMPTY {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let old = std::mem::replace(self, IntMap::with_slots(2 * self.slots.len()));
        for (key, value) in old.slots.into_iter().filter(|(key, _)| *key != K::EMPTY) {
            let slot = self.find(key);
            self.slots[slot] = (key, value);
        }
        self.len = old.len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_every_key_through_growth() {
        let mut map: IntMap<u64, u32> = IntMap::default();
        for n in 0..10_000u64 {
            let key = n << 32 | (n * 7 % 13);
            assert_eq!(map.get_or_insert_with(key, || n as u32), n as u32);
        }
        assert_eq!(map.len, 10_000);
        for n in 0..10_000u64 {
            assert_eq!(map.get_or_insert_with(n << 32 | (n * 7 % 13), || panic!("{n} was lost")), n as u32);
        }
        let mut words: IntMap<u128, u64> = IntMap::default();
        assert_eq!(words.get_or_insert_with(u128::from_le_bytes(*b"hoc\0\0\0\0\0\0\0\0\0\0\0\0\0"), || 7), 7);
        assert_eq!(words.get_or_insert_with(u128::from_le_bytes(*b"hoc\0\0\0\0\0\0\0\0\0\0\0\0\0"), || 8), 7);
    }
}
