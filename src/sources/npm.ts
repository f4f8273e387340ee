/**
 * npm sources through pacote (the npm CLI's own fetcher): the registry protocol, scoped registries and auth
 * tokens from the user's and the project's `.npmrc` (and `npm_config_*` variables), and the tarball's
 * `integrity` verified by pacote. pacote is loaded only when an npm source has to be resolved or fetched.
 */
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { ErrorCodes, UserError } from "../core/errors.js";
import { extractTar } from "./archive.js";
import { xdgDir } from "./paths.js";

/** `key=value` lines of an .npmrc, `${VAR}` expanded (comments, sections and quotes as npm reads them). */
export function parseNpmrc(text: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith(";") || line.startsWith("#") || line.startsWith("[")) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    if (/^".*"$/.test(value) || /^'.*'$/.test(value)) value = value.slice(1, -1);
    out[key] = value.replace(/\$\{([^}]+)\}/g, (_, v: string) => env[v] ?? "");
  }
  return out;
}

/** pacote's options: the user's and the project's .npmrc, npm_config_* variables, and cadre's cache folder. */
export function npmOptions(env: NodeJS.ProcessEnv, projectRoot: string): Record<string, unknown> {
  const read = (p: string) => {
    try {
      return parseNpmrc(readFileSync(p, "utf8"), env);
    } catch {
      return {};
    }
  };
  const home = env.HOME || env.USERPROFILE || homedir();
  const user = env.NPM_CONFIG_USERCONFIG ?? env.npm_config_userconfig ?? join(home, ".npmrc");
  const fromEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(env))
    if (/^npm_config_/i.test(k) && v !== undefined) fromEnv[k.slice(11).toLowerCase().replace(/_/g, "-")] = v;
  const merged = { ...read(user), ...read(join(projectRoot, ".npmrc")), ...fromEnv };
  return {
    ...merged,
    registry: merged.registry ?? "https://registry.npmjs.org/",
    cache: join(xdgDir("cache", env), "npm"),
    fullMetadata: false,
  };
}

/** pacote's failures as UserErrors naming the source. */
export function npmError(label: string, e: unknown): UserError {
  const err = e as { code?: string; message?: string; statusCode?: number };
  const msg = err.message ?? String(e);
  if (err.code === "EINTEGRITY")
    return new UserError(
      ErrorCodes.io,
      `${label}: the tarball does not match its integrity (tampered or corrupted download); nothing was installed`,
      "try again later; if it persists, the registry or a proxy serves altered content: report it to the package's publisher",
    );
  if (err.code === "E404" || err.statusCode === 404)
    return new UserError(
      ErrorCodes.notFound,
      `${label}: no such package on the registry`,
      "check the name (and the registry in .npmrc for a scope)",
    );
  if (err.code === "ETARGET")
    return new UserError(
      ErrorCodes.notFound,
      `${label}: no version matches (${msg})`,
      "`npm view <package> versions` lists them",
    );
  if (err.code === "E401" || err.code === "E403" || err.statusCode === 401 || err.statusCode === 403)
    return new UserError(
      ErrorCodes.io,
      `${label}: the registry refused access (${err.code ?? err.statusCode})`,
      "log in (`npm login`) or set the token for the registry in .npmrc",
    );
  if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ECONNRESET|ENETUNREACH/.test(`${err.code} ${msg}`))
    return new UserError(
      ErrorCodes.io,
      `${label}: cannot reach the registry (${err.code ?? msg})`,
      "check the network and the registry in .npmrc; `--offline` uses only the cache",
    );
  if (e instanceof UserError) return e;
  return new UserError(ErrorCodes.io, `${label}: ${msg}`);
}

type Pacote = typeof import("pacote");
async function pacote(): Promise<Pacote> {
  const m = (await import("pacote")) as Pacote & { default?: Pacote };
  return m.default ?? m;
}

export interface NpmResolved {
  version: string;
  integrity: string;
  resolved: string;
}

/** What `<name>@<range>` names now on the registry. */
export async function resolveNpm(
  name: string,
  range: string | undefined,
  label: string,
  opts: Record<string, unknown>,
): Promise<NpmResolved> {
  try {
    const m = await (await pacote()).manifest(`${name}@${range ?? "latest"}`, {
      ...opts,
      preferOnline: true,
    });
    const integrity = (m as { _integrity?: string })._integrity;
    if (!integrity)
      throw new UserError(
        ErrorCodes.io,
        `${label}: the registry gives no integrity for ${name}@${m.version}`,
        "cadre installs only packages it can verify",
      );
    return { version: m.version, integrity, resolved: (m as { _resolved?: string })._resolved ?? "" };
  } catch (e) {
    throw npmError(label, e);
  }
}

/** The dist-tags and versions of a package (for `cadre outdated`). */
export async function npmVersions(name: string, label: string, opts: Record<string, unknown>) {
  try {
    const p = await (await pacote()).packument(name, { ...opts, preferOnline: true });
    return { tags: p["dist-tags"] as Record<string, string>, versions: Object.keys(p.versions ?? {}) };
  } catch (e) {
    throw npmError(label, e);
  }
}

/** Fetch the tarball of an exact version, verified against `integrity`, and extract it into `dest`. */
export async function fetchNpm(
  name: string,
  pin: NpmResolved,
  label: string,
  opts: Record<string, unknown>,
  dest: string,
): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await (await pacote()).tarball(`${name}@${pin.version}`, {
      ...opts,
      integrity: pin.integrity,
      ...(pin.resolved ? { resolved: pin.resolved } : {}),
    });
  } catch (e) {
    throw npmError(label, e);
  }
  await extractTar(bytes, dest, label, { strip: 1 });
}

/** The semver-highest version of a list that `latest`-style comparison finds (prereleases sort first). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?/.exec(v);
    return m ? { n: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] } : undefined;
  };
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return x ? 1 : y ? -1 : a.localeCompare(b);
  for (let i = 0; i < 3; i++)
    if ((x.n[i] as number) !== (y.n[i] as number)) return (x.n[i] as number) - (y.n[i] as number);
  if (x.pre === y.pre) return 0;
  return x.pre === undefined ? 1 : y.pre === undefined ? -1 : x.pre.localeCompare(y.pre);
}
