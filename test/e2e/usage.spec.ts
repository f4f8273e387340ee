import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UsageResult } from "../../src/app/usage.js";
import { cadre, homeEnv, json } from "./helpers.js";

const base = mkdtempSync(join(tmpdir(), "cadre-e2e-usage-"));
const dir = join(base, "app");
const env = homeEnv(join(base, "home"));
const run = (...args: string[]) => cadre(args, { cwd: dir, env });
let id = "";
const stdout = `${"PASS src/ok.test.ts\n".repeat(900)}FAIL src/a.test.ts\n  expected 2, got 3\n`;

type Ev = { type: string; phase?: string; role?: string; [k: string]: unknown };
const lines = (file: string): Ev[] =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Ev);
const runEvents = () => lines(join(dir, ".cadre/runs", id, "events.ndjson"));
const sum = (es: Ev[], k: string) => es.reduce((s, e) => s + ((e[k] as number | undefined) ?? 0), 0);

function hook(args: string[], payload: unknown) {
  return cadre(["hook", ...args, "--host", "claude-code"], {
    cwd: dir,
    env,
    input: JSON.stringify(payload),
  });
}

beforeAll(async () => {
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(
    join(dir, "src/shapes.ts"),
    `${Array.from({ length: 40 }, (_, i) => `/** Area number ${i}. */\nexport function area${i}(w: number, h: number): number {\n  return w * h + ${i};\n}\n`).join("\n")}`,
  );
  const r = await run("run", "start", "--intent", "usage e2e");
  expect(r.code, r.stderr).toBe(0);
  id = r.stdout.trim();
}, 60_000);
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("cadre usage on a real run", () => {
  it("records a capture, a recall answer and one compaction in the run, in its phase", async () => {
    const c = await hook(["output-capture"], {
      session_id: "s1",
      cwd: dir,
      hook_event_name: "PostToolUse",
      tool_name: "Bash",
      tool_input: { command: "npm test" },
      tool_response: { stdout, stderr: "", interrupted: false },
    });
    expect(c.code, c.stderr).toBe(0);
    const rc = await run("recall", "file", "src/shapes.ts", "--budget", "60");
    expect(rc.code, rc.stderr).toBe(0);
    // Two hooks on one PreCompact (the same session, moments apart): one compaction.
    for (let i = 0; i < 2; i++) {
      const p = await hook(["session-bootstrap", "--event", "pre-compact"], {
        session_id: "s1",
        cwd: dir,
        hook_event_name: "PreCompact",
        trigger: "auto",
      });
      expect(p.code, p.stderr).toBe(0);
    }
    const measured = runEvents().filter((e) => ["capture", "answer", "compaction"].includes(e.type));
    expect(measured.map((e) => [e.type, e.phase, e.role])).toEqual([
      ["capture", "clarify", "clarifier"],
      ["answer", "clarify", "clarifier"],
      ["compaction", "clarify", "clarifier"],
      ["compaction", "clarify", "clarifier"],
    ]);
  }, 60_000);

  it("--json totals are the sums of the run's events, and the capture file holds what was counted", async () => {
    const r = await run("usage", "--run", id, "--json");
    expect(r.code, r.stderr).toBe(0);
    const u = json<{ data: UsageResult }>(r).data;
    const es = runEvents();
    const caps = es.filter((e) => e.type === "capture");
    const answers = es.filter((e) => e.type === "answer");
    expect(u.totals).toMatchObject({
      captures: 1,
      captured_bytes: sum(caps, "captured_bytes"),
      captured_tokens: sum(caps, "captured_tokens"),
      returned_bytes: sum(caps, "returned_bytes"),
      returned_tokens: sum(caps, "returned_tokens"),
      answers: 1,
      answer_tokens: sum(answers, "tokens"),
      full_tokens: sum(answers, "full_tokens"),
      compactions: 1,
    });
    const file = readFileSync(join(dir, caps[0]?.path as string), "utf8");
    const output = file.slice(file.indexOf("\n") + 1, file.lastIndexOf("["));
    expect(u.totals.captured_bytes).toBe(Buffer.byteLength(output));
    expect(u.totals.returned_bytes).toBeLessThan(u.totals.captured_bytes);
    expect(u.totals.full_tokens).toBeGreaterThan(u.totals.answer_tokens);
    expect(u.by_phase.map((p) => p.key)).toEqual(["clarify"]);
    expect(u.by_role.map((p) => p.key)).toEqual(["clarifier"]);
    expect(u.counts.compactions_merged).toBe(1);
    expect(u.unknowns.join("\n")).toMatch(/whether the host also passed/);
  });

  it("--html writes a page whose numbers, rendered by headless Chromium, equal the JSON report's", async () => {
    const j = json<{ data: UsageResult }>(await run("usage", "--json")).data;
    const h = await run("usage", "--html", "report/usage.html");
    expect(h.code, h.stderr).toBe(0);
    const page = join(dir, "report/usage.html");
    const html = readFileSync(page, "utf8");
    expect(html).not.toMatch(/<script|<link|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    try {
      execFileSync("sh", ["-c", "command -v chromium"], { stdio: "ignore" });
    } catch {
      throw new Error("chromium is not installed: `apt-get install -y chromium` (.ci/run does it)");
    }
    const dom = execFileSync(
      "chromium",
      ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", `file://${page}`],
      { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 60_000 },
    );
    const shown = new Map(
      [...dom.matchAll(/data-metric="([^"]+)">([^<]*)</g)].map((m) => [
        m[1],
        Number(m[2]?.replace(/,/g, "")),
      ]),
    );
    const want = new Map<string, number>();
    for (const [k, v] of Object.entries(j.totals)) if (k !== "key") want.set(`totals.${k}`, v as number);
    for (const group of ["by_phase", "by_role", "by_run", "by_tool"] as const)
      for (const row of j[group])
        for (const [k, v] of Object.entries(row))
          if (k !== "key") want.set(`${group}.${row.key}.${k}`, v as number);
    expect(Object.fromEntries(shown)).toEqual(Object.fromEntries(want));
    expect(dom).toContain("<svg");
    expect(dom).toContain("What this report cannot know");
  }, 90_000);

  it("without an active run, answers go to the project's usage log; the default report covers both", async () => {
    expect((await run("run", "end", "--abandon")).code).toBe(0);
    expect((await run("recall", "query", "area", "--budget", "40")).code).toBe(0);
    const log = lines(join(dir, ".cadre/usage/events.ndjson"));
    expect(log.map((e) => [e.type, e.run])).toEqual([["answer", ""]]);
    const all = json<{ data: UsageResult }>(await run("usage", "--json")).data;
    expect(all.project_log).toBe(true);
    expect(all.runs).toEqual([id]);
    expect(all.totals.answers).toBe(2);
    expect(all.by_phase.map((p) => p.key)).toEqual(["(no run)", "clarify"]);
    const one = json<{ data: UsageResult }>(await run("usage", "--run", id, "--json")).data;
    expect(one.totals.answers).toBe(1);
    const text = await run("usage");
    expect(text.stdout).toContain("Per phase");
    expect(text.stdout).toContain("Not known");
  }, 60_000);

  it("a bad run id is a usage error; an unknown run is not found", async () => {
    const bad = await run("usage", "--run", "../x");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a run id/);
    const none = await run("usage", "--run", "no-such-run");
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no run 'no-such-run'/);
  });
});
