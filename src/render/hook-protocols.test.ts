/**
 * The hosts' current tool names and hook events (from each host's docs or source; the dates and sources are
 * in docs/hooks.md), asserted against the protocols in `src/hosts/*.ts`: a class matcher must match every
 * current tool of that class, and every host event must be reachable from some canonical event.
 */
import { describe, expect, it } from "vitest";
import { toolClass } from "../hooks/adapters.js";
import { HOOK_HOSTS } from "../hooks/types.js";
import { type HookProtocol, targetOf } from "../hosts/define.js";
import { HOSTS } from "../hosts/registry.js";
import { HOOK_EVENTS } from "../model/hook-events.js";
import { hookMatcher } from "./hooks.js";

type Cls = "shell" | "edit" | "write" | "read";

/** Per host, per class, the tool names the host sends in its hook payloads today. */
const CURRENT_TOOLS: Record<string, Partial<Record<Cls, string[]>>> = {
  // Claude Code tools reference.
  "claude-code": {
    shell: ["Bash"],
    edit: ["Edit", "MultiEdit", "NotebookEdit"],
    write: ["Write"],
    read: ["Read", "Grep", "Glob"],
  },
  // Codex hooks: Bash; apply_patch (with the Edit/Write aliases).
  codex: { shell: ["Bash"], edit: ["apply_patch", "Edit", "Write"], write: ["apply_patch", "Write"] },
  // Cursor preToolUse tool_name: string-replace edits arrive as StrReplace.
  cursor: {
    shell: ["Shell"],
    edit: ["Write", "StrReplace"],
    write: ["Write", "Delete"],
    read: ["Read", "Grep"],
  },
  // gemini-cli packages/core/src/tools/definitions/base-declarations.ts @ 5411f11 (2026-08-21).
  "gemini-cli": {
    shell: ["run_shell_command"],
    edit: ["replace"],
    write: ["write_file"],
    read: ["read_file", "read_many_files", "glob", "grep_search", "list_directory"],
  },
  // OpenCode V1 (opencode-ai 1.18.33: bash) and V2 (anomalyco/opencode: shell).
  opencode: {
    shell: ["bash", "shell"],
    edit: ["edit", "apply_patch"],
    write: ["write", "apply_patch"],
    read: ["read", "glob", "grep"],
  },
  // Cline apps/vscode tool names.
  cline: {
    shell: ["execute_command"],
    edit: ["replace_in_file", "apply_patch"],
    write: ["write_to_file"],
    read: ["read_file", "search_files", "list_files"],
  },
  // @qwen-code/qwen-code 0.24.4 packages/core/src/tools/tool-names.ts (ToolNames).
  "qwen-code": {
    shell: ["run_shell_command"],
    edit: ["edit", "notebook_edit"],
    write: ["write_file"],
    read: ["read_file", "grep_search", "glob", "list_directory"],
  },
  // Antigravity CLI (agy) tool names as its hook payloads send them (toolCall.name): websentry-ai/setup#104
  // (agy 1.0.5), skillsaw antigravity-hooks-valid (agy 1.1.25), and file-edit matchers in published setups.
  antigravity: {
    shell: ["run_command"],
    edit: ["replace_file_content", "multi_replace_file_content", "edit_file"],
    write: ["write_to_file"],
    read: ["view_file", "list_dir", "codebase_search"],
  },
  // Crush internal/agent/tools/*.go ToolName constants @ 37f36e9 (2026-08-21).
  crush: {
    shell: ["bash"],
    edit: ["edit", "multiedit"],
    write: ["write"],
    read: ["view", "glob", "grep", "ls"],
  },
  // Kiro CLI v3 built-in tools (read, write, shell, glob, grep) and the v2 names its matchers still accept.
  kiro: {
    shell: ["shell", "execute_bash"],
    edit: ["write", "fs_write", "str_replace"],
    write: ["write", "fs_write"],
    read: ["read", "fs_read", "glob", "grep"],
  },
};

