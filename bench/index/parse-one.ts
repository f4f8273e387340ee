/**
 * One file's parse and extraction time in-process, the grammar loaded first (bundled by fresh.mjs with
 * esbuild; never part of `npm test`). Usage: node parse-one.mjs <file> <language>. Prints the median of 9 in ms.
 */
import { readFileSync } from "node:fs";
import type { Language } from "../../src/index/languages.js";
import { extractFile, loadGrammars } from "../../src/index/parse.js";

const [file, language] = process.argv.slice(2) as [string, Language];
if (!file || !language) throw new Error("usage: parse-one <file> <language>");
await loadGrammars([language]);
const text = readFileSync(file, "utf8");
extractFile(language, text); // first call warms the parser
const xs: number[] = [];
for (let i = 0; i < 9; i++) {
  const t = performance.now();
  extractFile(language, text);
  xs.push(performance.now() - t);
}
xs.sort((a, b) => a - b);
process.stdout.write(`${JSON.stringify({ ms: xs[4], bytes: Buffer.byteLength(text) })}\n`);
