/**
 * Source specs: where a pack comes from, as written in cadre.yaml `sources` and on the command line. One
 * parser and its inverse; no I/O (whether a folder exists is asked through `isLocalDir`).
 */
import { ErrorCodes, UserError } from "../core/errors.js";

export type GitProvider = "github" | "gitlab";

export type SourceSpec =
  /** cadre's own library, bundled with cadre. */
  | { type: "builtin" }
  /** A pack folder, relative to cadre.yaml (or the current folder on the command line). */
  | { type: "local"; path: string }
  /** A git repository: `url` is what `git fetch` is given; `provider`/`repo` when written as a shorthand. */
  | { type: "git"; url: string; provider?: GitProvider; repo?: string; ref?: string; subdir?: string }
  /** An npm package, with a semver range or dist-tag. */
  | { type: "npm"; name: string; range?: string }
  /** A .tar.gz/.tgz/.zip by URL or file, with the sha256 it must have. */
  | { type: "archive"; url: string; sha256?: string };

export const SOURCE_FORMS = [
  "builtin (cadre's own library)",
  "a folder: ./my-pack, ../shared/pack, /abs/path",
  "owner/repo[/subdir][@ref] (GitHub)",
  "github:owner/repo[/subdir][@ref], gitlab:group/repo[/subdir][@ref]",
  "a git URL: https://host/repo.git, ssh://git@host/repo.git, git@host:owner/repo.git, file:///path/repo.git, with #ref, #ref:subdir or @ref",
  "npm:<package>[@range], npm:@scope/package[@range]",
  "an archive: https://host/pack.tar.gz (.tgz, .zip) or a file ./pack.tgz, optionally #sha256=<64 hex>",
];

export const SOURCE_FORMS_HINT = `accepted forms: ${SOURCE_FORMS.join("; ")}`;

export interface ParseOptions {
  /** Whether a relative path names an existing folder: `owner/repo` that is a folder stays a path. */
  isLocalDir?: (path: string) => boolean;
}

function bad(text: string, why: string): UserError {
  const shown = JSON.stringify(text.length > 200 ? `${text.slice(0, 197)}...` : text);
  return new UserError(ErrorCodes.usage, `cannot read source ${shown}: ${why}`, SOURCE_FORMS_HINT);
}

