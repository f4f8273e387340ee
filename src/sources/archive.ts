/**
 * Safe extraction of .tar(.gz) and .zip archives (npm tarballs, git archives, downloaded packs). Every entry is
 * checked before anything is written: no absolute path, no `..`, no link leaving the root, no device or FIFO,
 * at most `maxEntries` entries and `maxBytes` bytes unpacked. Any violation is a UserError naming the source and
 * the entry, and nothing is extracted. tar and yauzl are loaded only when an archive is opened.
 */
import { chmod, mkdir, symlink, writeFile } from "node:fs/promises";
import { dirname, join, posix } from "node:path";
import { ErrorCodes, UserError } from "../core/errors.js";

export interface ArchiveLimits {
  maxEntries: number;
  maxBytes: number;
}

export const DEFAULT_LIMITS: ArchiveLimits = { maxEntries: 20_000, maxBytes: 256 * 1024 * 1024 };

export type EntryType = "file" | "dir" | "symlink" | "hardlink";

export interface ArchiveEntry {
  path: string;
  type: EntryType;
  size: number;
  /** symlink/hardlink target as written in the archive. */
  linkpath?: string;
  mode?: number;
}

function refuse(label: string, why: string): UserError {
  return new UserError(
    ErrorCodes.unsafePath,
    `${label}: unsafe archive, nothing was extracted: ${why}`,
    "the archive is damaged or was crafted to write outside its folder; ask its publisher, or use another version",
  );
}

function segments(p: string): string[] {
  return p.split("/").filter((s) => s !== "" && s !== ".");
}

const PACK_FOLDERS = new Set(
  "skills agents commands rules categories tools workflows templates expertise hooks mcp profiles schemas plugins roles".split(
    " ",
  ),
);

/** The entries' common top folder (npm's `package/`, GitHub's `repo-sha/`), when every entry is inside one. */
export function commonTop(entries: readonly ArchiveEntry[]): boolean {
  const tops = new Set(entries.map((e) => segments(e.path)[0]).filter(Boolean));
  if (tops.size !== 1) return false;
  // A pack whose only root folder is one discovery reads at the root (skills/, .claude/…) is not wrapped.
  const top = [...tops][0] as string;
  if (top.startsWith(".") || PACK_FOLDERS.has(top)) return false;
  return entries.every((e) => segments(e.path).length > 1 || e.type === "dir");
}

/** Check every entry (after stripping `strip` leading folders); throws on the first unsafe one. */
export function checkEntries(
  entries: readonly ArchiveEntry[],
  strip: number,
  label: string,
  limits: ArchiveLimits = DEFAULT_LIMITS,
): void {
  if (entries.length > limits.maxEntries)
    throw refuse(label, `${entries.length} entries, more than the limit of ${limits.maxEntries}`);
  let total = 0;
  for (const e of entries) {
    const raw = e.path;
    if (raw.startsWith("/") || /^[A-Za-z]:/.test(raw) || raw.startsWith("\\"))
      throw refuse(label, `entry "${raw}" has an absolute path`);
    if (raw.includes("\\")) throw refuse(label, `entry "${raw}" holds a backslash`);
    if (raw.split("/").includes("..")) throw refuse(label, `entry "${raw}" climbs out with ".."`);
    if (/[\u0000]/.test(raw)) throw refuse(label, `entry "${raw}" holds a NUL byte`);
    total += e.size;
    if (total > limits.maxBytes)
      throw refuse(label, `more than ${Math.round(limits.maxBytes / 1048576)} MiB unpacked (the size limit)`);
    const rel = segments(raw).slice(strip).join("/");
    if (e.type === "symlink" || e.type === "hardlink") {
      const to = e.linkpath ?? "";
      if (to === "" || to.startsWith("/") || /^[A-Za-z]:/.test(to) || to.includes("\\"))
        throw refuse(label, `link "${raw}" points at an absolute path (${to})`);
      const from = e.type === "symlink" ? posix.dirname(rel) : "";
      const target = e.type === "symlink" ? to : segments(to).slice(strip).join("/");
      const resolved = posix.normalize(posix.join(from, target));
      if (resolved === ".." || resolved.startsWith("../") || rel === "")
        throw refuse(label, `link "${raw}" points outside the archive (${to})`);
    }
  }
}

class LimitError extends Error {}

const TAR_TYPES: Record<string, EntryType | undefined> = {
  File: "file",
  OldFile: "file",
  ContiguousFile: "file",
  Directory: "dir",
  SymbolicLink: "symlink",
  Link: "hardlink",
};

/** List a tar or tar.gz held in memory. Special files (devices, FIFOs) are refused. */
export async function listTar(bytes: Uint8Array, label: string): Promise<ArchiveEntry[]> {
  const { Parser } = await import("tar");
  const out: ArchiveEntry[] = [];
  let bad: string | undefined;
  await new Promise<void>((resolve, reject) => {
    const p = new Parser({
      strict: true,
      onReadEntry: (e) => {
        const type = TAR_TYPES[e.type];
        if (!type) bad ??= `entry "${e.path}" is a ${e.type}, not a file, folder or link`;
        else out.push({ path: e.path, type, size: e.size ?? 0, linkpath: e.linkpath, mode: e.mode });
        e.resume();
      },
    });
    p.on("error", (err: Error) => reject(err));
    p.on("end", () => resolve());
    p.end(Buffer.from(bytes));
  }).catch((e: Error) => {
    throw new UserError(ErrorCodes.parse, `${label}: not a readable tar archive: ${e.message}`);
  });
  if (bad) throw refuse(label, bad);
  if (out.length === 0) throw new UserError(ErrorCodes.parse, `${label}: the archive is empty`);
  return out;
}

