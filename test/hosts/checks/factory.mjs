// factory: what Factory's `droid` loads from a cadre-installed project. See ../run.mjs for the harness.
// Offline droid lists MCP servers and validates its configuration files (`droid doctor --config`); custom
// droids, commands and skills are listed only in a logged-in session.
// @factory/cli@0.225.1's wrapper finds its binary in a platform package, and that release's platform packages
// were never published: the check installs the platform package (0.225.2) itself. Linux x64 and macOS only.
export const id = "factory";
const platform = { "linux-x64": "linux-x64", "darwin-arm64": "darwin-arm64", "darwin-x64": "darwin-x64" }[
  `${process.platform}-${process.arch}`
];
export const pkg = `@factory/cli-${platform ?? "linux-x64"}@0.225.2`;

/** @param {import("../run.mjs").Ctx} ctx  the harness: run a CLI, what cadre wrote, record a result */
export function check(ctx) {
  const { run, expected, check, env, join, project, readFileSync } = ctx;
  const bin = join(env.PATH.split(":")[1], "..", `@factory/cli-${platform}`, "bin", "droid");
  const e = expected("factory");
  const doctor = run(bin, ["doctor", "--config", "--json"]);
  let report;
  try {
    report = JSON.parse(doctor.stdout);
  } catch {
    report = undefined;
  }
  // One result per configuration file with a problem (`configuration.mcp`, `configuration.settings`, …), or a
  // single `configuration.valid` pass.
  const config = (report?.results ?? []).filter((x) => x.category === "configuration");
  const bad = config.filter((x) => x.status !== "pass");
  check(
    "factory",
    config.length > 0 && bad.length === 0,
    `droid doctor --config finds no configuration issues${bad.length || !config.length ? `:\n${JSON.stringify(bad.length ? bad : doctor.out)}` : ""}`,
  );
  const list = run(bin, ["mcp", "list"]);
  for (const m of e.mcp ?? [])
    check(
      "factory",
      new RegExp(`^\\s*${m.name}\\s.*\\[project\\]`, "m").test(list.out),
      `MCP server ${m.name} listed from .factory/mcp.json`,
    );
  const front = (path) => /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(project, path), "utf8"))?.[1] ?? "";
  for (const a of e.agent ?? [])
    check(
      "factory",
      new RegExp(`^name: ${a.name}$`, "m").test(front(a.path)) && /^description: /m.test(front(a.path)),
      `droid ${a.name} has a name and a description`,
    );
}
