/**
 * cadre's canonical hook events. Kept free of imports: the `cadre hook` runtime reads it on every tool call.
 * The first eight are the events most hosts share; the rest are Claude Code's other events (its hook
 * reference, 2026-08), so a Claude plugin's hook on any of them loads: a host whose protocol has no such
 * event skips the hook with a note.
 */
export const HOOK_EVENTS = [
  "session-start",
  "user-prompt-submit",
  "pre-tool-use",
  "post-tool-use",
  "stop",
  "subagent-stop",
  "pre-compact",
  "session-end",
  "setup",
  "user-prompt-expansion",
  "permission-request",
  "permission-denied",
  "post-tool-use-failure",
  "post-tool-batch",
  "notification",
  "message-display",
  "subagent-start",
  "task-created",
  "task-completed",
  "teammate-idle",
  "stop-failure",
  "instructions-loaded",
  "config-change",
  "cwd-changed",
  "directory-added",
  "file-changed",
  "worktree-create",
  "worktree-remove",
  "post-compact",
  "elicitation",
  "elicitation-result",
] as const;

export type HookEvent = (typeof HOOK_EVENTS)[number];

/** A canonical event's Claude Code name: `user-prompt-expansion` → `UserPromptExpansion`. */
export function claudeEventName(event: string): string {
  return event.replace(/(^|-)([a-z])/g, (_, _d, c: string) => c.toUpperCase());
}

/** Events whose matcher is a tool name (cadre maps tool classes there); other events match as written. */
export const TOOL_EVENTS: ReadonlySet<string> = new Set([
  "pre-tool-use",
  "post-tool-use",
  "post-tool-use-failure",
  "permission-request",
  "permission-denied",
]);
