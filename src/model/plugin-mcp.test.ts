// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} references in MCP configs are what these tests check
import { describe, expect, it } from "vitest";
import { pack } from "../../test/helpers/snapshot.js";
import { installNames } from "./catalog.js";
import type { Item } from "./item.js";
import { McpSchema } from "./kinds.js";
import { pluginRootUse } from "./plugin-mcp.js";

const mcps = (p: ReturnType<typeof pack>) => p.items.filter((i) => i.kind === "mcp");
const byName = (p: ReturnType<typeof pack>, name: string) => p.items.find((i) => i.name === name);
const PLUGIN = '{ "name": "harbour", "version": "1.0.0" }';

describe("plugin MCP servers (issue 10 item 5)", () => {
  it("loads .mcp.json in both forms: wrapped in mcpServers, or the servers at the top level", () => {
    const wrapped = pack({
      ".claude-plugin/plugin.json": PLUGIN,
      ".mcp.json": JSON.stringify({
        mcpServers: {
          tides: { command: "npx", args: ["-y", "tides-mcp"], env: { KEY: "${TIDES_KEY}" } },
          charts: {
            type: "http",
            url: "https://charts.example/mcp",
            headers: { Authorization: "Bearer ${T}" },
          },
        },
      }),
    });
    expect(
      mcps(wrapped)
        .map((i) => i.id)
        .sort(),
    ).toEqual(["mcp:charts", "mcp:tides"]);
    const tides = byName(wrapped, "tides");
    expect(tides?.meta).toMatchObject({ transport: "stdio", command: "npx", args: ["-y", "tides-mcp"] });
    // a ${VAR} reference stays a reference: never expanded, never a literal secret
    expect(tides?.meta.env).toEqual({ KEY: "${TIDES_KEY}" });
    expect(byName(wrapped, "charts")?.meta).toMatchObject({
      transport: "http",
      url: "https://charts.example/mcp",
      headers: { Authorization: "Bearer ${T}" },
    });
    for (const i of mcps(wrapped)) expect(McpSchema.safeParse(i.meta).success).toBe(true);

    const bare = pack({
      ".claude-plugin/plugin.json": PLUGIN,
      ".mcp.json": '{ "linear": { "type": "http", "url": "https://linear.example/mcp" } }',
    });
    expect(mcps(bare).map((i) => i.id)).toEqual(["mcp:linear"]);
    expect(bare.diagnostics).toEqual([]);
  });

  it("loads mcpServers inline in plugin.json, as a path in plugin.json, and in gemini-extension.json", () => {
    const inline = pack({
      ".claude-plugin/plugin.json": JSON.stringify({
        name: "harbour",
        mcpServers: { buoy: { command: "buoy-mcp" } },
      }),
    });
    expect(mcps(inline).map((i) => i.id)).toEqual(["mcp:buoy"]);
    const pointed = pack({
      ".claude-plugin/plugin.json": '{ "name": "harbour", "mcpServers": "./config/servers.json" }',
      "config/servers.json": '{ "mooring": { "type": "sse", "url": "https://m.example/sse" } }',
    });
    expect(byName(pointed, "mooring")?.meta).toMatchObject({
      transport: "http",
      url: "https://m.example/sse",
    });
    expect(pointed.diagnostics.map((d) => d.message)).toEqual([
      'MCP server "mooring" uses the SSE transport; installed as an http server',
    ]);
    const gemini = pack({
      "gemini-extension.json": JSON.stringify({
        name: "soundings",
        version: "1.0.0",
        mcpServers: {
          depth: { command: "node", args: ["${extensionPath}/server.js"] },
          remote: { httpUrl: "https://r.example/mcp" },
        },
      }),
    });
    expect(mcps(gemini).map((i) => i.id)).toEqual(["mcp:depth", "mcp:remote"]);
    expect(byName(gemini, "remote")?.meta).toMatchObject({ transport: "http", url: "https://r.example/mcp" });
    const extra = pack({
      "gemini-extension.json": JSON.stringify({
        name: "soundings",
        mcpServers: { depth: { command: "depth-mcp", cwd: "./srv", timeout: 5000 } },
      }),
    });
    expect(extra.diagnostics.map((d) => `${d.severity} ${d.message}`)).toEqual([
      `warning MCP server "depth": cwd, timeout not kept (cadre's mcp kind has no field for them)`,
    ]);
  });

  it("reports a server it cannot load, and a JSON syntax error with its line, without dropping the rest", () => {
    const p = pack({
      ".claude-plugin/plugin.json": PLUGIN,
      ".mcp.json": JSON.stringify({ ok: { command: "x" }, "bad name/x": { command: "y" }, empty: {} }),
    });
    expect(mcps(p).map((i) => i.name)).toEqual(["ok"]);
    expect(p.diagnostics.map((d) => d.rule)).toEqual(["load/mcp-server", "load/mcp-server"]);
    const broken = pack({ ".claude-plugin/plugin.json": PLUGIN, ".mcp.json": '{ "a": { "command": ' });
    expect(broken.diagnostics[0]).toMatchObject({ rule: "load/json-syntax", severity: "error", line: 1 });
  });

  it("loads servers named as hosts take them (camelCase in gemini-cli-extensions/security)", () => {
    const p = pack({
      "gemini-extension.json": JSON.stringify({
        name: "scanner",
        version: "0.1.0",
        mcpServers: { scanServer: { command: "node", args: ["srv.js"] }, osv_tool: { command: "osv" } },
      }),
    });
    expect(mcps(p).map((i) => i.name)).toEqual(["scanServer", "osv_tool"]);
    expect(p.diagnostics.filter((d) => d.rule === "load/mcp-server")).toEqual([]);
  });

  it("names the plugin-root variable a server needs, which no project or user MCP config defines", () => {
    expect(pluginRootUse({ command: "node", args: ["${CLAUDE_PLUGIN_ROOT}/s.js"] })).toMatch(
      /CLAUDE_PLUGIN_ROOT.*plugin install/,
    );
    expect(pluginRootUse({ command: "node", args: ["${extensionPath}/s.js"] })).toMatch(/extensionPath/);
    expect(pluginRootUse({ command: "npx", env: { K: "${KEY}" } })).toBeUndefined();
  });
});

