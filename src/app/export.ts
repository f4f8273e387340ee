import { lstat, mkdir, readdir, realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { atomicWrite, containedPath, readNoFollow, syncDir } from "../apply/fs.js";
import { ErrorCodes, UserError } from "../core/errors.js";
import { sha256 } from "../core/hash.js";
import { toPosix } from "../core/names.js";
import type { Content } from "../hosts/output.js";
import { refusals } from "../lint/run.js";
import { buildCatalog } from "../model/catalog.js";
import {
  EXPORT_MANIFEST,
  EXPORT_TARGETS,
  type ExportDrift,
  type ExportManifest,
  type ExportNote,
  type ExportTarget,
  exportDrift,
  planExport,
} from "../render/export.js";
import { loadPack } from "../sources/load.js";
import { skipRefused } from "./refusals.js";
import { packDir, toRenderItems } from "./render-items.js";

/** `cadre export <pack> --to <target> --out <dir> [--check] [--dry-run]`. */

export interface ExportResult {
  pack: string;
  target: ExportTarget;
  out: string;
  files: string[];
  notes: ExportNote[];
  check: boolean;
  dryRun: boolean;
  /** --check: what differs from a fresh export (empty: clean). */
  drift: ExportDrift[];
  /** A previous export was replaced. */
  replaced: boolean;
}

export async function exportPack(o: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  dir: string;
  to?: string;
  out: string;
  check?: boolean;
  dryRun?: boolean;
}): Promise<ExportResult> {
  const out = resolve(o.cwd, o.out);
  const shown = toPosix(relative(o.cwd, out)) || ".";
  if (!o.check && !o.dryRun) await recoverSwap(out);
  const previous = await readManifest(out, shown);
  const target = targetOf(o.to ?? (o.check ? previous?.target : undefined));
  const pack = await loadPack(o.dir, { cwd: o.cwd, env: o.env });
  if (pack.items.length === 0)
    throw new UserError(ErrorCodes.notFound, `${o.dir} holds no items`, "run `cadre lint` on it to see why");
  const root = packDir(pack, o.cwd);
  await refuseOverlap(root, out, shown);
  const { sources, executable } = await readSources(root, pack.files);
  const notes: ExportNote[] = [];
  const items = await toRenderItems(pack.items, [pack], o.cwd);
  const refused = refusals(buildCatalog([pack]), pack.items, HOSTS_OF[target]);
  const renderNotes: Parameters<typeof skipRefused>[2] = [];
  const skip = skipRefused(undefined, refused, renderNotes);
  for (const n of renderNotes) notes.push({ item: n.item, level: n.level, message: n.message });
  const plan = planExport({
    pack: {
      name: pack.name,
      version: pack.version,
      description: pack.description,
      license: pack.license,
      homepage: pack.homepage,
      author: pack.author,
    },
    items,
    sources,
    executable,
    target,
    ...(skip ? { skip } : {}),
  });
  notes.push(...plan.notes);
  const base = {
    pack: toPosix(relative(o.cwd, root)) || ".",
    target,
    out: shown,
    files: plan.files.map((f) => f.path),
    notes: dedupe(notes),
    check: !!o.check,
    dryRun: !!o.dryRun,
    replaced: previous !== undefined,
  };
  if (o.check) {
    if (!previous)
      throw new UserError(
        ErrorCodes.notFound,
        `${shown} is not a cadre export (no ${EXPORT_MANIFEST})`,
        `run \`cadre export ${o.dir} --to ${target} --out ${o.out}\` first`,
      );
    return { ...base, drift: exportDrift(plan, previous, await hashTree(out)) };
  }
  await refuseOut(out, shown, previous);
  if (!o.dryRun) await writeSwapped(out, plan.files);
  return { ...base, drift: [] };
}

/** The hosts whose lint errors keep an item out of each target. */
const HOSTS_OF: Record<ExportTarget, string[]> = {
  "claude-plugin": ["claude-code"],
  "claude-marketplace": ["claude-code"],
  "gemini-extension": ["gemini-cli"],
  "cursor-plugin": ["cursor"],
  "codex-plugin": ["codex"],
  npm: [],
};

function targetOf(to: string | undefined): ExportTarget {
  if (!to)
    throw new UserError(
      ErrorCodes.usage,
      "export needs --to <target>",
      `one of ${EXPORT_TARGETS.join(", ")}`,
    );
  if (!(EXPORT_TARGETS as readonly string[]).includes(to))
    throw new UserError(
      ErrorCodes.usage,
      `unknown export target "${to}"`,
      `one of ${EXPORT_TARGETS.join(", ")}`,
    );
  return to as ExportTarget;
}

async function readManifest(out: string, shown: string): Promise<ExportManifest | undefined> {
  const st = await lstat(out).catch(() => undefined);
  if (!st?.isDirectory()) return undefined;
  const bytes = await readNoFollow(join(out, EXPORT_MANIFEST)).catch(() => null);
  if (bytes === null) return undefined;
  try {
    const m = JSON.parse(Buffer.from(bytes).toString("utf8")) as ExportManifest;
    if (typeof m.cadreExport !== "number" || typeof m.files !== "object")
      throw new Error("not an export manifest");
    return m;
  } catch (e) {
    throw new UserError(
      ErrorCodes.parse,
      `${shown}/${EXPORT_MANIFEST}: ${(e as Error).message}`,
      "delete the folder and export again",
    );
  }
}

