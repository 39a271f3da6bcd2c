//! Writing a chunked index of a corpus (see the module above for the files). The word index
//! is the engine's own, so a word is what a search in the app takes it to be.

use std::io::Write as _;

use flate2::write::GzEncoder;
use flate2::Compression;

use super::{varint, Entry, Facets, Meta, Totals, WordChunk, CHUNK_BYTES, ENTRY, FORMAT};
use crate::corpus::{hash, Corpus, Links, NONE};
use crate::engine::Index;

/// Where each file goes as it is made: its name and bytes; an error stops the writing.
pub type Sink<'a> = dyn FnMut(&str, &[u8]) -> Result<(), String> + 'a;

/// Quotes per pack: one page of the list (the store's `PAGE_SIZE`; a test keeps them equal,
/// as this layer comes before the store's).
pub const PACK_SIZE: u32 = 20;

/// `corpus` with its quotes in the list's first order: by their meeting's date (a quote
/// with no known meeting first; meetings of one date as listed), then as listed. The order
/// a chunked index's positions are in (see the module above).
pub fn in_first_order(mut corpus: Corpus) -> Corpus {
    let meetings = &corpus.meetings;
    let mut by_date: Vec<usize> = (0..meetings.len()).collect();
    by_date.sort_by(|&a, &b| meetings[a].date.cmp(&meetings[b].date).then(a.cmp(&b)));
    let rank_of: rustc_hash::FxHashMap<&str, usize> =
        by_date.iter().enumerate().map(|(rank, &m)| (meetings[m].id.as_str(), rank + 1)).collect();
    let ranks: Vec<usize> =
        corpus.quotes.iter().map(|q| rank_of.get(q.meeting.as_str()).copied().unwrap_or(0)).collect();
    let mut order: Vec<usize> = (0..corpus.quotes.len()).collect();
    order.sort_by_key(|&q| (ranks[q], q));
    let mut quotes: Vec<Option<crate::corpus::Quote>> = corpus.quotes.drain(..).map(Some).collect();
    corpus.quotes = order.into_iter().map(|q| quotes[q].take().expect("each quote once")).collect();
    corpus
}

