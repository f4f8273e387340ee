import { spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parse as parseToml } from "smol-toml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sample } from "../helpers/artifacts.js";
import { BIN, cadre, homeEnv } from "./helpers.js";

// init --yes + sync on a temp project, then run the hook commands cadre wrote into each host's config,
// with real payload shapes on stdin, the way the host would (sh -c, cadre on PATH).

const HOSTS = "claude-code,codex,cursor,gemini-cli,copilot,windsurf,opencode";
const base = mkdtempSync(join(tmpdir(), "cadre-hooks-e2e-"));
const dir = join(base, "proj");
const home = join(base, "home");
const shims = join(base, "bin");
const env = {
  ...homeEnv(home),
  PATH: `${shims}:${process.env.PATH}`,
};

const CURSOR_USER = `{
  "version": 1,
  "hooks": {
    "afterFileEdit": [{ "command": "./format.sh" }]
  }
}
`;

const USER_FILES: Record<string, string> = {
  ".claude/settings.json": `{
  "permissions": { "allow": ["Bash(npm test)"] },
  "hooks": {
    "PreToolUse": [
      { "matcher": "Bash", "hooks": [{ "type": "command", "command": "./scripts/my-guard.sh" }] }
    ]
  }
}
`,
  ".gemini/settings.json": `{
  // the user's own hook
  "hooks": {
    "BeforeTool": [{ "matcher": "write_file", "hooks": [{ "type": "command", "command": "./mine.sh" }] }]
  }
}
`,
  ".windsurf/hooks.json": `{
  "hooks": {
    "pre_run_command": [{ "command": "python3 ./audit.py", "show_output": false }]
  }
}
`,
};

