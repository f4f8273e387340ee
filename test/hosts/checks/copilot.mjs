// copilot: what its own CLI loads from a cadre-installed project. See ../run.mjs for the harness.
// Offline, Copilot CLI lists skills, instructions and MCP servers. Agents and hooks load only in a session,
// which needs a model backend: a BYOK provider (the harness's local backend that refuses every request, no
// key) is enough for it to load custom agents (`--agent <unknown>` names them all) and run the repo's
// sessionStart hooks, whose loading and output it writes to its debug log before the model call fails.
export const id = "copilot";
export const pkg = "@github/copilot@1.0.102";

/** @param {import("../run.mjs").Ctx} ctx  the harness: run a CLI, what cadre wrote, record a result */
export function check(ctx) {
  const {
    run,
    expected,
    written,
    check,
    has,
    project,
    home,
    env,
    readFileSync,
    readdirSync,
    mkdirSync,
    writeFileSync,
    join,
  } = ctx;
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

  const byok = {
    ...env,
    COPILOT_OFFLINE: "1",
    COPILOT_PROVIDER_BASE_URL: ctx.modelUrl,
    COPILOT_PROVIDER_API_KEY: "offline-placeholder",
    COPILOT_MODEL: "gpt-4o",
  };
  if (e.agent?.length) {
    const a = run("copilot", ["-p", "ping", "--agent", "cadre-no-such-agent"], { env: byok });
    const names = (/available: (.*)/.exec(a.out)?.[1] ?? "").split(", ");
    for (const x of e.agent) check("copilot", names.includes(x.name), `agent ${x.name} loaded (${x.path})`);
  }

  const hookFiles = written("copilot").filter((f) => /^\.github\/hooks\/[^/]+\.json$/.test(f.path));
  if (hookFiles.length === 0) return;
  const entries = hookFiles.map((f) => JSON.parse(readFileSync(join(project, f.path), "utf8")).hooks);
  const count = entries.reduce((n, h) => n + Object.values(h).flat().length, 0);
  const logs = join(home, ".copilot-logs", ctx.name);
  // The model refuses the prompt: by then the session is set up and its sessionStart hooks have run.
  run("copilot", ["-p", "ping", "--log-level", "all", "--log-dir", logs], { env: byok });
  let log = "";
  try {
    log = readdirSync(logs)
      .map((f) => readFileSync(join(logs, f), "utf8"))
      .join("\n");
  } catch {}
  const bad = log.split("\n").filter((l) => /\[ERROR\] \[rust:hooks\]|Ignoring unknown hook event/.test(l));
  check(
    "copilot",
    log !== "" && bad.length === 0,
    `hook files load without errors${bad.length ? `:\n${bad.join("\n")}` : ""}`,
  );
  const loaded = Number(/loaded repo hooks \(hookCount=(\d+)\)/.exec(log)?.[1] ?? -1);
  check(
    "copilot",
    loaded >= count,
    `the ${count} hook entries in .github/hooks are loaded (hookCount=${loaded})`,
  );
  if (loaded > count)
    console.log(
      `  note copilot also loads ${loaded - count} hook entries from files it shares with other hosts (.claude/settings.json)`,
    );
  if ((e.hook ?? []).some((h) => h.name === "session-bootstrap"))
    check(
      "copilot",
      /\[hook stdout\] \{"additionalContext":"cadre has installed/.test(log),
      "cadre's sessionStart hook ran (`cadre hook session-bootstrap`) and answered with context",
    );
  const starts = entries.flatMap((h) => h.sessionStart ?? []).length;
  const said = (log.match(/\[hook stdout\]/g) ?? []).length;
  check(
    "copilot",
    said >= starts,
    `each of the ${starts} sessionStart hooks ran and printed (${said} printed)`,
  );
}
