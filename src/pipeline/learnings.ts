/**
 * Learnings: lessons the learn phase proposes (`.cadre/memory/learnings/proposed/<id>.md`), which become
 * rules of the project's local learnings pack only when the user accepts them. Pure: texts in, records
 * and texts out; every problem names the file and the line.
 */
import { stringify } from "yaml";
import { ErrorCodes, UserError } from "../core/errors.js";
import { parseFrontmatter } from "../core/frontmatter.js";
import { NAME_PATTERN } from "../core/names.js";

export const LEARNING_STATES = ["proposed", "accepted", "rejected", "archived"] as const;
export type LearningState = (typeof LEARNING_STATES)[number];
export const SCOPES = ["this-task", "project", "stack", "everywhere"] as const;
export type Scope = (typeof SCOPES)[number];

export const LEARNINGS_DIR = ".cadre/memory/learnings";
/** The local pack accepted learnings are written into (committed; a source in cadre.yaml). */
export const LEARNINGS_PACK = { dir: "cadre-learnings", name: "learnings", rules: "rules" } as const;
/** Ids are rule names less the `learning-` prefix: ≤ 55 characters of [a-z0-9-]. */
export const ID_MAX = 55;

export interface Learning {
  id: string;
  statement: string;
  scope: Scope;
  confidence: number;
  evidence: string[];
  kind?: string;
  tags?: string[];
  run?: string;
  proposed_at: string;
  decided_at?: string;
  reason?: string;
}

/** An id from free text: lowercase words joined by '-', cut at a word to ≤ ID_MAX; undefined when nothing is left. */
export function learningId(text: string): string | undefined {
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  let id = "";
  for (const w of words) {
    const next = id ? `${id}-${w}` : w;
    if (next.length > ID_MAX) break;
    id = next;
  }
  return id || undefined;
}

/** Why a given id cannot be used (or undefined). */
export function idProblem(id: string): string | undefined {
  if (id.length > ID_MAX) return `'${id}' is longer than ${ID_MAX} characters`;
  if (!NAME_PATTERN.test(id)) return `'${id}' is not an id (lowercase a-z, 0-9 and single '-' between words)`;
  return undefined;
}

const bad = (where: string, msg: string) =>
  new UserError(ErrorCodes.parse, `${where}: ${msg}`, "fix the file, or remove it and propose it again");

/** The 1-based line of a top-level frontmatter key, for messages. */
function lineOfKey(text: string, key: string): number | undefined {
  const i = text.split(/\r?\n/).findIndex((l) => l.startsWith(`${key}:`));
  return i < 0 ? undefined : i + 1;
}

/** Why a parsed record is not a Learning (the first problem and its key), or undefined. */
export function learningProblem(v: Record<string, unknown>): { key: string; message: string } | undefined {
  const s = (k: string) => typeof v[k] === "string" && (v[k] as string).trim() !== "";
  if (!s("id") || idProblem(v.id as string)) return { key: "id", message: "id is not a valid learning id" };
  if (!s("statement")) return { key: "statement", message: "the statement (the body) is empty" };
  if (!SCOPES.includes(v.scope as Scope))
    return { key: "scope", message: `scope is not one of ${SCOPES.join(", ")}` };
  const c = v.confidence;
  if (typeof c !== "number" || !(c >= 0 && c <= 1))
    return { key: "confidence", message: "confidence is not a number from 0 to 1" };
  const ev = v.evidence;
  if (!Array.isArray(ev) || ev.length === 0 || !ev.every((e) => typeof e === "string" && e.trim() !== ""))
    return { key: "evidence", message: "evidence is not a non-empty list of texts" };
  if (v.tags !== undefined && !(Array.isArray(v.tags) && v.tags.every((t) => typeof t === "string")))
    return { key: "tags", message: "tags is not a list of texts" };
  for (const k of ["kind", "run", "decided_at", "reason"])
    if (v[k] !== undefined && typeof v[k] !== "string") return { key: k, message: `${k} is not a text` };
  if (!s("proposed_at")) return { key: "proposed_at", message: "proposed_at is missing" };
  return undefined;
}

