import { buildIndex, indexStats, refreshPaths, summarizeIndex, watchIndex } from "../../app/index-build.js";
import { parsePage, resolveIndexTarget } from "../../app/index-open.js";
import {
  getSymbol,
  type LineSink,
  listAllSymbols,
  outlineFile,
  type SymbolView,
  searchCode,
  streamSymbols,
} from "../../app/index-query.js";
import { ExitCodes, usageError } from "../../core/errors.js";
import { displaySignature } from "../../index/fts.js";
import type { CommandRun } from "../command.js";
import { refreshText } from "../index-main.js";
import { envelope, type Io, table, writeJson } from "../io.js";
import { VERSION } from "../version.js";

const ACTIONS = [
  "build",
  "refresh",
  "watch",
  "stats",
  "search",
  "symbol",
  "symbols",
  "outline",
  "summarize",
] as const;

/** A progress bar on stderr, only on a terminal and never with --json or --quiet. */
function progress(io: Io): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY || io.json || io.quiet) return undefined;
  return (done, total) => {
    const w = 30;
    const f = total ? Math.round((done / total) * w) : w;
    io.err(`\r[${"#".repeat(f)}${"-".repeat(w - f)}] ${done}/${total} files${done >= total ? "\n" : ""}`);
  };
}

/** Lines to stdout with backpressure; a closed pipe (`| head`) ends the stream quietly. */
function lineSink(io: Io): LineSink {
  const out = io.stdout;
  if (!out)
    return {
      write: (l) => {
        io.out(l);
        return true;
      },
      drained: async () => {},
      closed: () => false,
    };
  let closed = false;
  out.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") closed = true;
    else throw e;
  });
  return {
    write: (l) => out.write(l),
    drained: () =>
      new Promise<void>((done) => {
        const end = () => {
          out.off("drain", end);
          out.off("close", end);
          done();
        };
        out.once("drain", end);
        out.once("close", end);
      }),
    closed: () => closed,
  };
}

const symLine = (s: SymbolView, c: Io["color"]) => [
  c.bold(s.qualname),
  c.dim(s.kind),
  `${s.path}:${s.line}-${s.endLine}`,
];

