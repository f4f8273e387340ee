import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { protectedHit } from "./handlers.js";
import { compilePatterns, protectedBy, relToRoot } from "./paths.js";
import { ShellTooLong, shellTargets } from "./shell.js";
import { decodeAnsiC, ShellTooDeep } from "./shell-parse.js";
import type { CanonicalEvent } from "./types.js";

const PATTERNS = ["cadre.lock", ".git/", "package-lock.json", "pnpm-lock.yaml", "yarn.lock"];
const root = "/home/u/proj";

function shell(command: string, cwd = root): CanonicalEvent {
  return {
    host: "claude-code",
    event: "pre-tool-use",
    hostEvent: "PreToolUse",
    cwd,
    tool: { name: "Bash", class: "shell", input: { command }, paths: [], command },
  };
}

/** The written paths, relative to the start directory `/w` where they are inside it. */
function shellWrites(cmd: string): string[] {
  const rel = (p: string) => (p === "/w" ? "." : p.startsWith("/w/") ? p.slice(3) : p);
  return [...new Set(shellTargets(cmd, { cwd: "/w", home: "/h" }).map((t) => rel(t.path)))];
}

describe("shellWrites", () => {
  it.each([
    ["echo hi > out.txt", ["out.txt"]],
    ["echo hi >> a.log 2>&1", ["a.log"]],
    ["cmd 2> err.txt >/dev/null", ["err.txt"]],
    ["cmd &> all.txt", ["all.txt"]],
    ["cat a | tee b c", ["b", "c"]],
    ["rm -rf build dist", ["build", "dist"]],
    ["mv a.txt b.txt", ["a.txt", "b.txt"]],
    ["cp -r src/ /tmp/x", ["/tmp/x"]],
    ["sed -i 's/a/b/' f1 f2", ["f1", "f2"]],
    ["sed -i.bak -e 's/a/b/' f1", ["f1"]],
    ["sed -n 1p f1", []],
    ["perl -pi -e 's/a/b/' x.txt", ["x.txt"]],
    ["dd if=/dev/zero of=disk.img", ["disk.img"]],
    ["sudo -u root rm /etc/x", ["/etc/x"]],
    ["FOO=1 env -i BAR=2 touch t", ["t"]],
    ["bash -c 'echo x > inner.txt'", ["inner.txt"]],
    ['echo "$(rm victim)"', ["victim"]],
    ["git rm --cached a b", ["a", "b"]],
    ["git checkout -- c.txt", ["c.txt"]],
    ["cat <<'EOF' > note.md\nrm -rf everything\nEOF\necho done", ["note.md"]],
    ["echo 'a > b' # > c", []],
    ["ls; rm x && echo ok || rm y", ["x", "y"]],
    ["timeout 5 truncate -s 0 big.log", ["big.log"]],
    ["time -p rm t1", ["t1"]],
    ["cp -Z a b", ["b"]],
    ["ln --backup -s a b", ["b"]],
    ["git checkout main", ["main"]],
    ["git restore --staged x", []],
    ["/usr/bin/time -o t.txt make", ["t.txt"]],
    ["find . -name '*.tmp' -delete", ["*.tmp"]],
    ["find build -delete", ["build"]],
  ])("%s", (cmd, want) => {
    expect(shellWrites(cmd)).toEqual(want);
  });
});

