import type { FormatId, Target } from "../hosts/define.js";
import { selector } from "../hosts/output.js";
import { list } from "./fields.js";
import type { RefPhrase, RenderItem } from "./formats.js";
import { mcpJsonEntry } from "./mcp.js";
import { rewriteRefs } from "./refs.js";

/** Keys an item owns in a shared JSON config (`DesiredKeys` entries). */
export type KeyEntry = { key: string[]; value: unknown };

/** A key renderer: one per JSON-config format, shared by every host that uses it. */
export type KeyRenderer = (ri: RenderItem, target: Target, refs?: RefPhrase) => KeyEntry[];

/** One MCP server under the host's servers key, in the host's entry shape. */
const mcpJson: KeyRenderer = ({ item }, target) => [
  {
    key: [...(target.mcp?.key ?? ["mcpServers"]), item.name],
    value: mcpJsonEntry(item, target.mcp),
  },
];

/** Tool names (Claude's vocabulary, as the library writes them) → Roo Code's tool groups. */
const ROO_GROUPS: Array<[RegExp, string]> = [
  [/^(read|grep|glob|ls|notebookread)$/i, "read"],
  [/^(edit|write|multiedit|notebookedit)$/i, "edit"],
  [/^(webfetch|websearch|browser)$/i, "browser"],
  [/^(bash|shell|command)$/i, "command"],
  [/^mcp(__|$)/i, "mcp"],
];
const ALL_GROUPS = ["read", "edit", "browser", "command", "mcp"];

/** The groups a tool list allows; no list means every group, and every mode can at least read. */
export function rooGroups(tools: readonly string[] | undefined): string[] {
  if (!tools?.length) return ALL_GROUPS;
  const out = new Set<string>(["read"]);
  for (const t of tools) for (const [re, g] of ROO_GROUPS) if (re.test(t.trim())) out.add(g);
  return ALL_GROUPS.filter((g) => out.has(g));
}

function title(name: string): string {
  return name
    .split("-")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}

/**
 * Roo puts `roleDefinition` at the start of the system prompt and `customInstructions` at the end: the
 * body's first paragraph (after its title) is the role, the rest the instructions.
 */
export function splitRole(body: string): { role: string; instructions?: string } {
  const text = body.trim().replace(/^#[^\n]*\n+/, "");
  const cut = text.search(/\n\s*\n/);
  if (cut < 0) return { role: text };
  const rest = text.slice(cut).trim();
  return { role: text.slice(0, cut).trim(), ...(rest ? { instructions: rest } : {}) };
}

/** A subagent as one Roo Code custom mode in `.roomodes`' `customModes` array, owned by its slug. */
const rooMode: KeyRenderer = ({ item }, _target, refs) => {
  const description = item.description.replace(/\s+/g, " ").trim();
  const { role, instructions } = splitRole(refs ? rewriteRefs(item.body, refs) : item.body);
  const tools = list(item.meta.tools);
  return [
    {
      key: ["customModes", selector("slug", item.name)],
      value: {
        slug: item.name,
        name: title(item.name),
        description: description.length > 160 ? `${description.slice(0, 157).trimEnd()}…` : description,
        roleDefinition: role || description,
        whenToUse: description,
        ...(instructions ? { customInstructions: instructions } : {}),
        groups: rooGroups(tools),
      },
    },
  ];
};

/**
 * An MCP server as one Goose extension (`extensions.<name>` in config.yaml, block/goose
 * `agents/extension.rs`): stdio `cmd`/`args`/`envs`, remote `streamable_http` with `uri`/`headers`. An env
 * entry whose value is exactly `${ITS_OWN_NAME}` becomes an `env_keys` name, which Goose reads from the
 * environment or its keyring; other values are written as given.
 */
const gooseExtension: KeyRenderer = ({ item }) => {
  const m = item.meta as { transport?: string; command?: string; args?: string[]; url?: string };
  const env = (item.meta.env ?? {}) as Record<string, string>;
  const headers = (item.meta.headers ?? {}) as Record<string, string>;
  const envKeys = Object.keys(env).filter((k) => env[k] === `\${${k}}`);
  const envs = Object.fromEntries(Object.entries(env).filter(([k]) => !envKeys.includes(k)));
  const common = {
    enabled: true,
    name: item.name,
    description: item.description.replace(/\s+/g, " ").trim(),
    ...(Object.keys(envs).length ? { envs } : {}),
    ...(envKeys.length ? { env_keys: envKeys } : {}),
    timeout: 300,
  };
  const value =
    m.transport === "stdio"
      ? { type: "stdio", ...common, cmd: m.command ?? "", args: m.args ?? [] }
      : {
          type: "streamable_http",
          ...common,
          uri: m.url ?? "",
          ...(Object.keys(headers).length ? { headers } : {}),
        };
  return [{ key: ["extensions", item.name], value }];
};

/** Formats that own keys of a shared config, and the config's syntax (`yaml`: YAML or JSON, see `codecFor`). */
export const KEY_RENDERERS: Partial<Record<FormatId, { entries: KeyRenderer; syntax?: "yaml" }>> = {
  "mcp-json": { entries: mcpJson },
  "agent-roomodes": { entries: rooMode, syntax: "yaml" },
  "mcp-goose": { entries: gooseExtension, syntax: "yaml" },
};
