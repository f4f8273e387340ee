/**
 * Per-host hook protocols: the host's stdin JSON → one canonical event, and a decision → the host's answer
 * (exit code, stdout, stderr). Field names follow reference/hosts.md §2.7 (Claude Code), §3.7 (Codex),
 * §4.6 (Cursor), §5.6 (Gemini CLI), §6.5 (Copilot), §7.4 (Windsurf) and §9 (Cline). Readers are tolerant: where a
 * host's schema is unconfirmed, both spellings seen in the wild are accepted.
 */
import type { Target } from "../hosts/define.js";
import { HOSTS, type HostId, resolveHostId } from "../hosts/registry.js";
import {
  type CanonicalEvent,
  type Decision,
  HOOK_HOSTS,
  type HookAnswer,
  type HookEvent,
  type HookHost,
  type ToolClass,
} from "./types.js";

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj {
  if (typeof v === "string") {
    try {
      const p = JSON.parse(v);
      if (p && typeof p === "object" && !Array.isArray(p)) return p as Obj;
    } catch {
      return {};
    }
  }
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {};
}

function str(...vs: unknown[]): string | undefined {
  for (const v of vs) if (typeof v === "string" && v !== "") return v;
  return undefined;
}

function num(...vs: unknown[]): number | undefined {
  for (const v of vs) if (typeof v === "number" && Number.isFinite(v)) return v;
  return undefined;
}

/** Host event names per canonical event, per host: the hosts' hook protocols (`src/hosts/*.ts`). */
export const HOST_EVENTS: Record<HookHost, Partial<Record<HookEvent, string[]>>> = Object.fromEntries(
  HOOK_HOSTS.map((h) => [
    h,
    (HOSTS[resolveHostId(h) as HostId].targets as { hook?: Target }).hook?.hooks?.events ?? {},
  ]),
) as Record<HookHost, Partial<Record<HookEvent, string[]>>>;

/** Tool names → class. Keys are lower-cased; MCP tools are "other". */
const TOOL_CLASSES: Record<string, ToolClass> = {
  // Claude Code, Codex, Copilot (VS Code reads Claude names)
  bash: "shell",
  edit: "edit",
  multiedit: "edit",
  notebookedit: "edit",
  write: "write",
  read: "read",
  notebookread: "read",
  grep: "read",
  glob: "read",
  ls: "read",
  apply_patch: "edit",
  shell: "shell",
  local_shell: "shell",
  exec_command: "shell",
  unified_exec: "shell",
  // Cursor
  delete: "write",
  strreplace: "edit",
  // Gemini CLI
  run_shell_command: "shell",
  write_file: "write",
  replace: "edit",
  read_file: "read",
  read_many_files: "read",
  search_file_content: "read",
  grep_search: "read",
  list_directory: "read",
  // OpenCode
  list: "read",
  // Cline
  execute_command: "shell",
  write_to_file: "write",
  replace_in_file: "edit",
  new_rule: "write",
  search_files: "read",
  list_files: "read",
  list_code_definition_names: "read",
  // Kiro (v3 read, write, shell, glob, grep; v2 names)
  fs_read: "read",
  fs_write: "write",
  execute_bash: "shell",
  // Continue (Claude Code's names plus List and Search), Qwen Code
  search: "read",
  notebook_edit: "edit",
  // Antigravity CLI (agy)
  run_command: "shell",
  replace_file_content: "edit",
  multi_replace_file_content: "edit",
  edit_file: "edit",
  view_file: "read",
  list_dir: "read",
  codebase_search: "read",
  find_by_name: "read",
  // Copilot CLI
  powershell: "shell",
  create: "write",
  str_replace: "edit",
  str_replace_editor: "edit",
  view: "read",
};

export function toolClass(name: string): ToolClass {
  return TOOL_CLASSES[name.toLowerCase()] ?? "other";
}

/** File paths named in an `apply_patch` body (Codex): `*** Add|Update|Delete File: p`, `*** Move to: p`. */
export function patchPaths(patch: string): string[] {
  const out: string[] = [];
  for (const m of patch.matchAll(/^\*\*\* (?:Add File|Update File|Delete File|Move to): (.+)$/gm))
    out.push((m[1] as string).trim());
  return out;
}

function inputPaths(input: Obj): string[] {
  const out: string[] = [];
  for (const k of [
    "file_path",
    "filePath",
    "path",
    "TargetFile",
    "targetFile",
    "AbsolutePath",
    "notebook_path",
    "target_file",
    "absolute_path",
    "absolutePath",
    "file",
  ]) {
    const v = input[k];
    if (typeof v === "string" && v !== "") out.push(v);
  }
  for (const k of ["paths", "file_paths"]) {
    const v = input[k];
    if (Array.isArray(v)) for (const p of v) if (typeof p === "string") out.push(p);
  }
  const edits = input.edits;
  if (Array.isArray(edits))
    for (const e of edits) {
      const p = str(obj(e).file_path, obj(e).path);
      if (p) out.push(p);
    }
  return [...new Set(out)];
}

