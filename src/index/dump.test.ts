import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { it } from "vitest";
import { languageOf } from "./languages.js";
import { extractFile, loadGrammars } from "./parse.js";

it("dump", async () => {
  const root = "test/fixtures/repo";
  const files: string[] = [];
  const walk = (d: string) => { for (const f of readdirSync(d)) { const p = join(d, f); if (statSync(p).isDirectory()) walk(p); else files.push(p); } };
  walk(root);
  await loadGrammars(files.map((f) => languageOf(f)!).filter(Boolean));
  for (const f of files) {
    const l = languageOf(f);
    if (!l) continue;
    const x = extractFile(l, readFileSync(f, "utf8"));
    console.log(`== ${f} ${l} ${x.error ?? ""} imports=${JSON.stringify(x.imports)}`);
    for (const s of x.symbols) console.log(`  ${s.kind} ${s.qualname} ${s.line}-${s.endLine} | ${s.signature} | ${s.doc}`);
  }
});
