import { access, readdir, stat } from "node:fs/promises";
import { delimiter, isAbsolute, join } from "node:path";
import { UserError } from "../core/errors.js";
import { builtinOf } from "../model/hook-builtins.js";
import { PROPOSAL_SUFFIX } from "../plan/types.js";
import { CADRE_BIN } from "../render/hooks.js";
import { readConfig } from "./config.js";
import { hookCommandFix } from "./hook-command.js";
import { hookScriptProblems } from "./hook-scripts.js";
import { computePlan, layoutOf, type ProjectOptions, readLock } from "./project.js";
import { stateOf } from "./status.js";

export interface Check {
  name: string;
  level: "ok" | "warning" | "error";
  message: string;
  hint?: string;
}

/** `cadre doctor`: checks that cadre can work here, and what needs attention. */
export async function doctorCommand(o: ProjectOptions): Promise<Check[]> {
  const checks: Check[] = [];
  const add = (name: string, level: Check["level"], message: string, hint?: string) =>
    checks.push({ name, level, message, hint });
  const major = Number(process.versions.node.split(".")[0]);
  add(
    "node",
    major >= 20 ? "ok" : "error",
    `Node ${process.versions.node}`,
    major >= 20 ? undefined : "cadre needs Node 20.12 or newer",
  );
  const layout = layoutOf(o);
  let config: Awaited<ReturnType<typeof readConfig>>;
  try {
    config = await readConfig(layout.configPath, "cadre.yaml");
    if (config) add("config", "ok", `${layout.configPath} is valid`);
    else
      add("config", "warning", `no cadre.yaml in ${layout.root} or its parent folders`, "run `cadre init`");
  } catch (e) {
    add("config", "error", (e as Error).message, (e as UserError).hint);
  }
  try {
    const lock = await readLock(layout);
    add("lock", "ok", `cadre.lock lists ${Object.keys(lock.files).length} files`);
    const hooks = installedHooks(lock.files);
    if (hooks.length > 0) {
      const command = config?.hooks.command ?? CADRE_BIN;
      const bin = await findCadre(command, layout.root, o.env);
      const closed = hooks.filter((h) => builtinOf(h)?.failure === "closed");
      if (bin) add("hooks", "ok", `${hooks.length} hooks run \`${command} hook\`; cadre found at ${bin}`);
      else
        add(
          "hooks",
          closed.length ? "error" : "warning",
          `hooks ${hooks.join(", ")} run \`${command} hook\`, but it finds no cadre from here: hosts treat the failing command as a non-blocking error and skip them${closed.length ? `, so the fail-closed guards ${closed.join(", ")} are NOT active` : ""}`,
          hookCommandFix(layout.root, o.env, layout.scope),
        );
    }
    for (const bad of await hookScriptProblems(layout.root, lock.files))
      add(
        "hook-scripts",
        "error",
        `${bad.file}: the hook \`${bad.command}\` cannot run: ${bad.problems.join("; ")}`,
        "run `cadre sync` to reinstall the hook's scripts (a pack's script must be executable: chmod +x it in the pack)",
      );
  } catch (e) {
    add("lock", "error", (e as Error).message, (e as UserError).hint);
  }
  if (await stat(join(layout.state.dir, "journal.json")).catch(() => undefined)) {
    add(
      "journal",
      "warning",
      "an interrupted run left a journal",
      "run `cadre repair` (any cadre sync also rolls it back)",
    );
  }
  if (await stat(join(layout.state.dir, "lock")).catch(() => undefined)) {
    add(
      "process-lock",
      "warning",
      `${join(layout.state.dir, "lock")} exists`,
      "another run is active, or one was killed; the next run takes over a stale lock",
    );
  }
  if (!config || checks.some((c) => c.level === "error")) return checks;
  let c: Awaited<ReturnType<typeof computePlan>>;
  try {
    c = await computePlan(o);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    add("selection", "error", e.message, e.hint);
    return checks;
  }
  const counts = new Map<string, number>();
  for (const a of c.plan.actions) {
    const s = stateOf(a, c.lock.files[a.path]);
    counts.set(s, (counts.get(s) ?? 0) + 1);
    if (a.proposal !== undefined || a.type === "conflict")
      add("conflict", "warning", `${a.path}: ${a.reason}`, "see `cadre diff`");
  }
  const pending = [...counts].filter(([s]) => s !== "up to date" && s !== "edited");
  add(
    "sync",
    pending.length ? "warning" : "ok",
    [...counts].map(([s, n]) => `${n} ${s}`).join(", ") || "nothing installed",
    pending.length ? "run `cadre sync`" : undefined,
  );
  for (const n of c.notes.filter((x) => x.level === "warning"))
    add("selection", "warning", `${n.host !== "*" ? `${n.host}: ` : ""}${n.message}`);
  const proposals = await findProposals(layout.root, Object.keys(c.lock.files));
  for (const p of proposals)
    add("proposal", "warning", `${p} waits for you`, "merge it into the file beside it, then delete it");
  return checks;
}

async function findProposals(root: string, paths: string[]): Promise<string[]> {
  const dirs = new Set(paths.map((p) => p.split("/").slice(0, -1).join("/")));
  const out: string[] = [];
  for (const d of dirs) {
    const names = await readdir(join(root, d)).catch(() => [] as string[]);
    for (const n of names) if (n.endsWith(PROPOSAL_SUFFIX)) out.push(d ? `${d}/${n}` : n);
  }
  return out.sort();
}

/** Names of the built-in hooks cadre.lock says are installed (third-party command hooks need no cadre). */
function installedHooks(files: Record<string, { items: string[] }>): string[] {
  const names = new Set<string>();
  for (const f of Object.values(files))
    for (const q of f.items) {
      const name = q.slice(q.indexOf(":") + 1);
      if (q.includes("/hook:") && builtinOf(name)) names.add(name);
    }
  return [...names].sort();
}

/** Where the hook command would find cadre: the project's node_modules/.bin for npx, PATH otherwise. */
async function findCadre(command: string, root: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const words = command.trim().split(/\s+/);
  const first = words[0] ?? "";
  if (first === "npx") {
    const local = join(root, "node_modules", ".bin", "cadre");
    if (
      await access(local).then(
        () => true,
        () => false,
      )
    )
      return local;
    return onPath("cadre", env);
  }
  if (first.includes("/")) {
    const p = isAbsolute(first) ? first : join(root, first);
    return (await access(p, 1).then(
      () => true,
      () => false,
    ))
      ? p
      : undefined;
  }
  return onPath(first, env);
}

/** The first executable `name` on PATH, as a shell would find it. */
async function onPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const exts = process.platform === "win32" ? (env.PATHEXT ?? ".CMD;.EXE").split(";") : [""];
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean))
    for (const ext of exts) {
      const p = join(dir, name + ext);
      if (
        await access(p, 1).then(
          () => true,
          () => false,
        )
      )
        return p;
    }
  return undefined;
}
