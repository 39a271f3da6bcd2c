// Times quote-explorer's engine (wasm) against MiniSearch (text) and ItemsJS (facets with
// counts) on the same data and the same queries, in the same page.
import init, { CorpusIndex } from "./__BINDINGS__";
import MiniSearch from "./minisearch.js";
import ItemsJS from "./itemsjs.js";

await init({ module_or_path: new URL("./__WASM__", import.meta.url) });

const now = () => performance.now();
const percentile = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
};
const summary = (xs) => ({ p50: percentile(xs, 0.5), p95: percentile(xs, 0.95), n: xs.length });

// A deterministic stream of numbers, so every run asks the same questions.
function lcg(seed) {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const TEXT = ["democ", "rights", "coop", "sovereign", "multilat", "peace stab", "global gov", "trade tech", "human rights", "security bloc", "mutual trust", "international order"];

function makeQueries(corpus) {
  const rnd = lcg(2024);
  const pick = (list) => list[rnd(list.length)].id;
  const facet = () => {
    const f = { theme: [pick(corpus.themes)] };
    if (rnd(2)) f.theme.push(pick(corpus.themes));
    if (rnd(2)) f.speaker = [pick(corpus.speakers)];
    if (rnd(3) === 0) f.kind = [["direct_quote", "reported_statement", "statement_point"][rnd(3)]];
    return f;
  };
  const text = () => TEXT[rnd(TEXT.length)];
  const qs = (q, f) => {
    const parts = q ? [`q=${encodeURIComponent(q)}`] : [];
    for (const [k, vs] of Object.entries(f ?? {})) for (const v of vs) parts.push(`${k}=${encodeURIComponent(v)}`);
    return parts.join("&");
  };
  const out = { facets: [], text: [], both: [] };
  for (let i = 0; i < 30; i++) {
    const f = facet();
    out.facets.push({ filters: f, qs: qs("", f) });
    const t = text();
    out.text.push({ q: t, qs: qs(t, null) });
    const t2 = text();
    const f2 = facet();
    out.both.push({ q: t2, filters: f2, qs: qs(t2, f2) });
  }
  return out;
}

const AGGREGATIONS = ["speaker", "meeting", "theme", "source", "kind"];

// Each engine starts from the file's bytes, as fetch or a file picker gives them: ours reads
// them in wasm; the JavaScript peers decode and JSON.parse them (what response.json() does).
window.runEngines = async (file, rounds, loads) => {
  const bytes = new Uint8Array(await (await fetch(file)).arrayBuffer());
  const result = { file };
  const median = (xs) => percentile(xs, 0.5);
  const spread = (xs) => [Math.min(...xs), Math.max(...xs)];
  const timed = (f) => { const t = now(); const v = f(); return [now() - t, v]; };

  const oursLoads = [];
  let ours;
  for (let i = 0; i < loads; i++) {
    if (ours) ours.free();
    const [t, index] = timed(() => new CorpusIndex(bytes));
    oursLoads.push(t);
    ours = index;
  }
  result.ours_load = median(oursLoads);
  result.ours_spread = spread(oursLoads);

  const parses = [];
  let corpus;
  for (let i = 0; i < loads; i++) {
    const [t, parsed] = timed(() => JSON.parse(new TextDecoder().decode(bytes)));
    parses.push(t);
    corpus = parsed;
  }
  const parse = median(parses);
  let start = now();
  const speakers = new Map(corpus.speakers.map((s) => [s.id, s]));
  const meetings = new Map(corpus.meetings.map((m) => [m.id, m]));
  const themes = new Map(corpus.themes.map((t) => [t.id, t]));
  const docs = corpus.quotes.map((q, i) => ({
    id: i,
    text: q.text,
    speaker_name: [speakers.get(q.speaker).name, ...speakers.get(q.speaker).aliases].join(" "),
    meeting_title: `${meetings.get(q.meeting).title} ${meetings.get(q.meeting).place}`,
    theme_labels: q.themes.map((t) => themes.get(t).label).join(" "),
    speaker: q.speaker,
    meeting: q.meeting,
    theme: q.themes,
    source: q.source,
    kind: q.kind,
  }));
  const prepare = parse + (now() - start);

  const miniLoads = [];
  let mini;
  for (let i = 0; i < loads; i++) {
    const [t, built] = timed(() => {
      const m = new MiniSearch({ fields: ["text", "speaker_name", "meeting_title", "theme_labels"] });
      m.addAll(docs);
      return m;
    });
    miniLoads.push(prepare + t);
    mini = built;
  }
  result.minisearch_load = median(miniLoads);
  result.minisearch_spread = spread(miniLoads);

  const aggregations = Object.fromEntries(AGGREGATIONS.map((a) => [a, { conjunction: false, size: 100000 }]));
  const itemsLoads = [];
  let items;
  for (let i = 0; i < loads; i++) {
    const [t, built] = timed(() => ItemsJS(docs, { native_search_enabled: false, aggregations }));
    itemsLoads.push(prepare + t);
    items = built;
  }
  result.itemsjs_load = median(itemsLoads);
  result.itemsjs_spread = spread(itemsLoads);
  result.parse = parse;

  const queries = makeQueries(corpus);
  const miniOptions = { prefix: true, combineWith: "AND" };
  const engines = {
    facets: {
      ours: (q) => ours.search(q.qs),
      itemsjs: (q) => items.search({ per_page: 50, filters: q.filters }).pagination.total,
    },
    text: {
      ours: (q) => ours.search(q.qs),
      minisearch: (q) => mini.search(q.q, miniOptions).length,
    },
    both: {
      ours: (q) => ours.search(q.qs),
      "minisearch+itemsjs": (q) => {
        const ids = mini.search(q.q, miniOptions).map((r) => r.id);
        // ItemsJS reads an empty id list as "no restriction"; nothing matched the text.
        if (ids.length === 0) return 0;
        return items.search({ per_page: 50, ids, filters: q.filters }).pagination.total;
      },
    },
  };
  result.queries = {};
  result.disagreements = {};
  for (const [kind, byEngine] of Object.entries(engines)) {
    result.queries[kind] = {};
    const counts = {};
    for (const [engine, run] of Object.entries(byEngine)) {
      const times = [];
      counts[engine] = queries[kind].map((q) => run(q)); // warm-up, and the answers
      for (let r = 0; r < rounds; r++) {
        for (const q of queries[kind]) {
          const t = now();
          run(q);
          times.push(now() - t);
        }
      }
      result.queries[kind][engine] = summary(times);
    }
    const [a, b] = Object.values(counts);
    result.disagreements[kind] = a.filter((n, i) => n !== b[i]).length;
  }
  // The reading views, on the text queries (their search words) at every size.
  result.analysis = {};
  for (const [name, run] of Object.entries({
    concordance: (q) => ours.concordance(q.qs),
    trends: (q) => ours.trends(q.qs),
    "distinctive words": (q) => ours.keyness(q.qs),
  })) {
    const times = [];
    queries.text.forEach((q) => run(q)); // warm-up
    for (let r = 0; r < rounds; r++) {
      for (const q of queries.text) {
        const t = now();
        run(q);
        times.push(now() - t);
      }
    }
    result.analysis[name] = summary(times);
  }
  ours.free();
  return result;
};
window.benchReady = true;
