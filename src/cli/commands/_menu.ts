import * as p from "@clack/prompts";
import { addCommand, removeCommand, setHostCommand } from "../../app/edit-config.js";
import { hostsCommand } from "../../app/hosts.js";
import { menuData } from "../../app/menu-data.js";
import { profilesCommand } from "../../app/profiles.js";
import { repairCommand } from "../../app/repair.js";
import { searchItems } from "../../app/search.js";
import { syncCommand } from "../../app/sync.js";
import { summaryLine } from "./_plan.js";
import { answer } from "./_wizard.js";

export type MenuAction = "add" | "remove" | "list" | "search" | "sync" | "hosts" | "profiles" | "repair";

/** One menu entry, run through the same use cases as the commands. */
export async function step(
  action: MenuAction,
  base: { cwd: string; env: NodeJS.ProcessEnv; global: boolean; version: string },
) {
  const report = (r: { sync?: { actions: Parameters<typeof summaryLine>[0] } }) =>
    r.sync && p.log.success(summaryLine(r.sync.actions, false));
  if (action === "sync") return void p.log.success(summaryLine((await syncCommand(base)).actions, false));
  if (action === "repair") return void p.log.success(summaryLine((await repairCommand(base)).actions, false));
  if (action === "profiles") {
    const all = await profilesCommand(base);
    const chosen = await p.multiselect({
      message: "Profiles",
      options: all.map((x) => ({ value: x.name, label: x.name, hint: x.description.slice(0, 60) })),
      initialValues: all.filter((x) => x.active).map((x) => x.name),
      required: false,
    });
    answer(chosen, "Cancelled.");
    const now = all.filter((x) => x.active).map((x) => x.name);
    const add = (chosen as string[]).filter((x) => !now.includes(x));
    const drop = now.filter((x) => !(chosen as string[]).includes(x));
    if (drop.length) report(await removeCommand({ ...base, refs: drop, noSync: add.length > 0 }));
    if (add.length) report(await addCommand({ ...base, refs: add }));
    return;
  }
  if (action === "hosts") {
    const h = await hostsCommand(base);
    const chosen = await p.multiselect({
      message: "Hosts",
      options: h.rows.map((r) => ({
        value: r.id,
        label: r.displayName,
        hint: r.detected ? "detected" : undefined,
      })),
      initialValues: h.rows.filter((r) => r.used).map((r) => r.id),
      required: true,
    });
    answer(chosen, "Cancelled.");
    for (const r of h.rows) {
      const want = (chosen as string[]).includes(r.id);
      if (want !== r.used) await setHostCommand({ ...base, id: r.id, enable: want, noSync: true });
    }
    return void p.log.success(summaryLine((await syncCommand(base)).actions, false));
  }
  const data = await menuData(base);
  if (action === "list")
    return void p.log.message(
      data.selected.map((s) => `${s.installed ? "●" : "○"} ${s.id}`).join("\n") || "nothing selected",
    );
  if (action === "remove") {
    const chosen = await p.multiselect({
      message: "Remove which items?",
      options: data.selected.map((s) => ({ value: s.id, label: s.id })),
      required: false,
    });
    if (answer(chosen, "Cancelled.").length)
      report(await removeCommand({ ...base, refs: chosen as string[] }));
    return;
  }
  const query = answer(
    await p.text({ message: action === "add" ? "Item, profile, or words to search for" : "Search for" }),
    "Cancelled.",
  );
  if (!query.trim()) return;
  const hits = searchItems(data.catalog, query, { limit: 8 });
  if (hits.length === 0) return void p.log.warn(`nothing matches "${query}"`);
  if (action === "search")
    return void p.log.message(
      hits.map((h) => `${h.item.kind}:${h.item.name} — ${h.item.description.slice(0, 90)}`).join("\n"),
    );
  const chosen = await p.multiselect({
    message: "Add which?",
    options: hits.map((h) => ({
      value: `${h.item.kind}:${h.item.name}`,
      label: `${h.item.kind}:${h.item.name}`,
      hint: h.item.description.slice(0, 60),
    })),
    required: false,
  });
  if (answer(chosen, "Cancelled.").length) report(await addCommand({ ...base, refs: chosen as string[] }));
}
