// Shared by the pages of benches/index.rs, loaded first in each: records, in the page itself,
// when the first results are present and what the page had fetched by then, and times the
// next query and what it fetched. The benchmark reads `bench.state()` and calls `bench.next()`.
performance.setResourceTimingBufferSize(100000);

window.bench = (() => {
  const state = { first: null, error: null, mismatch: null };

  // The navigation and every resource the page started in [from, to] (ms after navigation).
  const fetched = (from, to) =>
    [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].filter(
      (e) => e.startTime >= from && e.startTime <= to,
    );
  const size = (e) => e.transferSize || e.encodedBodySize || 0;
  // The page and the engines' code, or the index they read.
  const isCode = (e) =>
    e.entryType === "navigation" ||
    /\.(js|wasm|html|pagefind)(\?|$)|\/index-code-[0-9a-f]+\.bin$/.test(new URL(e.name).pathname);
  const tally = (entries) => ({
    bytes: entries.reduce((sum, e) => sum + size(e), 0),
    code: entries.filter(isCode).reduce((sum, e) => sum + size(e), 0),
    requests: entries.length,
    files: entries.map((e) => new URL(e.name).pathname),
  });

  // Resolves with performance.now() at the first moment `check` gives a value (then with it),
  // looking at every animation frame and after every change to the page or to an explorer's
  // shadow root; or with { error } after `limit` ms.
  const waitFor = (check, limit) =>
    new Promise((resolve) => {
      const started = performance.now();
      const watched = new WeakSet();
      let done = false;
      const observer = new MutationObserver(() => probe());
      const finish = (value) => {
        done = true;
        observer.disconnect();
        resolve(value);
      };
      const probe = () => {
        if (done) return;
        for (const host of document.querySelectorAll("[data-quote-explorer]")) {
          if (host.shadowRoot && !watched.has(host.shadowRoot)) {
            watched.add(host.shadowRoot);
            observer.observe(host.shadowRoot, { childList: true, subtree: true, characterData: true });
          }
        }
        let found = null;
        try {
          found = check();
        } catch (e) {
          found = null;
        }
        if (found) finish({ at: performance.now(), ...found });
        else if (performance.now() - started > limit) finish({ error: `nothing after ${limit} ms` });
      };
      observer.observe(document, { childList: true, subtree: true, characterData: true });
      const frame = () => {
        probe();
        if (!done) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
      probe();
    });

  // The explorer's result count and cards, inside its shadow root if it is embedded.
  const explorer = () => {
    const root = document.querySelector("[data-quote-explorer]")?.shadowRoot ?? document;
    return {
      root,
      count: (root.querySelector(".result-count")?.textContent ?? "").trim(),
      cards: root.querySelectorAll(".quote-card").length,
    };
  };
  const numbers = (text) => (text.replace(/(\d)[,\u00a0\u202f ](?=\d{3}\b)/g, "$1").match(/\d+/g) ?? []).map(Number);

  return {
    state: () => state,
    fail: (e) => {
      state.error = String(e && e.stack ? e.stack : e);
    },

    // Pagefind's page: its first results are shown now.
    firstDone: (detail) => {
      const at = performance.now();
      state.first = { ms: at, ...tally(fetched(0, at)), ...detail };
    },

    // Times `run` (a query and showing its results): the ms it took and what it fetched.
    measure: async (run) => {
      const started = performance.now();
      try {
        const detail = await run();
        const at = performance.now();
        return { ms: at - started, ...tally(fetched(started, at)), ...detail };
      } catch (e) {
        return { error: String(e && e.stack ? e.stack : e) };
      }
    },

    // Our page: the first results are a quote card and a result count that counts the
    // index's `quotes` (not another corpus's); a count of another total is noted.
    watchOurs: (quotes, limit) => {
      waitFor(() => {
        const { count, cards } = explorer();
        if (cards === 0 || count === "") return null;
        if (!numbers(count).includes(quotes)) {
          state.mismatch ??= { text: count, since: performance.now() };
          state.mismatch.text = count;
          return null;
        }
        return { count, cards };
      }, limit).then((found) => {
        if (found.error) {
          state.error = found.error;
          return;
        }
        state.first = { ms: found.at, ...tally(fetched(0, found.at)), count: found.count, cards: found.cards };
      });
    },

    // Our page: when its facets file (every count for any filter) had arrived, and its size;
    // null before.
    facetsOurs: () => {
      const e = performance.getEntriesByType("resource").find((e) => /\/facets-[0-9a-f]+\.bin\.gz$/.test(e.name));
      return e ? { ms: e.responseEnd, bytes: size(e) } : null;
    },

    // Our page's speaker counts, as its filter pane shows them: "Show all" pressed, every
    // speaker's name and count read, then the pane folded back as it was. Resolves with
    // { name: count }, or null if the pane has no speakers.
    speakersOurs: async () => {
      const { root } = explorer();
      const pane = root.querySelector('fieldset[data-facet="speaker"]');
      if (!pane) return null;
      const toggle = () => pane.querySelector(".facet-toggle");
      const folded = toggle()?.getAttribute("aria-expanded") === "false";
      if (folded) {
        toggle().click();
        await waitFor(() => (toggle()?.getAttribute("aria-expanded") === "true" ? {} : null), 5000);
      }
      const counts = {};
      for (const value of pane.querySelectorAll(".facet-value")) {
        const name = value.querySelector(".value-label")?.textContent.trim();
        const count = numbers(value.querySelector(".count")?.textContent ?? "")[0];
        if (name && count !== undefined) counts[name] = count;
      }
      if (folded) toggle()?.click();
      return counts;
    },

    // Our page's next query: types `word` into the search box (its value set and an input
    // event sent) and waits until the count changes to another count (a number: not a
    // passing "Searching…") with cards shown.
    nextOurs: async (word, limit) => {
      const before = explorer();
      const input = before.root.querySelector("input[type=search]");
      if (!input) return { error: "no input[type=search] in the explorer" };
      const started = performance.now();
      input.focus();
      input.value = word;
      input.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
      const found = await waitFor(() => {
        const now = explorer();
        const counted = now.count !== before.count && numbers(now.count).length > 0;
        return counted && now.cards > 0 ? { count: now.count, cards: now.cards } : null;
      }, limit);
      if (found.error) return { error: found.error, count: explorer().count };
      return { ms: found.at - started, ...tally(fetched(started, found.at)), count: found.count, cards: found.cards };
    },
  };
})();