/** Parse a learning file; `where` names it in errors (`file:line: …`). The id must match the file name. */
export function parseLearning(text: string, where: string, fileId: string): Learning {
  const fm = parseFrontmatter(text);
  const first = fm.errors[0];
  if (first) throw bad(`${where}:${first.line}`, first.message);
  if (!fm.data) throw bad(`${where}:1`, "no frontmatter (a learning starts with --- and its fields)");
  const v: Record<string, unknown> = { ...fm.data, statement: fm.body.trim() };
  if (v.proposed_at instanceof Date) v.proposed_at = v.proposed_at.toISOString();
  if (v.decided_at instanceof Date) v.decided_at = v.decided_at.toISOString();
  const p = learningProblem(v);
  if (p) {
    const line = p.key === "statement" ? fm.bodyLine : lineOfKey(text, p.key);
    throw bad(`${where}${line ? `:${line}` : ""}`, p.message);
  }
  if (v.id !== fileId)
    throw bad(`${where}:${lineOfKey(text, "id") ?? 1}`, `id '${v.id}' is not the file's name '${fileId}'`);
  const { statement, ...rest } = v as unknown as Learning;
  return { ...rest, statement };
}

/** A learning as its file: the fields as frontmatter, the statement as the body. */
export function renderLearning(l: Learning): string {
  const { statement, ...fields } = l;
  const data = Object.fromEntries(Object.entries(fields).filter(([, x]) => x !== undefined));
  return `---\n${stringify(data, { lineWidth: 0 })}---\n${statement.trim()}\n`;
}

/** The first sentence (or line) of a statement, for a rule's description. */
function gist(statement: string): string {
  const line = statement.trim().split("\n")[0] ?? "";
  const m = /^(.{1,240}?[.!?])(\s|$)/.exec(line);
  return (m ? (m[1] as string) : line.slice(0, 240)).trim();
}

/** The rule an accepted learning becomes in the learnings pack (`rules/learning-<id>.md`). */
export function ruleOf(l: Learning): { name: string; text: string } {
  const name = `learning-${l.id}`;
  const meta = {
    name,
    description: `Learned in this project (accepted learning ${l.id}): ${gist(l.statement)}`,
    activation: "always",
    tags: ["learning", l.scope, ...(l.tags ?? [])],
  };
  const evidence = l.evidence.map((e) => `- ${e}`).join("\n");
  const footer = `Scope: ${l.scope} · confidence ${l.confidence}${l.run ? ` · from run ${l.run}` : ""}${l.decided_at ? ` · accepted ${l.decided_at.slice(0, 10)}` : ""}.`;
  return {
    name,
    text: `---\n${stringify(meta, { lineWidth: 0 })}---\n${l.statement.trim()}\n\nEvidence:\n${evidence}\n\n${footer}\n`,
  };
}

/** The learnings pack's manifest. */
export const PACK_MANIFEST = `name: ${LEARNINGS_PACK.name}\nversion: 0.1.0\ndescription: "Lessons this project accepted from its pipeline runs (cadre learn accept): one always-on rule each."\n`;

/** Lessons of a learn-phase artifact (schema `learning`) still `proposed`, with their index in `learnings`. */
export function fromArtifact(value: unknown, now: string): { index: number; learning: Learning }[] {
  const v = (value ?? {}) as { run_id?: unknown; learnings?: unknown };
  const run = typeof v.run_id === "string" && v.run_id !== "" ? v.run_id : undefined;
  const items = Array.isArray(v.learnings) ? (v.learnings as Record<string, unknown>[]) : [];
  const out: { index: number; learning: Learning }[] = [];
  for (const [index, x] of items.entries()) {
    if (!x || typeof x !== "object" || x.status !== "proposed") continue;
    const statement = typeof x.statement === "string" ? x.statement : "";
    const learning = {
      id: learningId(statement) ?? "",
      statement,
      scope: x.scope as Scope,
      confidence: x.confidence as number,
      evidence: x.evidence as string[],
      ...(typeof x.kind === "string" ? { kind: x.kind } : {}),
      ...(Array.isArray(x.tags) ? { tags: x.tags as string[] } : {}),
      ...(run ? { run } : {}),
      proposed_at: now,
    };
    out.push({ index, learning });
  }
  return out;
}
