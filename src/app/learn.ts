/**
 * `cadre learn propose | list | accept | reject | archive`: learnings move between the state folders under
 * `.cadre/memory/learnings/`; an accepted one is written as a rule into the local learnings pack
 * (`cadre-learnings/`, a source of cadre.yaml with `learnings/*` included), which the next `cadre sync`
 * installs. Nothing is applied without an accept. Every write is atomic; a bad file is an error naming it.
 */
import { readdir, readFile, rm } from "node:fs/promises";
import { posix } from "node:path";
import { atomicWrite } from "../apply/fs.js";
import { ErrorCodes, UserError, usageError } from "../core/errors.js";
import { artifactKindOf, formatArtifactError, parseArtifact } from "../pipeline/artifact.js";
import {
  fromArtifact,
  idProblem,
  LEARNING_STATES,
  LEARNINGS_DIR,
  LEARNINGS_PACK,
  type Learning,
  type LearningState,
  learningId,
  learningProblem,
  PACK_MANIFEST,
  parseLearning,
  renderLearning,
  ruleOf,
  SCOPES,
  type Scope,
} from "../pipeline/learnings.js";
import { activeRunId, runFolder } from "../runs/store.js";
import { CONFIG_FILE, editConfigList, parseConfigText } from "./config.js";
import { layoutOf } from "./layout.js";

export interface LearnOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  dryRun?: boolean;
  now?: () => Date;
}

export interface LearningRow {
  state: LearningState;
  file: string;
  learning: Learning;
}

const rootOf = (o: LearnOptions) => layoutOf({ cwd: o.cwd, env: o.env }).root;
const rel = (state: LearningState, id: string) => `${LEARNINGS_DIR}/${state}/${id}.md`;
const stamp = (o: LearnOptions) => (o.now ?? (() => new Date()))().toISOString();

async function readState(root: string, state: LearningState): Promise<LearningRow[]> {
  const dir = await runFolder(root, `${LEARNINGS_DIR}/${state}`, false);
  if (!dir) return [];
  const names = (await readdir(dir)).filter((n) => n.endsWith(".md") && !n.startsWith(".")).sort();
  const rows: LearningRow[] = [];
  for (const n of names) {
    const id = n.slice(0, -3);
    const file = rel(state, id);
    if (idProblem(id))
      throw new UserError(ErrorCodes.parse, `${file}: ${idProblem(id)}`, "rename or remove the file");
    const text = await readFile(posix.join(dir, n), "utf8");
    rows.push({ state, file, learning: parseLearning(text, file, id) });
  }
  return rows;
}

/** Every learning in every state (proposed first), each checked. */
export async function learnList(o: LearnOptions, state?: string): Promise<LearningRow[]> {
  if (state !== undefined && !LEARNING_STATES.includes(state as LearningState))
    throw usageError(`--state must be one of ${LEARNING_STATES.join(", ")}`);
  const all = await current(rootOf(o));
  return state ? all.filter((r) => r.state === state) : all;
}

/** How far along each state is: a move writes the new state's file before removing the old one. */
const STAGE: Record<LearningState, number> = { proposed: 0, accepted: 1, rejected: 1, archived: 2 };

/**
 * Every learning once, in its latest state: a move killed between writing the new file and removing the
 * old one leaves the learning in two folders, and the later one is where it is.
 */
async function current(root: string): Promise<LearningRow[]> {
  const rows: LearningRow[] = [];
  for (const s of LEARNING_STATES) rows.push(...(await readState(root, s)));
  const latest = new Map<string, LearningRow>();
  for (const r of rows) {
    const seen = latest.get(r.learning.id);
    if (!seen || STAGE[r.state] > STAGE[seen.state]) latest.set(r.learning.id, r);
  }
  return rows.filter((r) => latest.get(r.learning.id) === r);
}

async function find(root: string, id: string): Promise<LearningRow | undefined> {
  const p = idProblem(id);
  if (p) throw usageError(p, "`cadre learn list` shows the learnings");
  return (await current(root)).find((r) => r.learning.id === id);
}

async function write(root: string, relPath: string, text: string): Promise<void> {
  const dir = (await runFolder(root, posix.dirname(relPath), true)) as string;
  await atomicWrite(posix.join(dir, posix.basename(relPath)), text);
}

export interface ProposeInput {
  statement?: string;
  scope?: string;
  confidence?: string;
  evidence?: string[];
  kind?: string;
  tags?: string[];
  id?: string;
  run?: string;
  /** A learn-phase artifact: propose each of its lessons still `proposed`. */
  from?: string;
}

