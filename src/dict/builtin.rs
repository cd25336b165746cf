//! The bundled dictionaries, compiled at build time and embedded.
//!
//! `build.rs` parses every `dictionaries/*.tsv` file, compiles and checks
//! them with the same code the library uses at run time, and writes the
//! serialized form (see the embed module) to `OUT_DIR`. Loading it slices
//! the map and strings out of the static bytes; it happens once, on first
//! use.

use std::sync::Arc;

use once_cell::sync::Lazy;

use crate::dict::compile::Compiled;
use crate::dict::embed;

static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.bin"));

/// The bundled dictionary, loaded on first use.
pub(crate) static BUILTIN: Lazy<Arc<Compiled>> = Lazy::new(|| Arc::new(load()));

/// Loads the embedded dictionary without caching it.
pub(crate) fn load() -> Compiled {
    // ok: build.rs wrote these bytes with `embed::to_bytes` and the round
    // trip is tested; they are not input.
    embed::from_static(BYTES).expect("embedded dictionary is valid")
}
