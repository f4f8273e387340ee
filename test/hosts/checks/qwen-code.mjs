// qwen-code: what its own CLI loads from a cadre-installed project. See ../run.mjs for the harness.
// Offline: Qwen Code needs an auth type even for local commands, so it gets an OpenAI-compatible one
// whose base URL is a local port; nothing leaves the machine.
//   - `qwen -p /hooks` prints the hooks it loaded (a local command, no model call);
//   - `qwen --acp`'s `available_commands_update` lists skills and custom commands with descriptions;
//   - the first model request, caught by a local HTTP server, names every subagent (the `agent` tool's
//     description) and carries the always-on context (QWEN.md, AGENTS.md, `.qwen/rules` without `paths`);
//   - `qwen mcp list` lists the MCP servers.
export const id = "qwen-code";
export const pkg = "@qwen-code/qwen-code@0.24.4";

const AUTH = ["--auth-type", "openai", "--openai-api-key", "offline", "-m", "offline"];

/** Starts `qwen --acp`, opens a session and prints the session/update notifications as JSON lines. */
const ACP = `
import { spawn } from "node:child_process";
const p = spawn("qwen", ["--acp", ...${JSON.stringify(AUTH)}, "--openai-base-url", "http://127.0.0.1:9/v1"], { stdio: ["pipe", "pipe", "inherit"] });
// Exits only once stdout is flushed (a pipe is written asynchronously).
const done = () => { p.kill(); process.stdout.write("", () => process.exit(0)); };
const send = (id, method, params) => p.stdin.write(JSON.stringify({ jsonrpc: "2.0", id, method, params }) + "\\n");
let buf = "";
p.stdout.on("data", (d) => {
  buf += d;
  for (let i; (i = buf.indexOf("\\n")) >= 0; ) {
    const line = buf.slice(0, i);
    buf = buf.slice(i + 1);
    let m;
    try { m = JSON.parse(line); } catch { continue; }
    if (m.id === 1) send(2, "session/new", { cwd: process.cwd(), mcpServers: [] });
    if (m.method === "session/update") {
      console.log(line);
      // The first updates list built-in and bundled commands; a later one adds the project's skills and
      // file commands (source "skill-dir-command"). Without any, stop 10 s after the first update.
      const cmds = m.params?.update?.availableCommands ?? [];
      if (cmds.some((c) => c._meta?.source === "skill-dir-command")) done();
      setTimeout(done, 10000);
    }
  }
});
send(1, "initialize", { protocolVersion: 1, clientCapabilities: {} });
setTimeout(() => { p.kill(); process.exit(3); }, 60000);
`;

/** Runs `qwen -p` against a local HTTP server and prints the body of the first model request. */
const CAPTURE = `
import { spawn } from "node:child_process";
import { createServer } from "node:http";
let child;
const srv = createServer((req, res) => {
  let b = "";
  req.on("data", (d) => (b += d));
  req.on("end", () => {
    if (req.method !== "POST") return res.writeHead(404).end();
    res.writeHead(500).end("{}");
    child.kill();
    process.stdout.write(b, () => process.exit(0));
  });
});
srv.listen(0, "127.0.0.1", () => {
  const url = "http://127.0.0.1:" + srv.address().port + "/v1";
  child = spawn("qwen", [...${JSON.stringify(AUTH)}, "--openai-base-url", url, "-p", "hello"], { stdio: ["ignore", "ignore", "inherit"] });
  child.on("exit", () => process.exit(4));
});
setTimeout(() => process.exit(3), 60000);
`;

const INVALID =
  /invalid|failed to (load|parse)|skipping .*command file|missing required|validation error|unknown hook event/i;

/** @param {import("../run.mjs").Ctx} ctx  the harness: run a CLI, what cadre wrote, record a result */
export function check(ctx) {
  const { run, expected, check, has, project, readFileSync, join } = ctx;
  const e = expected("qwen-code");
  const node = process.execPath;

  const hooks = run("qwen", [...AUTH, "--openai-base-url", "http://127.0.0.1:9/v1", "-p", "/hooks"]);
  const acp = run(node, ["--input-type=module", "-e", ACP]);
  const cap = run(node, ["--input-type=module", "-e", CAPTURE]);
  const mcp = run("qwen", ["mcp", "list"]);
  for (const [what, r] of [
    ["/hooks", hooks],
    ["--acp", acp],
    ["-p", cap],
    ["mcp list", mcp],
  ]) {
    const stderr = r.out.replace(r.stdout, "");
    check(
      "qwen-code",
      !INVALID.test(stderr),
      `qwen ${what} reports no invalid configuration${INVALID.test(stderr) ? `:\n${stderr.slice(0, 1500)}` : ""}`,
    );
  }

  const commands = [];
  for (const line of acp.stdout.split("\n")) {
    try {
      const u = JSON.parse(line).params?.update;
      if (u?.sessionUpdate === "available_commands_update") commands.push(...u.availableCommands);
    } catch {}
  }
  const listed = (name, description) =>
    commands.some((c) => c.name === name && (!description || has(c.description ?? "", description)));
  for (const s of e.skill ?? [])
    check("qwen-code", listed(s.name, s.description), `skill ${s.name} with its description (ACP commands)`);
  for (const c of e.command ?? [])
    check(
      "qwen-code",
      listed(c.name, c.description),
      `command /${c.name} with its description (ACP commands)`,
    );

  let request = {};
  try {
    request = JSON.parse(cap.stdout);
  } catch {}
  const agentTool =
    (request.tools ?? []).find((t) => t.function?.name === "agent")?.function.description ?? "";
  for (const a of e.agent ?? [])
    check(
      "qwen-code",
      has(agentTool, `**${a.name}**: ${a.description}`),
      `subagent ${a.name} with its description (the agent tool of the first model request)`,
    );
  const sent = JSON.stringify(request.messages ?? []);
  for (const r of e.rule ?? []) {
    // A manual rule is a command the user runs (Qwen loads a rule without `paths` at launch): listed, not loaded.
    if (r.path.startsWith(".qwen/commands/")) {
      check("qwen-code", listed(r.name), `manual rule ${r.name} is the command /${r.name}, not always-on`);
      continue;
    }
    const text = readFileSync(join(project, r.path), "utf8");
    if (text.startsWith("---\n") && /\npaths:/.test(text.slice(0, text.indexOf("\n---", 4)))) continue;
    const body = text.replace(/^---\n[\s\S]*?\n---\n/, "").trim();
    check(
      "qwen-code",
      has(sent, JSON.stringify(body).slice(1, 60)),
      `always-on rule ${r.name} in the context`,
    );
  }
  for (const h of e.hook ?? [])
    check("qwen-code", hooks.out.includes(`cadre hook ${h.name} `), `hook ${h.name} listed by /hooks`);
  for (const m of e.mcp ?? [])
    check("qwen-code", mcp.out.includes(`${m.name}:`), `MCP server ${m.name} listed`);
}
