//! The serialized form of a compiled dictionary, which `build.rs` embeds
//! in the library.
//!
//! ```text
//! magic (8 bytes)
//! dictionary names: count, then each name (length-prefixed)
//! entry records: count, then the records (see the table module)
//! the string blob (length-prefixed)
//! the map, the prefilter, the allowed phrases' prefilter (each length-prefixed)
//! the word table: slots, key records, key bytes (each length-prefixed)
//! ```
//!
//! Lengths and counts are u32, little-endian. Loading ([`from_static`])
//! checks the layout and every record, so that entries can be read later
//! without checks, and then reads them in place: nothing is copied or
//! decoded per entry. The map's values are trusted as `build.rs` wrote
//! them: these bytes are the library's own, never input.

use std::borrow::Cow;

use crate::dict::compile::Compiled;
use crate::dict::prefilter::Prefilter;
use crate::dict::table::{Table, RECORD};
use crate::dict::wordmap::WordMap;

/// The format's magic and version: bumped whenever the layout changes.
const MAGIC: &[u8] = b"UNSPIN\x00\x08";

/// Serializes a compiled dictionary (see the module docs).
#[cfg_attr(not(test), allow(dead_code))] // build.rs writes, the library reads
pub(crate) fn to_bytes(compiled: &Compiled) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    put_u32(&mut out, compiled.dictionaries.len());
    for name in &compiled.dictionaries {
        put_bytes(&mut out, name.as_bytes());
    }
    let (records, strings) = compiled.entries.as_parts();
    put_u32(&mut out, compiled.entries.len());
    out.extend_from_slice(records);
    put_bytes(&mut out, strings.as_bytes());
    put_bytes(&mut out, compiled.fst.as_bytes());
    put_bytes(&mut out, compiled.prefilter.as_bytes());
    put_bytes(&mut out, compiled.allow_prefilter.as_bytes());
    for part in compiled.words.as_parts() {
        put_bytes(&mut out, part);
    }
    out
}

/// Loads a dictionary serialized by [`to_bytes`], in place.
pub(crate) fn from_static(bytes: &'static [u8]) -> Result<Compiled, String> {
    let mut r = Reader { bytes, pos: 0 };
    if r.take(MAGIC.len())? != MAGIC {
        return Err("not a compiled unspin dictionary of this version".into());
    }
    let n = r.u32()? as usize;
    let mut dictionaries = Vec::with_capacity(n.min(1 << 16));
    for _ in 0..n {
        dictionaries.push(Cow::Borrowed(r.str()?));
    }
    let n = r.u32()? as usize;
    let records = r.take(n.checked_mul(RECORD).ok_or("entry count overflows")?)?;
    let strings = r.str()?;
    let entries = Table::from_static(records, strings, dictionaries.len())?;
    let fst = fst::raw::Fst::new(Cow::Borrowed(r.bytes()?)).map_err(|e| e.to_string())?;
    let prefilter = Prefilter::from_bytes(Cow::Borrowed(r.bytes()?))?;
    let allow_prefilter = Prefilter::from_bytes(Cow::Borrowed(r.bytes()?))?;
    let words = WordMap::from_parts(
        Cow::Borrowed(r.bytes()?),
        Cow::Borrowed(r.bytes()?),
        Cow::Borrowed(r.bytes()?),
    )?;
    Compiled::assemble(
        fst,
        entries,
        dictionaries,
        (prefilter, allow_prefilter),
        words,
        Vec::new(),
        Vec::new(),
    )
    .map_err(|(index, kind)| format!("entry record {index}: {kind}"))
}

#[cfg_attr(not(test), allow(dead_code))]
fn put_u32(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u32).to_le_bytes());
}

#[cfg_attr(not(test), allow(dead_code))]
fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_u32(out, bytes.len());
    out.extend_from_slice(bytes);
}

struct Reader {
    bytes: &'static [u8],
    pos: usize,
}

impl Reader {
    fn take(&mut self, n: usize) -> Result<&'static [u8], String> {
        let bytes: &'static [u8] = self.bytes;
        let end = self.pos.checked_add(n).filter(|&e| e <= bytes.len());
        let end = end.ok_or_else(|| format!("truncated at byte {}", self.pos))?;
        let slice = &bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
    }

    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A length-prefixed run of bytes.
    fn bytes(&mut self) -> Result<&'static [u8], String> {
        let n = self.u32()? as usize;
        self.take(n)
    }

    /// A length-prefixed string.
    fn str(&mut self) -> Result<&'static str, String> {
        let at = self.pos + 4;
        std::str::from_utf8(self.bytes()?).map_err(|e| format!("bad UTF-8 at byte {at}: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::compile::Sources;
    use crate::dict::source::parse;

    #[test]
    fn serialized_form_round_trips() {
        let text = "planet war\tWorld War\tfix\ts\nclaimed\tsaid\tcontext\ts\n";
        let mut sources = Sources::default();
        sources.add_dictionary("d.tsv", parse("d.tsv", text.as_bytes()).unwrap());
        let compiled = Compiled::build(sources).unwrap();
        let bytes: &'static [u8] = Box::leak(to_bytes(&compiled).into_boxed_slice());
        let loaded = from_static(bytes).unwrap();
        assert_eq!(loaded.fst.as_bytes(), compiled.fst.as_bytes());
        assert_eq!(loaded.words.as_parts(), compiled.words.as_parts());
        assert_eq!(loaded.dictionaries, compiled.dictionaries);
        assert!(loaded.entries.iter().eq(compiled.entries.iter()));
        assert_eq!(loaded.get("CLAIMED"), Some(0));
        assert!(from_static(b"UNSPIN\x00\x03\x05").is_err());
        // A record pointing outside the string blob is refused at load.
        let mut broken = to_bytes(&compiled);
        let first_record = MAGIC.len() + 4 + 4 + "d.tsv".len() + 4;
        broken[first_record + 12] = 0xFF;
        let broken: &'static [u8] = Box::leak(broken.into_boxed_slice());
        assert_eq!(
            from_static(broken).unwrap_err(),
            "entry record 0 is malformed"
        );
        assert!(from_static(b"garbage!").is_err());
    }
}
