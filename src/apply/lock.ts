import { z } from "zod";
import { ErrorCodes, UserError } from "../core/errors.js";
import type { Lock } from "../plan/types.js";
import { readNoFollow } from "./fs.js";

const sha = z.string().regex(/^[0-9a-f]{64}$/);

const EntrySchema = z.strictObject({
  mode: z.enum(["file", "block", "keys"]),
  sha256: sha,
  hosts: z.array(z.string()),
  items: z.array(z.string()),
  readers: z.array(z.string()).optional(),
  sep: z.string().optional(),
  created: z.boolean().optional(),
  keys: z.record(z.string(), sha).optional(),
  parents: z.array(z.string()).optional(),
  comment: z.enum(["html", "hash"]).optional(),
  link: z.boolean().optional(),
  executable: z.boolean().optional(),
  syntax: z.enum(["yaml"]).optional(),
  adopted: z.boolean().optional(),
});

export const LockSchema = z.strictObject({
  version: z.literal(1),
  rendererVersion: z.number().int().nonnegative(),
  scope: z.enum(["project", "user"]),
  items: z.record(z.string(), z.strictObject({ hash: z.string() })),
  files: z.record(z.string(), EntrySchema),
  dirs: z.array(z.string()).optional(),
  sources: z
    .record(
      z.string(),
      z.strictObject({
        type: z.enum(["git", "npm", "archive"]),
        url: z.string().optional(),
        ref: z.string().optional(),
        commit: z
          .string()
          .regex(/^[0-9a-f]{40}$/)
          .optional(),
        version: z.string().optional(),
        resolved: z.string().optional(),
        integrity: z.string().optional(),
        sha256: sha.optional(),
        tree: z.string().regex(/^sha256-[0-9a-f]{64}$/),
      }),
    )
    .optional(),
  /** `cadre trust`: per source, the hash of each item's executable content the user accepted (model/trust.ts). */
  trust: z.record(z.string(), z.record(z.string(), sha)).optional(),
});

export const LOCK_FILE = "cadre.lock";

/** Migrations from older lock versions, keyed by the version they read. None yet: version 1 is the first. */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {};

/** Parse a lock text. A corrupt lock is a user error that names `cadre repair`. */
export function parseLock(text: string, where: string): Lock {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UserError(
      ErrorCodes.parse,
      `${where} is not valid JSON: ${(e as Error).message}`,
      "run `cadre repair` to rebuild it from the files on disk",
    );
  }
  let obj = raw as Record<string, unknown>;
  while (obj && typeof obj === "object" && typeof obj.version === "number" && MIGRATIONS[obj.version]) {
    obj = (MIGRATIONS[obj.version] as (o: Record<string, unknown>) => Record<string, unknown>)(obj);
  }
  const r = LockSchema.safeParse(obj);
  if (!r.success) {
    const first = r.error.issues[0];
    const at = first?.path.length ? ` at ${first.path.join(".")}` : "";
    throw new UserError(
      ErrorCodes.parse,
      `${where} is damaged${at}: ${first?.message ?? "invalid"}`,
      "run `cadre repair` to rebuild it from the files on disk",
    );
  }
  return r.data as Lock;
}

/**
 * From a lock too damaged to read, the trust records that are still whole (`cadre repair` keeps them, so a
 * rebuilt lock does not silently forget what the user trusted). Undefined when the text is not JSON or its
 * `trust` is not the recorded shape.
 */
export function salvageTrust(text: string): Lock["trust"] | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const trust = raw && typeof raw === "object" ? (raw as Record<string, unknown>).trust : undefined;
  const r = LockSchema.shape.trust.safeParse(trust);
  return r.success && r.data && Object.keys(r.data).length ? r.data : undefined;
}

export async function readLockFile(path: string, where: string): Promise<Lock | undefined> {
  // cadre.lock is cadre's own file: a symlink there is refused, never read through.
  const raw = await readNoFollow(path);
  if (raw === null) return undefined;
  return parseLock(new TextDecoder().decode(raw), where);
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/** The lock as written: sorted keys, two-space JSON, trailing newline (stable diffs). */
export function serializeLock(lock: Lock): string {
  return `${JSON.stringify(sorted(lock), null, 2)}\n`;
}
