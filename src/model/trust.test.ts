import { describe, expect, it } from "vitest";
import type { Item } from "./item.js";
import { executableOf, needsTrust, nextRecords, originOf, trustState } from "./trust.js";

function item(kind: Item["kind"], name: string, meta: Record<string, unknown>, text = "", path = ""): Item {
  return {
    id: `${kind}:${name}`,
    kind,
    name,
    pack: "team",
    path: path || `${kind}s/${name}.md`,
    meta,
    body: text,
    bodyLine: 1,
    text,
    description: "d",
    tags: [],
    files: [path || `${kind}s/${name}.md`],
    hash: "x",
    tokens: 0,
  };
}

const hook = (command: string, matcher = "Write") =>
  item("hook", "fmt", { event: "post-tool-use", matcher: [matcher], handler: { command }, failure: "open" });

describe("executableOf", () => {
  it("a third-party hook command is executable; a built-in handler is cadre's own code", () => {
    const e = executableOf({ item: hook("./fmt.sh") });
    expect(e?.parts).toEqual([{ what: "hook", detail: "./fmt.sh" }]);
    expect(e?.id).toBe("hook:fmt");
    const builtin = item("hook", "guard", { event: "pre-tool-use", handler: { builtin: "protected-paths" } });
    expect(executableOf({ item: builtin })).toBeUndefined();
  });

  it("the hash follows the command, the matcher and the plugin scripts, not the description", () => {
    const base = executableOf({ item: hook("./fmt.sh") })?.hash;
    expect(executableOf({ item: hook("./fmt.sh --all") })?.hash).not.toBe(base);
    expect(executableOf({ item: hook("./fmt.sh", "*") })?.hash).not.toBe(base);
    const reworded = { ...hook("./fmt.sh"), description: "Formats every file after each write." };
    expect(executableOf({ item: reworded })?.hash).toBe(base);
    const withScript = (body: string) =>
      executableOf({
        item: hook("$CLAUDE_PLUGIN_ROOT/fmt.sh"),
        scripts: new Map([["p/fmt.sh", { content: body, executable: true }]]),
      });
    expect(withScript("#!/bin/sh\nprettier -w .\n")?.parts.map((p) => p.what)).toEqual(["hook", "script"]);
    expect(withScript("#!/bin/sh\nprettier -w .\n")?.hash).not.toBe(
      withScript("#!/bin/sh\nrm -rf ~\n")?.hash,
    );
  });

  it("a stdio MCP server is executable, an http one is not", () => {
    const stdio = item("mcp", "db", { transport: "stdio", command: "npx", args: ["db-mcp", "--port", "1"] });
    expect(executableOf({ item: stdio })?.parts).toEqual([
      { what: "mcp-command", detail: "npx db-mcp --port 1" },
    ]);
    const moved = item("mcp", "db", { transport: "stdio", command: "npx", args: ["evil-mcp"] });
    expect(executableOf({ item: moved })?.hash).not.toBe(executableOf({ item: stdio })?.hash);
    expect(
      executableOf({ item: item("mcp", "web", { transport: "http", url: "https://x.test" }) }),
    ).toBeUndefined();
  });

  it("a skill's scripts: by folder, extension, exec bit or #! line; its prose is not hashed", () => {
    const skill = item("skill", "deploy", { name: "deploy" }, "---\nname: deploy\n---\nRun the script.\n");
    const assets = new Map<string, string | Uint8Array>([
      ["skills/deploy/scripts/go", "echo go"],
      ["skills/deploy/run.py", "print(1)"],
      ["skills/deploy/tool", "#!/usr/bin/env node\n"],
      ["skills/deploy/bin-tool", new Uint8Array([0x7f, 0x45])],
      ["skills/deploy/reference.md", "# notes"],
    ]);
    const e = executableOf({ item: skill, assets, executable: new Set(["skills/deploy/bin-tool"]) });
    expect(e?.parts.map((p) => p.detail).sort()).toEqual([
      "skills/deploy/bin-tool",
      "skills/deploy/run.py",
      "skills/deploy/scripts/go",
      "skills/deploy/tool",
    ]);
    const reworded = { ...skill, text: "---\nname: deploy\n---\nRun the deploy script.\n" };
    expect(
      executableOf({ item: reworded, assets, executable: new Set(["skills/deploy/bin-tool"]) })?.hash,
    ).toBe(e?.hash);
    expect(executableOf({ item: skill, assets: new Map([["skills/deploy/a.md", "x"]]) })).toBeUndefined();
  });

  it("shell a command runs while it loads, a pre-approved shell, and frontmatter hooks", () => {
    const cmd = item(
      "command",
      "ship",
      { "allowed-tools": "Bash(git push:*), Read" },
      "Status: !`git status --short`\n\n```!\ngit log -3\n```\n",
    );
    expect(executableOf({ item: cmd })?.parts).toEqual([
      { what: "load-shell", detail: "git status --short" },
      { what: "load-shell", detail: "git log -3" },
      { what: "allowed-shell", detail: "Bash(git push:*), Read" },
    ]);
    const gemini = item(
      "command",
      "diff",
      {},
      'prompt = "Review: !{git diff --staged}"\n',
      "commands/diff.toml",
    );
    expect(executableOf({ item: gemini })?.parts).toEqual([
      { what: "load-shell", detail: "!{git diff --staged}" },
    ]);
    const plain = item(
      "command",
      "plan",
      { "allowed-tools": ["Read", "Grep"] },
      "Plan the work; `!` is not shell.\n",
    );
    expect(executableOf({ item: plain })).toBeUndefined();
    const agent = item("agent", "a", { tools: "Bash", hooks: { Stop: [{ command: "say done" }] } });
    expect(executableOf({ item: agent })?.parts.map((p) => p.what)).toEqual(["frontmatter-hooks"]);
    expect(executableOf({ item: item("agent", "b", { tools: "Bash" }) })).toBeUndefined();
  });
});