/// Writes the index of `corpus` (in first order: [`in_first_order`]; whose references
/// `links` resolved, indexed as `index`), handing each file's name and bytes to `sink` as it
/// is made, the entry file last; returns the entry file's name. The error is the sink's, or
/// that the quotes are not in first order.
pub fn write(corpus: &Corpus, links: &Links, index: &Index, sink: &mut Sink) -> Result<String, String> {
    if !index.is_in_corpus_order() {
        return Err("The quotes must be indexed in the list's first order (write::in_first_order).".into());
    }
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
    let groups = crate::engine::QuoteGroups::of(&corpus.quotes);
    let facets = Facets {
        speaker: links.speaker.clone(),
        meeting: links.meeting.clone(),
        source: links.source.clone(),
        kind: corpus.quotes.iter().map(|q| q.kind as u32).collect(),
        statement: links.statement.clone(),
        point: groups.point,
        variant: groups.variant,
        theme_offsets: links.theme_offsets.clone(),
        theme_values: links.theme_values.clone(),
    };
    let facets_file = named("facets", "bin.gz", &gzip(&encode_facets(&facets)?), sink)?;
    let totals = Totals::count(&shell, &facets);

    let places = TextPlaces::of(corpus, index);
    // Chunks of one long word's postings can have the same places (each once, at the start):
    // one file, written once.
    let mut places_written = rustc_hash::FxHashSet::default();
    let mut words = Vec::new();
    for chunk in word_chunks(index.words_and_postings(), CHUNK_BYTES) {
        let bytes = gzip(&places.encode(&chunk.bytes)?);
        let name = format!("places-{:016x}.bin.gz", hash(&bytes));
        if places_written.insert(name.clone()) {
            sink(&name, &bytes)?;
        }
        let places = name;
        let (first, file) = (chunk.first.clone(), named("words", "bin.gz", &gzip(&chunk.bytes), sink)?);
        words.push(WordChunk { first, file, places });
    }
    // Quote ids, sorted, each with its position as its one posting: a link to a quote finds
    // its pack by fetching one small chunk.
    let mut by_id: Vec<(&str, [u32; 1])> =
        corpus.quotes.iter().enumerate().map(|(q, quote)| (quote.id.as_str(), [q as u32])).collect();
    by_id.sort_unstable();
    let mut ids = Vec::new();
    for chunk in word_chunks(by_id.iter().map(|(id, p)| (*id, &p[..])), CHUNK_BYTES) {
        let first = chunk.first.clone();
        let file = named("ids", "bin.gz", &gzip(&chunk.bytes), sink)?;
        ids.push(WordChunk { first, file, places: String::new() });
    }

    let packs = format!("quotes-{:016x}", corpus_hash(corpus));
    for (n, quotes) in corpus.quotes.chunks(PACK_SIZE as usize).enumerate() {
        let json = serde_json::to_vec(&quotes).map_err(|e| e.to_string())?;
        sink(&format!("{packs}-{n}.json.gz"), &gzip(&json))?;
    }

    let meta = Meta {
        format: FORMAT,
        quotes: corpus.quotes.len() as u32,
        shell,
        totals,
        facets: facets_file,
        words,
        ids,
        pack_size: PACK_SIZE,
        packs,
    };
    let json = serde_json::to_vec(&meta).map_err(|e| e.to_string())?;
    let meta_file = named("meta", "json.gz", &gzip(&json), sink)?;
    let first = if corpus.quotes.is_empty() { String::new() } else { meta.pack_of(0).0 };
    let entry = Entry { format: FORMAT, meta: meta_file, first };
    let entry = serde_json::to_vec(&entry).map_err(|e| e.to_string())?;
    sink(ENTRY, &entry)?;
    Ok(ENTRY.to_owned())
}

/// Each word's places in the quotes' texts, for the places files.
struct TextPlaces<'a> {
    ids: rustc_hash::FxHashMap<&'a str, usize>,
    /// Per word (by id), each `(quote, place)` where it stands in a text, in that order.
    places: Vec<Vec<(u32, u32)>>,
}

