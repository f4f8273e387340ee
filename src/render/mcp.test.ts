// biome-ignore-all lint/suspicious/noExplicitAny: parsed host configs are read field by field
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} references in MCP configs are what these tests check
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { hostSupport } from "../app/info.js";
import type { HostDef } from "../hosts/define.js";
import type { Desired, DesiredKeys } from "../hosts/output.js";
import { HOSTS } from "../hosts/registry.js";
import type { Item } from "../model/item.js";
import { planSync } from "../plan/plan.js";
import { emptyLock } from "../plan/types.js";
import { renderAll } from "./compose.js";

function mcp(name: string, meta: Record<string, unknown>): Item {
  const description = `The ${name} server, for tests.`;
  return {
    id: `mcp:${name}`,
    kind: "mcp",
    name,
    pack: "p",
    path: `mcp/${name}.yaml`,
    meta: { name, description, ...meta },
    body: "",
    bodyLine: 1,
    text: "",
    description,
    tags: [],
    files: [`mcp/${name}.yaml`],
    hash: "h",
    tokens: 10,
  };
}

/** A secret in env, one in a bearer header, one in a whole-value header, one in the url. */
const local = mcp("docs", {
  transport: "stdio",
  command: "npx",
  args: ["-y", "docs-mcp"],
  env: { DOCS_TOKEN: "${DOCS_TOKEN}" },
});
const remote = mcp("issues", {
  transport: "http",
  url: "https://mcp.example.com/issues",
  headers: { Authorization: "Bearer ${ISSUES_TOKEN}", "X-Team": "${ISSUES_TEAM}" },
});
const inUrl = mcp("metrics", {
  transport: "http",
  url: "https://metrics.example.com/mcp?project=${METRICS_PROJECT}",
});

function render(host: HostDef, items: Item[], scope: "project" | "user" = "user") {
  return renderAll(
    items.map((item) => ({ item })),
    [host],
    { scope, home: "/home/u" },
  );
}

/** The server entries a JSON host gets, by server name. */
function entries(host: HostDef, items: Item[], scope: "project" | "user" = "user"): Record<string, any> {
  const out: Record<string, any> = {};
  for (const d of render(host, items, scope).desired)
    if (d.type === "keys") for (const e of d.entries) out[e.key[e.key.length - 1] as string] = e.value;
  return out;
}

function notesFor(host: HostDef, items: Item[], name: string, scope: "project" | "user" = "user") {
  return render(host, items, scope)
    .notes.filter((n) => n.item === `p/mcp:${name}`)
    .map((n) => `${n.level}: ${n.message}`);
}

/** Per host: how a reference to VAR is written in env, headers and url. */
const FORMS: Array<[string, (v: string) => string]> = [
  ["claude-code", (v) => `\${${v}}`],
  ["gemini-cli", (v) => `\${${v}}`],
  ["copilot", (v) => `\${${v}}`],
  ["cursor", (v) => `\${env:${v}}`],
  ["devin", (v) => `\${env:${v}}`],
  ["roo", (v) => `\${env:${v}}`],
  ["cline", (v) => `\${env:${v}}`],
  ["opencode", (v) => `{env:${v}}`],
  ["kiro", (v) => `\${${v}}`],
  ["crush", (v) => `\${${v}}`],
  ["qwen-code", (v) => `\${${v}}`],
];

