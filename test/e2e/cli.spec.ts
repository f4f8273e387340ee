import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, cadre, json, ROOT } from "./helpers.js";

const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

describe("cadre CLI conventions", () => {
  it("--version prints the package.json version", async () => {
    const r = await cadre(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it("--help lists the commands, exit codes and examples", async () => {
    const r = await cadre(["--help"]);
    expect(r.code).toBe(0);
    for (const c of ["lint", "list", "search", "info"]) expect(r.stdout).toContain(c);
    expect(r.stdout).toContain("Exit codes");
    expect(r.stdout).toContain("Examples:");
  });

  it.each(["lint", "list", "search", "info"])("%s --help shows examples", async (cmd) => {
    const r = await cadre([cmd, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:\n {2}\$ cadre /);
  });

  it("usage errors exit 2", async () => {
    expect((await cadre(["frobnicate"])).code).toBe(2);
    expect((await cadre(["list", "--no-such-flag"])).code).toBe(2);
    expect((await cadre(["search"])).code).toBe(2);
    const bad = await cadre(["list", "--kind", "widget"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown kind "widget"/);
  });

  it("expected errors print a message and a hint, no stack trace; CADRE_DEBUG=1 shows it", async () => {
    const r = await cadre(["info", "skill:no-such-item-anywhere"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: no item "skill:no-such-item-anywhere"\nhint: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const d = await cadre(["info", "skill:no-such-item-anywhere"], { env: { CADRE_DEBUG: "1" } });
    expect(d.stderr).toMatch(/\n\s+at /);
  });

  it("--json errors use the envelope", async () => {
    const r = await cadre(["info", "skill:no-such-item-anywhere", "--json"]);
    expect(r.code).toBe(1);
    const e = json<{ ok: boolean; errors: Array<{ code: string }> }>(r);
    expect(e.ok).toBe(false);
    expect(e.errors[0]?.code).toBe("E_NOT_FOUND");
  });

  it("NO_COLOR disables colour and FORCE_COLOR forces it", async () => {
    const plain = await cadre(["list", "--kind", "agent"]);
    expect(plain.stdout).not.toMatch(/\x1b\[/);
    const forced = await cadre(["list", "--kind", "agent"], {
      env: { NO_COLOR: undefined, FORCE_COLOR: "1" },
    });
    expect(forced.stdout).toMatch(/\x1b\[/);
  });

  it("--cwd runs as if started elsewhere", async () => {
    const r = await cadre([
      "--cwd",
      join(ROOT, "test", "fixtures"),
      "list",
      "--source",
      "agent-skills-repo",
      "--pack",
      "agent-skills-repo",
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(json<{ data: { count: number } }>(r).data.count).toBe(3);
  });
});

describe("pipes and no arguments", () => {
  it("with no arguments and no terminal, prints help and exits 0", async () => {
    const r = await cadre([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: cadre");
  });

  it("a reader that closes the pipe early (`cadre list --json | head -c 10`) is not an error", async () => {
    const child = spawn(process.execPath, [BIN, "list", "--json"], {
      env: { ...process.env, NO_COLOR: "1" },
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });
});

describe("lazy start-up", () => {
  it("the entry chunk graph does not statically import heavy modules", () => {
    const heavy = [
      "yaml",
      "zod",
      "gpt-tokenizer",
      "better-sqlite3",
      "web-tree-sitter",
      "@clack/prompts",
      "ajv",
      "jsonc-parser",
    ];
    const seen = new Set<string>();
    const bare = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(join(ROOT, "dist", file), "utf8");
      for (const m of text.matchAll(/^import\s+(?:[^"';]*?\s+from\s+)?["']([^"']+)["']/gm)) {
        const spec = m[1] as string;
        if (spec.startsWith("./")) visit(spec.slice(2));
        else bare.add(spec);
      }
    };
    visit("cli.js");
    for (const h of heavy) expect([...bare].filter((b) => b === h || b.startsWith(`${h}/`))).toEqual([]);
    expect(bare.has("commander")).toBe(true);
    // `cadre hook` (every tool call of an agent): node built-ins only, not even commander.
    seen.clear();
    bare.clear();
    visit("hook.js");
    expect(
      [...bare].filter((b) => !b.startsWith("node:") && !/^(fs|path|crypto)(\/promises)?$/.test(b)),
    ).toEqual([]);
  });
});
