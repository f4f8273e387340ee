/**
 * `cadre artifact new` and the MCP tool `artifact_template`: a kind's template with the machine-knowable
 * fields filled in (schema_version, run_id, phase, author_role, created_at, iteration), written into the
 * run's phase folder. The run comes from `--run` or `.cadre/runs/latest`; the phase from the run's workflow
 * snapshot (`workflow.json`: the phase whose `artifact` is the kind), else the schema's `phase` const.
 */
import { join } from "node:path";
import { atomicWrite, PathGuard, readNoFollow } from "../apply/fs.js";
import { ErrorCodes, UserError } from "../core/errors.js";
import { schemaConst } from "../pipeline/schema.js";
import { fillTemplate, machineFields, templateSkeleton } from "../pipeline/template.js";
import { activeRunId, readWorkflow, runDir } from "../runs/store.js";
import { builtinLibraryDir } from "../sources/paths.js";
import { RUNS_DIR, readSchema, schemaFor, TEMPLATES_DIR } from "./artifacts.js";

export interface ArtifactTemplate {
  kind: string;
  run: string;
  /** The workflow phase whose folder holds the artifact. */
  phase: string;
  /** Where `cadre artifact new` writes it, relative to the project root. */
  file: string;
  /** Where the skeleton came from (installed template or the built-in library's). */
  template: string;
  text: string;
}

async function text(abs: string): Promise<string | undefined> {
  const b = await readNoFollow(abs);
  return b ? Buffer.from(b).toString("utf8") : undefined;
}

/** The skeleton for a kind: `.cadre/templates/<kind>.md` (installed by sync), else the library item's body. */
async function skeletonFor(root: string, kind: string): Promise<{ from: string; skeleton: string }> {
  const installed = await text(join(root, TEMPLATES_DIR, `${kind}.md`));
  if (installed !== undefined) return { from: `${TEMPLATES_DIR}/${kind}.md`, skeleton: installed };
  const item = await text(join(builtinLibraryDir(), "templates", `${kind}.md`));
  if (item !== undefined) return { from: `library/templates/${kind}.md`, skeleton: templateSkeleton(item) };
  throw new UserError(ErrorCodes.notFound, `no template for artifact kind '${kind}'`);
}

/** The phase (and its role) of the run's workflow snapshot that produces `kind`, when the snapshot says. */
async function workflowPhase(root: string, run: string, kind: string) {
  let wf: Awaited<ReturnType<typeof readWorkflow>>;
  try {
    wf = await readWorkflow(root, run);
  } catch (e) {
    if (e instanceof UserError && e.code === ErrorCodes.notFound) return undefined; // no snapshot: the schema says
    throw e;
  }
  const hit = wf.phases.find((p) => p.artifact === kind);
  return hit ? { id: hit.id, role: hit.role } : undefined;
}

/** The run an artifact command acts on: `--run`, else the active run; a clear error when there is none. */
export async function runFor(root: string, run: string | undefined): Promise<string> {
  const id = run ?? (await activeRunId(root));
  if (!id)
    throw new UserError(
      ErrorCodes.notFound,
      "no active run",
      "start one with `cadre run start`, or name one with --run <id>",
    );
  await runDir(root, id);
  return id;
}

/** The filled template for a kind in a run, not written anywhere. */
export async function artifactTemplate(
  root: string,
  kind: string,
  o: { run?: string; now: Date },
): Promise<ArtifactTemplate> {
  const src = await schemaFor(root, kind);
  const schema = await readSchema(src);
  const run = await runFor(root, o.run);
  const wp = await workflowPhase(root, run, kind);
  const phase = wp?.id ?? schemaConst(schema, "phase") ?? kind;
  const { from, skeleton } = await skeletonFor(root, kind);
  const fields = machineFields(schema, { runId: run, phase, role: wp?.role, now: o.now });
  return {
    kind,
    run,
    phase,
    file: `${RUNS_DIR}/${run}/artifacts/${phase}/${kind}.md`,
    template: from,
    text: fillTemplate(skeleton, fields),
  };
}

/** Write the filled template into the run's phase folder; refuses to replace a file unless `force`. */
export async function newArtifact(
  root: string,
  kind: string,
  o: { run?: string; force?: boolean; now: Date },
): Promise<ArtifactTemplate & { replaced: boolean }> {
  const t = await artifactTemplate(root, kind, o);
  const guard = new PathGuard(root, true);
  const at = await guard.require(t.file);
  if (at.kind === "link")
    throw new UserError(ErrorCodes.unsafePath, `refusing to write ${t.file}: it is a symlink`);
  const json = t.file.replace(/\.md$/, ".json");
  if ((await guard.inspect(json)).kind !== "absent")
    throw new UserError(
      ErrorCodes.exists,
      `${json} already exists`,
      "the phase's artifact is the JSON file; edit it (or remove it to start from the Markdown template)",
    );
  if (at.kind === "file" && !o.force)
    throw new UserError(
      ErrorCodes.exists,
      `${t.file} already exists`,
      "edit it, or pass --force to replace it with a fresh template",
    );
  await atomicWrite(at.abs, t.text, { sync: true });
  return { ...t, replaced: at.kind === "file" };
}
