// Trunk post-build step (see Trunk.toml): turns Trunk's output into what we ship.
//  1. The wasm is split: the first screen's code in the main module, and each part marked
//     `#[lazy]` in Rust in a chunk fetched when first used (wasm-split-cli, then
//     wasm-bindgen and wasm-opt again, as cargo-leptos does). Trunk cannot do this yet
//     (trunk-rs/trunk#1022), so its own wasm and glue are replaced, with short names for
//     what passes between the two (scripts/wasm-names.mjs). Every file is named by its
//     content, so it can be cached for ever.
//  2. index.html: the start-up script moves out of the page into app-<hash>.js, so the page
//     keeps to the strict Content-Security-Policy it declares (no inline scripts); a web app
//     manifest and a service worker make a second visit work offline.
//  3. embed.js: one script tag mounts the explorer in any element marked data-quote-explorer.
//  4. sw.js: caches the app's files; navigations try the network, then the cache.
//  5. quote-explorer.html: the whole app in one file (wasm, chunks, JS, CSS and corpus
//     inside), which works opened from disk with no network.
// The start-up script also shows the crash box: the release build aborts at once on a
// Rust panic (no panic machinery is compiled in), which reaches JavaScript as a
// WebAssembly.RuntimeError.
import { execFile, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { shortenNames } from "./wasm-names.mjs";

// esbuild, from tools/node_modules (scripts/setup installs it), minifies what we ship.
const { transformSync } = createRequire(new URL("../tools/node_modules/", import.meta.url))("esbuild");
const minify = (source) =>
  profile === "release" ? transformSync(source, { minify: true, format: "esm", target: "es2022" }).code : source;

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) throw new Error("usage: node scripts/post-build.mjs <trunk staging dir>");
const profile = process.env.TRUNK_PROFILE ?? "release";

const read = (name) => readFileSync(join(dir, name));
const hash = (...parts) => {
  const h = createHash("sha256");
  parts.forEach((p) => h.update(p));
  return h.digest("hex").slice(0, 16);
};
const only = (pattern, what) => {
  const found = readdirSync(dir).filter((f) => pattern.test(f));
  if (found.length !== 1) throw new Error(`expected one ${what} in ${dir}, found ${found.join(", ") || "none"}`);
  return found[0];
};
const run = (program, args) => execFileSync(program, args, { stdio: ["ignore", "ignore", "inherit"] });
// Jobs that take a while each (wasm-opt on every chunk), as many at once as there are cores.
const runAll = async (jobs) => {
  const waiting = [...jobs];
  const worker = async () => {
    for (let job = waiting.shift(); job; job = waiting.shift()) {
      const { stderr } = await promisify(execFile)(job.program, job.args, { maxBuffer: 1 << 26 });
      process.stderr.write(stderr);
    }
  };
  await Promise.all(Array.from({ length: availableParallelism() }, worker));
};

const bindings = only(/^quote-explorer-[0-9a-f]+\.js$/, "wasm-bindgen module");
const wasm = only(/^quote-explorer-[0-9a-f]+_bg\.wasm$/, "wasm binary");
const stem = bindings.slice(0, -".js".length);

