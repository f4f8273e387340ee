#!/usr/bin/env node
// Host acceptance suite: sync examples/web-app with cadre, then ask each host's own CLI (installed from npm
// into a cache folder) whether it loads every item cadre wrote for it, by name and with its description.
//   npm run test:hosts            (CADRE_HOSTS=claude-code,codex to run some)
// Offline: HOME, XDG_* and CODEX_HOME point at a scratch folder and API keys are unset (hosts.md §20).
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";

const ROOT = new URL("../..", import.meta.url).pathname.replace(/^\/([A-Za-z]:)/, "$1");
const PACKAGES = {
  "claude-code": "@anthropic-ai/claude-code@2.1.330",
  "gemini-cli": "@google/gemini-cli@0.61.0",
  opencode: "opencode-ai@1.18.33",
  codex: "@openai/codex@0.169.0",
  copilot: "@github/copilot@1.0.102",
};
const selected = (process.env.CADRE_HOSTS ?? Object.keys(PACKAGES).join(",")).split(",");
const cache = join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "cadre-host-clis");

function install() {
  const want = selected.map((h) => PACKAGES[h]);
  const missing = want.filter((spec) => {
    const name = spec.slice(0, spec.lastIndexOf("@"));
    const version = spec.slice(spec.lastIndexOf("@") + 1);
    const pj = join(cache, "node_modules", name, "package.json");
    return !existsSync(pj) || JSON.parse(readFileSync(pj, "utf8")).version !== version;
  });
  if (missing.length === 0) return;
  mkdirSync(cache, { recursive: true });
  console.log(`installing ${missing.join(" ")} into ${cache}`);
  const r = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--prefix", cache, ...missing], {
    stdio: "inherit",
  });
  if (r.status !== 0) throw new Error("npm install of the host CLIs failed");
}

const work = mkdtempSync(join(tmpdir(), "cadre-hosts-"));
const project = join(work, "web-app");
const home = join(work, "home");
const shims = join(work, "bin");
const env = {
  PATH: `${shims}:${join(cache, "node_modules", ".bin")}:${process.env.PATH}`,
  HOME: home,
  XDG_CONFIG_HOME: join(home, ".config"),
  XDG_DATA_HOME: join(home, ".local", "share"),
  XDG_STATE_HOME: join(home, ".local", "state"),
  XDG_CACHE_HOME: join(home, ".cache"),
  CODEX_HOME: join(home, ".codex"),
  GEMINI_CLI_TRUST_WORKSPACE: "true",
  NO_COLOR: "1",
  CI: "1",
};

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, {
    cwd: project,
    env,
    encoding: "utf8",
    timeout: 90_000,
    input: "",
    ...opts,
  });
  return { code: r.status, out: `${r.stdout ?? ""}${r.stderr ?? ""}`, stdout: r.stdout ?? "" };
}

/** What cadre wrote for each host, from cadre.lock: kind → [{name, description}]. */
function expected(host) {
  const lock = JSON.parse(readFileSync(join(project, "cadre.lock"), "utf8"));
  const out = {};
  for (const [path, e] of Object.entries(lock.files)) {
    if (!e.hosts.includes(host)) continue;
    for (const q of e.items) {
      const [, id] = q.split("/");
      const [kind, name] = id.split(":");
      const form = path.endsWith("/SKILL.md") ? "skill" : kind;
      out[form] ??= new Map();
      out[form].set(name, path);
    }
  }
  return Object.fromEntries(
    Object.entries(out).map(([k, m]) => [
      k,
      [...m].map(([name, path]) => ({ name, path, description: describe(path) })),
    ]),
  );
}

function describe(path) {
  const text = readFileSync(join(project, path), "utf8");
  if (path.endsWith(".toml")) return parseToml(text).description;
  const m = /^---\n([\s\S]*?)\n---/.exec(text);
  const line = m?.[1].split("\n").find((l) => l.startsWith("description:"));
  return line
    ? line
        .slice("description:".length)
        .trim()
        .replace(/^"(.*)"$/, "$1")
    : undefined;
}

const failures = [];
function check(host, ok, what) {
  if (!ok) failures.push(`${host}: ${what}`);
  console.log(`  ${ok ? "ok  " : "FAIL"} ${what}`);
}
const has = (text, s) => text.includes(s.slice(0, 80));

