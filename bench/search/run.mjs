#!/usr/bin/env node
// Library search speed: BM25F over 2,000 items built from the real built-in library (each item copied
// under new names until there are 2,000), queried in-process with the 42 queries of the search test set.
// Usage: npm run bench:search  (builds first if needed)
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const root = new URL("../..", import.meta.url).pathname;
const api = await import(join(root, "dist", "index.js"));
const TARGET = 2000;

const cat = await api.loadCatalog({ cwd: root, paths: [] });
const items = [];
for (let copy = 0; items.length < TARGET; copy++)
  for (const it of cat.items) {
    if (items.length >= TARGET) break;
    items.push(
      copy === 0 ? it : { ...it, name: `${it.name}-v${copy}`, id: `${it.kind}:${it.name}-v${copy}` },
    );
  }

const queriesSrc = readFileSync(join(root, "test", "library", "search-queries.ts"), "utf8");
const queries = [...queriesSrc.matchAll(/^\s*\["([^"]+)",/gm)].map((m) => m[1]);

let t = performance.now();
const index = api.buildIndex(api.itemDocs(items));
const buildMs = performance.now() - t;

const times = [];
for (let round = 0; round < 20; round++)
  for (const q of queries) {
    t = performance.now();
    api.search(index, q, { limit: 10 });
    times.push(performance.now() - t);
  }
times.sort((a, b) => a - b);
const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(3);
const result = {
  items: items.length,
  queries: queries.length,
  runs: times.length,
  index_build_ms: Number(buildMs.toFixed(1)),
  query_p50_ms: Number(pct(50)),
  query_p95_ms: Number(pct(95)),
  query_max_ms: Number(times[times.length - 1].toFixed(3)),
  node: process.version,
};
console.log(JSON.stringify(result, null, 2));
