import { readFile, rm, writeFile } from "node:fs/promises";
import * as p from "@clack/prompts";
import { CONFIG_FILE, type Config, editConfigList, parseConfigText } from "../../app/config.js";
import { initCommand } from "../../app/init.js";
import { profilesCommand } from "../../app/profiles.js";
import { detectHosts, type Layout, layoutOf } from "../../app/project.js";
import { pendingActions, syncCommand } from "../../app/sync.js";
import { ExitCodes, ExitError } from "../../core/errors.js";
import type { HostDef } from "../../hosts/define.js";
import { HOST_IDS, HOSTS } from "../../hosts/registry.js";
import type { Io } from "../io.js";
import { VERSION } from "../version.js";
import { noHookCommand } from "./_hook-command.js";
import { printConflicts, summaryLine } from "./_plan.js";

/** A prompt's answer; Ctrl-C (or Escape) in any prompt ends cadre with exit 130, after saying so. */
export function answer<T>(v: T, message = "Cancelled; nothing was written."): Exclude<T, symbol> {
  if (p.isCancel(v)) {
    p.cancel(message);
    throw new ExitError(ExitCodes.interrupted);
  }
  return v as Exclude<T, symbol>;
}

type Base = { cwd: string; env: NodeJS.ProcessEnv; global: boolean };

/**
 * `cadre init` in a terminal. Where a cadre.yaml exists (here or in a parent folder) it says so first and
 * offers to edit it, re-sync or stop; otherwise: pick hosts and profiles (detected ones pre-selected),
 * preview, confirm.
 */
export async function runInitWizard(
  io: Io,
  o: { global: boolean; force: boolean; hosts?: string[]; profiles?: string[] },
): Promise<number> {
  let base: Base = { cwd: io.cwd, env: io.env, global: o.global };
  p.intro("cadre init");
  const found = layoutOf(base);
  const exists =
    !o.force &&
    (await readFile(found.configPath).then(
      () => true,
      () => false,
    ));
  let current: { text: string; config: Config } | undefined;
  if (exists) {
    base = { ...base, cwd: found.root };
    const text = await readFile(found.configPath, "utf8");
    const what = answer(
      await p.select({
        message: `${found.configPath} already exists. What do you want to do?`,
        options: [
          { value: "edit", label: "Edit it", hint: "choose its hosts and profiles again" },
          { value: "sync", label: "Re-sync", hint: "install what it selects now" },
          { value: "stop", label: "Stop", hint: "change nothing" },
        ],
      }),
      "Cancelled; nothing changed.",
    );
    if (what === "stop") {
      p.outro("Nothing changed.");
      return 0;
    }
    if (what === "sync") return finish(io, base);
    current = {
      text,
      config: parseConfigText(text, found.scope === "user" ? found.configPath : CONFIG_FILE),
    };
  }
  if (!exists && !o.global && (await offerImport(base))) return 0;
  const layout = layoutOf(exists ? base : { ...base, here: true });
  const detected = await detectHosts(layout);
  const wasHosts = current?.config.hosts;
  const hosts = answer(
    await p.multiselect({
      message: "Install into which hosts? (space toggles, enter confirms)",
      options: HOST_IDS.map((id) => ({
        value: id as string,
        label: (HOSTS[id] as HostDef).displayName,
        hint: (detected as string[]).includes(id) ? "detected" : id,
      })),
      initialValues: Array.isArray(wasHosts)
        ? wasHosts
        : (o.hosts ?? (detected.length ? detected : ["agents-standard"])),
      required: true,
    }),
  );
  const all = await profilesCommand(base);
  const profiles = answer(
    await p.multiselect({
      message: "Which profiles?",
      options: all.map((x) => ({ value: x.name, label: x.name, hint: `${x.items} items` })),
      initialValues: current?.config.profiles ?? o.profiles ?? ["core"],
      required: false,
    }),
  );
  p.log.step("Planning…");
  if (current) {
    const next = editConfigList(
      editConfigList(current.text, ["hosts"], () => hosts),
      ["profiles"],
      () => profiles,
    );
    await writeFile(layout.configPath, next);
  } else {
    const r = await initCommand({ ...base, hosts, profiles, force: o.force, noSync: true });
    if (r.hooks) p.log.info(`Hooks will run \`${r.hooks.command} hook\`.`);
    else p.log.warn(noHookCommand);
  }
  return previewAndApply(io, base, layout, current?.text);
}

/** Show what a sync would write, ask, then write it; on "no", put cadre.yaml back as it was. */
async function previewAndApply(
  io: Io,
  base: Base,
  layout: Layout,
  before: string | undefined,
): Promise<number> {
  const undo = () =>
    before === undefined ? rm(layout.configPath, { force: true }) : writeFile(layout.configPath, before);
  let pending: ReturnType<typeof pendingActions>;
  try {
    const preview = await syncCommand({ ...base, dryRun: true });
    pending = pendingActions(preview.actions);
    p.log.success(`${CONFIG_FILE} ready; ${summaryLine(preview.actions, true)}`);
  } catch (e) {
    await undo();
    throw e;
  }
  const byHost = new Map<string, number>();
  for (const a of pending) for (const h of a.hosts) byHost.set(h, (byHost.get(h) ?? 0) + 1);
  p.note(
    [
      ...[...byHost].map(([h, n]) => `${h}: ${n} files`),
      "",
      ...pending.slice(0, 12).map((a) => `${a.type} ${a.path}`),
      pending.length > 12 ? `… and ${pending.length - 12} more` : "",
    ].join("\n"),
    "Preview",
  );
  const ok = await p.confirm({ message: `Write ${pending.length} files now?` });
  if (p.isCancel(ok) || !ok) {
    await undo();
    answer(ok);
    p.cancel(
      before === undefined ? "Nothing was written." : `Nothing was written; ${CONFIG_FILE} is as it was.`,
    );
    return 1;
  }
  return finish(io, base);
}

async function finish(io: Io, base: Base): Promise<number> {
  const r = await syncCommand({ ...base, version: VERSION });
  printConflicts(io, r.conflicts);
  p.outro(summaryLine(r.actions, false));
  return r.conflicts.length ? 1 : 0;
}

/** Host files cadre did not write (blue-gardener's, skillset's, the user's): offer `cadre import` first. */
async function offerImport(base: Base): Promise<boolean> {
  const { importable, importCommand } = await import("../../app/import.js");
  const found = await importable({ ...base, here: true });
  if (!found) return false;
  const yes = answer(
    await p.confirm({
      message: `Found ${found.entries} host files and settings cadre did not write (${found.origins.join(", ")}). Import them into a local pack, so cadre keeps them byte for byte?`,
      initialValue: true,
    }),
  );
  if (!yes) return false;
  const r = await importCommand({ ...base });
  p.outro(
    `Imported ${Object.values(r.include).flat().length} items into ${r.pack}/ (cadre.yaml written). Run \`cadre import --dry-run\` to see what was left as it is, and \`cadre init\` again or \`cadre add\` to select more.`,
  );
  return true;
}
