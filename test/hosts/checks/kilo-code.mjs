// kilo-code: what the Kilo CLI loads from a cadre-installed project. See ../run.mjs for the harness.
// Kilo is a fork of OpenCode and keeps its offline debug commands: `kilo debug skill` (skills as JSON),
// `kilo debug config` (the resolved config: agents, commands, plugins, MCP servers), and `kilo mcp list`,
// which starts each local server. `--print-logs` shows a config file Kilo skipped as invalid.
export const id = "kilo-code";
export const pkg = "@kilocode/cli@7.7.7";

/** @param {import("../run.mjs").Ctx} ctx  the harness: run a CLI, what cadre wrote, record a result */
export function check(ctx) {
  const { run, expected, check, has, project, join } = ctx;
  const e = expected("kilo-code");

  const sk = run("kilo", ["debug", "skill"]);
  let skills = [];
  try {
    skills = JSON.parse(sk.stdout.slice(sk.stdout.indexOf("[")));
  } catch {}
  for (const s of e.skill ?? [])
    check(
      "kilo-code",
      skills.some((x) => x.name === s.name && x.description === s.description),
      `skill ${s.name} with its description`,
    );

  const cfg = run("kilo", ["debug", "config", "--print-logs"]);
  const skipped = cfg.out.split("\n").filter((l) => /ConfigInvalidError|skipped config|invalid/i.test(l));
  check("kilo-code", cfg.code === 0, `debug config exits 0${cfg.code ? `:\n${cfg.out.slice(0, 2000)}` : ""}`);
  check(
    "kilo-code",
    skipped.length === 0,
    `no config file skipped as invalid${skipped.length ? `:\n${skipped.join("\n")}` : ""}`,
  );
  let config = {};
  try {
    config = JSON.parse(cfg.stdout.slice(cfg.stdout.indexOf("{")));
  } catch {}
  for (const a of e.agent ?? [])
    check(
      "kilo-code",
      has(config.agent?.[a.name]?.description ?? "", a.description),
      `agent ${a.name} with its description`,
    );
  for (const c of e.command ?? [])
    check(
      "kilo-code",
      has(config.command?.[c.name]?.description ?? "", c.description),
      `command ${c.name} with its description`,
    );
  for (const h of e.hook ?? [])
    check(
      "kilo-code",
      (config.plugin ?? []).includes(`file://${join(project, h.path)}`),
      `hook plugin ${h.path} loaded`,
    );
  const mcp = e.mcp ?? [];
  if (mcp.length) {
    const list = run("kilo", ["mcp", "list"]);
    for (const m of mcp)
      check(
        "kilo-code",
        new RegExp(`✓ ${m.name}\\b.*connected`).test(list.out),
        `MCP server ${m.name} connected`,
      );
  }
}
