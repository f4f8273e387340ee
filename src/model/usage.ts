/**
 * Usage measurements as events: what the hooks captured and returned, what recall and the MCP server
 * served against the size of what it stands for, and compactions. They are lines of the active run's
 * `events.ndjson` (measurements, never folded into status) or, when no run is active, of the project's
 * usage log. Import-free: the hook runtime writes them.
 */

/** The project's usage log, for measurements made while no run is active. */
export const USAGE_LOG = { dir: ".cadre/usage", file: "events.ndjson" } as const;

/** The `run` field of an event in the project's usage log (not a run id: the pattern needs a letter or digit first). */
export const NO_RUN = "";

export const USAGE_EVENTS = {
  /** output-capture kept a long output in a file and returned a summary. */
  capture: "capture",
  /** recall or an MCP tool answered. */
  answer: "answer",
  /** The host was about to compact the conversation (a pre-compact hook ran). */
  compaction: "compaction",
} as const;

/** A capture event's measured fields (bytes of UTF-8; tokens by the o200k counter). */
export interface CaptureFields {
  /** The capture file, relative to the project root. */
  path: string;
  host?: string;
  command?: string;
  /** The tool output the hook kept in the file. */
  captured_bytes: number;
  captured_tokens: number;
  /** What the hook answered the host (its stdout and stderr). */
  returned_bytes: number;
  returned_tokens: number;
}

/** An answer event's measured fields. */
export interface AnswerFields {
  /** `cli` (cadre recall), `mcp` (cadre mcp). */
  via: "cli" | "mcp";
  /** recall, or the MCP tool's name. */
  tool: string;
  /** The highest tier served (recall), when the tool has tiers. */
  tier?: string | null;
  /** Tokens of the answer as served. */
  tokens: number;
  bytes: number;
  /** Tokens of the whole files the answer stands for; absent when the tool's answer stands for no file. */
  full_tokens?: number;
  /** The files counted in full_tokens. */
  files?: string[];
}
