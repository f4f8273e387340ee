import { addCommand } from "../../app/edit-config.js";
import { usageError } from "../../core/errors.js";
import { envelope, type Io, table, writeJson } from "../io.js";
import { VERSION } from "../version.js";
import { printEdit } from "./_edit.js";

export async function run(args: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  if (args.length === 0)
    throw usageError(
      "add needs an item, a profile or a source",
      "e.g. cadre add skill:test-driven-development, cadre add backend-node, or cadre add npm:<package> --list",
    );
  const pick = {
    items: Array.isArray(opts.item) ? (opts.item as string[]) : undefined,
    kind: typeof opts.kind === "string" ? opts.kind : undefined,
    category: typeof opts.category === "string" ? opts.category : undefined,
  };
  const { isSourceArg } = await import("../../app/add-source.js");
  const base = { cwd: io.cwd, env: io.env, global: opts.global === true };
  if (
    opts.list === true ||
    pick.items ||
    pick.kind ||
    pick.category ||
    (args.length === 1 && isSourceArg(args[0] as string))
  ) {
    if (args.length !== 1)
      throw usageError("add takes one source at a time", "e.g. cadre add owner/repo --item my-skill");
    const source = args[0] as string;
    const { addSourceCommand, listSource } = await import("../../app/add-source.js");
    if (opts.list === true) {
      const r = await listSource({ ...base, source, ...pick });
      if (io.json) {
        const runs = new Set(r.review.items.map((e) => e.id));
        const items = r.items.map((i) => ({
          id: `${i.kind}:${i.name}`,
          kind: i.kind,
          name: i.name,
          category: i.category ?? null,
          description: i.description ?? "",
          runsCode: runs.has(`${i.kind}:${i.name}`),
        }));
        const { reviewJson } = await import("./_trust.js");
        writeJson(
          io,
          envelope("add", VERSION, {
            ...reviewJson(r.review),
            source: r.key,
            pack: r.pack.name,
            layouts: r.pack.layouts,
            items,
          }),
        );
        return 0;
      }
      io.out(`${r.key} → pack ${r.pack.name} (${r.pack.layouts.join(", ")}): ${r.items.length} items\n`);
      const rows = r.items.map((i) => [
        i.kind,
        i.name,
        i.category ?? "",
        io.color.dim((i.description ?? "").slice(0, 70)),
      ]);
      if (rows.length) io.out(`${table([["KIND", "NAME", "CATEGORY", "DESCRIPTION"], ...rows])}\n`);
      if (r.review.items.length || r.review.findings.length)
        await (await import("./_trust.js")).printReview(io, r.review);
      return 0;
    }
    const { askTrust, printReview, reviewJson } = await import("./_trust.js");
    const r = await addSourceCommand({
      ...base,
      source,
      noSync: opts.sync === false,
      version: VERSION,
      ...pick,
      // What the source runs and what the security rules found, shown before cadre.yaml is touched.
      review: async (rv) => {
        if (!io.json) await printReview(io, rv);
        if (opts.trust === true) return true;
        const pending = rv.items.filter((e) => e.state !== "trusted");
        return (
          pending.length > 0 && askTrust(io, `Trust ${pending.length === 1 ? "it" : "them"} and install?`)
        );
      },
    });
    return printEdit(io, "add", r, r.review ? { ...reviewJson(r.review), trusted: r.trusted ?? [] } : {});
  }
  const r = await addCommand({ ...base, refs: args, noSync: opts.sync === false, version: VERSION });
  return printEdit(io, "add", r);
}
