#!/usr/bin/env node
/**
 * Freshness benchmark: how soon a changed file shows in answers.
 *   node bench/index/fresh.mjs [--corpus DIR] [--trials 40]
 * Default corpus: Django 3.2 from Debian's python3-django (installed when missing), copied to a temporary
 * folder and indexed once. Then, on files of at most 100 KB:
 * - warm, `cadre mcp` (one server over stdio, as a host runs it): a new function is appended to a file and,
 *   right after the write returns, `get_file_outline` asks for that file; and a line is inserted at the top of
 *   another and `get_symbol` asks for one of its definitions. Timed from the write to the answer that shows the
 *   change (a stale answer counts as a miss, and the table says how many). The same calls on unchanged files
 *   are timed too, as the floor.
 * - warm, `cadre index watch --json`: a function is appended and the time until watch reports the file
 *   re-indexed (its JSON line is written after the commit, so every later query sees it).
 * - cold, whole process: `cadre index refresh` after one appended function, against `node -e 0` and the
 *   in-process parse time of that file (`--json`'s `ms` is cadre's own time).
 * Prints a Markdown section. Never part of `npm test`; tests do not assert times.
 */
import { spawn, spawnSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "cadre.js");
const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : def);
const TRIALS = Number(opt("trials", "40"));
const DJANGO = "/usr/lib/python3/dist-packages/django";

function corpus() {
  const given = opt("corpus", undefined);
  if (given) return { from: resolve(given), what: given };
  if (!existsSync(DJANGO)) {
    const r = spawnSync(
      "sh",
      ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-django"],
      { stdio: "inherit" },
    );
    if (r.status !== 0) throw new Error("could not install python3-django; pass --corpus DIR");
  }
  return { from: DJANGO, what: "Django 3.2 (Debian python3-django)" };
}

const p = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : Number.NaN;
};
const ms = (x) => (Number.isFinite(x) ? x.toFixed(1) : "—");

function cadre(cwd, argv) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...argv, "--cwd", cwd], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`cadre ${argv.join(" ")} failed: ${r.stderr}`);
  return { wall: performance.now() - t, out: r.stdout };
}

/** Python files of at most 100 KB with a top-level `def`, in a fixed order (every other one, for spread). */
function pickFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith(".py")) continue;
    const abs = join(e.parentPath ?? e.path, e.name);
    const st = statSync(abs);
    if (st.size < 2_000 || st.size > 100_000) continue;
    const text = readFileSync(abs, "utf8");
    const def = /^def ([A-Za-z_]\w*)\(/m.exec(text);
    if (def) out.push({ path: relative(dir, abs).split("\\").join("/"), def: def[1] });
  }
  out.sort((a, b) => (a.path < b.path ? -1 : 1));
  return out.filter((_, i) => i % 2 === 0);
}

/** The line `get_symbol`'s JSON answer gives for this file's definition. */
const lineOf = (answer, f) => {
  try {
    return JSON.parse(answer).symbols.find((x) => x.path === f.path && x.name === f.def)?.line;
  } catch {
    return undefined;
  }
};
const text = (r) => (r.content ?? []).map((c) => c.text ?? "").join("\n");

