// copilot: what its own CLI loads from a cadre-installed project. See ../run.mjs for the harness.
export const id = "copilot";
export const pkg = "@github/copilot@1.0.102";

/** @param {import("../run.mjs").Ctx} ctx  the harness: run a CLI, what cadre wrote, record a result */
export function check(ctx) {
  const { run, expected, check, has, project, home, mkdirSync, writeFileSync, join } = ctx;
  mkdirSync(join(home, ".copilot"), { recursive: true });
  writeFileSync(join(home, ".copilot", "config.json"), JSON.stringify({ trusted_folders: [project] }));
  const e = expected("copilot");
  const sk = run("copilot", ["skill", "list"]);
  check("copilot", !/failed to load/i.test(sk.out), "no skill failed to load");
  for (const s of e.skill ?? [])
    check("copilot", has(sk.out, `${s.name} - ${s.description}`), `skill ${s.name} with its description`);
  const ins = run("copilot", ["instruction", "list"]);
  check("copilot", !/failed to load/i.test(ins.out), "no instruction failed to load");
  for (const r of e.rule ?? []) check("copilot", ins.out.includes(r.path), `instructions ${r.path} listed`);
  const mcp = run("copilot", ["mcp", "list"]);
  for (const m of e.mcp ?? []) check("copilot", mcp.out.includes(m.name), `MCP server ${m.name} listed`);
}