impl<'a> TextPlaces<'a> {
    fn of(corpus: &Corpus, index: &'a Index) -> TextPlaces<'a> {
        let ids: rustc_hash::FxHashMap<&str, usize> =
            index.words_and_postings().enumerate().map(|(id, (word, _))| (word, id)).collect();
        let mut places = vec![Vec::new(); ids.len()];
        for (q, quote) in corpus.quotes.iter().enumerate() {
            for (place, word) in crate::engine::text::words(&quote.text).enumerate() {
                if let Some(&id) = ids.get(word.as_str()) {
                    places[id].push((q as u32, place as u32));
                }
            }
        }
        TextPlaces { ids, places }
    }

    /// The places file of a word chunk (its bytes as [`word_chunks`] made them): `b"QEP1"`,
    /// the entry count, then per entry its count of postings in a quote's text and, for
    /// each, the count of places and the places as gaps (the first whole).
    fn encode(&self, chunk: &[u8]) -> Result<Vec<u8>, String> {
        let entries = super::read::words(chunk)?;
        let mut out = b"QEP1".to_vec();
        varint::put(&mut out, entries.len() as u64);
        for (word, postings) in &entries {
            let all = self.ids.get(word.as_str()).map_or(&[][..], |&id| &self.places[id][..]);
            let texts: Vec<u32> = postings.iter().filter(|&&p| p & 3 == 0).map(|&p| p >> 2).collect();
            varint::put(&mut out, texts.len() as u64);
            for q in texts {
                let from = all.partition_point(|&(quote, _)| quote < q);
                let to = from + all[from..].partition_point(|&(quote, _)| quote == q);
                varint::put(&mut out, (to - from) as u64);
                let mut previous = 0;
                for &(_, place) in &all[from..to] {
                    varint::put(&mut out, u64::from(place - previous));
                    previous = place;
                }
            }
        }
        Ok(out)
    }
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

/// `b"QEF2"`, the quote count, then the speaker, meeting, source, kind, statement, point and
/// variant group columns (each a byte width, 1, 2 or 4, and a value + 1 per quote, 0 for
/// none), then the themes: a count byte per quote and a column of theme positions.
pub(super) fn encode_facets(f: &Facets) -> Result<Vec<u8>, String> {
    let mut out = b"QEF2".to_vec();
    varint::put(&mut out, f.speaker.len() as u64);
    for column in [&f.speaker, &f.meeting, &f.source, &f.kind, &f.statement, &f.point, &f.variant] {
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
    use crate::engine::{Catalog, Needed, Query};

    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).unwrap();
        out
    }

    /// Every file of the index of `corpus`, inflated, by name; the meta file; and the whole
    /// catalog of the corpus as indexed (in first order).
    fn written(corpus: &Corpus) -> (BTreeMap<String, Vec<u8>>, Meta, Catalog) {
        let ordered = in_first_order(corpus.clone());
        let (corpus, links) = corpus::parse_linked(&serde_json::to_string(&ordered).unwrap()).unwrap();
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
            let ordered = &catalog.corpus;
            let links = crate::corpus::parse_linked(&serde_json::to_string(ordered).unwrap()).unwrap().1;
            assert_eq!(meta.quotes as usize, corpus.quotes.len());
            assert!(meta.shell.quotes.is_empty());
            assert_eq!(meta.shell.speakers, corpus.speakers);
            let facets = read::facets(&files[&meta.facets]).unwrap();
            assert_eq!(facets.speaker, links.speaker);
            assert_eq!(facets.meeting, links.meeting);
            assert_eq!(facets.source, links.source);
            assert_eq!(facets.theme_offsets, links.theme_offsets);
            assert_eq!(facets.theme_values, links.theme_values);
            assert_eq!(facets.kind, ordered.quotes.iter().map(|q| q.kind as u32).collect::<Vec<_>>());
            assert_eq!(facets.statement, links.statement);
            let groups = crate::engine::QuoteGroups::of(&ordered.quotes);
            assert_eq!((&facets.point, &facets.variant), (&groups.point, &groups.variant));
            assert_eq!(meta.totals, Totals::count(&meta.shell, &facets));
            assert_eq!(meta.totals.speakers.iter().sum::<u32>() as usize, corpus.quotes.len());

            let chunks: Vec<_> = meta.words.iter().map(|c| read::words(&files[&c.file]).unwrap()).collect();
            let engine: Vec<(String, Vec<u32>)> =
                catalog.index.words_and_postings().map(|(w, p)| (w.to_owned(), p.to_vec())).collect();
            assert_eq!(merged(&chunks), engine);
            for (chunk, read) in meta.words.iter().zip(&chunks) {
                assert_eq!(chunk.first, read[0].0);
                assert!(files[&chunk.file].len() <= CHUNK_BYTES, "{} bytes", files[&chunk.file].len());
            }

            // The positions are the list's first order, which is the engine's; the packs hold
            // them in turn, the first named by the entry file.
            let engine_order = catalog.search(&crate::engine::Query::default()).quotes.clone();
            assert_eq!(engine_order, (0..corpus.quotes.len() as u32).collect::<Vec<_>>());
            for (position, quote) in ordered.quotes.iter().enumerate() {
                let (file, at) = meta.pack_of(position as u32);
                assert_eq!(&read::pack(&files[&file]).unwrap()[at], quote);
            }
            assert_eq!(read::entry(&files[ENTRY]).unwrap().first, meta.pack_of(0).0);
            let packs = files.keys().filter(|n| n.starts_with(&meta.packs)).count();
            assert_eq!(packs, corpus.quotes.len().div_ceil(PACK_SIZE as usize));
        }
    }

