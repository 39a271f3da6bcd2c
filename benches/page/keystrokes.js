// Keystroke-to-paint in the real app: type into the search box one character at a time and
// time each from the input event to the first frame after it was painted. Long tasks (over
// 50 ms, when the page cannot answer input) are recorded from the start, loading included.
const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

const longTasks = [];
new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration))).observe({
  type: "longtask",
  buffered: true,
});
let loadedAt = null;

window.corpusLoaded = (expected) => {
  const root = document.querySelector("[data-quote-explorer]")?.shadowRoot;
  const status = root?.querySelector(".result-count")?.textContent ?? "";
  return status.endsWith(`of ${expected} quotes`);
};
// Checked every frame, so the time is the frame that first showed the whole corpus.
const expected = document.querySelector("[data-quote-explorer]").dataset.expected;
const watch = () => (corpusLoaded(expected) ? (loadedAt = performance.now()) : requestAnimationFrame(watch));
requestAnimationFrame(watch);

// Navigation to the corpus shown (as first seen by corpusLoaded), and the page's long tasks so far.
window.loading = () => ({
  loaded: loadedAt,
  longest: Math.max(0, ...longTasks),
  count: longTasks.length,
  total: longTasks.reduce((a, b) => a + b, 0),
});

window.typeAndMeasure = async (text, rounds) => {
  const root = document.querySelector("[data-quote-explorer]").shadowRoot;
  const input = root.getElementById("search-input");
  const times = [];
  for (let round = 0; round < rounds; round++) {
    input.value = "";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await afterPaint();
    for (const ch of text) {
      const start = performance.now();
      input.value += ch;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await afterPaint();
      times.push(performance.now() - start);
    }
  }
  return { times, cards: root.querySelectorAll("article").length, status: root.querySelector(".result-count").textContent };
};
