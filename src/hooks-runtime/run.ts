/**
 * `cadre hook <id> --host <host>`: the edge around the pure handlers in `src/hooks/`. Reads the host's
 * JSON from stdin (size cap, timeout), finds the project root, loads and saves the handler's state under
 * `.cadre/state/` (atomic writes), writes capture files, and answers in the host's protocol. Lean: no
 * library, no zod, no SQLite — the index is opened only by session-bootstrap, and only when it exists.
 */
import { appendFile, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, posix, resolve, sep } from "node:path";
import { CADRE_GITIGNORE } from "../core/cadre-dir.js";
import { type BootstrapContext, CAPTURE_DIR, type RunContext } from "../hooks/handlers.js";
import {
  commandApplies,
  decide,
  failureAnswer,
  type HookSettings,
  isRelevant,
  needsShell,
  RUN_HANDLERS,
} from "../hooks/run.js";
import { HOOK_HOSTS, type HookAnswer, type HookEvent, type HookHost } from "../hooks/types.js";
import { BUILTIN_HOOKS, builtinOf } from "../model/hook-builtins.js";
import { HOOK_EVENTS } from "../model/hook-events.js";
import { fileResolver, realDir } from "./files.js";

export interface HookArgs {
  id: string;
  host: string;
  handler?: string;
  event?: string;
  failure?: string;
  match?: string;
  config?: string;
  /** A third-party command to run only when the call's tool matches `match` (hosts without matchers). */
  run?: string;
}

export interface HookEnv {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  now?: () => number;
}

/** Hook input larger than this is not read (a host sends kilobytes). */
export const STDIN_MAX_BYTES = 16 * 1024 * 1024;
export const STDIN_TIMEOUT_MS = 10_000;
/** Capture files kept under .cadre/captures (oldest removed first). */
export const CAPTURES_KEPT = 50;

const STATEFUL = new Set(["loop-cap"]);
const EVENTS = new Set<string>(HOOK_EVENTS);

/** Read all of stdin, up to a size cap and a timeout; an interactive terminal gives no input. */
export function readStdin(
  stream: HookEnv["stdin"],
  maxBytes = STDIN_MAX_BYTES,
  timeoutMs = STDIN_TIMEOUT_MS,
): Promise<string> {
  if (stream.isTTY) return Promise.resolve("");
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (err?: Error) => {
      clearTimeout(timer);
      stream.removeAllListeners("data");
      stream.removeAllListeners("end");
      stream.removeAllListeners("error");
      if (err) {
        (stream as { destroy?: () => void }).destroy?.();
        fail(err);
      } else ok(Buffer.concat(chunks).toString("utf8"));
    };
    const timer = setTimeout(() => done(new Error(`no end of input after ${timeoutMs / 1000} s`)), timeoutMs);
    timer.unref?.();
    stream.on("data", (c: Buffer | string) => {
      const b = typeof c === "string" ? Buffer.from(c) : c;
      size += b.length;
      if (size > maxBytes) done(new Error(`input larger than ${maxBytes} bytes`));
      else chunks.push(b);
    });
    stream.on("end", () => done());
    stream.on("error", (e: Error) => done(e));
  });
}

/** The hook's settings: the built-in handler's defaults, overridden by what the command line says. */
export function settingsOf(a: HookArgs): HookSettings {
  const handler = a.handler ?? a.id;
  const def = BUILTIN_HOOKS[handler];
  if (!def) throw new Error(`unknown built-in hook handler "${handler}"`);
  const event = a.event ?? def.event;
  if (!EVENTS.has(event)) throw new Error(`unknown hook event "${event}"`);
  const failure = a.failure ?? def.failure;
  if (failure !== "open" && failure !== "closed") throw new Error(`--failure must be open or closed`);
  let config: Record<string, unknown> = {};
  if (a.config !== undefined) {
    const v = JSON.parse(a.config) as unknown;
    if (!v || typeof v !== "object" || Array.isArray(v)) throw new Error("--config must be a JSON object");
    config = v as Record<string, unknown>;
  }
  return {
    handler,
    event: event as HookEvent,
    failure,
    config,
    ...(a.match ? { match: a.match.split(",").map((s) => s.trim()) } : {}),
  };
}

