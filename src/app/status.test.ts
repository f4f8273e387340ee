import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pc from "picocolors";
import { afterAll, describe, expect, it } from "vitest";
import type { Io } from "../cli/io.js";
import { statusCommand } from "./status.js";

// Issue 11 item 3: where a host reads an item twice and offers no way out, `cadre status` says so.
const base = mkdtempSync(join(tmpdir(), "cadre-status-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function project(hosts: string): string {
  const dir = mkdtempSync(join(base, "p-"));
  mkdirSync(join(dir, "pack", "rules"), { recursive: true });
  writeFileSync(
    join(dir, "pack", "cadre-pack.yaml"),
    "name: team\nversion: 1.0.0\ndescription: Team rules.\n",
  );
  writeFileSync(
    join(dir, "pack", "rules", "handlers.md"),
    '---\nname: handlers\ndescription: Conventions for HTTP handlers.\nactivation: glob\nglobs: ["src/api/**"]\n---\n- Validate input at the edge.\n',
  );
  writeFileSync(
    join(dir, "cadre.yaml"),
    `version: 1\nhosts: [${hosts}]\nsources: [./pack]\nprofiles: []\ninclude: [team/*]\n`,
  );
  return dir;
}

const env = (dir: string) => ({
  HOME: join(dir, "home"),
  XDG_CACHE_HOME: join(dir, "cache"),
  CADRE_NO_CACHE: "1",
});

describe("cadre status and double reads", () => {
  it("names the host that reads an item twice with no setting to stop it, and the file it also reads", async () => {
    const dir = project("crush, cursor");
    const r = await statusCommand({ cwd: dir, env: env(dir) });
    const note = r.notes.find((n) => n.host === "crush" && n.level === "warning");
    expect(note?.message).toMatch(
      /also reads \.cursor\/rules, written for cursor.*rule:handlers.*no setting/,
    );
    expect(r.files.find((f) => f.path === ".cursor/rules/handlers.mdc")?.readers).toEqual(["crush"]);

    const out: string[] = [];
    const err: string[] = [];
    const io: Io = {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      color: pc.createColors(false),
      json: false,
      quiet: false,
      verbose: false,
      cwd: dir,
      env: env(dir),
      isTTY: false,
    };
    const { run } = await import("../cli/commands/status.js");
    expect(await run([], {}, io)).toBe(0);
    expect(err.join("")).toMatch(
      /warning: crush: .*also reads \.cursor\/rules.*Crush has no setting to stop it/,
    );
    expect(out.join("")).toMatch(
      /crush[\s\S]*also reads \.cursor\/rules\/handlers\.mdc \(written for other hosts\)/,
    );
  });

  it("says nothing about reads when one host is selected", async () => {
    const dir = project("crush");
    const r = await statusCommand({ cwd: dir, env: env(dir) });
    expect(r.notes.filter((n) => / also reads /.test(n.message))).toEqual([]);
    expect(r.files.every((f) => f.readers.length === 0)).toBe(true);
  });
});