describe("MCP secret references, per host", () => {
  it.each(FORMS)("%s writes env, header and url references in its own syntax", (id, ref) => {
    const host = HOSTS[id as keyof typeof HOSTS] as HostDef;
    const scope = host.targets.mcp?.path.project ? "project" : "user";
    const e = entries(host, [local, remote, inUrl], scope);
    const env = e.docs.env ?? e.docs.environment;
    expect(env).toEqual({ DOCS_TOKEN: ref("DOCS_TOKEN") });
    expect(e.issues.headers).toEqual({
      Authorization: `Bearer ${ref("ISSUES_TOKEN")}`,
      "X-Team": ref("ISSUES_TEAM"),
    });
    expect(e.metrics.url ?? e.metrics.httpUrl ?? e.metrics.serverUrl).toBe(
      `https://metrics.example.com/mcp?project=${ref("METRICS_PROJECT")}`,
    );
  });

  it("Codex forwards env by name and takes headers from variables, never a literal ${VAR}", () => {
    const { desired, notes } = render(HOSTS.codex, [local, remote, inUrl]);
    const block = desired.find((d) => d.path.endsWith("config.toml"));
    const toml = parseToml((block as { content: string }).content) as any;
    expect(toml.mcp_servers.docs).toEqual({
      command: "npx",
      args: ["-y", "docs-mcp"],
      env_vars: ["DOCS_TOKEN"],
    });
    expect(toml.mcp_servers.issues).toEqual({
      url: "https://mcp.example.com/issues",
      bearer_token_env_var: "ISSUES_TOKEN",
      env_http_headers: { "X-Team": "ISSUES_TEAM" },
    });
    expect(JSON.stringify(toml)).not.toContain("${");
    // A url cannot take a variable in Codex: the server is not installed there, and the note says why.
    expect(toml.mcp_servers.metrics).toBeUndefined();
    const why = notes.filter((n) => n.item === "p/mcp:metrics");
    expect(why).toHaveLength(1);
    expect(why[0]?.level).toBe("warning");
    expect(why[0]?.message).toMatch(/not installed: .*\$\{METRICS_PROJECT\} in url/);
  });

  it.each([
    ["a secret inside an argument", { args: ["--token=${T}"] }, /args/],
    ["an env value naming another variable", { env: { API_KEY: "${OTHER_KEY}" } }, /OTHER_KEY/],
    ["an env value with text around the reference", { env: { DSN: "pg://u:${PW}@db" } }, /DSN/],
    ["a default value", { env: { REGION: "${REGION:-eu}" } }, /default/],
  ])("Codex refuses %s, with a note", (_what, extra, re) => {
    const s = mcp("odd", { transport: "stdio", command: "srv", ...extra });
    const { desired } = render(HOSTS.codex, [s]);
    expect(desired.some((d) => d.items.includes("p/mcp:odd"))).toBe(false);
    const why = notesFor(HOSTS.codex, [s], "odd");
    expect(why.join("\n")).toMatch(re);
    expect(why[0]).toMatch(/^warning: not installed/);
  });

  it("Codex keeps literal env values and headers as they are", () => {
    const s = mcp("plain", { transport: "stdio", command: "srv", env: { MODE: "fast" } });
    const h = mcp("plainh", {
      transport: "http",
      url: "https://x.example/mcp",
      headers: { "X-Client": "cadre" },
    });
    const block = render(HOSTS.codex, [s, h]).desired.find((d) => d.path.endsWith("config.toml"));
    const toml = parseToml((block as { content: string }).content) as any;
    expect(toml.mcp_servers.plain.env).toEqual({ MODE: "fast" });
    expect(toml.mcp_servers.plainh.http_headers).toEqual({ "X-Client": "cadre" });
  });

  it("Crush shell-expands every field, defaults and arguments included: no warning", () => {
    const s = mcp("region", {
      transport: "stdio",
      command: "srv",
      args: ["--token=${T}"],
      env: { REGION: "${REGION:-eu}" },
    });
    expect(entries(HOSTS.crush, [s], "project").region).toMatchObject({
      args: ["--token=${T}"],
      env: { REGION: "${REGION:-eu}" },
    });
    expect(notesFor(HOSTS.crush, [s, local, remote, inUrl], "region", "project")).toEqual([]);
    expect(notesFor(HOSTS.crush, [local, remote, inUrl], "issues", "project")).toEqual([]);
  });

  it("hosts with no default syntax refuse ${VAR:-default}; Claude Code and Gemini CLI keep it", () => {
    const s = mcp("region", { transport: "stdio", command: "srv", env: { REGION: "${REGION:-eu}" } });
    expect(entries(HOSTS["claude-code"], [s]).region.env).toEqual({ REGION: "${REGION:-eu}" });
    expect(entries(HOSTS["gemini-cli"], [s]).region.env).toEqual({ REGION: "${REGION:-eu}" });
    for (const id of ["cursor", "opencode", "roo", "cline", "devin", "kiro", "qwen-code"] as const) {
      const host = HOSTS[id] as HostDef;
      const scope = host.targets.mcp?.path.project ? "project" : "user";
      expect(entries(host, [s], scope).region, id).toBeUndefined();
      expect(notesFor(host, [s], "region", scope).join("\n"), id).toMatch(/not installed: .*default/);
    }
  });

  it.each(["amp", "junie", "zed"])(
    "%s, not known to expand references, gets them as written with a warning",
    (id) => {
      const host = HOSTS[id as keyof typeof HOSTS] as HostDef;
      expect(entries(host, [local], "project").docs.env).toEqual({ DOCS_TOKEN: "${DOCS_TOKEN}" });
      expect(notesFor(host, [local], "docs", "project").join("\n")).toMatch(
        /^warning: .*\$\{DOCS_TOKEN\}.*literally/m,
      );
    },
  );

  it("Kilo Code, which refuses OpenCode's {env:VAR}, gets the reference as written with a warning", () => {
    const host = HOSTS["kilo-code"] as HostDef;
    expect(entries(host, [local], "project").docs.environment).toEqual({ DOCS_TOKEN: "${DOCS_TOKEN}" });
    expect(notesFor(host, [local], "docs", "project").join("\n")).toMatch(
      /^warning: .*\$\{DOCS_TOKEN\}.*literally/m,
    );
  });

  it("Cline warns that its CLI does not expand ${env:VAR}", () => {
    expect(notesFor(HOSTS.cline, [local], "docs").join("\n")).toMatch(/^warning: .*CLI/m);
  });

  it("Copilot warns where it does not document expansion (headers, url), not for env", () => {
    expect(notesFor(HOSTS.copilot, [local], "docs")).toEqual([]);
    expect(notesFor(HOSTS.copilot, [remote], "issues").join("\n")).toMatch(/^warning: .*headers/m);
  });

  it("a server with no reference gets no secret note", () => {
    const s = mcp("quiet", { transport: "stdio", command: "srv", env: { MODE: "fast" } });
    for (const host of Object.values(HOSTS) as HostDef[])
      expect(
        notesFor(host, [s], "quiet", "project").filter((n) => !/has no (project-level )?place/.test(n)),
      ).toEqual([]);
  });
});

