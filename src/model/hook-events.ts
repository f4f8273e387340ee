/** cadre's canonical hook events. Kept free of imports: the `cadre hook` runtime reads it on every tool call. */
export const HOOK_EVENTS = [
  "session-start",
  "user-prompt-submit",
  "pre-tool-use",
  "post-tool-use",
  "stop",
  "subagent-stop",
  "pre-compact",
  "session-end",
] as const;