/** Per host, the hook events it documents today that cadre maps (host event → canonical event). */
const CURRENT_EVENTS: Record<string, Record<string, string>> = {
  codex: {
    SessionStart: "session-start",
    UserPromptSubmit: "user-prompt-submit",
    PreToolUse: "pre-tool-use",
    PostToolUse: "post-tool-use",
    Stop: "stop",
    PreCompact: "pre-compact",
    PostCompact: "post-compact",
    SubagentStart: "subagent-start",
    SubagentStop: "subagent-stop",
    SessionEnd: "session-end",
  },
  copilot: {
    sessionStart: "session-start",
    userPromptSubmitted: "user-prompt-submit",
    preToolUse: "pre-tool-use",
    postToolUse: "post-tool-use",
    postToolUseFailure: "post-tool-use",
    agentStop: "stop",
    subagentStop: "subagent-stop",
    preCompact: "pre-compact",
    permissionRequest: "permission-request",
    notification: "notification",
    errorOccurred: "error-occurred",
    sessionEnd: "session-end",
  },
  devin: {
    pre_user_prompt: "user-prompt-submit",
    pre_read_code: "pre-tool-use",
    pre_write_code: "pre-tool-use",
    pre_run_command: "pre-tool-use",
    post_cascade_response: "stop",
  },
  "gemini-cli": {
    SessionStart: "session-start",
    BeforeAgent: "user-prompt-submit",
    BeforeTool: "pre-tool-use",
    AfterTool: "post-tool-use",
    AfterAgent: "stop",
    PreCompress: "pre-compact",
    Notification: "notification",
    BeforeModel: "before-model",
    AfterModel: "after-model",
    BeforeToolSelection: "before-tool-selection",
    SessionEnd: "session-end",
  },
  // Antigravity runs command hooks on its two tool events (PreInvocation, PostInvocation, Stop and
  // SessionStart take a flat handler list that the claude-style groups cadre writes do not fit).
  antigravity: { PreToolUse: "pre-tool-use", PostToolUse: "post-tool-use" },
  // Crush docs/hooks/README.md @ 37f36e9: "currently supports just one hook, PreToolUse".
  crush: { PreToolUse: "pre-tool-use" },
  kiro: {
    SessionStart: "session-start",
    UserPromptSubmit: "user-prompt-submit",
    PreToolUse: "pre-tool-use",
    PostToolUse: "post-tool-use",
    Stop: "stop",
    PreTaskExec: "pre-task",
    PostTaskExec: "post-task",
    PostFileCreate: "file-created",
    PostFileSave: "file-saved",
    PostFileDelete: "file-deleted",
  },
};

function protocol(host: string): HookProtocol {
  const p = targetOf(HOSTS[host as keyof typeof HOSTS], "hook")?.hooks;
  if (!p) throw new Error(`${host} has no hook protocol`);
  return p;
}

describe("tool matchers cover every current tool of their class", () => {
  for (const [host, classes] of Object.entries(CURRENT_TOOLS))
    for (const [cls, tools] of Object.entries(classes))
      it(`${host} ${cls}: ${tools.join(", ")}`, () => {
        const m = hookMatcher(
          { event: "pre-tool-use", matcher: [cls], handler: { command: "x" } } as never,
          protocol(host),
        );
        expect(typeof m).toBe("string");
        const p = protocol(host);
        // Anchored hosts test the matcher as a regex against the tool name; the others split it at `|`.
        const covers = (t: string) =>
          p.anchored ? new RegExp(m as string).test(t) : (m as string).split("|").includes(t);
        expect(tools.filter((t) => !covers(t))).toEqual([]);
      });
});

describe("every current host event is mapped", () => {
  for (const [host, events] of Object.entries(CURRENT_EVENTS))
    it(host, () => {
      const p = protocol(host);
      const missing = Object.entries(events).filter(
        ([hostEvent, canonical]) =>
          !(p.events as Record<string, string[] | undefined>)[canonical]?.includes(hostEvent),
      );
      expect(missing).toEqual([]);
      for (const canonical of Object.values(events)) expect(HOOK_EVENTS).toContain(canonical);
    });
});

describe("cadre hook classes every tool a protocol names as its matcher's class does", () => {
  // Built-in hooks (and Copilot's filtered commands) check the class at run time (hooks/adapters.ts): a tool
  // name a matcher lists but the runtime does not know would reach the hook and be ignored there.
  const family = (c: string) => (c === "write" ? "edit" : c);
  for (const host of Object.keys(HOSTS)) {
    const p = targetOf(HOSTS[host as keyof typeof HOSTS], "hook")?.hooks;
    if (!p?.tools || p.host === "windsurf" || !(HOOK_HOSTS as readonly string[]).includes(p.host)) continue;
    it(host, () => {
      const wrong = Object.entries(p.tools ?? {}).flatMap(([cls, names]) =>
        (names as string)
          .split("|")
          .filter((t) => family(toolClass(t)) !== family(cls))
          .map((t) => `${cls}: ${t} is ${toolClass(t)}`),
      );
      expect(wrong).toEqual([]);
    });
  }
});