/** The one learning the flags describe, checked; the run defaults to the active one. */
async function fromFlags(root: string, i: ProposeInput, now: string): Promise<Learning> {
  const statement = i.statement?.trim();
  if (!statement) throw usageError("learn propose needs --statement <text> (or --from <artifact>)");
  if (!SCOPES.includes(i.scope as Scope)) throw usageError(`--scope must be one of ${SCOPES.join(", ")}`);
  const confidence = Number(i.confidence);
  if (i.confidence === undefined || !(confidence >= 0 && confidence <= 1))
    throw usageError("--confidence needs a number from 0 to 1", "one run rarely justifies more than 0.7");
  const evidence = (i.evidence ?? []).map((e) => e.trim()).filter(Boolean);
  if (evidence.length === 0) throw usageError("learn propose needs at least one --evidence <text>");
  const id = i.id ?? learningId(statement);
  if (!id) throw usageError("the statement has no letters or digits to make an id from; give --id");
  const p = idProblem(id);
  if (p) throw usageError(`--id: ${p}`);
  const run = i.run ?? (await activeRunId(root));
  return {
    id,
    statement,
    scope: i.scope as Scope,
    confidence,
    evidence,
    ...(i.kind ? { kind: i.kind } : {}),
    ...(i.tags?.length ? { tags: i.tags } : {}),
    ...(run ? { run } : {}),
    proposed_at: now,
  };
}

async function fromFile(cwd: string, file: string, now: string): Promise<Learning[]> {
  const abs = posix.resolve(cwd.replace(/\\/g, "/"), file);
  const fmt = artifactKindOf(abs)?.format ?? "markdown";
  const raw = await readFile(abs, "utf8").catch((e: NodeJS.ErrnoException) => {
    throw new UserError(ErrorCodes.notFound, `${file}: cannot read it (${e.code ?? e.message})`);
  });
  const parsed = parseArtifact(file, raw, fmt);
  if (!parsed.ok) throw new UserError(ErrorCodes.parse, formatArtifactError(parsed.error));
  const ls = fromArtifact(parsed.data, now);
  for (const { index, learning } of ls) {
    const p = learningProblem(learning as unknown as Record<string, unknown>);
    if (p)
      throw new UserError(
        ErrorCodes.parse,
        `${file}:${parsed.lineOf(`/learnings/${index}`)}: learnings[${index}]: ${p.message}`,
        "`cadre artifact validate` checks it",
      );
  }
  return ls.map((x) => x.learning);
}

export interface ProposeResult {
  proposed: LearningRow[];
  /** Lessons of --from whose id already exists (in any state), with its file. */
  skipped: { id: string; file: string }[];
}

/** Write proposals into `proposed/`; an id that exists (in any state) is refused (or, with --from, skipped). */
export async function learnPropose(o: LearnOptions, i: ProposeInput): Promise<ProposeResult> {
  const root = rootOf(o);
  const now = stamp(o);
  const list = i.from ? await fromFile(o.cwd, i.from, now) : [await fromFlags(root, i, now)];
  const out: ProposeResult = { proposed: [], skipped: [] };
  const taken = new Set<string>();
  for (const l of list) {
    const there = await find(root, l.id);
    if (there || taken.has(l.id)) {
      if (!i.from)
        throw new UserError(
          ErrorCodes.refused,
          `learning '${l.id}' already exists: ${there?.file}`,
          "give another --id",
        );
      out.skipped.push({ id: l.id, file: there?.file ?? rel("proposed", l.id) });
      continue;
    }
    taken.add(l.id);
    if (!o.dryRun) await write(root, rel("proposed", l.id), renderLearning(l));
    out.proposed.push({ state: "proposed", file: rel("proposed", l.id), learning: l });
  }
  return out;
}

export interface DecideResult {
  id: string;
  from: LearningState;
  to: LearningState;
  file: string;
  /** accept: the rule written into the learnings pack; archive: the rule removed. */
  rule?: string;
  /** accept: what was added to cadre.yaml (the pack as a source, `learnings/*` included). */
  config: string[];
  /** What the user still has to do (sync, or add the pack to a project without cadre.yaml). */
  next: string;
  dryRun: boolean;
}

async function requireIn(root: string, id: string, state: LearningState, verb: string): Promise<LearningRow> {
  const row = await find(root, id);
  if (!row) throw new UserError(ErrorCodes.notFound, `no learning '${id}'`, "`cadre learn list` shows them");
  if (row.state !== state)
    throw new UserError(
      ErrorCodes.refused,
      `learning '${id}' is ${row.state} (${row.file}); only a ${state} learning can be ${verb}`,
    );
  return row;
}

/** Move a learning to another state folder: the new file first, then the old one removed. */
async function move(root: string, row: LearningRow, to: LearningState, l: Learning): Promise<string> {
  const file = rel(to, l.id);
  await write(root, file, renderLearning(l));
  await rm(posix.join(root, row.file), { force: true });
  return file;
}

