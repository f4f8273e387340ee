import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { appendFile, readdir, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  gitRepo,
  npmTarball,
  type Registry,
  skill,
  startRegistry,
  tarGz,
  zip,
} from "../../test/helpers/sources.js";
import { UserError } from "../core/errors.js";
import { cacheRoot } from "./cache.js";
import { resolveSource } from "./resolve.js";
import { parseSourceSpec } from "./spec.js";

const scratch = mkdtempSync(join(tmpdir(), "cadre-src-"));
const env = { ...process.env, XDG_CACHE_HOME: join(scratch, "cache"), HOME: scratch };

async function resolveText(text: string, extra: Partial<Parameters<typeof resolveSource>[1]> = {}) {
  return resolveSource(parseSourceSpec(text), { base: scratch, env, ...extra });
}

async function failure(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error("expected a UserError");
}

describe("git sources over file://", () => {
  const repo = gitRepo(join(scratch, "work"), join(scratch, "packs.git"));
  let c1 = "";
  let c2 = "";
  beforeAll(() => {
    c1 = repo.commit({
      ...skill("alpha"),
      "nested/pack/skills/beta/SKILL.md": "---\nname: beta\ndescription: Use when beta.\n---\nBeta.\n",
    });
    repo.tag("v1");
    c2 = repo.commit(skill("alpha", "Second version."));
    repo.branch("next");
  });

  it("resolves the default branch, a tag and a subdir to commits, and records the tree", async () => {
    const head = await resolveText(repo.url);
    expect(head.pin?.commit).toBe(c2);
    expect(readFileSync(join(head.dir, "skills/alpha/SKILL.md"), "utf8")).toContain("Second version.");
    const tagged = await resolveText(`${repo.url}#v1`);
    expect(tagged.pin).toMatchObject({ type: "git", commit: c1, ref: "v1" });
    expect(readFileSync(join(tagged.dir, "skills/alpha/SKILL.md"), "utf8")).toContain("Do the thing.");
    const sub = await resolveText(`${repo.url}#v1:nested/pack`);
    expect(readFileSync(join(sub.dir, "skills/beta/SKILL.md"), "utf8")).toContain("Beta.");
    expect(sub.name).toBe("pack");
  });

  it("with a pin, uses exactly that commit from the cache, even offline and after the tag moved", async () => {
    const first = await resolveText(`${repo.url}#v1`);
    repo.tag("v1", true); // v1 now names c2
    const pinned = await resolveText(`${repo.url}#v1`, { pin: first.pin, offline: true });
    expect(pinned.pin?.commit).toBe(c1);
    const moved = await resolveText(`${repo.url}#v1`);
    expect(moved.pin?.commit).toBe(c2);
  });

  it("a pinned commit that is not cached is fetched by its SHA", async () => {
    const first = await resolveText(`${repo.url}#next`);
    await rm(cacheRoot(env), { recursive: true, force: true });
    const again = await resolveText(`${repo.url}#next`, { pin: first.pin });
    expect(again.pin).toEqual(first.pin);
  });

  it("a corrupted cache entry is detected by its hash and fetched again", async () => {
    const first = await resolveText(repo.url);
    await appendFile(join(first.dir, "skills/alpha/SKILL.md"), "\ninjected\n");
    const lines: string[] = [];
    const again = await resolveText(repo.url, { pin: first.pin, progress: (l) => lines.push(l) });
    expect(readFileSync(join(again.dir, "skills/alpha/SKILL.md"), "utf8")).not.toContain("injected");
    expect(lines.join("\n")).toMatch(/cache entry corrupted/);
    await appendFile(join(again.dir, "skills/alpha/SKILL.md"), "\ninjected\n");
    const off = await failure(resolveText(repo.url, { pin: first.pin, offline: true }));
    expect(off.message).toMatch(/not in the cache and --offline.*corrupted/);
  });

  it("unknown ref, missing subdir, empty repository, no repository: clear errors naming the source", async () => {
    expect((await failure(resolveText(`${repo.url}#no-such-tag`))).message).toMatch(
      /file:\/\/.*unknown ref "no-such-tag"/,
    );
    expect((await failure(resolveText(`${repo.url}#v1:nope`))).message).toMatch(/no folder "nope"/);
    const empty = gitRepo(join(scratch, "w2"), join(scratch, "empty.git"));
    expect((await failure(resolveText(empty.url))).message).toMatch(/empty\.git.*the repository is empty/);
    expect((await failure(resolveText(`file://${scratch}/missing.git`))).message).toMatch(
      /missing\.git.*no git repository/,
    );
  });

  it("offline without a pin fails without touching the network", async () => {
    expect((await failure(resolveText(repo.url, { offline: true }))).message).toMatch(/--offline/);
  });
});

describe("git: hosts that refuse", () => {
  it("an unreachable host is an error naming it", async () => {
    const e = await failure(resolveText("http://127.0.0.1:9/team/pack.git"));
    expect(e.message).toMatch(/127\.0\.0\.1:9.*cannot reach the host/);
  });

  it("a private repository without credentials fails at once (no prompt)", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(401, { "www-authenticate": 'Basic realm="git"' });
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const port = (server.address() as AddressInfo).port;
    try {
      const e = await failure(resolveText(`http://127.0.0.1:${port}/private/pack.git`));
      expect(e.message).toMatch(/private\/pack\.git.*needs credentials/);
    } finally {
      server.close();
    }
  });
});