const CONTROL = /[\u0000-\u001f\u007f]/;
const ARCHIVE = /\.(tar\.gz|tgz|zip)$/i;
const NPM_PART = "[a-z0-9~-][a-z0-9._~-]*";
const NPM_NAME = new RegExp(`^(?:@${NPM_PART}/)?${NPM_PART}$`);
const NPM_RANGE = /^[A-Za-z0-9.^~<>=|*+-](?:[A-Za-z0-9.^~<>=|*+ -]*[A-Za-z0-9.^~<>=|*+-])?$/;
const OWNER = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const SEGMENT = /^[^\s\\#@:?*]+$/;
const SHA256 = /^[0-9a-f]{64}$/;
const SCP = /^([A-Za-z0-9._-]+@)([A-Za-z0-9][A-Za-z0-9.-]*):(?!\/\/)(.+)$/;
const URL_SCHEME = /^(git\+)?(https?|ssh|git|file):\/\//i;

/** A git ref as `git check-ref-format` allows it (plus bare SHAs); never an option (`-…`). */
export function validRef(ref: string): boolean {
  return (
    ref.length > 0 &&
    ref.length <= 256 &&
    !ref.startsWith("-") &&
    !ref.startsWith("/") &&
    !ref.endsWith("/") &&
    !ref.endsWith(".") &&
    !ref.endsWith(".lock") &&
    !ref.includes("..") &&
    !ref.includes("//") &&
    !ref.includes("@{") &&
    !/[\s~^:?*[\\\u0000-\u001f\u007f]/.test(ref) &&
    ref !== "@"
  );
}

function validSubdir(s: string): boolean {
  return s.split("/").every((seg) => seg !== "." && seg !== ".." && SEGMENT.test(seg));
}

function isPathLike(t: string): boolean {
  return (
    t === "." ||
    t === ".." ||
    t.startsWith("./") ||
    t.startsWith("../") ||
    t.startsWith("/") ||
    t.startsWith("~/") ||
    t.startsWith(".\\") ||
    t.startsWith("..\\") ||
    /^[A-Za-z]:[\\/]/.test(t) ||
    t.startsWith("\\\\")
  );
}

/** Read a source spec; anything else is a usage error that lists the accepted forms. */
export function parseSourceSpec(input: string, opts: ParseOptions = {}): SourceSpec {
  if (typeof input !== "string") throw bad(String(input), "not a string");
  const text = input;
  if (text.trim() === "") throw bad(text, "it is empty");
  if (text !== text.trim()) throw bad(text, "it starts or ends with spaces");
  if (CONTROL.test(text)) throw bad(text, "it holds a control character");
  if (text === "builtin") return { type: "builtin" };
  if (/^npm:/i.test(text)) return parseNpm(text, text.slice(4));
  const provider = /^(github|gitlab):/i.exec(text);
  if (provider)
    return parseShorthand(text, text.slice(provider[0].length), provider[1]?.toLowerCase() as GitProvider);
  if (URL_SCHEME.test(text)) return parseUrl(text);
  if (isPathLike(text)) return pathOrArchive(text, opts);
  if (opts.isLocalDir?.(text)) return local(text);
  if (SCP.test(text)) return parseScp(text);
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(text))
    throw bad(text, `unknown prefix "${text.slice(0, text.indexOf(":") + 1)}"`);
  if (ARCHIVE.test(text.split("#")[0] as string)) return archiveOf(text, text);
  if (text.includes("/")) return parseShorthand(text, text, "github");
  return local(text);
}

function pathOrArchive(text: string, opts: ParseOptions): SourceSpec {
  if (opts.isLocalDir?.(text)) return local(text);
  if (ARCHIVE.test(text.split("#")[0] as string)) return archiveOf(text, text);
  return local(text);
}

function parseNpm(text: string, rest: string): SourceSpec {
  const at = rest.indexOf("@", 1);
  const name = at > 0 ? rest.slice(0, at) : rest;
  const range = at > 0 ? rest.slice(at + 1) : undefined;
  if (!name) throw bad(text, "npm: needs a package name, e.g. npm:blue-gardener or npm:@scope/pack@^1");
  if (name.length > 214 || !NPM_NAME.test(name))
    throw bad(
      text,
      `"${name}" is not an npm package name (lowercase letters, digits, - . _ ~, an optional @scope/)`,
    );
  if (range === undefined) return { type: "npm", name };
  if (!NPM_RANGE.test(range) || range.length > 200)
    throw bad(text, `"${range}" is not a semver range or dist-tag`);
  return { type: "npm", name, range };
}

/** `owner/repo[/subdir][@ref|#ref]` for github: (and the bare shorthand) and gitlab:. */
function parseShorthand(text: string, rest: string, provider: GitProvider): SourceSpec {
  const cut = rest.search(/[@#]/);
  const path = cut >= 0 ? rest.slice(0, cut) : rest;
  const ref = cut >= 0 ? rest.slice(cut + 1) : undefined;
  const parts = path.split("/");
  const [owner, repo, ...sub] = parts;
  if (!owner || !repo || !OWNER.test(owner) || !OWNER.test(repo) || repo === "." || repo === "..")
    throw bad(text, `expected ${provider === "gitlab" ? "gitlab:group/repo" : "owner/repo"}[/subdir][@ref]`);
  if (ref !== undefined && !validRef(ref)) throw bad(text, `"${ref}" is not a valid git ref`);
  const subdir = sub.join("/");
  if (sub.length && !validSubdir(subdir))
    throw bad(text, `"${subdir}" is not a folder path inside the repository`);
  const host = provider === "gitlab" ? "gitlab.com" : "github.com";
  const spec: SourceSpec = {
    type: "git",
    url: `https://${host}/${owner}/${repo.replace(/\.git$/, "")}.git`,
    provider,
    repo: `${owner}/${repo.replace(/\.git$/, "")}`,
  };
  if (ref !== undefined) spec.ref = ref;
  if (sub.length) spec.subdir = subdir;
  return spec;
}

/** `#ref`, `#ref:subdir` or `#:subdir` after a git URL. */
function fragment(text: string, frag: string): { ref?: string; subdir?: string } {
  const colon = frag.indexOf(":");
  const ref = colon >= 0 ? frag.slice(0, colon) : frag;
  const subdir = colon >= 0 ? frag.slice(colon + 1) : undefined;
  const out: { ref?: string; subdir?: string } = {};
  if (ref !== "") {
    if (!validRef(ref)) throw bad(text, `"${ref}" is not a valid git ref`);
    out.ref = ref;
  }
  if (subdir !== undefined) {
    if (!validSubdir(subdir)) throw bad(text, `"${subdir}" is not a folder path inside the repository`);
    out.subdir = subdir;
  }
  if (out.ref === undefined && out.subdir === undefined) throw bad(text, "nothing after #");
  return out;
}

function gitOf(text: string, url: string, frag: string | undefined, atRef: string | undefined): SourceSpec {
  if (/\s/.test(url)) throw bad(text, "a URL holds no spaces");
  const spec: SourceSpec = { type: "git", url };
  if (frag !== undefined && atRef !== undefined) throw bad(text, "give the ref once, as #ref or @ref");
  if (atRef !== undefined) {
    if (!validRef(atRef)) throw bad(text, `"${atRef}" is not a valid git ref`);
    spec.ref = atRef;
  }
  if (frag !== undefined) Object.assign(spec, fragment(text, frag));
  return spec;
}

function parseUrl(text: string): SourceSpec {
  const hash = text.indexOf("#");
  const base = hash >= 0 ? text.slice(0, hash) : text;
  const frag = hash >= 0 ? text.slice(hash + 1) : undefined;
  const noPlus = base.replace(/^git\+/i, "");
  const scheme = (/^([a-z]+):/i.exec(noPlus)?.[1] ?? "").toLowerCase();
  let u: URL;
  try {
    u = new URL(noPlus);
  } catch {
    throw bad(text, "it is not a valid URL");
  }
  if (scheme !== "file" && !u.hostname) throw bad(text, "the URL has no host");
  if (
    (scheme === "https" || scheme === "http" || scheme === "file") &&
    ARCHIVE.test(u.pathname) &&
    !base.startsWith("git+")
  )
    return archiveOf(text, base, frag);
  // `@ref` after the host: the last @ in the path.
  const afterHost = noPlus.indexOf("/", noPlus.indexOf("://") + 3);
  const pathPart = afterHost >= 0 ? noPlus.slice(afterHost) : "";
  const at = pathPart.lastIndexOf("@");
  const url = at >= 0 ? noPlus.slice(0, afterHost + at) : noPlus;
  if (scheme === "file" ? url.length <= "file://".length : !/^[a-z+]+:\/\/[^/]+/i.test(url))
    throw bad(text, "the URL names no repository");
  return gitOf(text, url, frag, at >= 0 ? pathPart.slice(at + 1) : undefined);
}

function parseScp(text: string): SourceSpec {
  const hash = text.indexOf("#");
  const base = hash >= 0 ? text.slice(0, hash) : text;
  const frag = hash >= 0 ? text.slice(hash + 1) : undefined;
  const m = SCP.exec(base);
  const path = m?.[3] ?? "";
  const at = path.lastIndexOf("@");
  const url = at >= 0 ? base.slice(0, base.length - path.length + at) : base;
  if (!path || path.startsWith("-") || (at >= 0 && at === 0))
    throw bad(text, "the git address names no repository");
  return gitOf(text, url, frag, at >= 0 ? path.slice(at + 1) : undefined);
}

function archiveOf(text: string, base: string, fragArg?: string): SourceSpec {
  const hash = base.indexOf("#");
  const url = hash >= 0 ? base.slice(0, hash) : base;
  const frag = fragArg ?? (hash >= 0 ? base.slice(hash + 1) : undefined);
  const spec: SourceSpec = { type: "archive", url };
  if (frag !== undefined) {
    const m = /^sha256=(.*)$/.exec(frag);
    if (!m || !SHA256.test(m[1] as string))
      throw bad(text, "after # an archive takes sha256=<64 lowercase hex digits>");
    spec.sha256 = m[1] as string;
  }
  return spec;
}

/** The canonical text of a spec: `parseSourceSpec(formatSourceSpec(s))` gives `s` back. */
export function formatSourceSpec(s: SourceSpec): string {
  switch (s.type) {
    case "builtin":
      return "builtin";
    case "local":
      return formatLocal(s.path);
    case "npm":
      return `npm:${s.name}${s.range !== undefined ? `@${s.range}` : ""}`;
    case "archive":
      return `${s.url}${s.sha256 ? `#sha256=${s.sha256}` : ""}`;
    case "git": {
      if (s.provider && s.repo)
        return `${s.provider}:${s.repo}${s.subdir ? `/${s.subdir}` : ""}${s.ref !== undefined ? `@${s.ref}` : ""}`;
      const frag =
        s.subdir !== undefined ? `#${s.ref ?? ""}:${s.subdir}` : s.ref !== undefined ? `#${s.ref}` : "";
      return `${s.url}${frag}`;
    }
  }
}

function formatLocal(p: string): string {
  if (p.startsWith("./")) return `./${p}`;
  let back: SourceSpec | undefined;
  try {
    back = parseSourceSpec(p);
  } catch {
    back = undefined;
  }
  return back?.type === "local" && back.path === p ? p : `./${p}`;
}

/** `./x` is the folder x: the spec keeps the path without the leading `./` (`./` alone stays). */
function local(text: string): SourceSpec {
  return { type: "local", path: text.startsWith("./") && text.length > 2 ? text.slice(2) : text };
}

/** A short name for messages and the pack name of a remote source: the repo, package or file name. */
export function sourceLabel(s: SourceSpec): string {
  return formatSourceSpec(s);
}

/** The pack name a remote source gets when it has no manifest: repo (or subdir), package or archive name. */
export function defaultPackName(s: SourceSpec): string | undefined {
  switch (s.type) {
    case "git": {
      if (s.subdir) return s.subdir.split("/").pop();
      const last = s.url.replace(/\/+$/, "").split(/[/:]/).pop() ?? "";
      return last.replace(/\.git$/, "") || undefined;
    }
    case "npm":
      return s.name.split("/").pop();
    case "archive":
      return (s.url.split(/[/\\]/).pop() ?? "").replace(ARCHIVE, "") || undefined;
    default:
      return undefined;
  }
}

/** Whether a spec needs fetching (and so a pin in cadre.lock). */
export function isRemote(s: SourceSpec): s is Extract<SourceSpec, { type: "git" | "npm" | "archive" }> {
  return s.type === "git" || s.type === "npm" || s.type === "archive";
}
