#!/usr/bin/env node
// Host acceptance suite: sync examples/web-app with cadre, then ask each host's own CLI (installed from npm
// into a cache folder) whether it loads every item cadre wrote for it, by name and with its description.
// Each host's check is its own module in ./checks (id, pkg, check(ctx)); adding one adds a host here.
//   npm run test:hosts            (CADRE_HOSTS=claude-code,codex to run some)
// Offline: HOME, XDG_* and CODEX_HOME point at a scratch folder and API keys are unset (hosts.md §20).
import { spawnSync } from "node:child_process";
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

/**
 * @typedef {object} Ctx
 * @property {(cmd: string, args: string[], opts?: object) => {code: number|null, out: string, stdout: string}} run
 * @property {(host: string) => Record<string, {name: string, path: string, description?: string}[]>} expected
 * @property {(host: string, ok: boolean, what: string) => void} check
 * @property {(text: string, s: string) => boolean} has
 */
const ctx = {
  run,
  expected,
  check,
  has,
  project,
  home,
  env,
  parseToml,
  readFileSync,
  mkdirSync,
  writeFileSync,
  join,
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
    CHECKS[host].check(ctx);
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