describe("archives", () => {
  const file = (name: string, bytes: Buffer) => {
    const p = join(scratch, name);
    writeFileSync(p, bytes);
    return p;
  };

  it("extracts a tar.gz (stripping its one top folder) and a zip, pinning their sha256", async () => {
    const tgz = file(
      "good.tgz",
      tarGz([{ path: "top/skills/a/SKILL.md", content: "---\nname: a\ndescription: Use a.\n---\nA\n" }]),
    );
    const r = await resolveText(tgz);
    expect(readFileSync(join(r.dir, "skills/a/SKILL.md"), "utf8")).toContain("name: a");
    expect(r.pin?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const z = file(
      "good.zip",
      zip([{ path: "skills/b/SKILL.md", content: "---\nname: b\ndescription: Use b.\n---\nB\n" }]),
    );
    const rz = await resolveText(z);
    expect(readFileSync(join(rz.dir, "skills/b/SKILL.md"), "utf8")).toContain("name: b");
  });

  const bad: Array<[string, Buffer, RegExp]> = [
    ["dotdot.tgz", tarGz([{ path: "../evil.md", content: "x" }]), /"\.\.\/evil\.md" climbs out/],
    ["abs.tgz", tarGz([{ path: "/etc/evil.md", content: "x" }]), /absolute path/],
    [
      "linkout.tgz",
      tarGz([
        { path: "a/link", type: "symlink", linkpath: "../../outside" },
        { path: "a/x.md", content: "x" },
      ]),
      /link "a\/link" points outside/,
    ],
    ["linkabs.tgz", tarGz([{ path: "link", type: "symlink", linkpath: "/etc/passwd" }]), /absolute path/],
    ["fifo.tgz", tarGz([{ path: "pipe", type: "fifo" }]), /not a file, folder or link/],
    ["dotdot.zip", zip([{ path: "../evil.md", content: "x" }]), /climbs out/],
    [
      "linkout.zip",
      zip([
        { path: "l", symlink: true, content: "../../x" },
        { path: "y.md", content: "y" },
      ]),
      /points outside/,
    ],
  ];
  for (const [name, bytes, why] of bad)
    it(`refuses ${name} and writes nothing`, async () => {
      const before = await readdir(cacheRoot(env)).catch(() => []);
      const e = await failure(resolveText(file(name, bytes)));
      expect(e.message).toContain(name);
      expect(e.message).toMatch(why);
      expect(e.message).toMatch(/nothing was extracted/);
      const after = await readdir(cacheRoot(env)).catch(() => []);
      expect(after.filter((x) => x.startsWith(".tmp"))).toEqual([]);
      expect(after.length).toBe(before.length);
    });

  it("a sha256 that does not match is a tampering error", async () => {
    const p = file("t.tgz", tarGz([{ path: "skills/a/SKILL.md", content: "x" }]));
    const e = await failure(resolveText(`${p}#sha256=${"0".repeat(64)}`));
    expect(e.message).toMatch(/t\.tgz.*sha256 is [0-9a-f]{64}, not 0{64}: tampered/);
  });

  it("too many entries is refused by the entry-count limit", async () => {
    const many = tarGz(Array.from({ length: 20_001 }, (_, i) => ({ path: `f${i}.md`, content: "" })));
    const e = await failure(resolveText(file("many.tgz", many)));
    expect(e.message).toMatch(/20001 entries, more than the limit/);
  });
});

describe("npm sources through a registry on 127.0.0.1", () => {
  let reg: Registry;
  let npmEnv: NodeJS.ProcessEnv;
  beforeAll(async () => {
    reg = await startRegistry();
    npmEnv = { ...env, npm_config_registry: reg.url };
    reg.publish("team-pack", "1.0.0", npmTarball("team-pack", "1.0.0", skill("one")));
    reg.publish("team-pack", "1.1.0", npmTarball("team-pack", "1.1.0", skill("one", "Newer.")));
    const real = npmTarball("tampered", "1.0.0", skill("t"));
    reg.publish("tampered", "1.0.0", real, { serve: npmTarball("tampered", "1.0.0", skill("t", "Evil.")) });
  });
  afterAll(() => reg.close());

  it("resolves a range to the highest matching version with its integrity, and extracts package/", async () => {
    const r = await resolveSource(parseSourceSpec("npm:team-pack@^1.0.0"), { base: scratch, env: npmEnv });
    expect(r.pin).toMatchObject({
      type: "npm",
      version: "1.1.0",
      integrity: expect.stringMatching(/^sha512-/),
    });
    expect(readFileSync(join(r.dir, "skills/one/SKILL.md"), "utf8")).toContain("Newer.");
    const exact = await resolveSource(parseSourceSpec("npm:team-pack@1.0.0"), { base: scratch, env: npmEnv });
    expect(exact.pin?.version).toBe("1.0.0");
  });

  it("with a pin and a warm cache, asks the registry nothing", async () => {
    const r = await resolveSource(parseSourceSpec("npm:team-pack@1.0.0"), { base: scratch, env: npmEnv });
    const n = reg.requests.length;
    const again = await resolveSource(parseSourceSpec("npm:team-pack@1.0.0"), {
      base: scratch,
      env: npmEnv,
      pin: r.pin,
    });
    expect(again.dir).toBe(r.dir);
    expect(reg.requests.length).toBe(n);
  });

  it("a tarball that does not match its integrity is refused", async () => {
    const e = await failure(resolveSource(parseSourceSpec("npm:tampered"), { base: scratch, env: npmEnv }));
    expect(e.message).toMatch(/npm:tampered.*does not match its integrity/);
  });

  it("an unknown package or version is an error naming it", async () => {
    expect(
      (await failure(resolveSource(parseSourceSpec("npm:nobody-here"), { base: scratch, env: npmEnv })))
        .message,
    ).toMatch(/npm:nobody-here.*no such package/);
    expect(
      (await failure(resolveSource(parseSourceSpec("npm:team-pack@^9"), { base: scratch, env: npmEnv })))
        .message,
    ).toMatch(/no version matches/);
  });
});
