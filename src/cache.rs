//! The parse cache: what reading a clean file produced, keyed by the file's git blob id.
//!
//! Git already names every tracked file's content (its blob id) and records in its index
//! when a working-tree file still holds that content. pobox reuses those names: a file
//! whose content it has read before is not read or parsed again. Because the key is the
//! content itself, the cache cannot change a result; it is dropped whenever pobox's
//! version or the settings that affect reading change.
//!
//! The cache lives in `<git dir>/pobox/` as one text file: a header line, then one line per
//! blob, `<blob id hex> <record as JSON>`. It is streamed, never held whole in memory.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::git::BlobId;
use crate::model::read::Record;
use crate::parse::markdown::Body;
use crate::parse::yaml::{Node, Plain, YamlPos};

/// How much of the cache file is decoded at a time (in parallel). Small enough that the
/// buffers are a rounding error next to the items (4 MiB chunks cost 30 MB of peak memory).
const CHUNK: usize = 256 << 10;

/// The cache of one git directory, for one way of reading.
pub struct ParseCache {
    file: Option<PathBuf>,
    header: String,
    /// Records found by [`ParseCache::stream`], and how many the file held.
    used: Mutex<(HashSet<BlobId>, usize)>,
    added: Mutex<Vec<(BlobId, String)>>,
}

#[derive(Serialize)]
struct RecordOut<'a> {
    fm: serde_json::Value,
    body: Option<&'a Body>,
}

#[derive(Deserialize)]
struct RecordIn {
    fm: Plain,
    body: Option<Body>,
}

fn decode(json: &str) -> Option<Record> {
    let record: RecordIn = serde_json::from_str(json).ok()?;
    Some(Record {
        front_matter: Node::new(YamlPos::default(), record.fm.0),
        body: record.body,
    })
}

/// One cache line: the blob id and its JSON record.
fn split_line(line: &[u8]) -> Option<(BlobId, &str)> {
    let line = std::str::from_utf8(line).ok()?;
    let (hex, json) = line.split_once(' ')?;
    Some((BlobId::from_hex(hex)?, json.trim_end_matches('\n')))
}

impl ParseCache {
    /// A cache that keeps nothing.
    #[must_use]
    pub fn disabled() -> Self {
        ParseCache {
            file: None,
            header: String::new(),
            used: Mutex::default(),
            added: Mutex::default(),
        }
    }

    /// The cache in `git_dir` for this `fingerprint` (what affects reading besides a file's
    /// content: the id prefixes) and for reading with or without bodies.
    #[must_use]
    pub fn open(git_dir: &Path, fingerprint: &str, bodies: bool) -> Self {
        let file = git_dir
            .join("pobox")
            .join(if bodies { "parse-cache-bodies" } else { "parse-cache" });
        // The number goes up whenever reading yields different facts from the same text
        // (3: acceptance criteria under subheadings count).
        let header = format!("pobox-parse-cache 3 {} {fingerprint}", env!("CARGO_PKG_VERSION"));
        ParseCache {
            file: Some(file),
            header,
            used: Mutex::default(),
            added: Mutex::default(),
        }
    }

    /// Whether this cache keeps anything.
    #[must_use]
    pub fn is_enabled(&self) -> bool {
        self.file.is_some()
    }

    /// The cache file, past a header that matches; `None` when missing or outdated.
    fn reader(&self) -> Option<BufReader<std::fs::File>> {
        let mut reader = BufReader::with_capacity(1 << 16, std::fs::File::open(self.file.as_ref()?).ok()?);
        let mut first = String::new();
        reader.read_line(&mut first).ok()?;
        (first.trim_end() == self.header).then_some(reader)
    }

    /// Read the cache file once and call `found` (in parallel) with the record of every
    /// blob in `wanted`; returns what `found` returned, in no particular order.
    pub fn stream<T: Send>(&self, wanted: &HashMap<BlobId, usize>, found: impl Fn(BlobId, Record) -> Vec<T> + Sync) -> Vec<T> {
        let mut out = Vec::new();
        if wanted.is_empty() {
            return out;
        }
        let Some(mut reader) = self.reader() else { return out };
        out.reserve(wanted.len());
        let mut seen = HashSet::new();
        let mut lines = 0;
        let mut carry: Vec<u8> = Vec::new();
        loop {
            let mut chunk = std::mem::take(&mut carry);
            let before = chunk.len();
            chunk.resize(before + CHUNK, 0);
            let n = match reader.read(&mut chunk[before..]) {
                Ok(n) => n,
                Err(_) => break,
            };
            chunk.truncate(before + n);
            let at_end = n == 0;
            if !at_end {
                // Keep a trailing partial line for the next chunk.
                let cut = chunk.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                carry = chunk.split_off(cut);
            }
            let lines_here: Vec<&[u8]> = chunk.split(|&b| b == b'\n').filter(|l| !l.is_empty()).collect();
            lines += lines_here.len();
            let hits: Vec<(BlobId, Vec<T>)> = lines_here
                .par_iter()
                .filter_map(|line| {
                    let (id, json) = split_line(line)?;
                    if !wanted.contains_key(&id) {
                        return None;
                    }
                    Some((id, found(id, decode(json)?)))
                })
                .collect();
            for (id, items) in hits {
                seen.insert(id);
                out.extend(items);
            }
            if at_end {
                break;
            }
        }
        if let Ok(mut used) = self.used.lock() {
            *used = (seen, lines);
        }
        out
    }

    /// How many files this run read from the cache; `None` when it is disabled.
    #[must_use]
    pub fn hits(&self) -> Option<usize> {
        self.is_enabled().then(|| self.used.lock().map_or(0, |u| u.0.len()))
    }

    /// Remember a blob's record, for the next run.
    pub fn put(&self, id: BlobId, record: &Record) {
        if !self.is_enabled() {
            return;
        }
        let out = RecordOut {
            fm: record.front_matter.value.to_json(),
            body: record.body.as_ref(),
        };
        if let (Ok(json), Ok(mut added)) = (serde_json::to_string(&out), self.added.lock()) {
            added.push((id, json));
        }
    }

    /// Write the cache back — the records used in this run and those added — when anything
    /// was added or most of the file went unused. The file is replaced atomically; failing
    /// to write it is not an error (the next run reads the files again).
    pub fn save(self) {
        let Some(file) = self.file.clone() else { return };
        let (used, lines) = self.used.lock().map(|mut u| std::mem::take(&mut *u)).unwrap_or_default();
        let added = self.added.lock().map(|mut a| std::mem::take(&mut *a)).unwrap_or_default();
        if added.is_empty() && used.len() * 2 >= lines {
            return;
        }
        let Some(dir) = file.parent() else { return };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let Ok(tmp) = tempfile::NamedTempFile::new_in(dir) else { return };
        let mut w = std::io::BufWriter::with_capacity(1 << 16, tmp);
        let mut ok = writeln!(w, "{}", self.header).is_ok();
        if let Some(mut reader) = self.reader() {
            let mut line = Vec::new();
            while ok && reader.read_until(b'\n', &mut line).is_ok_and(|n| n > 0) {
                if split_line(&line).is_some_and(|(id, _)| used.contains(&id)) {
                    ok = w.write_all(&line).is_ok();
                }
                line.clear();
            }
        }
        let mut written: HashSet<BlobId> = used;
        for (id, json) in &added {
            if ok && written.insert(*id) {
                ok = writeln!(w, "{} {json}", id.to_hex()).is_ok();
            }
        }
        if ok && let Ok(tmp) = w.into_inner() {
            let _ = tmp.persist(&file);
        }
    }
}
