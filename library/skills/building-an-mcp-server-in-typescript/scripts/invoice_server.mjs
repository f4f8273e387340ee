#!/usr/bin/env node
/**
 * A minimal MCP server over stdio with one typed tool, to copy from.
 *
 * Needs: Node 18+, and in the project: npm install @modelcontextprotocol/sdk zod
 * Run:   node scripts/invoice_server.mjs   (then speak MCP on stdin/stdout; logs go to stderr)
 * Check: python3 ../testing-an-mcp-server/scripts/mcp_probe.py --call invoice_total \
 *          --args '{"lines":[{"description":"a","cents":100}]}' -- node scripts/invoice_server.mjs
 *
 * In TypeScript the file is the same with a .ts extension: the handler's argument types are inferred
 * from the zod shapes, so `lines` is `{ description: string; cents: number }[]` without annotations.
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "invoices", version: "1.0.0" });

server.registerTool(
  "invoice_total",
  {
    title: "Invoice total",
    description: "Sum invoice line amounts (in cents) and apply a tax rate. Use before showing a total.",
    inputSchema: {
      lines: z.array(z.object({ description: z.string(), cents: z.number().int() })).min(1),
      taxRate: z.number().min(0).max(1).default(0).describe("Tax as a fraction, e.g. 0.2 for 20%"),
    },
    outputSchema: { subtotalCents: z.number(), taxCents: z.number(), totalCents: z.number() },
    annotations: { readOnlyHint: true },
  },
  async ({ lines, taxRate }) => {
    const subtotalCents = lines.reduce((sum, l) => sum + l.cents, 0);
    const taxCents = Math.round(subtotalCents * taxRate);
    const output = { subtotalCents, taxCents, totalCents: subtotalCents + taxCents };
    return { content: [{ type: "text", text: JSON.stringify(output) }], structuredContent: output };
  },
);

server.registerTool(
  "find_invoice",
  {
    title: "Find invoice",
    description: "Look up one invoice by its id (inv_...). Returns its status and amount, or an error if unknown.",
    inputSchema: { id: z.string().regex(/^inv_\w+$/) },
    annotations: { readOnlyHint: true },
  },
  async ({ id }) => {
    const invoice = id === "inv_123" ? { id, status: "paid", amountCents: 4200 } : undefined;
    if (!invoice) {
      // An expected failure is a result the model can read and act on, not a thrown exception.
      return { content: [{ type: "text", text: `No invoice ${id}. Check the id or search by customer.` }], isError: true };
    }
    return { content: [{ type: "text", text: JSON.stringify(invoice) }] };
  },
);

await server.connect(new StdioServerTransport());
console.error("invoices MCP server running on stdio"); // stderr: stdout carries the protocol
