/**
 * Pipeline artifacts on disk: which schema validates a file, the validation itself, and where a run keeps a
 * phase's artifact (`.cadre/runs/<id>/artifacts/<phase>/<kind>.json|md`). The pure parts (parsing, pointer →
 * line, formatting) are in src/pipeline/.
 */
import { lstat, readdir } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import { readNoFollow } from "../apply/fs.js";
import { ErrorCodes, UserError } from "../core/errors.js";
import { closestNames, toPosix } from "../core/names.js";
import { type ArtifactError, artifactKindOf, parseArtifact, toArtifactErrors } from "../pipeline/artifact.js";
import { compileSchema } from "../pipeline/schema.js";
import { builtinLibraryDir } from "../sources/paths.js";

export interface ArtifactValidation {
  /** The file as given, relative to the project root when it is inside it. */
  file: string;
  /** The artifact kind (the schema's name), "" when it could not be told. */
  kind: string;
  valid: boolean;
  errors: ArtifactError[];
}

/** Where a project's installed artifact schemas and templates live (written by `cadre sync`). */
export const SCHEMAS_DIR = ".cadre/schemas";
export const TEMPLATES_DIR = ".cadre/templates";
export const RUNS_DIR = ".cadre/runs";

/** A schema file found for a kind: the installed one first, else the built-in library's. */
export interface SchemaSource {
  kind: string;
  /** Path shown in messages (project-relative for an installed schema). */
  file: string;
  abs: string;
}

const SUFFIX = ".schema.json";

async function namesIn(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith(SUFFIX)).map((f) => f.slice(0, -SUFFIX.length));
  } catch {
    return [];
  }
}

/** Every artifact kind a schema exists for, installed or built in (sorted). */
export async function artifactKinds(root: string): Promise<string[]> {
  const lib = join(builtinLibraryDir(), "schemas");
  return [...new Set([...(await namesIn(join(root, SCHEMAS_DIR))), ...(await namesIn(lib))])].sort();
}

/**
 * The schema for a kind: `.cadre/schemas/<kind>.schema.json` when sync installed it, else the built-in
 * library's `schemas/<kind>.schema.json`. An unknown kind is a usage error naming the closest kinds.
 */
export async function schemaFor(root: string, kind: string): Promise<SchemaSource> {
  const installed = join(root, SCHEMAS_DIR, `${kind}${SUFFIX}`);
  if (/^[a-z0-9][a-z0-9-]*$/.test(kind)) {
    if (await isFile(installed)) return { kind, file: `${SCHEMAS_DIR}/${kind}${SUFFIX}`, abs: installed };
    const lib = join(builtinLibraryDir(), "schemas", `${kind}${SUFFIX}`);
    if (await isFile(lib)) return { kind, file: `library/schemas/${kind}${SUFFIX}`, abs: lib };
  }
  const kinds = await artifactKinds(root);
  const near = closestNames(kind, kinds);
  throw new UserError(
    ErrorCodes.usage,
    `unknown artifact kind '${kind}'${near.length ? `; closest: ${near.join(", ")}` : ""}`,
    `the kinds are the schema names: ${kinds.join(", ")}`,
  );
}

async function isFile(abs: string): Promise<boolean> {
  try {
    return (await lstat(abs)).isFile();
  } catch {
    return false;
  }
}

/** A schema's parsed JSON; a schema that is not JSON is an error naming its file. */
export async function readSchema(src: SchemaSource): Promise<unknown> {
  const bytes = await readNoFollow(src.abs);
  if (!bytes) throw new UserError(ErrorCodes.notFound, `${src.file}: schema not found`);
  try {
    return JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch (e) {
    throw new UserError(
      ErrorCodes.parse,
      `${src.file}: the schema is not valid JSON: ${(e as Error).message}`,
    );
  }
}

function shown(root: string, abs: string): string {
  const r = relative(root, abs);
  return r && !r.startsWith("..") && !isAbsolute(r) ? toPosix(r) : toPosix(abs);
}

/**
 * Validate one artifact file against its kind's schema. The kind is the file name (`<kind>.json` or
 * `<kind>.md`); a Markdown artifact's structured object is its YAML frontmatter. Problems with the file
 * itself (unreadable, not JSON, malformed frontmatter, unknown kind) come back as errors of an invalid
 * result; a broken schema throws (it is the library's defect, not the artifact's).
 */
export async function validateArtifactFile(root: string, file: string): Promise<ArtifactValidation> {
  const abs = resolve(root, file);
  const name = shown(root, abs);
  const bad = (kind: string, line: number, message: string): ArtifactValidation => ({
    file: name,
    kind,
    valid: false,
    errors: [{ file: name, line, pointer: "", message }],
  });
  const k = artifactKindOf(abs);
  if (!k) return bad("", 1, "not an artifact file: the name must be <kind>.json or <kind>.md");
  let src: SchemaSource;
  try {
    src = await schemaFor(root, k.kind);
  } catch (e) {
    if (e instanceof UserError) return bad(k.kind, 1, e.message);
    throw e;
  }
  let bytes: Uint8Array | null;
  try {
    bytes = await readNoFollow(abs);
  } catch (e) {
    return bad(k.kind, 1, (e as Error).message);
  }
  if (!bytes) return bad(k.kind, 1, "file not found");
  const parsed = parseArtifact(name, Buffer.from(bytes).toString("utf8"), k.format);
  if (!parsed.ok) return { file: name, kind: k.kind, valid: false, errors: [parsed.error] };
  const validate = compileSchema(await readSchema(src), src.file);
  const errors = toArtifactErrors(name, validate(parsed.data), parsed.lineOf);
  return { file: name, kind: k.kind, valid: errors.length === 0, errors };
}

/** The folder holding a run's artifacts of one phase. */
export function phaseArtifactDir(root: string, runId: string, phase: string): string {
  return join(root, RUNS_DIR, runId, "artifacts", phase);
}

/**
 * The artifact a phase produced: `<kind>.json`, else `<kind>.md`, in the run's phase folder (a regular file,
 * never a link). Absolute path, or undefined when there is none.
 */
export async function findPhaseArtifact(
  root: string,
  runId: string,
  phase: string,
  kind: string,
): Promise<string | undefined> {
  const dir = phaseArtifactDir(root, runId, phase);
  for (const ext of [".json", ".md"]) {
    const abs = join(dir, `${kind}${ext}`);
    if (await isFile(abs)) return abs;
  }
  return undefined;
}
