import { availableParallelism } from "node:os";
import { setFlagsFromString } from "node:v8";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { Language } from "./languages.js";
import { extractFile, loadGrammars } from "./parse.js";
import { withPrepared } from "./prepare.js";
import type { FileExtract } from "./types.js";

/**
 * Parsing, in-process or spread over worker threads. Workers load the same built module as this one
 * (nothing else to ship) and are used only from the built CLI and for jobs large enough to pay for start-up.
 * The main thread parses too, whenever every worker already has enough queued (see `saturated`): it only
 * writes SQLite otherwise, so this uses its idle time without another thread's memory.
 */
export interface ParsePool {
  /** Parse on a worker (or here, when there are none). */
  parse(lang: Language, text: string): Promise<FileExtract>;
  /**
   * Every worker has enough queued that the caller may parse a file of `chars` characters itself with
   * `parseHere` without any worker running dry meanwhile.
   */
  saturated(chars: number): boolean;
  /** Parse on this thread. */
  parseHere(lang: Language, text: string): Promise<FileExtract>;
  /** Idempotent. */
  close(): Promise<void>;
}

async function parseHere(lang: Language, text: string): Promise<FileExtract> {
  await loadGrammars([lang]);
  return withPrepared(text, extractFile(lang, text));
}

function inlinePool(): ParsePool {
  return { parse: parseHere, parseHere, saturated: () => false, async close() {} };
}

/** This module's URL: a parser worker imports it, which runs the loop below instead of the main program. */
const MODULE_URL: string = import.meta.url;
const WORKER_FLAG = "cadreParseWorker";
const WORKER_SOURCE = `import(require("node:worker_threads").workerData.url);`;

interface ParseRequest {
  id: number;
  lang: Language;
  text: string;
}

// The worker side. Guarded, so importing this module anywhere else has no effect.
if (!isMainThread && parentPort && (workerData as Record<string, unknown> | null)?.[WORKER_FLAG] === true) {
  const port = parentPort;
  port.on("message", async (msg: ParseRequest) => {
    let x: FileExtract;
    try {
      await loadGrammars([msg.lang]);
      x = withPrepared(msg.text, extractFile(msg.lang, msg.text));
      // One string crosses the thread boundary instead of thousands (structured clone is per value).
      if (x.prepared) x = { ...x, refs: [], prepared: { ...x.prepared, refsText: x.refs.join(" ") } };
    } catch (e) {
      x = { language: msg.lang, symbols: [], refs: [], imports: [], error: (e as Error).message };
    }
    port.postMessage({ id: msg.id, x });
  });
}

/**
 * The main thread parses a file itself only when every worker has at least this many jobs queued and
 * `QUEUE_COVER` times the file's characters: the workers stay busy while it parses (it cannot hand out
 * work meanwhile), a big file goes to a worker unless their queues are deep, and the main thread, which
 * also writes SQLite, takes a smaller share.
 */
const MIN_QUEUED = 6;
const QUEUE_COVER = 2;

function failed(lang: Language, message: string): FileExtract {
  return { language: lang, symbols: [], refs: [], imports: [], error: message };
}

