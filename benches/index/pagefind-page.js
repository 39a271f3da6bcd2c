// The Pagefind side of benches/index.rs, imported by each pf-<size>.html page: the first
// screen (no search text: Pagefind's filter-only search with no filter, the first 20 results'
// data and the filter counts), then, when the benchmark asks, a search for a word with its
// first 20 results' data. Results are shown as plain cards, as a page using Pagefind would.

const show = (data, total) => {
  document.querySelector(".result-count").textContent = `${total} results`;
  const list = document.querySelector(".results");
  list.replaceChildren(
    ...data.map((d) => {
      const item = document.createElement("li");
      const card = document.createElement("article");
      card.className = "quote-card";
      card.textContent = `${d.content} (${d.filters?.speaker?.[0] ?? ""}, ${d.meta?.id ?? ""})`;
      item.append(card);
      return item;
    }),
  );
};

export async function run(bundle, options) {
  let pagefind;
  try {
    pagefind = await import(bundle);
    await pagefind.options(options);
    await pagefind.init();
    const search = await pagefind.search(null, { filters: {} });
    const data = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
    let filters = search.filters;
    let filtersFrom = "the search's filters";
    if (!filters || Object.keys(filters).length === 0) {
      filters = await pagefind.filters();
      filtersFrom = "pagefind.filters()";
    }
    show(data, search.results.length);
    bench.firstDone({
      results: search.results.length,
      shown: data.length,
      speakers: filters?.speaker ?? null,
      filtersFrom,
    });
  } catch (e) {
    bench.fail(e);
  }
  bench.next = (word) =>
    bench.measure(async () => {
      const started = performance.now();
      const search = await pagefind.search(word);
      const searched = performance.now();
      const data = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
      show(data, search.results.length);
      return {
        results: search.results.length,
        shown: data.length,
        speakers: search.filters?.speaker ?? null,
        // The search itself (its chunks fetched, then Pagefind's wasm: matching, ranking and
        // every filter value's count), and the 20 results' data after it.
        searchMs: searched - started,
        dataMs: performance.now() - searched,
      };
    });
}
