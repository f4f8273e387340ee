import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { fileResolver, realDir } from "./files.js";
import { runHook } from "./run.js";

function project(): string {
  const root = mkdtempSync(join(tmpdir(), "cadre-hookfs-"));
  writeFileSync(join(root, "cadre.yaml"), "hosts: [claude-code]\n");
  return root;
}

const longOutput = (root: string, i: number) =>
  JSON.stringify({
    session_id: "s1",
    cwd: root,
    hook_event_name: "PostToolUse",
    tool_name: "Bash",
    tool_input: { command: `npm test ${i}` },
    tool_response: { stdout: "x\n".repeat(10_000), stderr: "" },
  });

describe("hook runtime file system", () => {
  it("never writes or prunes through a symlinked .cadre/captures (the user's *.log files stay)", async () => {
    const root = project();
    const logs = join(root, "my-logs");
    mkdirSync(logs);
    for (let i = 0; i < 60; i++)
      writeFileSync(join(logs, `build-${String(i).padStart(2, "0")}.log`), "mine\n");
    mkdirSync(join(root, ".cadre"));
    symlinkSync("../my-logs", join(root, ".cadre", "captures"));
    const r = await runHook(
      { id: "output-capture", host: "claude-code" },
      { stdin: Readable.from([longOutput(root, 1)]), env: {}, cwd: root, now: () => 0 },
    );
    // Fails open: the call goes ahead, nothing is written there, and the log names the path.
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe("");
    expect(readdirSync(logs)).toHaveLength(60);
    expect(readFileSync(join(root, ".cadre", "logs", "hooks.log"), "utf8")).toMatch(
      /\.cadre\/captures is a symbolic link/,
    );
  });

  it("refuses a symlinked .cadre/state and a .cadre that is a link", async () => {
    const root = project();
    const elsewhere = mkdtempSync(join(tmpdir(), "cadre-elsewhere-"));
    mkdirSync(join(root, ".cadre"));
    symlinkSync(elsewhere, join(root, ".cadre", "state"));
    const fail = JSON.stringify({
      session_id: "s1",
      cwd: root,
      hook_event_name: "PostToolUseFailure",
      tool_name: "Bash",
      tool_input: { command: "make" },
      error: "Exit code 2",
    });
    const r = await runHook(
      { id: "loop-cap", host: "claude-code" },
      { stdin: Readable.from([fail]), env: {}, cwd: root },
    );
    expect(JSON.parse(r.stdout).reason).toMatch(/\.cadre\/state is a symbolic link/);
    expect(readdirSync(elsewhere)).toEqual([]);

    const root2 = project();
    symlinkSync(elsewhere, join(root2, ".cadre"));
    await expect(realDir(root2, ".cadre/captures")).rejects.toThrow(/^\.cadre is a symbolic link/);
    writeFileSync(join(root2, "x"), "");
    await expect(realDir(root2, "x/y")).rejects.toThrow(/^x is not a folder/);
    expect(existsSync(join(elsewhere, "captures"))).toBe(false);
  });

  it("resolves links for the guard: existing, dangling, through a parent link, outside the root", () => {
    const root = project();
    writeFileSync(join(root, "cadre.lock"), "");
    mkdirSync(join(root, ".git"));
    symlinkSync("cadre.lock", join(root, "alias"));
    symlinkSync(".git", join(root, "g"));
    symlinkSync("missing.lock", join(root, "dangling"));
    symlinkSync(tmpdir(), join(root, "out"));
    const f = fileResolver(root);
    expect(f.realpath(join(root, "alias"))).toBe(join(root, "cadre.lock"));
    expect(f.realpath(join(root, "g", "new", "file"))).toBe(join(root, ".git", "new", "file"));
    expect(f.realpath(join(root, "dangling"))).toBe(join(root, "missing.lock"));
    expect(f.realpath(join(root, "out", "x")).startsWith(join(root, "out"))).toBe(false);
    expect(f.realpath(join(root, "plain.txt"))).toBe(join(root, "plain.txt"));
    expect(f.isDir(join(root, "g"))).toBe(true);
    expect(f.isDir(join(root, "alias"))).toBe(false);
  });
});
