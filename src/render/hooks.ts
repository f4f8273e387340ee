/**
 * Hook items → host hook configs. A built-in handler runs as `cadre hook <name> --host <host>` (plus only
 * the settings that differ from the handler's defaults, so `cadre hook` reads nothing else); a `{command}`
 * handler (a third-party pack's script) is installed with its command as it is.
 */
import type { HookProtocol, Scope, Target } from "../hosts/define.js";
import { selector, selectorAll } from "../hosts/output.js";
import { BUILTIN_HOOKS, builtinEvents, TOOL_CLASSES, type ToolClassName } from "../model/hook-builtins.js";
import { claudeEventName, TOOL_EVENTS } from "../model/hook-events.js";
import type { HookData } from "../model/kinds.js";
import type { KeyEntry } from "./keys.js";
import { tomlString } from "./toml.js";

/** Seconds a built-in handler may take before the host gives up (it answers in milliseconds). */
const BUILTIN_TIMEOUT_S = 30;

/** How the written command finds cadre by default: on PATH (cadre.yaml `hooks.command` changes it). */
export const CADRE_BIN = "cadre";

type Handler = HookData["handler"];

function data(meta: Record<string, unknown>): HookData {
  return meta as unknown as HookData;
}

/** POSIX-shell single quoting (also a literal string in PowerShell), only when needed. */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

/** The command line a host runs for a hook item. */
export function hookCommand(
  name: string,
  meta: Record<string, unknown>,
  host: string,
  cadre: string = CADRE_BIN,
): string {
  const h = data(meta);
  const handler = h.handler as Handler;
  if ("command" in handler) return handler.command;
  if (!("builtin" in handler)) return "";
  const builtin = handler.builtin;
  const def = BUILTIN_HOOKS[builtin];
  const args = ["hook", name, "--host", host];
  if (builtin !== name) args.push("--handler", builtin);
  if (!def || h.event !== def.event) args.push("--event", h.event);
  if (!def || h.failure !== def.failure) args.push("--failure", h.failure);
  const matcher = h.matcher ?? def?.matcher;
  if (matcher && canonical(matcher) !== canonical(def?.matcher)) args.push("--match", matcher.join(","));
  const config = { ...(def?.config ?? {}), ...(h.config ?? {}) };
  if (canonical(config) !== canonical(def?.config ?? {})) args.push("--config", canonical(h.config ?? {}));
  return [cadre, ...args.map(shellQuote)].join(" ");
}

/** `cadre hook <name> --host <host> --match <terms> --run <command>`: the command, only for those tools. */
function filteredCommand(name: string, host: string, terms: string[], command: string, cadre = CADRE_BIN) {
  const args = ["hook", name, "--host", host, "--match", [...new Set(terms)].join(","), "--run", command];
  return [cadre, ...args.map(shellQuote)].join(" ");
}

/** Claude Code's tool names (as Claude plugin hooks use them) → tool classes. */
const CLAUDE_TOOLS: Record<string, ToolClassName> = {
  Bash: "shell",
  Edit: "edit",
  MultiEdit: "edit",
  NotebookEdit: "edit",
  Write: "write",
  Read: "read",
};

/** The item's tool classes (and any host tool names it names as they are). */
function matcherTerms(h: HookData, claude = false): string[] | undefined {
  const m = h.matcher ?? ("builtin" in h.handler ? BUILTIN_HOOKS[h.handler.builtin]?.matcher : undefined);
  if (!m || m.length === 0 || m.includes("*")) return undefined;
  // Claude Code keeps a Claude plugin's own tool names as written (there `Edit` is not all of the edit class).
  return claude ? m : m.map((t) => CLAUDE_TOOLS[t] ?? t);
}

/**
 * The host's matcher for a tool event; undefined matches every tool. `null`: none of the item's tool
 * classes exists on this host (the hook would never run).
 */
