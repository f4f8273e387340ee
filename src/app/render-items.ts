import { constants } from "node:fs";
import { open, realpath, stat } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import { ErrorCodes, UserError } from "../core/errors.js";
import { toPosix } from "../core/names.js";
import type { Content } from "../hosts/output.js";
import { HOST_FOLDERS } from "../model/discover.js";
import { displayPath, type Item, type Pack, qualifiedId } from "../model/item.js";
import type { RenderItem } from "../render/formats.js";
import { builtinLibraryDir } from "../sources/paths.js";

/** The absolute folder of a loaded pack. */
export function packDir(pack: Pack, cwd: string): string {
  return pack.builtin ? builtinLibraryDir() : resolve(cwd, pack.root);
}

/** A pack file resolved through every link: its real path, and whether the way there went through one. */
interface PackFile {
  real: string;
  viaLink: boolean;
}

/**
 * Resolve a pack file and make sure it is a regular file inside the pack, also through symbolic links (a
 * link may have been swapped in after the pack was loaded). Anything else refuses the item, naming the file.
 */
async function resolvePackFile(item: Item, pack: Pack, root: string, realRoot: string, f: string) {
  const refuse = (why: string) =>
    new UserError(
      ErrorCodes.unsafePath,
      `${qualifiedId(item)} cannot be installed: ${displayPath(pack, f)} ${why}`,
      "copy the file into the pack instead of linking to it (see `cadre lint`), or exclude the item in cadre.yaml",
    );
  const abs = resolve(root, f);
  let real: string;
  try {
    real = await realpath(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw refuse(code === "ELOOP" ? "is a symbolic link loop" : "is missing or a dangling symbolic link");
  }
  if (real !== realRoot && !real.startsWith(realRoot + sep))
    throw refuse(`is a symbolic link that leaves the pack (-> ${real})`);
  return { real, viaLink: real !== join(realRoot, f) } satisfies PackFile;
}

/** Read a resolved pack file without following a link swapped in at its last step. */
async function readReal(real: string, refuse: () => UserError): Promise<Uint8Array> {
  const fh = await open(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)).catch(() => {
    throw refuse();
  });
  try {
    if (!(await fh.stat()).isFile()) throw refuse();
    return new Uint8Array(await fh.readFile());
  } finally {
    await fh.close();
  }
}

/**
 * A pack file installs executable when it has the owner's exec bit in the pack, or starts with a `#!` line
 * (packs unpacked from archives or checked out on Windows lose the bit; the host runs the script directly).
 */
async function isExecutable(abs: string, content: Content): Promise<boolean> {
  const shebang =
    typeof content === "string" ? content.startsWith("#!") : content[0] === 0x23 && content[1] === 0x21;
  if (shebang) return true;
  if (process.platform === "win32") return false;
  const st = await stat(abs).catch(() => undefined);
  return !!st && st.isFile() && (st.mode & 0o100) !== 0;
}

/**
 * Attach the bytes of each skill's other files (and which of them install executable), so that renderers stay pure. Every file read from disk is
 * resolved first and must be a regular file inside the pack: a link that leaves it (or a loop) refuses the
 * item with a UserError. A link inside the pack is copied as its target's bytes. With `link`, skills whose
 * files are byte for byte what cadre would write, and reached through no symbolic link, also get their pack
 * folder, to be symlinked: the host's link then always points at a regular file of the pack.
 */