export const run: CommandRun = async (args, opts, io) => {
  const [action, ...rest] = args;
  if (!action || !(ACTIONS as readonly string[]).includes(action))
    throw usageError(`index needs an action: ${ACTIONS.join(", ")}`, "e.g. cadre index build");
  const t = resolveIndexTarget({ cwd: io.cwd, db: opts.db as string | undefined, env: io.env });
  const c = io.color;
  const arg = rest.join(" ").trim();
  const need = (what: string) => {
    if (!arg) throw usageError(`index ${action} needs ${what}`);
    return arg;
  };
  const page = () => parsePage(opts.limit, opts.offset);
  let data: unknown;
  let text = "";
  if (action === "refresh" && rest.length) {
    const r = await refreshPaths(t, rest);
    data = r;
    text = refreshText(r);
  } else if (action === "build" || action === "refresh") {
    const maxKb = opts.maxFileKb === undefined ? undefined : Number(opts.maxFileKb);
    if (maxKb !== undefined && !(maxKb > 0)) throw usageError("--max-file-kb needs a positive number");
    const r = await buildIndex(t, {
      full: action === "build",
      maxFileBytes: maxKb ? maxKb * 1024 : undefined,
      onProgress: progress(io),
    });
    if (r.rebuilt)
      io.err(
        `${c.yellow("note:")} the index database was unusable (${r.rebuilt}); rebuilt it from scratch\n`,
      );
    data = r;
    text = `${action === "build" ? "built" : "refreshed"} ${r.files} files, ${r.symbols} symbols in ${r.ms} ms (added ${r.added}, updated ${r.updated}, removed ${r.removed}, unchanged ${r.unchanged}${r.parseErrors ? `, ${r.parseErrors} parse errors` : ""})\n${c.dim(r.dbPath)}\n`;
  } else if (action === "watch") {
    // Runs until interrupted; one line (or one JSON envelope per line) per refresh.
    await watchIndex(t, {
      onRefresh: (r) => {
        if (r instanceof Error) io.err(`${c.red("refresh failed:")} ${r.message}\n`);
        else if (io.json) io.out(`${JSON.stringify(envelope("index watch", VERSION, r))}\n`);
        else if (io.quiet) return;
        else if (r.scope === "files") {
          if (r.paths.length)
            io.out(`refreshed ${r.paths.join(", ")}: ~${r.updated} -${r.removed} (${r.ms} ms)\n`);
        } else io.out(`refreshed: +${r.added} ~${r.updated} -${r.removed} (${r.files} files, ${r.ms} ms)\n`);
      },
    });
    return 0;
  } else if (action === "stats") {
    const r = await indexStats(t);
    data = r;
    text = `${r.files} files${r.generated ? ` (${r.generated} generated)` : ""}, ${r.symbols} symbols, ${r.summaries} summaries, ${(r.dbBytes / 1e6).toFixed(1)} MB, indexed ${r.indexedAt ?? "never"}\n${table(r.languages.map((l) => [l.language, `${l.files} files`, `${l.symbols} symbols`]))}\n`;
  } else if (action === "search") {
    const r = await searchCode(t, need("a query"), page(), opts.kind as string | undefined);
    data = r;
    text = `${table(r.symbols.map((s) => [...symLine(s, c), c.dim(s.signature)]))}\n${r.files.map((f) => `${c.cyan(f.path)}\n`).join("")}`;
  } else if (action === "symbol") {
    const r = await getSymbol(t, need("a name or id"), page());
    data = r;
    text = r.symbols
      .map(
        (s) =>
          `${symLine(s, c).join("  ")}\n  ${s.signature}\n${s.doc ? `  ${c.dim(s.doc)}\n` : ""}  ${c.dim(s.id)}\n`,
      )
      .join("");
  } else if (action === "symbols" && (opts.all === true || String(opts.limit) === "0")) {
    // JSON lines, one symbol each, with or without --json (no envelope: the output is a stream).
    if (opts.offset !== undefined && String(opts.offset) !== "0")
      throw usageError("--all streams every symbol; it takes no --offset");
    await streamSymbols(
      t,
      { glob: opts.path as string | undefined, kind: opts.kind as string | undefined },
      lineSink(io),
    );
    return 0;
  } else if (action === "symbols") {
    const r = await listAllSymbols(t, {
      ...page(),
      glob: opts.path as string | undefined,
      kind: opts.kind as string | undefined,
    });
    data = r;
    text = `${table(r.symbols.map((s) => symLine(s, c)))}\n${c.dim(`${r.offset + 1}-${r.offset + r.symbols.length} of ${r.total}`)}\n`;
  } else if (action === "outline") {
    const r = await outlineFile(t, need("a path"));
    data = r;
    text = `${c.bold(r.path)} ${c.dim(`${r.language}, ${r.lines} lines`)}\n${r.symbols.map((s) => `${"  ".repeat(s.depth + 1)}${displaySignature(s.kind, s.signature, s.name)} ${c.dim(`[${s.line}]`)}\n`).join("")}`;
  } else {
    // SIGTERM stops between two files like Ctrl-C (which main.ts answers there: no transaction is open).
    const stop = new AbortController();
    const onTerm = () => stop.abort();
    process.once("SIGTERM", onTerm);
    const r = await summarizeIndex(t, { signal: stop.signal, onProgress: progress(io) }).finally(() =>
      process.off("SIGTERM", onTerm),
    );
    data = r;
    text = `wrote ${r.written} summaries (${r.tokens} tokens), kept ${r.kept} unchanged\n`;
    if (r.interrupted) {
      io.err(
        `\ninterrupted after ${r.files} of ${r.total} files; their summaries are kept — run it again to finish\n`,
      );
      if (io.json) writeJson(io, envelope(`index ${action}`, VERSION, data));
      return ExitCodes.interrupted;
    }
  }
  if (io.json) writeJson(io, envelope(`index ${action}`, VERSION, data));
  else if (!io.quiet) io.out(text);
  return 0;
};