export function hookMatcher(h: HookData, p: HookProtocol): string | undefined | null {
  const terms = matcherTerms(h, !!p.claude && !!h.tags?.includes("claude-plugin"));
  if (!terms || !p.tools) return undefined;
  const names = new Set<string>();
  for (const t of terms) {
    if ((TOOL_CLASSES as readonly string[]).includes(t)) {
      const n = p.tools[t as ToolClassName];
      if (n) for (const x of n.split("|")) names.add(x);
    } else names.add(t);
  }
  if (names.size === 0) return null;
  const alt = [...names].join("|");
  return p.anchored ? `^(${alt})$` : alt;
}

function timeout(h: HookData, p: HookProtocol): number {
  const s = "command" in h.handler ? (h.handler.timeout ?? 60) : BUILTIN_TIMEOUT_S;
  return p.timeoutUnit === "ms" ? s * 1000 : s;
}

/**
 * Where a pack's hook scripts go for a host, root-relative: `<host folder>/hooks/<pack>/`, next to the
 * host's hook config (`.claude/hooks/<pack>`, `.codex/hooks/<pack>`, `.github/hooks/<pack>`, …; under
 * `~/.config`, `.config/<host>/hooks/<pack>`); for a config at the root, the folder named after it
 * (`crush.json` → `.crush/hooks/<pack>`).
 */
export function hookScriptsDir(configPath: string, pack: string): string {
  const parts = configPath.split("/");
  // `~/.config/<host>/…` (XDG): the host's folder is the second level.
  const depth = parts[0] === ".config" && parts.length > 2 ? 2 : 1;
  const top =
    parts.length > 1 ? parts.slice(0, depth).join("/") : `.${configPath.replace(/^\./, "").split(".")[0]}`;
  return `${top}/hooks/${pack}`;
}

/** The variable a host sets to the project folder when it runs a hook (others run hooks in the project). */
const PROJECT_DIR: Record<string, string> = {
  "claude-code": "$CLAUDE_PROJECT_DIR",
  "gemini-cli": "$GEMINI_PROJECT_DIR",
};

/** Where a hook's scripts are installed, and the pack files that go there (`${CLAUDE_PLUGIN_ROOT}`). */
export interface HookPlace {
  /** Root-relative folder the plugin root maps to. */
  dir: string;
  /** How a command names that folder: `$CLAUDE_PROJECT_DIR/.claude/hooks/p`, `./.codex/hooks/p`, an absolute path. */
  base: string;
}

export function hookPlace(
  host: string,
  configPath: string,
  item: { pack: string; meta: Record<string, unknown> },
  home?: string,
): HookPlace {
  // A plugin inside a marketplace gets its own folder: two plugins may both have hooks/session-start.sh.
  const root = (item.meta.handler as { root?: unknown } | undefined)?.root;
  const plugin = typeof root === "string" && root ? `/${root.slice(root.lastIndexOf("/") + 1)}` : "";
  const dir = hookScriptsDir(configPath, item.pack) + plugin;
  const base = home !== undefined ? `${home}/${dir}` : `${PROJECT_DIR[host] ?? "."}/${dir}`;
  return { dir, base };
}

/**
 * A Claude plugin command with `${CLAUDE_PLUGIN_ROOT}` (or `$CLAUDE_PLUGIN_ROOT`) replaced by the installed
 * folder, quoted where the author left it bare, and the variable also set for the command, since plugin
 * scripts read it from their environment (hookify's `sys.path`).
 */
export function rewritePluginRoot(command: string, base: string): string {
  let out = "";
  let quoted = false;
  const re = /\$\{CLAUDE_PLUGIN_ROOT\}|\$CLAUDE_PLUGIN_ROOT\b/g;
  let last = 0;
  for (let m = re.exec(command); m; m = re.exec(command)) {
    const before = command.slice(last, m.index);
    for (let i = 0; i < before.length; i++) if (before[i] === '"' && before[i - 1] !== "\\") quoted = !quoted;
    out += before + (quoted ? base : `"${base}"`);
    last = m.index + m[0].length;
  }
  out += command.slice(last);
  return `CLAUDE_PLUGIN_ROOT="${base}" ${out}`;
}