function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/**
 * The project root: the host's project-dir variable, else the nearest folder above the tool's cwd that
 * holds cadre.yaml, cadre.lock or .cadre/, else that cwd.
 */
export async function findRoot(env: NodeJS.ProcessEnv, cwd: string): Promise<string> {
  const given = env.CLAUDE_PROJECT_DIR || env.CURSOR_PROJECT_DIR || env.GEMINI_PROJECT_DIR;
  if (given) return resolve(given);
  let dir = resolve(cwd);
  for (;;) {
    for (const marker of ["cadre.yaml", "cadre.lock", ".cadre"])
      if (await exists(join(dir, marker))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(cwd);
    dir = up;
  }
}

/**
 * Where the tool call happened: the payload's `cwd`; for Cline, which sends none, the workspace root the
 * process runs in (cadre's script starts commands in its own project), else the first workspace root.
 */
export function payloadCwd(payload: unknown, processCwd: string): string {
  const p = (payload ?? {}) as { cwd?: unknown; workspaceRoots?: unknown; workspacePaths?: unknown };
  if (typeof p.cwd === "string" && p.cwd) return p.cwd;
  // Cline's workspaceRoots; Antigravity's workspacePaths.
  const given = Array.isArray(p.workspaceRoots) ? p.workspaceRoots : p.workspacePaths;
  const roots = (Array.isArray(given) ? given : []).filter(
    (r): r is string => typeof r === "string" && r !== "",
  );
  const here = resolve(processCwd);
  const inside = roots.find((r) => here === resolve(r) || here.startsWith(resolve(r) + sep));
  return inside ? here : (roots[0] ?? processCwd);
}

/** `.cadre/` is cadre's scratch folder: keep it out of git even when a hook creates it first. */
async function ensureIgnored(root: string): Promise<void> {
  await realDir(root, ".cadre");
  await writeFile(join(root, ".cadre", ".gitignore"), CADRE_GITIGNORE, { flag: "wx" }).catch(() => undefined);
}

/** Write `rel` (under `.cadre/`) atomically, its folders checked to be real folders first. */
async function writeAtomic(root: string, rel: string, content: string): Promise<void> {
  const path = join(await realDir(root, posix.dirname(rel)), posix.basename(rel));
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, content);
  await rename(tmp, path);
}

function slugOf(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 80) || "default";
}

async function bootstrapContext(root: string, host: string, budget: number): Promise<BootstrapContext> {
  const ctx: BootstrapContext = { host, items: [] };
  try {
    const lock = JSON.parse(await readFile(join(root, "cadre.lock"), "utf8")) as {
      files?: Record<string, { hosts?: string[]; items?: string[] }>;
    };
    const items = new Set<string>();
    for (const f of Object.values(lock.files ?? {}))
      if (f.hosts?.includes(host)) for (const i of f.items ?? []) items.add(i);
    ctx.items = [...items].sort();
    ctx.guards = ctx.items
      .filter((q) => q.includes("hook:"))
      .map((q) => q.slice(q.indexOf("hook:") + 5))
      .filter((n) => builtinOf(n)?.failure === "closed");
  } catch {
    // No lock: nothing installed by cadre here.
  }
  const db = join(root, ".cadre", "index.db");
  if (await exists(db)) {
    try {
      // Loaded lazily: only this handler, only when an index exists, opens SQLite.
      const [{ openDb }, { buildRepoMap }] = await Promise.all([
        import("../index/db.js"),
        import("../index/repo-map.js"),
      ]);
      const { db: handle } = openDb(db);
      try {
        ctx.repoMap = (await buildRepoMap(handle, { budget })).text;
      } finally {
        handle.close();
      }
    } catch (e) {
      ctx.mapNote = `(no repository map: ${(e as Error).message})`;
    }
  } else ctx.mapNote = "No code index yet: `cadre index build` adds a repository map here.";
  return ctx;
}

