#!/usr/bin/env node
// Hook latency: what one `cadre hook` call costs a host, per tool call, beside Node's own start-up.
//   node bench/hooks/run.mjs [--runs 30] [--write]
// Each case spawns the process the way a host does (sh -c "<command>", JSON on stdin) in a temp project,
// `runs` times, interleaved; reports the median and p95 wall time. --write updates the "Hooks" section of
// docs/BENCHMARKS.md.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = new URL("../..", import.meta.url).pathname.replace(/^\/([A-Za-z]:)/, "$1");
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? def : Number(process.argv[i + 1]);
};
const RUNS = arg("runs", 30);

const base = mkdtempSync(join(tmpdir(), "cadre-bench-hooks-"));
const dir = join(base, "proj");
const bin = join(base, "bin");
mkdirSync(join(dir, "node_modules", ".bin"), { recursive: true });
mkdirSync(bin);
writeFileSync(join(dir, "cadre.yaml"), "hosts: [claude-code]\n");
writeFileSync(join(dir, "package.json"), '{"name":"p","private":true,"devDependencies":{"cadre":"*"}}\n');
// cadre on PATH (a global install) and as the project's devDependency.
writeFileSync(
  join(bin, "cadre"),
  `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, "bin", "cadre.js")}" "$@"\n`,
);
chmodSync(join(bin, "cadre"), 0o755);
symlinkSync(ROOT, join(dir, "node_modules", "cadre"));
symlinkSync(join("..", "cadre", "bin", "cadre.js"), join(dir, "node_modules", ".bin", "cadre"));
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: "1" };
// A second project with an active run of the quick workflow (in its clarify phase), for pipeline-gate.
const pdir = join(base, "pipe");
mkdirSync(pdir);
writeFileSync(join(pdir, "cadre.yaml"), "hosts: [claude-code]\n");
execFileSync(process.execPath, [join(ROOT, "bin", "cadre.js"), "run", "start", "--workflow", "quick"], {
  cwd: pdir,
  env,
});
const inRun = (tool, input) =>
  JSON.stringify({
    session_id: "bench",
    cwd: pdir,
    hook_event_name: "PreToolUse",
    tool_name: tool,
    tool_input: input,
  });

const pre = (command) =>
  JSON.stringify({
    session_id: "bench",
    cwd: dir,
    hook_event_name: "PreToolUse",
    tool_name: "Bash",
    tool_input: { command },
    tool_use_id: "t",
  });
const post = (stdout) =>
  JSON.stringify({
    session_id: "bench",
    cwd: dir,
    hook_event_name: "PostToolUse",
    tool_name: "Bash",
    tool_input: { command: "npm test" },
    tool_response: { stdout, stderr: "", interrupted: false },
  });

const fail = JSON.stringify({
  session_id: "bench",
  cwd: dir,
  hook_event_name: "PostToolUseFailure",
  tool_name: "Bash",
  tool_input: { command: "npm run build" },
  error: "Exit code 1",
});
// [name, command, stdin, what stdout must contain (a check that the case does what it says)]
const CASES = [
  ["`node -e 0` (Node start-up)", "node -e 0", "", ""],
  ["`cadre --version`", "cadre --version", "", "."],
  [
    "protected-paths, allowed (`git status`)",
    "cadre hook protected-paths --host claude-code",
    pre("git status"),
    "",
  ],
  [
    "protected-paths, denied (`rm cadre.lock`)",
    "cadre hook protected-paths --host claude-code",
    pre("rm cadre.lock"),
    '"deny"',
  ],
  [
    "protected-paths, allowed compound command (parse + walk)",
    "cadre hook protected-paths --host claude-code",
    pre('cd src && for f in *.ts; do grep -q TODO "$f" && echo "$f"; done | sort > /tmp/todo.txt'),
    "",
  ],
  [
    "protected-paths, denied (`bash -c` in `$(…)`, through a link)",
    "cadre hook protected-paths --host claude-code",
    pre("echo \"$(bash -c 'ln -s cadre.lock x; echo > x')\""),
    '"deny"',
  ],
  ["loop-cap on a failure (state read + atomic write)", "cadre hook loop-cap --host claude-code", fail, ""],
  [
    "output-capture, 200 KiB output (capture file + summary)",
    "cadre hook output-capture --host claude-code",
    post(`${"x".repeat(99)}\n`.repeat(2048)),
    ".cadre/captures/",
  ],
  [
    "pipeline-gate, no active run (Edit)",
    "cadre hook pipeline-gate --host claude-code",
    JSON.stringify({
      session_id: "bench",
      cwd: dir,
      hook_event_name: "PreToolUse",
      tool_name: "Edit",
      tool_input: { file_path: join(dir, "src/a.ts") },
    }),
    "",
  ],
  [
    "pipeline-gate, Edit denied in clarify (run read, event appended)",
    "cadre hook pipeline-gate --host claude-code",
    inRun("Edit", { file_path: join(pdir, "src/a.ts"), old_string: "a", new_string: "b" }),
    '"deny"',
  ],
  [
    "pipeline-gate, shell write denied in clarify (+ shell reader)",
    "cadre hook pipeline-gate --host claude-code",
    inRun("Bash", { command: "echo x > src/a.ts" }),
    '"deny"',
  ],
  [
    "pipeline-stop-gate, artifact missing (Stop blocked)",
    "cadre hook pipeline-stop-gate --host claude-code --handler pipeline-gate --event stop",
    JSON.stringify({ session_id: "bench", cwd: pdir, hook_event_name: "Stop", stop_hook_active: false }),
    '"block"',
  ],
  [
    "protected-paths via `npx --no-install cadre` (devDependency)",
    "npx --no-install cadre hook protected-paths --host claude-code",
    pre("git status"),
    "",
  ],
];

