import type { NewRunEvent } from "../model/run.js";
import { answer, HOST_EVENTS, normalise } from "./adapters.js";
import {
  type BootstrapContext,
  BUILTINS,
  type PathResolver,
  type RunContext,
  type ShellReader,
} from "./handlers.js";
import type { CanonicalEvent, HookAnswer, HookEvent, HookHost, ToolClass } from "./types.js";

/** The settings of one installed hook, as the runtime gets them (from the command line). */
export interface HookSettings {
  /** The built-in handler. */
  handler: string;
  /** The canonical event the hook is installed on. */
  event: HookEvent;
  failure: "open" | "closed";
  config: Record<string, unknown>;
  /** Tool classes (or host tool names) the hook looks at; the handler's own when undefined. */
  match?: string[];
}

export interface DecideInput {
  host: HookHost;
  settings: HookSettings;
  payload: unknown;
  state: unknown;
  now: number;
  root: string;
  context?: BootstrapContext;
  /** Links and folders on disk (protected-paths), and the user's home folder. */
  files?: PathResolver;
  home?: string;
  /** The shell command reader; needed when `needsShell` says so. */
  shell?: ShellReader;
  /** The active pipeline run (the hooks that read it: `RUN_HANDLERS`). */
  run?: RunContext;
}

export interface DecideOutput {
  event: CanonicalEvent;
  answer: HookAnswer;
  state?: unknown;
  writes?: Array<{ path: string; content: string }>;
  /** Events to append to the active run. */
  events?: NewRunEvent[];
  /** Whether the handler looked at the call at all (false: not its event or tool). */
  relevant: boolean;
}

function matches(ev: CanonicalEvent, classes: readonly string[] | undefined): boolean {
  if (!ev.tool || !classes || classes.length === 0) return true;
  return classes.some(
    (c) => c === "*" || c === ev.tool?.class || c.toLowerCase() === ev.tool?.name.toLowerCase(),
  );
}

/**
 * Whether a third-party hook command filtered by `cadre hook --run` runs for this call: its tool is of one
 * of the classes (or has one of the names) in `match`. A call that names no tool, or input that is not
 * JSON, runs it, as the host itself would.
 */
export function commandApplies(host: HookHost, payload: unknown, match: readonly string[]): boolean {
  return matches(normalise(host, payload), match);
}

/** The host's (first) name for a canonical event: what a payload without an event name is about. */
export function registeredEvent(host: HookHost, event: HookEvent): string | undefined {
  return HOST_EVENTS[host][event]?.[0];
}

/** The built-in handlers that read the active pipeline run (the runtime reads it only for them). */
export const RUN_HANDLERS: ReadonlySet<string> = new Set([
  "pipeline-gate",
  "session-bootstrap",
  "output-capture",
  "run-summary",
]);

/**
 * Whether the call needs the shell command reader: protected-paths or pipeline-gate on a shell tool. The
 * runtime loads it only then, so file tools and other hooks do not pay for it.
 */
export function needsShell(host: HookHost, settings: HookSettings, payload: unknown): boolean {
  if (settings.handler !== "protected-paths" && settings.handler !== "pipeline-gate") return false;
  const ev = normalise(host, payload, registeredEvent(host, settings.event));
  return ev.tool?.class === "shell" && ev.tool.command !== undefined;
}

/**
 * Whether the handler looks at this call at all (its event, its tool classes): what `decide` checks first.
 * The runtime asks before it reads anything the handler needs (the active run).
 */
export function isRelevant(host: HookHost, settings: HookSettings, payload: unknown): boolean {
  const h = BUILTINS[settings.handler];
  if (!h) return false;
  const event = normalise(host, payload, registeredEvent(host, settings.event));
  const classes = settings.match ?? (h.classes as readonly ToolClass[] | undefined);
  return event.event !== undefined && h.events.includes(event.event) && matches(event, classes);
}

/** Run one hook call from the host's payload to the host's answer. Pure. */
export function decide(input: DecideInput): DecideOutput {
  const h = BUILTINS[input.settings.handler];
  if (!h) throw new Error(`unknown built-in hook handler "${input.settings.handler}"`);
  const event = normalise(input.host, input.payload, registeredEvent(input.host, input.settings.event));
  const classes = input.settings.match ?? (h.classes as readonly ToolClass[] | undefined);
  if (!event.event || !h.events.includes(event.event) || !matches(event, classes))
    return { event, answer: answer(event, { type: "allow" }), relevant: false };
  const out = h.run({
    event,
    config: { ...h.defaults, ...input.settings.config },
    state: input.state,
    now: input.now,
    root: input.root,
    context: input.context,
    files: input.files,
    home: input.home,
    shell: input.shell,
    run: input.run,
  });
  return {
    event,
    answer: answer(event, out.decision),
    state: out.state,
    writes: out.writes,
    events: out.events,
    relevant: true,
  };
}

/**
 * The answer when the hook itself failed: a fail-closed hook blocks (and says why), a fail-open one lets
 * the call through. Never throws.
 */
export function failureAnswer(
  host: HookHost,
  payload: unknown,
  id: string,
  settings: Pick<HookSettings, "event" | "failure">,
  error: string,
): HookAnswer {
  const registered = registeredEvent(host, settings.event);
  let event: CanonicalEvent;
  try {
    event = normalise(host, payload, registered);
  } catch {
    event = { host, event: settings.event, hostEvent: registered ?? "" };
  }
  event.event ??= settings.event;
  if (settings.failure === "open") return answer(event, { type: "allow" });
  return answer(event, {
    type: "deny",
    reason: `cadre hook ${id} failed (${error}). This guard fails closed, so the call was blocked. Run \`cadre doctor\` to find out why, or ask the user.`,
  });
}
