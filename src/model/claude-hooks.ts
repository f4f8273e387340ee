import type { Diagnostic } from "../core/diagnostics.js";
import { parseJson } from "../core/json.js";
import type { Item } from "./item.js";

/** Claude Code hook event names → cadre's canonical events. */
const EVENTS: Record<string, string> = {
  SessionStart: "session-start",
  UserPromptSubmit: "user-prompt-submit",
  PreToolUse: "pre-tool-use",
  PostToolUse: "post-tool-use",
  Stop: "stop",
  SubagentStop: "subagent-stop",
  PreCompact: "pre-compact",
  SessionEnd: "session-end",
};

type Draft = Omit<Item, "tokens" | "hash" | "files" | "pack"> & { files?: string[] };

/** Turn a Claude plugin `hooks/hooks.json` into hook items (one per command hook). */
export function claudeHookItems(text: string, path: string): { items: Draft[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const r = parseJson(text);
  if (!r.ok) {
    diagnostics.push({
      rule: "load/json-syntax",
      severity: "error",
      message: r.message,
      file: path,
      line: r.line,
      column: r.column,
    });
    return { items: [], diagnostics };
  }
  const doc = r.value;
  const hooks = (doc as { hooks?: unknown })?.hooks;
  if (!hooks || typeof hooks !== "object") return { items: [], diagnostics };
  const items: Draft[] = [];
  for (const [event, entries] of Object.entries(hooks as Record<string, unknown>)) {
    const canonical = EVENTS[event];
    if (!canonical) {
      diagnostics.push({
        rule: "hook/unknown-event",
        severity: "warning",
        message: `unknown Claude Code hook event "${event}"`,
        file: path,
      });
      continue;
    }
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry: { matcher?: unknown; hooks?: unknown }, i) => {
      const list = Array.isArray(entry?.hooks) ? entry.hooks : [];
      list.forEach((h: { type?: unknown; command?: unknown; timeout?: unknown }, j) => {
        if (h?.type !== "command" || typeof h.command !== "string") return;
        const name = `${canonical}-${i + 1}${list.length > 1 ? `-${j + 1}` : ""}`;
        const meta: Record<string, unknown> = {
          id: name,
          description: `Claude plugin hook on ${event}: ${h.command}`,
          event: canonical,
          handler: { command: h.command },
          failure: "open",
        };
        if (typeof entry.matcher === "string" && entry.matcher) meta.matcher = entry.matcher.split("|");
        items.push({
          id: `hook:${name}`,
          kind: "hook",
          name,
          path,
          meta,
          body: text,
          bodyLine: 1,
          text,
          description: meta.description as string,
          tags: ["claude-plugin"],
        });
      });
    });
  }
  return { items, diagnostics };
}
