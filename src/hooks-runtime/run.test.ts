import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { CADRE_GITIGNORE } from "../core/cadre-dir.js";
import { payloadCwd, readStdin, runHook, settingsOf } from "./run.js";

function stdin(text: string): Readable {
  return Readable.from([Buffer.from(text)]);
}

describe("cadre hook runtime", () => {
  it("reads stdin up to a cap and gives up after a timeout", async () => {
    await expect(readStdin(stdin("abc"))).resolves.toBe("abc");
    await expect(readStdin(stdin("x".repeat(100)), 10)).rejects.toThrow(/larger than 10 bytes/);
    await expect(readStdin(new PassThrough(), 100, 50)).rejects.toThrow(/no end of input/);
  });

  it("finds the call's folder: the payload's cwd, else (Cline) the workspace root it runs in, else the first", () => {
    expect(payloadCwd({ cwd: "/a/b", workspaceRoots: ["/c"] }, "/x")).toBe("/a/b");
    expect(payloadCwd({ workspaceRoots: ["/ws/one", "/ws/two"] }, "/ws/two")).toBe("/ws/two");
    expect(payloadCwd({ workspaceRoots: ["/ws/one", "/ws/two"] }, "/ws/two/src")).toBe("/ws/two/src");
    expect(payloadCwd({ workspaceRoots: ["/ws/one", "/ws/two"] }, "/")).toBe("/ws/one");
    expect(payloadCwd({ workspaceRoots: [] }, "/x")).toBe("/x");
    expect(payloadCwd(null, "/x")).toBe("/x");
  });

  it("takes the handler's defaults and what the command line changes", () => {
    expect(settingsOf({ id: "protected-paths", host: "claude-code" })).toMatchObject({
      handler: "protected-paths",
      event: "pre-tool-use",
      failure: "closed",
    });
    const s = settingsOf({
      id: "guard",
      host: "cursor",
      handler: "protected-paths",
      config: '{"paths":[".env"]}',
    });
    expect(s.config).toEqual({ paths: [".env"] });
    expect(() => settingsOf({ id: "nope", host: "cursor" })).toThrow(/unknown built-in/);
  });

  it("keeps loop-cap state per session under .cadre/state and writes captures", async () => {
    const root = mkdtempSync(join(tmpdir(), "cadre-hook-"));
    writeFileSync(join(root, "cadre.yaml"), "hosts: [claude-code]\n");
    mkdirSync(join(root, "src"));
    const fail = JSON.stringify({
      session_id: "s1",
      cwd: join(root, "src"),
      hook_event_name: "PostToolUseFailure",
      tool_name: "Bash",
      tool_input: { command: "make" },
      error: "Exit code 2",
    });
    const env = { stdin: stdin(fail), env: {}, cwd: root };
    const args = { id: "loop-cap", host: "claude-code", config: '{"max_repeats":2}' };
    expect((await runHook(args, env)).stdout).toBe("");
    const second = await runHook(args, { ...env, stdin: stdin(fail) });
    expect(JSON.parse(second.stdout)).toMatchObject({ decision: "block" });
    expect(readdirSync(join(root, ".cadre", "state"))).toEqual(["loop-cap-claude-code-s1.json"]);
    expect(readFileSync(join(root, ".cadre", ".gitignore"), "utf8")).toBe(CADRE_GITIGNORE);

    const long = JSON.stringify({
      session_id: "s1",
      cwd: root,
      hook_event_name: "PostToolUse",
      tool_name: "Bash",
      tool_input: { command: "npm test" },
      tool_response: { stdout: "x\n".repeat(10_000), stderr: "" },
    });
    const cap = await runHook(
      { id: "output-capture", host: "claude-code" },
      { ...env, stdin: stdin(long), now: () => 0 },
    );
    expect(cap.stdout).toContain(".cadre/captures/19700101T000000Z-npm-test.log");
    expect(readFileSync(join(root, ".cadre/captures/19700101T000000Z-npm-test.log"), "utf8")).toMatch(
      /^\$ npm test\n/,
    );
  });

  it("fails closed with a clear denial, open silently with a log line", async () => {
    const root = mkdtempSync(join(tmpdir(), "cadre-hook-"));
    writeFileSync(join(root, "cadre.yaml"), "");
    const env = { stdin: stdin("{not json"), env: {}, cwd: root };
    const closed = await runHook({ id: "protected-paths", host: "gemini-cli" }, env);
    expect(JSON.parse(closed.stdout)).toMatchObject({ decision: "deny" });
    expect(closed.stdout).toMatch(/fails closed/);
    const open = await runHook(
      { id: "output-capture", host: "gemini-cli" },
      { ...env, stdin: stdin("{not json") },
    );
    expect(open.exitCode).toBe(0);
    expect(JSON.parse(open.stdout)).toEqual({});
    expect(readFileSync(join(root, ".cadre/logs/hooks.log"), "utf8")).toMatch(
      /output-capture --host gemini-cli: .* \(allowed\)/,
    );
  });
});

describe("cadre hook --run: a third-party command filtered by tool (Copilot runs every hook on every tool)", () => {
  const args = { id: "check", host: "copilot", match: "shell,edit", run: `cat; echo; echo "$X"; exit 3` };
  const env = (payload: unknown) => ({
    stdin: stdin(JSON.stringify(payload)),
    env: { X: "from env" },
    cwd: "/",
  });

  it("runs the command for a matching tool, with the host's input, and passes its answer through", async () => {
    const payload = { cwd: "/", toolName: "bash", toolArgs: { command: "ls" } };
    const a = await runHook(args, env(payload));
    expect(a.exitCode).toBe(3);
    expect(a.stdout).toBe(`${JSON.stringify(payload)}\nfrom env\n`);
    expect((await runHook(args, env({ toolName: "str_replace", toolArgs: {} }))).exitCode).toBe(3);
  });

  it("stays silent for any other tool, and runs the command when the input names no tool", async () => {
    expect(await runHook(args, env({ toolName: "view", toolArgs: { path: "a" } }))).toEqual({
      exitCode: 0,
      stdout: "",
      stderr: "",
    });
    expect((await runHook(args, env({ prompt: "hi" }))).exitCode).toBe(3);
  });

  it("is parsed by the fast entry", async () => {
    const { parseHookArgs } = await import("../cli/hook-main.js");
    expect(parseHookArgs(["c", "--host", "copilot", "--match", "shell", "--run", "./x.sh a"])).toEqual({
      id: "c",
      host: "copilot",
      match: "shell",
      run: "./x.sh a",
    });
  });
});

describe("cadre hook fast entry", () => {
  it("parses plain arguments and leaves the rest to the full CLI", async () => {
    const { parseHookArgs } = await import("../cli/hook-main.js");
    expect(parseHookArgs(["protected-paths", "--host", "cursor"])).toEqual({
      id: "protected-paths",
      host: "cursor",
    });
    expect(parseHookArgs(["g", "--host=codex", "--config", '{"a":1}'])).toEqual({
      id: "g",
      host: "codex",
      config: '{"a":1}',
    });
    expect(parseHookArgs(["--help"])).toBeUndefined();
    expect(parseHookArgs(["x", "--host"])).toBeUndefined();
    expect(parseHookArgs(["x"])).toBeUndefined();
  });
});
