/**
 * The MCP tools for pipeline artifacts: `artifact_template` (a kind's template filled in for the run, not
 * written) and `artifact_validate` (files, or the run's artifacts, against their schemas). Thin: the work is
 * in src/app/artifact-new.ts and src/app/artifact-validate.ts.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { artifactTemplate } from "../app/artifact-new.js";
import { validateArtifacts } from "../app/artifact-validate.js";
import { usageError } from "../core/errors.js";
import { isSafeRelativePath } from "../core/names.js";
import { formatArtifactError } from "../pipeline/artifact.js";

type Answer = (fn: () => Promise<unknown>) => Promise<{ content: Array<{ type: "text"; text: string }> }>;

const runId = z.string().min(1).max(80).optional().describe("the run id (default: the active run)");

export function registerArtifactTools(server: McpServer, root: string, answer: Answer): void {
  server.registerTool(
    "artifact_template",
    {
      description:
        "The template for a pipeline artifact kind (spec, plan, …) with the run's fields filled in (run id, phase, role, time, iteration), and the path where it belongs in the run. Nothing is written.",
      inputSchema: { kind: z.string().min(1).max(80), run: runId },
    },
    (a) =>
      answer(async () => {
        const t = await artifactTemplate(root, a.kind, { run: a.run, now: new Date() });
        return `[${t.kind} · run ${t.run} · phase ${t.phase} · write to ${t.file}]\n${t.text}`;
      }),
  );
  server.registerTool(
    "artifact_validate",
    {
      description:
        "Validate pipeline artifacts (JSON, or Markdown whose frontmatter holds the fields) against their schemas: the given files, or every artifact of the run. Errors as file:line: <json pointer> <message>.",
      inputSchema: {
        files: z.array(z.string().min(1).max(1000)).max(50).optional().describe("project-relative paths"),
        run: runId,
      },
    },
    (a) =>
      answer(async () => {
        const outside = (a.files ?? []).find((f) => !isSafeRelativePath(f));
        if (outside) throw usageError(`not a path inside the project: ${outside}`);
        const r = await validateArtifacts(root, a.files ?? [], { run: a.run });
        return {
          valid: r.valid,
          run: r.run,
          results: r.results.map((x) => ({
            file: x.file,
            kind: x.kind,
            valid: x.valid,
            errors: x.errors.map(formatArtifactError),
          })),
        };
      }),
  );
}
