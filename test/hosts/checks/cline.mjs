// cline: what its own CLI loads from a cadre-installed project. See ../run.mjs for the harness.
// `cline config <target> --json` lists what Cline loads without a provider or a login: workflows (cadre's
// commands), rules, skills (cadre's skills, agents and expertise), agents (.cline/agents/*.yaml), hook files
// (with the Cline event each one runs on) and the user MCP settings. Plain `cline config` needs a TTY.
export const id = "cline";
export const pkg = "cline@3.0.65";

/** @param {import("../run.mjs").Ctx} ctx  the harness: run a CLI, what cadre wrote, record a result */
export function check(ctx) {
  const { run, expected, written, check, project, join } = ctx;
  const list = (target) => {
    const r = run("cline", ["config", target, "--json"]);
    try {
      return JSON.parse(r.stdout);
    } catch {
      check("cline", false, `cline config ${target} --json answers JSON:\n${r.out.slice(0, 800)}`);
      return [];
    }
  };
  const e = expected("cline");
  const files = written("cline");
  const skills = list("skills");
  for (const s of e.skill ?? [])
    check(
      "cline",
      skills.some((x) => x.name === s.name && x.description === s.description),
      `skill ${s.name} with its description`,
    );
  const workflows = list("workflows");
  for (const c of e.command ?? [])
    check(
      "cline",
      workflows.some((x) => x.name === c.name && x.path === join(project, c.path)),
      `workflow /${c.name} (${c.path})`,
    );
  const rules = list("rules");
  for (const r of e.rule ?? [])
    check(
      "cline",
      rules.some((x) => x.path === join(project, r.path)),
      `rule ${r.name} (${r.path})`,
    );
  const agents = list("agents");
  for (const a of e.agent ?? [])
    check(
      "cline",
      agents.some((x) => x.path === join(project, a.path)),
      `agent ${a.name} (${a.path})`,
    );
  // A hook file Cline does not map to one of its events is never run.
  const hooks = list("hooks");
  const hookFiles = files.filter((f) => /^\.clinerules\/hooks\/[^/]+$/.test(f.path));
  for (const f of hookFiles) {
    const h = hooks.find((x) => x.path === join(project, f.path));
    check(
      "cline",
      !!h?.hookEventName,
      `hook file ${f.path} listed with the Cline event it runs on (${h ? (h.hookEventName ?? "no event") : "not listed"})`,
    );
  }
}
