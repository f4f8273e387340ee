// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} is the syntax this module translates
import type { McpSecrets, McpSpec, Target } from "../hosts/define.js";
import type { Item } from "../model/item.js";
import { type SecretRef, secretParts, secretSites, showRef, wholeRef } from "../model/mcp-secrets.js";
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

/** Hosts whose MCP target says nothing about secrets: not known to expand, written as they are, with a warning. */
const UNKNOWN: McpSecrets = { form: "none", source: "", checked: "" };

/** How a reference reads in a host's syntax, or undefined when the syntax cannot hold it (a default). */
function writeRef(r: SecretRef, form: McpSecrets["form"]): string | undefined {
  switch (form) {
    case "shell":
    case "none":
      return showRef(r);
    case "plain":
      return r.fallback === undefined ? `\${${r.name}}` : undefined;
    case "env-colon":
      return r.fallback === undefined ? `\${env:${r.name}}` : undefined;
    case "braces-env":
      return r.fallback === undefined ? `{env:${r.name}}` : undefined;
    default:
      return undefined;
  }
}

function translate(value: string | undefined, form: McpSecrets["form"]): string | undefined {
  if (value === undefined) return undefined;
  return secretParts(value)
    .map((p) => (typeof p === "string" ? p : (writeRef(p, form) ?? showRef(p))))
    .join("");
}

function translateAll<T extends string[] | Record<string, string> | undefined>(
  v: T,
  form: McpSecrets["form"],
): T {
  if (!v) return v;
  if (Array.isArray(v)) return v.map((x) => translate(x, form) as string) as T;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, translate(x, form)])) as T;
}

/** One MCP server entry in a host's JSON shape, its secret references in the host's syntax. */
export function mcpJsonEntry(item: Item, spec: McpSpec | undefined): Record<string, unknown> {
  const raw = server(item);
  const form = (spec?.secrets ?? UNKNOWN).form;
  const s: Server = {
    ...raw,
    command: translate(raw.command, form),
    args: translateAll(raw.args, form),
    env: translateAll(raw.env, form),
    url: translate(raw.url, form),
    headers: translateAll(raw.headers, form),
  };
  const stdio = s.transport === "stdio";
  const local = { command: s.command, args: s.args, env: s.env };
  const remote = { url: s.url, headers: s.headers };
  const entry = (): Record<string, unknown> => {
    switch (spec?.shape) {
      case "opencode":
        return stdio
          ? { type: "local", command: [s.command, ...(s.args ?? [])], environment: s.env, enabled: true }
          : { type: "remote", ...remote, enabled: true };
      case "gemini":
        return stdio ? local : { httpUrl: s.url, headers: s.headers };
      case "zed":
        return stdio ? local : remote;
      case "windsurf":
        return stdio ? { type: "stdio", ...local } : { serverUrl: s.url, headers: s.headers };
      case "cline":
        return stdio ? { type: "stdio", ...local } : { type: "streamableHttp", ...remote };
      case "roo":
        return stdio ? { type: "stdio", ...local } : { type: "streamable-http", ...remote };
      default:
        return stdio ? { type: "stdio", ...local } : { type: "http", ...remote };
    }
  };
  return compact({ ...entry(), ...spec?.extra });
}