function commandOf(input: Obj): string | undefined {
  const c = input.command ?? input.command_line ?? input.cmd ?? input.CommandLine ?? input.commandLine;
  if (Array.isArray(c)) {
    // Codex may pass argv; `bash -lc "<script>"` carries the script as its last element.
    const argv = c.filter((x): x is string => typeof x === "string");
    if (
      argv.length >= 3 &&
      /(^|\/)(ba|z|da)?sh$/.test(argv[0] as string) &&
      /^-\w*c$/.test(argv[1] as string)
    )
      return argv[argv.length - 1];
    return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(" ");
  }
  return typeof c === "string" ? c : undefined;
}

/** A named tool call: its class, its shell command, and the paths it names (a patch's, when given). */
function toolOf(name: string, input: Obj, patch?: string): NonNullable<CanonicalEvent["tool"]> {
  const cls = toolClass(name);
  const command = cls === "shell" ? commandOf(input) : undefined;
  const paths = patch ? patchPaths(patch) : inputPaths(input);
  return { name, class: cls, input, paths, ...(command ? { command } : {}) };
}

/** Output text and failure of a tool result, whatever its shape. */
function resultOf(response: unknown, error?: unknown): CanonicalEvent["result"] {
  if (response === undefined && error === undefined) return undefined;
  let output = "";
  let exitCode: number | undefined;
  let failed = false;
  if (typeof response === "string") {
    const parsed = obj(response);
    if (Object.keys(parsed).length > 0) return resultOf(parsed, error);
    output = response;
  } else if (response && typeof response === "object") {
    const r = response as Obj;
    const parts = [
      str(r.stdout),
      str(r.stderr),
      str(r.output),
      str(r.llmContent),
      str(r.textResultForLlm),
      str(r.content),
      str(r.result),
    ].filter((x): x is string => x !== undefined);
    output = parts.join(parts.length > 1 && !parts[0]?.endsWith("\n") ? "\n" : "");
    exitCode = num(r.exit_code, r.exitCode, r.status, r.returncode);
    if (exitCode === undefined) {
      const m = /Exit Code: (-?\d+)/.exec(output);
      if (m) exitCode = Number(m[1]);
    }
    const err = r.error;
    if ((typeof err === "string" && err !== "") || (err && typeof err === "object")) {
      failed = true;
      const msg = typeof err === "string" ? err : str(obj(err).message);
      if (msg && !output.includes(msg)) output = output ? `${output}\n${msg}` : msg;
    }
    if (r.success === false || r.is_error === true || r.interrupted === true) failed = true;
    if (r.resultType === "failure" || r.resultType === "error" || r.resultType === "rejected") failed = true;
  }
  if (typeof error === "string" && error !== "") {
    failed = true;
    if (!output.includes(error)) output = output ? `${output}\n${error}` : error;
  }
  if (exitCode !== undefined && exitCode !== 0) failed = true;
  return { output, ...(exitCode !== undefined ? { exitCode } : {}), failed };
}

/** The canonical event of a host event, by name in any case (Kiro's v2 agents spell `preToolUse`). */
function canonicalOf(host: HookHost, hostEvent: string): HookEvent | undefined {
  const want = hostEvent.toLowerCase();
  for (const [ev, names] of Object.entries(HOST_EVENTS[host]))
    if (names?.some((n) => n.toLowerCase() === want)) return ev as HookEvent;
  return undefined;
}

/**
 * Normalise a host's hook input. `registered` is the host event cadre installed the hook on (the input
 * may not name its event: Copilot's does not).
 */
