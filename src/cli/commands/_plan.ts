import type { Action } from "../../plan/types.js";
import { PROPOSAL_SUFFIX } from "../../plan/types.js";
import type { RenderNote } from "../../render/compose.js";
import type { Io } from "../io.js";

const VERB: Record<Action["type"], string> = {
  create: "create",
  update: "update",
  merge: "merge",
  delete: "delete",
  skip: "ok",
  conflict: "conflict",
  adopt: "adopt",
  untrack: "untrack",
};

/** One line per action that does something; skips are counted, not listed (unless --verbose). */
export function printActions(io: Io, actions: readonly Action[], opts: { dry?: boolean } = {}): void {
  const c = io.color;
  const paint: Record<Action["type"], (s: string) => string> = {
    create: c.green,
    update: c.yellow,
    merge: c.cyan,
    delete: c.red,
    skip: c.dim,
    conflict: (s) => c.bold(c.red(s)),
    adopt: c.dim,
    untrack: c.magenta,
  };
  for (const a of actions) {
    if ((a.type === "skip" || a.type === "adopt") && !io.verbose) continue;
    const verb = opts.dry && a.write !== undefined ? `would ${VERB[a.type]}` : VERB[a.type];
    io.out(`  ${paint[a.type](verb.padEnd(opts.dry ? 15 : 9))} ${a.path}  ${c.dim(a.reason)}\n`);
  }
}

/**
 * Warnings and (with `-v`) notes on stderr, each once. Double reads (a host reading another host's copy of an
 * item it has) repeat on every sync, so they are one summary line unless `full` (`cadre status`) or `-v`.
 */
export function printNotes(io: Io, notes: readonly RenderNote[], full = false): void {
  const seen = new Set<string>();
  const twice = notes.filter((n) => n.topic === "double-read");
  const collapse = !full && !io.verbose && twice.length > 1;
  if (collapse) {
    const hosts = new Set(twice.map((n) => n.host)).size;
    io.err(
      `${io.color.yellow("warning:")} ${hosts} host${hosts === 1 ? "" : "s"} also read${hosts === 1 ? "s" : ""} files written for other hosts, so some items reach them twice (${twice.length} places): \`cadre status\` lists each, with the host setting that stops it where there is one\n`,
    );
  }
  for (const n of notes) {
    if (n.level === "info" && !io.verbose) continue;
    if (collapse && n.topic === "double-read") continue;
    const line = `${n.level === "warning" ? io.color.yellow("warning:") : io.color.dim("note:")} ${n.host !== "*" ? `${n.host}: ` : ""}${n.item ? `${n.item}: ` : ""}${n.message}`;
    if (seen.has(line)) continue;
    seen.add(line);
    io.err(`${line}\n`);
  }
}

export function summary(actions: readonly Action[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of actions) counts[a.type] = (counts[a.type] ?? 0) + 1;
  return counts;
}

const DONE: Record<string, string> = {
  create: "created",
  update: "updated",
  merge: "merged",
  delete: "deleted",
  conflict: "conflicts",
  untrack: "released",
};
const TODO: Record<string, string> = {
  create: "to create",
  update: "to update",
  merge: "to merge",
  delete: "to delete",
  conflict: "conflicts",
  untrack: "to release",
};

export function summaryLine(actions: readonly Action[], dry: boolean): string {
  const s = summary(actions);
  const words = dry ? TODO : DONE;
  const parts = Object.keys(DONE)
    .filter((k) => s[k])
    .map((k) => `${s[k]} ${words[k]}`);
  const ok = (s.skip ?? 0) + (s.adopt ?? 0);
  return parts.length ? `${parts.join(", ")}; ${ok} up to date` : `nothing to do; ${ok} files up to date`;
}

export function printConflicts(io: Io, conflicts: readonly Action[]): void {
  for (const a of conflicts) {
    io.err(`${io.color.red("conflict:")} ${a.path}: ${a.reason}\n`);
    if (a.proposal !== undefined && a.executable && a.mode === "file") {
      io.err(
        `  cadre's script is in ${a.path}${PROPOSAL_SUFFIX}. To run both, move yours elsewhere and install it as a command hook (a pack's hooks/<name>.yaml with \`handler: {command: <your script>}\`): cadre's script then runs it too; or run \`cadre sync --force\` to replace yours\n`,
      );
    } else if (a.proposal !== undefined) {
      io.err(
        `  cadre's version is in ${a.path}${PROPOSAL_SUFFIX}: merge what you want to keep into ${a.path}, delete the proposal, and run \`cadre sync\` again (or \`cadre sync --force\` to take cadre's version)\n`,
      );
    }
  }
}

export function actionJson(a: Action) {
  return {
    type: a.type,
    path: a.path,
    mode: a.mode,
    reason: a.reason,
    hosts: a.hosts,
    items: a.items,
    ...(a.proposal !== undefined ? { proposal: a.path + PROPOSAL_SUFFIX } : {}),
  };
}
