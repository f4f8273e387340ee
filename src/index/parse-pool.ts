import { availableParallelism } from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { Language } from "./languages.js";
import { extractFile, loadGrammars } from "./parse.js";
import { withPrepared } from "./prepare.js";
import type { FileExtract } from "./types.js";

/**
 * Parsing, in-process or spread over worker threads. Workers load the same built module as this one
 * (nothing else to ship) and are used only from the built CLI and for jobs large enough to pay for start-up.
 */
export interface ParsePool {
  parse(lang: Language, text: string): Promise<FileExtract>;
  close(): Promise<void>;
}

function inlinePool(): ParsePool {
  return {
    async parse(lang, text) {
      await loadGrammars([lang]);
      return withPrepared(text, extractFile(lang, text));
    },
    async close() {},
  };
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
    } catch (e) {
      x = { language: msg.lang, symbols: [], refs: [], imports: [], error: (e as Error).message };
    }
    port.postMessage({ id: msg.id, x });
  });
}

function workerPool(n: number): ParsePool {
  const workers = Array.from(
    { length: n },
    () => new Worker(WORKER_SOURCE, { eval: true, workerData: { url: MODULE_URL, [WORKER_FLAG]: true } }),
  );
  const pending = new Map<number, (x: FileExtract) => void>();
  const load = new Array<number>(n).fill(0);
  let next = 0;
  workers.forEach((w, i) => {
    w.on("message", (m: { id: number; x: FileExtract }) => {
      load[i] = (load[i] ?? 1) - 1;
      pending.get(m.id)?.(m.x);
      pending.delete(m.id);
    });
    w.on("error", (e) => {
      for (const [id, resolve] of pending) {
        resolve({
          language: "text",
          symbols: [],
          refs: [],
          imports: [],
          error: `parser worker failed: ${e.message}`,
        });
        pending.delete(id);
      }
    });
  });
  return {
    parse(lang, text) {
      const id = next++;
      // The least-loaded worker takes the job.
      let w = 0;
      for (let i = 1; i < n; i++) if ((load[i] ?? 0) < (load[w] ?? 0)) w = i;
      load[w] = (load[w] ?? 0) + 1;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        workers[w]?.postMessage({ id, lang, text });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/**
 * Parser workers for big jobs when running from the built bundle; in-process otherwise (tests, small
 * refreshes). One core stays with the main thread, which reads files and writes SQLite while workers parse.
 * `CADRE_INDEX_THREADS=0` parses in-process; `N` uses N workers.
 */
export function openParsePool(jobs: number, env: NodeJS.ProcessEnv = process.env): ParsePool {
  const threads = Number(env.CADRE_INDEX_THREADS ?? Math.min(4, availableParallelism() - 1));
  const built = MODULE_URL.endsWith(".js");
  if (!built || jobs < 200 || !(threads >= 1)) return inlinePool();
  return workerPool(Math.floor(threads));
}