describe("protected paths", () => {
  it("matches gitignore-like patterns", () => {
    const c = compilePatterns(PATTERNS);
    expect(protectedBy("cadre.lock", c)).toBe("cadre.lock");
    expect(protectedBy("packages/a/package-lock.json", c)).toBe("package-lock.json");
    expect(protectedBy(".git/config", c)).toBe(".git/");
    expect(protectedBy("sub/.git/HEAD", c)).toBe(".git/");
    expect(protectedBy("cadre.lock.bak", c)).toBeUndefined();
    expect(protectedBy(".github/workflows/ci.yml", c)).toBeUndefined();
    expect(protectedBy("src/x.ts", compilePatterns(["/src/generated/", "*.pem"]))).toBeUndefined();
    expect(protectedBy("src/generated/a.ts", compilePatterns(["/src/generated/"]))).toBe("/src/generated/");
    expect(protectedBy("keys/server.pem", compilePatterns(["*.pem"]))).toBe("*.pem");
  });

  it("resolves paths against the cwd and ignores paths outside the root", () => {
    expect(relToRoot("/home/u/proj/a/b", { root })).toBe("a/b");
    expect(relToRoot("../cadre.lock", { root, cwd: "/home/u/proj/src" })).toBe("cadre.lock");
    expect(relToRoot("/etc/passwd", { root })).toBeUndefined();
    expect(relToRoot("~/x", { root })).toBeUndefined();
  });

  it.each([
    "echo x > cadre.lock",
    "echo '[core]' >> .git/config",
    "rm -rf .git",
    "rm package-lock.json",
    "mv cadre.lock /tmp/old",
    "sed -i 's/1.0/2.0/' yarn.lock",
    "cat new.json | tee package-lock.json",
    "cp /tmp/lock pnpm-lock.yaml",
    "rm *.lock",
    "rm -rf .",
    "cd src && rm ../cadre.lock",
    "bash -c 'truncate -s0 cadre.lock'",
    "git rm cadre.lock",
  ])("denies %s", (cmd) => {
    expect(protectedHit(shell(cmd), PATTERNS, root, { shell: shellTargets })).toBeDefined();
  });

  it.each([
    "cat cadre.lock",
    "grep version package-lock.json",
    "git diff cadre.lock",
    "cp cadre.lock /tmp/backup.lock",
    "sed -n 1,5p yarn.lock",
    "git commit -m 'update cadre.lock'",
    "npm install",
    "echo cadre.lock > files.txt",
    "ls .git",
    "rm -rf node_modules build",
    "echo hi > /tmp/.git/x",
    "git status > .gitstatus",
    "cp a.txt .",
  ])("allows %s", (cmd) => {
    expect(protectedHit(shell(cmd), PATTERNS, root, { shell: shellTargets })).toBeUndefined();
  });

  it("fails (and so the guard fails closed) when a shell call comes without the shell reader", () => {
    expect(() => protectedHit(shell("rm cadre.lock"), PATTERNS, root)).toThrow(/shell command reader/);
  });

  it("checks edit and write paths, absolute or relative", () => {
    const edit = (p: string): CanonicalEvent => ({
      host: "claude-code",
      event: "pre-tool-use",
      hostEvent: "PreToolUse",
      cwd: root,
      tool: { name: "Edit", class: "edit", input: { file_path: p }, paths: [p] },
    });
    expect(protectedHit(edit("/home/u/proj/cadre.lock"), PATTERNS, root)?.path).toBe("cadre.lock");
    expect(protectedHit(edit("/home/u/proj/src/cadre.ts"), PATTERNS, root)).toBeUndefined();
    expect(protectedHit(edit("/home/u/other/cadre.lock"), PATTERNS, root)).toBeUndefined();
  });
});

describe("shell parser robustness", () => {
  const ALPHABET = [
    ..."ab.;&|<>(){}[]$`'\"\\ \n\t#=*~!-",
    "if ",
    "then ",
    "fi",
    "do ",
    "done",
    "case ",
    " in ",
    "esac",
    "<<EOF\n",
    "EOF\n",
    "rm ",
    "cadre.lock",
    "$(",
    "${",
    "$'",
  ];

  it("reads any text without throwing (random command lines)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 60 }), (parts) => {
        const out = shellTargets(parts.join(""), { cwd: "/w", home: "/h" });
        expect(Array.isArray(out)).toBe(true);
        for (const t of out) expect(t.path.startsWith("/")).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("refuses nesting past its limit instead of skipping what is inside", () => {
    const deep = `${"( ".repeat(500)}rm cadre.lock${" )".repeat(500)}`;
    expect(() => shellTargets(deep, { cwd: "/w" })).toThrow(ShellTooDeep);
    expect(() => shellTargets(`${"$(".repeat(200)}rm x${")".repeat(200)}`, { cwd: "/w" })).toThrow(
      ShellTooDeep,
    );
    expect(() => shellTargets(`${"eval ".repeat(40)}rm cadre.lock`, { cwd: "/w" })).toThrow(ShellTooDeep);
    expect(() => shellTargets(`echo ${"x".repeat(1_100_000)}`, { cwd: "/w" })).toThrow(ShellTooLong);
    // Shallower nesting is read.
    expect(shellWrites(`${"( ".repeat(20)}rm cadre.lock${" )".repeat(20)}`)).toEqual(["cadre.lock"]);
    expect(shellWrites(`${"eval ".repeat(6)}rm cadre.lock`)).toEqual(["cadre.lock"]);
  });

  it("keeps a word too big to expand as a pattern that can still hit", () => {
    expect(protectedHit(shell("rm {a..z}{a..z}rn.lock"), PATTERNS, root, { shell: shellTargets })?.path).toBe(
      "**rn.lock",
    );
    expect(
      protectedHit(shell("rm {1..9}{1..9}{1..9}.tmp"), PATTERNS, root, { shell: shellTargets }),
    ).toBeUndefined();
  });

  it("decodes ANSI-C quotes", () => {
    expect(decodeAnsiC("a\\x41\\101\\u00e9\\n\\'")).toBe("aAAé\n'");
  });

  it("walks scripts fed to a shell and skips data", () => {
    expect(shellWrites("cat <<'A' | sh\ntouch one\nA\ncat <<B > two\n$(touch three)\nB")).toEqual([
      "one",
      "three",
      "two",
    ]);
    expect(shellWrites("printf 'touch x' | python3")).toEqual([]);
    expect(shellWrites("f() { touch in-f; }; g() { f; }; g")).toEqual(["in-f"]);
  });
});
