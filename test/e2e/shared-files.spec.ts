import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cadre, homeEnv } from "./helpers.js";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string | Buffer>): { dir: string; env: NodeJS.ProcessEnv } {
  const base = mkdtempSync(join(tmpdir(), "cadre-shared-"));
  dirs.push(base);
  const dir = join(base, "p");
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(join(dir, p, ".."), { recursive: true });
    writeFileSync(join(dir, p), c);
  }
  const home = join(base, "home");
  return {
    dir,
    env: homeEnv(home),
  };
}

async function installAndRemove(
  files: Record<string, string | Buffer>,
  hosts: string,
  /** cadre refuses one of the files: init reports the conflict and exits 1. */
  refused: boolean,
  check: (dir: string, init: string) => void,
): Promise<{ dir: string; check: number }> {
  const { dir, env } = project(files);
  const init = await cadre(["init", "--yes", "--hosts", hosts], { cwd: dir, env });
  expect(init.code, init.stderr).toBe(refused ? 1 : 0);
  check(dir, init.stdout + init.stderr);
  const c = await cadre(["sync", "--check"], { cwd: dir, env });
  const un = await cadre(["uninstall", "--yes"], { cwd: dir, env });
  expect(un.code, un.stderr).toBe(0);
  for (const [p, c0] of Object.entries(files)) expect(readFileSync(join(dir, p)), p).toEqual(Buffer.from(c0));
  return { dir, check: c.code ?? -1 };
}

describe("shared files cadre cannot edit", () => {
  it("`mcpServers: null`: a conflict with a hint, the file untouched, sync --check fails, uninstall leaves it", async () => {
    const r = await installAndRemove(
      { ".mcp.json": '{"mcpServers": null}' },
      "claude-code",
      true,
      (dir, out) => {
        expect(out).toMatch(/\.mcp\.json.*`mcpServers` is null, not an object.*Fix:/);
        expect(readFileSync(join(dir, ".mcp.json"), "utf8")).toBe('{"mcpServers": null}');
      },
    );
    expect(r.check).toBe(1);
  });

  it("a Codex config.toml whose hooks cadre's block would clash with is refused", async () => {
    const user = 'model = "o3"\n\n[hooks]\nPreToolUse = []\n\n[mcp_servers.cadre-index]\ncommand = "mine"\n';
    const r = await installAndRemove({ ".codex/config.toml": user }, "codex", true, (dir, out) => {
      expect(out).toMatch(/config\.toml.*invalid TOML/);
      expect(readFileSync(join(dir, ".codex/config.toml"), "utf8")).toBe(user);
    });
    expect(r.check).toBe(1);
  });

  it("an AGENTS.md with a stray begin marker is refused, and no block piles up", async () => {
    const user = "# Team\n\n<!-- cadre:begin -->\nold notes\n";
    await installAndRemove({ "AGENTS.md": user }, "codex", true, (dir, out) => {
      expect(out).toMatch(/AGENTS\.md.*marker/);
      expect(readFileSync(join(dir, "AGENTS.md"), "utf8")).toBe(user);
    });
  });
});

describe("managed-block markers in content", () => {
  it("a rule description containing `<!-- cadre:end -->` gives one block, stable across syncs", async () => {
    const rule =
      '---\ndescription: "Never write <!-- cadre:end --> by hand"\nactivation: always\n---\n\n# Marker rule\n\nBody.\n';
    const { dir, env } = project({
      "AGENTS.md": "# Ours\n",
      "pack/cadre-pack.yaml": "name: mpack\nversion: 1.0.0\ndescription: Markers in content.\nlicense: MIT\n",
      "pack/rules/marker-rule.md": rule,
    });
    const init = await cadre(["init", "--yes", "--hosts", "codex", "--source", "pack"], { cwd: dir, env });
    expect(init.code, init.stderr).toBe(0);
    const once = readFileSync(join(dir, "AGENTS.md"), "utf8");
    expect(once).toMatch(/marker-rule.*<!-- cadre:end --> by hand/);
    expect((await cadre(["sync"], { cwd: dir, env })).code).toBe(0);
    expect(readFileSync(join(dir, "AGENTS.md"), "utf8")).toBe(once);
    expect(once.match(/^<!-- cadre:begin -->$/gm)?.length).toBe(1);
    expect((await cadre(["sync", "--check"], { cwd: dir, env })).code).toBe(0);
    expect((await cadre(["uninstall", "--yes"], { cwd: dir, env })).code).toBe(0);
    expect(readFileSync(join(dir, "AGENTS.md"), "utf8")).toBe("# Ours\n");
  });
});

describe("user bytes survive init + uninstall", () => {
  it("BOM, CRLF, tabs and a comment in settings.json and .mcp.json; CRLF in AGENTS.md", async () => {
    const settings = '\uFEFF// mine\r\n{\r\n\t"theme": "dark",\r\n\t"hooks": { }\r\n}\r\n';
    const mcp = '{\r\n    "mcpServers": {\r\n    }\r\n}';
    const agents = "# Team\r\n\r\nCafé ☃\r\n";
    await installAndRemove(
      { ".claude/settings.json": settings, ".mcp.json": mcp, "AGENTS.md": agents },
      "claude-code,codex",
      false,
      (dir) => {
        const s = readFileSync(join(dir, ".claude/settings.json"), "utf8");
        expect(s.startsWith('\uFEFF// mine\r\n{\r\n\t"theme": "dark",')).toBe(true);
        expect(s.replace(/\r\n/g, "")).not.toMatch(/\n/);
        const a = readFileSync(join(dir, "AGENTS.md"), "utf8");
        expect(a).toMatch(/<!-- cadre:begin -->\r\n/);
        expect(a.replace(/\r\n/g, "")).not.toMatch(/\n/);
      },
    );
  });

  it("a Latin-1 .mcp.json is refused with a hint and never altered", async () => {
    const bytes = Buffer.from('{\n  "name": "Zo\u00eb",\n  "mcpServers": {}\n}\n', "latin1");
    await installAndRemove({ ".mcp.json": bytes }, "claude-code", true, (dir, out) => {
      expect(out).toMatch(/\.mcp\.json.*not UTF-8.*iconv/);
      expect(readFileSync(join(dir, ".mcp.json"))).toEqual(bytes);
    });
  });
});