/** Run a host's hook command line as the host does: through sh, JSON on stdin, in the project. */
function runHook(command: string, payload: unknown, extraEnv: Record<string, string> = {}) {
  const r = spawnSync("sh", ["-c", command], {
    cwd: dir,
    env: { ...process.env, ...env, ...extraEnv },
    input: JSON.stringify(payload),
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function read(p: string): string {
  return readFileSync(join(dir, p), "utf8");
}

/** The command of cadre's entry for `name` in an event's list (Claude/Gemini groups, Cursor/Windsurf handlers). */
function commandIn(list: unknown, name: string): string {
  for (const e of list as Array<Record<string, unknown>>) {
    const cmds = Array.isArray(e.hooks)
      ? (e.hooks as Array<{ command: string }>).map((h) => h.command)
      : [e.command as string];
    const c = cmds.find((x) => x?.includes(`cadre hook ${name} `));
    if (c) return c;
  }
  throw new Error(`no cadre hook ${name} in ${JSON.stringify(list)}`);
}

const root = () => dir;
const pre = {
  "claude-code": (tool: string, input: object) => ({
    session_id: "s1",
    transcript_path: "/tmp/t.jsonl",
    cwd: root(),
    permission_mode: "default",
    hook_event_name: "PreToolUse",
    tool_name: tool,
    tool_input: input,
    tool_use_id: "toolu_1",
  }),
};

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  mkdirSync(shims, { recursive: true });
  writeFileSync(join(shims, "cadre"), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(shims, "cadre"), 0o755);
  const files: Array<[string, string]> = [...Object.entries(USER_FILES), [".cursor/hooks.json", CURSOR_USER]];
  for (const [p, text] of files) {
    mkdirSync(join(dir, p, ".."), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  const r = await cadre(["init", "--yes", "--hosts", HOSTS], { cwd: dir, env });
  expect(r.code, r.stderr).toBe(0);
  const a = await cadre(["add", "hook:output-capture", "hook:session-bootstrap"], { cwd: dir, env });
  expect(a.code, a.stderr).toBe(0);
}, 60_000);

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("installed hooks answer in each host's protocol", () => {
  it("claude-code: .claude/settings.json keeps the user's hook and adds cadre's", () => {
    const s = JSON.parse(read(".claude/settings.json"));
    expect(s.permissions).toEqual({ allow: ["Bash(npm test)"] });
    expect(s.hooks.PreToolUse[0].hooks[0].command).toBe("./scripts/my-guard.sh");
    const cmd = commandIn(s.hooks.PreToolUse, "protected-paths");
    expect(cmd).toBe("cadre hook protected-paths --host claude-code");
    const deny = runHook(
      cmd,
      pre["claude-code"]("Edit", { file_path: join(dir, "cadre.lock"), old_string: "a", new_string: "b" }),
    );
    expect(deny.code).toBe(0);
    expect(JSON.parse(deny.stdout).hookSpecificOutput).toMatchObject({ permissionDecision: "deny" });
    const shell = runHook(cmd, pre["claude-code"]("Bash", { command: "sed -i 's/x/y/' package-lock.json" }));
    expect(JSON.parse(shell.stdout).hookSpecificOutput.permissionDecision).toBe("deny");
    const ok = runHook(cmd, pre["claude-code"]("Bash", { command: "cat cadre.lock && npm test" }));
    expect(ok).toMatchObject({ code: 0, stdout: "" });
  });

  it("claude-code: loop-cap trips on the 5th identical failure (PostToolUseFailure)", () => {
    const s = JSON.parse(read(".claude/settings.json"));
    const cmd = commandIn(s.hooks.PostToolUseFailure, "loop-cap");
    const fail = {
      session_id: "loop-1",
      cwd: dir,
      hook_event_name: "PostToolUseFailure",
      tool_name: "Bash",
      tool_input: { command: "npm run build" },
      tool_use_id: "t",
      error: "Exit code 1\nerror TS2304: Cannot find name 'x'.",
    };
    for (let i = 1; i <= 4; i++) expect(runHook(cmd, fail).stdout).toBe("");
    const fifth = JSON.parse(runHook(cmd, fail).stdout);
    expect(fifth.decision).toBe("block");
    expect(fifth.reason).toMatch(/failed 5 times in a row/);
  });

  it("claude-code: output-capture writes a capture file for long output", () => {
    const s = JSON.parse(read(".claude/settings.json"));
    const cmd = commandIn(s.hooks.PostToolUse, "output-capture");
    const out = runHook(cmd, {
      session_id: "s1",
      cwd: dir,
      hook_event_name: "PostToolUse",
      tool_name: "Bash",
      tool_input: { command: "npm test" },
      tool_response: {
        stdout: `${"ok line\n".repeat(3000)}FAIL src/a.test.ts\n`,
        stderr: "",
        interrupted: false,
      },
    });
    const ctx = JSON.parse(out.stdout).hookSpecificOutput.additionalContext as string;
    const path = /(\.cadre\/captures\/\S+\.log)/.exec(ctx)?.[1] as string;
    expect(existsSync(join(dir, path))).toBe(true);
    expect(ctx).toContain("FAIL src/a.test.ts");
  });

  it("claude-code: session-bootstrap lists what cadre installed", () => {
    const s = JSON.parse(read(".claude/settings.json"));
    const cmd = commandIn(s.hooks.SessionStart, "session-bootstrap");
    const out = runHook(cmd, {
      session_id: "s1",
      cwd: dir,
      hook_event_name: "SessionStart",
      source: "startup",
    });
    const ctx = JSON.parse(out.stdout).hookSpecificOutput.additionalContext as string;
    expect(ctx).toMatch(/skills \(\d+\): .*test-driven-development/);
    expect(ctx).toContain("Guards active: loop-cap, protected-paths");
  });

  it("codex: [[hooks.PreToolUse]] in config.toml; apply_patch on a protected file is denied", () => {
    const t = parseToml(read(".codex/config.toml")) as {
      hooks: Record<string, Array<{ hooks: Array<{ command: string }> }>>;
    };
    const cmd = commandIn(t.hooks.PreToolUse, "protected-paths");
    const payload = (file: string) => ({
      session_id: "c1",
      transcript_path: null,
      cwd: dir,
      hook_event_name: "PreToolUse",
      model: "gpt-5",
      tool_name: "apply_patch",
      tool_use_id: "call_1",
      tool_input: { command: `*** Begin Patch\n*** Update File: ${file}\n@@\n-a\n+b\n*** End Patch\n` },
    });
    expect(JSON.parse(runHook(cmd, payload("yarn.lock")).stdout).hookSpecificOutput.permissionDecision).toBe(
      "deny",
    );
    expect(runHook(cmd, payload("src/index.ts")).stdout).toBe("");
  });

  it("cursor: .cursor/hooks.json version 1; permission deny", () => {
    const h = JSON.parse(read(".cursor/hooks.json"));
    expect(h.version).toBe(1);
    const cmd = commandIn(h.hooks.preToolUse, "protected-paths");
    const payload = (command: string) => ({
      conversation_id: "c1",
      generation_id: "g1",
      hook_event_name: "preToolUse",
      workspace_roots: [dir],
      tool_name: "Shell",
      tool_input: { command },
      cwd: dir,
    });
    expect(JSON.parse(runHook(cmd, payload("rm -rf .git")).stdout)).toMatchObject({ permission: "deny" });
    expect(JSON.parse(runHook(cmd, payload("git status")).stdout)).toEqual({});
  });

  it("gemini-cli: BeforeTool decision deny; the user's hook and comment stay", () => {
    const text = read(".gemini/settings.json");
    expect(text).toContain("// the user's own hook");
    const s = parseJsonc(text);
    const cmd = commandIn(s.hooks.BeforeTool, "protected-paths");
    const payload = (file: string) => ({
      session_id: "g1",
      cwd: dir,
      hook_event_name: "BeforeTool",
      timestamp: "2026-11-22T05:00:00Z",
      tool_name: "write_file",
      tool_input: { file_path: join(dir, file), content: "x" },
    });
    expect(
      JSON.parse(runHook(cmd, payload("pnpm-lock.yaml"), { GEMINI_PROJECT_DIR: dir }).stdout),
    ).toMatchObject({
      decision: "deny",
    });
    expect(JSON.parse(runHook(cmd, payload("notes.md"), { GEMINI_PROJECT_DIR: dir }).stdout)).toEqual({});
  });

  it("copilot: .github/hooks/cadre-protected-paths.json; permissionDecision deny", () => {
    const h = JSON.parse(read(".github/hooks/cadre-protected-paths.json"));
    const cmd = h.hooks.preToolUse[0].bash as string;
    const payload = (command: string) => ({
      timestamp: 1,
      cwd: dir,
      toolName: "bash",
      toolArgs: JSON.stringify({ command }),
    });
    expect(JSON.parse(runHook(cmd, payload("echo x >> cadre.lock")).stdout)).toMatchObject({
      permissionDecision: "deny",
    });
    expect(runHook(cmd, payload("echo x >> notes.txt")).stdout).toBe("");
  });

  it("windsurf: exit 2 with the reason on stderr; the user's entry stays", () => {
    const h = JSON.parse(read(".windsurf/hooks.json"));
    expect(h.hooks.pre_run_command[0].command).toBe("python3 ./audit.py");
    const cmd = commandIn(h.hooks.pre_write_code, "protected-paths");
    const payload = (file: string) => ({
      agent_action_name: "pre_write_code",
      trajectory_id: "tr1",
      execution_id: "ex1",
      timestamp: "2026-11-22T05:00:00Z",
      tool_info: { file_path: join(dir, file), edits: [{ old_string: "a", new_string: "b" }] },
    });
    const deny = runHook(cmd, payload(".git/config"));
    expect(deny.code).toBe(2);
    expect(deny.stderr).toMatch(/\.git\/config/);
    expect(runHook(cmd, payload("src/a.ts")).code).toBe(0);
  });

  it("opencode: cadre's plugin throws the denial before a protected write and appends capture notes", async () => {
    const path = process.env.PATH;
    process.env.PATH = env.PATH;
    try {
      const load = async (name: string) =>
        (await import(pathToFileURL(join(dir, ".opencode", "plugins", `cadre-${name}.js`)).href)).default as {
          server: (ctx: {
            directory: string;
          }) => Promise<Record<string, (i: unknown, o: unknown) => Promise<void>>>;
        };
      // OpenCode V1 calls the default export's `server` (V2 reads its `id` and `setup`).
      const guard = await (await load("protected-paths")).server({ directory: dir });
      const onBefore = guard?.["tool.execute.before"];
      const call = { tool: "write", sessionID: "ses_1", callID: "c1" };
      await expect(
        onBefore?.(call, { args: { filePath: join(dir, "cadre.lock"), content: "x" } }),
      ).rejects.toThrow(/cadre\.lock/);
      await expect(
        onBefore?.({ ...call, tool: "bash" }, { args: { command: "ls -la" } }),
      ).resolves.toBeUndefined();
      const capture = await (await load("output-capture")).server({ directory: dir });
      const output = { title: "npm test", output: "line\n".repeat(5000), metadata: { exit: 1 } };
      await capture?.["tool.execute.after"]?.(
        { ...call, tool: "bash", args: { command: "npm test" } },
        output,
      );
      expect(output.output).toMatch(/Full output: \.cadre\/captures\/\S+\.log/);
    } finally {
      process.env.PATH = path;
    }
  });

  it("a missing cadre never blocks: the shell's exit 127 is a non-blocking error in every host", () => {
    const r = runHook(
      "cadre hook protected-paths --host claude-code",
      pre["claude-code"]("Edit", { file_path: "x" }),
      {
        PATH: "/usr/bin:/bin",
      },
    );
    expect(r.code).toBe(127);
  });

  it("doctor reports the guards and where cadre is", async () => {
    const ok = await cadre(["doctor", "--json"], { cwd: dir, env });
    const checks = JSON.parse(ok.stdout).data.checks as Array<{
      name: string;
      level: string;
      message: string;
    }>;
    expect(checks.find((c) => c.name === "hooks")).toMatchObject({ level: "ok" });
    const missing = await cadre(["doctor", "--json"], { cwd: dir, env: { ...env, PATH: "/usr/bin:/bin" } });
    const hooks = (
      JSON.parse(missing.stdout).data.checks as Array<{ name: string; level: string; message: string }>
    ).find((c) => c.name === "hooks");
    expect(hooks?.level).toBe("error");
    expect(hooks?.message).toMatch(/fail-closed guards loop-cap, protected-paths are NOT active/);
  });

  it("uninstall removes only cadre's entries: the user's files are byte-identical", async () => {
    const u = await cadre(["uninstall", "--yes"], { cwd: dir, env });
    expect(u.code, u.stderr).toBe(0);
    for (const [p, text] of Object.entries(USER_FILES)) expect(read(p), p).toBe(text);
    for (const p of [".github/hooks", ".codex/config.toml", ".opencode/plugins/cadre-protected-paths.js"])
      expect(existsSync(join(dir, p)), p).toBe(false);
    expect(readdirSync(join(dir, ".claude"))).toEqual(["settings.json"]);
    // Cursor: the user's hooks stay; cadre's entries go.
    expect(JSON.parse(read(".cursor/hooks.json")).hooks).toEqual({
      afterFileEdit: [{ command: "./format.sh" }],
    });
  });

  // Known gap in the owned-keys planner: a key that already holds the value cadre wants (the user's
  // `version: 1`) is adopted as cadre's, so uninstall removes it. Passes (as a failure) until that is fixed.
  it("uninstall keeps the `version: 1` the user's .cursor/hooks.json already had", () => {
    expect(read(".cursor/hooks.json")).toBe(CURSOR_USER);
  });
});

function parseJsonc(text: string): { hooks: Record<string, unknown[]> } {
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, ""));
}

describe("hooks.command in cadre.yaml (cadre as a project devDependency)", () => {
  it("writes the configured launcher, and the hook runs through it", async () => {
    const p = join(base, "dev");
    mkdirSync(join(p, "node_modules", ".bin"), { recursive: true });
    symlinkSync(join(BIN, "..", ".."), join(p, "node_modules", "cadre"));
    symlinkSync(join("..", "cadre", "bin", "cadre.js"), join(p, "node_modules", ".bin", "cadre"));
    writeFileSync(join(p, "package.json"), '{"name":"dev","private":true,"devDependencies":{"cadre":"*"}}\n');
    writeFileSync(
      join(p, "cadre.yaml"),
      'version: 1\nhosts: [claude-code]\nprofiles: []\ninclude: [hook:protected-paths]\nhooks: { command: "npx --no-install cadre" }\n',
    );
    const noPath = { ...env, PATH: `${join(process.execPath, "..")}:/usr/bin:/bin` };
    const r = await cadre(["sync"], { cwd: p, env: noPath });
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(readFileSync(join(p, ".claude/settings.json"), "utf8"));
    const cmd = s.hooks.PreToolUse[0].hooks[0].command as string;
    expect(cmd).toBe("npx --no-install cadre hook protected-paths --host claude-code");
    const out = spawnSync("sh", ["-c", cmd], {
      cwd: join(p, "node_modules", ".."),
      env: { ...process.env, ...noPath },
      input: JSON.stringify({ ...pre["claude-code"]("Bash", { command: "rm cadre.lock" }), cwd: p }),
      encoding: "utf8",
    });
    expect(JSON.parse(out.stdout).hookSpecificOutput.permissionDecision).toBe("deny");
    const d = await cadre(["doctor", "--json"], { cwd: p, env: noPath });
    const hooks = (JSON.parse(d.stdout).data.checks as Array<{ name: string; level: string }>).find(
      (c) => c.name === "hooks",
    );
    expect(hooks?.level).toBe("ok");
  }, 60_000);
});

describe("cline: one executable script per hook type in .clinerules/hooks/", () => {
  const p = join(base, "cline");
  const hooksDir = join(p, ".clinerules", "hooks");
  const MINE = "#!/bin/sh\n# the user's own PostToolUse hook\necho '{\"cancel\": false}'\n";
  const payload = (toolName: string, parameters: Record<string, string>) => ({
    clineVersion: "3.36.0",
    hookName: "PreToolUse",
    timestamp: "1763787600000",
    taskId: "1763787590123",
    workspaceRoots: [p],
    userId: "u-1",
    preToolUse: { toolName, parameters },
  });
  /** Run a hook script the way Cline does: the file itself (its exec bit and shebang), JSON on stdin. */
  const runScript = (name: string, input: unknown) => {
    const r = spawnSync(join(hooksDir, name), [], {
      cwd: home,
      env: { ...process.env, ...env },
      input: JSON.stringify(input),
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { cancel: boolean; errorMessage?: string; contextModification?: string };
  };
  let init: Awaited<ReturnType<typeof cadre>>;

  beforeAll(async () => {
    mkdirSync(hooksDir, { recursive: true });
    writeFileSync(join(hooksDir, "PostToolUse"), MINE);
    chmodSync(join(hooksDir, "PostToolUse"), 0o755);
    init = await cadre(["init", "--yes", "--hosts", "cline"], { cwd: p, env });
  }, 60_000);

  it("writes PreToolUse executable, and keeps the user's own PostToolUse with a proposal and a hint", () => {
    expect(statSync(join(hooksDir, "PreToolUse")).mode & 0o111).toBe(0o111);
    expect(readFileSync(join(hooksDir, "PreToolUse"), "utf8")).toMatch(
      /^#!\/bin\/sh\n# Cline's PreToolUse hook, written by cadre/,
    );
    expect(readFileSync(join(hooksDir, "PostToolUse"), "utf8")).toBe(MINE);
    expect(existsSync(join(hooksDir, "PostToolUse.cadre-proposed"))).toBe(true);
    expect(init.stderr).toMatch(/PostToolUse: a script cadre did not write is in the way/);
    expect(init.stderr).toMatch(/install it as a command hook/);
    const lock = JSON.parse(readFileSync(join(p, "cadre.lock"), "utf8"));
    expect(lock.files[".clinerules/hooks/PreToolUse"]).toMatchObject({ executable: true, hosts: ["cline"] });
  });

  it("PreToolUse cancels an edit of cadre.lock or a shell write to it, and lets harmless calls through", () => {
    const edit = runScript("PreToolUse", payload("replace_in_file", { path: "cadre.lock", diff: "x" }));
    expect(edit.cancel).toBe(true);
    expect(edit.errorMessage).toMatch(/cadre\.lock/);
    const shell = runScript(
      "PreToolUse",
      payload("execute_command", { command: "echo x > cadre.lock", requires_approval: "false" }),
    );
    expect(shell.cancel).toBe(true);
    expect(runScript("PreToolUse", payload("write_to_file", { path: "src/a.ts", content: "x" }))).toEqual({
      cancel: false,
    });
    expect(
      runScript(
        "PreToolUse",
        payload("execute_command", { command: "git status", requires_approval: "false" }),
      ),
    ).toEqual({ cancel: false });
    expect(runScript("PreToolUse", payload("read_file", { path: "cadre.lock" }))).toEqual({ cancel: false });
  });

  it("a lost exec bit shows in sync --check and is restored by sync", async () => {
    chmodSync(join(hooksDir, "PreToolUse"), 0o644);
    const check = await cadre(["sync", "--check", "--json"], { cwd: p, env });
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/lost its exec bit/);
    await cadre(["sync"], { cwd: p, env });
    expect(statSync(join(hooksDir, "PreToolUse")).mode & 0o100).toBe(0o100);
  });

  it("uninstall removes cadre's scripts and leaves the user's own", async () => {
    const u = await cadre(["uninstall", "--yes"], { cwd: p, env });
    expect(u.code, u.stderr).toBe(0);
    expect(existsSync(join(hooksDir, "PreToolUse"))).toBe(false);
    expect(readFileSync(join(hooksDir, "PostToolUse"), "utf8")).toBe(MINE);
  });
});

// A Claude plugin whose hooks run a script of the plugin through ${CLAUDE_PLUGIN_ROOT}, one command on two
// matchers (test/fixtures/plugin-hooks), installed into Claude Code and Codex, then run as each host would.
describe("plugin hooks with scripts work where they land", () => {
  const pbase = mkdtempSync(join(tmpdir(), "cadre-plugin-hooks-e2e-"));
  const proj = join(pbase, "proj");
  const payload = {
    session_id: "s1",
    cwd: proj,
    hook_event_name: "PreToolUse",
    tool_name: "Bash",
    tool_input: { command: "ls" },
  };
  const run = (command: string, extra: Record<string, string> = {}) =>
    spawnSync("sh", ["-c", command], {
      cwd: proj,
      env: { ...process.env, ...env, ...extra },
      input: JSON.stringify(payload),
      encoding: "utf8",
    });
  beforeAll(async () => {
    cpSync(join(import.meta.dirname, "..", "fixtures", "plugin-hooks"), join(pbase, "guardian"), {
      recursive: true,
    });
    mkdirSync(proj);
    writeFileSync(
      join(proj, "cadre.yaml"),
      "version: 1\nhosts: [claude-code, codex]\nsources: [../guardian]\nprofiles: []\ninclude: [guardian/*]\n",
    );
    // A folder outside the project runs code only once trusted: `cadre trust` records it and syncs.
    const first = await cadre(["sync"], { cwd: proj, env });
    expect(first.stderr).toMatch(/not installed: it runs code from \.\.\/guardian/);
    const r = await cadre(["trust", "../guardian"], { cwd: proj, env });
    expect(r.code, r.stderr + r.stdout).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(pbase, { recursive: true, force: true }));

  it("claude-code: two entries for two matchers, the script copied executable, the command runs it", () => {
    const s = JSON.parse(readFileSync(join(proj, ".claude/settings.json"), "utf8"));
    const pre = s.hooks.PreToolUse as Array<{ matcher: string; hooks: Array<{ command: string }> }>;
    expect(pre.map((e) => e.matcher)).toEqual(["Bash", "Edit|Write"]);
    const command = pre[0]?.hooks[0]?.command as string;
    expect(pre[1]?.hooks[0]?.command).toBe(command);
    expect(command).not.toContain("CLAUDE_PLUGIN_ROOT}");
    expect(statSync(join(proj, ".claude/hooks/guardian/hooks/check.sh")).mode & 0o111).not.toBe(0);
    const out = run(command, { CLAUDE_PROJECT_DIR: proj });
    expect(out.stderr).toBe("");
    expect({ code: out.status, stdout: out.stdout }).toEqual({
      code: 0,
      stdout: '{"systemMessage":"guardian: checked Bash"}\n',
    });
    expect(s.hooks.Notification).toHaveLength(1);
    expect(s.hooks.Stop[0].hooks[0].type).toBe("prompt");
  });

  it("codex: two tables, and the command runs the copied script from the project", () => {
    const text = readFileSync(join(proj, ".codex/config.toml"), "utf8");
    const toml = parseToml(text) as {
      hooks: Record<string, Array<{ matcher?: string; hooks: Array<{ command: string }> }>>;
    };
    expect(toml.hooks.PreToolUse).toHaveLength(2);
    const command = toml.hooks.PreToolUse?.[0]?.hooks[0]?.command as string;
    expect(statSync(join(proj, ".codex/hooks/guardian/hooks/check.sh")).mode & 0o111).not.toBe(0);
    const out = run(command);
    expect({ code: out.status, stdout: out.stdout }).toEqual({
      code: 0,
      stdout: '{"systemMessage":"guardian: checked Bash"}\n',
    });
  });

  it("doctor passes, and names a hook script that lost its exec bit", async () => {
    const ok = await cadre(["doctor"], { cwd: proj, env });
    expect(ok.stdout).not.toMatch(/hook-scripts/);
    chmodSync(join(proj, ".claude/hooks/guardian/hooks/check.sh"), 0o644);
    const bad = await cadre(["doctor"], { cwd: proj, env });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(
      /✗ hook-scripts +\.claude\/settings\.json: .*\.claude\/hooks\/guardian\/hooks\/check\.sh is not executable/,
    );
  });
});

// pipeline-strict on every host with hooks: the installed pipeline-gate, run as the host runs it, denies a
// source edit while the run is before execute and allows it from execute on, in the host's own protocol;
// where the host's stop can block, the stop gate holds the turn until the phase's artifact validates.
describe("pipeline-gate in each host with hooks", () => {
  const pbase = mkdtempSync(join(tmpdir(), "cadre-pipeline-gate-e2e-"));
  const p = join(pbase, "proj");
  const ALL = "claude-code,codex,cursor,gemini-cli,copilot,windsurf,opencode,cline,kiro,antigravity";
  let id = "";
  const file = (rel: string) => readFileSync(join(p, rel), "utf8");
  const sh = (command: string, payload: unknown, extra: Record<string, string> = {}) => {
    const r = spawnSync("sh", ["-c", command], {
      cwd: p,
      env: { ...process.env, ...env, ...extra },
      input: JSON.stringify(payload),
      encoding: "utf8",
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const target = (rel: string) => join(p, rel);
  type Answer = { code: number | null; stdout: string; stderr: string };
  /** Per host: the installed command (or script) run on an edit of `rel`, and whether the answer blocks it. */
  const HOST_GATES: Record<string, { call: (rel: string) => Answer; blocks: (a: Answer) => boolean }> = {
    "claude-code": {
      call: (rel) =>
        sh(commandIn(JSON.parse(file(".claude/settings.json")).hooks.PreToolUse, "pipeline-gate"), {
          session_id: "s1",
          cwd: p,
          hook_event_name: "PreToolUse",
          tool_name: "Edit",
          tool_input: { file_path: target(rel), old_string: "a", new_string: "b" },
        }),
      blocks: (a) =>
        a.stdout !== "" && JSON.parse(a.stdout).hookSpecificOutput?.permissionDecision === "deny",
    },
    codex: {
      call: (rel) =>
        sh(
          commandIn(
            (parseToml(file(".codex/config.toml")) as { hooks: Record<string, unknown[]> }).hooks.PreToolUse,
            "pipeline-gate",
          ),
          {
            session_id: "c1",
            cwd: p,
            hook_event_name: "PreToolUse",
            tool_name: "apply_patch",
            tool_input: { command: `*** Begin Patch\n*** Update File: ${rel}\n@@\n-a\n+b\n*** End Patch\n` },
          },
        ),
      blocks: (a) =>
        a.stdout !== "" && JSON.parse(a.stdout).hookSpecificOutput?.permissionDecision === "deny",
    },
    cursor: {
      call: (rel) =>
        sh(commandIn(JSON.parse(file(".cursor/hooks.json")).hooks.preToolUse, "pipeline-gate"), {
          conversation_id: "c1",
          hook_event_name: "preToolUse",
          workspace_roots: [p],
          tool_name: "Write",
          tool_input: { file_path: target(rel), contents: "x" },
          cwd: p,
        }),
      blocks: (a) => JSON.parse(a.stdout).permission === "deny",
    },
    "gemini-cli": {
      call: (rel) =>
        sh(
          commandIn(parseJsonc(file(".gemini/settings.json")).hooks.BeforeTool, "pipeline-gate"),
          {
            session_id: "g1",
            cwd: p,
            hook_event_name: "BeforeTool",
            tool_name: "write_file",
            tool_input: { file_path: target(rel), content: "x" },
          },
          { GEMINI_PROJECT_DIR: p },
        ),
      blocks: (a) => JSON.parse(a.stdout).decision === "deny",
    },
    copilot: {
      call: (rel) =>
        sh(JSON.parse(file(".github/hooks/cadre-pipeline-gate.json")).hooks.preToolUse[0].bash, {
          timestamp: 1,
          cwd: p,
          toolName: "bash",
          toolArgs: JSON.stringify({ command: `echo x > ${rel}` }),
        }),
      blocks: (a) => a.stdout !== "" && JSON.parse(a.stdout).permissionDecision === "deny",
    },
    windsurf: {
      call: (rel) =>
        sh(commandIn(JSON.parse(file(".windsurf/hooks.json")).hooks.pre_write_code, "pipeline-gate"), {
          agent_action_name: "pre_write_code",
          trajectory_id: "tr1",
          execution_id: "ex1",
          tool_info: { file_path: target(rel), edits: [{ old_string: "a", new_string: "b" }] },
        }),
      blocks: (a) => a.code === 2,
    },
    cline: {
      call: (rel) => {
        const r = spawnSync(join(p, ".clinerules/hooks/PreToolUse"), [], {
          cwd: p,
          env: { ...process.env, ...env },
          input: JSON.stringify({
            hookName: "PreToolUse",
            taskId: "t1",
            workspaceRoots: [p],
            preToolUse: { toolName: "write_to_file", parameters: { path: rel, content: "x" } },
          }),
          encoding: "utf8",
        });
        return { code: r.status, stdout: r.stdout, stderr: r.stderr };
      },
      blocks: (a) => JSON.parse(a.stdout).cancel === true,
    },
    kiro: {
      call: (rel) =>
        sh(JSON.parse(file(".kiro/hooks/cadre-pipeline-gate.json")).hooks[0].action.command, {
          hook_event_name: "PreToolUse",
          cwd: p,
          tool_name: "fs_write",
          tool_input: { command: "create", path: target(rel), file_text: "x" },
        }),
      blocks: (a) => a.code === 2,
    },
    antigravity: {
      call: (rel) =>
        sh(commandIn(JSON.parse(file(".agents/hooks.json")).hooks.PreToolUse, "pipeline-gate"), {
          conversationId: "conv-1",
          toolCall: { name: "replace_file_content", args: { TargetFile: target(rel), Instruction: "x" } },
          workspacePaths: [p],
        }),
      blocks: (a) => JSON.parse(a.stdout).decision === "deny",
    },
  };
  /** OpenCode: cadre's plugin, loaded and called as OpenCode does; true when it throws the denial. */
  const opencodeBlocks = async (rel: string) => {
    const path = process.env.PATH;
    process.env.PATH = env.PATH;
    try {
      const href = pathToFileURL(join(p, ".opencode", "plugins", "cadre-pipeline-gate.js")).href;
      const plugin = (await import(`${href}?t=${Date.now()}`)).default as {
        server: (ctx: {
          directory: string;
        }) => Promise<Record<string, (i: unknown, o: unknown) => Promise<void>>>;
      };
      const hooks = await plugin.server({ directory: p });
      await hooks["tool.execute.before"]?.(
        { tool: "write", sessionID: "ses_1", callID: "c1" },
        { args: { filePath: target(rel), content: "x" } },
      );
      return false;
    } catch (e) {
      expect(String(e)).toMatch(/a source file/);
      return true;
    } finally {
      process.env.PATH = path;
    }
  };
  const STOP_GATES: Record<string, () => Answer> = {
    "claude-code": () =>
      sh(commandIn(JSON.parse(file(".claude/settings.json")).hooks.Stop, "pipeline-stop-gate"), {
        session_id: "s1",
        cwd: p,
        hook_event_name: "Stop",
        stop_hook_active: false,
      }),
    codex: () =>
      sh(
        commandIn(
          (parseToml(file(".codex/config.toml")) as { hooks: Record<string, unknown[]> }).hooks.Stop,
          "pipeline-stop-gate",
        ),
        { session_id: "c1", cwd: p, hook_event_name: "Stop", turn_id: "t1" },
      ),
    cursor: () =>
      sh(commandIn(JSON.parse(file(".cursor/hooks.json")).hooks.stop, "pipeline-stop-gate"), {
        conversation_id: "c1",
        hook_event_name: "stop",
        status: "completed",
        loop_count: 0,
        workspace_roots: [p],
      }),
    "gemini-cli": () =>
      sh(
        commandIn(parseJsonc(file(".gemini/settings.json")).hooks.AfterAgent, "pipeline-stop-gate"),
        { session_id: "g1", cwd: p, hook_event_name: "AfterAgent", prompt: "x", prompt_response: "y" },
        { GEMINI_PROJECT_DIR: p },
      ),
  };
  const stopHolds = (host: string, a: Answer) => {
    const j = JSON.parse(a.stdout || "{}");
    return host === "cursor"
      ? typeof j.followup_message === "string"
      : j.decision === (host === "gemini-cli" ? "deny" : "block");
  };
  const run = (...args: string[]) => cadre(["run", ...args], { cwd: p, env });
  const artifact = (phase: string, kind: string) => {
    const schema = JSON.parse(
      readFileSync(join(import.meta.dirname, "../../library/schemas", `${kind}.schema.json`), "utf8"),
    );
    const d = join(p, ".cadre/runs", id, "artifacts", phase);
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, `${kind}.json`), `${JSON.stringify(sample(schema), null, 2)}\n`);
  };

  beforeAll(async () => {
    mkdirSync(p, { recursive: true });
    const r = await cadre(["init", "--yes", "--hosts", ALL, "--profile", "pipeline-strict"], { cwd: p, env });
    expect(r.code, r.stderr).toBe(0);
    const s = await run("start", "--workflow", "quick", "--intent", "gate check");
    expect(s.code, s.stderr).toBe(0);
    id = s.stdout.trim();
  }, 120_000);
  afterAll(() => rmSync(pbase, { recursive: true, force: true }));

  it("installs the stop gate only where the host's stop can keep the agent working", () => {
    for (const host of Object.keys(STOP_GATES)) expect(STOP_GATES[host], host).toBeDefined();
    expect(file(".claude/settings.json")).toContain("cadre hook pipeline-stop-gate --host claude-code");
    for (const other of [
      ".windsurf/hooks.json",
      ".github/hooks",
      ".kiro/hooks",
      ".clinerules/hooks/TaskComplete",
    ]) {
      const path = join(p, other);
      const text = statSync(path).isDirectory()
        ? readdirSync(path)
            .map((n) => readFileSync(join(path, n), "utf8"))
            .join("\n")
        : readFileSync(path, "utf8");
      expect(text, other).not.toContain("pipeline-stop-gate");
    }
  });

  it("before execute: every host's gate denies a source edit in its own protocol and lets the run's artifacts through", async () => {
    for (const [host, g] of Object.entries(HOST_GATES)) {
      const denied = g.call("src/app.ts");
      expect(g.blocks(denied), `${host}: ${denied.stdout}${denied.stderr}`).toBe(true);
      expect(denied.stdout + denied.stderr, host).toMatch(
        /src\/app\.ts, a source file\. Run \S+ \(workflow quick\) is in phase clarify, before execute/,
      );
      const ok = g.call(`.cadre/runs/${id}/artifacts/clarify/clarification.json`);
      expect(g.blocks(ok), `${host}: ${ok.stdout}${ok.stderr}`).toBe(false);
    }
    expect(await opencodeBlocks("src/app.ts")).toBe(true);
    expect(await opencodeBlocks(`.cadre/runs/${id}/artifacts/clarify/clarification.json`)).toBe(false);
    // session-bootstrap shows the run to a new session.
    const boot = sh(
      commandIn(JSON.parse(file(".claude/settings.json")).hooks.SessionStart, "session-bootstrap"),
      {
        session_id: "s1",
        cwd: p,
        hook_event_name: "SessionStart",
        source: "startup",
      },
    );
    const ctx = JSON.parse(boot.stdout).hookSpecificOutput.additionalContext as string;
    expect(ctx).toContain(`Active pipeline run ${id}: workflow quick, depth standard, intent "gate check".`);
    expect(ctx).toContain("Phase: clarify (entered; role clarifier; the /clarify command).");
    expect(ctx).toContain("Guards active: loop-cap, pipeline-gate, pipeline-stop-gate, protected-paths");
    expect(ctx).toContain(`Next: \`cadre artifact new clarification --run ${id}\``);
  });

  it("where stop can block: the turn is held while the phase's artifact is missing, and let go once it validates", () => {
    for (const [host, stop] of Object.entries(STOP_GATES)) {
      const held = stop();
      expect(stopHolds(host, held), `${host}: ${held.stdout}${held.stderr}`).toBe(true);
      expect(held.stdout, host).toMatch(/its artifact clarification is missing/);
    }
    artifact("clarify", "clarification");
    for (const [host, stop] of Object.entries(STOP_GATES)) {
      const free = stop();
      expect(free.code, host).toBe(0);
      expect(stopHolds(host, free), `${host}: ${free.stdout}`).toBe(false);
    }
  });

  it("from execute on: every host's gate allows the same edit", async () => {
    for (const args of [
      ["gate", "approve", "clarify", "--reason", "scope agreed"],
      ["phase", "exit", "clarify"],
      ["phase", "enter", "plan"],
    ]) {
      const r = await run(...args);
      expect(r.code, r.stderr).toBe(0);
    }
    // Still before execute in plan.
    expect(HOST_GATES["claude-code"]?.blocks(HOST_GATES["claude-code"].call("src/app.ts"))).toBe(true);
    artifact("plan", "plan");
    for (const args of [
      ["gate", "approve", "plan", "--reason", "plan agreed"],
      ["phase", "exit", "plan"],
      ["phase", "enter", "execute"],
    ]) {
      const r = await run(...args);
      expect(r.code, r.stderr).toBe(0);
    }
    for (const [host, g] of Object.entries(HOST_GATES)) {
      const ok = g.call("src/app.ts");
      expect(g.blocks(ok), `${host}: ${ok.stdout}${ok.stderr}`).toBe(false);
      expect(ok.code, host).toBe(0);
    }
    expect(await opencodeBlocks("src/app.ts")).toBe(false);
    const denials = readFileSync(join(p, ".cadre/runs", id, "events.ndjson"), "utf8")
      .split("\n")
      .filter((l) => l.includes('"edit-denied"'));
    expect(denials.length).toBeGreaterThanOrEqual(11);
  });
});