describe("MCP transports, per host", () => {
  it("Cline writes remote servers as streamableHttp (its schema rejects http)", () => {
    expect(entries(HOSTS.cline, [remote]).issues.type).toBe("streamableHttp");
  });

  it("Roo writes remote servers as streamable-http", () => {
    expect(entries(HOSTS.roo, [remote], "project").issues.type).toBe("streamable-http");
  });

  it("Windsurf / Devin Desktop takes a remote server's address as serverUrl", () => {
    const e = entries(HOSTS.devin, [remote]).issues;
    expect(e.serverUrl).toBe("https://mcp.example.com/issues");
    expect(e.url).toBeUndefined();
  });

  it('Copilot CLI user entries get "tools": ["*"]; the .mcp.json that Claude Code shares does not', () => {
    expect(entries(HOSTS.copilot, [local, remote], "user").docs.tools).toEqual(["*"]);
    expect(entries(HOSTS.copilot, [local, remote], "user").issues.tools).toEqual(["*"]);
    expect(entries(HOSTS.copilot, [local], "project").docs.tools).toBeUndefined();
  });

  it("Zed gets context_servers in .zed/settings.json (flat command/args/env, url/headers)", () => {
    const r = render(HOSTS.zed, [local, remote], "project");
    const k = r.desired.find((d) => d.type === "keys") as DesiredKeys;
    expect(k.path).toBe(".zed/settings.json");
    expect(k.entries.map((e) => e.key.join("."))).toEqual(["context_servers.docs", "context_servers.issues"]);
    expect(k.entries[0]?.value).toEqual({
      command: "npx",
      args: ["-y", "docs-mcp"],
      env: { DOCS_TOKEN: "${DOCS_TOKEN}" },
    });
    expect(k.entries[1]?.value).toMatchObject({ url: "https://mcp.example.com/issues" });
  });

  it("Zed's settings.json keeps the user's comments when cadre adds its servers", () => {
    const s = mcp("quiet", { transport: "stdio", command: "srv" });
    const desired: Desired[] = render(HOSTS.zed, [s], "project").desired;
    const mine =
      '// my Zed settings\n{\n  "theme": "One Dark", // keep\n  /* fonts */ "buffer_font_size": 15\n}\n';
    const plan = planSync({
      desired,
      lock: emptyLock("project", 1),
      observed: new Map([[".zed/settings.json", new TextEncoder().encode(mine)]]),
      bases: new Map(),
      items: {},
      scope: "project",
      rendererVersion: 1,
    });
    const write = plan.actions.find((x) => x.path === ".zed/settings.json")?.write;
    const text = typeof write === "string" ? write : new TextDecoder().decode(write ?? new Uint8Array());
    expect(text).toContain("// my Zed settings");
    expect(text).toContain('"theme": "One Dark", // keep');
    expect(text).toContain("/* fonts */");
    expect(text).toContain('"context_servers"');
    expect(text).toContain('"quiet"');
  });
});

describe("cadre info on MCP secrets", () => {
  it("says per host why a server is not installed, and where a reference may reach the server literally", () => {
    const rows = new Map(hostSupport(inUrl).map((r) => [r.host, r]));
    expect(rows.get("codex")?.support).toBe("none");
    expect(rows.get("codex")?.note).toMatch(/^not installed: .*\$\{METRICS_PROJECT\} in url/);
    expect(rows.get("cursor")?.support).toBe("native");
    expect(rows.get("zed")?.note).toMatch(/literally/);
    expect(rows.get("claude-code")?.note).not.toMatch(/literally|not installed/);
  });
});
