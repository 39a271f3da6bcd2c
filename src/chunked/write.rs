//! Writing a chunked index of a corpus (see the module above for the files). The word index
//! is the engine's own, so a word is what a search in the app takes it to be.

use std::io::Write as _;

use flate2::write::GzEncoder;
use flate2::Compression;

use super::{first_order, varint, Entry, Facets, Meta, WordChunk, CHUNK_BYTES, ENTRY, FORMAT};
use crate::corpus::{hash, Corpus, Links, NONE};
use crate::engine::Index;

/// Where each file goes as it is made: its name and bytes; an error stops the writing.
pub type Sink<'a> = dyn FnMut(&str, &[u8]) -> Result<(), String> + 'a;

/// Quotes per pack: one page of the list (the store's `PAGE_SIZE`; a test keeps them equal,
/// as this layer comes before the store's).
pub const PACK_SIZE: u32 = 20;

/// Writes the index of `corpus` (whose references `links` resolved, indexed as `index`),
/// handing each file's name and bytes to `sink` as it is made, the entry file last; returns
/// the entry file's name. The error is the sink's.
pub fn write(corpus: &Corpus, links: &Links, index: &Index, sink: &mut Sink) -> Result<String, String> {
    // Field by field: a million quotes are not to be copied only to be dropped.
    let shell = Corpus {
        schema_version: corpus.schema_version,
        title: corpus.title.clone(),
        themes: corpus.themes.clone(),
        speakers: corpus.speakers.clone(),
        meetings: corpus.meetings.clone(),
        sources: corpus.sources.clone(),
        statements: corpus.statements.clone(),
        quotes: Vec::new(),
    };
    let facets = Facets {
        speaker: links.speaker.clone(),
        meeting: links.meeting.clone(),
        source: links.source.clone(),
        kind: corpus.quotes.iter().map(|q| q.kind as u32).collect(),
        theme_offsets: links.theme_offsets.clone(),
        theme_values: links.theme_values.clone(),
    };
    let facets_file = named("facets", "bin.gz", &gzip(&encode_facets(&facets)?), sink)?;

    let mut words = Vec::new();
    for chunk in word_chunks(index.words_and_postings(), CHUNK_BYTES) {
        let first = chunk.first.clone();
        words.push(WordChunk { first, file: named("words", "bin.gz", &gzip(&chunk.bytes), sink)? });
    }
    // Quote ids, sorted, each with its position as its one posting: a link to a quote finds
    // its pack by fetching one small chunk.
    let mut by_id: Vec<(&str, [u32; 1])> =
        corpus.quotes.iter().enumerate().map(|(q, quote)| (quote.id.as_str(), [q as u32])).collect();
    by_id.sort_unstable();
    let mut ids = Vec::new();
    for chunk in word_chunks(by_id.iter().map(|(id, p)| (*id, &p[..])), CHUNK_BYTES) {
        let first = chunk.first.clone();
        ids.push(WordChunk { first, file: named("ids", "bin.gz", &gzip(&chunk.bytes), sink)? });
    }

    let packs = format!("quotes-{:016x}", corpus_hash(corpus));
    for (n, pack) in first_order(&shell, &facets.meeting).chunks(PACK_SIZE as usize).enumerate() {
        let quotes: Vec<_> = pack.iter().map(|&q| &corpus.quotes[q as usize]).collect();
        let json = serde_json::to_vec(&quotes).map_err(|e| e.to_string())?;
        sink(&format!("{packs}-{n}.json.gz"), &gzip(&json))?;
    }

    let meta = Meta {
        format: FORMAT,
        quotes: corpus.quotes.len() as u32,
        shell,
        facets: facets_file,
        words,
        ids,
        pack_size: PACK_SIZE,
        packs,
    };
    let json = serde_json::to_vec(&meta).map_err(|e| e.to_string())?;
    let meta_file = named("meta", "json.gz", &gzip(&json), sink)?;
    let entry = serde_json::to_vec(&Entry { format: FORMAT, meta: meta_file }).map_err(|e| e.to_string())?;
    sink(ENTRY, &entry)?;
    Ok(ENTRY.to_owned())
}

