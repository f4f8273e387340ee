/**
 * `cadre usage`: read the recorded measurements (each run's events, the project's usage log) and hand them
 * to the pure aggregation (src/pipeline/usage.ts); `--html` writes the report page atomically.
 */
import { readdir } from "node:fs/promises";
import { resolve } from "node:path";
import { atomicWrite } from "../apply/fs.js";
import { ErrorCodes, UserError } from "../core/errors.js";
import { RUN_FILES, RUN_ID_PATTERN } from "../model/run.js";
import { USAGE_LOG } from "../model/usage.js";
import { aggregateUsage, type UsageReport, type UsageSource } from "../pipeline/usage.js";
import { usageHtml } from "../pipeline/usage-html.js";
import { readEvents, readProjectEvents, readWorkflow, runDir, runFolder } from "../runs/store.js";
import { layoutOf } from "./layout.js";

export interface UsageOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** One run only; default every run and the project's usage log. */
  run?: string;
  /** Write the report page here (relative to cwd). */
  html?: string;
  dryRun?: boolean;
  now?: () => Date;
}

export interface UsageResult extends UsageReport {
  /** Problems reading a run (its workflow), each naming the file; its events are still counted. */
  warnings: string[];
  html?: { path: string; bytes: number; written: boolean };
}

async function runSource(root: string, id: string, warnings: string[]): Promise<UsageSource> {
  await runDir(root, id);
  const read = await readEvents(root, id);
  for (const s of read.skipped)
    warnings.push(`${RUN_FILES.root}/${id}/${RUN_FILES.events}:${s.line}: skipped: ${s.reason}`);
  let roles: Record<string, string | undefined> | undefined;
  try {
    const wf = await readWorkflow(root, id);
    roles = Object.fromEntries(wf.phases.map((p) => [p.id, p.role]));
  } catch (e) {
    warnings.push(`${(e as Error).message}: roles are taken only from the events`);
  }
  return { run: id, roles, events: read.events, skipped: read.skipped.length };
}

/** The sources of the report: the run asked for, or every run (oldest first) and the project log. */
async function sourcesOf(root: string, run: string | undefined, warnings: string[]): Promise<UsageSource[]> {
  if (run) return [await runSource(root, run, warnings)];
  const out: UsageSource[] = [];
  const dir = await runFolder(root, RUN_FILES.root, false);
  const ids = dir
    ? (await readdir(dir, { withFileTypes: true }))
        .filter((e) => e.isDirectory() && RUN_ID_PATTERN.test(e.name))
        .map((e) => e.name)
        .sort()
    : [];
  for (const id of ids) out.push(await runSource(root, id, warnings));
  const log = await readProjectEvents(root);
  for (const s of log.skipped)
    warnings.push(`${USAGE_LOG.dir}/${USAGE_LOG.file}:${s.line}: skipped: ${s.reason}`);
  if (log.events.length > 0 || log.skipped.length > 0)
    out.push({ run: null, events: log.events, skipped: log.skipped.length });
  return out;
}

/** The measured usage of one run or of the whole project, and the report page when asked. */
export async function usageReport(o: UsageOptions): Promise<UsageResult> {
  const root = layoutOf({ cwd: o.cwd, env: o.env }).root;
  const warnings: string[] = [];
  const report = aggregateUsage(await sourcesOf(root, o.run, warnings));
  const result: UsageResult = { ...report, warnings };
  if (o.html !== undefined) {
    if (o.html.trim() === "") throw new UserError(ErrorCodes.usage, "--html needs a file name");
    const path = resolve(o.cwd, o.html);
    const page = usageHtml(report, { generated: (o.now ?? (() => new Date()))().toISOString() });
    if (!o.dryRun) await atomicWrite(path, page, { sync: true });
    result.html = { path, bytes: Buffer.byteLength(page), written: !o.dryRun };
  }
  return result;
}
