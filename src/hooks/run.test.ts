import { describe, expect, it } from "vitest";
import { normalise } from "./adapters.js";
import { type PathResolver, type RunContext, summarise } from "./handlers.js";
import { decide, failureAnswer, type HookSettings } from "./run.js";
import { shellTargets } from "./shell.js";
import type { HookHost } from "./types.js";

const root = "/home/u/proj";
const now = Date.UTC(2026, 10, 22, 5, 0, 0);

const guard: HookSettings = {
  handler: "protected-paths",
  event: "pre-tool-use",
  failure: "closed",
  config: { paths: ["cadre.lock", ".git/"] },
};

/** Real payload shapes per host (reference/hosts.md and the hosts' own docs). */
const PRE_EDIT: Record<HookHost, (path: string) => unknown> = {
  "claude-code": (p) => ({
    session_id: "abc123",
    transcript_path: "/home/u/.claude/projects/x/t.jsonl",
    cwd: root,
    permission_mode: "default",
    hook_event_name: "PreToolUse",
    tool_name: "Edit",
    tool_input: { file_path: `${root}/${p}`, old_string: "a", new_string: "b" },
    tool_use_id: "toolu_01",
  }),
  codex: (p) => ({
    session_id: "s1",
    transcript_path: null,
    cwd: root,
    hook_event_name: "PreToolUse",
    model: "gpt-5",
    turn_id: "t1",
    tool_name: "apply_patch",
    tool_use_id: "call_1",
    tool_input: { command: `*** Begin Patch\n*** Update File: ${p}\n@@\n-a\n+b\n*** End Patch\n` },
  }),
  cursor: (p) => ({
    conversation_id: "c1",
    generation_id: "g1",
    model: "auto",
    hook_event_name: "preToolUse",
    cursor_version: "2.4.0",
    workspace_roots: [root],
    tool_name: "Write",
    tool_input: { file_path: `${root}/${p}`, contents: "x" },
    tool_use_id: "t1",
    cwd: root,
  }),
  "gemini-cli": (p) => ({
    session_id: "g1",
    transcript_path: "/tmp/t.json",
    cwd: root,
    hook_event_name: "BeforeTool",
    timestamp: "2026-11-22T05:00:00Z",
    tool_name: "replace",
    tool_input: { file_path: `${root}/${p}`, old_string: "a", new_string: "b" },
  }),
  copilot: (p) => ({
    timestamp: 1763787600000,
    cwd: root,
    toolName: "edit",
    toolArgs: JSON.stringify({ path: `${root}/${p}`, old_str: "a", new_str: "b" }),
  }),
  opencode: (p) => ({
    hook_event_name: "tool.execute.before",
    tool_name: "edit",
    tool_input: { filePath: `${root}/${p}`, oldString: "a", newString: "b" },
    session_id: "ses_1",
    cwd: root,
  }),
  cline: (p) => ({
    clineVersion: "3.36.0",
    hookName: "PreToolUse",
    timestamp: "1763787600000",
    taskId: "1763787590123",
    workspaceRoots: [root],
    userId: "u-1",
    preToolUse: {
      toolName: "replace_in_file",
      parameters: { path: p, diff: "------- SEARCH\na\n=======\nb\n+++++++ REPLACE" },
    },
  }),
  // Kiro CLI: hook_event_name, cwd, tool_name, tool_input (kiro.dev/docs/cli/hooks).
  kiro: (p) => ({
    hook_event_name: "PreToolUse",
    cwd: root,
    tool_name: "fs_write",
    tool_input: { command: "str_replace", path: `${root}/${p}`, old_str: "a", new_str: "b" },
  }),
  // Antigravity CLI: camelCase envelope, PascalCase tool arguments (websentry-ai/setup#104, agy 1.0.5).
  antigravity: (p) => ({
    conversationId: "conv-1",
    stepIdx: 4,
    toolCall: { name: "replace_file_content", args: { TargetFile: `${root}/${p}`, Instruction: "x" } },
    transcriptPath: "/home/u/.gemini/antigravity-cli/t.jsonl",
    workspacePaths: [root],
  }),
  windsurf: (p) => ({
    agent_action_name: "pre_write_code",
    trajectory_id: "tr1",
    execution_id: "ex1",
    timestamp: "2026-11-22T05:00:00Z",
    tool_info: { file_path: `${root}/${p}`, edits: [{ old_string: "a", new_string: "b" }] },
  }),
};