/** cadre.yaml with the learnings pack as a source and its items included (unchanged when they are). */
export function withLearningsPack(text: string): { text: string; changes: string[] } {
  const cfg = parseConfigText(text, CONFIG_FILE);
  const spec = `./${LEARNINGS_PACK.dir}`;
  const pattern = `${LEARNINGS_PACK.name}/*`;
  const changes: string[] = [];
  let out = text;
  if (!cfg.sources.some((s) => s.replace(/^\.\//, "").replace(/\/$/, "") === LEARNINGS_PACK.dir)) {
    out = editConfigList(out, ["sources"], () => [...cfg.sources, spec]);
    changes.push(`sources += ${spec}`);
  }
  if (!cfg.include.includes(pattern)) {
    out = editConfigList(out, ["include"], (xs) => [...xs, pattern]);
    changes.push(`include += ${pattern}`);
  }
  if (changes.length) parseConfigText(out, CONFIG_FILE);
  return { text: out, changes };
}

/** cadre.yaml without the learnings pack (when its last rule is archived: an empty pack selects nothing). */
export function withoutLearningsPack(text: string): { text: string; changes: string[] } {
  const cfg = parseConfigText(text, CONFIG_FILE);
  const pattern = `${LEARNINGS_PACK.name}/*`;
  const isPack = (s: string) => s.replace(/^\.\//, "").replace(/\/$/, "") === LEARNINGS_PACK.dir;
  const changes: string[] = [];
  let out = text;
  if (cfg.include.includes(pattern)) {
    out = editConfigList(out, ["include"], (xs) => xs.filter((x) => x !== pattern));
    changes.push(`include -= ${pattern}`);
  }
  const src = cfg.sources.find(isPack);
  if (src) {
    out = editConfigList(out, ["sources"], () => cfg.sources.filter((s) => !isPack(s)));
    changes.push(`sources -= ${src}`);
  }
  if (changes.length) parseConfigText(out, CONFIG_FILE);
  return { text: out, changes };
}

/** Accept a proposed learning: its rule into the learnings pack, the pack into cadre.yaml; sync installs it. */
export async function learnAccept(o: LearnOptions, id: string): Promise<DecideResult> {
  const layout = layoutOf({ cwd: o.cwd, env: o.env });
  const root = layout.root;
  const row = await requireIn(root, id, "proposed", "accepted");
  const l: Learning = { ...row.learning, decided_at: stamp(o) };
  const rule = ruleOf(l);
  const ruleFile = `${LEARNINGS_PACK.dir}/${LEARNINGS_PACK.rules}/${rule.name}.md`;
  const configText = await readFile(layout.configPath, "utf8").catch(() => undefined);
  const edit = configText === undefined ? undefined : withLearningsPack(configText);
  let file = rel("accepted", id);
  if (!o.dryRun) {
    await write(root, `${LEARNINGS_PACK.dir}/cadre-pack.yaml`, PACK_MANIFEST);
    await write(root, ruleFile, rule.text);
    if (edit?.changes.length) await atomicWrite(layout.configPath, edit.text);
    file = await move(root, row, "accepted", l);
  }
  return {
    id,
    from: "proposed",
    to: "accepted",
    file,
    rule: ruleFile,
    config: edit?.changes ?? [],
    next:
      edit === undefined
        ? `no ${CONFIG_FILE} here: add the pack with \`cadre add ./${LEARNINGS_PACK.dir}\``
        : "`cadre sync` installs the rule",
    dryRun: o.dryRun === true,
  };
}

/** Reject a proposed learning (kept under rejected/ with the reason, so it is not proposed again). */
export async function learnReject(o: LearnOptions, id: string, reason?: string): Promise<DecideResult> {
  const root = rootOf(o);
  const row = await requireIn(root, id, "proposed", "rejected");
  const l: Learning = {
    ...row.learning,
    decided_at: stamp(o),
    ...(reason?.trim() ? { reason: reason.trim() } : {}),
  };
  const file = o.dryRun ? rel("rejected", id) : await move(root, row, "rejected", l);
  return {
    id,
    from: "proposed",
    to: "rejected",
    file,
    config: [],
    next: "nothing to install",
    dryRun: o.dryRun === true,
  };
}

/** Archive an accepted learning: its rule leaves the pack, so the next sync removes it from the hosts. */
export async function learnArchive(o: LearnOptions, id: string, reason?: string): Promise<DecideResult> {
  const layout = layoutOf({ cwd: o.cwd, env: o.env });
  const root = layout.root;
  const row = await requireIn(root, id, "accepted", "archived");
  const rule = ruleOf(row.learning);
  const ruleFile = `${LEARNINGS_PACK.dir}/${LEARNINGS_PACK.rules}/${rule.name}.md`;
  const l: Learning = {
    ...row.learning,
    decided_at: stamp(o),
    ...(reason?.trim() ? { reason: reason.trim() } : {}),
  };
  const dir = await runFolder(root, `${LEARNINGS_PACK.dir}/${LEARNINGS_PACK.rules}`, false);
  const left = dir ? (await readdir(dir)).filter((n) => n.endsWith(".md") && n !== `${rule.name}.md`) : [];
  const configText = await readFile(layout.configPath, "utf8").catch(() => undefined);
  const edit = left.length === 0 && configText !== undefined ? withoutLearningsPack(configText) : undefined;
  let file = rel("archived", id);
  if (!o.dryRun) {
    if (dir) await rm(posix.join(dir, `${rule.name}.md`), { force: true });
    if (edit?.changes.length) await atomicWrite(layout.configPath, edit.text);
    file = await move(root, row, "archived", l);
  }
  return {
    id,
    from: "accepted",
    to: "archived",
    file,
    rule: ruleFile,
    config: edit?.changes ?? [],
    next: "`cadre sync` removes the rule",
    dryRun: o.dryRun === true,
  };
}
