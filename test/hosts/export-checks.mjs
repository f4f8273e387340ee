import { cpSync } from "node:fs";

// The `export` project: `cadre export` of test/fixtures/export-pack to each target, then each host's own CLI
// checks the package offline. See ../run.mjs for the harness and README.md for what each step proves.

/** The items of the fixture pack each export must carry, by the host's own names. */
const SKILLS = ["release-notes", "idempotency"];

/** Claude Code's print-mode init event with `dir` loaded as a plugin (`--plugin-dir`), or undefined. */
function pluginInit(run, dir) {
  const r = run("claude", [
    "-p",
    "--output-format",
    "stream-json",
    "--verbose",
    "--no-session-persistence",
    "--plugin-dir",
    dir,
    "ping",
  ]);
  return r.stdout
    .split("\n")
    .map((l) => {
      try {
        return JSON.parse(l);
      } catch {
        return undefined;
      }
    })
    .find((e) => e?.type === "system" && e.subtype === "init");
}

/** The plugin exported from a pack `cadre new` scaffolded: Claude Code validates it and loads its items. */
function starter({ run, check, join, project }) {
  const dir = join(project, "starter-plugin");
  const v = run("claude", ["plugin", "validate", "--strict", dir]);
  check(
    "claude-code",
    v.code === 0,
    `claude plugin validate --strict passes on a cadre new pack's export${v.code ? `:\n${v.out}` : ""}`,
  );
  const init = pluginInit(run, dir);
  check(
    "claude-code",
    init?.skills?.includes("starter:my-skill"),
    "the scaffolded skill starter:my-skill loaded",
  );
  check(
    "claude-code",
    init?.agents?.includes("starter:my-agent"),
    "the scaffolded agent starter:my-agent loaded",
  );
  check(
    "claude-code",
    init?.slash_commands?.includes("starter:my-command"),
    "the scaffolded command /starter:my-command loaded",
  );
}

/** @param {string} host @param {import("./run.mjs").Ctx} ctx */
export function check(host, ctx) {
  if (host === "claude-code") return claude(ctx);
  if (host === "gemini-cli") return gemini(ctx);
  if (host === "codex") return codex(ctx);
}

function claude({ run, check, join, project }) {
  starter({ run, check, join, project });
  for (const t of ["claude-plugin", "claude-marketplace"]) {
    const v = run("claude", ["plugin", "validate", "--strict", join(project, t)]);
    check(
      "claude-code",
      v.code === 0,
      `claude plugin validate --strict passes on the ${t} export${v.code ? `:\n${v.out}` : ""}`,
    );
  }
  const init = pluginInit(run, join(project, "claude-plugin"));
  check("claude-code", !!init, "print mode with --plugin-dir emits the init event");
  check(
    "claude-code",
    init?.plugins?.some((p) => p.name === "relay-kit" && p.version === "1.2.0"),
    "the plugin is loaded, with its version",
  );
  for (const s of SKILLS)
    check("claude-code", init?.skills?.includes(`relay-kit:${s}`), `skill relay-kit:${s} loaded`);
  check(
    "claude-code",
    init?.agents?.includes("relay-kit:api-reviewer"),
    "agent relay-kit:api-reviewer loaded",
  );
  check("claude-code", init?.slash_commands?.includes("relay-kit:ship"), "command /relay-kit:ship loaded");
  check(
    "claude-code",
    init?.mcp_servers?.some((m) => m.name === "plugin:relay-kit:issue-tracker"),
    "MCP server issue-tracker listed from the plugin's .mcp.json",
  );
}

function gemini({ run, check, join, project }) {
  const dir = join(project, "gemini-extension");
  const v = run("gemini", ["extensions", "validate", dir]);
  check(
    "gemini-cli",
    v.code === 0 && /successfully validated/.test(v.out),
    `gemini extensions validate passes${v.code ? `:\n${v.out}` : ""}`,
  );
  const l = run("gemini", ["extensions", "link", dir, "--consent"]);
  check(
    "gemini-cli",
    l.code === 0 && /linked successfully/.test(l.out),
    `gemini extensions link succeeds${l.code ? `:\n${l.out}` : ""}`,
  );
  const list = run("gemini", ["extensions", "list"]);
  check("gemini-cli", /relay-kit \(1\.2\.0\)/.test(list.out), "gemini extensions list shows relay-kit 1.2.0");
  check("gemini-cli", list.out.includes(join(dir, "GEMINI.md")), "its context file is listed");
  check("gemini-cli", /MCP servers:\s*\n\s*issue-tracker/.test(list.out), "its MCP server is listed");
  for (const s of SKILLS)
    check(
      "gemini-cli",
      new RegExp(`\\n\\s*${s}: `).test(list.out),
      `skill ${s} is listed with its description`,
    );
  check(
    "gemini-cli",
    !/error|invalid/i.test(list.out),
    `no errors while loading the extension${/error|invalid/i.test(list.out) ? `:\n${list.out}` : ""}`,
  );
}

/** Codex installs plugins from a marketplace: a local one holding the export is written here (test data). */
function codex({ run, check, join, project, mkdirSync, writeFileSync, env }) {
  // A marketplace's local sources must stay inside its root: it gets a copy of the export.
  const market = join(project, "codex-market");
  mkdirSync(join(market, ".agents", "plugins"), { recursive: true });
  cpSync(join(project, "codex-plugin"), join(market, "plugins", "relay-kit"), { recursive: true });
  writeFileSync(
    join(market, ".agents", "plugins", "marketplace.json"),
    JSON.stringify({
      name: "cadre-export-test",
      plugins: [
        {
          name: "relay-kit",
          source: { source: "local", path: "./plugins/relay-kit" },
          policy: { installation: "AVAILABLE", authentication: "ON_INSTALL" },
          category: "Coding",
        },
      ],
    }),
  );
  mkdirSync(env.CODEX_HOME, { recursive: true });
  const m = run("codex", ["plugin", "marketplace", "add", market]);
  check(
    "codex",
    m.code === 0,
    `codex plugin marketplace add takes a marketplace listing the export${m.code ? `:\n${m.out}` : ""}`,
  );
  const a = run("codex", ["plugin", "add", "relay-kit@cadre-export-test"]);
  check(
    "codex",
    a.code === 0 && /Added plugin `relay-kit`/.test(a.out),
    `codex plugin add installs it${a.code ? `:\n${a.out}` : ""}`,
  );
  const list = run("codex", ["plugin", "list"]);
  check(
    "codex",
    /relay-kit@cadre-export-test\s+installed, enabled\s+1\.2\.0/.test(list.out),
    "codex plugin list: installed, enabled, 1.2.0",
  );
  const p = run("codex", ["debug", "prompt-input"]).out.replace(/\\n/g, "\n");
  for (const s of [...SKILLS, "ship"])
    check("codex", p.includes(`relay-kit:${s}: `), `skill relay-kit:${s} in the model context`);
  const mcp = run("codex", ["mcp", "list", "--json"]);
  check(
    "codex",
    mcp.out.includes('"name": "issue-tracker"') && mcp.out.includes('"ISSUES_TOKEN"'),
    "MCP server issue-tracker listed, its secret passed by name (env_vars)",
  );
}