function run(host: HookHost, payload: unknown, settings = guard, state?: unknown) {
  return decide({ host, settings, payload, state, now, root, shell: shellTargets });
}

describe("protected-paths in each host's protocol", () => {
  it("claude-code: permissionDecision deny", () => {
    const out = run("claude-code", PRE_EDIT["claude-code"]("cadre.lock"));
    expect(out.answer.exitCode).toBe(0);
    const j = JSON.parse(out.answer.stdout);
    expect(j.hookSpecificOutput.hookEventName).toBe("PreToolUse");
    expect(j.hookSpecificOutput.permissionDecision).toBe("deny");
    expect(j.hookSpecificOutput.permissionDecisionReason).toMatch(/cadre\.lock/);
  });
  it("codex: apply_patch paths, permissionDecision deny", () => {
    const out = run("codex", PRE_EDIT.codex("cadre.lock"));
    expect(JSON.parse(out.answer.stdout).hookSpecificOutput.permissionDecision).toBe("deny");
  });
  it("cursor: permission deny", () => {
    const j = JSON.parse(run("cursor", PRE_EDIT.cursor(".git/config")).answer.stdout);
    expect(j.permission).toBe("deny");
    expect(j.agent_message).toMatch(/\.git\/config/);
  });
  it("gemini-cli: decision deny", () => {
    const j = JSON.parse(run("gemini-cli", PRE_EDIT["gemini-cli"]("cadre.lock")).answer.stdout);
    expect(j).toMatchObject({ decision: "deny" });
  });
  it("copilot: permissionDecision deny (toolArgs as a JSON string)", () => {
    const j = JSON.parse(run("copilot", PRE_EDIT.copilot("cadre.lock")).answer.stdout);
    expect(j).toMatchObject({ permissionDecision: "deny" });
  });
  it("opencode: decision deny for cadre's plugin to throw; apply_patch paths", () => {
    expect(JSON.parse(run("opencode", PRE_EDIT.opencode("cadre.lock")).answer.stdout)).toMatchObject({
      decision: "deny",
    });
    const patch = normalise("opencode", {
      hook_event_name: "tool.execute.before",
      tool_name: "apply_patch",
      tool_input: { patchText: "*** Begin Patch\n*** Delete File: yarn.lock\n*** End Patch" },
    });
    expect(patch.tool).toMatchObject({ class: "edit", paths: ["yarn.lock"] });
  });
  it("antigravity: decision deny with the reason; every other PreToolUse answer says allow, never {}", () => {
    // agy reads a PreToolUse answer without a decision as a denial of the call.
    const j = JSON.parse(run("antigravity", PRE_EDIT.antigravity("cadre.lock")).answer.stdout);
    expect(j).toMatchObject({ decision: "deny", reason: expect.stringMatching(/cadre\.lock/) });
    const shell = (CommandLine: string) => ({
      conversationId: "conv-1",
      toolCall: { name: "run_command", args: { CommandLine, Cwd: root } },
      workspacePaths: [root],
    });
    expect(normalise("antigravity", shell("ls"), "PreToolUse")).toMatchObject({
      event: "pre-tool-use",
      sessionId: "conv-1",
      cwd: root,
      tool: { class: "shell", command: "ls" },
    });
    expect(JSON.parse(run("antigravity", shell("rm -f cadre.lock")).answer.stdout).decision).toBe("deny");
    for (const payload of [
      shell("ls"),
      PRE_EDIT.antigravity("src/a.ts"),
      { toolCall: { name: "view_file" } },
    ])
      expect(JSON.parse(run("antigravity", payload).answer.stdout)).toEqual({ decision: "allow" });
    const failed = failureAnswer(
      "antigravity",
      shell("ls"),
      "guard",
      { event: "pre-tool-use", failure: "open" },
      "x",
    );
    expect(JSON.parse(failed.stdout)).toEqual({ decision: "allow" });
    const post = decide({
      host: "antigravity",
      settings: { handler: "output-capture", event: "post-tool-use", failure: "open", config: {} },
      payload: { ...shell("ls"), error: "exit status 1" },
      state: undefined,
      now,
      root,
    });
    expect(post.event.result).toMatchObject({ failed: true });
    expect(JSON.parse(post.answer.stdout)).toEqual({});
  });
  it("windsurf: exit 2 with the reason on stderr", () => {
    const a = run("windsurf", PRE_EDIT.windsurf("cadre.lock")).answer;
    expect(a.exitCode).toBe(2);
    expect(a.stderr).toMatch(/cadre\.lock/);
  });
  it("kiro: exit 2 with the reason on stderr; v3 shell and write tools, v2 event spelling", () => {
    const a = run("kiro", PRE_EDIT.kiro("cadre.lock")).answer;
    expect(a.exitCode).toBe(2);
    expect(a.stderr).toMatch(/cadre\.lock/);
    const shell = {
      hook_event_name: "preToolUse",
      cwd: root,
      tool_name: "shell",
      tool_input: { command: "rm cadre.lock" },
    };
    expect(normalise("kiro", shell)).toMatchObject({ event: "pre-tool-use", tool: { class: "shell" } });
    expect(run("kiro", shell).answer.exitCode).toBe(2);
    const write = {
      hook_event_name: "PreToolUse",
      cwd: root,
      tool_name: "write",
      tool_input: { path: ".git/config" },
    };
    expect(run("kiro", write).answer.exitCode).toBe(2);
  });
  it("cursor StrReplace and gemini grep_search are classed (edit, read)", () => {
    expect(
      normalise("cursor", {
        hook_event_name: "preToolUse",
        tool_name: "StrReplace",
        tool_input: { file_path: `${root}/cadre.lock` },
      }).tool?.class,
    ).toBe("edit");
    expect(
      JSON.parse(
        run("cursor", { ...(PRE_EDIT.cursor("x") as object), tool_name: "StrReplace" }).answer.stdout || "{}",
      ).permission,
    ).toBe(undefined);
    expect(
      JSON.parse(
        run("cursor", { ...(PRE_EDIT.cursor("cadre.lock") as object), tool_name: "StrReplace" }).answer
          .stdout,
      ).permission,
    ).toBe("deny");
    expect(
      normalise("gemini-cli", { hook_event_name: "BeforeTool", tool_name: "grep_search", tool_input: {} })
        .tool?.class,
    ).toBe("read");
  });
  it("windsurf pre_user_prompt and copilot agentStop / postToolUseFailure map to canonical events", () => {
    expect(
      normalise("windsurf", { agent_action_name: "pre_user_prompt", tool_info: { user_prompt: "hi" } }).event,
    ).toBe("user-prompt-submit");
    expect(normalise("windsurf", { agent_action_name: "post_cascade_response", tool_info: {} }).event).toBe(
      "stop",
    );
    expect(normalise("copilot", { cwd: root }, "agentStop").event).toBe("stop");
    const f = normalise(
      "copilot",
      { cwd: root, toolName: "bash", toolArgs: "{}", toolResult: { resultType: "failure" } },
      "postToolUseFailure",
    );
    expect(f).toMatchObject({ event: "post-tool-use", result: { failed: true } });
  });
  it("cline: cancel with errorMessage; the first workspace root is the cwd, taskId the session", () => {
    const a = run("cline", PRE_EDIT.cline("cadre.lock")).answer;
    expect(a.exitCode).toBe(0);
    const j = JSON.parse(a.stdout);
    expect(j.cancel).toBe(true);
    expect(j.errorMessage).toMatch(/cadre\.lock/);
    const ev = normalise("cline", PRE_EDIT.cline("src/a.ts"));
    expect(ev).toMatchObject({
      event: "pre-tool-use",
      hostEvent: "PreToolUse",
      cwd: root,
      sessionId: "1763787590123",
    });
    expect(ev.tool).toMatchObject({ name: "replace_in_file", class: "edit", paths: ["src/a.ts"] });
  });
  it("cline: execute_command, write_to_file and apply_patch are checked; read_file is not", () => {
    const call = (toolName: string, parameters: Record<string, string>) => ({
      ...(PRE_EDIT.cline("x") as object),
      preToolUse: { toolName, parameters },
    });
    const cancel = (p: unknown) => JSON.parse(run("cline", p).answer.stdout || "{}").cancel === true;
    expect(cancel(call("execute_command", { command: "rm -f cadre.lock", requires_approval: "true" }))).toBe(
      true,
    );
    expect(cancel(call("execute_command", { command: "cat cadre.lock", requires_approval: "false" }))).toBe(
      false,
    );
    expect(cancel(call("write_to_file", { path: ".git/config", content: "x" }))).toBe(true);
    expect(cancel(call("write_to_file", { absolutePath: `${root}/.git/HEAD`, content: "x" }))).toBe(true);
    expect(
      cancel(
        call("apply_patch", {
          input: "*** Begin Patch\n*** Update File: cadre.lock\n@@\n-a\n+b\n*** End Patch",
        }),
      ),
    ).toBe(true);
    expect(cancel(call("read_file", { path: "cadre.lock" }))).toBe(false);
    expect(normalise("cline", call("search_files", { path: ".", regex: "x" })).tool?.class).toBe("read");
  });
  it.each(Object.keys(PRE_EDIT) as HookHost[])("%s: a harmless edit passes without an opinion", (host) => {
    const a = run(host, PRE_EDIT[host]("src/app.ts")).answer;
    expect(a.exitCode).toBe(0);
    expect(a.stdout).not.toMatch(/deny|block/);
  });
  it("claude-code Bash: a shell write is denied, reading is not", () => {
    const bash = (command: string) => ({
      session_id: "s",
      cwd: root,
      hook_event_name: "PreToolUse",
      tool_name: "Bash",
      tool_input: { command, description: "x" },
    });
    expect(run("claude-code", bash("echo x > cadre.lock")).answer.stdout).toMatch(/deny/);
    expect(run("claude-code", bash("cat cadre.lock")).answer.stdout).toBe("");
  });
  it("gemini-cli run_shell_command and cursor Shell are shell tools", () => {
    const g = normalise("gemini-cli", {
      hook_event_name: "BeforeTool",
      tool_name: "run_shell_command",
      tool_input: { command: "rm -rf .git" },
    });
    expect(g.tool).toMatchObject({ class: "shell", command: "rm -rf .git" });
    const c = normalise("cursor", {
      hook_event_name: "preToolUse",
      tool_name: "Shell",
      tool_input: { command: "ls" },
    });
    expect(c.tool?.class).toBe("shell");
  });
  it("codex argv commands (bash -lc) are unwrapped", () => {
    const e = normalise("codex", {
      hook_event_name: "PreToolUse",
      tool_name: "Bash",
      tool_input: { command: ["bash", "-lc", "rm cadre.lock"] },
    });
    expect(e.tool?.command).toBe("rm cadre.lock");
  });
});

