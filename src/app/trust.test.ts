import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gitRepo, npmTarball, type Registry, startRegistry, writeFiles } from "../../test/helpers/sources.js";
import { UserError } from "../core/errors.js";
import type { TrustReview } from "../model/trust.js";
import { addSourceCommand, listSource } from "./add-source.js";
import { updateCommand } from "./outdated.js";
import { repairCommand } from "./repair.js";
import { syncCommand } from "./sync.js";
import { trustCommand } from "./trust-command.js";

const scratch = mkdtempSync(join(tmpdir(), "cadre-trust-"));
const home = join(scratch, "home");
const env: NodeJS.ProcessEnv = {
  HOME: home,
  XDG_CONFIG_HOME: join(home, ".config"),
  XDG_STATE_HOME: join(home, ".local/state"),
  XDG_CACHE_HOME: join(home, ".cache"),
  CADRE_PROGRESS: "0",
};

/** A pack with one stdio MCP server: executable content by the trust rule. */
const mcpPack = (args: string[]) => ({
  "cadre-pack.yaml": "name: db-kit\nversion: 1.0.0\ndescription: A database MCP server for the team.\n",
  "mcp/db.yaml": `name: db\ndescription: Query the team database from the agent.\ntransport: stdio\ncommand: npx\nargs: [${args.join(", ")}]\n`,
});

function project(name: string, sources: string[]): string {
  const root = join(scratch, name);
  mkdirSync(root, { recursive: true });
  writeFileSync(
    join(root, "cadre.yaml"),
    `version: 1\nhosts: [claude-code]\nsources: [${sources.map((s) => JSON.stringify(s)).join(", ")}]\ninclude: [db-kit/*]\n`,
  );
  return root;
}

const servers = (root: string): string[] => {
  const p = join(root, ".mcp.json");
  return existsSync(p) ? Object.keys(JSON.parse(readFileSync(p, "utf8")).mcpServers ?? {}) : [];
};

describe("which sources need trust", () => {
  it("a folder inside the project installs its MCP server; one outside it (or under node_modules) waits", async () => {
    const inside = project("inside", ["./packs/db"]);
    writeFiles(join(inside, "packs/db"), mcpPack(["db-mcp"]));
    const a = await syncCommand({ cwd: inside, env });
    expect(servers(inside)).toEqual(["db"]);
    expect(a.notes.filter((n) => /not installed/.test(n.message))).toEqual([]);

    writeFiles(join(scratch, "shared/db"), mcpPack(["db-mcp"]));
    const outside = project("outside", ["../shared/db"]);
    const b = await syncCommand({ cwd: outside, env });
    expect(servers(outside)).toEqual([]);
    expect(b.notes.map((n) => n.message).join("\n")).toMatch(
      /not installed: it runs code from \.\.\/shared\/db \(MCP server command: npx db-mcp\)/,
    );

    const vendored = project("vendored", ["./node_modules/db"]);
    writeFiles(join(vendored, "node_modules/db"), mcpPack(["db-mcp"]));
    await syncCommand({ cwd: vendored, env });
    expect(servers(vendored)).toEqual([]);
  });
});

describe("repair keeps what the user trusted", () => {
  it("a damaged cadre.lock is rebuilt with its trust records, so the trusted MCP server stays installed", async () => {
    writeFiles(join(scratch, "shared-r/db"), mcpPack(["db-mcp"]));
    const root = project("repaired", ["../shared-r/db"]);
    await trustCommand({ cwd: root, env, source: "../shared-r/db" });
    expect(servers(root)).toEqual(["db"]);
    const lockPath = join(root, "cadre.lock");
    const lock = JSON.parse(readFileSync(lockPath, "utf8"));
    const trusted = lock.trust;
    expect(Object.keys(trusted)).toHaveLength(1);
    // Damage elsewhere in the lock: the files table has a wrong-typed entry.
    lock.files = { "x.md": { hash: 42 } };
    writeFileSync(lockPath, JSON.stringify(lock));
    const r = await repairCommand({ cwd: root, env });
    expect(r.rebuilt).toMatch(/kept its 1 trust record\(s\)/);
    expect(JSON.parse(readFileSync(lockPath, "utf8")).trust).toEqual(trusted);
    expect(servers(root)).toEqual(["db"]);
    expect(
      (await syncCommand({ cwd: root, env })).notes.filter((n) => /not installed/.test(n.message)),
    ).toEqual([]);
  });

  it("says so when no trust record survives (not JSON)", async () => {
    writeFiles(join(scratch, "shared-q/db"), mcpPack(["db-mcp"]));
    const root = project("unrepairable", ["../shared-q/db"]);
    await trustCommand({ cwd: root, env, source: "../shared-q/db" });
    writeFileSync(join(root, "cadre.lock"), "{ not json");
    const r = await repairCommand({ cwd: root, env });
    expect(r.rebuilt).toMatch(/no trust record could be kept: run `cadre trust <source>` again/);
  });
});

