import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hookCommandsIn, hookScriptProblems, shellWords } from "./hook-scripts.js";

const root = mkdtempSync(join(tmpdir(), "cadre-hook-scripts-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function put(rel: string, text: string, mode = 0o644) {
  mkdirSync(join(root, rel, ".."), { recursive: true });
  writeFileSync(join(root, rel), text);
  chmodSync(join(root, rel), mode);
}

describe("doctor's hook script check", () => {
  it("reads the commands of JSON and TOML hook configs", () => {
    const json = JSON.stringify({
      hooks: { Stop: [{ hooks: [{ type: "command", command: "a" }] }] },
      command: "not a hook",
    });
    expect(hookCommandsIn(json, ".claude/settings.json")).toEqual(["a"]);
    expect(
      hookCommandsIn(`[[hooks.Stop]]\n[[hooks.Stop.hooks]]\ncommand = "b"\n`, ".codex/config.toml"),
    ).toEqual(["b"]);
    expect(
      hookCommandsIn(
        JSON.stringify({ version: 1, hooks: { sessionEnd: [{ bash: "c" }] } }),
        ".github/hooks/x.json",
      ),
    ).toEqual(["c"]);
    expect(shellWords(`X="a b" "$D/x y.sh" 'q' && rm -rf /`)).toEqual(["X=a b", "$D/x y.sh", "q"]);
  });

  it("reports a missing or non-executable script and an unset plugin variable, with the file", async () => {
    put(".claude/hooks/p/ok.sh", "#!/bin/sh\n", 0o755);
    put(".claude/hooks/p/plain.sh", "#!/bin/sh\n", 0o644);
    put(".claude/hooks/p/lib.py", "");
    const cmds = [
      `CLAUDE_PLUGIN_ROOT="$CLAUDE_PROJECT_DIR/.claude/hooks/p" "$CLAUDE_PROJECT_DIR/.claude/hooks/p/ok.sh"`,
      `python3 "$CLAUDE_PROJECT_DIR/.claude/hooks/p/lib.py"`,
      `"$CLAUDE_PROJECT_DIR"/.claude/hooks/p/plain.sh`,
      `python3 "$CLAUDE_PROJECT_DIR/.claude/hooks/p/gone.py"`,
      `bash "\${CLAUDE_PLUGIN_ROOT}/hooks/x.sh"`,
      "cadre hook loop-cap --host claude-code",
    ];
    put(
      ".claude/settings.json",
      JSON.stringify({
        hooks: { PreToolUse: cmds.map((command) => ({ hooks: [{ type: "command", command }] })) },
      }),
    );
    const found = await hookScriptProblems(root, { ".claude/settings.json": { items: ["p/hook:x"] } });
    expect(found.map((f) => [f.command, f.problems])).toEqual([
      [cmds[2], [".claude/hooks/p/plain.sh is not executable"]],
      [cmds[3], [".claude/hooks/p/gone.py is missing"]],
      [cmds[4], [expect.stringContaining("is set only inside a plugin or skill")]],
    ]);
    expect(found.every((f) => f.file === ".claude/settings.json")).toBe(true);
  });

  it("checks the command that `cadre hook --run` filters (Copilot), not the cadre launcher", async () => {
    const run = `CLAUDE_PLUGIN_ROOT="./.github/hooks/p" "./.github/hooks/p/gone.sh"`;
    const wrapped = `cadre hook pre-tool-use-1 --host copilot --match shell --run '${run}'`;
    put(
      ".github/hooks/cadre-x.json",
      JSON.stringify({ version: 1, hooks: { preToolUse: [{ bash: wrapped }] } }),
    );
    const found = await hookScriptProblems(root, { ".github/hooks/cadre-x.json": { items: ["p/hook:x"] } });
    expect(found.map((f) => f.problems)).toEqual([["./.github/hooks/p/gone.sh is missing"]]);
  });
});