/** What one hook item becomes for one host, or why it is skipped. */
export type HookRender =
  | { type: "keys"; entries: KeyEntry[] }
  | { type: "toml"; text: string }
  | { type: "file"; content: string }
  /** `hooks-cline`: the item's part of one script per host event (the script is written by `clineScript`). */
  | { type: "script"; entries: ScriptHook[] }
  | { type: "skip"; reason: string; warning?: boolean };

/** One hook's line in a per-event script: its command, and the host tool names it runs for (all: undefined). */
export interface ScriptHook {
  event: string;
  command: string;
  tools?: string[];
}

/** Why a host cannot run a hook as its author wrote it (undefined: it can). */
function refusal(h: HookData, p: HookProtocol, format: string): string | undefined {
  const claude = !!p.claude && format === "hooks-json";
  if ("claude" in h.handler && !("command" in h.handler) && !claude) {
    const type = String(h.handler.claude.type);
    const runs = format === "hooks-json" && p.handlers?.includes(type);
    if (!runs)
      return p.handlers?.length
        ? `a ${type} hook, and this host runs only ${["command", ...p.handlers].join(" and ")} hooks`
        : `a ${type} hook, and this host runs only command hooks`;
  }
  if ("command" in h.handler && h.handler.if && !claude)
    return `an \`if\` condition (${h.handler.if}) this host cannot express: it would run on every call`;
  if (
    !TOOL_EVENTS.has(h.event) &&
    h.matcher &&
    !["hooks-json", "hooks-toml", "hooks-cursor", "hooks-kiro"].includes(format)
  )
    return `a ${h.event} matcher (${h.matcher.join("|")}) this host cannot express`;
  return undefined;
}

/** The handler object a `hooks-json` host gets. */
function jsonHandler(h: HookData, p: HookProtocol, name: string, command: string, t: number) {
  if ("claude" in h.handler && !("command" in h.handler)) return h.handler.claude;
  const own = "command" in h.handler ? h.handler : undefined;
  return {
    type: "command",
    command,
    ...(p.named ? { name: `cadre-${name}` } : {}),
    timeout: t,
    ...(own?.if ? { if: own.if } : {}),
    ...(p.claude ? (own?.claude ?? {}) : {}),
  };
}

/** The pack files a plugin hook installs, and where: [pack path, root-relative target]. */
export function hookScriptFiles(
  meta: Record<string, unknown>,
  files: readonly string[],
  hooksFile: string,
  place: HookPlace,
): Array<[string, string]> {
  const handler = data(meta).handler;
  if (!("command" in handler) || handler.root === undefined) return [];
  const prefix = handler.root ? `${handler.root}/` : "";
  return files
    .filter((f) => f !== hooksFile && f.startsWith(prefix))
    .map((f) => [f, `${place.dir}/${f.slice(prefix.length)}`]);
}

/** What every format needs to write one hook: the host events, matcher, command line and timeout. */
interface HookPlan {
  h: HookData;
  events: string[];
  matcher: string | undefined;
  command: string;
  t: number;
  /** The owned-entry selector: one entry per (event, matcher, command, if). */
  owned: (commandPath: string) => string;
}

