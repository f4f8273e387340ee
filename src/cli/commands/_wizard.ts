import { rm } from "node:fs/promises";
import * as p from "@clack/prompts";
import { initCommand } from "../../app/init.js";
import { profilesCommand } from "../../app/profiles.js";
import { detectHosts, layoutOf } from "../../app/project.js";
import { pendingActions, syncCommand } from "../../app/sync.js";
import type { HostDef } from "../../hosts/define.js";
import { HOST_IDS, HOSTS } from "../../hosts/registry.js";
import type { Io } from "../io.js";
import { VERSION } from "../version.js";
import { printConflicts, summaryLine } from "./_plan.js";

/** `cadre init` in a terminal: pick hosts and profiles (detected ones pre-selected), preview, confirm. */
export async function runInitWizard(
  io: Io,
  o: { global: boolean; force: boolean; hosts?: string[]; profiles?: string[] },
): Promise<number> {
  const base = { cwd: io.cwd, env: io.env, global: o.global };
  const layout = layoutOf(base);
  p.intro("cadre init");
  const detected = await detectHosts(layout);
  const hosts = await p.multiselect({
    message: "Install into which hosts? (space toggles, enter confirms)",
    options: HOST_IDS.map((id) => ({
      value: id as string,
      label: (HOSTS[id] as HostDef).displayName,
      hint: (detected as string[]).includes(id) ? "detected" : id,
    })),
    initialValues: o.hosts ?? (detected.length ? detected : ["agents-standard"]),
    required: true,
  });
  if (p.isCancel(hosts)) return cancelled();
  const all = await profilesCommand(base);
  const profiles = await p.multiselect({
    message: "Which profiles?",
    options: all.map((x) => ({ value: x.name, label: x.name, hint: `${x.items} items` })),
    initialValues: o.profiles ?? ["core"],
    required: false,
  });
  if (p.isCancel(profiles)) return cancelled();
  const s = p.spinner();
  s.start("Planning");
  await initCommand({
    ...base,
    hosts: hosts as string[],
    profiles: profiles as string[],
    force: o.force,
    noSync: true,
  });
  const preview = await syncCommand({ ...base, dryRun: true });
  const pending = pendingActions(preview.actions);
  s.stop(`cadre.yaml written; ${summaryLine(preview.actions, true)}`);
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
    await rm(layout.configPath, { force: true });
    return cancelled();
  }
  const r = await syncCommand({ ...base, version: VERSION });
  printConflicts(io, r.conflicts);
  p.outro(summaryLine(r.actions, false));
  return r.conflicts.length ? 1 : 0;
}

function cancelled(): number {
  p.cancel("Cancelled; nothing was written.");
  return 1;
}
