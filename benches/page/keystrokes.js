// Keystroke-to-paint in the real app: type into the search box one character at a time and
// time each from the input event to the first frame after it was painted.
const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

window.corpusLoaded = (expected) => {
  const root = document.querySelector("[data-quote-explorer]")?.shadowRoot;
  const status = root?.querySelector(".result-count")?.textContent ?? "";
  return status.endsWith(`of ${expected} quotes`);
};

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
