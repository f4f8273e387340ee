import type { Target } from "../hosts/define.js";
import type { Item } from "../model/item.js";
import { tomlKey, tomlValue } from "./toml.js";

interface Server {
  transport: "stdio" | "http";
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  url?: string;
  headers?: Record<string, string>;
}

function server(item: Item): Server {
  return item.meta as unknown as Server;
}

function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(o).filter(
      ([, v]) => v !== undefined && !(typeof v === "object" && v !== null && Object.keys(v).length === 0),
    ),
  );
}

/** One MCP server entry in a host's JSON shape. */
export function mcpJsonEntry(
  item: Item,
  shape: NonNullable<Target["mcp"]>["shape"],
): Record<string, unknown> {
  const s = server(item);
  const stdio = s.transport === "stdio";
  switch (shape) {
    case "opencode":
      return stdio
        ? compact({
            type: "local",
            command: [s.command, ...(s.args ?? [])],
            environment: s.env,
            enabled: true,
          })
        : compact({ type: "remote", url: s.url, headers: s.headers, enabled: true });
    case "gemini":
      return stdio
        ? compact({ command: s.command, args: s.args, env: s.env })
        : compact({ httpUrl: s.url, headers: s.headers });
    default:
      return stdio
        ? compact({ type: "stdio", command: s.command, args: s.args, env: s.env })
        : compact({ type: "http", url: s.url, headers: s.headers });
  }
}

/** One `[mcp_servers.<name>]` table for Codex's config.toml. */
export function mcpTomlTable(item: Item): string {
  const s = server(item);
  const lines = [`[mcp_servers.${tomlKey(item.name)}]`];
  if (s.transport === "stdio") {
    lines.push(`command = ${tomlValue(s.command ?? "")}`);
    if (s.args?.length) lines.push(`args = ${tomlValue(s.args)}`);
    if (s.env && Object.keys(s.env).length) lines.push(`env = ${tomlValue(s.env)}`);
  } else {
    lines.push(`url = ${tomlValue(s.url ?? "")}`);
    if (s.headers && Object.keys(s.headers).length) lines.push(`http_headers = ${tomlValue(s.headers)}`);
  }
  return `${lines.join("\n")}\n`;
}
