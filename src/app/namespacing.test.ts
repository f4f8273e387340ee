// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} references in MCP configs are what these tests check
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { infoCommand } from "./info.js";
import { syncCommand } from "./sync.js";

/**
 * Issue 10 items 5–6 through a real sync: a marketplace whose two plugins both have `help` (and a skill and
 * a command `setup`, and MCP servers), plus a second plugin with its own `help` and a `forecast` server of
 * the same name as one of the marketplace's, installed into Claude Code and Gemini CLI.
 */
const SHAPES = join(import.meta.dirname, "..", "..", "test", "fixtures", "packs-real-shapes");
let base: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), "cadre-names-"));
  const home = join(base, "home");
  env = { HOME: home, XDG_CONFIG_HOME: join(home, ".config"), XDG_CACHE_HOME: join(home, ".cache") };
  env.CADRE_NO_CACHE = "1";
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

function project(name: string, yaml: string): string {
  const dir = join(base, name);
  cpSync(join(SHAPES, "plugin-mcp"), join(dir, "packs/harbour"), { recursive: true });
  cpSync(join(SHAPES, "plugin-help"), join(dir, "packs/deckhand"), { recursive: true });
  writeFileSync(join(dir, "cadre.yaml"), yaml);
  return dir;
}

const CONFIG = (extra: string) =>
  `version: 1\nhosts: [claude-code, gemini-cli]\nsources: [./packs/harbour, ./packs/deckhand]\n${extra}`;

describe("sync: colliding names and plugin MCP servers", () => {
  it("installs every help, setup and forecast under a distinct name, and says which", async () => {
    const dir = project("all", CONFIG("include: [harbour-market/*, deckhand/*]\n"));
    const r = await syncCommand({ cwd: dir, env });
    // deckhand's `help` is no rival's, but /help is a built-in of Claude Code, Gemini CLI and others
    expect(readdirSync(join(dir, ".claude/commands")).sort()).toEqual([
      "deckhand-help.md",
      "setup-command.md",
      "tides-help.md",
      "weather-help.md",
    ]);
    expect(readdirSync(join(dir, ".gemini/commands")).sort()).toEqual([
      "deckhand-help.toml",
      "setup-command.toml",
      "tides-help.toml",
      "weather-help.toml",
    ]);
    expect(readFileSync(join(dir, ".claude/skills/setup-skill/SKILL.md"), "utf8")).toMatch(
      /^name: setup-skill$/m,
    );
    const mcp = JSON.parse(readFileSync(join(dir, ".mcp.json"), "utf8")).mcpServers;
    expect(Object.keys(mcp).sort()).toEqual(["deckhand-forecast", "harbour-market-forecast", "tide-tables"]);
    expect(mcp["tide-tables"]).toEqual({
      type: "stdio",
      command: "npx",
      args: ["-y", "tide-tables-mcp@1"],
      env: { TIDES_API_KEY: "${TIDES_API_KEY:-}" },
    });
    expect(mcp["deckhand-forecast"].headers).toEqual({ Authorization: "Bearer ${DECK_TOKEN}" });
    const gemini = JSON.parse(readFileSync(join(dir, ".gemini/settings.json"), "utf8")).mcpServers;
    expect(Object.keys(gemini).sort()).toEqual([
      "deckhand-forecast",
      "harbour-market-forecast",
      "tide-tables",
    ]);
    // radar runs from ${CLAUDE_PLUGIN_ROOT}: not installed anywhere, and each host's note says why
    expect(JSON.stringify(mcp) + JSON.stringify(gemini)).not.toContain("radar");
    const radar = r.notes.filter((n) => n.item === "harbour-market/mcp:radar").map((n) => n.host);
    expect(radar).toEqual(["claude-code", "gemini-cli"]);
    const renamed = r.notes.filter((n) => n.message.startsWith("installed as deckhand-forecast"));
    expect(renamed.map((n) => n.host)).toEqual(["claude-code", "gemini-cli"]);
    expect(renamed[0]?.message).toBe(
      "installed as deckhand-forecast: forecast is also the name of harbour-market/mcp:forecast",
    );

    const builtin = r.notes.filter((n) => n.message.startsWith("installed as deckhand-help"));
    expect(builtin.map((n) => n.host)).toEqual(["claude-code", "gemini-cli"]);
    expect(builtin[0]?.message).toMatch(
      /^installed as deckhand-help: \/help is a built-in command of Claude Code, .*Gemini CLI.* and Qwen Code$/,
    );

    // stable: a second run changes nothing
    const again = await syncCommand({ cwd: dir, env });
    expect(again.actions.filter((a) => a.type !== "skip")).toEqual([]);
  });

  it("a profile reference to a name two plugins share names both candidates", async () => {
    const dir = project("profile", "");
    // the marketplace loaded its two `help` commands as tides-help and weather-help
    writeFileSync(
      join(dir, "cadre.yaml"),
      "version: 1\nhosts: [claude-code]\nsources: [./packs/harbour, ./packs/crew]\ninclude: [profile:crew]\n",
    );
    mkdirSync(join(dir, "packs/crew/profiles"), { recursive: true });
    writeFileSync(
      join(dir, "packs/crew/cadre-pack.yaml"),
      "name: crew\nversion: 1.0.0\ndescription: Crew.\n",
    );
    writeFileSync(
      join(dir, "packs/crew/profiles/crew.yaml"),
      "name: crew\ndescription: The crew's commands.\nitems: [command:help, command:setup]\n",
    );
    const r = await syncCommand({ cwd: dir, env, dryRun: true });
    const help = r.notes.find((n) => n.message.includes("command:help"));
    expect(help?.message).toBe(
      "profile crew: item command:help matches several items: harbour-market/command:tides-help, " +
        "harbour-market/command:weather-help; none was selected (name one of them)",
    );
    expect(r.actions.map((a) => a.path)).toEqual([".claude/commands/setup.md"]);
  });
});

