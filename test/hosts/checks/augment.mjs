// augment: what the Auggie CLI loads from a cadre-installed project. See ../run.mjs for the harness.
// Offline (no Augment session) Auggie lists MCP servers; custom commands, subagents, rules and skills are
// only loaded in a logged-in session, so those are checked against the formats Auggie's bundle parses.
export const id = "augment";
export const pkg = "@augmentcode/auggie@0.36.0";

/** @param {import("../run.mjs").Ctx} ctx  the harness: run a CLI, what cadre wrote, record a result */
export function check(ctx) {
  const { run, expected, check, project, join, readFileSync } = ctx;
  const e = expected("augment");
  const r = run("auggie", ["mcp", "list", "--json"]);
  let listed;
  try {
    listed = JSON.parse(r.stdout.slice(r.stdout.indexOf("{")));
  } catch {
    listed = undefined;
  }
  check("augment", Array.isArray(listed?.servers), "auggie mcp list --json answers offline");
  for (const m of e.mcp ?? [])
    check(
      "augment",
      listed?.servers?.some((s) => s.name === m.name && s.enabled),
      `MCP server ${m.name} listed and enabled`,
    );
  check(
    "augment",
    !/invalid|failed to (parse|load)/i.test(r.out.replace(/Could not fetch (tenant|user) MCP[^\n]*/g, "")),
    "auggie prints no warning beyond the offline remote-fetch ones (it drops an invalid entry silently: the listing above catches that)",
  );
  const front = (path) => /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(project, path), "utf8"))?.[1] ?? "";
  for (const rule of e.rule ?? [])
    check(
      "augment",
      /^type: (always_apply|agent_requested|manual)$/m.test(front(rule.path)),
      `rule ${rule.name} has a type Auggie knows`,
    );
  for (const a of e.agent ?? [])
    check(
      "augment",
      new RegExp(`^name: ${a.name}$`, "m").test(front(a.path)) && /^description: /m.test(front(a.path)),
      `subagent ${a.name} has a name and a description`,
    );
  for (const c of e.command ?? [])
    check("augment", /^description: /m.test(front(c.path)), `command ${c.name} has a description`);
}