function planHook(
  name: string,
  meta: Record<string, unknown>,
  target: Target,
  p: HookProtocol,
  cadre?: string,
  place?: HookPlace,
): HookPlan | Extract<HookRender, { type: "skip" }> {
  const h = data(meta);
  // An unknown built-in would make every call fail (and a fail-closed one deny every call): never install it.
  if ("builtin" in h.handler && !BUILTIN_HOOKS[h.handler.builtin])
    return { type: "skip", reason: `no built-in hook handler "${h.handler.builtin}"`, warning: true };
  if ("builtin" in h.handler && !builtinEvents(h.handler.builtin).includes(h.event))
    return { type: "skip", reason: `no ${h.event} hook for the ${h.handler.builtin} handler`, warning: true };
  // A third-party command keeps the one event its author chose; built-ins also hear the host's
  // split-off variants (Claude's PostToolUseFailure: a failing call is what loop-cap counts). Claude's
  // own events beyond the shared ones keep their Claude name there.
  const claude = p.claude ? claudeEventName(h.event) : undefined;
  const own = p.events[h.event] ?? (claude ? [claude] : []);
  const events = own.slice(0, "builtin" in h.handler ? undefined : 1);
  if (events.length === 0) return { type: "skip", reason: `no ${h.event} hook event` };
  // A fail-closed built-in on stop is a guard that must be able to keep the agent working.
  if (h.event === "stop" && "builtin" in h.handler && h.failure === "closed" && !p.stopBlocks)
    return { type: "skip", reason: "no stop hook event that can keep the agent working" };
  const refused = refusal(h, p, target.format);
  if (refused) return { type: "skip", reason: refused, warning: true };
  const tool = TOOL_EVENTS.has(h.event);
  const matcher = tool ? hookMatcher(h, p) : h.matcher?.join("|");
  if (matcher === null)
    return { type: "skip", reason: `no tool of the classes ${matcherTerms(h)?.join(", ")}` };
  // A host without matchers runs a hook on every tool: cadre hook filters a third-party command by the
  // matcher's tool classes (or names) and runs it only for those (`cadre hook --run`).
  const filter = tool && !p.tools && !("builtin" in h.handler) ? matcherTerms(h) : undefined;
  if (filter?.some((t) => !/^[\w.-]+$/.test(t)))
    return {
      type: "skip",
      reason: `a matcher (${filter.join("|")}) cadre cannot check on this host`,
      warning: true,
    };
  let command = hookCommand(name, meta, p.host, cadre);
  if ("command" in h.handler && h.handler.root !== undefined && place)
    command = rewritePluginRoot(command, place.base);
  if (filter) command = filteredCommand(name, p.host, filter, command, cadre);
  const ifCond = "command" in h.handler ? h.handler.if : undefined;
  // Two hooks of one command on two matchers stay two entries.
  const owned = (commandPath: string) =>
    "command" in h.handler || "builtin" in h.handler
      ? selectorAll({
          [commandPath]: command,
          matcher: matcher ?? null,
          ...(ifCond ? { "hooks.0.if": ifCond } : {}),
        })
      : selectorAll({ "hooks.0": h.handler.claude as Record<string, unknown>, matcher: matcher ?? null });
  return { h, events, matcher, command, t: timeout(h, p), owned };
}

/** Windsurf has one event per tool class (pre_run_command, pre_write_code, …) and no matchers. */
function windsurfEntries({ h, events, command }: HookPlan, p: HookProtocol): HookRender {
  const terms = matcherTerms(h);
  let evs = events;
  if (terms && p.tools) {
    const wanted = new Set(terms.flatMap((c) => p.tools?.[c as ToolClassName]?.split("|") ?? []));
    evs = events.filter((ev) => wanted.has(ev));
    if (evs.length === 0) return { type: "skip", reason: `no hook event for ${terms.join(", ")}` };
  }
  return {
    type: "keys",
    entries: evs.map((ev) => ({
      key: ["hooks", ev, selector("command", command)],
      value: { command, show_output: true },
    })),
  };
}

/** Why a hook item is not installed for a host's target (`cadre info`, as `renderHook` skips it), or undefined. */
export function hookRefusal(name: string, meta: Record<string, unknown>, target: Target): string | undefined {
  const r = renderHook(name, meta, target);
  return r.type === "skip" ? r.reason : undefined;
}