describe("trust decisions", () => {
  it("trusted only with the same hash; a different one is changed, none is untrusted", () => {
    const e = executableOf({ item: hook("./fmt.sh") });
    if (!e) throw new Error("expected executable content");
    expect(trustState(e, { "hook:fmt": e.hash })).toBe("trusted");
    expect(trustState(e, { "hook:fmt": "0".repeat(64) })).toBe("changed");
    expect(trustState(e, undefined)).toBe("untrusted");
    expect(trustState(e, { "hook:other": e.hash })).toBe("untrusted");
  });

  it("the origin rule: built-in and project folders are the user's, everything else needs trust", () => {
    const cases = [
      [{ builtin: true, remote: false }, "builtin"],
      [{ builtin: false, remote: true }, "remote"],
      [{ builtin: false, remote: false, rel: "packs/team" }, "project"],
      [{ builtin: false, remote: false, rel: "node_modules/some-pack" }, "outside"],
      [{ builtin: false, remote: false, rel: "../shared/pack" }, "outside"],
      [{ builtin: false, remote: false }, "outside"],
    ] as const;
    for (const [s, origin] of cases) expect(originOf(s)).toBe(origin);
    expect(["builtin", "project", "outside", "remote"].filter((o) => needsTrust(o as "remote"))).toEqual([
      "outside",
      "remote",
    ]);
  });

  it("records: unlisted sources dropped, revoke replaces, grants merge", () => {
    const old = { a: { "hook:x": "1" }, gone: { "hook:y": "2" } };
    expect(nextRecords(old, ["a"])).toEqual({ a: { "hook:x": "1" } });
    expect(nextRecords(old, ["a"], { a: { "mcp:z": "3" } })).toEqual({ a: { "hook:x": "1", "mcp:z": "3" } });
    expect(nextRecords(old, ["a"], { a: { "mcp:z": "3" } }, ["a"])).toEqual({ a: { "mcp:z": "3" } });
    expect(nextRecords(old, ["a", "gone"], {}, ["a"])).toEqual({ gone: { "hook:y": "2" } });
  });
});