describe("loop-cap", () => {
  const settings: HookSettings = {
    handler: "loop-cap",
    event: "post-tool-use",
    failure: "closed",
    config: { max_repeats: 3 },
  };
  const fail = {
    session_id: "s",
    cwd: root,
    hook_event_name: "PostToolUseFailure",
    tool_name: "Bash",
    tool_input: { command: "npm test" },
    error: "Exit code 1\nFAIL src/a.test.ts",
  };
  it("trips on the Nth identical failure, resets on success or another call", () => {
    let state: unknown;
    for (let i = 1; i <= 3; i++) {
      const out = run("claude-code", fail, settings, state);
      state = out.state;
      if (i < 3) expect(out.answer.stdout).toBe("");
      else expect(JSON.parse(out.answer.stdout)).toMatchObject({ decision: "block" });
    }
    expect(state).toMatchObject({ count: 3 });
    const other = run("claude-code", { ...fail, tool_input: { command: "npm run lint" } }, settings, state);
    expect(other.state).toMatchObject({ count: 1 });
    const ok = run(
      "claude-code",
      {
        ...fail,
        error: undefined,
        hook_event_name: "PostToolUse",
        tool_response: { stdout: "ok", stderr: "" },
      },
      settings,
      state,
    );
    expect(ok.state).toEqual({ count: 0 });
    const read = run(
      "claude-code",
      {
        ...fail,
        error: undefined,
        hook_event_name: "PostToolUse",
        tool_name: "Read",
        tool_input: { file_path: "a" },
        tool_response: "x",
      },
      settings,
      state,
    );
    expect(read.state).toBeUndefined();
  });
  it("reads failures from Gemini's tool_response.error and Codex exit codes", () => {
    const g = normalise("gemini-cli", {
      hook_event_name: "AfterTool",
      tool_name: "run_shell_command",
      tool_input: { command: "make" },
      tool_response: { llmContent: "Command: make\nExit Code: 2", returnDisplay: "", error: undefined },
    });
    expect(g.result).toMatchObject({ failed: true, exitCode: 2 });
    const c = normalise("codex", {
      hook_event_name: "PostToolUse",
      tool_name: "Bash",
      tool_input: { command: "make" },
      tool_response: { output: "boom", exit_code: 1 },
    });
    expect(c.result).toMatchObject({ failed: true, exitCode: 1 });
  });
  it("cline: counts PostToolUse success: false, and tells the agent as contextModification", () => {
    const post = (success: boolean) => ({
      clineVersion: "3.36.0",
      hookName: "PostToolUse",
      timestamp: "1763787600000",
      taskId: "t-9",
      workspaceRoots: [root],
      userId: "u-1",
      postToolUse: {
        toolName: "execute_command",
        parameters: { command: "npm test", requires_approval: "false" },
        result: success ? "Command executed.\nOutput:\nok" : "Command executed.\nOutput:\nFAIL src/a.test.ts",
        success,
        executionTimeMs: 1834,
      },
    });
    expect(normalise("cline", post(false)).result).toMatchObject({ failed: true });
    expect(normalise("cline", post(true)).result).toMatchObject({
      failed: false,
      output: expect.stringContaining("ok"),
    });
    let state: unknown;
    let last = "";
    for (let i = 0; i < 3; i++) {
      const out = run("cline", post(false), settings, state);
      state = out.state;
      last = out.answer.stdout;
    }
    const j = JSON.parse(last);
    expect(j.cancel).toBe(false);
    expect(j.contextModification).toMatch(/failed 3 times in a row/);
  });
  it("on pre-tool-use, refuses a call that already failed N times", () => {
    const pre = { ...fail, hook_event_name: "PreToolUse" };
    let state: unknown;
    for (let i = 0; i < 3; i++) state = run("claude-code", fail, settings, state).state;
    const out = run("claude-code", pre, { ...settings, event: "pre-tool-use" }, state);
    expect(JSON.parse(out.answer.stdout).hookSpecificOutput.permissionDecision).toBe("deny");
  });
});