function once(command, input, expect) {
  const t = process.hrtime.bigint();
  const r = spawnSync("sh", ["-c", command], { cwd: dir, env, input, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${command} exited ${r.status}: ${r.stderr}`);
  if (expect === "" ? r.stdout !== "" && !command.startsWith("node") : !r.stdout.includes(expect))
    throw new Error(`${command}: unexpected output ${JSON.stringify(r.stdout.slice(0, 300))}`);
  return ms;
}

// Warm the file cache, then interleave the cases so machine load hits them alike. loop-cap gets a new
// session each run so that it never trips (the common case: one failure, state written).
for (const [, c, i, e] of CASES) once(c, i, e);
const times = CASES.map(() => []);
for (let r = 0; r < RUNS; r++)
  for (const [k, [, c, i, e]] of CASES.entries())
    times[k].push(once(c, i.replace('"session_id":"bench"', `"session_id":"b${r}"`), e));

const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
};
const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
const load = readFileSync("/proc/loadavg", "utf8").split(" ")[0];
const rows = CASES.map(
  ([name], k) => `| ${name} | ${q(times[k], 0.5).toFixed(0)} ms | ${q(times[k], 0.95).toFixed(0)} ms |`,
);
const node = q(times[0], 0.5);
const hook = q(times[2], 0.5);
const npx = q(times[CASES.length - 1], 0.5);
const section = [
  "## Hooks",
  "",
  `\`cadre hook\` runs on every tool call, so its start-up is the cost. \`node bench/hooks/run.mjs --runs ${RUNS} --write\` (\`bench/hooks/run.mjs\`) spawns each command the way a host does (\`sh -c\`, the payload on stdin) in a temp project, ${RUNS} times, the cases interleaved; median and p95 wall time. Node ${process.versions.node}, ${process.platform}-${process.arch}, commit ${commit}, load average ${load} at the end.`,
  "",
  "| call | median | p95 |",
  "|---|---|---|",
  ...rows,
  "",
  `A built-in hook costs ${(hook - node).toFixed(0)} ms over Node's own start-up (${hook.toFixed(0)} ms vs ${node.toFixed(0)} ms). Going through \`npx --no-install\` adds ${(npx - hook).toFixed(0)} ms to every tool call, which is why \`init\` tries the project's \`node_modules/.bin/cadre\` and \`cadre\` on PATH before it (docs/hooks.md).`,
  "",
].join("\n");
console.log(section);
if (process.argv.includes("--write")) {
  const p = join(ROOT, "docs", "BENCHMARKS.md");
  const doc = readFileSync(p, "utf8");
  const start = doc.indexOf("## Hooks\n");
  const next = start < 0 ? -1 : doc.indexOf("\n## ", start + 1);
  const out =
    start < 0
      ? `${doc.trimEnd()}\n\n${section}`
      : `${doc.slice(0, start)}${section}${next < 0 ? "" : doc.slice(next + 1)}`;
  writeFileSync(p, out);
  console.log(`wrote ${p}`);
}
rmSync(base, { recursive: true, force: true });
