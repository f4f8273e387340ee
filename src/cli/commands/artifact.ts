import { resolve } from "node:path";
import { usageError } from "../../core/errors.js";
import { formatArtifactError } from "../../pipeline/artifact.js";
import { envelope, type Io, writeJson } from "../io.js";
import { VERSION } from "../version.js";

const ACTIONS = ["new", "validate"];

export async function run(args: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  const [action, ...rest] = args;
  if (!action || !ACTIONS.includes(action))
    throw usageError(
      "artifact needs new or validate",
      "e.g. cadre artifact new spec, cadre artifact validate",
    );
  const { layoutOf } = await import("../../app/layout.js");
  const root = layoutOf({ cwd: io.cwd, env: io.env }).root;
  const run = typeof opts.run === "string" ? opts.run : undefined;
  if (action === "new") {
    if (rest.length !== 1) throw usageError("artifact new needs one kind", "e.g. cadre artifact new spec");
    const { newArtifact } = await import("../../app/artifact-new.js");
    const r = await newArtifact(root, rest[0] as string, {
      run,
      force: opts.force === true,
      now: new Date(),
    });
    if (io.json) {
      const { text: _t, ...data } = r;
      writeJson(io, envelope("artifact new", VERSION, data));
    } else io.out(`${r.file}\n`);
    return 0;
  }
  const { validateArtifacts } = await import("../../app/artifact-validate.js");
  const r = await validateArtifacts(
    root,
    rest.map((f) => resolve(io.cwd, f)),
    { run },
  );
  if (io.json) {
    writeJson(io, envelope("artifact validate", VERSION, r, r.valid));
    return r.valid ? 0 : 1;
  }
  const c = io.color;
  for (const res of r.results) {
    if (res.valid) io.out(`${c.green("valid")}    ${res.file} (${res.kind})\n`);
    else {
      io.out(`${c.red("invalid")}  ${res.file}${res.kind ? ` (${res.kind})` : ""}\n`);
      for (const e of res.errors) io.out(`  ${formatArtifactError(e)}\n`);
    }
  }
  const bad = r.results.filter((x) => !x.valid).length;
  if (!io.quiet)
    io.err(
      c.dim(`${r.results.length} artifact(s), ${bad} invalid${r.run ? ` · recorded in run ${r.run}` : ""}\n`),
    );
  return bad ? 1 : 0;
}