describe("output-capture", () => {
  const settings: HookSettings = {
    handler: "output-capture",
    event: "post-tool-use",
    failure: "open",
    config: { threshold_bytes: 100 },
  };
  const long = Array.from({ length: 200 }, (_, i) =>
    i === 150 ? "ERROR: expected 1 got 2" : `line ${i}`,
  ).join("\n");
  it("writes a capture file and adds a summary as context", () => {
    const out = run(
      "claude-code",
      {
        session_id: "s",
        cwd: root,
        hook_event_name: "PostToolUse",
        tool_name: "Bash",
        tool_input: { command: "npm test" },
        tool_response: { stdout: long, stderr: "", interrupted: false },
      },
      settings,
    );
    expect(out.writes?.[0]?.path).toBe(".cadre/captures/20261122T050000Z-npm-test.log");
    expect(out.writes?.[0]?.content).toContain("line 199");
    const ctx = JSON.parse(out.answer.stdout).hookSpecificOutput.additionalContext as string;
    expect(ctx).toContain(".cadre/captures/20261122T050000Z-npm-test.log");
    expect(ctx).toContain("151: ERROR: expected 1 got 2");
    expect(ctx.length).toBeLessThan(long.length);
  });
  it("leaves short output and non-shell tools alone", () => {
    const short = run(
      "claude-code",
      {
        hook_event_name: "PostToolUse",
        tool_name: "Bash",
        tool_input: { command: "ls" },
        tool_response: { stdout: "a" },
      },
      settings,
    );
    expect(short.writes).toBeUndefined();
    const read = run(
      "claude-code",
      {
        hook_event_name: "PostToolUse",
        tool_name: "Read",
        tool_input: { file_path: "x" },
        tool_response: long,
      },
      settings,
    );
    expect(read.relevant).toBe(false);
  });
  it("summarise keeps head, tail and error lines", () => {
    const s = summarise(long);
    expect(s).toContain("First 8 lines:");
    expect(s).toContain("line 199");
    expect(s).not.toContain("line 100\n");
  });
});