// 1. Split the wasm at its #[lazy] functions.
// wasm-opt's features, as scripts/wasm-env (which scripts/build sources) gives them.
const WASM_FEATURES = process.env.WASM_OPT_FEATURES?.split(" ") ?? [];
if (WASM_FEATURES.length === 0) throw new Error("WASM_OPT_FEATURES is not set: build with scripts/build");
async function splitWasm() {
  const raw = join(process.env.CARGO_TARGET_DIR ?? "target", "wasm32-unknown-unknown", profile, "quote-explorer.wasm");
  const work = join(process.env.CARGO_TARGET_DIR ?? "target", "wasm-split");
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  run("wasm-split-cli", ["--out-name", stem, raw, join(work, "split")]);
  run("wasm-bindgen", ["--target", "web", "--keep-lld-exports", "--no-demangle", "--no-typescript",
    "--out-name", stem, "--out-dir", join(work, "bindgen"), join(work, "split", `${stem}.wasm`)]);
  const chunks = readdirSync(join(work, "split")).filter((f) => f.endsWith(".wasm") && f !== `${stem}.wasm`);
  const optimised = [];
  const optimise = (from, to) => {
    if (profile === "release") optimised.push({ program: "wasm-opt", args: ["-Oz", ...WASM_FEATURES, from, "-o", to] });
    else copyFileSync(from, to);
  };
  const bound = join(work, "bindgen", `${stem}_bg.wasm`);
  const short = shortenNames(readFileSync(bound), readFileSync(join(work, "bindgen", `${stem}.js`), "utf8"), {
    glueModule: `./${stem}_bg.js`,
    splitModule: "./__wasm_split.js",
  });
  writeFileSync(join(work, "bindgen", "short.wasm"), short.wasm);
  optimise(join(work, "bindgen", "short.wasm"), join(dir, wasm));
  for (const chunk of chunks) optimise(join(work, "split", chunk), join(dir, chunk));
  await runAll(optimised);
  let glue = short.glue;
  let loader = readFileSync(join(work, "split", "__wasm_split.js"), "utf8");
  // Which #[lazy] functions need each chunk: a chunk of its own ("split_<name>_<hash>"), or
  // one shared by several, which the loader names in a comment above it. scripts/size
  // reads this to give each feature's bytes.
  const users = new Map();
  for (const [, names, number] of loader.matchAll(/\/\* ([\w, ]+) \*\/\s*const __chunk_(\d+) =/g)) {
    users.set(`chunk_${number}.wasm`, names.split(", "));
  }
  const featureOf = (name) => name.replace(/^split_/, "").replace(/\.wasm$/, "").replace(/_\d+$/, "");
  const manifest = [];
  // Content-named chunks and loader: a changed chunk gets a new name, so caches never serve a stale one.
  for (const chunk of chunks) {
    const named = `chunk-${hash(read(chunk))}.wasm`;
    renameSync(join(dir, chunk), join(dir, named));
    loader = loader.replaceAll(`"./${chunk}"`, `"./${named}"`);
    const usedBy = users.get(chunk) ?? (chunk.startsWith("split_") ? [chunk] : null);
    if (!usedBy) throw new Error(`the split loader does not say which functions need ${chunk}`);
    manifest.push({ file: named, features: [...new Set(usedBy.map(featureOf))].sort() });
  }
  writeFileSync(join(work, "chunks.json"), JSON.stringify(manifest, null, 1));
  // What is served fetches each chunk through prefetchedOr, which takes a response the
  // page's start-up script began already (see PREFETCH_INDEX); the single file keeps the
  // plain loader, whose fetches it replaces.
  const chunkFetch = /fetch\(new URL\("(\.\/chunk-[0-9a-f]+\.wasm)", import\.meta\.url\)\)/g;
  if (!chunkFetch.test(loader)) throw new Error("the split loader does not fetch its chunks as expected");
  const served =
    `const prefetchedOr = (url) => {\n` +
    `  const fetched = globalThis.quoteExplorerPrefetched;\n` +
    `  const response = fetched?.get(url.href);\n` +
    `  if (!response) return fetch(url);\n` +
    `  fetched.delete(url.href);\n` +
    `  return response;\n` +
    `};\n` +
    loader.replace(chunkFetch, 'prefetchedOr(new URL("$1", import.meta.url))');
  const loaderName = `split-${hash(served)}.js`;
  // Only the import statements name the file (one per group of split functions); the
  // wasm's own imports keep their module name.
  const importLines = /^(import \* as \w+ from )"\.\/__wasm_split\.js"/gm;
  if (!importLines.test(glue)) throw new Error("the wasm-bindgen glue does not import the split loader");
  glue = glue.replace(importLines, `$1"./${loaderName}"`);
  writeFileSync(join(dir, bindings), minify(loadLoaderLater(glue, loaderName, loader)));
  writeFileSync(join(dir, loaderName), minify(served));
  return {
    loader: loaderName,
    // The chunks a chunked index's first screen needs: those of store::chunked::open, and
    // of the status line that says the index is being read.
    indexChunks: manifest
      .filter((c) => c.features.includes("open") || c.features.includes("status_line"))
      .map((c) => c.file),
    chunks: readdirSync(dir).filter((f) => /^chunk-[0-9a-f]+\.wasm$/.test(f)),
    // Unminified, for the single file, which is assembled by matching their text.
    glue,
    loaderSource: loader,
  };
}
const split = await splitWasm();