/** Codex's table for a server, or why Codex cannot take it: it expands no variables, it forwards them by name. */
function codexTable(item: Item): { text: string } | { problem: string } {
  const s = server(item);
  const lines = [`[mcp_servers.${tomlKey(item.name)}]`];
  const refIn = (v: string | undefined) =>
    v === undefined ? undefined : secretParts(v).find((p) => typeof p !== "string");
  const bad = (where: string, r: SecretRef, why: string) => ({
    problem: `Codex expands no variables in config.toml, and ${showRef(r)} in ${where} ${why}`,
  });
  if (s.transport === "stdio") {
    const inCmd = refIn(s.command);
    if (inCmd) return bad("command", inCmd, "cannot be passed to it");
    for (const [i, a] of (s.args ?? []).entries()) {
      const r = refIn(a);
      if (r) return bad(`args[${i}]`, r, "cannot be passed to it (it can only forward a variable into env)");
    }
    lines.push(`command = ${tomlValue(s.command ?? "")}`);
    if (s.args?.length) lines.push(`args = ${tomlValue(s.args)}`);
    const literal: Record<string, string> = {};
    const forward: string[] = [];
    for (const [k, v] of Object.entries(s.env ?? {})) {
      const r = refIn(v);
      if (!r) literal[k] = v;
      else if (r.fallback !== undefined)
        return bad(`env.${k}`, r, "has a default value, which Codex cannot hold");
      else if (wholeRef(v)?.name === k) forward.push(k);
      else if (wholeRef(v))
        return bad(
          `env.${k}`,
          r,
          `renames a variable: Codex forwards one only under its own name (env_vars)`,
        );
      else return bad(`env.${k}`, r, "stands inside other text, which Codex cannot fill in");
    }
    if (Object.keys(literal).length) lines.push(`env = ${tomlValue(literal)}`);
    if (forward.length) lines.push(`env_vars = ${tomlValue(forward)}`);
    return { text: `${lines.join("\n")}\n` };
  }
  const inUrl = refIn(s.url);
  if (inUrl) return bad("url", inUrl, "cannot be filled in (only headers take variables)");
  lines.push(`url = ${tomlValue(s.url ?? "")}`);
  const literal: Record<string, string> = {};
  const fromEnv: Record<string, string> = {};
  let bearer: string | undefined;
  for (const [h, v] of Object.entries(s.headers ?? {})) {
    const r = refIn(v);
    const whole = wholeRef(v);
    const token = /^bearer (.+)$/i.exec(v)?.[1];
    const bearerRef =
      h.toLowerCase() === "authorization" && token !== undefined ? wholeRef(token) : undefined;
    if (!r) literal[h] = v;
    else if (r.fallback !== undefined)
      return bad(`headers.${h}`, r, "has a default value, which Codex cannot hold");
    else if (bearerRef && bearer === undefined) bearer = bearerRef.name;
    else if (whole) fromEnv[h] = whole.name;
    else
      return bad(
        `headers.${h}`,
        r,
        "is neither the whole value (env_http_headers) nor `Authorization: Bearer ${VAR}` (bearer_token_env_var)",
      );
  }
  if (bearer) lines.push(`bearer_token_env_var = ${tomlValue(bearer)}`);
  if (Object.keys(literal).length) lines.push(`http_headers = ${tomlValue(literal)}`);
  if (Object.keys(fromEnv).length) lines.push(`env_http_headers = ${tomlValue(fromEnv)}`);
  return { text: `${lines.join("\n")}\n` };
}

/** One `[mcp_servers.<name>]` table for Codex's config.toml (callers check `mcpVerdict` first). */
export function mcpTomlTable(item: Item): string {
  const t = codexTable(item);
  if ("problem" in t) throw new Error(`mcpTomlTable: ${t.problem}`);
  return t.text;
}

/** Whether a host installs an MCP item as it reads secrets, and what to tell the user. */
export interface McpVerdict {
  /** Why the item is not installed for this host. */
  refuse?: string;
  /** A warning to show with the install: where the host may receive a reference literally. */
  warning?: string;
}

/** The verdict for one host's MCP target on one item. Pure. */
export function mcpVerdict(item: Item, target: Target, hostName: string): McpVerdict {
  if (target.format === "mcp-toml") {
    const t = codexTable(item);
    return "problem" in t ? { refuse: t.problem } : {};
  }
  const secrets = target.mcp?.secrets ?? UNKNOWN;
  const sites = secretSites(item.meta).flatMap((site) =>
    secretParts(site.value)
      .filter((p): p is SecretRef => typeof p !== "string")
      .map((ref) => ({ ...site, ref })),
  );
  if (sites.length === 0) return {};
  const noDefault = sites.find((x) => writeRef(x.ref, secrets.form) === undefined);
  if (noDefault)
    return {
      refuse: `${hostName} has no syntax for a default value: ${showRef(noDefault.ref)} in ${noDefault.at} (write \${${noDefault.ref.name}} and set the variable)`,
    };
  const warnings: string[] = [];
  if (secrets.form === "none")
    warnings.push(
      `${hostName} is not known to expand environment variables in its MCP config: ${sites.map((x) => `${showRef(x.ref)} in ${x.at}`).join(", ")} is written as it is, and the server may receive it literally`,
    );
  else {
    const outside = sites.filter((x) => secrets.fields && !secrets.fields.includes(x.field));
    if (outside.length)
      warnings.push(
        `${hostName} documents variable expansion only in ${secrets.fields?.join(", ")}: ${outside.map((x) => `${showRef(x.ref)} in ${x.at}`).join(", ")} may reach the server literally`,
      );
    if (secrets.caveat) warnings.push(secrets.caveat);
  }
  return warnings.length ? { warning: warnings.join("; ") } : {};
}
