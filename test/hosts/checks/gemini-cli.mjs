// gemini-cli: what its own CLI loads from a cadre-installed project. See ../run.mjs for the harness.
export const id = "gemini-cli";
export const pkg = "@google/gemini-cli@0.61.0";

/** @param {import("../run.mjs").Ctx} ctx  the harness: run a CLI, what cadre wrote, record a result */
export function check(ctx) {
  const { run, expected, check, has, project, parseToml, readFileSync, join } = ctx;
  const r = run("gemini", ["skills", "list"]);
  const e = expected("gemini-cli");
  check(
    "gemini-cli",
    !/Agent loading error|Invalid hook event|invalid hook configuration|hook .* missing|settings.*error/i.test(
      r.out,
    ),
    "no agent, hook or settings errors (cadre's hooks in .gemini/settings.json load)",
  );
  for (const s of e.skill ?? [])
    check(
      "gemini-cli",
      has(r.out, `${s.name} [Enabled]`) && has(r.out, s.description),
      `skill ${s.name} with its description`,
    );
  for (const c of e.command ?? []) {
    const t = parseToml(readFileSync(join(project, c.path), "utf8"));
    check(
      "gemini-cli",
      typeof t.prompt === "string" && typeof t.description === "string",
      `command ${c.name} is valid TOML with prompt and description`,
    );
  }
}
