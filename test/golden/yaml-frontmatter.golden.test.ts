import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { toRenderItems } from "../../src/app/render-items.js";
import { type HostDef, SCOPES } from "../../src/hosts/define.js";
import type { DesiredFile } from "../../src/hosts/output.js";
import { HOSTS } from "../../src/hosts/registry.js";
import { renderAll } from "../../src/render/compose.js";
import type { RenderItem } from "../../src/render/formats.js";
import { loadPack } from "../../src/sources/load.js";
import { staleGoldens } from "./stale.js";

/**
 * Frontmatter a YAML reader misreads when it is written plain: a glob list whose first glob starts with `*`
 * (an alias to YAML), descriptions with `: ` and `#`, and names that YAML 1.1 reads as booleans. Rendered for
 * every host at both scopes (golden files in __yaml__/<host>/<scope>/), and every frontmatter cadre renders,
 * here and in every other golden folder, must parse with the `yaml` package to the same value under YAML 1.2
 * and 1.1. The one exception is Cursor's `.mdc` `globs`, which Cursor reads with a line reader that keeps
 * quotes: it must be Cursor's documented unquoted, comma-separated form.
 */
const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, "..", "fixtures", "yaml-frontmatter");
const hosts = Object.values(HOSTS) as HostDef[];
const GLOBS = ["**/*.test.ts", "test/**", "*.spec.ts"];

let items: RenderItem[] = [];
beforeAll(async () => {
  const pack = await loadPack(fixture, { cwd: here });
  items = await toRenderItems(pack.items, [pack], here);
});

/** Cursor's `globs:` line (kept apart: Cursor's own reader, not YAML). */
const CURSOR_GLOBS = /^globs: (.*)$/m;

/** The frontmatter of a rendered file, parsed strictly under YAML 1.2 and 1.1; undefined when it has none. */
function frontOf(path: string, text: string): Record<string, unknown> | undefined {
  const m = /^---\r?\n([\s\S]*?\r?\n)?---(\r?\n|$)/.exec(text);
  if (!m) return undefined;
  let src = m[1] ?? "";
  if (path.endsWith(".mdc")) src = src.replace(CURSOR_GLOBS, "");
  const parsed = (version: "1.1" | "1.2") => {
    const doc = parseDocument(src, { version, uniqueKeys: true, prettyErrors: false });
    expect(doc.errors.map((e) => `${path}: ${e.message}`)).toEqual([]);
    expect(doc.warnings.map((e) => `${path}: ${e.message}`)).toEqual([]);
    return doc.toJS() as Record<string, unknown> | null;
  };
  const v12 = parsed("1.2");
  expect(parsed("1.1"), `${path} reads differently under YAML 1.1`).toEqual(v12);
  return v12 ?? {};
}

describe.each(hosts.map((h) => [h.id, h] as const))("%s", (id, host) => {
  it.each(SCOPES.map((s) => [s]))("renders YAML-hostile values as valid frontmatter at %s scope", async (scope) => {
    const { desired } = renderAll(items, [host], { home: "/home/user", scope });
    for (const d of desired) {
      if (d.type !== "file" || typeof d.content !== "string") continue;
      await expect(d.content).toMatchFileSnapshot(join("__yaml__", id, scope, d.path));
      const fm = frontOf(d.path, d.content);
      if (!fm) continue;
      // Every name and description reads back as the item's own.
      const item = items.find((ri) => d.items.some((q) => q.endsWith(`:${ri.item.name}`)))?.item;
      if (item && "name" in fm) expect(fm.name).toBe(item.name);
      if (item && "description" in fm) expect(fm.description).toBe(item.description);
      if ("applyTo" in fm && fm.applyTo !== "**") expect(fm.applyTo).toBe(GLOBS.join(","));
      if (d.path.endsWith(".mdc") && CURSOR_GLOBS.test(d.content))
        expect(CURSOR_GLOBS.exec(d.content)?.[1]).toBe(GLOBS.join(","));
    }
  });
});

it("every file in __yaml__ is produced by some host and scope (stale ones are deleted)", () => {
  const produced = hosts.flatMap((h) =>
    SCOPES.flatMap((scope) =>
      renderAll(items, [h], { home: "/home/user", scope })
        .desired.filter((d) => d.type === "file" && typeof d.content === "string")
        .map((d) => join(here, "__yaml__", h.id, scope, d.path)),
    ),
  );
  expect(staleGoldens(join(here, "__yaml__"), produced)).toEqual([]);
});

/** Every text file under a golden folder, with its path. */
function* goldenFiles(dir: string): Generator<[string, string]> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* goldenFiles(p);
    else if (/\.(md|mdc|ya?ml)$/.test(e.name)) yield [p, readFileSync(p, "utf8")];
  }
}

it("every frontmatter in every golden folder parses as YAML (Cursor's globs line aside)", () => {
  const folders = readdirSync(here).filter((f) => /^__\w+__$/.test(f));
  let checked = 0;
  for (const f of folders) {
    for (const [path, text] of goldenFiles(join(here, f))) {
      if (frontOf(path, text)) checked++;
    }
  }
  // The folders hold hundreds of frontmatters; a walk that finds few has lost its way.
  expect(checked).toBeGreaterThan(200);
});
