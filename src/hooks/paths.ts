import { posix } from "node:path";

/**
 * Protected-path patterns, gitignore-like: `name` matches a file or folder of that name anywhere;
 * a pattern with an inner `/` is anchored at the project root; a trailing `/` matches a folder and
 * everything under it; `*`, `?`, `**` and `[…]` are globs.
 */
export interface PathContext {
  /** The project root, absolute, with forward slashes. */
  root: string;
  /** The directory relative paths are resolved against (the tool's cwd); the root when unknown. */
  cwd?: string;
}

function slashes(p: string): string {
  return p.replace(/\\/g, "/");
}

/** The path relative to the root ("" for the root itself), or undefined when it lies outside. */
export function relToRoot(path: string, ctx: PathContext): string | undefined {
  const p = slashes(path);
  if (p === "" || p.startsWith("~") || p.startsWith("$")) return undefined;
  const root = posix.normalize(slashes(ctx.root));
  const abs = posix.isAbsolute(p) || /^[A-Za-z]:\//.test(p) ? p : posix.join(slashes(ctx.cwd ?? ctx.root), p);
  const norm = posix.normalize(abs);
  const rel = posix.relative(root, norm);
  if (rel === "") return "";
  if (rel.startsWith("..") || posix.isAbsolute(rel)) return undefined;
  return rel;
}

function globToRegex(glob: string): string {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === "*") {
      if (glob[i + 1] === "*") {
        out += ".*";
        i++;
        if (glob[i + 1] === "/") i++;
      } else out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 1);
      if (end < 0) out += "\\[";
      else {
        out += `[${glob
          .slice(i + 1, end)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else out += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return out;
}

interface Compiled {
  pattern: string;
  re: RegExp;
  /** For anchored literal patterns: the path itself (to find deletions of a folder that holds it). */
  anchoredPath?: string;
}

export function compilePatterns(patterns: readonly string[]): Compiled[] {
  return patterns
    .map((pattern) => {
      const raw = slashes(pattern).trim();
      const dir = raw.endsWith("/");
      const body = raw.replace(/^\/+/, "").replace(/\/+$/, "");
      if (body === "") return undefined;
      const anchored = raw.startsWith("/") || body.includes("/");
      const head = anchored ? "^" : "(^|/)";
      const tail = dir ? "(/.*)?$" : "(/.*)?$";
      const literal = !/[*?[]/.test(body);
      return {
        pattern,
        re: new RegExp(head + globToRegex(body) + tail),
        ...(anchored && literal ? { anchoredPath: body } : {}),
      };
    })
    .filter((c): c is Compiled => c !== undefined);
}

/** The pattern protecting this root-relative path, if any. */
export function protectedBy(rel: string, compiled: readonly Compiled[]): string | undefined {
  if (rel === "") return undefined;
  return compiled.find((c) => c.re.test(rel))?.pattern;
}

/**
 * For a deleted tree: the pattern of a protected path inside it. The root itself holds every protected
 * path; other folders only the anchored ones under them.
 */
export function protectedInside(rel: string, compiled: readonly Compiled[]): string | undefined {
  if (rel === "") return compiled[0]?.pattern;
  return compiled.find((c) => c.anchoredPath?.startsWith(`${rel}/`))?.pattern;
}

/** For a shell operand with wildcards (`rm *.lock`): a protected name it could expand to. */
export function globCouldHit(relGlob: string, patterns: readonly string[]): string | undefined {
  if (!/[*?[]/.test(relGlob)) return undefined;
  const re = new RegExp(`^${globToRegex(relGlob)}$`);
  const dir = relGlob.includes("/") ? relGlob.slice(0, relGlob.lastIndexOf("/") + 1) : "";
  for (const p of patterns) {
    const body = slashes(p).replace(/^\/+/, "").replace(/\/+$/, "");
    if (/[*?[]/.test(body)) continue;
    const anchored = p.startsWith("/") || body.includes("/");
    const candidates = anchored ? [body, body.split("/")[0] as string] : [`${dir}${body}`];
    if (candidates.some((c) => re.test(c))) return p;
  }
  return undefined;
}