    #[test]
    fn putting_the_quotes_in_first_order_changes_no_answer() {
        use crate::engine::{Facet, SortOrder};
        let mut reversed = synthetic::generate(2_000, 4);
        reversed.quotes.reverse();
        for corpus in [corpus::bundled().unwrap(), reversed] {
            let ordered = in_first_order(corpus.clone());
            assert!(ordered != corpus, "each corpus is out of first order");
            let mut ids: Vec<&str> = ordered.quotes.iter().map(|q| q.id.as_str()).collect();
            ids.sort_unstable();
            let mut before: Vec<&str> = corpus.quotes.iter().map(|q| q.id.as_str()).collect();
            before.sort_unstable();
            assert_eq!(ids, before, "every quote once");
            let (a, b) = (Catalog::new(corpus.clone()), Catalog::new(ordered));
            let mut query = Query::text("democracy");
            query.sort = SortOrder::Relevance;
            let mut filtered = Query::text("the");
            filtered.select(Facet::Speaker, &a.index.values(Facet::Speaker)[0].id);
            for query in [Query::default(), query, filtered] {
                let (ra, rb) = (a.search(&query), b.search(&query));
                assert_eq!(ra.counts, rb.counts, "{query:?}");
                let id = |c: &Catalog, p: &u32| c.quote(*p).id.clone();
                let ia: Vec<_> = ra.quotes.iter().map(|p| id(&a, p)).collect();
                let ib: Vec<_> = rb.quotes.iter().map(|p| id(&b, p)).collect();
                assert_eq!(ia, ib, "the same quotes in the same order: {query:?}");
            }
        }
    }

