import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type GuardCase, layout } from "./corpus.js";

/** The five hosts the guard corpus runs through, with each one's pre-tool payload shape. */
export const GUARD_HOSTS = ["claude-code", "codex", "cursor", "gemini-cli", "copilot"] as const;
export type GuardHost = (typeof GUARD_HOSTS)[number];

/** The host's PreToolUse payload for one corpus row, the tool's cwd being `dir`. */
export function payloadFor(host: GuardHost, c: GuardCase, dir: string): Record<string, unknown> {
  const shell = c.shell !== undefined;
  const file = c.file ?? "";
  switch (host) {
    case "claude-code":
      return {
        session_id: "s1",
        transcript_path: "/tmp/t.jsonl",
        cwd: dir,
        permission_mode: "default",
        hook_event_name: "PreToolUse",
        tool_name: shell ? "Bash" : "Write",
        tool_input: shell ? { command: c.shell } : { file_path: file, content: "x" },
        tool_use_id: "toolu_1",
      };
    case "codex":
      return {
        session_id: "c1",
        cwd: dir,
        hook_event_name: "PreToolUse",
        model: "gpt-5",
        tool_name: shell ? "Bash" : "apply_patch",
        tool_use_id: "call_1",
        tool_input: {
          command: shell ? c.shell : `*** Begin Patch\n*** Update File: ${file}\n@@\n-a\n+b\n*** End Patch\n`,
        },
      };
    case "cursor":
      return {
        conversation_id: "c1",
        generation_id: "g1",
        hook_event_name: "preToolUse",
        workspace_roots: [dir],
        tool_name: shell ? "Shell" : "Write",
        tool_input: shell ? { command: c.shell } : { file_path: file, contents: "x" },
        cwd: dir,
      };
    case "gemini-cli":
      return {
        session_id: "g1",
        cwd: dir,
        hook_event_name: "BeforeTool",
        timestamp: "2026-12-02T05:00:00Z",
        tool_name: shell ? "run_shell_command" : "write_file",
        tool_input: shell ? { command: c.shell } : { file_path: file, content: "x" },
      };
    case "copilot":
      return {
        timestamp: 1,
        cwd: dir,
        toolName: shell ? "bash" : "edit",
        toolArgs: JSON.stringify(shell ? { command: c.shell } : { path: file, old_str: "a", new_str: "b" }),
      };
  }
}

/** Whether a host's answer denies the call. */
export function denied(stdout: string): boolean {
  if (stdout.trim() === "") return false;
  const v = JSON.parse(stdout) as Record<string, unknown> & { hookSpecificOutput?: Record<string, unknown> };
  return (
    v.hookSpecificOutput?.permissionDecision === "deny" ||
    v.permission === "deny" ||
    v.decision === "deny" ||
    v.permissionDecision === "deny"
  );
}

/** Lay out the corpus project in `dir`. */
export function makeCorpusProject(dir: string): void {
  for (const d of layout.dirs) mkdirSync(join(dir, d), { recursive: true });
  for (const f of layout.files) {
    mkdirSync(join(dir, f, ".."), { recursive: true });
    writeFileSync(join(dir, f), "x\n");
  }
  for (const [link, to] of Object.entries(layout.links)) symlinkSync(to, join(dir, link));
}