export function normalise(host: HookHost, payload: unknown, registered?: string): CanonicalEvent {
  const p = obj(payload);
  if (host === "windsurf") return windsurf(p, registered);
  if (host === "cline") return cline(p, registered);
  if (host === "antigravity") return antigravity(p, registered);
  const hostEvent = str(p.hook_event_name, p.hookEventName, registered) ?? "";
  const name = str(p.tool_name, p.toolName) ?? "";
  const input = obj(p.tool_input ?? p.toolArgs ?? p.toolInput);
  let ev: CanonicalEvent = {
    host,
    event: canonicalOf(host, hostEvent),
    hostEvent,
    sessionId: str(p.session_id, p.sessionId, p.conversation_id, p.conversationId),
    cwd: str(p.cwd, Array.isArray(p.workspace_roots) ? p.workspace_roots[0] : undefined),
  };
  // Cursor's shell-specific events carry the command at the top level.
  const topCommand = str(p.command);
  if (name || topCommand) {
    const cls = name ? toolClass(name) : "shell";
    const command = cls === "shell" ? (commandOf(input) ?? topCommand) : undefined;
    const patch = name === "apply_patch" ? (commandOf(input) ?? str(input.patchText)) : undefined;
    const paths = patch ? patchPaths(patch) : inputPaths(input);
    ev = {
      ...ev,
      tool: { name: name || "Shell", class: cls, input, paths, ...(command ? { command } : {}) },
    };
  }
  if (ev.event === "post-tool-use" || hostEvent.toLowerCase().startsWith("after")) {
    const failure = /failure/i.test(hostEvent);
    const r = resultOf(
      p.tool_response ?? p.tool_output ?? p.toolResult ?? p.tool_result ?? p.output,
      p.error ?? p.error_message,
    );
    ev.result = r ? { ...r, failed: r.failed || failure } : { output: "", failed: failure };
  }
  return ev;
}

/**
 * Cline: `{hookName, taskId, workspaceRoots, …}` and the event's data under its camel-cased name
 * (`preToolUse: {toolName, parameters}`, `postToolUse: {…, result, success, executionTimeMs}`). Parameters
 * are strings (`command`, `path`, apply_patch's `input`); paths are relative to the first workspace root.
 */
function cline(p: Obj, registered?: string): CanonicalEvent {
  const hostEvent = str(p.hookName, registered) ?? "";
  const data = obj(p[hostEvent.charAt(0).toLowerCase() + hostEvent.slice(1)]);
  const roots = Array.isArray(p.workspaceRoots) ? p.workspaceRoots : [];
  const ev: CanonicalEvent = {
    host: "cline",
    event: canonicalOf("cline", hostEvent),
    hostEvent,
    sessionId: str(p.taskId),
    cwd: str(roots[0]),
  };
  const name = str(data.toolName);
  if (name) {
    const input = obj(data.parameters);
    ev.tool = toolOf(name, input, name === "apply_patch" ? str(input.input) : undefined);
  }
  if (ev.event === "post-tool-use") {
    const r = resultOf(data.result);
    const failed = data.success === false || data.success === "false";
    ev.result = r ? { ...r, failed: r.failed || failed } : { output: "", failed };
  }
  return ev;
}

/**
 * Antigravity CLI: camelCase protobuf JSON, `{conversationId, toolCall: {name, args}, workspacePaths, …}`
 * with the tool's arguments in PascalCase (`CommandLine`, `TargetFile`); the event is the one cadre
 * registered. After a tool, `error` says it failed (and `toolCall` may be null).
 */
function antigravity(p: Obj, registered?: string): CanonicalEvent {
  const hostEvent = str(p.hookEventName, registered) ?? "";
  const call = obj(p.toolCall);
  const roots = Array.isArray(p.workspacePaths) ? p.workspacePaths : [];
  const ev: CanonicalEvent = {
    host: "antigravity",
    event: canonicalOf("antigravity", hostEvent),
    hostEvent,
    sessionId: str(p.conversationId),
    cwd: str(roots[0]),
  };
  const name = str(call.name);
  if (name) ev.tool = toolOf(name, obj(call.args));
  if (ev.event === "post-tool-use") {
    const error = str(p.error, obj(p.error).message);
    ev.result = { output: error ?? "", failed: error !== undefined };
  }
  return ev;
}

function windsurf(p: Obj, registered?: string): CanonicalEvent {
  const hostEvent = str(p.agent_action_name, registered) ?? "";
  const info = obj(p.tool_info);
  const ev: CanonicalEvent = {
    host: "windsurf",
    event:
      canonicalOf("windsurf", hostEvent) ?? (hostEvent.startsWith("post_") ? "post-tool-use" : undefined),
    hostEvent,
    sessionId: str(p.trajectory_id),
    cwd: str(info.cwd),
  };
  if (hostEvent.endsWith("_run_command")) {
    const command = str(info.command_line, info.command) ?? "";
    ev.tool = { name: "run_command", class: "shell", input: info, paths: [], command };
  } else if (hostEvent.endsWith("_write_code")) {
    ev.tool = { name: "write_code", class: "edit", input: info, paths: inputPaths(info) };
  } else if (hostEvent.endsWith("_read_code")) {
    ev.tool = { name: "read_code", class: "read", input: info, paths: inputPaths(info) };
  }
  return ev;
}

const ok = (stdout = "", stderr = ""): HookAnswer => ({ exitCode: 0, stdout, stderr });
const json = (v: unknown): string => `${JSON.stringify(v)}\n`;