export async function toRenderItems(
  items: readonly Item[],
  packs: readonly Pack[],
  cwd: string,
  link = false,
): Promise<RenderItem[]> {
  const byName = new Map(packs.map((p) => [p.name, p]));
  const realRoots = new Map<string, Promise<string>>();
  return Promise.all(
    items.map(async (item): Promise<RenderItem> => {
      if (item.kind === "hook" && item.files.length > 1) return hookScripts(item, byName.get(item.pack), cwd);
      const pack = byName.get(item.pack);
      const native = pack && !pack.builtin && inHostFolder(item.path);
      if (!pack || (item.kind !== "skill" && !native)) return { item };
      const root = packDir(pack, cwd);
      if (!realRoots.has(root)) realRoots.set(root, realpath(root));
      const realRoot = await (realRoots.get(root) as Promise<string>);
      const assets = new Map<string, Content>();
      let viaLink = false;
      const read = async (f: string) => {
        const r = await resolvePackFile(item, pack, root, realRoot, f);
        viaLink ||= r.viaLink;
        const why = () =>
          new UserError(
            ErrorCodes.unsafePath,
            `${qualifiedId(item)} cannot be installed: ${displayPath(pack, f)} is not a regular file`,
            "remove it from the pack, or exclude the item in cadre.yaml",
          );
        return readReal(r.real, why);
      };
      const raw = native ? { raw: await hostCopies(item, pack, read) } : {};
      if (item.kind !== "skill") return { item, ...raw };
      const executable = new Set<string>();
      for (const f of item.files) {
        if (f === item.path) continue;
        const text = link ? undefined : pack.texts.get(f);
        const content = text !== undefined ? text : await read(f);
        assets.set(f, content);
        if (await isExecutable(resolve(root, f), content)) executable.add(f);
      }
      const main = link ? Buffer.from(await read(item.path)).toString("utf8") : undefined;
      const linkRoot = link && !viaLink && main === item.text ? toPosix(root) : undefined;
      return {
        item,
        ...raw,
        ...(assets.size ? { assets } : {}),
        ...(executable.size ? { executable } : {}),
        ...(linkRoot ? { linkRoot } : {}),
      };
    }),
  );
}

/**
 * A file in one of the hosts' own folders at the pack's root (`.claude/agents/x.md`, `.cursor/rules/y.mdc`): when
 * cadre installs it at that same path for a host, that host already reads it as it is, so its bytes are kept.
 */
function inHostFolder(path: string): boolean {
  return HOST_FOLDERS.some((h) => path.startsWith(`${h.folder}/`));
}

/**
 * The item's main file's bytes at its own path, and at every other host folder of its kind where the pack
 * holds the same file byte for byte (`.cursor/agents/x.md` and `.claude/agents/x.md`, loaded once).
 */
async function hostCopies(item: Item, pack: Pack, read: (f: string) => Promise<Uint8Array>) {
  const main = await read(item.path);
  const out = new Map<string, Content>([[item.path, asText(main)]]);
  const own = HOST_FOLDERS.find((h) => item.path.startsWith(`${h.folder}/`));
  if (!own) return out;
  const rel = item.path.slice(own.folder.length + 1);
  for (const h of HOST_FOLDERS) {
    const p = `${h.folder}/${rel}`;
    if (h.kind !== item.kind || p === item.path || !pack.files.has(p)) continue;
    const copy = await read(p);
    if (Buffer.compare(Buffer.from(copy), Buffer.from(main)) === 0) out.set(p, asText(copy));
  }
  return out;
}

/** UTF-8 that encodes back to the same bytes (BOM and CRLF kept) as text, so it can be a merge base. */
function asText(bytes: Uint8Array): Content {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    return Buffer.compare(Buffer.from(text, "utf8"), Buffer.from(bytes)) === 0 ? text : bytes;
  } catch {
    return bytes;
  }
}

/**
 * A plugin hook's support files (the scripts `${CLAUDE_PLUGIN_ROOT}` names and what they import), read
 * like skill files (inside the pack, no link out), with the pack file's exec bit.
 */
async function hookScripts(item: Item, pack: Pack | undefined, cwd: string): Promise<RenderItem> {
  if (!pack) return { item };
  const root = packDir(pack, cwd);
  const realRoot = await realpath(root);
  const scripts = new Map<string, { content: Content; executable: boolean }>();
  for (const f of item.files) {
    if (f === item.path) continue;
    const r = await resolvePackFile(item, pack, root, realRoot, f);
    const refuse = () =>
      new UserError(
        ErrorCodes.unsafePath,
        `${qualifiedId(item)} cannot be installed: ${displayPath(pack, f)} is not a regular file`,
        "remove it from the pack, or exclude the item in cadre.yaml",
      );
    const content = await readReal(r.real, refuse);
    const mode = (await stat(r.real)).mode;
    scripts.set(f, { content, executable: (mode & 0o111) !== 0 });
  }
  return { item, scripts };
}
