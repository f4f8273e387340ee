import type { Diagnostic } from "../core/diagnostics.js";
import { isRecord, jsonSyntaxDiagnostic, parseJson } from "../core/json.js";
import { fileNameProblem } from "../core/names.js";
import type { Item } from "./item.js";

type Draft = Omit<Item, "tokens" | "hash" | "files" | "pack"> & { files?: string[] };

/** The server keys cadre keeps (as McpSchema fields); any other is reported, not silently lost. */
const KNOWN_KEYS = new Set(["type", "command", "args", "env", "url", "httpUrl", "headers"]);

/**
 * Variables that only the host's plugin installer defines: the folder a plugin or extension was installed
 * to (Claude Code `${CLAUDE_PLUGIN_ROOT}`/`${CLAUDE_PLUGIN_DATA}`, Gemini CLI `${extensionPath}`). A server
 * that needs one cannot run from a project's or user's MCP config, where nothing defines them.
 */
const PLUGIN_ROOT_VAR = /\$\{(CLAUDE_PLUGIN_ROOT|CLAUDE_PLUGIN_DATA|extensionPath)\}/;

const MANIFEST =
  /(^|\/)(\.claude-plugin\/plugin\.json|\.cursor-plugin\/plugin\.json|gemini-extension\.json)$/;

/** Where a plugin declares servers: `.mcp.json`, or `mcpServers` inline in its manifest. */
export function isPluginManifest(path: string): boolean {
  return MANIFEST.test(path);
}

/**
 * The MCP server items of a plugin file: a `.mcp.json` (`{mcpServers: {…}}` or the servers at the top level),
 * or a manifest (plugin.json, gemini-extension.json) whose `mcpServers` is an inline object. Values are kept
 * exactly: `${VAR}` references stay references, never expanded. Pure.
 */
export function pluginMcpItems(
  text: string,
  path: string,
  plugin: string | undefined,
): { items: Draft[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const r = parseJson(text);
  if (!r.ok) {
    diagnostics.push(jsonSyntaxDiagnostic(r, path));
    return { items: [], diagnostics };
  }
  const doc = isRecord(r.value) ? r.value : {};
  const servers = isPluginManifest(path) ? doc.mcpServers : isRecord(doc.mcpServers) ? doc.mcpServers : doc;
  if (!isRecord(servers)) return { items: [], diagnostics };
  const items: Draft[] = [];
  for (const [name, raw] of Object.entries(servers)) {
    const problem = (message: string) =>
      diagnostics.push({ rule: "load/mcp-server", severity: "warning", message, file: path });
    // Hosts take any config key; cadre needs a name it can also write as a file name (lint warns about
    // camelCase and `_`, as for other items).
    const bad = fileNameProblem(name);
    if (bad) {
      problem(`MCP server "${name}": the name ${bad}; not loaded`);
      continue;
    }
    const meta = serverMeta(name, raw, plugin, problem);
    if (!meta) continue;
    const body = JSON.stringify(meta, null, 2);
    items.push({
      id: `mcp:${name}`,
      kind: "mcp",
      name,
      path,
      meta,
      body,
      bodyLine: 1,
      text: body,
      description: meta.description as string,
      tags: ["plugin"],
    });
  }
  return { items, diagnostics };
}

/** One server entry → cadre's mcp fields (McpSchema); undefined, with a warning, when it has no usable shape. */
function serverMeta(
  name: string,
  raw: unknown,
  plugin: string | undefined,
  problem: (message: string) => void,
): Record<string, unknown> | undefined {
  if (!isRecord(raw)) {
    problem(`MCP server "${name}" is not an object; not loaded`);
    return undefined;
  }
  const dropped = Object.keys(raw).filter((k) => !KNOWN_KEYS.has(k));
  if (dropped.length)
    problem(`MCP server "${name}": ${dropped.join(", ")} not kept (cadre's mcp kind has no field for them)`);
  const from = plugin ? ` (from the ${plugin} plugin)` : "";
  const meta: Record<string, unknown> = { name, description: `MCP server ${name}${from}` };
  const url = str(raw.url) ?? str(raw.httpUrl);
  if (typeof raw.command === "string" && raw.command) {
    meta.transport = "stdio";
    meta.command = raw.command;
    const args = strings(raw.args);
    if (args === null) problem(`MCP server "${name}": args must be a list of strings; left out`);
    else if (args.length) meta.args = args;
    const env = stringMap(raw.env);
    if (env === null) problem(`MCP server "${name}": env values must be strings; left out`);
    else if (env) meta.env = env;
  } else if (url) {
    if (raw.type === "sse")
      problem(`MCP server "${name}" uses the SSE transport; installed as an http server`);
    meta.transport = "http";
    meta.url = url;
    const headers = stringMap(raw.headers);
    if (headers === null) problem(`MCP server "${name}": header values must be strings; left out`);
    else if (headers) meta.headers = headers;
  } else {
    problem(`MCP server "${name}" has neither a command nor a url; not loaded`);
    return undefined;
  }
  return meta;
}

/**
 * Why an MCP item cannot be installed into a project or user config, or undefined when it can: a command,
 * argument, env value, url or header that needs the plugin's install folder (`${CLAUDE_PLUGIN_ROOT}`).
 */
export function pluginRootUse(meta: Record<string, unknown>): string | undefined {
  const values = [
    meta.command,
    meta.url,
    ...(Array.isArray(meta.args) ? meta.args : []),
    ...Object.values(isRecord(meta.env) ? meta.env : {}),
    ...Object.values(isRecord(meta.headers) ? meta.headers : {}),
  ];
  for (const v of values) {
    const m = typeof v === "string" ? PLUGIN_ROOT_VAR.exec(v) : null;
    if (m)
      return (
        `it runs from \${${m[1]}}, the folder the host's plugin installer puts the plugin in, which no ` +
        "project or user MCP config defines; install the plugin itself (Claude Code: /plugin install)"
      );
  }
  return undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v ? v : undefined;
}

/** A list of strings; [] when absent; null when malformed. */
function strings(v: unknown): string[] | null {
  if (v === undefined) return [];
  return Array.isArray(v) && v.every((x) => typeof x === "string") ? v : null;
}

/** A map of strings; undefined when absent or empty; null when malformed. */
function stringMap(v: unknown): Record<string, string> | undefined | null {
  if (v === undefined) return undefined;
  if (!isRecord(v) || !Object.values(v).every((x) => typeof x === "string")) return null;
  return Object.keys(v).length ? (v as Record<string, string>) : undefined;
}