// The glue as served: the split loader (a few KB, its table of every chunk) is fetched when a
// part loaded later is first needed, not with the first screen. Each function the wasm
// imports from it is a stand-in that fetches the loader, then calls the loader's own; if the
// loader cannot be fetched, the wasm is told the part failed to load, as the loader would.
function loadLoaderLater(glue, loaderName, loaderSource) {
  const imports = [...glue.matchAll(/^import \* as (\w+) from "\.\/split-[0-9a-f]+\.js";?\n/gm)];
  const names = [...loaderSource.matchAll(/^export const (__wasm_split_load_\w+)/gm)].map((m) => m[1]);
  if (imports.length === 0 || names.length === 0) throw new Error("the glue does not import the split loader as expected");
  const standIn =
    `let splitLoader;\n` +
    `const laterPart = (name) => (callback, data) => {\n` +
    `  (splitLoader ??= import("./${loaderName}")).then(\n` +
    `    (loader) => loader[name](callback, data),\n` +
    `    (error) => {\n` +
    `      splitLoader = undefined;\n` +
    `      console.error(error);\n` +
    `      wasm.__indirect_function_table.get(callback)(data, false);\n` +
    `    },\n` +
    `  );\n` +
    `};\n` +
    `const ${imports[0][1]} = Object.fromEntries(${JSON.stringify(names.join(" "))}.split(" ").map((n) => [n, laterPart(n)]));\n`;
  glue = glue.replace(imports[0][0], () => standIn);
  for (const [line, name] of imports.slice(1)) glue = glue.replace(line, `const ${name} = ${imports[0][1]};\n`);
  return glue;
}

// 2. The page: Trunk's inline start-up script becomes a file; its integrity hashes are
// recomputed for the files step 1 replaced.
const CRASH_BOX = `
// A Rust panic aborts the wasm module at once; what reaches here is a WebAssembly.RuntimeError.
// Each explorer on the page is replaced by a box saying so, built from text only, whose
// reload link needs no script.
let crashed = false;
const showCrash = (error) => {
  if (crashed || !(error instanceof WebAssembly.RuntimeError)) return;
  crashed = true;
  const make = (tag, text, className) => {
    const e = document.createElement(tag);
    if (text) e.textContent = text;
    if (className) e.className = className;
    return e;
  };
  const box = () => {
    const alert = make("div", "", "crash");
    alert.setAttribute("role", "alert");
    alert.append(make("h2", "The quote explorer stopped because of a bug"));
    alert.append(make("p", "Sorry: it cannot go on from here. Reloading the page starts it again, with the bundled quotes (a corpus you opened yourself needs opening again)."));
    const reload = make("a", "Reload the page", "reload");
    reload.href = location.href.split("#")[0];
    const p = make("p");
    p.append(reload);
    alert.append(p);
    const details = make("details");
    details.append(make("summary", "Technical details, for a bug report"), make("pre", String(error.stack || error)));
    alert.append(details);
    return alert;
  };
  const roots = [...document.querySelectorAll(".qe-app")];
  for (const host of document.querySelectorAll("[data-quote-explorer]")) {
    const root = host.shadowRoot?.querySelector(".qe-app");
    if (root) roots.push(root);
  }
  if (roots.length === 0) document.body.append(box());
  for (const root of roots) root.replaceChildren(box());
};
addEventListener("error", (event) => showCrash(event.error));
addEventListener("unhandledrejection", (event) => showCrash(event.reason));
`;
// The corpus is data, not code (src/store/bundled.rs): the page carries it in a data block,
// which the Content-Security-Policy allows (it is never run), and embed.js fetches the same
// text from a content-named file beside it, only if some embed names no corpus (data-src)
// or index (data-index) of its own.
// `quote-explorer build` writes another corpus into both places.
const CORPUS_BLOCK_ID = "quote-explorer-corpus";
// Compact, and with every "<" escaped so that no text in it can close the block early.
const corpusText = JSON.stringify(JSON.parse(readFileSync("data/corpus.json", "utf8"))).replaceAll("<", "\\u003c");
const corpusFile = `corpus-${hash(corpusText)}.json`;
writeFileSync(join(dir, corpusFile), corpusText);
const corpusBlock = `<script type="application/json" id="${CORPUS_BLOCK_ID}">${corpusText}</script>`;
const pageCorpus =
  `const block = document.getElementById("${CORPUS_BLOCK_ID}");\n` +
  `startExplorer(block?.textContent, block ? undefined : "This page has no corpus data block (#${CORPUS_BLOCK_ID}).");\n`;
