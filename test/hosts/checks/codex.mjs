// codex: what its own CLI loads from a cadre-installed project. See ../run.mjs for the harness.
export const id = "codex";
export const pkg = "@openai/codex@0.169.0";

/** @param {import("../run.mjs").Ctx} ctx  the harness: run a CLI, what cadre wrote, record a result */
export function check(ctx) {
  const { run, expected, check, has, project, env, mkdirSync, writeFileSync, join } = ctx;
  mkdirSync(env.CODEX_HOME, { recursive: true });
  writeFileSync(
    join(env.CODEX_HOME, "config.toml"),
    `[projects.${JSON.stringify(project)}]\ntrust_level = "trusted"\n`,
  );
  const e = expected("codex");
  const mcp = run("codex", ["mcp", "list", "--json"]);
  check("codex", mcp.code === 0, "codex mcp list loads .codex/config.toml");
  for (const m of e.mcp ?? [])
    check("codex", mcp.out.includes(`"name": "${m.name}"`), `MCP server ${m.name} listed`);
  // Strict config: hook tables with a wrong type or an unknown key fail here; 124 = the config loaded
  // and codex went on to wait for the model.
  const strict = run("timeout", ["8", "codex", "exec", "--strict-config", "--skip-git-repo-check", "ping"]);
  check(
    "codex",
    strict.code === 124 && !/Error loading config/.test(strict.out),
    `config.toml with cadre's [[hooks.*]] tables passes --strict-config${strict.code !== 124 ? `:\n${strict.out.slice(0, 1500)}` : ""}`,
  );
  const p = run("codex", ["debug", "prompt-input"]);
  const text = p.out.replace(/\\n/g, "\n");
  for (const s of e.skill ?? [])
    check(
      "codex",
      text.includes(s.name) && has(text, s.description),
      `skill ${s.name} with its description in the model context`,
    );
  for (const a of e.agent ?? [])
    check(
      "codex",
      text.includes(a.name) && has(text, a.description),
      `agent ${a.name} with its description in the model context`,
    );
}
