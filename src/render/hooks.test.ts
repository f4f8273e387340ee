import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parse as parseToml } from "smol-toml";
import { afterAll, describe, expect, it } from "vitest";
import { targetOf } from "../hosts/define.js";
import { HOSTS } from "../hosts/registry.js";
import { clineScript, hookCommand, hookMatcher, renderHook, shellQuote } from "./hooks.js";

const guard = {
  id: "protected-paths",
  description: "x",
  event: "pre-tool-use",
  matcher: ["edit", "write", "shell"],
  handler: { builtin: "protected-paths" },
  failure: "closed",
  config: { paths: ["cadre.lock", ".git/", "package-lock.json", "pnpm-lock.yaml", "yarn.lock"] },
};
const target = (h: keyof typeof HOSTS) => {
  const t = targetOf(HOSTS[h], "hook");
  if (!t) throw new Error(h);
  return t;
};

describe("hook commands", () => {
  it("carry only the settings that differ from the handler's defaults", () => {
    expect(hookCommand("protected-paths", guard, "cursor")).toBe("cadre hook protected-paths --host cursor");
    expect(
      hookCommand(
        "secrets",
        { ...guard, failure: "open", matcher: ["edit"], config: { paths: [".env"] } },
        "codex",
      ),
    ).toBe(
      `cadre hook secrets --host codex --handler protected-paths --failure open --match edit --config '{"paths":[".env"]}'`,
    );
    expect(hookCommand("protected-paths", guard, "claude-code", "npx --no-install cadre")).toBe(
      "npx --no-install cadre hook protected-paths --host claude-code",
    );
    expect(hookCommand("x", { ...guard, handler: { command: "./x.sh --a" } }, "cursor")).toBe("./x.sh --a");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it("a Codex hook command with a managed-block marker line stays a string inside the block", () => {
    const command = "echo a\n# cadre:end\necho b";
    const r = renderHook("x", { ...guard, handler: { command } }, target("codex"));
    if (r.type !== "toml") throw new Error(r.type);
    expect(r.text.split("\n")).not.toContain("# cadre:end");
    const parsed = parseToml(r.text) as {
      hooks: { PreToolUse: Array<{ hooks: Array<{ command: string }> }> };
    };
    expect(parsed.hooks.PreToolUse[0]?.hooks[0]?.command).toBe(command);
  });

  it("maps tool classes (and Claude tool names) to each host's matcher", () => {
    const p = (h: keyof typeof HOSTS) => target(h).hooks as NonNullable<ReturnType<typeof target>["hooks"]>;
    expect(hookMatcher(guard as never, p("claude-code"))).toBe("Edit|MultiEdit|NotebookEdit|Write|Bash");
    expect(hookMatcher({ ...guard, matcher: ["Bash"] } as never, p("gemini-cli"))).toBe(
      "^(run_shell_command)$",
    );
    expect(hookMatcher({ ...guard, matcher: ["read"] } as never, p("codex"))).toBeNull();
    expect(hookMatcher({ ...guard, matcher: ["*"] } as never, p("cursor"))).toBeUndefined();
  });

  it("skips what a host cannot run, and never installs an unknown built-in", () => {
    expect(
      renderHook(
        "x",
        { ...guard, event: "session-start", handler: { builtin: "session-bootstrap" } },
        target("devin"),
      ),
    ).toMatchObject({ type: "skip" });
    expect(
      renderHook("x", { ...guard, handler: { builtin: "protect-paths" } }, target("claude-code")),
    ).toMatchObject({
      type: "skip",
      warning: true,
    });
    expect(renderHook("x", { ...guard, event: "session-start" }, target("claude-code"))).toMatchObject({
      type: "skip",
      warning: true,
    });
    // Copilot runs hooks on every tool: cadre hook filters a command by its matcher, which must be names.
    const f = renderHook(
      "f",
      { ...guard, event: "post-tool-use", handler: { command: "./f.sh" }, matcher: ["Edit"] },
      target("copilot"),
    );
    expect(f.type === "file" && JSON.parse(f.content).hooks.postToolUse[0].bash).toBe(
      "cadre hook f --host copilot --match edit --run ./f.sh",
    );
    expect(
      renderHook(
        "f",
        { ...guard, event: "post-tool-use", handler: { command: "./f.sh" }, matcher: ["mcp__.*"] },
        target("copilot"),
      ),
    ).toMatchObject({ type: "skip", warning: true, reason: expect.stringContaining("mcp__.*") });
  });
});

describe("Cline's per-event script", () => {
  const dir = mkdtempSync(join(tmpdir(), "cadre-cline-script-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const payload = (toolName: string) =>
    `${JSON.stringify(
      {
        clineVersion: "3.36.0",
        hookName: "PreToolUse",
        taskId: "t1",
        workspaceRoots: [dir],
        preToolUse: { toolName, parameters: { command: "ls" } },
      },
      null,
      2,
    )}\n`;
  const sh = (script: string, input: string) => {
    const r = spawnSync("sh", ["-c", script, "PreToolUse"], { cwd: dir, input, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };
  const hook = (name: string, command: string, tools?: string[]) => ({
    name,
    event: "PreToolUse",
    command,
    ...(tools ? { tools } : {}),
  });

  it("is cadre's, POSIX sh, and names its hooks", () => {
    const s = clineScript(
      "PreToolUse",
      [hook("protected-paths", "cadre hook protected-paths --host cline")],
      "user",
    );
    expect(s.startsWith("#!/bin/sh\n# Cline's PreToolUse hook, written by cadre")).toBe(true);
    expect(s).toContain("run 'cadre hook protected-paths --host cline'");
    expect(s).toContain("cadre uninstall");
    const n = spawnSync("sh", ["-n"], { input: s, encoding: "utf8" });
    expect(n.status, n.stderr).toBe(0);
  });

  it("joins the commands' context, every command reading the same input", () => {
    const s = clineScript(
      "PreToolUse",
      [
        hook(
          "a",
          `grep -q '"toolName": "execute_command"' && printf '%s\\n' '{"cancel": false, "contextModification": "A said \\"hi\\"\\n"}'`,
        ),
        hook("b", `cat >/dev/null; printf 'log line\n{"contextModification":"B"}\n'`),
        hook("c", "cat >/dev/null; exit 3"),
      ],
      "user",
    );
    const out = JSON.parse(sh(s, payload("execute_command")));
    expect(out).toEqual({ cancel: false, contextModification: 'A said "hi"\n\n\nB' });
  });

  it("answers with the first cancel and runs nothing after it", () => {
    const marker = join(dir, "ran");
    const s = clineScript(
      "PreToolUse",
      [
        hook("a", `echo '{"contextModification":"ignored"}'`),
        hook(
          "b",
          `cat >/dev/null; echo 'checking'; echo '{"cancel":true,"errorMessage":"no: cadre.lock is protected"}'`,
        ),
        hook("c", `touch ${marker}`),
      ],
      "user",
    );
    const out = sh(s, payload("execute_command"));
    expect(out).toBe('checking\n{"cancel":true,"errorMessage":"no: cadre.lock is protected"}\n');
    expect(existsSync(marker)).toBe(false);
  });

  it("has no opinion when a command is missing, and runs a hook only for its tools", () => {
    const s = clineScript(
      "PreToolUse",
      [
        hook("gone", "cadre-not-installed-anywhere hook protected-paths --host cline"),
        hook("shell-only", `echo '{"cancel":true,"errorMessage":"shell"}'`, [
          "execute_command",
          "apply_patch",
        ]),
      ],
      "user",
    );
    expect(JSON.parse(sh(s, payload("read_file")))).toEqual({ cancel: false });
    expect(JSON.parse(sh(s, payload("execute_command")))).toEqual({ cancel: true, errorMessage: "shell" });
  });

  it("runs the commands in the project: the script's own (project) or the first workspace root (global)", () => {
    const proj = join(dir, "proj");
    const at = join(proj, ".clinerules", "hooks", "PreToolUse");
    mkdirSync(dirname(at), { recursive: true });
    const pwd = [hook("where", `cat >/dev/null; printf '{"contextModification":"%s"}\\n' "$(pwd -P)"`)];
    writeFileSync(at, clineScript("PreToolUse", pwd, "project"), { mode: 0o755 });
    const r = spawnSync(at, [], { cwd: tmpdir(), input: payload("read_file"), encoding: "utf8" });
    expect(JSON.parse(r.stdout).contextModification).toBe(realpathSync(proj));
    expect(
      JSON.parse(sh(clineScript("PreToolUse", pwd, "user"), payload("read_file"))).contextModification,
    ).toBe(realpathSync(dir));
  });

  it("is rendered from a hook item for Cline, with the item's tools", () => {
    const r = renderHook("protected-paths", guard, target("cline"));
    expect(r).toEqual({
      type: "script",
      entries: [
        {
          event: "PreToolUse",
          command: "cadre hook protected-paths --host cline",
          tools: ["replace_in_file", "apply_patch", "write_to_file", "new_rule", "execute_command"],
        },
      ],
    });
  });
});

describe("OpenCode's plugin runs on V1 and V2", () => {
  const dir = mkdtempSync(join(tmpdir(), "cadre-opencode-plugin-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A pack command that denies every call, and one that adds context: the plugin only relays answers.
  const plugin = async (name: string, event: string, answer: string) => {
    const r = renderHook(name, { event, handler: { command: `echo '${answer}'` } }, target("opencode"));
    if (r.type !== "file") throw new Error(r.type);
    const file = join(dir, `cadre-${name}.mjs`);
    writeFileSync(file, r.content);
    return (await import(file)).default as {
      id: string;
      setup: (ctx: unknown) => Promise<void>;
      server: (i: {
        directory: string;
      }) => Promise<Record<string, (i: unknown, o: unknown) => Promise<void>>>;
    };
  };
  /** A V2 context that records what setup registers. */
  const v2 = () => {
    const hooks = new Map<string, (e: unknown) => Promise<void>>();
    const ctx = {
      location: { directory: dir },
      tool: { hook: async (n: string, f: never) => void hooks.set(n, f) },
    };
    return { ctx, hooks };
  };

  it("V2: setup registers execute.before, and a denial throws", async () => {
    const p = await plugin("deny", "pre-tool-use", '{"decision":"deny","reason":"not here"}');
    expect(p.id).toBe("cadre-deny");
    const { ctx, hooks } = v2();
    await p.setup(ctx);
    expect([...hooks.keys()]).toEqual(["execute.before"]);
    await expect(
      hooks.get("execute.before")?.({ tool: "shell", sessionID: "s", input: { command: "x" } }),
    ).rejects.toThrow("not here");
  });

  it("V2: execute.after appends the context to the result's text parts", async () => {
    const p = await plugin("note", "post-tool-use", '{"context":"see the log"}');
    const { ctx, hooks } = v2();
    await p.setup(ctx);
    const event = {
      tool: "shell",
      sessionID: "s",
      input: {},
      result: { type: "text", value: "x" },
      output: { structured: {}, content: [{ type: "text", text: "out" }] },
    };
    await hooks.get("execute.after")?.(event);
    expect(event.output.content).toEqual([
      { type: "text", text: "out" },
      { type: "text", text: "see the log" },
    ]);
  });

  it("V1: server returns tool.execute.before, and a denial throws", async () => {
    const p = await plugin("deny1", "pre-tool-use", '{"decision":"deny","reason":"not here"}');
    const h = await p.server({ directory: dir });
    await expect(
      h["tool.execute.before"]?.({ tool: "bash", sessionID: "s" }, { args: { command: "x" } }),
    ).rejects.toThrow("not here");
  });
});

describe("Kiro and Windsurf hook files", () => {
  it("Kiro: one v1 file per hook, a trigger per event, an anchored tool regex", () => {
    const r = renderHook("protected-paths", guard, target("kiro"));
    if (r.type !== "file") throw new Error(r.type);
    const j = JSON.parse(r.content);
    expect(j.version).toBe("v1");
    expect(j.hooks).toEqual([
      {
        name: "cadre-protected-paths",
        trigger: "PreToolUse",
        matcher: "^(write|fs_write|str_replace|shell|execute_bash)$",
        action: { type: "command", command: "cadre hook protected-paths --host kiro" },
        timeout: 30,
        enabled: true,
      },
    ]);
    const save = renderHook(
      "fmt",
      { event: "file-saved", matcher: ["\\.ts$"], handler: { command: "npm run lint" } },
      target("kiro"),
    );
    if (save.type !== "file") throw new Error(save.type);
    expect(JSON.parse(save.content).hooks[0]).toMatchObject({ trigger: "PostFileSave", matcher: "\\.ts$" });
  });

  it("Windsurf: a prompt hook goes to pre_user_prompt, a stop hook to post_cascade_response", () => {
    const prompt = renderHook(
      "p",
      { event: "user-prompt-submit", handler: { command: "./p.sh" } },
      target("devin"),
    );
    const stop = renderHook("s", { event: "stop", handler: { command: "./s.sh" } }, target("devin"));
    if (prompt.type !== "keys" || stop.type !== "keys") throw new Error("keys");
    expect(prompt.entries.map((e) => e.key[1])).toEqual(["pre_user_prompt"]);
    expect(stop.entries.map((e) => e.key[1])).toEqual(["post_cascade_response"]);
  });
});
