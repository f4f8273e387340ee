/**
 * Fixtures for source tests, all made by the test: git repositories served over file://, tar and zip archives
 * written byte by byte (so they can hold what a normal packer refuses: `../`, absolute paths, links out), and a
 * tiny npm registry on 127.0.0.1 that serves packuments and tarballs.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "t",
  GIT_AUTHOR_EMAIL: "t@example.test",
  GIT_COMMITTER_NAME: "t",
  GIT_COMMITTER_EMAIL: "t@example.test",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, env: GIT_ENV, encoding: "utf8" }).trim();
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
}

export function skill(name: string, body = "Do the thing."): Record<string, string> {
  return {
    [`skills/${name}/SKILL.md`]: `---\nname: ${name}\ndescription: Use when you need ${name} done carefully and well.\n---\n\n${body}\n`,
  };
}

/** A work tree at `work` pushed to a bare repository `bare`; returns helpers to commit, tag and push. */
export function gitRepo(work: string, bare: string) {
  mkdirSync(work, { recursive: true });
  git(work, "init", "-q", "-b", "main");
  execFileSync("git", ["init", "-q", "--bare", "--initial-branch=main", bare], { env: GIT_ENV });
  git(work, "remote", "add", "origin", bare);
  return {
    url: `file://${bare}`,
    commit(files: Record<string, string>, message = "change"): string {
      writeFiles(work, files);
      git(work, "add", "-A");
      git(work, "commit", "-q", "-m", message);
      git(work, "push", "-q", "origin", "HEAD:main");
      return git(work, "rev-parse", "HEAD");
    },
    tag(name: string, force = false): void {
      git(work, "tag", ...(force ? ["-f"] : []), "-a", name, "-m", name);
      git(work, "push", "-q", ...(force ? ["-f"] : []), "origin", `refs/tags/${name}`);
    },
    branch(name: string): void {
      git(work, "push", "-q", "origin", `HEAD:refs/heads/${name}`);
    },
  };
}

export interface TarEntry {
  path: string;
  type?: "file" | "dir" | "symlink" | "hardlink" | "fifo";
  content?: string;
  linkpath?: string;
  mode?: number;
}

function header(e: TarEntry, size: number): Buffer {
  const h = Buffer.alloc(512);
  const put = (s: string, off: number, len: number) => h.write(s.slice(0, len), off, len, "utf8");
  const oct = (n: number, len: number) => n.toString(8).padStart(len - 1, "0");
  put(e.path, 0, 100);
  put(`${oct(e.mode ?? (e.type === "dir" ? 0o755 : 0o644), 8)}\0`, 100, 8);
  put(`${oct(0, 8)}\0`, 108, 8);
  put(`${oct(0, 8)}\0`, 116, 8);
  put(`${oct(size, 12)}\0`, 124, 12);
  put(`${oct(0, 12)}\0`, 136, 12);
  const flag = { file: "0", hardlink: "1", symlink: "2", fifo: "6", dir: "5" }[e.type ?? "file"];
  put(flag, 156, 1);
  put(e.linkpath ?? "", 157, 100);
  put("ustar\u000000", 257, 8);
  h.fill(" ", 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  put(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8);
  return h;
}

/** A tar.gz written entry by entry, without any of a packer's safety checks. */
export function tarGz(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const body = Buffer.from(e.content ?? "", "utf8");
    const size = e.type && e.type !== "file" ? 0 : body.length;
    parts.push(header(e, size));
    if (size) parts.push(body, Buffer.alloc((512 - (size % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}

let crcTable: number[] | undefined;
function crc32(buf: Buffer): number {
  crcTable ??= Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let c = 0xffffffff;
  for (const b of buf) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A stored (uncompressed) zip; `symlink` entries carry the link target as content and the S_IFLNK mode. */
export function zip(entries: Array<{ path: string; content?: string; symlink?: boolean }>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.path, "utf8");
    const data = Buffer.from(e.content ?? "", "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(10, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(0x031e, 4);
    c.writeUInt16LE(10, 6);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(((e.symlink ? 0o120777 : 0o100644) << 16) >>> 0, 38);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export function sri(buf: Buffer): string {
  return `sha512-${createHash("sha512").update(buf).digest("base64")}`;
}

/** An npm package tarball (package/…), as `npm pack` lays it out. */
export function npmTarball(name: string, version: string, files: Record<string, string>): Buffer {
  const all = { "package.json": JSON.stringify({ name, version }), ...files };
  return tarGz(Object.entries(all).map(([p, content]) => ({ path: `package/${p}`, content })));
}

export interface Registry {
  url: string;
  /** Publish a version; `serve` replaces the bytes served (a tampered tarball keeps the original integrity). */
  publish(name: string, version: string, tarball: Buffer, opts?: { serve?: Buffer; tag?: boolean }): void;
  requests: string[];
  close(): Promise<void>;
}

/** A static npm registry on 127.0.0.1: GET /<name> → packument, GET /<name>/-/<file>.tgz → tarball. */
export async function startRegistry(): Promise<Registry> {
  const packs = new Map<string, { versions: Record<string, unknown>; tags: Record<string, string> }>();
  const blobs = new Map<string, Buffer>();
  const requests: string[] = [];
  let base = "";
  const server: Server = createServer((req, res) => {
    const url = decodeURIComponent(req.url ?? "/");
    requests.push(url);
    const blob = blobs.get(url);
    if (blob) {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      return res.end(blob);
    }
    const p = packs.get(url.slice(1));
    if (!p) {
      res.writeHead(404, { "content-type": "application/json" });
      return res.end('{"error":"not found"}');
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ name: url.slice(1), "dist-tags": p.tags, versions: p.versions }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/`,
    requests,
    publish(name, version, tarball, opts = {}) {
      const file = `/${name}/-/${name.split("/").pop()}-${version}.tgz`;
      blobs.set(file, opts.serve ?? tarball);
      const p = packs.get(name) ?? { versions: {}, tags: {} };
      p.versions[version] = { name, version, dist: { tarball: `${base}${file}`, integrity: sri(tarball) } };
      if (opts.tag !== false) p.tags.latest = version;
      packs.set(name, p);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