describe("info: the name an item is installed under, and what is not installed", () => {
  const info = (ref: string) => infoCommand({ ref, cwd: SHAPES, sources: ["plugin-mcp"], env });

  it("says a skill sharing its name with a command is installed as <name>-skill", async () => {
    const r = await info("skill:setup");
    expect(r.installedAs).toEqual({ name: "setup-skill", with: ["harbour-market/command:setup"] });
    expect((await info("mcp:forecast")).installedAs).toBeUndefined();
  });

  it("marks a ${CLAUDE_PLUGIN_ROOT} server as not installed on every host that takes MCP servers", async () => {
    const r = await info("mcp:radar");
    const claude = r.hosts.find((h) => h.host === "claude-code");
    expect(claude).toMatchObject({ support: "none" });
    expect(claude?.note).toMatch(/^not installed: .*CLAUDE_PLUGIN_ROOT/);
    expect(r.hosts.filter((h) => h.support === "native")).toEqual([]);
    expect((await info("mcp:forecast")).hosts.find((h) => h.host === "claude-code")?.support).toBe("native");
    // a Gemini extension's servers: ${extensionPath} is the same kind of variable
    const gemini = (ref: string) => infoCommand({ ref, cwd: SHAPES, sources: ["gemini-mcp"], env });
    const depth = (await gemini("mcp:depth-chart")).hosts.find((h) => h.host === "gemini-cli");
    expect(depth?.note).toMatch(/^not installed: .*extensionPath/);
    const remote = await gemini("mcp:charts-remote");
    expect(remote.item.meta).toMatchObject({ transport: "http", url: "https://charts.example.com/mcp" });
  });

  it("a name two plugins share is ambiguous, naming both, not 'not found'", async () => {
    await expect(info("command:help")).rejects.toThrow(
      '"command:help" matches several items: harbour-market/command:tides-help, harbour-market/command:weather-help',
    );
  });
});
