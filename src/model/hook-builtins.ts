import type { HookData } from "./kinds.js";

/** Tool classes a hook matcher may name (besides a host's own tool names). */
export const TOOL_CLASSES = ["shell", "edit", "write", "read"] as const;
export type ToolClassName = (typeof TOOL_CLASSES)[number];

/**
 * The built-in hook handlers' defaults: the event, failure mode, tool classes and config a handler
 * has when a hook item says nothing else. The installed command line carries only what differs, so
 * `cadre hook` needs no library to run.
 */
export const BUILTIN_HOOKS: Record<
  string,
  {
    event: HookData["event"];
    /** Every event the handler acts on (the first is its default). */
    events?: HookData["event"][];
    failure: HookData["failure"];
    matcher?: string[];
    config: Record<string, unknown>;
  }
> = {
  "protected-paths": {
    event: "pre-tool-use",
    failure: "closed",
    matcher: ["edit", "write", "shell"],
    config: { paths: ["cadre.lock", ".git/", "package-lock.json", "pnpm-lock.yaml", "yarn.lock"] },
  },
  "loop-cap": {
    event: "post-tool-use",
    events: ["post-tool-use", "pre-tool-use"],
    failure: "closed",
    config: { max_repeats: 5 },
  },
  "output-capture": {
    event: "post-tool-use",
    failure: "open",
    matcher: ["shell"],
    config: { threshold_bytes: 8000 },
  },
  "session-bootstrap": { event: "session-start", failure: "open", config: { map_budget: 1500 } },
  // Opt-in (the pipeline-strict profile): source edits wait for the active run's `edits_from` phase, and a
  // turn cannot end while the current phase's artifact is missing or invalid.
  "pipeline-gate": {
    event: "pre-tool-use",
    events: ["pre-tool-use", "stop"],
    failure: "closed",
    matcher: ["edit", "write", "shell"],
    config: {},
  },
  // The active run's summary.md and handoff.md, rewritten before a compaction and when a turn ends.
  "run-summary": { event: "pre-compact", events: ["pre-compact", "stop"], failure: "open", config: {} },
};

/**
 * The built-in library's hook items that run a built-in handler under another name (on another event):
 * what `cadre doctor` and session-bootstrap read from cadre.lock, which records item names only.
 */
export const BUILTIN_ALIASES: Record<string, string> = {
  "pipeline-stop-gate": "pipeline-gate",
  "run-summary-stop": "run-summary",
};

/** The built-in handler a hook item of this name runs, when it is one of cadre's own. */
export function builtinOf(name: string): (typeof BUILTIN_HOOKS)[string] | undefined {
  return BUILTIN_HOOKS[name] ?? BUILTIN_HOOKS[BUILTIN_ALIASES[name] ?? ""];
}

/** The events a built-in handler acts on. */
export function builtinEvents(name: string): HookData["event"][] {
  const b = BUILTIN_HOOKS[name];
  return b ? (b.events ?? [b.event]) : [];
}