/** Extract a checked tar(.gz) into `dest` (an empty folder cadre made). */
export async function extractTar(
  bytes: Uint8Array,
  dest: string,
  label: string,
  opts: { strip?: number | "auto"; limits?: ArchiveLimits } = {},
): Promise<void> {
  const entries = await listTar(bytes, label);
  const strip = opts.strip === "auto" ? (commonTop(entries) ? 1 : 0) : (opts.strip ?? 0);
  checkEntries(entries, strip, label, opts.limits);
  const { x } = await import("tar");
  await new Promise<void>((resolve, reject) => {
    const u = x({ cwd: dest, strip, strict: true, preserveOwner: false, noMtime: true });
    u.on("error", reject);
    u.on("close", () => resolve());
    u.end(Buffer.from(bytes));
  }).catch((e: Error) => {
    throw new UserError(ErrorCodes.io, `${label}: extraction failed: ${e.message}`);
  });
}

/** Extract a checked .zip into `dest`. Links inside the root are made as symlinks. */
export async function extractZip(
  bytes: Uint8Array,
  dest: string,
  label: string,
  opts: { limits?: ArchiveLimits } = {},
): Promise<void> {
  const yauzl = await import("yauzl");
  const fromBuffer = (yauzl.default?.fromBuffer ?? yauzl.fromBuffer) as typeof yauzl.fromBuffer;
  const read = (): Promise<Array<ArchiveEntry & { data: Buffer }>> =>
    new Promise((resolve, reject) => {
      fromBuffer(
        Buffer.from(bytes),
        { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: false },
        (err, zip) => {
          if (err || !zip) return reject(err ?? new Error("unreadable"));
          const out: Array<ArchiveEntry & { data: Buffer }> = [];
          let total = 0;
          const limits = opts.limits ?? DEFAULT_LIMITS;
          zip.on("error", reject);
          zip.on("end", () => resolve(out));
          zip.on("entry", (e: import("yauzl").Entry) => {
            const name = Buffer.isBuffer(e.fileName) ? e.fileName.toString("utf8") : String(e.fileName);
            const mode = (e.externalFileAttributes >>> 16) & 0xffff;
            const kind = (mode & 0o170000) === 0o120000 ? "symlink" : name.endsWith("/") ? "dir" : "file";
            total += e.uncompressedSize;
            if (out.length >= limits.maxEntries)
              return reject(new LimitError(`more than ${limits.maxEntries} entries (the limit)`));
            if (total > limits.maxBytes)
              return reject(
                new LimitError(
                  `more than ${Math.round(limits.maxBytes / 1048576)} MiB unpacked (the size limit)`,
                ),
              );
            if (kind === "dir") {
              out.push({ path: name, type: "dir", size: 0, data: Buffer.alloc(0) });
              return zip.readEntry();
            }
            zip.openReadStream(e, (err2, stream) => {
              if (err2 || !stream) return reject(err2 ?? new Error("unreadable entry"));
              const chunks: Buffer[] = [];
              stream.on("data", (c: Buffer) => chunks.push(c));
              stream.on("error", reject);
              stream.on("end", () => {
                const data = Buffer.concat(chunks);
                out.push(
                  kind === "symlink"
                    ? { path: name, type: "symlink", size: 0, linkpath: data.toString("utf8"), data }
                    : { path: name, type: "file", size: data.length, mode: mode & 0o777, data },
                );
                zip.readEntry();
              });
            });
          });
          zip.readEntry();
        },
      );
    });
  let entries: Array<ArchiveEntry & { data: Buffer }>;
  try {
    entries = await read();
  } catch (e) {
    if (e instanceof LimitError) throw refuse(label, e.message);
    throw new UserError(ErrorCodes.parse, `${label}: not a readable zip archive: ${(e as Error).message}`);
  }
  if (entries.length === 0) throw new UserError(ErrorCodes.parse, `${label}: the archive is empty`);
  const strip = commonTop(entries) ? 1 : 0;
  checkEntries(entries, strip, label, opts.limits);
  for (const e of entries) {
    const rel = segments(e.path).slice(strip).join("/");
    if (rel === "") continue;
    const abs = join(dest, ...rel.split("/"));
    if (e.type === "dir") {
      await mkdir(abs, { recursive: true });
      continue;
    }
    await mkdir(dirname(abs), { recursive: true });
    if (e.type === "symlink") await symlink(e.linkpath as string, abs);
    else {
      await writeFile(abs, e.data, { flag: "wx" });
      if (e.mode && e.mode & 0o111) await chmod(abs, 0o755);
    }
  }
}

/** Extract by file name: .zip through yauzl, anything else as tar(.gz). */
export function extractArchive(bytes: Uint8Array, dest: string, label: string, name: string): Promise<void> {
  return /\.zip$/i.test(name)
    ? extractZip(bytes, dest, label)
    : extractTar(bytes, dest, label, { strip: "auto" });
}
