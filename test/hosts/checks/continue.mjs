// continue: what the `cn` CLI loads from a cadre-installed project. See ../run.mjs for the harness.
// cn has no list commands and needs a model, so the check gives it a local config.yaml whose model is a
// stand-in OpenAI endpoint on 127.0.0.1 (a child process started here): the one request cn sends shows the
// skills it loaded (the Skills tool lists each name and description) and the system message with the
// always-apply rules; its --verbose log shows the hooks it loaded from .continue/settings.json.
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";

export const id = "continue";
export const pkg = "@continuedev/cli@1.5.47";

const SERVER = `
const http = require("node:http"), fs = require("node:fs");
const [out, portFile] = process.argv.slice(1);
const s = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    if (req.url.endsWith("/chat/completions") && !fs.existsSync(out)) fs.writeFileSync(out, body);
    res.writeHead(400, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message: "offline stand-in", type: "invalid_request_error" } }));
  });
});
s.listen(0, "127.0.0.1", () => fs.writeFileSync(portFile, String(s.address().port)));
`;

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** @param {import("../run.mjs").Ctx} ctx  the harness: run a CLI, what cadre wrote, record a result */
export function check(ctx) {
  const { run, expected, check, has, project, home, join, readFileSync, writeFileSync, mkdirSync } = ctx;
  const e = expected("continue");
  const dir = join(home, "cn-check");
  mkdirSync(dir, { recursive: true });
  const out = join(dir, "request.json");
  const portFile = join(dir, "port");
  rmSync(out, { force: true });
  const server = spawn(process.execPath, ["-e", SERVER, out, portFile], { stdio: "ignore" });
  try {
    for (let i = 0; i < 100 && !existsSync(portFile); i++) sleep(50);
    const port = readFileSync(portFile, "utf8").trim();
    const config = join(dir, "config.yaml");
    writeFileSync(
      config,
      [
        "name: offline",
        "version: 1.0.0",
        "schema: v1",
        "models:",
        "  - name: offline",
        "    provider: openai",
        "    model: gpt-4o",
        `    apiBase: http://127.0.0.1:${port}/v1`,
        "    apiKey: offline",
        "    roles: [chat]",
        "",
      ].join("\n"),
    );
    const log = join(home, ".continue", "logs", "cn.log");
    rmSync(log, { force: true });
    run("cn", ["-p", "ping", "--config", config, "--verbose"]);
    const request = existsSync(out) ? JSON.parse(readFileSync(out, "utf8")) : undefined;
    check("continue", !!request, "cn sent its request to the stand-in model");
    const tools = request?.tools ?? [];
    const skillsTool = tools.find((t) => t.function?.name === "Skills")?.function.description ?? "";
    for (const s of [...(e.skill ?? []), ...(e.agent ?? []), ...(e.expertise ?? [])])
      check(
        "continue",
        has(skillsTool, `name: ${s.name}`) && (!s.description || has(skillsTool, s.description)),
        `skill ${s.name} listed by cn's Skills tool with its description`,
      );
    const system = (request?.messages ?? [])
      .filter((m) => m.role === "system")
      .map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content)))
      .join("\n");
    for (const r of e.rule ?? []) {
      const text = readFileSync(join(project, r.path), "utf8");
      if (!/^alwaysApply: true$/m.test(text)) continue;
      const body = text.replace(/^---\n[\s\S]*?\n---\n/, "").trim();
      check("continue", has(system, body), `always-apply rule ${r.name} is in cn's system message`);
    }
    const logText = existsSync(log) ? readFileSync(log, "utf8") : "";
    // cn also loads Claude Code's .claude/settings.json hooks. With claude-code installed beside it, cadre
    // writes each hook there only (Continue reads that file as its own, issue 11 item 3): count what cn reads
    // from both files, and check that no cadre hook is in both (it would run twice).
    const files = [join(project, ".continue", "settings.json"), join(project, ".claude", "settings.json")];
    const all = files
      .filter((f) => existsSync(f))
      .map((f) => JSON.parse(readFileSync(f, "utf8")).hooks ?? {});
    const events = [...new Set(all.flatMap((h) => Object.keys(h)))];
    const handlers = all.reduce(
      (n, h) =>
        n +
        Object.values(h).reduce((a, groups) => a + groups.reduce((m, g) => m + (g.hooks?.length ?? 0), 0), 0),
      0,
    );
    const cadreHooks = (h) =>
      new Set(
        Object.entries(h).flatMap(([ev, groups]) =>
          groups.flatMap((g) =>
            (g.hooks ?? [])
              .filter((x) => /cadre hook /.test(x.command ?? ""))
              .map((x) => `${ev} ${(x.command ?? "").replace(/ --host \S+/, "")}`),
          ),
        ),
      );
    const hooksOf = (f) => (existsSync(f) ? (JSON.parse(readFileSync(f, "utf8")).hooks ?? {}) : {});
    const [mine, claude] = files.map((f) => cadreHooks(hooksOf(f)));
    if (claude.size) {
      const both = [...mine].filter((x) => claude.has(x));
      check(
        "continue",
        both.length === 0,
        `each of the ${claude.size} cadre hooks in .claude/settings.json is not also in .continue/settings.json (${both.length} are)`,
      );
    }
    check(
      "continue",
      logText.includes(`Hooks loaded: ${handlers} handler(s) across ${events.length} event type(s)`),
      `cn loaded all ${handlers} hook handlers on ${events.length} events from the settings files it reads`,
    );
    check(
      "continue",
      !/Failed to (load|parse) (hooks|markdown skill|rule)|Invalid hook/i.test(logText),
      "cn reports no invalid hook, skill or rule file",
    );
    for (const c of e.command ?? []) {
      const text = readFileSync(join(project, c.path), "utf8");
      check(
        "continue",
        /^invokable: true$/m.test(text) && /^name: /m.test(text),
        `prompt ${c.name} is an invokable prompt file (read by the IDE extensions; cn does not read .continue/prompts)`,
      );
    }
  } finally {
    server.kill();
  }
}