// A chunked index's first files, fetched while the app itself loads rather than after it:
// the entry file, then at once the meta file and the first pack it names, and the app's
// chunks that read them. src/browser.rs and the split loader take each response from this
// map, once; the app checks everything it reads.
if (split.indexChunks.length === 0) throw new Error("the split loader has no chunk for store::chunked::open");
// Those chunks as one file (each chunk's name and length in the start-up script, their bytes
// one after another): one request where there were dozens, each a round trip, which over
// HTTP/1.1's six connections held up the wasm and the meta file behind them.
const indexCode = Buffer.concat(split.indexChunks.map(read));
const indexCodeFile = `index-code-${hash(indexCode)}.bin`;
writeFileSync(join(dir, indexCodeFile), indexCode);
const PREFETCH_INDEX = `
const indexChunks = ${JSON.stringify(split.indexChunks.map((c) => [c, read(c).length]))};
let indexCode;
const prefetchIndex = (base) => {
  let folder;
  try { folder = new URL(base, location.href).href; } catch { return; }
  if (!/^https?:/.test(folder)) return;
  if (!folder.endsWith("/")) folder += "/";
  const fetched = (globalThis.quoteExplorerPrefetched ??= new Map());
  const start = (name, absolute) => {
    const url = absolute ? name : folder + name;
    if (!fetched.has(url)) {
      const response = fetch(url);
      response.catch(() => {});
      fetched.set(url, response);
    }
    return fetched.get(url);
  };
  start("index.json")
    .then((r) => (r.ok ? r.clone().json() : null))
    .then((entry) => {
      for (const name of [entry?.meta, entry?.first]) if (typeof name === "string" && name) start(name);
    })
    .catch(() => {});
  if (indexCode) return;
  // Reading an index needs parts loaded later at once: their loader too.
  import("./${split.loader}").catch(() => {});
  indexCode = fetch(new URL("./${indexCodeFile}", import.meta.url))
    .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(\`HTTP \${r.status}\`))));
  let at = 0;
  for (const [chunk, length] of indexChunks) {
    const url = new URL(chunk, import.meta.url);
    const from = at;
    at += length;
    // A chunk the bundle cannot give is fetched on its own, as if never prefetched.
    const response = indexCode.then(
      (bytes) => bytes.byteLength === ${indexCode.length}
        ? new Response(bytes.slice(from, from + length), { headers: { "Content-Type": "application/wasm" } })
        : fetch(url),
      () => fetch(url),
    );
    fetched.set(url.href, response);
  }
};
for (const e of document.querySelectorAll("[data-quote-explorer][data-index]")) prefetchIndex(e.getAttribute("data-index"));
if (document.body?.dataset.index) prefetchIndex(document.body.dataset.index);
`;
const start = (embed) =>
  CRASH_BOX +
  PREFETCH_INDEX +
  // The glue and the wasm, fetched side by side from here: a static import would fetch
  // them one after another, each a round trip after the last.
  `const glue = import("./${bindings}");\n` +
  `const wasm = fetch(new URL("./${wasm}", import.meta.url));\n` +
  `wasm.catch(() => {});\n` +
  (embed
    ? `const wanted = [...document.querySelectorAll("[data-quote-explorer]")].some((e) => !e.hasAttribute("data-src") && !e.hasAttribute("data-index"));\n` +
      `const corpus = wanted ? fetch(new URL("./${corpusFile}", import.meta.url)).then((r) => r.ok ? r.text() : Promise.reject(new Error(\`HTTP \${r.status}\`))) : null;\n`
    : "") +
  `const { default: init, startExplorer } = await glue;\n` +
  `await init({ module_or_path: wasm });\n` +
  // Starting the wasm and drawing the explorer, each a good part of a frame on a phone, in
  // tasks of their own: the page can answer input between them.
  `await new Promise((resolve) => setTimeout(resolve));\n` +
  (embed
    ? `let text, problem;\n` +
      `try { text = await corpus ?? undefined; }\n` +
      `catch (e) { problem = \`The quotes could not be fetched from ${corpusFile}: \${e.message}\`; }\n` +
      `startExplorer(text, problem);\n`
    : pageCorpus +
      `if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {\n` +
      `  navigator.serviceWorker.register("./sw.js").catch(() => {});\n}\n`);

const appScript = minify(start(false));
const app = `app-${hash(appScript)}.js`;
writeFileSync(join(dir, app), appScript);
writeFileSync(join(dir, "embed.js"), minify(start(true)));