export function renderHook(
  name: string,
  meta: Record<string, unknown>,
  target: Target,
  cadre?: string,
  place?: HookPlace,
): HookRender {
  const p = target.hooks;
  if (!p) return { type: "skip", reason: "the target has no hook protocol" };
  const plan = planHook(name, meta, target, p, cadre, place);
  if ("type" in plan) return plan;
  const { h, events, matcher, command, t, owned } = plan;
  switch (target.format) {
    case "hooks-json":
      return {
        type: "keys",
        entries: events.map((ev) => ({
          key: ["hooks", ev, owned("hooks.0.command")],
          value: { ...(matcher ? { matcher } : {}), hooks: [jsonHandler(h, p, name, command, t)] },
        })),
      };
    case "hooks-cursor":
      // Cursor's hooks.json carries `version: 1`; Crush keeps the same entries inside crush.json.
      return {
        type: "keys",
        entries: [
          ...(p.host === "cursor" ? [{ key: ["version"], value: 1 }] : []),
          ...events.map((ev) => ({
            key: ["hooks", ev, owned("command")],
            value: { command, ...(matcher ? { matcher } : {}), timeout: t },
          })),
        ],
      };
    case "hooks-windsurf":
      return windsurfEntries(plan, p);
    case "hooks-toml":
      return {
        type: "toml",
        text: events
          .map((ev) =>
            [
              `[[hooks.${ev}]]`,
              ...(matcher ? [`matcher = ${tomlString(matcher)}`] : []),
              `[[hooks.${ev}.hooks]]`,
              `type = "command"`,
              `command = ${tomlString(command)}`,
              `timeout = ${t}`,
            ].join("\n"),
          )
          .join("\n\n")
          .concat("\n"),
      };
    case "hooks-file": {
      const handler = { type: "command", bash: command, powershell: command, timeoutSec: t };
      const hooks = Object.fromEntries(events.map((ev) => [ev, [handler]]));
      return { type: "file", content: `${JSON.stringify({ version: 1, hooks }, null, 2)}\n` };
    }
    case "hooks-kiro": {
      // kiro.dev/docs/cli/v3/hooks: a standalone versioned file; the matcher is a regex on the tool name
      // (tool triggers) or the file path (file triggers).
      const hooks = events.map((trigger) => ({
        name: `cadre-${name}`,
        trigger,
        ...(matcher ? { matcher } : {}),
        action: { type: "command", command },
        timeout: t,
        enabled: true,
      }));
      return { type: "file", content: `${JSON.stringify({ version: "v1", hooks }, null, 2)}\n` };
    }
    case "hooks-opencode":
      return {
        type: "file",
        content: opencodePlugin(name, command, events, matcher ? matcher.split("|") : undefined, t),
      };
    case "hooks-cline":
      return {
        type: "script",
        entries: events.map((event) => ({
          event,
          command,
          ...(matcher ? { tools: matcher.split("|") } : {}),
        })),
      };
    default:
      return { type: "skip", reason: `no hook renderer for ${target.format}` };
  }
}

/**
 * An OpenCode plugin that runs one hook: OpenCode has no hook config, only plugins. It hands the tool call to
 * the command as JSON and reads cadre's answer (`{decision, reason}` / `{context}`): a denial before a
 * tool throws (OpenCode returns the error to the agent), text after a tool is appended to its output.
 * A command that cannot run (exit 127, a timeout) has no opinion, as in the other hosts.
 *
 * One module serves both plugin APIs, whose loaders read different keys of the default export: V1
 * (opencode-ai 1.x) calls `server`, a function returning `tool.execute.before/after` hooks; V2 reads `id`
 * and `setup(ctx)`, which registers `ctx.tool.hook("execute.before"/"execute.after")` (opencode.ai
 * /docs/build/plugins/migrate-v1: "V1 plugin implementations do not run in V2"). The host's version is
 * never guessed: each loader finds its own half.
 */