describe("session-bootstrap", () => {
  it("lists installed items and the repo map as context", () => {
    const out = decide({
      host: "gemini-cli",
      settings: { handler: "session-bootstrap", event: "session-start", failure: "open", config: {} },
      payload: { hook_event_name: "SessionStart", source: "startup", session_id: "s", cwd: root },
      state: undefined,
      now,
      root,
      context: {
        host: "gemini-cli",
        items: ["builtin/skill:tdd", "builtin/agent:planner", "builtin/hook:protected-paths"],
        guards: ["protected-paths"],
        repoMap: "src/main.ts\n  main()",
      },
    });
    const ctx = JSON.parse(out.answer.stdout).hookSpecificOutput.additionalContext as string;
    expect(ctx).toContain("skills (1): tdd");
    expect(ctx).toContain("Guards active: protected-paths");
    expect(ctx).toContain("src/main.ts");
  });
});

describe("failure", () => {
  it("a fail-closed hook that breaks denies with a clear message; fail-open allows", () => {
    const closed = failureAnswer(
      "claude-code",
      "not json",
      "protected-paths",
      { event: "pre-tool-use", failure: "closed" },
      "boom",
    );
    const j = JSON.parse(closed.stdout);
    expect(j.hookSpecificOutput.permissionDecision).toBe("deny");
    expect(j.hookSpecificOutput.permissionDecisionReason).toMatch(
      /protected-paths failed \(boom\).*fails closed/,
    );
    const open = failureAnswer(
      "claude-code",
      {},
      "output-capture",
      { event: "post-tool-use", failure: "open" },
      "boom",
    );
    expect(open).toEqual({ exitCode: 0, stdout: "", stderr: "" });
  });
});

