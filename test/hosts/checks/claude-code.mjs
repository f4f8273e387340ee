// claude-code: what its own CLI loads from a cadre-installed project. See ../run.mjs for the harness.
export const id = "claude-code";
export const pkg = "@anthropic-ai/claude-code@2.1.330";

/** @param {import("../run.mjs").Ctx} ctx  the harness: run a CLI, what cadre wrote, record a result */
export function check(ctx) {
  const { run, expected, check, project, readFileSync, join } = ctx;
  const r = run("claude", [
    "-p",
    "--output-format",
    "stream-json",
    "--verbose",
    "--no-session-persistence",
    "--include-hook-events",
    "ping",
  ]);
  const events = r.stdout.split("\n").map((l) => {
    try {
      return JSON.parse(l);
    } catch {
      return undefined;
    }
  });
  const init = events.find((e) => e?.type === "system" && e.subtype === "init");
  check("claude-code", !!init, "print mode emits the init event");
  const e = expected("claude-code");
  for (const s of e.skill ?? [])
    check("claude-code", init?.skills?.includes(s.name), `skill ${s.name} loaded`);
  for (const a of e.agent ?? [])
    check("claude-code", init?.agents?.includes(a.name), `agent ${a.name} loaded`);
  // issue 14: an agent composed with `skills:` preloads skills the session has loaded.
  for (const a of e.agent ?? []) {
    const text = readFileSync(join(project, ".claude", "agents", `${a.name}.md`), "utf8");
    const block = /^skills:\n((?: {2}- .+\n)+)/m.exec(text.split(/^---$/m)[1] ?? "");
    if (!block) continue;
    const names = block[1]
      .split("\n")
      .filter(Boolean)
      .map((l) => l.replace(/^ {2}- /, "").trim());
    const missing = names.filter((n) => !init?.skills?.includes(n));
    check(
      "claude-code",
      missing.length === 0,
      `agent ${a.name} preloads ${names.length} skills, each loaded${missing.length ? ` (missing: ${missing.join(", ")})` : ""}`,
    );
  }
  for (const c of e.command ?? [])
    check("claude-code", init?.slash_commands?.includes(c.name), `command /${c.name} loaded`);
  for (const m of e.mcp ?? [])
    check(
      "claude-code",
      init?.mcp_servers?.some((x) => x.name === m.name),
      `MCP server ${m.name} listed`,
    );
  // Tool hooks need a model, but SessionStart hooks from .claude/settings.json run offline: each one cadre
  // wrote for a startup session runs, and succeeds (plugin hooks run their copied scripts).
  const responses = events.filter((e) => e?.type === "system" && e.subtype === "hook_response");
  if ((e.hook ?? []).some((h) => h.name === "session-bootstrap")) {
    const boot = responses.find(
      (e) => e.hook_event === "SessionStart" && /cadre has installed/.test(e.output ?? ""),
    );
    check(
      "claude-code",
      boot?.exit_code === 0 && boot.outcome === "success",
      "cadre's SessionStart hook ran (`cadre hook session-bootstrap`) and answered with context",
    );
    // issue 13: with a pipeline run active, the context the session starts with names it and its next step.
    let active = "";
    try {
      active = readFileSync(join(project, ".cadre", "runs", "latest"), "utf8").trim();
    } catch {}
    if (active)
      check(
        "claude-code",
        new RegExp(`Active pipeline run ${active}: workflow \\w+`).test(boot?.output ?? "") &&
          /Next: `cadre /.test(boot?.output ?? ""),
        `the SessionStart context shows the active run ${active}, its phase and the next command`,
      );
  }
  const settings = JSON.parse(readFileSync(join(project, ".claude", "settings.json"), "utf8"));
  const startup = (settings.hooks?.SessionStart ?? [])
    .filter((g) => !g.matcher || new RegExp(`^(${g.matcher})$`).test("startup"))
    .flatMap((g) => g.hooks);
  const ran = responses.filter((e) => e.hook_event === "SessionStart");
  check(
    "claude-code",
    ran.length === startup.length,
    `each of the ${startup.length} SessionStart hooks in .claude/settings.json ran (${ran.length} did)`,
  );
  check(
    "claude-code",
    responses.every((e) => e.outcome === "success" && !e.stderr),
    `every hook that ran succeeded, with nothing on stderr${responses.some((e) => e.outcome !== "success" || e.stderr) ? `: ${JSON.stringify(responses)}` : ""}`,
  );
  const v = run("claude", ["plugin", "validate", "--strict", ".claude"]);
  check(
    "claude-code",
    v.code === 0,
    `claude plugin validate --strict .claude passes${v.code ? `:\n${v.out}` : ""}`,
  );
}