function opencodePlugin(
  name: string,
  command: string,
  events: readonly string[],
  tools: readonly string[] | undefined,
  timeoutS: number,
): string {
  const before = events.includes("tool.execute.before");
  const after = events.includes("tool.execute.after");
  const v1: string[] = [];
  const v2: string[] = [];
  if (before) {
    v1.push(`  "tool.execute.before": async (input, output) => {
    await onBefore(input.tool, output.args, input.sessionID, directory);
  },`);
    v2.push(`  await ctx.tool.hook("execute.before", async (event) => {
    await onBefore(event.tool, event.input, event.sessionID, directory);
  });`);
  }
  if (after) {
    v1.push(`  "tool.execute.after": async (input, output) => {
    const text = await onAfter(input.tool, input.args, output.output, output.metadata?.exit, input.sessionID, directory);
    if (text && typeof output.output === "string") output.output += \`\\n\\n\${text}\`;
  },`);
    v2.push(`  await ctx.tool.hook("execute.after", async (event) => {
    const text = await onAfter(event.tool, event.input, v2Text(event), v2Exit(event), event.sessionID, directory);
    if (text) v2Append(event, text);
  });`);
  }
  return `// Written by cadre sync for the ${name} hook; cadre owns this file (cadre uninstall removes it).
// OpenCode V1 calls \`server\`; OpenCode V2 reads \`id\` and \`setup\`.
import { spawn } from "node:child_process";

const COMMAND = ${JSON.stringify(command)};
/** OpenCode tools this hook looks at (null: all). */
const TOOLS = ${tools ? JSON.stringify(tools) : "null"};

/** Run the hook command with the call on stdin; its JSON answer, or undefined (no opinion). */
function ask(payload) {
  return new Promise((resolve) => {
    const child = spawn(COMMAND, { shell: true, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const timer = setTimeout(() => child.kill(), ${timeoutS * 1000});
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", () => resolve(undefined));
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 2) return resolve({ decision: "deny", reason: err.trim() });
      if (code !== 0 || !out.trim()) return resolve(undefined);
      try {
        resolve(JSON.parse(out));
      } catch {
        resolve(undefined);
      }
    });
    child.stdin.on("error", () => {});
    child.stdin.end(JSON.stringify(payload));
  });
}

/** Before a tool: a denial throws, and OpenCode returns the error to the agent. */
async function onBefore(tool, args, sessionID, directory) {
  if (TOOLS && !TOOLS.includes(tool)) return;
  const a = await ask({
    hook_event_name: "tool.execute.before",
    tool_name: tool,
    tool_input: args,
    session_id: sessionID,
    cwd: directory,
  });
  if (a?.decision === "deny") throw new Error(a.reason);
}

/** After a tool: the text to append to its output, if any. */
async function onAfter(tool, args, output, exit, sessionID, directory) {
  if (TOOLS && !TOOLS.includes(tool)) return undefined;
  const a = await ask({
    hook_event_name: "tool.execute.after",
    tool_name: tool,
    tool_input: args,
    tool_response: { output, exit_code: exit },
    session_id: sessionID,
    cwd: directory,
  });
  return a?.decision === "deny" ? a.reason : a?.context;
}

/** V2: the text parts of a tool result (\`output.content\`, or the result's content or value). */
function v2Text(event) {
  const c = event.output?.content ?? event.result?.content ?? event.result?.value;
  if (typeof c === "string") return c;
  if (Array.isArray(c)) return c.flatMap((p) => (p?.type === "text" ? [p.text] : [])).join("\\n");
  return c === undefined ? "" : JSON.stringify(c);
}

function v2Exit(event) {
  const m = event.result?.metadata ?? event.output?.structured;
  return typeof m?.exit === "number" ? m.exit : event.result?.type === "error" ? 1 : undefined;
}

/** V2: add a text part to the result the agent sees. */
function v2Append(event, text) {
  const c = event.output?.content ?? event.result?.content;
  if (Array.isArray(c)) c.push({ type: "text", text });
  else if (event.result && typeof event.result.value === "string") event.result.value += \`\\n\\n\${text}\`;
}

export default {
  id: ${JSON.stringify(`cadre-${name}`)},
  async setup(ctx) {
    const directory = ctx.location?.directory ?? process.cwd();
${v2.map((l) => l.replace(/^/gm, "  ")).join("\n")}
  },
  server: async ({ directory }) => ({
${v1.map((l) => l.replace(/^/gm, "  ")).join("\n")}
  }),
};
`;
}

