import { spawnSync } from "node:child_process";

/**
 * The first Python 3 on this machine that can import every module a skill's script needs.
 * `CADRE_PYTHON` wins; then `python3` on PATH; then the system one (pyenv shims often shadow
 * Debian's interpreter, which is where `.ci/run` installs python3-pypdf, python3-docx, python3-openpyxl).
 * Throws, naming the modules, when none can: a missing library fails the test, it never skips it.
 */
export function pythonWith(modules: string[]): string {
  const candidates = [process.env.CADRE_PYTHON, "python3", "/usr/bin/python3"].filter(Boolean) as string[];
  const probe = `import ${modules.length ? modules.join(", ") : "sys"}`;
  for (const exe of candidates) {
    const r = spawnSync(exe, ["-c", probe], { encoding: "utf8" });
    if (r.status === 0) return exe;
  }
  throw new Error(
    `no python3 here can import ${modules.join(", ")} (tried ${candidates.join(", ")}); .ci/run installs them`,
  );
}

/** Runs a script with the chosen interpreter; returns status, stdout and stderr. */
export function runPython(exe: string, args: string[], cwd?: string) {
  const r = spawnSync(exe, args, { encoding: "utf8", cwd, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