/** The export must not be inside the pack (the next load would read it), nor hold the pack. */
async function refuseOverlap(root: string, out: string, shown: string): Promise<void> {
  const realRoot = await realpath(root);
  const realOut = resolve(await realpath(dirname(out)).catch(() => dirname(out)), basename(out));
  const inside = (a: string, b: string) => a === b || a.startsWith(b + sep);
  if (inside(realOut, realRoot) || inside(realRoot, realOut))
    throw new UserError(
      ErrorCodes.usage,
      `--out ${shown} overlaps the pack folder`,
      "export to a folder outside the pack, e.g. ../dist/<name>",
    );
}

/** --out may be absent, an empty folder, or a previous export; never a link, a file or someone's folder. */
async function refuseOut(out: string, shown: string, previous: ExportManifest | undefined): Promise<void> {
  const st = await lstat(out).catch(() => undefined);
  if (!st) return;
  const refuse = (why: string, hint: string) =>
    new UserError(ErrorCodes.refused, `--out ${shown} ${why}; nothing was written`, hint);
  if (st.isSymbolicLink()) throw refuse("is a symbolic link", "pass the real folder, or a new path");
  if (!st.isDirectory()) throw refuse("is not a folder", "pass a folder path");
  if (!previous) {
    if ((await readdir(out)).some((e) => e !== GIT))
      throw refuse(
        `is a folder that is not empty and holds no ${EXPORT_MANIFEST}`,
        "pass a new or empty folder (a git repository's .git is kept), or a folder a previous `cadre export` wrote",
      );
    return;
  }
  // Files the export did not write are someone's: never deleted by a new export.
  const extra = [...(await hashTree(out)).keys()].filter(
    (f) => f !== EXPORT_MANIFEST && !(f in previous.files),
  );
  if (extra.length)
    throw refuse(
      `holds files cadre export did not write (${extra.slice(0, 5).join(", ")}${extra.length > 5 ? ", …" : ""})`,
      "move them out of the export folder (or into the pack), then export again",
    );
}

/** A git repository's folder at the top of --out: kept across exports, never hashed or replaced. */
const GIT = ".git";

async function readSources(root: string, files: ReadonlySet<string>) {
  const sources = new Map<string, Content>();
  const executable = new Set<string>();
  for (const f of [...files].sort()) {
    const abs = await containedPath(root, f);
    const bytes = await readNoFollow(abs);
    if (bytes === null) continue;
    sources.set(f, bytes);
    if (((await stat(abs)).mode & 0o100) !== 0) executable.add(f);
  }
  return { sources, executable };
}

/** Every file under the export (posix path → sha256, `link` for a symbolic link), read without following links. */
async function hashTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (rel: string) => {
    for (const e of await readdir(join(dir, rel), { withFileTypes: true })) {
      if (!rel && e.name === GIT) continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(r);
      else if (e.isFile()) out.set(r, sha256((await readNoFollow(join(dir, r))) ?? new Uint8Array()));
      else out.set(r, "link");
    }
  };
  await walk("");
  return out;
}

/**
 * Build the whole export in a staging folder beside --out, then swap it in with renames: a crash leaves
 * --out as it was (or, between the two renames, absent with the old export kept beside it, which the next
 * run puts back), never half written.
 */
async function writeSwapped(
  out: string,
  files: ReadonlyArray<{ path: string; content: Content; executable?: boolean }>,
) {
  const parent = dirname(out);
  await mkdir(parent, { recursive: true });
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const staging = join(parent, `.${basename(out)}.cadre-staging-${tag}`);
  const old = join(parent, `.${basename(out)}.cadre-old-${tag}`);
  await mkdir(staging);
  try {
    for (const f of files)
      await atomicWrite(await containedPath(staging, f.path), f.content, {
        sync: true,
        syncDir: false,
        executable: !!f.executable,
      });
    await syncTree(staging);
    const had = await lstat(out).catch(() => undefined);
    if (had) await rename(out, old);
    await rename(staging, out);
    await syncDir(parent);
    if (had) {
      await keepGit(old, out);
      await rm(old, { recursive: true, force: true });
    }
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
}

async function syncTree(dir: string): Promise<void> {
  for (const e of await readdir(dir, { withFileTypes: true }))
    if (e.isDirectory()) await syncTree(join(dir, e.name));
  await syncDir(dir);
}

/** A killed run's leftovers: staging folders are dropped; an old export whose --out is gone is put back. */
async function recoverSwap(out: string): Promise<void> {
  const parent = dirname(out);
  const name = basename(out);
  const present = await lstat(out).catch(() => undefined);
  const entries = await readdir(parent).catch(() => [] as string[]);
  for (const e of entries) {
    if (e.startsWith(`.${name}.cadre-staging-`)) await rm(join(parent, e), { recursive: true, force: true });
    else if (e.startsWith(`.${name}.cadre-old-`)) {
      if (!present && !(await lstat(out).catch(() => undefined))) await rename(join(parent, e), out);
      else {
        await keepGit(join(parent, e), out);
        await rm(join(parent, e), { recursive: true, force: true });
      }
    }
  }
}

/** Move the old export's `.git` into the new one (before the old folder is removed), unless it has one. */
async function keepGit(old: string, out: string): Promise<void> {
  if (!(await lstat(join(old, GIT)).catch(() => undefined))) return;
  if (await lstat(join(out, GIT)).catch(() => undefined)) return;
  await rename(join(old, GIT), join(out, GIT));
}

function dedupe(notes: ExportNote[]): ExportNote[] {
  const seen = new Set<string>();
  return notes.filter((n) => {
    const k = `${n.item}\0${n.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
