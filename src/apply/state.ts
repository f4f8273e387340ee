import { constants } from "node:fs";
import { mkdir, open, readdir, readFile, stat, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ErrorCodes, UserError } from "../core/errors.js";
import { sha256 } from "../core/hash.js";
import type { Content } from "../hosts/output.js";
import { atomicWrite } from "./fs.js";

/** cadre's own state folder (`.cadre/` in a project, the XDG state folder for `--global`). */
export interface StateDir {
  dir: string;
}

export async function ensureStateDir(state: StateDir): Promise<void> {
  await mkdir(join(state.dir, "cache"), { recursive: true });
  const ignore = join(state.dir, ".gitignore");
  await writeFile(ignore, "*\n", { flag: "wx" }).catch(() => undefined);
}

/** Content-addressed cache: the merge bases and the journal's before/after copies. */
export async function putBlob(state: StateDir, content: Content, sync = false): Promise<string> {
  const h = sha256(content);
  const p = join(state.dir, "cache", h);
  const exists = await stat(p).catch(() => undefined);
  if (!exists) await atomicWrite(p, content, { sync });
  return h;
}

export async function getBlob(state: StateDir, hash: string): Promise<Uint8Array | undefined> {
  if (!/^[0-9a-f]{64}$/.test(hash)) return undefined;
  try {
    return new Uint8Array(await readFile(join(state.dir, "cache", hash)));
  } catch {
    return undefined;
  }
}

const BASES = "bases.json";

/**
 * Merge bases: the text cadre last rendered for each file, by sha256, kept in one file (one write per
 * sync instead of one per file). Only entries still named by the lock are kept.
 */
export async function putBases(
  state: StateDir,
  texts: readonly string[],
  keep: ReadonlySet<string>,
): Promise<void> {
  const current = await readBases(state);
  const next: Record<string, string> = {};
  for (const [h, t] of Object.entries(current)) if (keep.has(h)) next[h] = t;
  for (const t of texts) {
    const h = sha256(t);
    if (keep.has(h)) next[h] = t;
  }
  await atomicWrite(join(state.dir, BASES), JSON.stringify(next));
}

async function readBases(state: StateDir): Promise<Record<string, string>> {
  try {
    const v = JSON.parse(await readFile(join(state.dir, BASES), "utf8")) as unknown;
    return v && typeof v === "object" ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Merge bases for the given hashes (missing ones are left out: the planner then reports a conflict). */
export async function getBases(state: StateDir, hashes: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (hashes.length === 0) return out;
  const all = await readBases(state);
  for (const h of hashes) if (typeof all[h] === "string") out.set(h, all[h] as string);
  return out;
}

/** Remove cache entries nothing refers to any more. */
export async function collectBlobs(state: StateDir, keep: ReadonlySet<string>): Promise<void> {
  const names = await readdir(join(state.dir, "cache")).catch(() => [] as string[]);
  await Promise.all(
    names.filter((n) => !keep.has(n)).map((n) => unlink(join(state.dir, "cache", n)).catch(() => undefined)),
  );
}

/**
 * An inter-process lock: `.cadre/lock` created with O_EXCL and holding the owner's pid. A lock whose
 * process is gone is taken over; a live one is a user error.
 */
export async function acquireProcessLock(state: StateDir): Promise<() => Promise<void>> {
  await mkdir(state.dir, { recursive: true });
  const p = join(state.dir, "lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(p, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o644);
      await fh.writeFile(`${process.pid}\n`);
      await fh.close();
      return async () => {
        await unlink(p).catch(() => undefined);
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number((await readFile(p, "utf8").catch(() => "")).trim());
      if (pid && pid !== process.pid && alive(pid)) {
        throw new UserError(
          ErrorCodes.io,
          `another cadre run (pid ${pid}) is working on this project`,
          `wait for it to finish, or delete ${p} if it is stale`,
        );
      }
      await unlink(p).catch(() => undefined);
    }
  }
  throw new UserError(ErrorCodes.io, `could not take the lock ${p}`, "try again");
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