async function pruneCaptures(root: string): Promise<void> {
  const dir = await realDir(root, CAPTURE_DIR);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(".log")).sort();
  for (const n of names.slice(0, Math.max(0, names.length - CAPTURES_KEPT)))
    await rm(join(dir, n), { force: true });
}

async function log(root: string, line: string): Promise<void> {
  try {
    await ensureIgnored(root);
    await appendFile(
      join(await realDir(root, ".cadre/logs"), "hooks.log"),
      `${new Date().toISOString()} ${line}\n`,
    );
  } catch {
    // Logging must never turn into a hook failure.
  }
}

/** Run a shell command with `input` on stdin; its exit code and output, as a hook answer. */
async function runCommand(command: string, input: string, e: HookEnv): Promise<HookAnswer> {
  // Loaded only for `--run`: the built-in hooks start without it.
  const { spawn } = await import("node:child_process");
  return new Promise((done) => {
    const child = spawn(command, { shell: true, cwd: e.cwd, env: e.env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d;
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d;
    });
    child.on("error", (err) =>
      done({ exitCode: 127, stdout, stderr: `${stderr}cadre hook: ${err.message}\n` }),
    );
    child.on("close", (code) => done({ exitCode: code ?? 1, stdout, stderr }));
    child.stdin.on("error", () => undefined);
    child.stdin.end(input);
  });
}

/**
 * `--run`: the host runs this hook for every tool; the command runs only for the matcher's tools, with the
 * host's input, and its answer (exit code, stdout, stderr) is the hook's answer.
 */