describe("update asks again when executable content changes", () => {
  const repo = gitRepo(join(scratch, "work"), join(scratch, "db.git"));
  let root: string;
  beforeAll(() => {
    repo.commit(mcpPack(["db-mcp"]));
    root = project("remote", []);
  });

  it("add → trusted; update with a changed command asks; yes installs it, no leaves it out", async () => {
    const seen: TrustReview[] = [];
    const added = await addSourceCommand({
      cwd: root,
      env,
      source: repo.url,
      review: async (r) => {
        seen.push(r);
        return true;
      },
    });
    expect(seen[0]?.items.map((e) => [e.id, e.state])).toEqual([["mcp:db", "untrusted"]]);
    expect(added.trusted).toEqual(["mcp:db"]);
    expect(servers(root)).toEqual(["db"]);

    repo.commit({ "mcp/db.yaml": mcpPack(["db-mcp", "--drop-tables"])["mcp/db.yaml"] });
    const asked: TrustReview[] = [];
    const no = await updateCommand({
      cwd: root,
      env,
      targets: [],
      askTrust: async (r) => {
        asked.push(r);
        return false;
      },
    });
    expect(asked.map((r) => r.items.map((e) => e.state))).toEqual([["changed"]]);
    expect(asked[0]?.items[0]?.parts[0]?.detail).toBe("npx db-mcp --drop-tables");
    expect(no.sync.notes.map((n) => n.message).join("\n")).toMatch(/its code changed since you trusted it/);
    expect(servers(root)).toEqual([]);

    const yes = await syncCommand({
      cwd: root,
      env,
      resolve: { trust: { ask: async () => true } },
    });
    expect(yes.lockAfter.trust?.[repo.url]?.["mcp:db"]).toBe(asked[0]?.items[0]?.hash);
    expect(JSON.parse(readFileSync(join(root, ".mcp.json"), "utf8")).mcpServers.db.args).toEqual([
      "db-mcp",
      "--drop-tables",
    ]);
  }, 60_000);

  it("trust records exactly what it reviewed: the recorded hash is the one shown", async () => {
    const r = await trustCommand({ cwd: root, env, source: repo.url, dryRun: true });
    expect(r.review.items.map((e) => e.state)).toEqual(["trusted"]);
    expect(r.trusted).toEqual(["mcp:db"]);
  });
});

describe("an npm package with nothing cadre recognises", () => {
  let reg: Registry;
  beforeAll(async () => {
    reg = await startRegistry();
    reg.publish(
      "just-a-lib",
      "1.0.0",
      npmTarball("just-a-lib", "1.0.0", { "index.js": "module.exports = 1;\n" }),
    );
  });
  afterAll(() => reg.close());

  it("is an error naming the source, and cadre.yaml is left as it was", async () => {
    const npmEnv = { ...env, npm_config_registry: reg.url };
    const root = project("npm-empty", []);
    const before = readFileSync(join(root, "cadre.yaml"), "utf8");
    const list = await listSource({ cwd: root, env: npmEnv, source: "npm:just-a-lib" }).catch((e) => e);
    expect(list).toBeInstanceOf(UserError);
    expect((list as UserError).message).toMatch(/^npm:just-a-lib: no items recognised in it/);
    const add = await addSourceCommand({ cwd: root, env: npmEnv, source: "npm:just-a-lib@1.0.0" }).catch(
      (e) => e,
    );
    expect((add as UserError).message).toMatch(/^npm:just-a-lib@1\.0\.0: no items recognised in it/);
    expect(readFileSync(join(root, "cadre.yaml"), "utf8")).toBe(before);
    expect(existsSync(join(root, "cadre.lock"))).toBe(false);
  });
});
