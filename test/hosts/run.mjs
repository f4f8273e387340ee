#!/usr/bin/env node
// Host acceptance suite: install projects with cadre, then ask each host's own CLI (installed from npm into a
// cache folder) whether it loads every item cadre wrote for it, by name and with its description.
// Each host's check is its own module in ./checks (id, pkg, check(ctx)); adding one adds a host here.
// Two projects: `web-app` (examples/web-app and cadre's own content, every host with a check) and
// `marketplace` (test/fixtures/host-marketplace, a Claude Code plugin marketplace, installed into eight hosts).
//   npm run test:hosts            (CADRE_HOSTS=claude-code,codex and CADRE_PROJECTS=marketplace to run some)
// Offline: HOME, XDG_* and CODEX_HOME point at a scratch folder and API keys are unset (hosts.md §20).
import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";
import * as exportChecks from "./export-checks.mjs";

const ROOT = new URL("../..", import.meta.url).pathname.replace(/^\/([A-Za-z]:)/, "$1");
// One module per host in ./checks: `id`, `pkg` (exact npm spec of its CLI) and `check(ctx)`.
const CHECKS = Object.fromEntries(
  await Promise.all(
    readdirSync(new URL("./checks", import.meta.url))
      .filter((f) => f.endsWith(".mjs"))
      .sort()
      .map(async (f) => {
        const m = await import(new URL(`./checks/${f}`, import.meta.url).href);
        return [m.id, m];
      }),
  ),
);
const PACKAGES = Object.fromEntries(Object.entries(CHECKS).map(([id, m]) => [id, m.pkg]));
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
// A local model backend that refuses every request (offline-model.mjs), for CLIs that need one to start a session.
const model = spawn(process.execPath, [new URL("./offline-model.mjs", import.meta.url).pathname], {
  stdio: ["ignore", "pipe", "inherit"],
});
const modelUrl = `http://127.0.0.1:${await new Promise((ok) => model.stdout.once("data", (d) => ok(String(d).trim())))}/v1`;
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

