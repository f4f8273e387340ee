import type { HOOK_EVENTS } from "../model/hook-events.js";

/** cadre's canonical hook events (the hook kind's `event`). */
export type HookEvent = (typeof HOOK_EVENTS)[number];

/** What a tool does, across hosts: run a shell command, change a file, create one, read, or anything else. */
export type ToolClass = "shell" | "edit" | "write" | "read" | "other";

/** The hosts whose hook payloads cadre understands. */
export const HOOK_HOSTS = [
  "claude-code",
  "codex",
  "cursor",
  "gemini-cli",
  "copilot",
  "windsurf",
  "opencode",
  "cline",
  "kiro",
  "antigravity",
] as const;
export type HookHost = (typeof HOOK_HOSTS)[number];

/** One hook call, normalised from the host's stdin JSON. */
export interface CanonicalEvent {
  host: HookHost;
  /** Canonical event; undefined when the host's event has no canonical counterpart. */
  event: HookEvent | undefined;
  /** The host's own event name, as it sent it (or as cadre registered the hook). */
  hostEvent: string;
  tool?: {
    name: string;
    class: ToolClass;
    input: Record<string, unknown>;
    /** Files the tool reads or changes, as the host gave them (absolute or relative to `cwd`). */
    paths: string[];
    /** The shell command line, for shell tools. */
    command?: string;
  };
  /** Post-tool events: what the tool produced. */
  result?: { output: string; exitCode?: number; failed: boolean };
  sessionId?: string;
  cwd?: string;
}

/**
 * A handler's answer. `allow` means "no objection" (the host's own permission rules still apply), with
 * optional context for the agent and a notice for the user; `deny` blocks the call (pre-tool events) or
 * tells the agent to stop (post-tool events, where the host allows it).
 */
export type Decision =
  | { type: "allow"; context?: string; notice?: string }
  | { type: "deny"; reason: string };

/** What the `cadre hook` process prints and exits with, in the host's protocol. */
export interface HookAnswer {
  exitCode: number;
  stdout: string;
  stderr: string;
}
