/**
 * Claude Code's hook events as canonical names (its hook reference, 2026-08). The first eight are the events
 * most hosts share; the rest are Claude's other events, so a Claude plugin's hook on any of them loads.
 * Kept free of imports: the `cadre hook` runtime reads it on every tool call.
 */
export const CLAUDE_EVENTS = [
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

/**
 * cadre's canonical hook events: the union of every host's events. Claude Code's, then the events other
 * hosts have and Claude has not (Copilot CLI `errorOccurred`; Gemini CLI `BeforeModel`, `AfterModel`,
 * `BeforeToolSelection`; Kiro `PreTaskExec`, `PostTaskExec`, `PostFileCreate`, `PostFileSave`,
 * `PostFileDelete`; Cursor `afterAgentResponse`). A host whose protocol has no such event skips the hook
 * with a note.
 */
export const HOOK_EVENTS = [
  ...CLAUDE_EVENTS,
  "error-occurred",
  "before-model",
  "after-model",
  "before-tool-selection",
  "pre-task",
  "post-task",
  "file-created",
  "file-saved",
  "file-deleted",
  "after-agent-response",
] as const;

export type HookEvent = (typeof HOOK_EVENTS)[number];

/** A canonical event's Claude Code name (`user-prompt-expansion` → `UserPromptExpansion`); undefined when Claude has no such event. */
export function claudeEventName(event: string): string | undefined {
  if (!(CLAUDE_EVENTS as readonly string[]).includes(event)) return undefined;
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
