import type { Item } from "../../model/item.js";
import { type GraphProblem, workflowGraphProblems } from "../../model/workflow-graph.js";
import { lineOfKey } from "../locate.js";
import type { Finding, LintContext, LintRule } from "../types.js";

interface PhaseShape {
  id: string;
  next?: string[];
  review_of?: string;
  command?: unknown;
  role?: unknown;
  artifact?: unknown;
}

/** The workflow's phases with a string id (the schema rule reports the rest). */
function phasesOf(it: Item): PhaseShape[] | undefined {
  if (it.kind !== "workflow" || !Array.isArray(it.meta.phases)) return undefined;
  return (it.meta.phases as unknown[])
    .filter(
      (p): p is Record<string, unknown> =>
        !!p && typeof p === "object" && typeof (p as { id?: unknown }).id === "string",
    )
    .map((p) => ({
      ...(p as unknown as PhaseShape),
      next: Array.isArray(p.next) ? p.next.filter((n): n is string => typeof n === "string") : [],
      review_of: typeof p.review_of === "string" ? p.review_of : undefined,
    }));
}

const reEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** File line of a phase's `id:` (or of `key:` inside that phase's entry). */
export function phaseLine(it: Item, phase: string, key?: string): number {
  const lines = it.text.split("\n");
  const idRe = new RegExp(`^\\s*(?:-\\s+)?id:\\s*["']?${reEscape(phase)}["']?\\s*(?:#.*)?$`);
  const start = lines.findIndex((l) => idRe.test(l));
  if (start < 0) return lineOfKey(it, "phases") ?? 1;
  if (!key) return start + 1;
  const keyRe = new RegExp(`^\\s*(?:-\\s+)?${reEscape(key)}\\s*:`);
  const head = lines[start] as string;
  const dash = /^\s*-\s/.test(head) ? head.indexOf("-") : head.search(/\S/) - 2;
  for (let i = start; i < lines.length; i++) {
    const l = lines[i] as string;
    // The next phase's entry starts at a list item as far left as this one's.
    if (i > start && /^\s*-\s/.test(l) && l.indexOf("-") <= dash) break;
    if (keyRe.test(l)) return i + 1;
  }
  return start + 1;
}

function graphFindings(it: Item, checks: GraphProblem["check"][]): Finding[] {
  const phases = phasesOf(it);
  if (!phases) return [];
  const start = typeof it.meta.start === "string" ? it.meta.start : undefined;
  const edits = typeof it.meta.edits_from === "string" ? it.meta.edits_from : undefined;
  return workflowGraphProblems({ start, edits_from: edits, phases })
    .filter((p) => checks.includes(p.check))
    .map((p) => ({
      message: p.message,
      line: p.phase ? phaseLine(it, p.phase, p.key) : (lineOfKey(it, p.key ?? "phases") ?? 1),
    }));
}

const REF_KINDS = [
  ["command", "command"],
  ["role", "agent"],
  ["artifact", "schema"],
] as const;

function unknownItems(it: Item, ctx: LintContext): Finding[] {
  const out: Finding[] = [];
  for (const p of phasesOf(it) ?? [])
    for (const [key, kind] of REF_KINDS) {
      const v = p[key];
      if (typeof v !== "string" || ctx.catalog.byId.has(`${kind}:${v}`)) continue;
      out.push({
        message: `phase ${p.id}: ${key} "${v}" names no ${kind} in the catalog`,
        line: phaseLine(it, p.id, key),
      });
    }
  return out;
}

export const workflowRules: LintRule[] = [
  {
    id: "workflow/unknown-phase",
    severity: "error",
    description:
      "A workflow's `start`, `edits_from`, each phase's `next` and `review_of` name phases of the workflow, and each phase id is used once. Consequence: `cadre run` could not move a run to a phase that does not exist, so the workflow cannot be started.",
    hint: "use an id from the workflow's phases",
    item: (it) => graphFindings(it, ["unknown-phase", "duplicate-phase", "review-of"]),
  },
  {
    id: "workflow/unreachable-phase",
    severity: "error",
    description:
      "Every phase of a workflow can be reached from `start` along `next`. Consequence: a phase no run can enter is dead data, and its artifact is never produced.",
    hint: "add the phase to an earlier phase's next, or remove it",
    item: (it) => graphFindings(it, ["unreachable"]),
  },
  {
    id: "workflow/cycle",
    severity: "error",
    description:
      "A workflow's `next` edges form no cycle; the only way back is a review phase's reject, declared with `review_of` and capped per depth. Consequence: an undeclared cycle is a loop no cap bounds.",
    hint: "remove the edge back, or make the later phase a review with review_of",
    item: (it) => graphFindings(it, ["cycle"]),
  },
  {
    id: "workflow/unknown-item",
    severity: "error",
    description:
      "A phase's `command`, `role` and `artifact` name a command, an agent and a schema in the catalog. Consequence: the run would tell the agent to run a command, take a role or fill a schema that is not installed.",
    hint: "fix the name, or add the item to the library",
    item: (it, _pack, ctx) => (it.kind === "workflow" ? unknownItems(it, ctx) : []),
  },
];