// --- pipeline-gate, run-summary and the run in output-capture -------------------------------------

/** Whether a host's answer blocks the call, read the way that host reads it. */
function blocks(host: HookHost, a: { exitCode: number; stdout: string; stderr: string }): boolean {
  if (host === "windsurf" || host === "kiro") return a.exitCode === 2;
  const j = a.stdout.trim() === "" ? {} : JSON.parse(a.stdout);
  switch (host) {
    case "claude-code":
    case "codex":
      return j.hookSpecificOutput?.permissionDecision === "deny";
    case "cursor":
      return j.permission === "deny";
    case "copilot":
      return j.permissionDecision === "deny";
    case "cline":
      return j.cancel === true;
    default:
      return j.decision === "deny";
  }
}

const pre = (tool_name: string, tool_input: object) => ({
  session_id: "s1",
  cwd: root,
  hook_event_name: "PreToolUse",
  tool_name,
  tool_input,
});
const gate: HookSettings = { handler: "pipeline-gate", event: "pre-tool-use", failure: "closed", config: {} };
const before: RunContext = {
  id: "r1",
  phase: "plan",
  role: "planner",
  edits: { allowed: false, why: "Run r1 (workflow quick) is in phase plan, before execute." },
};
const after: RunContext = {
  ...before,
  phase: "execute",
  role: "executor",
  edits: { allowed: true, why: "at" },
};

function gated(
  host: HookHost,
  payload: unknown,
  r: RunContext | undefined,
  settings = gate,
  files?: PathResolver,
) {
  return decide({ host, settings, payload, state: undefined, now, root, shell: shellTargets, run: r, files });
}

