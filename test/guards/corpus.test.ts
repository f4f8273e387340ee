import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { runHook } from "../../src/hooks-runtime/run.js";
import { CORPUS } from "./corpus.js";
import { denied, GUARD_HOSTS, makeCorpusProject, payloadFor } from "./hosts.js";

// The whole guard corpus through the hook runtime (the code `cadre hook` runs), for each host's payload
// shape and answer; test/e2e/guards-corpus.spec.ts spawns the installed command lines for a subset.

const base = mkdtempSync(join(tmpdir(), "cadre-guards-"));
const home = join(base, "home");
const dir = join(home, "proj");
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "cadre.yaml"), "hosts: [claude-code]\n");
makeCorpusProject(dir);
afterAll(() => rmSync(base, { recursive: true, force: true }));

async function verdict(host: (typeof GUARD_HOSTS)[number], i: number): Promise<"block" | "allow"> {
  const c = CORPUS[i] as (typeof CORPUS)[number];
  const r = await runHook(
    { id: "protected-paths", host },
    { stdin: Readable.from([JSON.stringify(payloadFor(host, c, dir))]), env: { HOME: home }, cwd: dir },
  );
  expect(r.exitCode).toBe(0);
  return denied(r.stdout) ? "block" : "allow";
}

describe("guard corpus (in process, every host)", () => {
  it("has at least 150 write attempts and 60 benign commands", () => {
    expect(CORPUS.filter((c) => c.expect === "block").length).toBeGreaterThanOrEqual(150);
    expect(CORPUS.filter((c) => c.expect === "allow").length).toBeGreaterThanOrEqual(60);
  });

  for (const host of GUARD_HOSTS)
    it(`${host}: blocks every write attempt and allows every benign command`, async () => {
      const wrong: string[] = [];
      const counts = { block: 0, allow: 0 };
      for (let i = 0; i < CORPUS.length; i++) {
        const c = CORPUS[i] as (typeof CORPUS)[number];
        const got = await verdict(host, i);
        counts[got]++;
        if (got !== c.expect)
          wrong.push(`${c.expect} expected, ${got}: ${c.shell ?? `file ${c.file}`} (${c.why})`);
      }
      expect(wrong).toEqual([]);
      expect(counts.block).toBe(CORPUS.filter((c) => c.expect === "block").length);
    });
});

describe("file tools through links (Claude Code's tools)", () => {
  it.each([
    ["Write", { file_path: "lockalias", content: "x" }],
    ["Edit", { file_path: "gitdir/config", old_string: "a", new_string: "b" }],
    ["MultiEdit", { file_path: "sub/up/yarn.lock", edits: [{ old_string: "a", new_string: "b" }] }],
    ["NotebookEdit", { notebook_path: "dangling", new_source: "x" }],
  ])("%s is denied through a link to a protected path", async (tool, input) => {
    const payload = {
      session_id: "s",
      cwd: dir,
      hook_event_name: "PreToolUse",
      tool_name: tool,
      tool_input: input,
    };
    const r = await runHook(
      { id: "protected-paths", host: "claude-code" },
      { stdin: Readable.from([JSON.stringify(payload)]), env: { HOME: home }, cwd: dir },
    );
    expect(denied(r.stdout)).toBe(true);
  });
});
