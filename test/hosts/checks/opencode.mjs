// opencode: what its own CLI loads from a cadre-installed project. See ../run.mjs for the harness.
export const id = "opencode";
export const pkg = "opencode-ai@1.18.33";

/** @param {import("../run.mjs").Ctx} ctx  the harness: run a CLI, what cadre wrote, record a result */
export function check(ctx) {
  const { run, expected, check, has, project, join } = ctx;
  const sk = run("opencode", ["debug", "skill"]);
  let skills = [];
  try {
    skills = JSON.parse(sk.stdout.slice(sk.stdout.indexOf("[")));
  } catch {}
  const e = expected("opencode");
  for (const s of e.skill ?? [])
    check(
      "opencode",
      skills.some((x) => x.name === s.name && x.description === s.description),
      `skill ${s.name} with its description`,
    );
  const cfg = run("opencode", ["debug", "config"]);
  check("opencode", cfg.code === 0, `debug config exits 0${cfg.code ? `:\n${cfg.out.slice(0, 2000)}` : ""}`);
  for (const a of e.agent ?? [])
    check("opencode", has(cfg.out, a.description), `agent ${a.name} with its description`);
  for (const c of e.command ?? [])
    check("opencode", has(cfg.out, c.description), `command ${c.name} with its description`);
  for (const m of e.mcp ?? [])
    check("opencode", cfg.out.includes(`"${m.name}"`), `MCP server ${m.name} in the config`);
  // OpenCode has no hook config: cadre's hooks are local plugins, which debug config lists once loaded.
  for (const h of e.hook ?? [])
    check("opencode", cfg.out.includes(`file://${join(project, h.path)}`), `hook plugin ${h.path} loaded`);
}
