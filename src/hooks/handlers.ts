/**
 * The built-in hook handlers. Pure: the event, the hook's config, the previous state, the clock and
 * anything read from disk come in; a decision, the next state and files to write go out.
 */
import { posix } from "node:path";
import { sha256 } from "../core/hash.js";
import { BUILTIN_HOOKS, builtinEvents } from "../model/hook-builtins.js";
import { type NewRunEvent, RUN_FILES } from "../model/run.js";
import { compilePatterns, globCouldHit, protectedBy, protectedInside, relToRoot } from "./paths.js";
import type { ShellContext, ShellTarget } from "./shell.js";
import type { CanonicalEvent, Decision, HookEvent, ToolClass } from "./types.js";

export interface HandlerInput {
  event: CanonicalEvent;
  config: Record<string, unknown>;
  /** This handler's state for the session, as it last returned it. */
  state: unknown;
  /** Milliseconds since the epoch. */
  now: number;
  /** The project root (absolute, forward slashes). */
  root: string;
  /** session-bootstrap: what is installed and the repo map, read by the runtime. */
  context?: BootstrapContext;
  /** protected-paths: the file system's links and folders, as the runtime sees them. */
  files?: PathResolver;
  /** The user's home folder (for `~` in shell commands). */
  home?: string;
  /** protected-paths: the shell command reader (`shell.ts`), loaded by the runtime only for shell calls. */
  shell?: ShellReader;
  /** The active pipeline run, as the runtime read it (undefined: no active run). */
  run?: RunContext;
}

/**
 * The active run, as far as a hook needs it: decided by the runtime with src/pipeline/ (which this layer
 * does not import) from the run's status, workflow, events and artifacts.
 */
export interface RunContext {
  id: string;
  phase: string | null;
  role?: string;
  /** pipeline-gate: whether source edits are open now, and why (pipeline/gate.ts `editStage`). */
  edits: { allowed: boolean; why: string };
  /** pipeline-gate on stop: why the current phase is not done (its artifact missing or invalid). */
  unfinished?: string;
  /** session-bootstrap: the run in a few lines (pipeline/brief.ts). */
  brief?: string;
  /** run-summary: the run's summary.md and handoff.md (pipeline/summary.ts). */
  docs?: { summary: string; handoff: string };
}

export type ShellReader = (command: string, ctx: ShellContext) => ShellTarget[];

/** What the runtime knows of the file system: links resolved, folders recognised. */
export interface PathResolver {
  /** The path with every existing link in it resolved (absolute, forward slashes); the path when none. */
  realpath(abs: string): string;
  isDir(abs: string): boolean;
}

export interface HandlerOutput {
  decision: Decision;
  /** The next state; undefined leaves it unchanged. */
  state?: unknown;
  /** Files to write, relative to the project root. */
  writes?: Array<{ path: string; content: string }>;
  /** Events to append to the active run's events.ndjson. */
  events?: NewRunEvent[];
}

export interface BuiltinHandler {
  /** The events the handler understands, and the tool classes it looks at when none are configured. */
  events: readonly HookEvent[];
  classes?: readonly ToolClass[];
  failure: "open" | "closed";
  defaults: Record<string, unknown>;
  run(input: HandlerInput): HandlerOutput;
}

const allow: Decision = { type: "allow" };

function strings(v: unknown, fallback: readonly string[]): string[] {
  return Array.isArray(v) && v.every((x) => typeof x === "string") ? v : [...fallback];
}

function positive(v: unknown, fallback: number): number {
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? v : fallback;
}

// --- protected-paths -------------------------------------------------------------------------------

const PROTECTED_DEFAULT = BUILTIN_HOOKS["protected-paths"]?.config.paths as string[];

/**
 * The protected path a tool call would change, with the pattern that protects it; undefined when none.
 * Each path is checked as written and, with `files`, through the links it goes through.
 */
