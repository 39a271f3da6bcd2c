// Shorter names between the wasm and its JavaScript glue (scripts/post-build.mjs).
// wasm-bindgen names each import after the glue's file and the function with a hash
// ("./quote-explorer-45607ca563794df4_bg.js" / "__wbg_createElement_de4a31ed2fb252be"):
// over two hundred imports, 16 KB in the wasm and again as keys in the glue, all on the
// first screen. Renaming both sides to short names changes nothing else.

const leb = (bytes, at) => {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(byte & 0x80)) return [value, at];
  }
};
const uleb = (value) => {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
};
const name = (text) => {
  const bytes = Buffer.from(text, "utf8");
  return Buffer.concat([uleb(bytes.length), bytes]);
};

// The module's sections as [id, body], and the whole back from them.
const sections = (wasm) => {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error("not a wasm module");
  const list = [];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = leb(wasm, at + 1);
    list.push([id, wasm.subarray(start, start + size)]);
    at = start + size;
  }
  return list;
};
const assemble = (wasm, list) =>
  Buffer.concat([wasm.subarray(0, 8), ...list.flatMap(([id, body]) => [Buffer.from([id]), uleb(body.length), body])]);

// Reads one import entry's description after its names (the kinds of wasm 2.0).
const skipImportDescription = (body, at) => {
  const kind = body[at++];
  if (kind === 0) return leb(body, at)[1]; // function: type index
  if (kind === 1) {
    at += 1; // table: reference type, then limits
    const flags = body[at++];
    at = leb(body, at)[1];
    return flags & 1 ? leb(body, at)[1] : at;
  }
  if (kind === 2) {
    const flags = body[at++]; // memory: limits
    at = leb(body, at)[1];
    return flags & 1 ? leb(body, at)[1] : at;
  }
  if (kind === 3) return at + 2; // global: value type, mutability
  if (kind === 4) return leb(body, at + 1)[1]; // tag: attribute, type index
  throw new Error(`unknown import kind ${kind}`);
};

// A, B, …, Z, a, …, z, AA, …: short names that are valid JavaScript identifiers.
const shortName = (n) => {
  const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  let out = "";
  do {
    out = letters[n % letters.length] + out;
    n = Math.floor(n / letters.length) - 1;
  } while (n >= 0);
  return out;
};

// Renames the import modules named in `modules` (old name to new) and gives the imports of
// the modules in `shortenFields` short names; drops the exports `dropExport` says to and
// gives those `shortenExport` says to short names. Returns the new module and the renamings.
function rename(wasm, { modules, shortenFields, dropExport, shortenExport }) {
  const fields = new Map();
  const exports = new Map();
  const list = sections(wasm).map(([id, body]) => {
    if (id === 2) {
      const [count, first] = leb(body, 0);
      const entries = [];
      let at = first;
      for (let i = 0; i < count; i++) {
        const [moduleLength, moduleAt] = leb(body, at);
        const module = body.toString("utf8", moduleAt, moduleAt + moduleLength);
        const [fieldLength, fieldAt] = leb(body, moduleAt + moduleLength);
        const field = body.toString("utf8", fieldAt, fieldAt + fieldLength);
        const end = skipImportDescription(body, fieldAt + fieldLength);
        let renamed = field;
        if (shortenFields.has(module)) {
          if (!fields.has(field)) fields.set(field, shortName(fields.size));
          renamed = fields.get(field);
        }
        entries.push(name(modules.get(module) ?? module), name(renamed), body.subarray(fieldAt + fieldLength, end));
        at = end;
      }
      return [id, Buffer.concat([uleb(count), ...entries])];
    }
    if (id === 7) {
      const [count, first] = leb(body, 0);
      const kept = [];
      let at = first;
      for (let i = 0; i < count; i++) {
        const [length, nameAt] = leb(body, at);
        const exported = body.toString("utf8", nameAt, nameAt + length);
        const end = leb(body, nameAt + length + 1)[1];
        if (dropExport(exported)) {
          // Left out: wasm-opt then removes what only it used.
        } else if (shortenExport(exported)) {
          const renamed = `x${shortName(exports.size)}`;
          exports.set(exported, renamed);
          kept.push(Buffer.concat([name(renamed), body.subarray(nameAt + length, end)]));
        } else {
          kept.push(body.subarray(at, end));
        }
        at = end;
      }
      return [id, Buffer.concat([uleb(kept.length), ...kept])];
    }
    return [id, body];
  });
  return { wasm: assemble(wasm, list), fields, exports };
}

