import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { composeCommand } from "../app/compose.js";
import { buildIndex } from "../app/index-build.js";
import { answerFresh } from "../app/index-fresh.js";
import { type IndexTarget, parsePage } from "../app/index-open.js";
import { getSymbol, outlineFile, searchCode } from "../app/index-query.js";
import { infoCommand } from "../app/info.js";
import { repoMap } from "../app/map.js";
import { parseLineRange, recall } from "../app/recall.js";
import { runStatus, runStatusJson } from "../app/runs.js";
import { searchCommand } from "../app/search.js";
import { UserError } from "../core/errors.js";
import { registerArtifactTools } from "./artifact-tools.js";
import { LineTransport } from "./transport.js";
import { measureAnswers, registerUsageTools } from "./usage-tools.js";

/**
 * The MCP server: code-index and library tools over stdio. Every tool validates its input (zod). Code tools
 * answer from fresh files: the files a query names or answers from are checked (a `stat` each) and
 * re-indexed when changed before the answer is given (`app/index-fresh.ts`); a full refresh, which also
 * finds new and deleted files, runs on first use and then at most every `refreshMs`.
 */

export interface McpOptions {
  target: IndexTarget;
  env: NodeJS.ProcessEnv;
  sources?: string[];
  version?: string;
  /** Minimum time between automatic refreshes of the index (default 15 s). */
  refreshMs?: number;
}

/** A lookup that finds nothing triggers a whole refresh at most this often. */
const MISS_REFRESH_MS = 250;

type ToolResult = { content: Array<{ type: "text"; text: string }>; isError?: boolean };

async function answer(fn: () => Promise<unknown>): Promise<ToolResult> {
  try {
    const v = await fn();
    return { content: [{ type: "text", text: typeof v === "string" ? v : JSON.stringify(v, null, 1) }] };
  } catch (e) {
    const msg =
      e instanceof UserError
        ? `${e.code}: ${e.message}${e.hint ? ` (hint: ${e.hint})` : ""}`
        : `error: ${(e as Error).message}`;
    return { content: [{ type: "text", text: msg }], isError: true };
  }
}

/**
 * Refresh the index on first use and then at most every `everyMs` (the server outlives many edits);
 * `force` refreshes now (a query that found nothing; `onMiss` limits how often).
 */