/** A host tool name as a `case` pattern: glob characters quoted. */
function casePattern(tool: string): string {
  return /^[\w.-]+$/.test(tool) ? tool : shellQuote(tool);
}

/**
 * Cline's hook for one event: an executable POSIX `sh` script named after the event (Cline runs
 * `.clinerules/hooks/<Event>` with its JSON on stdin). It runs each hook's command in turn on the same
 * input: the first answer that cancels is Cline's answer (the rest do not run), otherwise the commands'
 * `contextModification` texts are joined. A command that fails or prints nothing has no opinion, so a
 * missing cadre never blocks anything. Commands run in the project folder. `hooks` are sorted by item name.
 */
export function clineScript(
  event: string,
  hooks: ReadonlyArray<ScriptHook & { name: string }>,
  scope: Scope,
): string {
  const names = hooks.map((h) => h.name).join(", ");
  const filtered = hooks.some((h) => h.tools);
  // Cline starts hooks in its own process's folder, not the project's: commands run in the project, as in
  // other hosts (a relative launcher, npx, a pack's ./script). A project's script is in .clinerules/hooks/;
  // the global one goes to the task's first workspace root.
  const cd =
    scope === "project"
      ? ['cd "$(dirname "$0")/../.." || exit 0']
      : [
          `root=$(printf '%s' "$input" | tr '\\n' ' ' | sed -nE 's/.*"workspaceRoots"[[:space:]]*:[[:space:]]*\\[[[:space:]]*"([^"]*)".*/\\1/p')`,
          `if [ -d "$root" ]; then cd "$root" || exit 0; fi`,
        ];
  const lines = [
    "#!/bin/sh",
    `# Cline's ${event} hook, written by cadre (\`cadre sync\`) for: ${names}.`,
    "# cadre owns this file: sync rewrites it and `cadre uninstall` removes it. To opt out, leave these hooks",
    "# out for Cline in cadre.yaml (overrides: { cline: { exclude: [hook:<name>] } }) and run `cadre sync`.",
    "# Each command gets Cline's JSON on stdin. The first answer that cancels is the answer; otherwise the",
    "# commands' contextModification texts are joined. A command that fails or prints nothing has no opinion.",
    "input=$(cat)",
    ...cd,
    "context=",
    ...(filtered
      ? [
          `tool=$(printf '%s' "$input" | tr '\\n' ' ' | sed -nE 's/.*"toolName"[[:space:]]*:[[:space:]]*"([^"]*)".*/\\1/p')`,
        ]
      : []),
    "",
    "run() {",
    `  out=$(printf '%s\\n' "$input" | sh -c "$1")`,
    `  flat=$(printf '%s' "$out" | tr '\\n' ' ')`,
    `  if printf '%s' "$flat" | grep -Eq '"cancel"[[:space:]]*:[[:space:]]*true'; then`,
    `    printf '%s\\n' "$out"`,
    "    exit 0",
    "  fi",
    `  more=$(printf '%s' "$flat" | sed -nE 's/.*"contextModification"[[:space:]]*:[[:space:]]*"(([^"\\\\]|\\\\.)*)".*/\\1/p')`,
    `  if [ -n "$more" ]; then context="\${context:+$context\\n\\n}$more"; fi`,
    "}",
    "",
  ];
  for (const h of hooks) {
    lines.push(`# ${h.name}`);
    const run = `run ${shellQuote(h.command)}`;
    lines.push(h.tools ? `case $tool in ${h.tools.map(casePattern).join(" | ")}) ${run} ;; esac` : run);
  }
  lines.push(
    "",
    `if [ -n "$context" ]; then`,
    `  printf '{"cancel":false,"contextModification":"%s"}\\n' "$context"`,
    "else",
    `  printf '{"cancel":false}\\n'`,
    "fi",
  );
  return `${lines.join("\n")}\n`;
}