export function protectedHit(
  ev: CanonicalEvent,
  patterns: readonly string[],
  root: string,
  opts: { files?: PathResolver; home?: string; shell?: ShellReader } = {},
): { path: string; pattern: string } | undefined {
  const tool = ev.tool;
  if (!tool) return undefined;
  const compiled = compilePatterns(patterns);
  const abs = (from: string, p: string) => {
    const q = p.replace(/\\/g, "/");
    return posix.normalize(q.startsWith("/") || /^[A-Za-z]:\//.test(q) ? q : posix.join(from, q));
  };
  const cwd = abs(root.replace(/\\/g, "/"), ev.cwd ?? root);
  const { files } = opts;
  const check = (abs: string, tree: boolean, nofollow: boolean) => {
    const real =
      files === undefined
        ? abs
        : nofollow
          ? posix.join(files.realpath(posix.dirname(abs)), posix.basename(abs))
          : files.realpath(abs);
    for (const p of real === abs ? [abs] : [abs, real]) {
      const rel = relToRoot(p, { root });
      if (rel === undefined) continue;
      const pattern =
        protectedBy(rel, compiled) ??
        globCouldHit(rel, patterns) ??
        (tree ? protectedInside(rel, compiled) : undefined);
      if (pattern) return { path: rel === "" ? "." : rel, pattern };
    }
    return undefined;
  };
  if (tool.class === "edit" || tool.class === "write") {
    for (const p of tool.paths) {
      const hit = check(abs(cwd, p), false, false);
      if (hit) return hit;
    }
    return undefined;
  }
  if (tool.class === "shell" && tool.command) {
    const ctx = { cwd, ...(opts.home ? { home: opts.home } : {}), ...(files ? { isDir: files.isDir } : {}) };
    if (!opts.shell) throw new Error("the shell command reader was not loaded");
    for (const t of opts.shell(tool.command, ctx)) {
      const hit = check(t.path, t.tree === true, t.nofollow === true);
      if (hit) return hit;
    }
  }
  return undefined;
}

const protectedPaths: BuiltinHandler = {
  events: ["pre-tool-use"],
  classes: ["edit", "write", "shell"],
  failure: "closed",
  defaults: { paths: PROTECTED_DEFAULT },
  run({ event, config, root, files, home, shell }) {
    const hit = protectedHit(event, strings(config.paths, PROTECTED_DEFAULT), root, { files, home, shell });
    if (!hit) return { decision: allow };
    const how = event.tool?.class === "shell" ? "This command would change" : "This edit would change";
    return {
      decision: {
        type: "deny",
        reason: `${how} ${hit.path}, which this project protects (pattern "${hit.pattern}" in the protected-paths hook). Leave it to the tool that owns it (e.g. cadre sync, git, the package manager), or ask the user to change it.`,
      },
    };
  },
};

// --- loop-cap ------------------------------------------------------------------------------------

export interface LoopState {
  /** Hash of the last failing call (tool name + input) and how many times in a row it failed. */
  key?: string;
  count: number;
  tool?: string;
}

function callKey(ev: CanonicalEvent): string {
  const t = ev.tool;
  const canon = JSON.stringify([t?.name ?? "", t?.command ?? sortValue(t?.input ?? {})]);
  return sha256(canon).slice(0, 16);
}

function sortValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortValue);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, sortValue((v as Record<string, unknown>)[k])]),
    );
  return v;
}

function describeCall(ev: CanonicalEvent): string {
  const t = ev.tool;
  if (!t) return "the same call";
  const what = t.command ?? t.paths[0];
  const short = what && what.length > 120 ? `${what.slice(0, 117)}...` : what;
  return short ? `${t.name} \`${short}\`` : t.name;
}

const loopCap: BuiltinHandler = {
  events: builtinEvents("loop-cap"),
  failure: "closed",
  defaults: { max_repeats: 5 },
  run({ event, config, state }) {
    const max = Math.floor(positive(config.max_repeats, 5));
    const prev = (state as LoopState | undefined) ?? { count: 0 };
    const key = callKey(event);
    const stop = (n: number): Decision => ({
      type: "deny",
      reason: `${describeCall(event)} has failed ${n} times in a row with the same input. Stop retrying it: step back, re-read the error, check your assumptions (paths, arguments, environment), and change the approach — or ask the user.`,
    });
    if (event.event === "pre-tool-use") {
      // Refuse a call that already failed `max` times in a row, before it runs again.
      return prev.key === key && prev.count >= max ? { decision: stop(prev.count) } : { decision: allow };
    }
    if (!event.result) return { decision: allow };
    // Looking around (reading, searching) between retries is still the same loop; any other success ends it.
    if (!event.result.failed)
      return event.tool?.class === "read"
        ? { decision: allow }
        : { decision: allow, state: { count: 0 } satisfies LoopState };
    const count = prev.key === key ? prev.count + 1 : 1;
    const next: LoopState = { key, count, tool: event.tool?.name };
    return { decision: count >= max ? stop(count) : allow, state: next };
  },
};

// --- output-capture ------------------------------------------------------------------------------

const ERROR_LINE = /\b(error|errors|failed|failure|fail|fatal|exception|panic|traceback|assert(ion)?)\b|✗|✘/i;

