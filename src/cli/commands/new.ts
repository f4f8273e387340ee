import { newItem } from "../../app/new-item.js";
import { usageError } from "../../core/errors.js";
import { SCAFFOLD_KINDS } from "../../render/scaffold.js";
import type { CommandRun } from "../command.js";
import { envelope, type Io, writeJson } from "../io.js";
import { VERSION } from "../version.js";
import { printText } from "./lint.js";

interface Asked {
  kind: string;
  name: string;
  description?: string;
  category?: string;
}

/** In a terminal with no arguments: kind, name, description and category, with the prompts `init` uses. */
async function ask(): Promise<Asked> {
  const p = await import("@clack/prompts");
  const { answer } = await import("./_wizard.js");
  p.intro("cadre new");
  const kind = answer(
    await p.select({ message: "Kind", options: SCAFFOLD_KINDS.map((k) => ({ value: k, label: k })) }),
  );
  const name = answer(
    await p.text({
      message: "Name (kebab-case)",
      validate: (v) =>
        /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(v ?? "") ? undefined : "use a-z, 0-9 and single hyphens",
    }),
  );
  const description = answer(await p.text({ message: "Description (what it does, when to use it)" }));
  const category =
    kind === "agent" || kind === "expertise" || kind === "command"
      ? answer(await p.text({ message: "Category (optional)" }))
      : "";
  return { kind, name, description: description || undefined, category: category || undefined };
}

export const run: CommandRun = async (args, opts, io: Io) => {
  let a: Asked;
  if (args.length === 0 && io.isTTY && process.stdin.isTTY && !io.json) a = await ask();
  else if (args.length === 2) a = { kind: args[0] as string, name: args[1] as string };
  else
    throw usageError(
      "new needs a kind and a name",
      `e.g. cadre new skill release-checklist (kinds: ${SCAFFOLD_KINDS.join(", ")})`,
    );
  const r = await newItem({
    cwd: io.cwd,
    env: io.env,
    kind: a.kind,
    name: a.name,
    pack: opts.pack === undefined ? undefined : String(opts.pack),
    description: opts.description === undefined ? a.description : String(opts.description),
    category: opts.category === undefined ? a.category : String(opts.category),
    script: opts.script === true,
    artifact: opts.artifact === undefined ? undefined : String(opts.artifact),
  });
  const ok = r.lint.errors === 0;
  if (io.json) {
    writeJson(
      io,
      envelope(
        "new",
        VERSION,
        { pack: r.pack, created: r.created, manifestCreated: r.manifestCreated, lint: r.lint },
        ok,
      ),
    );
    return ok ? 0 : 1;
  }
  for (const f of r.created) io.out(`created ${f}\n`);
  printText(io, r.lint.diagnostics, {
    errors: r.lint.errors,
    warnings: r.lint.warnings,
    items: r.lint.itemsChecked,
    packs: [r.pack],
  });
  if (ok) io.out("Fill in the {placeholders}, then run `cadre lint` again.\n");
  return ok ? 0 : 1;
};
