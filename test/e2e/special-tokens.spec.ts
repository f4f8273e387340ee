import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cadre, homeEnv, json } from "./helpers.js";

/** Text that spells a tokenizer special token is ordinary text to every command that counts tokens. */

const MARK = "<|endoftext|>";
const base = mkdtempSync(join(tmpdir(), "cadre-e2e-special-"));
const project = join(base, "project");
const pack = join(project, "pack");
const home = join(base, "home");
const env = homeEnv(home);
const run = (args: string[]) => cadre([...args, "--cwd", project], { env });

beforeAll(() => {
  mkdirSync(join(pack, "skills", "token-notes"), { recursive: true });
  writeFileSync(
    join(pack, "cadre-pack.yaml"),
    "name: notes\nversion: 1.0.0\ndescription: Notes.\nlicense: MIT\n",
  );
  writeFileSync(
    join(pack, "skills", "token-notes", "SKILL.md"),
    `---\nname: token-notes\ndescription: Explain how a model marks the end of a document. Use when a prompt ends early.\n---\n\n# Token notes\n\nA completion stops at ${MARK}; strip ${MARK} from user text before sending it.\n`,
  );
  mkdirSync(join(project, "src"), { recursive: true });
  writeFileSync(
    join(project, "src", "stop.ts"),
    `/** The end-of-text marker the model emits. */\nexport const STOP = "${MARK}";\n\nexport function trimAtStop(text: string): string {\n  return text.split(STOP)[0] ?? "";\n}\n`,
  );
  writeFileSync(
    join(project, "cadre.yaml"),
    "version: 1\nhosts: [claude-code]\nsources: [pack]\ninclude: [skill:token-notes]\n",
  );
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe(`a file containing ${MARK}`, () => {
  it("lint, list --source and search --source count it as text", async () => {
    const lint = await run(["lint", "pack", "--json"]);
    expect(lint.stderr).not.toMatch(/internal error|special token/i);
    expect(json(lint).ok, lint.stdout).toBe(true);
    const list = json<{ data: { items: Array<{ id: string; tokens: number }> } }>(
      await run(["list", "--source", "pack", "--json"]),
    );
    const item = list.data.items.find((i) => i.id === "skill:token-notes");
    expect(item?.tokens).toBeGreaterThan(0);
    const search = json<{ data: { results: Array<{ id: string }> } }>(
      await run(["search", "end of document", "--source", "pack", "--json"]),
    );
    expect(search.data.results.map((r) => r.id)).toContain("skill:token-notes");
  });

  it("sync installs it", async () => {
    const r = await run(["sync"]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(project, ".claude", "skills", "token-notes", "SKILL.md"), "utf8")).toContain(
      MARK,
    );
  });

  it("map, recall and index summarize count it as text", async () => {
    const map = await run(["map", "--budget", "200", "--json"]);
    expect(map.code, map.stderr).toBe(0);
    expect(json<{ data: { files: Array<{ path: string }> } }>(map).data.files.map((f) => f.path)).toContain(
      "src/stop.ts",
    );
    const recall = await run(["recall", "file", "src/stop.ts", "--budget", "400", "--json"]);
    expect(recall.code, recall.stderr).toBe(0);
    expect(json<{ data: { text: string } }>(recall).data.text).toContain(MARK);
    const sym = await run(["recall", "symbol", "STOP", "--json"]);
    expect(sym.code, sym.stderr).toBe(0);
    const sum = await run(["index", "summarize", "--json"]);
    expect(sum.code, sum.stderr).toBe(0);
    expect(json<{ data: { written: number; tokens: number } }>(sum).data.written).toBeGreaterThan(0);
  });
});