async function runFiltered(a: HookArgs, host: HookHost, command: string, e: HookEnv): Promise<HookAnswer> {
  let text: string;
  try {
    text = await readStdin(e.stdin);
  } catch (err) {
    return { exitCode: 1, stdout: "", stderr: `cadre hook ${a.id}: ${(err as Error).message}\n` };
  }
  let payload: unknown = {};
  try {
    payload = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    // Not JSON: the command decides what to make of it.
  }
  const match = (a.match ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (match.length > 0 && !commandApplies(host, payload, match))
    return { exitCode: 0, stdout: "", stderr: "" };
  return runCommand(command, text, e);
}

/**
 * The active run, for the handlers that read one and only when the call is theirs. A fail-closed hook
 * (pipeline-gate) lets a run it cannot read fail the call; the others go on without it, and
 * session-bootstrap says why.
 */
async function runFor(
  root: string,
  settings: HookSettings,
  host: HookHost,
  payload: unknown,
  now: number,
  context: BootstrapContext | undefined,
): Promise<RunContext | undefined> {
  if (!RUN_HANDLERS.has(settings.handler) || !isRelevant(host, settings, payload)) return undefined;
  const { loadRunContext, runNeeds } = await import("./run-context.js");
  const load = loadRunContext(root, runNeeds(settings.handler, settings.event, now));
  if (settings.failure === "closed") return load;
  return load.catch(async (err: Error) => {
    await log(root, `${settings.handler}: the active run was not read: ${err.message}`);
    if (context)
      context.runNote = `There is an active pipeline run, but it could not be read: ${err.message}. \`cadre run status\` and \`cadre run repair\` say more.`;
    return undefined;
  });
}

/** Append a handler's events to the run; a failure is logged, never the hook's answer. */
async function appendRunEvents(
  root: string,
  id: string,
  events: NonNullable<ReturnType<typeof decide>["events"]>,
  hook: string,
): Promise<void> {
  try {
    const { appendEvent } = await import("../runs/store.js");
    for (const ev of events) await appendEvent(root, id, ev);
  } catch (err) {
    await log(root, `${hook}: an event was not appended to run ${id}: ${(err as Error).message}`);
  }
}

/** Run one hook call. Never throws: a failure becomes the answer the hook's failure mode asks for. */
export async function runHook(a: HookArgs, e: HookEnv): Promise<HookAnswer> {
  if (!(HOOK_HOSTS as readonly string[]).includes(a.host))
    return {
      exitCode: 1,
      stdout: "",
      stderr: `cadre hook: unknown --host "${a.host}" (one of ${HOOK_HOSTS.join(", ")})\n`,
    };
  const host = a.host as HookHost;
  if (a.run !== undefined) return runFiltered(a, host, a.run, e);
  const fallback = BUILTIN_HOOKS[a.handler ?? a.id];
  const failure: "open" | "closed" =
    a.failure === "open" || a.failure === "closed" ? a.failure : (fallback?.failure ?? "closed");
  const event = (a.event ?? fallback?.event ?? "pre-tool-use") as HookEvent;
  let payload: unknown;
  let root = e.cwd;
  try {
    const settings = settingsOf(a);
    const text = await readStdin(e.stdin);
    payload = text.trim() === "" ? {} : JSON.parse(text);
    const cwd = payloadCwd(payload, e.cwd);
    root = await findRoot(e.env, cwd);
    const session = String(
      (payload as Record<string, unknown>).session_id ??
        (payload as Record<string, unknown>).sessionId ??
        (payload as Record<string, unknown>).conversation_id ??
        (payload as Record<string, unknown>).conversationId ??
        (payload as Record<string, unknown>).trajectory_id ??
        (payload as Record<string, unknown>).taskId ??
        "default",
    );
    const stateRel = `.cadre/state/${slugOf(a.id)}-${host}-${slugOf(session)}.json`;
    let state: unknown;
    if (STATEFUL.has(settings.handler))
      state = await readFile(join(root, stateRel), "utf8").then(
        (t) => JSON.parse(t) as unknown,
        () => undefined,
      );
    const context =
      settings.handler === "session-bootstrap" && settings.event === "session-start"
        ? await bootstrapContext(root, host, Number(settings.config.map_budget ?? 1500))
        : undefined;
    const now = e.now?.() ?? Date.now();
    const run = await runFor(root, settings, host, payload, now, context);
    // pipeline-gate looks at paths only while the run keeps source edits closed.
    const paths =
      settings.handler === "protected-paths" ||
      (settings.handler === "pipeline-gate" && run !== undefined && !run.edits.allowed);
    const files = paths ? fileResolver(root) : undefined;
    const home = e.env.HOME || e.env.USERPROFILE;
    // The shell reader is its own chunk, loaded for shell commands only.
    const shell =
      paths && needsShell(host, settings, payload)
        ? (await import("../hooks/shell.js")).shellTargets
        : undefined;
    const out = decide({ host, settings, payload, state, now, root, context, files, home, shell, run });
    if (out.writes?.length || out.state !== undefined) await ensureIgnored(root);
    for (const w of out.writes ?? []) await writeAtomic(root, w.path, w.content);
    if (out.writes?.some((w) => w.path.startsWith(`${CAPTURE_DIR}/`))) await pruneCaptures(root);
    if (out.state !== undefined) await writeAtomic(root, stateRel, `${JSON.stringify(out.state)}\n`);
    // One event per capture: with a run, the handler's own capture event carries the measurements.
    const ownCapture = run !== undefined && !!out.events?.some((ev) => ev.type === "capture");
    if (run && out.events?.length) {
      const measured = ownCapture
        ? await import("../runs/usage-log.js")
            .then((m) => m.captureFields(host, settings, out))
            .catch(() => undefined)
        : undefined;
      const events = measured
        ? out.events.map((ev) => (ev.type === "capture" ? { ...ev, ...measured, session } : ev))
        : out.events;
      await appendRunEvents(root, run.id, events, a.id);
    }
    if (
      (settings.handler === "output-capture" && out.writes?.length && !ownCapture) ||
      settings.event === "pre-compact"
    )
      await import("../runs/usage-log.js")
        .then((m) => m.recordHookUsage(root, host, settings, session, out))
        .catch(() => undefined);
    return out.answer;
  } catch (err) {
    const msg = ((err as Error)?.message ?? String(err)).replace(/\s+/g, " ").trim();
    await log(root, `${a.id} --host ${a.host}: ${msg} (${failure === "closed" ? "denied" : "allowed"})`);
    return failureAnswer(host, payload, a.id, { event, failure }, msg);
  }
}
