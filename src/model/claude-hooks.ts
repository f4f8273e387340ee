import type { Diagnostic } from "../core/diagnostics.js";
import { jsonSyntaxDiagnostic, parseJson } from "../core/json.js";
import { CLAUDE_EVENTS } from "./hook-events.js";
import type { Item } from "./item.js";

/** Claude Code hook event names → cadre's canonical events (every event of Claude's hook reference). */
const EVENTS: Record<string, string> = Object.fromEntries(
  CLAUDE_EVENTS.map((e) => [e.replace(/(^|-)([a-z])/g, (_, _d, c: string) => c.toUpperCase()), e]),
);

/** Handler keys cadre models itself; every other key of a command handler is kept for Claude as written. */
const MODELLED = new Set(["type", "command", "timeout", "if"]);
const OTHER_TYPES = new Set(["prompt", "http", "agent", "mcp_tool"]);

type Draft = Omit<Item, "tokens" | "hash" | "files" | "pack"> & { files?: string[] };

/** Claude's matcher syntax: only letters, digits, `_`, `-`, space, `,` and `|` are exact names; else a regex. */
function matcherList(m: unknown): string[] | undefined {
  if (typeof m !== "string" || m === "" || m === "*") return undefined;
  if (!/^[\w\s,|-]+$/.test(m)) return [m];
  const names = m
    .split(/[|,]/)
    .map((t) => t.trim())
    .filter(Boolean);
  return names.length ? names : undefined;
}

/** The plugin folder a hooks file belongs to: `<root>/hooks/hooks.json` → `<root>`. */
function pluginRoot(path: string): string {
  const m = /^(?:(.*)\/)?hooks\/[^/]+$/.exec(path);
  if (m) return m[1] ?? "";
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/**
 * The plugin's support files a hook may run or import (`${CLAUDE_PLUGIN_ROOT}/…`): every file under the
 * plugin root except the plugin's items and documents (`.claude-plugin/`, agents, commands, skills, the
 * hooks file, Markdown, files at the top).
 */
function supportFiles(paths: readonly string[], root: string, hooksFile: string): string[] {
  const prefix = root ? `${root}/` : "";
  return paths
    .filter((p) => p.startsWith(prefix) && p !== hooksFile)
    .filter((p) => {
      const rel = p.slice(prefix.length);
      return (
        rel.includes("/") &&
        !/^(\.claude-plugin|agents|commands|skills|\.git)\//.test(rel) &&
        !/\.md$/i.test(rel)
      );
    })
    .sort();
}

/** One Claude handler object → a cadre hook handler (undefined: nothing cadre can keep). */
function handlerOf(h: Record<string, unknown>, root: string): Record<string, unknown> | undefined {
  if (h.type === "command" && typeof h.command === "string" && h.command.trim()) {
    const claude = Object.fromEntries(Object.entries(h).filter(([k]) => !MODELLED.has(k)));
    return {
      command: h.command,
      ...(typeof h.timeout === "number" && Number.isInteger(h.timeout) && h.timeout > 0
        ? { timeout: h.timeout }
        : {}),
      ...(typeof h.if === "string" && h.if ? { if: h.if } : {}),
      ...(Object.keys(claude).length ? { claude } : {}),
      ...(h.command.includes("CLAUDE_PLUGIN_ROOT") ? { root } : {}),
    };
  }
  if (typeof h.type === "string" && OTHER_TYPES.has(h.type)) return { claude: h };
  return undefined;
}

/** One hook item of a Claude hooks file. */
function hookDraft(
  name: string,
  event: string,
  canonical: string,
  matcher: string[] | undefined,
  handler: Record<string, unknown>,
  src: { path: string; text: string; files: string[] | undefined },
): Draft {
  const what =
    typeof handler.command === "string"
      ? handler.command
      : `a ${String((handler.claude as { type?: unknown })?.type)} hook`;
  const description = `Claude plugin hook on ${event}: ${what}`;
  const meta: Record<string, unknown> = {
    id: name,
    description,
    event: canonical,
    ...(matcher ? { matcher } : {}),
    handler,
    failure: "open",
    tags: ["claude-plugin"],
  };
  return {
    id: `hook:${name}`,
    kind: "hook",
    name,
    path: src.path,
    meta,
    body: src.text,
    bodyLine: 1,
    text: src.text,
    description,
    tags: ["claude-plugin"],
    ...(handler.root !== undefined && src.files ? { files: src.files } : {}),
  };
}

/** Turn a Claude plugin `hooks/hooks.json` into hook items: one per (event, matcher group, handler). */
export function claudeHookItems(
  text: string,
  path: string,
  paths: readonly string[] = [],
): { items: Draft[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const r = parseJson(text);
  if (!r.ok) {
    diagnostics.push(jsonSyntaxDiagnostic(r, path));
    return { items: [], diagnostics };
  }
  const hooks = (r.value as { hooks?: unknown })?.hooks;
  if (!hooks || typeof hooks !== "object") return { items: [], diagnostics };
  const root = pluginRoot(path);
  // In a marketplace, each plugin's hooks are named after the plugin (`hookify-stop-1`), so they never collide.
  const plugin = root ? `${root.slice(root.lastIndexOf("/") + 1)}-` : "";
  let files: string[] | undefined;
  const items: Draft[] = [];
  const seen = new Set<string>();
  const warn = (message: string) =>
    diagnostics.push({ rule: "hook/unsupported", severity: "warning", message, file: path });
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
      const list: unknown[] = Array.isArray(entry?.hooks) ? entry.hooks : [];
      const matcher = matcherList(entry?.matcher);
      list.forEach((raw, j) => {
        const h = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
        const handler = handlerOf(h, root);
        if (!handler) {
          warn(
            `${event} hook ${i + 1}.${j + 1}: handler type ${JSON.stringify(h.type)} is not a Claude Code hook type; not loaded`,
          );
          return;
        }
        const key = JSON.stringify([
          canonical,
          matcher ?? null,
          handler.command ?? handler.claude,
          handler.if ?? null,
          handler.timeout ?? null,
        ]);
        if (seen.has(key)) return;
        seen.add(key);
        const name = `${plugin}${canonical}-${i + 1}${list.length > 1 ? `-${j + 1}` : ""}`;
        if (handler.root !== undefined) files ??= [path, ...supportFiles(paths, root, path)];
        items.push(hookDraft(name, event, canonical, matcher, handler, { path, text, files }));
      });
    });
  }
  return { items, diagnostics };
}