function clip(line: string, max = 200): string {
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** A short summary of long output: size, exit status, error lines, first and last lines. */
export function summarise(
  output: string,
  opts: { head?: number; tail?: number; errors?: number } = {},
): string {
  const lines = output.replace(/\n$/, "").split("\n");
  const head = opts.head ?? 8;
  const tail = opts.tail ?? 15;
  const parts: string[] = [];
  const errs: string[] = [];
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    if (errs.length < (opts.errors ?? 10) && ERROR_LINE.test(l) && !seen.has(l.trim())) {
      seen.add(l.trim());
      errs.push(`${i + 1}: ${clip(l)}`);
    }
  });
  if (errs.length) parts.push(`Error lines:\n${errs.join("\n")}`);
  if (lines.length <= head + tail) parts.push(lines.map((l) => clip(l)).join("\n"));
  else {
    parts.push(
      `First ${head} lines:\n${lines
        .slice(0, head)
        .map((l) => clip(l))
        .join("\n")}`,
    );
    parts.push(
      `Last ${tail} lines:\n${lines
        .slice(-tail)
        .map((l) => clip(l))
        .join("\n")}`,
    );
  }
  return parts.join("\n\n");
}

function slug(command: string): string {
  return (
    command
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40)
      .toLowerCase() || "output"
  );
}

function stamp(now: number): string {
  return new Date(now)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}

export const CAPTURE_DIR = ".cadre/captures";

const outputCapture: BuiltinHandler = {
  events: ["post-tool-use"],
  classes: ["shell"],
  failure: "open",
  defaults: { threshold_bytes: 8000 },
  run({ event, config, now, run }) {
    const r = event.result;
    if (!r) return { decision: allow };
    const enc = new TextEncoder();
    const bytes = enc.encode(r.output).length;
    const threshold = positive(config.threshold_bytes, 8000);
    if (bytes <= threshold) return { decision: allow };
    const command = event.tool?.command ?? event.tool?.name ?? "tool";
    // With an active run, the capture is the run's (its captures/ folder) and recorded as its event.
    const dir = run ? `${RUN_FILES.root}/${run.id}/${RUN_FILES.captures}` : CAPTURE_DIR;
    const path = `${dir}/${stamp(now)}-${slug(command)}.log`;
    const status = r.exitCode !== undefined ? `exit ${r.exitCode}` : r.failed ? "failed" : "ok";
    const lines = r.output.split("\n").length;
    const content = `$ ${command}\n${r.output}${r.output.endsWith("\n") ? "" : "\n"}[${status}]\n`;
    const context = `The output of \`${clip(command, 120)}\` was long (${lines} lines, ${Math.round(bytes / 1024)} KiB, ${status}). Full output: ${path} — read or grep that file instead of re-running the command.\n\n${summarise(r.output)}`;
    const out: HandlerOutput = { decision: { type: "allow", context }, writes: [{ path, content }] };
    if (run)
      out.events = [
        {
          type: "capture",
          ...(run.phase ? { phase: run.phase } : {}),
          ...(run.role ? { role: run.role } : {}),
          hook: "output-capture",
          tool: event.tool?.name ?? "",
          command: clip(command, 500),
          file: path,
          bytes,
          returned_bytes: enc.encode(context).length,
          lines,
          ...(r.exitCode !== undefined ? { exit: r.exitCode } : {}),
          failed: r.failed,
        },
      ];
    return out;
  },
};

// --- session-bootstrap ---------------------------------------------------------------------------

export interface BootstrapContext {
  host: string;
  /** Installed items, as qualified ids (`pack/kind:name`). */
  items: string[];
  /** Active guards (hook names) for this host. */
  guards?: string[];
  /** The repo map text, when an index exists. */
  repoMap?: string;
  /** Why there is no repo map (e.g. no index yet). */
  mapNote?: string;
  /** Why the active run is not shown (its files could not be read). */
  runNote?: string;
}

function byKind(items: readonly string[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const q of items) {
    const local = q.includes("/") ? q.slice(q.indexOf("/") + 1) : q;
    const [kind, name] = local.includes(":") ? (local.split(":", 2) as [string, string]) : ["item", local];
    const list = m.get(kind) ?? [];
    list.push(name);
    m.set(kind, list);
  }
  return m;
}

/** Cut text to about `chars` characters at a line break. */
function cut(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const at = text.lastIndexOf("\n", chars);
  return `${text.slice(0, at > 0 ? at : chars)}\n…`;
}

const sessionBootstrap: BuiltinHandler = {
  events: ["session-start"],
  failure: "open",
  defaults: { map_budget: 1500 },
  run({ context, config, run }) {
    if (!context) return { decision: allow };
    const parts: string[] = [];
    if (run?.brief) parts.push(run.brief);
    else if (context.runNote) parts.push(context.runNote);
    const kinds = byKind(context.items);
    if (kinds.size > 0) {
      const lines = [...kinds.entries()]
        .filter(([k]) => k !== "hook")
        .map(([k, names]) => {
          const shown = names.slice(0, 12);
          return `- ${k}s (${names.length}): ${shown.join(", ")}${names.length > shown.length ? ", …" : ""}`;
        });
      parts.push(`cadre has installed these items for this project:\n${lines.join("\n")}`);
    }
    if (context.guards?.length)
      parts.push(
        `Guards active: ${context.guards.join(", ")} (a denied tool call says why; do not work around it).`,
      );
    if (context.repoMap) {
      // Tokens ≈ chars / 4: the map is built to the token budget; this is a second, cheap cap.
      const budget = positive(config.map_budget, 1500);
      parts.push(`Repository map (most referenced files first):\n${cut(context.repoMap, budget * 4)}`);
    } else if (context.mapNote) parts.push(context.mapNote);
    if (parts.length === 0) return { decision: allow };
    return { decision: { type: "allow", context: parts.join("\n\n") } };
  },
};