async function warmMcp(dir, files) {
  const client = new Client({ name: "bench", version: "0" });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [BIN, "mcp", "--cwd", dir],
      stderr: "ignore",
    }),
  );
  const call = (name, a) => client.callTool({ name, arguments: a });
  await call("get_symbol", { name: files[0].def }); // first use: the server's initial refresh
  const res = { outline: [], outlineFloor: [], symbol: [], symbolFloor: [], stale: 0 };
  for (let i = 0; i < TRIALS; i++) {
    const f = files[i % files.length];
    const abs = join(dir, f.path);
    let t = performance.now();
    await call("get_file_outline", { path: f.path });
    res.outlineFloor.push(performance.now() - t);
    appendFileSync(abs, `\n\ndef cadre_probe_${i}():\n    return ${i}\n`);
    t = performance.now();
    const o = text(await call("get_file_outline", { path: f.path }));
    res.outline.push(performance.now() - t);
    if (!o.includes(`cadre_probe_${i}`)) res.stale++;
    // A line inserted at the top moves every definition down by one: the answer must show the new line.
    const g = files[(i + 7) % files.length];
    const gAbs = join(dir, g.path);
    t = performance.now();
    const before = text(await call("get_symbol", { name: g.def }));
    res.symbolFloor.push(performance.now() - t);
    const line = lineOf(before, g);
    writeFileSync(gAbs, `# cadre probe ${i}\n${readFileSync(gAbs, "utf8")}`);
    t = performance.now();
    const after = text(await call("get_symbol", { name: g.def }));
    res.symbol.push(performance.now() - t);
    if (line === undefined || lineOf(after, g) !== line + 1) res.stale++;
  }
  await client.close();
  return res;
}