let html = read("index.html").toString();
const inlineStart = /<script type="module">[\s\S]*?<\/script>/;
if (!inlineStart.test(html)) throw new Error("Trunk's start-up script was not found in index.html");
html = html.replace(inlineStart, `<script type="module" src="./${app}"></script>`);
if (!html.includes("</body>")) throw new Error("index.html has no </body> to put the corpus before");
html = html.replace("</body>", () => `${corpusBlock}\n</body>`);
if (!html.includes('href="corpus.json"')) throw new Error("index.html's noscript paragraph does not link corpus.json");
html = html.replace('href="corpus.json"', `href="./${corpusFile}"`);
if (!/<meta http-equiv="Content-Security-Policy"/.test(html)) {
  throw new Error("index.html must declare its Content-Security-Policy");
}
const integrity = (file) => "sha384-" + createHash("sha384").update(read(file)).digest("base64");
for (const file of [bindings, wasm]) {
  html = html.replace(new RegExp(`(href="\\./${file}"[^>]*integrity=")[^"]*`), `$1${integrity(file)}`);
}
writeFileSync(join(dir, "index.html"), html);

// 3. The service worker, versioned by the content of what it caches.
const cached = ["./", "index.html", app, bindings, wasm, split.loader, ...split.chunks, "favicon.svg", "manifest.webmanifest"];
const version = hash(...cached.filter((f) => f !== "./").map(read));
writeFileSync(
  join(dir, "sw.js"),
  `// Generated by scripts/post-build.mjs.
const CACHE = "quote-explorer-${version}";
const FILES = ${JSON.stringify(cached)};
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("quote-explorer-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Fresh when online; the cached page (any query string) when not.
    event.respondWith(fetch(request).catch(() => caches.match("index.html", { ignoreSearch: true })));
    return;
  }
  event.respondWith(caches.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request)));
});
`,
);

// 4. One self-contained file. Without a server there is nothing to fetch, so the modules and
// the wasm go inline: the split loader shares the glue's scope, and each chunk is read
// from base64 in place of a fetch.
const base64Bytes = (file) => `Uint8Array.from(atob("${read(file).toString("base64")}"), (c) => c.charCodeAt(0))`;
let glue = split.glue;
const exportsLine = /^export \{[^}]*__wbg_init as default[^}]*\};?$/m;
if (!exportsLine.test(glue) || !/async function __wbg_init\(/.test(glue)) {
  throw new Error("unexpected wasm-bindgen output: no __wbg_init to call");
}
let loader = split.loaderSource;
loader = loader.replace(/^import \{ initSync \} from "[^"]+";\n/m, "");
for (const chunk of split.chunks) {
  const fetchChunk = `fetch(new URL("./${chunk}", import.meta.url))`;
  if (!loader.includes(fetchChunk)) throw new Error(`the split loader does not fetch ${chunk} as expected`);
  loader = loader.replace(
    fetchChunk,
    `Promise.resolve(new Response(${base64Bytes(chunk)}, { headers: { "Content-Type": "application/wasm" } }))`,
  );
}
const loaderExports = [...loader.matchAll(/^export const (\w+)/gm)].map((m) => m[1]);
loader = loader.replace(/^export const /gm, "const ");
const splitImports = [...glue.matchAll(/^import \* as (\w+) from "\.\/split-[0-9a-f]+\.js";?\n/gm)];
if (splitImports.length === 0) throw new Error("the glue does not import the split loader as expected");
// The loader once, in the glue's scope; each of the glue's names for it refers to it.
glue = glue.replace(splitImports[0][0], `const ${splitImports[0][1]} = (() => {\n${loader}\nreturn { ${loaderExports.join(", ")} };\n})();\n`);
for (const [line, name] of splitImports.slice(1)) glue = glue.replace(line, `const ${name} = ${splitImports[0][1]};\n`);
const favicon = `data:image/svg+xml;base64,${read("favicon.svg").toString("base64")}`;
const inlineModule = minify(
  CRASH_BOX +
  glue.replace(exportsLine, "") +
  `\nawait __wbg_init({ module_or_path: ${base64Bytes(wasm)} });\n` +
  pageCorpus,
);
if (/<\/script/i.test(inlineModule)) throw new Error("the inline module would close its script tag early");
const single = html
  .replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, "")
  .replace(/\s*<link rel="manifest"[^>]*>/, "")
  .replace(/\s*<link rel="(modulepreload|preload)"[^>]*>/g, "")
  .replace(/<link rel="icon"[^>]*>/, `<link rel="icon" href="${favicon}" />`)
  // Nothing lies beside a file opened from disk.
  .replace(/ Its quotes are also in <a [^>]*>[^<]*<\/a>\./, "")
  .replace(`<script type="module" src="./${app}"></script>`, () => `<script type="module">\n${inlineModule}</script>`);
writeFileSync(join(dir, "quote-explorer.html"), single);
if (existsSync(join(dir, "__wasm_split.js"))) rmSync(join(dir, "__wasm_split.js"));