function refresher(t: IndexTarget, everyMs: number): (force?: boolean) => Promise<void> {
  let last = 0;
  let running: Promise<void> | undefined;
  return (force) => {
    if (!force && Date.now() - last < everyMs) return Promise.resolve();
    running ??= buildIndex(t, { full: false })
      .then(() => {
        last = Date.now();
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
}

export function createMcpServer(o: McpOptions): McpServer {
  const t = o.target;
  const fresh = refresher(t, o.refreshMs ?? 15_000);
  /** A lookup that found nothing: refresh the whole index (new files, new symbols), then ask again. */
  let missAt = 0;
  const onMiss = async () => {
    if (Date.now() - missAt < MISS_REFRESH_MS) return false;
    missAt = Date.now();
    await fresh(true);
    return true;
  };
  const answerCode = (fn: () => Promise<unknown>) =>
    answer(async () => {
      await fresh();
      return fn();
    });
  const server = measureAnswers(new McpServer({ name: "cadre", version: o.version ?? "0.0.0" }), t.root);
  const limit = z
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe("at most this many results (default 10)");
  const budget = z.number().int().min(1).max(64_000);
  server.registerTool(
    "search_code",
    {
      description:
        "Ranked full-text search of the repository: symbol names, signatures, doc comments and file content.",
      inputSchema: { query: z.string().min(1).max(400), kind: z.string().max(40).optional(), limit },
    },
    (a) =>
      answerCode(() =>
        answerFresh(t, () => searchCode(t, a.query, parsePage(a.limit ?? 10, 0), a.kind), {
          touched: (r) => [...r.symbols.map((x) => x.path), ...r.files.map((x) => x.path)],
          empty: (r) => r.symbols.length === 0 && r.files.length === 0,
          onMiss,
        }),
      ),
  );
  server.registerTool(
    "get_symbol",
    {
      description:
        "Definitions by name, qualified name (Class.method) or stable id: kind, path, line range, signature, doc.",
      inputSchema: { name: z.string().min(1).max(400), limit },
    },
    (a) =>
      answerCode(() =>
        answerFresh(t, () => getSymbol(t, a.name, parsePage(a.limit ?? 10, 0)), {
          touched: (r) => r.symbols.map((x) => x.path),
          onMiss,
        }),
      ),
  );
  server.registerTool(
    "get_file_outline",
    {
      description:
        "The nested outline of one file (repository-relative path): imports and every definition with its lines.",
      inputSchema: { path: z.string().min(1).max(1000) },
    },
    (a) =>
      answerCode(() =>
        answerFresh(t, () => outlineFile(t, a.path), { before: [a.path.replace(/^\.\//, "")], onMiss }),
      ),
  );
  server.registerTool(
    "recall",
    {
      description:
        "Tiered recall within a token budget: L0 one line, L1 structure, L2 exact source. Returns the most useful content that fits, the tier chosen and whether it is fresh.",
      inputSchema: {
        mode: z.enum(["file", "symbol", "query"]),
        target: z.string().min(1).max(1000).describe("a path, a symbol name or id, or search words"),
        budget: budget.optional().describe("token budget (default 2000)"),
        tier: z.enum(["L0", "L1", "L2"]).optional().describe("force this tier whatever the budget"),
        lines: z
          .string()
          .max(40)
          .optional()
          .describe(
            "file mode: exactly these lines, e.g. 10-20 (the file is re-indexed first if it changed)",
          ),
        context: z
          .number()
          .int()
          .min(0)
          .max(10_000)
          .optional()
          .describe("with lines: this many more either side"),
      },
    },
    (a) =>
      answerCode(async () => {
        const r = await recall(t, a.mode, a.target, {
          budget: a.budget ?? 2000,
          tier: a.tier,
          lines: parseLineRange(a.lines),
          context: a.context,
          via: "mcp",
        });
        const notes = r.notes.map((n) => `[note: ${n}]\n`).join("");
        return `[tier ${r.tier ?? "none"}${r.items.some((i) => i.partial) ? " (partial)" : ""} · ${r.tokens}/${r.budget} tokens · ${r.fresh ? "fresh" : "stale"}${r.omitted ? ` · ${r.omitted} left out` : ""}]\n${notes}${r.text}`;
      }),
  );
  server.registerTool(
    "repo_map",
    {
      description:
        "A map of the repository (files and their key symbols), ranked by the reference graph and cut to the budget.",
      inputSchema: {
        budget: budget.optional().describe("token budget (default 1024)"),
        focus: z
          .array(z.string().min(1).max(1000))
          .max(20)
          .optional()
          .describe("paths or symbol names to centre on"),
      },
    },
    (a) => answerCode(async () => (await repoMap(t, { budget: a.budget ?? 1024, focus: a.focus })).text),
  );
  server.registerTool(
    "search_library",
    {
      description: "Search cadre's library of skills, agents, commands and rules by what they do.",
      inputSchema: { query: z.string().min(1).max(400), kind: z.string().max(40).optional(), limit },
    },
    (a) =>
      answer(async () => {
        const r = await searchCommand({
          cwd: t.root,
          env: o.env,
          sources: o.sources,
          query: a.query,
          kind: a.kind,
          limit: a.limit ?? 10,
        });
        return r.results.map((x) => ({
          id: x.item.id,
          name: x.item.name,
          kind: x.item.kind,
          description: x.item.description,
          tokens: x.item.tokens,
        }));
      }),
  );
  server.registerTool(
    "get_item",
    {
      description: "One library item in full (metadata and body) by id, e.g. skill:test-driven-development.",
      inputSchema: { ref: z.string().min(1).max(400) },
    },
    (a) =>
      answer(async () => {
        const r = await infoCommand({ cwd: t.root, env: o.env, sources: o.sources, ref: a.ref });
        const i = r.item;
        return {
          id: i.id,
          name: i.name,
          kind: i.kind,
          description: i.description,
          tokens: i.tokens,
          body: i.body,
        };
      }),
  );
  server.registerTool(
    "run_status",
    {
      description:
        "The pipeline run (the active one, or the id given): phase, gate history, review-loop counts against their caps, each artifact and whether it validates, and the next step as a cadre command. The same data as `cadre run status --json`.",
      inputSchema: {
        id: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
          .optional()
          .describe("a run id (default: the active run)"),
      },
    },
    (a) => answer(async () => runStatusJson(await runStatus({ cwd: t.root, env: o.env }, a.id))),
  );
  server.registerTool(
    "compose_role",
    {
      description:
        "A pipeline role's prompt with the expertise modules for this project's stacks and the given concerns, within a token budget, and the proof of what was kept and dropped and why (also kept in the active run's artifacts). The same as `cadre compose <role> --json`.",
      inputSchema: {
        role: z.string().min(1).max(100).describe("executor, reviewer, planner, …"),
        mode: z.string().min(1).max(100).optional().describe("a role's mode, e.g. reviewer plan-review"),
        stacks: z.array(z.string().min(1).max(100)).max(50).optional().describe("instead of detecting"),
        concerns: z.array(z.string().min(1).max(100)).max(50).optional(),
        budget: budget.optional().describe("token ceiling of the modules"),
        max_modules: z.number().int().min(1).max(100).optional(),
        host: z.string().min(1).max(100).optional().describe("compose within this host's size limits"),
      },
    },
    (a) =>
      answer(async () => {
        const r = await composeCommand({
          cwd: t.root,
          env: o.env,
          sources: o.sources,
          role: a.role,
          ...(a.mode ? { mode: a.mode } : {}),
          stacks: a.stacks,
          concerns: a.concerns,
          tokens: a.budget,
          modules: a.max_modules,
          ...(a.host ? { host: a.host } : {}),
        });
        return { prompt: r.prompt, proof: r.proof, proofPath: r.proofPath ?? null, warnings: r.warnings };
      }),
  );
  registerArtifactTools(server, t.root, answer);
  registerUsageTools(server, t.root, o.env, answer);
  return server;
}

export async function serveMcp(o: McpOptions): Promise<void> {
  const server = createMcpServer(o);
  // Not the SDK's stdio transport: that one closes, and the server exits, on a message over 10 MiB.
  const transport = new LineTransport();
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
    process.stdin.once("end", () => resolve());
  });
  await server.connect(transport);
  await closed;
}
