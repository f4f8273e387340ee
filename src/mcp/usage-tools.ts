/**
 * Usage on the MCP server: the code and library tools' answers are measured into the active run (or the
 * project's usage log) — their tokens, and for an outline the tokens of the whole file it stands for — and `usage_report` serves
 * the same report as `cadre usage --json`. Recall measures its own answers (src/app/recall.ts).
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { usageReport } from "../app/usage.js";
import { countTokens } from "../core/tokens.js";
import { readInside } from "../index/read-inside.js";
import { recordAnswer } from "../runs/usage-log.js";

type Result = { content: Array<{ type: string; text?: string }>; isError?: boolean };
type Handler = (args: Record<string, unknown>, extra: unknown) => Promise<Result> | Result;
type Answer = (fn: () => Promise<unknown>) => Promise<{ content: Array<{ type: "text"; text: string }> }>;

/** The whole file an answer stands for (get_file_outline's path), when it can be read inside the root. */
async function fullOf(root: string, tool: string, args: Record<string, unknown>) {
  if (tool !== "get_file_outline" || typeof args.path !== "string") return {};
  const r = readInside(root, args.path.replace(/^\.\//, ""));
  return "text" in r ? { full_tokens: await countTokens(r.text), files: [args.path] } : {};
}

/**
 * The tools whose answers stand in for reading code or the library. Recall measures itself; the pipeline's
 * own tools (run_status, artifact_*, usage_report) are not measured, so they report a run without changing it.
 */
export const MEASURED_TOOLS = new Set([
  "search_code",
  "get_symbol",
  "get_file_outline",
  "repo_map",
  "search_library",
  "get_item",
]);

async function measure(root: string, tool: string, args: Record<string, unknown>, res: Result) {
  if (res.isError || !MEASURED_TOOLS.has(tool)) return;
  const text = res.content.map((c) => c.text ?? "").join("");
  await recordAnswer(root, { via: "mcp", tool, text, ...(await fullOf(root, tool, args)) });
}

/**
 * Wrap `server.registerTool` so that the measured tools registered after this call have their answers measured. A
 * measurement that fails (a locked or damaged run) never changes the answer.
 */
export function measureAnswers(server: McpServer, root: string): McpServer {
  const register = server.registerTool.bind(server) as unknown as (
    n: string,
    c: unknown,
    h: Handler,
  ) => unknown;
  (server as unknown as { registerTool: typeof register }).registerTool = (name, config, handler) =>
    register(name, config, async (args, extra) => {
      const res = await handler(args, extra);
      await measure(root, name, args ?? {}, res).catch(() => undefined);
      return res;
    });
  return server;
}

export function registerUsageTools(
  server: McpServer,
  root: string,
  env: NodeJS.ProcessEnv,
  answer: Answer,
): void {
  server.registerTool(
    "usage_report",
    {
      description:
        "Measured usage of the pipeline (a run, or every run and the project's usage log): per phase and role, tool output captured vs what the hook returned, recall/MCP answers served vs the full files they stand for, compactions, and what the figures cannot know. The same data as `cadre usage --json`.",
      inputSchema: {
        run: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
          .optional()
          .describe("a run id (default: every run and the project's usage log)"),
      },
    },
    (a) => answer(async () => usageReport({ cwd: root, env, run: a.run })),
  );
}
