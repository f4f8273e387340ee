/**
 * Git sources through the system `git`: the user's credentials, SSH agent, config and GIT_* settings apply
 * unchanged; only GIT_TERMINAL_PROMPT=0 is set, so a repository that needs credentials fails with a message
 * instead of waiting for a password nobody will type. A ref is fetched shallowly into a scratch repository and
 * exported with `git archive`, which goes through the same safe extractor as every other archive.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ErrorCodes, UserError } from "../core/errors.js";
import { extractTar } from "./archive.js";

interface GitRun {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export function runGit(args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, {
      cwd,
      env: { ...env, GIT_TERMINAL_PROMPT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => {
      err += c.toString("utf8");
    });
    child.on("error", (e: NodeJS.ErrnoException) =>
      reject(
        e.code === "ENOENT"
          ? new UserError(
              ErrorCodes.notFound,
              "git is not installed (cadre fetches git sources with it)",
              "install git, or use an npm or archive source",
            )
          : e,
      ),
    );
    child.on("close", (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: err }));
  });
}

/** A failed git command as a UserError that says what went wrong with which source. */
export function gitError(label: string, stderr: string, ref?: string): UserError {
  const s = stderr;
  const last = s.trim().split("\n").filter(Boolean).pop() ?? "git failed";
  if (
    /terminal prompts disabled|could not read (Username|Password)|Authentication failed|Permission denied \(publickey|Host key verification failed|HTTP Basic: Access denied|403/i.test(
      s,
    )
  )
    return new UserError(
      ErrorCodes.io,
      `${label}: the repository needs credentials that git does not have (${last.replace(/^fatal: /, "")})`,
      "set up access the way git uses it (an SSH key in your agent, a credential helper, or a token), check with `git ls-remote <url>`, then run again",
    );
  if (
    /does not appear to be a git repository|Repository not found|not found|No such file or directory/i.test(s)
  )
    return new UserError(
      ErrorCodes.notFound,
      `${label}: no git repository there (${last.replace(/^fatal: /, "")})`,
      "check the URL or owner/repo",
    );
  if (
    /Could not resolve host|Failed to connect|Connection refused|Connection timed out|Network is unreachable|unable to connect|Could not read from remote repository/i.test(
      s,
    )
  )
    return new UserError(
      ErrorCodes.io,
      `${label}: cannot reach the host (${last.replace(/^fatal: /, "")})`,
      "check the URL and your network; `--offline` uses only sources already in the cache",
    );
  if (
    /couldn't find remote ref|not our ref|no such remote ref|unadvertised object|remote error: .*not (valid|found)/i.test(
      s,
    )
  )
    return new UserError(
      ErrorCodes.notFound,
      `${label}: unknown ref${ref ? ` "${ref}"` : ""}`,
      "name a branch, tag or commit the repository has (`git ls-remote <url>` lists them)",
    );
  return new UserError(ErrorCodes.io, `${label}: git failed: ${last.replace(/^fatal: /, "")}`);
}

export interface RemoteRefs {
  /** ref name (HEAD, refs/heads/x, refs/tags/v1) → commit (tags peeled). */
  refs: Map<string, string>;
}

/** `git ls-remote`: every branch and tag with its commit (annotated tags peeled). */
export async function lsRemote(url: string, label: string, env: NodeJS.ProcessEnv): Promise<RemoteRefs> {
  const r = await runGit(["ls-remote", "--", url], env);
  if (r.code !== 0) throw gitError(label, r.stderr);
  const refs = new Map<string, string>();
  for (const line of r.stdout.toString("utf8").split("\n")) {
    const [sha, name] = line.split("\t");
    if (!sha || !name) continue;
    if (name.endsWith("^{}")) refs.set(name.slice(0, -3), sha);
    else if (!refs.has(name)) refs.set(name, sha);
  }
  return { refs };
}

/** The commit a ref names on the remote (tag, then branch, then a full ref name), or undefined. */
export function refCommit(refs: RemoteRefs, ref: string | undefined): string | undefined {
  if (!ref) return refs.refs.get("HEAD");
  return refs.refs.get(`refs/tags/${ref}`) ?? refs.refs.get(`refs/heads/${ref}`) ?? refs.refs.get(ref);
}

const SHA = /^[0-9a-f]{40}$/;

/**
 * Fetch one commit (or what a ref names now) shallowly and export its tree into `dest`. Returns the commit.
 * With `commit`, that exact commit is fetched (falling back to the ref when the server refuses a bare SHA).
 */
export async function fetchGit(
  o: { url: string; ref?: string; commit?: string; label: string; env: NodeJS.ProcessEnv },
  dest: string,
): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), "cadre-git-"));
  try {
    const git = (args: string[]) => runGit(args, o.env, scratch);
    const init = await git(["init", "-q", "--bare", "."]);
    if (init.code !== 0) throw gitError(o.label, init.stderr);
    const want = o.commit ?? (o.ref && SHA.test(o.ref) ? o.ref : (o.ref ?? "HEAD"));
    let r = await git(["fetch", "-q", "--depth=1", "--no-tags", "--", o.url, want]);
    if (r.code !== 0 && o.commit && o.ref && o.ref !== o.commit)
      r = await git(["fetch", "-q", "--no-tags", "--", o.url, o.ref]);
    if (r.code !== 0) {
      if (want === "HEAD" && /couldn't find remote ref HEAD/i.test(r.stderr)) {
        const refs = await lsRemote(o.url, o.label, o.env);
        if (refs.refs.size === 0)
          throw new UserError(
            ErrorCodes.notFound,
            `${o.label}: the repository is empty (no commit to install)`,
            "push a commit, or name another repository",
          );
        throw new UserError(
          ErrorCodes.notFound,
          `${o.label}: the repository has no default branch (HEAD)`,
          `name a branch or tag, e.g. ${o.label}#${[...refs.refs.keys()][0]?.replace(/^refs\/(heads|tags)\//, "") ?? "main"}`,
        );
      }
      throw gitError(o.label, r.stderr, o.ref ?? o.commit);
    }
    const head = await git(["rev-parse", "--verify", "-q", `${o.commit ?? "FETCH_HEAD"}^{commit}`]);
    const commit = head.stdout.toString("utf8").trim();
    if (head.code !== 0 || !SHA.test(commit))
      throw new UserError(
        ErrorCodes.notFound,
        `${o.label}: commit ${o.commit ?? o.ref} is no longer on the remote (was the ref moved or the history rewritten?)`,
        "run `cadre update` to move the pin in cadre.lock to what the ref names now",
      );
    const tar = await git(["archive", "--format=tar", commit]);
    if (tar.code !== 0) throw gitError(o.label, tar.stderr);
    await extractTar(tar.stdout, dest, o.label, { strip: 0 });
    return commit;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
