/**
 * `cadre artifact validate` and the MCP tool `artifact_validate`: the given files, or every artifact of the
 * active run, each validated against its kind's schema; an `artifact-validate` event per file is recorded in
 * the active run when there is one.
 */
import { readdir } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { ErrorCodes, UserError } from "../core/errors.js";
import { toPosix } from "../core/names.js";
import { activeRunId, appendEvent } from "../runs/store.js";
import { runFor } from "./artifact-new.js";
import { type ArtifactValidation, phaseArtifactDir, RUNS_DIR, validateArtifactFile } from "./artifacts.js";

export interface ValidateReport {
  /** The run whose artifacts were validated, or in which the results were recorded. */
  run?: string;
  results: ArtifactValidation[];
  valid: boolean;
}

async function entries(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Every artifact file of a run (`artifacts/<phase>/<kind>.json|md`, regular files only), project-relative. */
export async function runArtifactFiles(root: string, run: string): Promise<string[]> {
  const base = join(root, RUNS_DIR, run, "artifacts");
  const out: string[] = [];
  for (const phase of await entries(base)) {
    if (!phase.isDirectory()) continue;
    for (const f of await entries(phaseArtifactDir(root, run, phase.name)))
      if (f.isFile() && /\.(json|md)$/i.test(f.name))
        out.push(`${RUNS_DIR}/${run}/artifacts/${phase.name}/${f.name}`);
  }
  return out.sort();
}

/** The phase folder a file sits in when it is one of the run's artifacts. */
function phaseOf(root: string, run: string, file: string): string | undefined {
  const rel = toPosix(relative(join(root, RUNS_DIR, run, "artifacts"), resolve(root, file)));
  const parts = rel.split("/");
  return parts.length === 2 && !rel.startsWith("..") ? parts[0] : undefined;
}

/** Record one validation in the run's events (the only place this module writes). */
async function recordValidation(root: string, run: string, r: ArtifactValidation): Promise<void> {
  const phase = phaseOf(root, run, r.file);
  await appendEvent(root, run, {
    type: "artifact-validate",
    ...(phase ? { phase } : {}),
    file: r.file,
    kind: r.kind,
    valid: r.valid,
    errors: r.errors.length,
  });
}

/**
 * Validate `files`, or with none every artifact of the run (`run`, else the active run). Results are recorded
 * in that run, or in the active run when files were named and one exists.
 */
export async function validateArtifacts(
  root: string,
  files: string[],
  o: { run?: string } = {},
): Promise<ValidateReport> {
  let run: string | undefined;
  let list = files;
  if (files.length === 0) {
    run = await runFor(root, o.run);
    list = await runArtifactFiles(root, run);
    if (list.length === 0)
      throw new UserError(
        ErrorCodes.notFound,
        `run '${run}' has no artifacts yet`,
        "create one with `cadre artifact new <kind>`",
      );
  } else run = o.run ?? (await activeRunId(root));
  const results: ArtifactValidation[] = [];
  for (const f of list) results.push(await validateArtifactFile(root, f));
  if (run) for (const r of results) await recordValidation(root, run, r);
  return { run, results, valid: results.every((r) => r.valid) };
}