function run(project, cmd, args, opts = {}) {
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

/** What cadre wrote for each host, from cadre.lock: kind → [{name, path, description}]. */
function expected(project, host) {
  const lock = JSON.parse(readFileSync(join(project, "cadre.lock"), "utf8"));
  const files = Object.entries(lock.files).filter(([, e]) => e.hosts.includes(host));
  // A skill folder's SKILL.md names the item; its scripts and other files do not.
  const skills = new Set(files.filter(([p]) => p.endsWith("/SKILL.md")).flatMap(([, e]) => e.items));
  const out = {};
  for (const [path, e] of files) {
    for (const q of e.items) {
      if (skills.has(q) && !path.endsWith("/SKILL.md")) continue;
      const [, id] = q.split("/");
      const [kind, name] = id.split(":");
      const form = path.endsWith("/SKILL.md") ? "skill" : kind;
      // A skill or command renamed at install (`<pack>-<name>`: a host built-in or a rival has the name) goes
      // by the name its file has.
      const file = (form === "skill" ? path.split("/").at(-2) : path.split("/").at(-1)) ?? "";
      const base = file.split(".")[0] ?? "";
      out[form] ??= new Map();
      const renamed = ["skill", "command"].includes(form) && base !== name && base.endsWith(`-${name}`);
      out[form].set(renamed ? base : name, path);
    }
  }
  return Object.fromEntries(
    Object.entries(out).map(([k, m]) => [
      k,
      [...m].map(([name, path]) => ({ name, path, description: describe(project, path) })),
    ]),
  );
}

/** The files cadre wrote for a host, from cadre.lock: [{path, items}]. */
function written(project, host) {
  const lock = JSON.parse(readFileSync(join(project, "cadre.lock"), "utf8"));
  return Object.entries(lock.files)
    .filter(([, e]) => e.hosts.includes(host))
    .map(([path, e]) => ({ path, items: e.items }));
}

function describe(project, path) {
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
let current = "";
function check(host, ok, what) {
  if (!ok) failures.push(`${current}: ${host}: ${what}`);
  console.log(`  ${ok ? "ok  " : "FAIL"} ${what}`);
}
const has = (text, s) => text.includes(s.slice(0, 80));

/**
 * @typedef {object} Ctx
 * @property {string} name  the project: "web-app" or "marketplace"
 * @property {string} project  its folder, the working directory of `run`
 * @property {(cmd: string, args: string[], opts?: object) => {code: number|null, out: string, stdout: string}} run
 * @property {(host: string) => Record<string, {name: string, path: string, description?: string}[]>} expected
 * @property {(host: string) => {path: string, items: string[]}[]} written  every file cadre wrote for a host
 * @property {string} modelUrl  an OpenAI-compatible base URL on 127.0.0.1 that answers every request with a 400
 * @property {(host: string, ok: boolean, what: string) => void} check
 * @property {(text: string, s: string) => boolean} has
 */
function contextOf(name, project) {
  return {
    name,
    project,
    run: (cmd, args, opts) => run(project, cmd, args, opts),
    expected: (host) => expected(project, host),
    written: (host) => written(project, host),
    modelUrl,
    check,
    has,
    home,
    env,
    parseToml,
    readFileSync,
    readdirSync,
    mkdirSync,
    writeFileSync,
    join,
  };
}

const cadre = (project, args) => {
  const r = run(project, process.execPath, [join(ROOT, "bin", "cadre.js"), ...args]);
  if (r.code !== 0) throw new Error(`cadre ${args.join(" ")} failed in ${project}:\n${r.out}`);
};

/** Each project: the hosts cadre installs it into (every selected host by default) and how. */
const PROJECTS = {
  "web-app": {
    setup(dir) {
      cpSync(join(ROOT, "examples", "web-app"), dir, { recursive: true });
      cadre(dir, ["init", "--yes", "--hosts", selected.join(","), "--source", "team-pack", "-q"]);
      cadre(dir, ["add", "command:cadre-review", "hook:session-bootstrap", "hook:output-capture", "-q"]);
    },
  },
  // issue 10: a marketplace of several plugins in six hosts (and Amp and Cline), then the hosts' own CLIs.
  marketplace: {
    hosts: ["claude-code", "gemini-cli", "codex", "copilot", "opencode", "cursor", "amp", "cline"],
    setup(dir) {
      cpSync(join(ROOT, "test", "fixtures", "host-marketplace"), join(work, "workshop-market"), {
        recursive: true,
      });
      mkdirSync(dir);
      writeFileSync(
        join(dir, "cadre.yaml"),
        `version: 1\nhosts: [${this.hosts.join(", ")}]\nsources: [../workshop-market]\nprofiles: []\ninclude: [workshop-market/*]\n`,
      );
      cadre(dir, ["sync", "-q"]);
      // The marketplace is a folder outside the project: its hooks and MCP commands run only once trusted.
      cadre(dir, ["trust", "../workshop-market", "-q"]);
    },
  },
  // issue 15: `cadre export` of a fixture pack to each target; the hosts' CLIs check the packages (export-checks.mjs).
  // issue 13: the pipeline profile with a run started; Claude Code's session starts with the run's brief.
  pipeline: {
    hosts: ["claude-code"],
    setup(dir) {
      mkdirSync(dir);
      cadre(dir, ["init", "--yes", "--hosts", "claude-code", "--profile", "pipeline", "-q"]);
      cadre(dir, ["run", "start", "--intent", "host check", "-q"]);
    },
  },
  // issue 14: a Next.js + Postgres project with compose on; role agents preload their stacks' modules.
  compose: {
    hosts: ["claude-code"],
    setup(dir) {
      mkdirSync(dir);
      const deps = { next: "15.0.0", react: "19.0.0", pg: "8.11.0" };
      writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "shop", dependencies: deps }));
      cadre(dir, ["init", "--yes", "--hosts", "claude-code", "--profile", "pipeline", "--compose", "-q"]);
    },
  },
  export: {
    hosts: ["claude-code", "gemini-cli", "codex"],
    check: exportChecks.check,
    setup(dir) {
      const src = join(work, "export-src");
      cpSync(join(ROOT, "test", "fixtures", "export-pack"), src, { recursive: true });
      mkdirSync(dir);
      for (const to of ["claude-plugin", "claude-marketplace", "gemini-extension", "codex-plugin"]) {
        cadre(dir, ["export", src, "--to", to, "--out", to, "-q"]);
        cadre(dir, ["export", src, "--out", to, "--check", "-q"]);
      }
      // From `cadre new` to a plugin: one item of every kind scaffolded into a new pack (its author from
      // git's user.name), exported as it was written.
      run(dir, "git", ["init", "-q"]);
      run(dir, "git", ["config", "user.name", "Host Check"]);
      for (const kind of [
        "skill",
        "agent",
        "command",
        "rule",
        "expertise",
        "hook",
        "mcp",
        "schema",
        "profile",
      ])
        cadre(dir, ["new", kind, `my-${kind}`, "--pack", "starter", "-q"]);
      for (const kind of ["template", "workflow"])
        cadre(dir, ["new", kind, `my-${kind}`, "--artifact", "my-schema", "--pack", "starter", "-q"]);
      cadre(dir, ["export", "starter", "--to", "claude-plugin", "--out", "starter-plugin", "-q"]);
      cadre(dir, ["export", "starter", "--out", "starter-plugin", "--check", "-q"]);
    },
  },
};
const projects = (process.env.CADRE_PROJECTS ?? Object.keys(PROJECTS).join(",")).split(",");
for (const p of projects)
  if (!PROJECTS[p]) throw new Error(`unknown project ${p} (${Object.keys(PROJECTS)})`);
for (const h of selected) if (!CHECKS[h]) throw new Error(`no check module for host ${h}`);

try {
  install();
  mkdirSync(shims, { recursive: true });
  writeFileSync(
    join(shims, "cadre"),
    `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, "bin", "cadre.js")}" "$@"\n`,
  );
  chmodSync(join(shims, "cadre"), 0o755);
  for (const name of projects) {
    const dir = join(work, name);
    const started = Date.now();
    PROJECTS[name].setup(dir);
    current = name;
    const ctx = contextOf(name, dir);
    for (const host of selected.filter((h) => !PROJECTS[name].hosts || PROJECTS[name].hosts.includes(h))) {
      console.log(`${name}: ${host} (${PACKAGES[host]})`);
      const t = Date.now();
      if (PROJECTS[name].check) PROJECTS[name].check(host, ctx);
      else CHECKS[host].check(ctx);
      console.log(`  (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    }
    console.log(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
} finally {
  model.kill();
  if (!process.env.CADRE_KEEP) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}
if (failures.length) {
  console.error(`\n${failures.length} host checks failed:\n${failures.join("\n")}`);
  process.exit(1);
}
console.log("\nall host checks passed");