function workerPool(n: number): ParsePool {
  interface Slot {
    worker: Worker;
    /** Jobs sent and not answered. */
    pending: Map<number, { lang: Language; text: string; resolve: (x: FileExtract) => void }>;
    /** Characters of the pending jobs. */
    chars: number;
    dead: boolean;
  }
  const slots: Slot[] = Array.from({ length: n }, () => ({
    worker: new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { url: MODULE_URL, [WORKER_FLAG]: true },
      // A small young generation: more frequent, cheaper scavenges, and a lower peak RSS per worker.
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GEN_MB },
    }),
    pending: new Map(),
    chars: 0,
    dead: false,
  }));
  let next = 0;
  let closed = false;
  for (const slot of slots) {
    slot.worker.on("message", (m: { id: number; x: FileExtract }) => {
      const job = slot.pending.get(m.id);
      if (!job) return;
      slot.pending.delete(m.id);
      slot.chars -= job.text.length;
      job.resolve(m.x);
    });
    // A worker that dies (out of memory on a pathological file, a crash) takes no more jobs; the jobs it
    // held are parsed here, so the build neither hangs nor loses the files.
    const fail = (why: string) => {
      if (slot.dead) return;
      slot.dead = true;
      slot.chars = 0;
      for (const [id, job] of slot.pending) {
        slot.pending.delete(id);
        if (closed) job.resolve(failed(job.lang, `parser worker stopped: ${why}`));
        else
          parseHere(job.lang, job.text).then(job.resolve, (e: Error) =>
            job.resolve(failed(job.lang, e.message)),
          );
      }
    };
    slot.worker.on("error", (e) => fail(e.message));
    slot.worker.on("exit", (code) => fail(`exit code ${code}`));
  }
  const live = () => slots.filter((s) => !s.dead);
  return {
    parse(lang, text) {
      // The live worker with the least queued text takes the job; with none left, parse here.
      let best: Slot | undefined;
      for (const s of live()) if (!best || s.chars < best.chars) best = s;
      if (!best) return parseHere(lang, text);
      const slot = best;
      const id = next++;
      return new Promise((resolve) => {
        slot.pending.set(id, { lang, text, resolve });
        slot.chars += text.length;
        slot.worker.postMessage({ id, lang, text });
      });
    },
    saturated: (chars) => live().every((s) => s.pending.size >= MIN_QUEUED && s.chars >= QUEUE_COVER * chars),
    parseHere,
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

/** Young-generation size of each parser worker (V8's default is 48 MiB on 64-bit). */
const YOUNG_GEN_MB = 24;

/**
 * V8 compiles WebAssembly with a fast baseline compiler, then recompiles hot functions with its optimising
 * one in the background. For a small job that second compile of a grammar's lexer (hundreds of
 * milliseconds for Bash or C++, and the process waits for it at exit) costs more than the faster code
 * saves (measured: a 1.2 MB Bash corpus builds with 40% less CPU on baseline code, a 5 MB Python one with
 * 15% more; a one-file `cadre index refresh <file>` took 190 ms with the optimising tier, 142 ms without),
 * so jobs under `OPTIMISE_MIN_BYTES` run baseline code only: the pool's jobs and `refresh-files.ts`'s. The
 * flags are process-wide and apply to grammars compiled afterwards (a big job's workers, and any the main
 * thread has not loaded).
 */
const OPTIMISE_MIN_BYTES = 2 * 1024 * 1024;
let baselineOnly = false;
export function tierFor(bytes: number): void {
  const small = bytes < OPTIMISE_MIN_BYTES;
  if (small === baselineOnly) return;
  // `--liftoff-only` also switches tier-up off (a flag implication); undo both explicitly.
  setFlagsFromString(small ? "--liftoff-only" : "--no-liftoff-only --wasm-tier-up --wasm-dynamic-tiering");
  baselineOnly = small;
}

/** A job this big (files or bytes to parse) pays for starting workers (≈ 0.1 s of CPU each). */
const POOL_MIN_FILES = 200;
const POOL_MIN_BYTES = 2 * 1024 * 1024;

/**
 * Parser workers for big jobs when running from the built bundle; in-process otherwise (tests, small
 * refreshes). One worker per spare core (up to 3); the main thread, which reads files and writes SQLite,
 * parses in its spare time (`saturated`). `CADRE_INDEX_THREADS=0` parses in-process; `N` uses N workers.
 */
export function openParsePool(
  job: { files: number; bytes: number },
  env: NodeJS.ProcessEnv = process.env,
): ParsePool {
  const threads = Number(env.CADRE_INDEX_THREADS ?? Math.min(3, availableParallelism() - 1));
  const built = MODULE_URL.endsWith(".js");
  const big = job.files >= POOL_MIN_FILES || job.bytes >= POOL_MIN_BYTES;
  tierFor(job.bytes);
  if (!built || !big || !(threads >= 1)) return inlinePool();
  return workerPool(Math.floor(threads));
}