const replaceExactly = (text, from, to, what) => {
  const count = text.split(from).length - 1;
  if (count !== 1) throw new Error(`wasm-names: expected ${what} once in the glue, found it ${count} times`);
  return text.replace(from, () => to);
};

/**
 * The wasm-bindgen module `wasm` and its glue `glue` with short names for what passes
 * between them: the glue's own imports (`glueModule`) and the split loader's
 * (`splitModule`, if the module was split), and the closures' mangled exports. The stream classes wasm-bindgen exports
 * for Leptos's server functions, which this app has none of, are left out of both.
 */
export function shortenNames(wasm, glue, { glueModule, splitModule }) {
  const unused = /^(__wbg_)?intounderlying/;
  const renamed = rename(wasm, {
    modules: new Map([[glueModule, "a"], [splitModule, "b"]]),
    shortenFields: new Set([glueModule, splitModule].filter(Boolean)),
    dropExport: (name) => unused.test(name),
    shortenExport: (name) => name.startsWith("_RINv"),
  });
  const split = [];
  const field = /^(\s+)(\w+)(?=: function)/gm;
  let found = 0;
  glue = glue.replace(field, (line, indent, old) => {
    const short = renamed.fields.get(old);
    if (!short) return line;
    found += 1;
    return indent + short;
  });
  for (const [old, short] of renamed.fields) if (old.startsWith("__wasm_split_load_")) split.push([old, short]);
  if (found + split.length !== renamed.fields.size) {
    throw new Error(`wasm-names: ${renamed.fields.size - split.length} glue imports, ${found} found in the glue`);
  }
  glue = replaceExactly(glue, `"${glueModule}": import0,`, "a: import0,", "the glue's import object");
  if (!splitModule) return finish(renamed, glue);
  const quoted = JSON.stringify(splitModule).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const splitLines = new RegExp(`^\\s+${quoted}: (import\\d+),\n`, "gm");
  const namespaces = [...glue.matchAll(splitLines)].map((m) => m[1]);
  if (namespaces.length === 0) throw new Error("wasm-names: the glue passes no split loader imports");
  let first = true;
  glue = glue.replace(splitLines, () => {
    if (!first) return "";
    first = false;
    return `        b: { ${split.map(([old, short]) => `${short}: ${namespaces[0]}.${old}`).join(", ")} },\n`;
  });
  return finish(renamed, glue);
}

// The closures' exports renamed in the glue, and the stream classes left out of it.
function finish(renamed, glue) {
  for (const [old, short] of renamed.exports) {
    const uses = new RegExp(`\\bwasm\\.${old}\\b`, "g");
    if (!uses.test(glue)) throw new Error(`wasm-names: the glue never calls ${old}`);
    glue = glue.replace(uses, `wasm.${short}`);
  }
  const classes = /^export class (IntoUnderlying\w+) \{[\s\S]*?^if \(Symbol\.dispose\) \1\.prototype\[Symbol\.dispose\] = \1\.prototype\.free;\n/gm;
  const registries = /^const IntoUnderlying\w+Finalization = [^;]*;\n/gm;
  glue = glue.replace(classes, "").replace(registries, "");
  if (/IntoUnderlying|intounderlying/.test(glue)) throw new Error("wasm-names: the glue still refers to the stream classes");
  return { wasm: renamed.wasm, glue };
}