// --- pipeline-gate -------------------------------------------------------------------------------

/**
 * The first project file a tool call would change outside the run's artifacts folder (project-relative),
 * or undefined when it changes none. Paths outside the project are not source; a path is checked as
 * written and, with `files`, through its links (a link in the artifacts folder to src/ is src/).
 */
export function sourceEdit(
  ev: CanonicalEvent,
  root: string,
  artifacts: string,
  opts: { files?: PathResolver; home?: string; shell?: ShellReader } = {},
): string | undefined {
  const tool = ev.tool;
  if (!tool) return undefined;
  const base = root.replace(/\\/g, "/");
  const abs = (from: string, p: string) => {
    const q = p.replace(/\\/g, "/");
    return posix.normalize(q.startsWith("/") || /^[A-Za-z]:\//.test(q) ? q : posix.join(from, q));
  };
  const cwd = abs(base, ev.cwd ?? base);
  const { files } = opts;
  const check = (p: string, nofollow: boolean): string | undefined => {
    const real =
      files === undefined
        ? p
        : nofollow
          ? posix.join(files.realpath(posix.dirname(p)), posix.basename(p))
          : files.realpath(p);
    for (const q of real === p ? [p] : [p, real]) {
      const rel = relToRoot(q, { root: base });
      if (rel === undefined) continue;
      if (rel !== artifacts && !rel.startsWith(`${artifacts}/`)) return rel === "" ? "." : rel;
    }
    return undefined;
  };
  if (tool.class === "edit" || tool.class === "write") {
    for (const p of tool.paths) {
      const hit = check(abs(cwd, p), false);
      if (hit) return hit;
    }
    return undefined;
  }
  if (tool.class === "shell" && tool.command) {
    if (!opts.shell) throw new Error("the shell command reader was not loaded");
    const ctx = { cwd, ...(opts.home ? { home: opts.home } : {}), ...(files ? { isDir: files.isDir } : {}) };
    for (const t of opts.shell(tool.command, ctx)) {
      const hit = check(t.path, t.nofollow === true);
      if (hit) return hit;
    }
  }
  return undefined;
}

const pipelineGate: BuiltinHandler = {
  events: builtinEvents("pipeline-gate"),
  classes: ["edit", "write", "shell"],
  failure: "closed",
  defaults: {},
  run({ event, root, run, files, home, shell }) {
    if (!run) return { decision: allow };
    if (event.event === "stop")
      return { decision: run.unfinished ? { type: "deny", reason: run.unfinished } : allow };
    if (run.edits.allowed) return { decision: allow };
    const artifacts = `${RUN_FILES.root}/${run.id}/${RUN_FILES.artifacts}`;
    const hit = sourceEdit(event, root, artifacts, { files, home, shell });
    if (!hit) return { decision: allow };
    const how = event.tool?.class === "shell" ? "This command would change" : "This edit would change";
    return {
      decision: { type: "deny", reason: `${how} ${hit}, a source file. ${run.edits.why}` },
      events: [
        {
          type: "edit-denied",
          ...(run.phase ? { phase: run.phase } : {}),
          ...(run.role ? { role: run.role } : {}),
          hook: "pipeline-gate",
          tool: event.tool?.name ?? "",
          target: hit,
        },
      ],
    };
  },
};

// --- run-summary ---------------------------------------------------------------------------------

const runSummary: BuiltinHandler = {
  events: builtinEvents("run-summary"),
  failure: "open",
  defaults: {},
  run({ run }) {
    if (!run?.docs) return { decision: allow };
    const dir = `${RUN_FILES.root}/${run.id}`;
    return {
      decision: allow,
      writes: [
        { path: `${dir}/summary.md`, content: run.docs.summary },
        { path: `${dir}/handoff.md`, content: run.docs.handoff },
      ],
      // The compaction itself is recorded by the runtime for every pre-compact call (runs/usage-log.ts).
    };
  },
};

export const BUILTINS: Record<string, BuiltinHandler> = {
  "protected-paths": protectedPaths,
  "loop-cap": loopCap,
  "output-capture": outputCapture,
  "session-bootstrap": sessionBootstrap,
  "pipeline-gate": pipelineGate,
  "run-summary": runSummary,
};