/** The decision in the host's protocol, for the event it was asked about. */
export function answer(ev: CanonicalEvent, d: Decision): HookAnswer {
  const pre = ev.event === "pre-tool-use";
  switch (ev.host) {
    case "claude-code":
    case "codex": {
      const hookEventName = ev.hostEvent || (pre ? "PreToolUse" : "PostToolUse");
      if (d.type === "deny") {
        if (pre)
          return ok(
            json({
              hookSpecificOutput: {
                hookEventName,
                permissionDecision: "deny",
                permissionDecisionReason: d.reason,
              },
            }),
          );
        // Stop: `block` keeps the agent working, the reason its next instruction.
        if (ev.event === "stop") return ok(json({ decision: "block", reason: d.reason }));
        // After the call: block with the reason as feedback, and the same text as context for the agent.
        return ok(
          json({
            decision: "block",
            reason: d.reason,
            hookSpecificOutput: { hookEventName, additionalContext: d.reason },
          }),
        );
      }
      const out: Obj = {};
      if (d.context && ev.event !== undefined && ev.event !== "stop" && ev.event !== "session-end")
        out.hookSpecificOutput = { hookEventName, additionalContext: d.context };
      if (d.notice) out.systemMessage = d.notice;
      // Codex reads a Stop hook's stdout as JSON even when it exits 0: an empty object lets the turn end.
      if (ev.host === "codex" && ev.event === "stop") return ok(json(out));
      return ok(Object.keys(out).length > 0 ? json(out) : "");
    }
    case "cursor": {
      if (d.type === "deny") {
        if (pre || ev.hostEvent === "beforeShellExecution" || ev.hostEvent === "beforeReadFile")
          return ok(json({ permission: "deny", user_message: d.reason, agent_message: d.reason }));
        // stop: the follow-up message is submitted as the agent's next prompt (up to the hook's loop_limit).
        if (ev.event === "stop") return ok(json({ followup_message: d.reason }));
        return ok(json({ additional_context: d.reason }));
      }
      const out: Obj = {};
      if (d.context) out.additional_context = d.context;
      if (d.notice) out.user_message = d.notice;
      return ok(json(out));
    }
    case "gemini-cli": {
      if (d.type === "deny") return ok(json({ decision: "deny", reason: d.reason }));
      const out: Obj = {};
      if (d.context) out.hookSpecificOutput = { hookEventName: ev.hostEvent, additionalContext: d.context };
      if (d.notice) out.systemMessage = d.notice;
      return ok(json(out));
    }
    case "copilot": {
      if (d.type === "deny") {
        if (pre) return ok(json({ permissionDecision: "deny", permissionDecisionReason: d.reason }));
        return ok(json({ additionalContext: d.reason }));
      }
      return ok(d.context ? json({ additionalContext: d.context }) : "");
    }
    case "opencode": {
      // Read by cadre's own plugin (render/hooks.ts): a denial before a tool throws, text after it is
      // appended to the tool's output.
      if (d.type === "deny") return ok(json({ decision: "deny", reason: d.reason }));
      return ok(d.context ? json({ context: d.context }) : "");
    }
    case "cline": {
      // `cancel: true` before a tool (or a prompt) stops it, and Cline cancels the task, showing
      // `errorMessage`; after a tool the call has happened, so the reason goes to the agent as context.
      if (d.type === "deny") {
        if (pre || ev.event === "user-prompt-submit")
          return ok(json({ cancel: true, errorMessage: d.reason }));
        return ok(json({ cancel: false, contextModification: d.reason }));
      }
      return ok(d.context ? json({ cancel: false, contextModification: d.context }) : "");
    }
    case "antigravity": {
      // A PreToolUse answer must carry a decision: agy reads `{}` (or bad JSON) as a denial. PostToolUse
      // takes `{}`; a way to hand the agent text after a tool is not confirmed, so none is sent.
      if (!pre) return ok(json({}));
      return ok(json(d.type === "deny" ? { decision: "deny", reason: d.reason } : { decision: "allow" }));
    }
    case "windsurf":
    case "kiro": {
      // Pre-hooks (and Windsurf's pre_user_prompt, Kiro's UserPromptSubmit) block with exit 2 and stderr,
      // which Kiro returns to the model. Windsurf shows stdout only when the hook sets show_output; Kiro adds
      // the stdout of SessionStart and UserPromptSubmit hooks to the context.
      if (d.type === "deny")
        return pre || ev.event === "user-prompt-submit"
          ? { exitCode: 2, stdout: "", stderr: `${d.reason}\n` }
          : ok(`${d.reason}\n`);
      return ok(d.context ? `${d.context}\n` : "");
    }
  }
}