describe("pipeline-gate: source edits wait for the run's edits_from phase", () => {
  for (const host of Object.keys(PRE_EDIT) as HookHost[])
    it(`${host}: denies a source edit before execute, allows it after, and always allows the run's artifacts`, () => {
      const denied = gated(host, PRE_EDIT[host]("src/app.ts"), before);
      expect(blocks(host, denied.answer), denied.answer.stdout + denied.answer.stderr).toBe(true);
      expect(denied.answer.stdout + denied.answer.stderr).toMatch(/src\/app\.ts, a source file\. Run r1/);
      expect(denied.events).toEqual([
        expect.objectContaining({
          type: "edit-denied",
          phase: "plan",
          role: "planner",
          target: "src/app.ts",
        }),
      ]);
      expect(blocks(host, gated(host, PRE_EDIT[host]("src/app.ts"), after).answer)).toBe(false);
      const artifact = gated(host, PRE_EDIT[host](".cadre/runs/r1/artifacts/plan/plan.md"), before);
      expect(blocks(host, artifact.answer)).toBe(false);
      expect(artifact.events).toBeUndefined();
      // No active run: the gate does nothing.
      expect(blocks(host, gated(host, PRE_EDIT[host]("src/app.ts"), undefined).answer)).toBe(false);
    });

  it("reads shell writes with the shell analysis: a write to source is denied, reads and writes elsewhere pass", () => {
    const bash = (command: string) => gated("claude-code", pre("Bash", { command }), before);
    const denied = (c: string) => blocks("claude-code", bash(c).answer);
    expect(denied("echo x > src/a.ts")).toBe(true);
    expect(denied("sed -i s/a/b/ README.md")).toBe(true);
    expect(denied("cd src && rm -rf lib")).toBe(true);
    expect(denied("bash -c 'touch src/new.ts'")).toBe(true);
    expect(denied("git status && cat src/a.ts | grep x")).toBe(false);
    expect(denied("npm test > /tmp/out.txt")).toBe(false);
    expect(denied("cat > .cadre/runs/r1/artifacts/plan/plan.md <<'EOF'\nx\nEOF")).toBe(false);
    // The run's own state is not an artifact: status.json is written by cadre, not edited by hand.
    expect(denied("echo '{}' > .cadre/runs/r1/status.json")).toBe(true);
    expect(bash("echo x > src/a.ts").answer.stdout).toMatch(/This command would change src\/a\.ts/);
  });

  it("follows links: a link in the artifacts folder to src/ is src/", () => {
    const files: PathResolver = {
      realpath: (p) => p.replace(`${root}/.cadre/runs/r1/artifacts/plan/link`, `${root}/src`),
      isDir: () => false,
    };
    const out = gated(
      "claude-code",
      pre("Write", { file_path: `${root}/.cadre/runs/r1/artifacts/plan/link/a.ts`, content: "x" }),
      before,
      gate,
      files,
    );
    expect(blocks("claude-code", out.answer)).toBe(true);
    expect(out.answer.stdout).toMatch(/src\/a\.ts/);
  });

  it("on stop, blocks the end of the turn while the phase is unfinished, in each host whose stop can block", () => {
    const stop: HookSettings = { ...gate, event: "stop" };
    const pending: RunContext = {
      ...before,
      unfinished: "Phase plan of run r1 is not done: its artifact plan is missing.",
    };
    const payloads: Array<[HookHost, unknown, (a: { exitCode: number; stdout: string }) => unknown]> = [
      [
        "claude-code",
        { session_id: "s", cwd: root, hook_event_name: "Stop", stop_hook_active: false },
        (a) => JSON.parse(a.stdout),
      ],
      [
        "codex",
        { session_id: "s", cwd: root, hook_event_name: "Stop", turn_id: "t" },
        (a) => JSON.parse(a.stdout),
      ],
      [
        "cursor",
        { conversation_id: "c", hook_event_name: "stop", status: "completed", loop_count: 0 },
        (a) => JSON.parse(a.stdout),
      ],
      [
        "gemini-cli",
        { session_id: "g", cwd: root, hook_event_name: "AfterAgent", prompt: "p", prompt_response: "r" },
        (a) => JSON.parse(a.stdout),
      ],
    ];
    const want: Record<string, unknown> = {
      "claude-code": { decision: "block", reason: pending.unfinished },
      codex: { decision: "block", reason: pending.unfinished },
      cursor: { followup_message: pending.unfinished },
      "gemini-cli": { decision: "deny", reason: pending.unfinished },
    };
    for (const [host, payload, read] of payloads) {
      expect(read(gated(host, payload, pending, stop).answer), host).toEqual(want[host]);
      const done = gated(host, payload, after, stop).answer;
      expect(done.exitCode).toBe(0);
      // Codex wants JSON from a Stop hook even when it lets the turn end.
      if (host === "codex") expect(done.stdout).toBe("{}\n");
      expect(
        done.stdout.includes("block") || done.stdout.includes("deny") || done.stdout.includes("followup"),
        host,
      ).toBe(false);
    }
  });
});