const HOST_CHECKS = {
  "claude-code": () => {
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
    for (const c of e.command ?? [])
      check("claude-code", init?.slash_commands?.includes(c.name), `command /${c.name} loaded`);
    for (const m of e.mcp ?? [])
      check(
        "claude-code",
        init?.mcp_servers?.some((x) => x.name === m.name),
        `MCP server ${m.name} listed`,
      );
    // Tool hooks need a model, but SessionStart hooks from .claude/settings.json run offline.
    const responses = events.filter((e) => e?.type === "system" && e.subtype === "hook_response");
    const boot = responses.find(
      (e) => e.hook_event === "SessionStart" && /cadre has installed/.test(e.output ?? ""),
    );
    check(
      "claude-code",
      boot?.exit_code === 0 && boot.outcome === "success",
      "cadre's SessionStart hook ran (`cadre hook session-bootstrap`) and answered with context",
    );
    check(
      "claude-code",
      responses.every((e) => e.outcome === "success"),
      `every hook that ran succeeded${responses.some((e) => e.outcome !== "success") ? `: ${JSON.stringify(responses)}` : ""}`,
    );
    const v = run("claude", ["plugin", "validate", "--strict", ".claude"]);
    check(
      "claude-code",
      v.code === 0,
      `claude plugin validate --strict .claude passes${v.code ? `:\n${v.out}` : ""}`,
    );
  },
  "gemini-cli": () => {
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
  },
  opencode: () => {
    const sk = run("opencode", ["debug", "skill"]);
    let skills = [];
    try {
      skills = JSON.parse(sk.stdout.slice(sk.stdout.indexOf("[")));
    } catch {}
    const e = expected("opencode");
    for (const s of e.skill ?? [])
      check(
        "opencode",
        skills.some((x) => x.name === s.name && x.description === s.description),
        `skill ${s.name} with its description`,
      );
    const cfg = run("opencode", ["debug", "config"]);
    check(
      "opencode",
      cfg.code === 0,
      `debug config exits 0${cfg.code ? `:\n${cfg.out.slice(0, 2000)}` : ""}`,
    );
    for (const a of e.agent ?? [])
      check("opencode", has(cfg.out, a.description), `agent ${a.name} with its description`);
    for (const c of e.command ?? [])
      check("opencode", has(cfg.out, c.description), `command ${c.name} with its description`);
    for (const m of e.mcp ?? [])
      check("opencode", cfg.out.includes(`"${m.name}"`), `MCP server ${m.name} in the config`);
    // OpenCode has no hook config: cadre's hooks are local plugins, which debug config lists once loaded.
    for (const h of e.hook ?? [])
      check("opencode", cfg.out.includes(`file://${join(project, h.path)}`), `hook plugin ${h.path} loaded`);
  },
  codex: () => {
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
  },
  copilot: () => {
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
  },
};

try {
  install();
  mkdirSync(shims, { recursive: true });
  writeFileSync(
    join(shims, "cadre"),
    `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, "bin", "cadre.js")}" "$@"\n`,
  );
  chmodSync(join(shims, "cadre"), 0o755);
  cpSync(join(ROOT, "examples", "web-app"), project, { recursive: true });
  const init = run(process.execPath, [
    join(ROOT, "bin", "cadre.js"),
    "init",
    "--yes",
    "--hosts",
    selected.join(","),
    "--source",
    "team-pack",
    "-q",
  ]);
  if (init.code !== 0) throw new Error(`cadre init failed:\n${init.out}`);
  const add = run(process.execPath, [
    join(ROOT, "bin", "cadre.js"),
    "add",
    "command:review",
    "hook:session-bootstrap",
    "hook:output-capture",
    "-q",
  ]);
  if (add.code !== 0) throw new Error(`cadre add failed:\n${add.out}`);
  for (const host of selected) {
    console.log(`${host} (${PACKAGES[host]})`);
    HOST_CHECKS[host]();
  }
} finally {
  if (!process.env.CADRE_KEEP) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}
if (failures.length) {
  console.error(`\n${failures.length} host checks failed:\n${failures.join("\n")}`);
  process.exit(1);
}
console.log("\nall host checks passed");