/// Hands `bytes` to `sink` as `{stem}-{hash of bytes}.{extension}`; returns that name.
fn named(stem: &str, extension: &str, bytes: &[u8], sink: &mut Sink) -> Result<String, String> {
    let name = format!("{stem}-{:016x}.{extension}", hash(bytes));
    sink(&name, bytes)?;
    Ok(name)
}

/// A hash of every quote, for the packs' names.
fn corpus_hash(corpus: &Corpus) -> u64 {
    let mut h = hash(corpus.title.as_bytes());
    for q in &corpus.quotes {
        h = h.rotate_left(7) ^ hash(q.id.as_bytes()) ^ hash(q.text.as_bytes()).rotate_left(13);
    }
    h
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// `b"QEF1"`, the quote count, then the speaker, meeting, source and kind columns (each a
/// byte width, 1, 2 or 4, and a value + 1 per quote, 0 for none), then the themes: a count
/// byte per quote and a column of theme positions.
pub(super) fn encode_facets(f: &Facets) -> Result<Vec<u8>, String> {
    let mut out = b"QEF1".to_vec();
    varint::put(&mut out, f.speaker.len() as u64);
    for column in [&f.speaker, &f.meeting, &f.source, &f.kind] {
        put_column(&mut out, column.iter().map(|&v| if v == NONE { 0 } else { v + 1 }));
    }
    for q in 0..f.speaker.len() {
        let count = f.theme_offsets[q + 1] - f.theme_offsets[q];
        out.push(u8::try_from(count).map_err(|_| format!("quote {q} has more than 255 themes"))?);
    }
    put_column(&mut out, f.theme_values.iter().copied());
    Ok(out)
}

fn put_column(out: &mut Vec<u8>, values: impl Iterator<Item = u32> + Clone) {
    let largest = values.clone().max().unwrap_or(0);
    let width: u8 = match largest {
        0..=0xff => 1,
        0x100..=0xffff => 2,
        _ => 4,
    };
    out.push(width);
    for v in values {
        out.extend_from_slice(&v.to_le_bytes()[..width as usize]);
    }
}

/// One word chunk before gzip: its first word and its bytes.
pub(super) struct Chunk {
    pub first: String,
    pub bytes: Vec<u8>,
}

/// Sorted words and their postings (the word index's, or the quote ids' with their positions)
/// in chunks of at most `limit` bytes (a word with more postings than one chunk holds goes
/// on in the next). Each: `b"QEW1"`, the entry count, then per entry the word (length and
/// UTF-8), its posting count, and its postings as gaps (the first whole).
pub(super) fn word_chunks<'a>(
    sorted: impl Iterator<Item = (&'a str, &'a [u32])>,
    limit: usize,
) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut entries: Vec<u8> = Vec::new();
    let mut count = 0u64;
    let mut first = String::new();
    let mut finish = |entries: &mut Vec<u8>, count: &mut u64, first: &str| {
        if *count > 0 {
            let mut bytes = b"QEW1".to_vec();
            varint::put(&mut bytes, *count);
            bytes.append(entries);
            chunks.push(Chunk { first: first.to_owned(), bytes });
            *count = 0;
        }
    };
    for (word, postings) in sorted {
        let mut rest = postings;
        while !rest.is_empty() {
            let mut entry = Vec::new();
            varint::put(&mut entry, word.len() as u64);
            entry.extend_from_slice(word.as_bytes());
            // As many postings as fit in what is left of this chunk, or a whole new one.
            let room = limit.saturating_sub(entries.len() + entry.len() + 8);
            let mut body = Vec::new();
            let mut taken = 0;
            let mut previous = 0u32;
            for (i, &p) in rest.iter().enumerate() {
                let before = body.len();
                varint::put(&mut body, u64::from(if i == 0 { p } else { p - previous }));
                if body.len() > room && taken > 0 {
                    body.truncate(before);
                    break;
                }
                previous = p;
                taken += 1;
            }
            if body.len() > room && count > 0 {
                // Not even one more posting fits: start a new chunk and try again there.
                finish(&mut entries, &mut count, &first);
                continue;
            }
            if count == 0 {
                first = word.to_owned();
            }
            varint::put(&mut entry, taken as u64);
            entry.extend_from_slice(&body);
            entries.extend_from_slice(&entry);
            count += 1;
            rest = &rest[taken..];
            if !rest.is_empty() {
                finish(&mut entries, &mut count, &first);
            }
        }
    }
    finish(&mut entries, &mut count, &first);
    chunks
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::io::Read as _;

    use super::*;
    use crate::chunked::read;
    use crate::corpus::{self, synthetic};
    use crate::engine::{Catalog, Query};

    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).unwrap();
        out
    }

    /// Every file of the index of `corpus`, inflated, by name; and the meta file.
    fn written(corpus: &Corpus) -> (BTreeMap<String, Vec<u8>>, Meta, Catalog) {
        let (corpus, links) = corpus::parse_linked(&serde_json::to_string(corpus).unwrap()).unwrap();
        let index = Index::build(&corpus, &links);
        let mut files = BTreeMap::new();
        let entry = write(&corpus, &links, &index, &mut |name, bytes| {
            let inflated = if name.ends_with(".gz") { gunzip(bytes) } else { bytes.to_vec() };
            assert!(files.insert(name.to_owned(), inflated).is_none(), "{name} written twice");
            Ok(())
        })
        .unwrap();
        assert_eq!(entry, ENTRY);
        let meta = read::meta(&files[&read::entry(&files[ENTRY]).unwrap().meta]).unwrap();
        (files, meta, Catalog::linked(corpus, links))
    }

    /// The words of these chunks, a word continued over chunks made one again.
    fn merged(chunks: &[Vec<(String, Vec<u32>)>]) -> Vec<(String, Vec<u32>)> {
        let mut words: Vec<(String, Vec<u32>)> = Vec::new();
        for (word, postings) in chunks.iter().flatten() {
            match words.last_mut() {
                Some((last, all)) if last == word => all.extend(postings),
                _ => words.push((word.clone(), postings.clone())),
            }
        }
        words
    }

    #[test]
    fn the_files_read_back_to_the_engines_facets_words_and_first_order() {
        for corpus in [corpus::bundled().unwrap(), synthetic::generate(3_000, 5)] {
            let (files, meta, catalog) = written(&corpus);
            let links = crate::corpus::parse_linked(&serde_json::to_string(&corpus).unwrap()).unwrap().1;
            assert_eq!(meta.quotes as usize, corpus.quotes.len());
            assert!(meta.shell.quotes.is_empty());
            assert_eq!(meta.shell.speakers, corpus.speakers);
            let facets = read::facets(&files[&meta.facets]).unwrap();
            assert_eq!(facets.speaker, links.speaker);
            assert_eq!(facets.meeting, links.meeting);
            assert_eq!(facets.source, links.source);
            assert_eq!(facets.theme_offsets, links.theme_offsets);
            assert_eq!(facets.theme_values, links.theme_values);
            assert_eq!(facets.kind, corpus.quotes.iter().map(|q| q.kind as u32).collect::<Vec<_>>());

            let chunks: Vec<_> = meta.words.iter().map(|c| read::words(&files[&c.file]).unwrap()).collect();
            let engine: Vec<(String, Vec<u32>)> =
                catalog.index.words_and_postings().map(|(w, p)| (w.to_owned(), p.to_vec())).collect();
            assert_eq!(merged(&chunks), engine);
            for (chunk, read) in meta.words.iter().zip(&chunks) {
                assert_eq!(chunk.first, read[0].0);
                assert!(files[&chunk.file].len() <= CHUNK_BYTES, "{} bytes", files[&chunk.file].len());
            }

            // The packs, in order, are the list's first order, which is the engine's.
            let order = first_order(&meta.shell, &facets.meeting);
            let engine_order = catalog.search(&Query::default()).quotes.clone();
            assert_eq!(order, engine_order);
            for (rank, &q) in order.iter().enumerate() {
                let (file, at) = meta.pack_of(rank as u32);
                assert_eq!(read::pack(&files[&file]).unwrap()[at], corpus.quotes[q as usize]);
            }
            let packs = files.keys().filter(|n| n.starts_with(&meta.packs)).count();
            assert_eq!(packs, corpus.quotes.len().div_ceil(PACK_SIZE as usize));
        }
    }

    #[test]
    fn a_prefix_finds_all_its_words_in_the_chunks_named_for_it_however_small_the_chunks() {
        let corpus = synthetic::generate(2_000, 9);
        let (corpus, links) = corpus::parse_linked(&serde_json::to_string(&corpus).unwrap()).unwrap();
        let index = Index::build(&corpus, &links);
        let engine: Vec<(String, Vec<u32>)> =
            index.words_and_postings().map(|(w, p)| (w.to_owned(), p.to_vec())).collect();
        for limit in [48, 300, 4_096, CHUNK_BYTES] {
            let chunks = word_chunks(index.words_and_postings(), limit);
            let read: Vec<_> = chunks.iter().map(|c| read::words(&c.bytes).unwrap()).collect();
            assert_eq!(merged(&read), engine, "limit {limit}");
            assert!(chunks.iter().all(|c| c.bytes.len() <= limit.max(64)), "limit {limit}");
            // Each chunk "named" by its place, to find it again.
            let meta_words: Vec<_> = chunks
                .iter()
                .enumerate()
                .map(|(i, c)| crate::chunked::WordChunk { first: c.first.clone(), file: i.to_string() })
                .collect();
            let meta = Meta { words: meta_words, ..written(&synthetic::generate(1, 1)).1 };
            for prefix in ["a", "de", "democ", "s", "z", "zzzz", "", "co", "the"] {
                let wanted: Vec<_> = engine.iter().filter(|(w, _)| w.starts_with(prefix)).cloned().collect();
                let named: Vec<_> = meta
                    .chunks_for(prefix)
                    .iter()
                    .map(|c| read[c.file.parse::<usize>().unwrap()].clone())
                    .collect();
                let found: Vec<_> =
                    merged(&named).into_iter().filter(|(w, _)| w.starts_with(prefix)).collect();
                assert_eq!(found, wanted, "limit {limit}, prefix {prefix:?}");
            }
        }
    }

    /// A chunked catalog of `files`, given only what it asks for.
    fn chunked(files: &BTreeMap<String, Vec<u8>>, meta: &Meta) -> Catalog {
        Catalog::chunked(meta.clone(), read::facets(&files[&meta.facets]).unwrap()).unwrap()
    }

    fn fetch(
        catalog: &Catalog,
        needed: Vec<crate::engine::Needed>,
        files: &BTreeMap<String, Vec<u8>>,
    ) -> usize {
        for n in &needed {
            catalog.fill(n, &files[n.file()]).unwrap();
        }
        needed.len()
    }

    #[test]
    fn a_chunked_catalog_given_what_it_asks_for_answers_as_the_whole_corpus_does() {
        use crate::engine::{Facet, SortOrder};
        for corpus in [corpus::bundled().unwrap(), synthetic::generate(3_000, 5)] {
            let (files, meta, whole) = written(&corpus);
            let parts = chunked(&files, &meta);
            assert_eq!(parts.len(), whole.len());
            for facet in Facet::ALL {
                assert_eq!(parts.index.values(facet), whole.index.values(facet), "{facet:?}");
            }
            let speaker = whole.index.values(Facet::Speaker)[0].id.clone();
            let theme = whole.index.values(Facet::Theme)[1].id.clone();
            let mut queries = vec![Query::default()];
            for text in
                ["democracy", "de", "sergei", "world order", "zzzz", "s", "the peace", "rights hegemony"]
            {
                queries.push(Query::text(text));
                let mut by_relevance = Query::text(text);
                by_relevance.sort = SortOrder::Relevance;
                queries.push(by_relevance);
                let mut filtered = Query::text(text);
                filtered.select(Facet::Speaker, &speaker);
                filtered.exclude(Facet::Theme, &theme);
                queries.push(filtered);
            }
            for query in &queries {
                fetch(&parts, parts.needed_for(query), &files);
                assert!(parts.needed_for(query).is_empty(), "once arrived, nothing more: {query:?}");
                let (a, b) = (parts.search(query), whole.search(query));
                assert_eq!(a, b, "the same quotes, order and every count: {query:?}");
                let first_page = &a.quotes[..a.quotes.len().min(PACK_SIZE as usize)];
                assert_eq!(
                    parts.at_hand(first_page) == first_page.len(),
                    parts.needed_to_show(first_page).is_empty()
                );
                fetch(&parts, parts.needed_to_show(first_page), &files);
                assert_eq!(parts.at_hand(first_page), first_page.len());
                for &p in first_page {
                    assert_eq!(parts.quote(p), whole.quote(p));
                }
            }
            // A link to a quote: one id chunk, then its position.
            for q in corpus.quotes.iter().step_by(97) {
                let needed: Vec<_> = parts.needed_for_id(&q.id).into_iter().collect();
                fetch(&parts, needed, &files);
                assert_eq!(parts.quote_position(&q.id), whole.quote_position(&q.id), "{}", q.id);
            }
            assert_eq!(parts.quote_position("no-such-quote"), None);
        }
    }

    #[test]
    fn the_first_screen_of_a_chunked_catalog_needs_one_pack_and_no_words() {
        let (files, meta, _) = written(&synthetic::generate(5_000, 3));
        let parts = chunked(&files, &meta);
        assert!(parts.needed_for(&Query::default()).is_empty());
        let results = parts.search(&Query::default());
        assert_eq!(results.quotes.len(), 5_000, "every quote counted with no quote at hand");
        let first_page = &results.quotes[..PACK_SIZE as usize];
        assert_eq!(parts.at_hand(first_page), 0);
        assert_eq!(fetch(&parts, parts.needed_to_show(first_page), &files), 1, "one pack");
        let asked = parts.needed_for(&Query::text("democracy"));
        assert!(!asked.is_empty() && asked.len() <= 2, "{asked:?}");
    }

    #[test]
    fn a_chunked_catalog_refuses_damaged_files_and_facets_of_another_index() {
        let (files, meta, _) = written(&synthetic::generate(300, 2));
        let parts = chunked(&files, &meta);
        let query = Query::text("democracy");
        let needed = parts.needed_for(&query);
        assert!(parts.fill(&needed[0], b"QEW1\xff").is_err());
        assert_eq!(parts.needed_for(&query), needed, "nothing kept of a damaged file");
        let first = parts.needed_to_show(&parts.search(&Query::default()).quotes[..20]);
        assert!(parts.fill(&first[0], b"[]").unwrap_err().contains("holds 0 quotes"));
        let (other_files, other_meta, _) = written(&synthetic::generate(400, 2));
        let facets = read::facets(&other_files[&other_meta.facets]).unwrap();
        assert!(Catalog::chunked(meta.clone(), facets).unwrap_err().contains("not for its 300 quotes"));
    }

    #[test]
    fn a_pack_is_one_page_of_the_list() {
        assert_eq!(PACK_SIZE as usize, crate::store::PAGE_SIZE);
    }

    #[test]
    fn damaged_or_foreign_files_are_refused_with_a_message() {
        let (files, meta, _) = written(&synthetic::generate(200, 2));
        let facets = &files[&meta.facets];
        for broken in [&facets[..facets.len() - 1], &facets[..3], b"PK\x03\x04 not ours"] {
            assert!(read::facets(broken).is_err());
        }
        let mut longer = facets.clone();
        longer.push(0);
        assert!(read::facets(&longer).unwrap_err().contains("damaged"));
        let words = &files[&meta.words[0].file];
        assert!(read::words(&words[..words.len() - 2]).is_err());
        assert!(read::words(b"QEF1").unwrap_err().contains("not the index's word file"));
        let future = String::from_utf8(files.iter().find(|(n, _)| n.starts_with("meta-")).unwrap().1.clone())
            .unwrap()
            .replacen("\"format\":1", "\"format\":2", 1);
        assert!(read::meta(future.as_bytes()).unwrap_err().contains("format 2"));
        let entry =
            String::from_utf8(files[ENTRY].clone()).unwrap().replacen("\"format\":1", "\"format\":9", 1);
        assert!(read::entry(entry.as_bytes()).unwrap_err().contains("format 9"));
        assert!(read::entry(b"<html>").unwrap_err().contains("cannot be read"));
        assert!(read::pack(b"[{\"id\": 3}]").is_err());
    }
}