describe("the run in output-capture, run-summary and session-bootstrap", () => {
  const post = (stdout: string) => ({
    session_id: "s1",
    cwd: root,
    hook_event_name: "PostToolUse",
    tool_name: "Bash",
    tool_input: { command: "npm test" },
    tool_response: { stdout, stderr: "", interrupted: false },
  });
  const capture: HookSettings = {
    handler: "output-capture",
    event: "post-tool-use",
    failure: "open",
    config: {},
  };

  it("output-capture writes into the run's captures and records an event with run phase and role", () => {
    const out = gated("claude-code", post("x\n".repeat(6000)), before, capture);
    const file = out.writes?.[0]?.path as string;
    expect(file).toMatch(/^\.cadre\/runs\/r1\/captures\/\d{8}T\d{6}Z-npm-test\.log$/);
    const ctx = JSON.parse(out.answer.stdout).hookSpecificOutput.additionalContext as string;
    expect(out.events).toEqual([
      {
        type: "capture",
        phase: "plan",
        role: "planner",
        hook: "output-capture",
        tool: "Bash",
        command: "npm test",
        file,
        bytes: 12000,
        returned_bytes: new TextEncoder().encode(ctx).length,
        lines: 6001,
        failed: false,
      },
    ]);
    // Without a run: .cadre/captures, no event.
    const plain = gated("claude-code", post("x\n".repeat(6000)), undefined, capture);
    expect(plain.writes?.[0]?.path).toMatch(/^\.cadre\/captures\//);
    expect(plain.events).toBeUndefined();
  });

  it("run-summary writes summary.md and handoff.md on pre-compact and on stop (the runtime counts the compaction)", () => {
    const docs = { summary: "# Run r1: summary\n", handoff: "# Run r1: handoff\n" };
    const r: RunContext = { ...before, docs };
    const settings: HookSettings = {
      handler: "run-summary",
      event: "pre-compact",
      failure: "open",
      config: {},
    };
    const pc = gated(
      "claude-code",
      { session_id: "s", cwd: root, hook_event_name: "PreCompact", trigger: "auto" },
      r,
      settings,
    );
    expect(pc.writes).toEqual([
      { path: ".cadre/runs/r1/summary.md", content: docs.summary },
      { path: ".cadre/runs/r1/handoff.md", content: docs.handoff },
    ]);
    expect(pc.events).toBeUndefined();
    expect(pc.answer).toEqual({ exitCode: 0, stdout: "", stderr: "" });
    const stop = gated("codex", { session_id: "s", cwd: root, hook_event_name: "Stop" }, r, {
      ...settings,
      event: "stop",
    });
    expect(stop.writes).toHaveLength(2);
    expect(stop.events).toBeUndefined();
    expect(
      gated("claude-code", { hook_event_name: "PreCompact" }, undefined, settings).writes,
    ).toBeUndefined();
  });

  it("session-bootstrap puts the run's brief first, or says why the run could not be read", () => {
    const settings: HookSettings = {
      handler: "session-bootstrap",
      event: "session-start",
      failure: "open",
      config: {},
    };
    const start = { session_id: "s", cwd: root, hook_event_name: "SessionStart", source: "startup" };
    const ctx = (r: RunContext | undefined, runNote?: string) =>
      JSON.parse(
        decide({
          host: "claude-code",
          settings,
          payload: start,
          state: undefined,
          now,
          root,
          context: { host: "claude-code", items: ["core/skill:a"], ...(runNote ? { runNote } : {}) },
          run: r,
        }).answer.stdout,
      ).hookSpecificOutput.additionalContext as string;
    expect(ctx({ ...before, brief: "Active pipeline run r1: workflow quick." })).toMatch(
      /^Active pipeline run r1: workflow quick\.\n\ncadre has installed/,
    );
    expect(ctx(undefined, "There is an active pipeline run, but it could not be read.")).toMatch(
      /^There is an active pipeline run, but/,
    );
    expect(ctx(undefined)).toMatch(/^cadre has installed/);
  });
});