async function warmWatch(dir, files) {
  const child = spawn(process.execPath, [BIN, "index", "watch", "--json", "--cwd", dir], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  let buf = "";
  const waiters = [];
  child.stdout.on("data", (d) => {
    buf += d;
    for (let i = buf.indexOf("\n"); i >= 0; i = buf.indexOf("\n")) {
      const line = JSON.parse(buf.slice(0, i));
      buf = buf.slice(i + 1);
      for (const w of waiters.splice(0)) w(line.data);
    }
  });
  const next = (pred, timeoutMs = 5000) =>
    new Promise((res) => {
      const timer = setTimeout(() => res(undefined), timeoutMs);
      const wait = (d) => {
        if (!pred(d)) return waiters.push(wait);
        clearTimeout(timer);
        res(d);
      };
      waiters.push(wait);
    });
  await next(() => true, 120_000); // the first refresh
  await new Promise((r) => setTimeout(r, 1000)); // recursive watches attach asynchronously
  const lat = [];
  let missed = 0;
  for (let i = 0; i < TRIALS; i++) {
    const f = files[(i + 3) % files.length];
    const seen = next((d) => d.scope === "files" && d.paths?.includes(f.path));
    const t = performance.now();
    appendFileSync(join(dir, f.path), `\n\ndef cadre_watch_probe_${i}():\n    return ${i}\n`);
    if (await seen) lat.push(performance.now() - t);
    else missed++;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill();
  return { lat, missed };
}

function cold(dir, files) {
  const node = [];
  const refresh = [];
  const inproc = [];
  const path = [];
  const pathInproc = [];
  for (let i = 0; i < Math.min(TRIALS, 15); i++) {
    let t = performance.now();
    spawnSync(process.execPath, ["-e", "0"]);
    node.push(performance.now() - t);
    const f = files[(i + 11) % files.length];
    appendFileSync(join(dir, f.path), `\n\ndef cadre_cold_probe_${i}():\n    return ${i}\n`);
    t = performance.now();
    const r = cadre(dir, ["index", "refresh", "--json"]);
    refresh.push(r.wall);
    inproc.push(JSON.parse(r.out).data.ms);
    appendFileSync(join(dir, f.path), `\n\ndef cadre_path_probe_${i}():\n    return ${i}\n`);
    const one = cadre(dir, ["index", "refresh", f.path, "--json"]);
    const d = JSON.parse(one.out).data;
    if (d.scope !== "files" || d.updated !== 1) throw new Error(`refresh ${f.path} did not re-index it`);
    path.push(one.wall);
    pathInproc.push(d.ms);
  }
  return { node, refresh, inproc, path, pathInproc };
}

/** One file's parse time in-process (the grammar loaded once first), median of 9: bench/index/parse-one.ts. */
function parseMs(dir, files) {
  const out = join(ROOT, "bench", ".corpus", "parse-one.mjs");
  const esbuild = join(ROOT, "node_modules", ".bin", "esbuild");
  const b = spawnSync(
    esbuild,
    [
      join(ROOT, "bench", "index", "parse-one.ts"),
      "--bundle",
      "--platform=node",
      "--format=esm",
      "--packages=external",
      `--outfile=${out}`,
      "--log-level=warning",
    ],
    { stdio: "inherit" },
  );
  if (b.status !== 0) throw new Error("could not bundle bench/index/parse-one.ts");
  const link = join(ROOT, "bench", ".corpus", "node_modules");
  if (!existsSync(link)) symlinkSync(join(ROOT, "node_modules"), link);
  const r = spawnSync(process.execPath, [out, join(dir, files[11].path), "python"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`parse-one failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const c = corpus();
const work = mkdtempSync(join(tmpdir(), "cadre-bench-fresh-"));
const dir = join(work, "corpus");
try {
  cpSync(c.from, dir, { recursive: true });
  const files = pickFiles(dir);
  const build = cadre(dir, ["index", "build", "-q"]);
  const mcp = await warmMcp(dir, files);
  const watch = await warmWatch(dir, files);
  const cl = cold(dir, files);
  const parse = parseMs(dir, files);
  const lines = [
    `Corpus: ${c.what}, ${files.length} candidate files of 2–100 KB; index built in ${(build.wall / 1000).toFixed(1)} s. ${TRIALS} trials, load average ${loadavg()[0].toFixed(2)}, Node ${process.versions.node}.`,
    "",
    "| measurement | p50 (ms) | p90 (ms) | stale or missed |",
    "|---|---:|---:|---:|",
    `| mcp \`get_file_outline\` right after a function is appended | ${ms(p(mcp.outline, 0.5))} | ${ms(p(mcp.outline, 0.9))} | ${mcp.stale} of ${TRIALS * 2} (both tools) |`,
    `| mcp \`get_file_outline\`, file unchanged (floor) | ${ms(p(mcp.outlineFloor, 0.5))} | ${ms(p(mcp.outlineFloor, 0.9))} | — |`,
    `| mcp \`get_symbol\` right after a line is inserted above it | ${ms(p(mcp.symbol, 0.5))} | ${ms(p(mcp.symbol, 0.9))} | (above) |`,
    `| mcp \`get_symbol\`, file unchanged (floor) | ${ms(p(mcp.symbolFloor, 0.5))} | ${ms(p(mcp.symbolFloor, 0.9))} | — |`,
    `| \`index watch\`: append → file reported re-indexed | ${ms(p(watch.lat, 0.5))} | ${ms(p(watch.lat, 0.9))} | ${watch.missed} of ${TRIALS} |`,
    `| cold: \`cadre index refresh\` after one appended function (whole process) | ${ms(p(cl.refresh, 0.5))} | ${ms(p(cl.refresh, 0.9))} | — |`,
    `| cold: the same, cadre's own time (\`--json\` ms) | ${ms(p(cl.inproc, 0.5))} | ${ms(p(cl.inproc, 0.9))} | — |`,
    `| cold: \`cadre index refresh <that file>\` (whole process, no walk) | ${ms(p(cl.path, 0.5))} | ${ms(p(cl.path, 0.9))} | — |`,
    `| cold: the same, cadre's own time | ${ms(p(cl.pathInproc, 0.5))} | ${ms(p(cl.pathInproc, 0.9))} | — |`,
    `| \`node -e 0\` | ${ms(p(cl.node, 0.5))} | ${ms(p(cl.node, 0.9))} | — |`,
    ...(parse
      ? [
          `| one file's parse in-process (${(parse.bytes / 1000).toFixed(0)} KB, grammar loaded) | ${ms(parse.ms)} | — | — |`,
        ]
      : []),
    "",
    `Cold target (≤ 2× \`node -e 0\` + the file's parse): ${parse ? ms(2 * p(cl.node, 0.5) + parse.ms) : "—"} ms; measured ${ms(p(cl.path, 0.5))} ms for \`refresh <file>\`, ${ms(p(cl.refresh, 0.5))} ms for a whole refresh.`,
  ];
  console.log(lines.join("\n"));
} finally {
  rmSync(work, { recursive: true, force: true });
}
