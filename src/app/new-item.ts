import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import { atomicWrite, containedPath, readNoFollow } from "../apply/fs.js";
import { ErrorCodes, UserError } from "../core/errors.js";
import { parseYaml } from "../core/frontmatter.js";
import { checkName, didYouMean } from "../core/names.js";
import type { LintResult } from "../lint/types.js";
import type { Kind } from "../model/kinds.js";
import { packManifest, SCAFFOLD_KINDS, type ScaffoldOptions, scaffold } from "../render/scaffold.js";
import { lintCommand } from "./lint.js";

/** `cadre new <kind> <name>`: scaffold one item in a pack (and the pack's manifest when the folder is new), then lint it. */

export interface NewItemOptions extends Omit<ScaffoldOptions, "paths"> {
  cwd: string;
  env: NodeJS.ProcessEnv;
  kind: string;
  name: string;
  /** The pack folder (default: the current folder). */
  pack?: string;
}

export interface NewItemResult {
  pack: string;
  /** Files written, relative to the pack. */
  created: string[];
  manifestCreated: boolean;
  lint: LintResult;
}

async function isEmptyOrAbsent(dir: string): Promise<boolean> {
  const st = await stat(dir).catch(() => undefined);
  if (!st) return true;
  if (!st.isDirectory())
    throw new UserError(ErrorCodes.usage, `${dir} is not a folder`, "pass a pack folder with --pack");
  return (await readdir(dir)).length === 0;
}

/** cadre-pack.yaml `paths` (undefined when it sets none); null when the folder has no cadre-pack.yaml. */
async function manifestPaths(dir: string): Promise<Partial<Record<Kind, string>> | undefined | null> {
  const raw = await readFile(join(dir, "cadre-pack.yaml"), "utf8").catch(() => undefined);
  if (raw === undefined) return null;
  const paths = (parseYaml(raw).value as { paths?: unknown } | null)?.paths;
  return paths && typeof paths === "object" ? (paths as Partial<Record<Kind, string>>) : undefined;
}

/** `git config user.name`, for a new pack's `author` (plugin manifests need one); undefined without git or a name. */
async function gitUserName(cwd: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const { execFile } = await import("node:child_process");
  return new Promise((ok) =>
    execFile("git", ["config", "user.name"], { cwd, env, timeout: 2000 }, (err, out) => {
      const name = err ? "" : String(out).trim();
      ok(name && !/[\r\n]/.test(name) ? name : undefined);
    }),
  );
}

export async function newItem(o: NewItemOptions): Promise<NewItemResult> {
  if (!(SCAFFOLD_KINDS as string[]).includes(o.kind))
    throw new UserError(
      ErrorCodes.usage,
      `unknown kind "${o.kind}"`,
      `${didYouMean(o.kind, SCAFFOLD_KINDS) || "kinds:"} ${SCAFFOLD_KINDS.join(", ")}`.trim(),
    );
  const bad = checkName(o.name);
  if (bad)
    throw new UserError(
      ErrorCodes.usage,
      `"${o.name}" is not a valid item name: ${bad}`,
      "e.g. release-checklist",
    );
  const kind = o.kind as Kind;
  const pack = resolve(o.cwd, o.pack ?? ".");
  const fresh = await isEmptyOrAbsent(pack);
  const manifest = fresh ? undefined : await manifestPaths(pack);
  const paths = manifest === null ? undefined : manifest;
  // A folder without cadre-pack.yaml gets one, unless it is a Claude plugin (a layout cadre reads as it is).
  const writeManifest =
    fresh ||
    (manifest === null && !(await stat(join(pack, ".claude-plugin", "plugin.json")).catch(() => false)));
  const files = scaffold(kind, o.name, { ...o, paths });
  for (const f of files) {
    const abs = await containedPath(pack, f.path);
    if ((await readNoFollow(abs).catch(() => new Uint8Array())) !== null)
      throw new UserError(
        ErrorCodes.usage,
        `${join(o.pack ?? ".", f.path)} already exists; nothing was written`,
        "pick another name, or edit the existing item",
      );
  }
  const created: string[] = [];
  if (writeManifest) {
    const packName =
      basename(pack)
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "") || "pack";
    await atomicWrite(
      await containedPath(pack, "cadre-pack.yaml"),
      packManifest(packName, undefined, await gitUserName(o.cwd, o.env)),
    );
    created.push("cadre-pack.yaml");
  }
  for (const f of files) {
    await atomicWrite(await containedPath(pack, f.path), f.content, { executable: f.executable });
    created.push(f.path);
  }
  const lint = await lintCommand({
    cwd: o.cwd,
    env: o.env,
    paths: [relative(o.cwd, pack) || "."],
    strict: false,
  });
  // The pack's other items keep their own findings: shown are the new files' and the pack's own.
  const mine = (file: string) => created.some((c) => file === c || file.endsWith(`/${c}`));
  const diagnostics = lint.diagnostics.filter((d) => mine(d.file));
  const count = (sev: string) => diagnostics.filter((d) => d.severity === sev).length;
  const result: LintResult = {
    diagnostics,
    errors: count("error"),
    warnings: count("warning"),
    filesChecked: created.length,
    itemsChecked: 1,
  };
  return { pack, created, manifestCreated: writeManifest, lint: result };
}