    #[test]
    fn an_index_of_quotes_out_of_first_order_is_refused() {
        let mut corpus = synthetic::generate(200, 3);
        corpus.quotes.reverse();
        let (corpus, links) = corpus::parse_linked(&serde_json::to_string(&corpus).unwrap()).unwrap();
        assert!(in_first_order(corpus.clone()) != corpus, "the quotes are out of first order");
        let index = Index::build(&corpus, &links);
        let refused = write(&corpus, &links, &index, &mut |_, _| Ok(())).unwrap_err();
        assert!(refused.contains("first order"), "{refused}");
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
                .map(|(i, c)| crate::chunked::WordChunk {
                    first: c.first.clone(),
                    file: i.to_string(),
                    places: String::new(),
                })
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

    /// Gives `catalog` the files it asks for, putting the catalog the facets file makes in
    /// its place; how many files that was.
    fn fetch(
        catalog: &mut Catalog,
        ask: impl Fn(&Catalog) -> Vec<Needed>,
        files: &BTreeMap<String, Vec<u8>>,
    ) -> usize {
        let needed = ask(catalog);
        for n in &needed {
            if let Some(whole) = catalog.fill(n, &files[n.file()]).unwrap() {
                *catalog = whole;
            }
        }
        needed.len()
    }

    #[test]
    fn a_chunked_catalog_given_what_it_asks_for_answers_as_the_whole_corpus_does() {
        use crate::engine::{Facet, SortOrder};
        let mut reversed = synthetic::generate(3_000, 5);
        reversed.quotes.reverse();
        for corpus in [corpus::bundled().unwrap(), reversed] {
            let (files, meta, whole) = written(&corpus);
            let mut parts = Catalog::first_screen(meta.clone()).unwrap();
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
            // Phrases: runs of words as quotes have them, the last word whole or begun, and
            // the same words out of order, which must not match.
            for quote in corpus.quotes.iter().step_by(corpus.quotes.len() / 7) {
                let words: Vec<String> = crate::engine::text::words(&quote.text).collect();
                if words.len() < 5 {
                    continue;
                }
                let begun = &words[4][..words[4].len().min(2)];
                for text in [
                    format!("\"{} {}\"", words[1], words[2]),
                    format!("“{} {} {} {begun}”", words[1], words[2], words[3]),
                    format!("\"{} {}\"", words[2], words[1]),
                    format!("{} \"{} {}\"", words[0], words[3], words[4]),
                ] {
                    queries.push(Query::text(&text));
                }
            }
            let mut dated = Query::default();
            dated.toggle_year(2022);
            queries.push(dated);
            for query in &queries {
                fetch(&mut parts, |c| c.needed_for(query), &files);
                assert!(parts.needed_for(query).is_empty(), "once arrived, nothing more: {query:?}");
                let (a, b) = (parts.search(query), whole.search(query));
                assert_eq!(a, b, "the same quotes, order and every count: {query:?}");
                let first_page = &a.quotes[..a.quotes.len().min(PACK_SIZE as usize)];
                assert_eq!(
                    parts.at_hand(first_page) == first_page.len(),
                    parts.needed_to_show(first_page).is_empty()
                );
                fetch(&mut parts, |c| c.needed_to_show(first_page), &files);
                assert_eq!(parts.at_hand(first_page), first_page.len());
                for &p in first_page {
                    assert_eq!(parts.quote(p), whole.quote(p));
                }
                // An export, once every result's pack has arrived, is the whole corpus's.
                if a.quotes.len() <= 300 {
                    fetch(&mut parts, |c| c.needed_to_show(&a.quotes), &files);
                    for format in crate::export::Format::ALL {
                        assert_eq!(
                            crate::export::export(&parts, query, &a.quotes, format),
                            crate::export::export(&whole, query, &b.quotes, format),
                            "{format:?} of {query:?}"
                        );
                    }
                }
            }
            assert!(parts.needed_facets().is_none(), "the facets arrived with the first search");
            // An opened card: its statement's other points and other reports of the remark,
            // once their packs have arrived, as the whole corpus gives them.
            for position in (0..corpus.quotes.len() as u32).step_by(corpus.quotes.len() / 60 + 1) {
                fetch(&mut parts, |c| c.needed_to_show(&[position]), &files);
                fetch(&mut parts, |c| c.needed_for_details(position), &files);
                assert!(parts.needed_for_details(position).is_empty());
                assert_eq!(parts.related(position), whole.related(position));
                assert_eq!(parts.card_details(position), whole.card_details(position), "{position}");
            }
            // A link to a quote: one id chunk, then its position.
            for q in corpus.quotes.iter().step_by(97) {
                fetch(&mut parts, |c| c.needed_for_id(&q.id).into_iter().collect(), &files);
                assert_eq!(parts.quote_position(&q.id), whole.quote_position(&q.id), "{}", q.id);
            }
            assert_eq!(parts.quote_position("no-such-quote"), None);
        }
    }

    #[test]
    fn the_first_screen_needs_the_meta_file_and_one_pack_and_its_counts_are_exact() {
        let (files, meta, whole) = written(&synthetic::generate(5_000, 3));
        let mut parts = Catalog::first_screen(meta).unwrap();
        assert!(parts.needed_for(&Query::default()).is_empty());
        let results = parts.search(&Query::default());
        assert_eq!(results, whole.search(&Query::default()), "every quote and every count, with no facets");
        let first_page = &results.quotes[..PACK_SIZE as usize];
        assert_eq!(parts.at_hand(first_page), 0);
        assert_eq!(fetch(&mut parts, |c| c.needed_to_show(first_page), &files), 1, "one pack");
        assert!(parts.needed_facets().is_some(), "the facets are still to come");

        // A search needs the facets and one or two word chunks; a filter, the facets alone.
        let asked = parts.needed_for(&Query::text("democracy"));
        assert!(matches!(asked[0], Needed::Facets(_)), "{asked:?}");
        assert!((2..=3).contains(&asked.len()), "{asked:?}");
        let mut filtered = Query::default();
        filtered.select(crate::engine::Facet::Theme, &whole.index.values(crate::engine::Facet::Theme)[0].id);
        assert_eq!(parts.needed_for(&filtered).len(), 1);

        // The facets make the whole catalog, keeping the pack that had arrived.
        fetch(&mut parts, |c| c.needed_for(&filtered), &files);
        assert_eq!(parts.at_hand(first_page), first_page.len());
        assert_eq!(parts.search(&filtered), whole.search(&filtered));
    }

    #[test]
    fn a_chunked_catalog_refuses_damaged_files_and_facets_of_another_index() {
        let (_, meta, _) = written(&synthetic::generate(300, 2));
        let parts = Catalog::first_screen(meta.clone()).unwrap();
        let query = Query::text("democracy");
        let needed = parts.needed_for(&query);
        assert!(parts.fill(&needed[1], b"QEW1\xff").is_err());
        assert_eq!(parts.needed_for(&query), needed, "nothing kept of a damaged file");
        let first = parts.needed_to_show(&parts.search(&Query::default()).quotes[..20]);
        assert!(parts.fill(&first[0], b"[]").unwrap_err().contains("holds 0 quotes"));
        let (other_files, other_meta, _) = written(&synthetic::generate(400, 2));
        let other = &other_files[&other_meta.facets];
        assert!(parts.fill(&needed[0], other).unwrap_err().contains("not for its 300 quotes"));
        let (same_size, same_size_meta, _) = written(&synthetic::generate(300, 9));
        let same_size = &same_size[&same_size_meta.facets];
        assert!(parts.fill(&needed[0], same_size).unwrap_err().contains("does not match"));
        assert!(parts.needed_facets().is_some(), "still to come");
        // A phrase needs the places of its words' chunks; places of another chunk are refused,
        // whichever of the two arrives first.
        let phrase = Query::text("\"democracy cooperation\"");
        let places: Vec<Needed> =
            parts.needed_for(&phrase).into_iter().filter(|n| matches!(n, Needed::Places(..))).collect();
        assert!(!places.is_empty());
        assert!(parts.needed_for(&query).iter().all(|n| !matches!(n, Needed::Places(..))), "words alone");
        let Needed::Places(chunk, _) = places[0] else { unreachable!() };
        let (files, _, _) = written(&synthetic::generate(300, 2));
        let right_words = &files[&meta.words[chunk].file];
        let (other_files, other_meta, _) = written(&synthetic::generate(300, 9));
        let wrong = &other_files[&other_meta.words[chunk].places];
        let fresh = Catalog::first_screen(meta.clone()).unwrap();
        fresh.fill(&Needed::Words(chunk, String::new()), right_words).unwrap();
        let refused = fresh.fill(&Needed::Places(chunk, String::new()), wrong).unwrap_err();
        assert!(refused.contains("does not match"), "{refused}");
        let fresh = Catalog::first_screen(meta.clone()).unwrap();
        fresh.fill(&Needed::Places(chunk, String::new()), wrong).unwrap();
        assert!(fresh.fill(&Needed::Words(chunk, String::new()), right_words).is_err());

        let mut counted = meta.clone();
        counted.totals.themes.pop();
        assert!(Catalog::first_screen(counted).unwrap_err().contains("does not count every value"));
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
        let places = &files[&meta.words[0].places];
        assert!(read::places(&places[..places.len() - 1]).is_err());
        assert!(read::places(words).unwrap_err().contains("not the index's places file"));
        assert!(read::words(b"QEF1").unwrap_err().contains("not the index's word file"));
        let future = String::from_utf8(files.iter().find(|(n, _)| n.starts_with("meta-")).unwrap().1.clone())
            .unwrap()
            .replacen("\"format\":3", "\"format\":4", 1);
        assert!(read::meta(future.as_bytes()).unwrap_err().contains("format 4"));
        let entry =
            String::from_utf8(files[ENTRY].clone()).unwrap().replacen("\"format\":3", "\"format\":9", 1);
        assert!(read::entry(entry.as_bytes()).unwrap_err().contains("format 9"));
        assert!(read::entry(b"<html>").unwrap_err().contains("cannot be read"));
        assert!(read::pack(b"[{\"id\": 3}]").is_err());
    }
}