describe("one name, several items (issue 10 item 6)", () => {
  const market = () =>
    pack({
      ".claude-plugin/marketplace.json": JSON.stringify({
        name: "market",
        plugins: [
          { name: "alpha", source: "./plugins/alpha" },
          { name: "beta", source: "./plugins/beta" },
        ],
      }),
      "plugins/alpha/commands/help.md": "---\ndescription: Alpha help\n---\nAlpha.\n",
      "plugins/beta/commands/help.md": "---\ndescription: Beta help\n---\nBeta.\n",
    });

  it("loads both plugins' commands of one name, as <plugin>-<name>, and says so", () => {
    const p = market();
    expect(p.items.map((i) => i.id).sort()).toEqual(["command:alpha-help", "command:beta-help"]);
    expect(byName(p, "alpha-help")?.description).toBe("Alpha help");
    const why = p.discovery?.filter((r) => r.rule.startsWith("one name in several plugins"));
    expect(why?.map((r) => r.note)).toEqual([
      "alpha:command:help loaded as command:alpha-help (also in beta)",
      "beta:command:help loaded as command:beta-help (also in alpha)",
    ]);
  });

  const item = (pack: string, kind: Item["kind"], name: string) =>
    ({ id: `${kind}:${name}`, kind, name, pack }) as Item;

  it("gives colliding install names <pack>-<name>, then -<kind> for a skill and a command of one pack", () => {
    const names = installNames([
      item("a", "command", "help"),
      item("b", "command", "help"),
      item("a", "skill", "setup"),
      item("a", "command", "setup"),
      item("a", "agent", "setup"),
      item("a", "mcp", "github"),
    ]);
    expect(Object.fromEntries([...names].map(([k, v]) => [k, v.to]))).toEqual({
      "a/command:help": "a-help",
      "b/command:help": "b-help",
      "a/skill:setup": "setup-skill",
      "a/command:setup": "setup-command",
    });
    expect(names.get("a/command:help")?.rivals).toEqual(["b/command:help"]);
    // stable: the same selection in another order gives the same names
    const again = installNames([item("b", "command", "help"), item("a", "command", "help")]);
    expect(again.get("a/command:help")?.to).toBe("a-help");
  });
});

describe("a plugin named after its item keeps the name", () => {
  it("agent code-simplifier of plugin code-simplifier stays; the other plugin's copy is <plugin>-<name>", () => {
    const p = pack({
      ".claude-plugin/marketplace.json": JSON.stringify({
        name: "market",
        plugins: [
          { name: "code-simplifier", source: "./plugins/code-simplifier" },
          { name: "review-kit", source: "./plugins/review-kit" },
        ],
      }),
      "plugins/code-simplifier/agents/code-simplifier.md":
        "---\nname: code-simplifier\ndescription: A.\n---\nA.\n",
      "plugins/review-kit/agents/code-simplifier.md":
        "---\nname: code-simplifier\ndescription: B.\n---\nB.\n",
    });
    expect(p.items.map((i) => `${i.id} ${i.description}`).sort()).toEqual([
      "agent:code-simplifier A.",
      "agent:review-kit-code-simplifier B.",
    ]);
  });
});
