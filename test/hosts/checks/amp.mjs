// amp: what its own CLI loads from a cadre-installed project. See ../run.mjs for the harness.
// `amp skill list --json` and `amp mcp doctor` answer offline once AMP_API_KEY is set (any value: without one
// amp starts its login flow); nothing is sent, the host has no network here. Amp has no agents or commands:
// cadre writes both as skills in .agents/skills, so all three are checked in the skill list.
export const id = "amp";
// @sourcegraph/amp is a shim that depends on @ampcode/cli of the same version (the package was renamed).
export const pkg = "@sourcegraph/amp@0.0.1790142911-g7618fb";

/** @param {import("../run.mjs").Ctx} ctx  the harness: run a CLI, what cadre wrote, record a result */
export function check(ctx) {
  const { run, expected, check, env } = ctx;
  const amp = (args) => run("amp", args, { env: { ...env, AMP_API_KEY: "offline-placeholder" } });
  const e = expected("amp");
  const sk = amp(["skill", "list", "--json"]);
  let list = { skills: [], errors: ["amp skill list printed no JSON"] };
  try {
    list = JSON.parse(sk.stdout);
  } catch {}
  check(
    "amp",
    sk.code === 0 && list.errors?.length === 0,
    `amp skill list reports no invalid skill${list.errors?.length ? `: ${JSON.stringify(list.errors)}` : ""}`,
  );
  for (const s of e.skill ?? [])
    check(
      "amp",
      list.skills.some((x) => x.name === s.name && x.description === s.description && x.source !== "builtin"),
      `skill ${s.name} (${s.path.split("/").slice(0, -2).join("/")}) with its description`,
    );
  // Workspace MCP servers run only once approved; approving one records its spec hash in the user settings.
  for (const m of e.mcp ?? []) {
    check("amp", amp(["mcp", "approve", m.name]).code === 0, `amp mcp approve ${m.name} finds the server`);
    const doc = amp(["mcp", "doctor"]);
    const line = doc.out.split("\n").find((l) => l.startsWith(`${m.name} `)) ?? "";
    check(
      "amp",
      line !== "" && !/awaiting approval|invalid/i.test(line),
      `MCP server ${m.name} from .amp/settings.json listed by amp mcp doctor (${line.trim() || "missing"})`,
    );
  }
}
