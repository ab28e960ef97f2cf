//! Site search: one record per page, an index of syllables and syllable pairs on folded keys,
//! and content-hashed shard files the browser script (`themes/default/js/search.js`) fetches
//! term by term. See the README's "Search" section for the design.

pub mod normalize;
pub mod record;
pub mod index;
pub mod facets;
pub mod codec;
