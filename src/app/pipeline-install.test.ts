/**
 * The pipeline profile installs what its text promises: after `init --profile pipeline` (which syncs), every
 * `.cadre/schemas/…` and `.cadre/templates/…` path the library's roles, commands and workflows mention
 * exists, and every `cadre …` command they tell the agent to run is a real command (with a real action and
 * artifact kind). Uninstall removes the installed schemas and templates again.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../cli/spec.js";
import { builtinLibraryDir } from "../sources/paths.js";
import { initCommand } from "./init.js";
import { syncCommand } from "./sync.js";
import { uninstallCommand } from "./uninstall.js";

const lib = builtinLibraryDir();
const scratch = mkdtempSync(join(tmpdir(), "cadre-pipeline-install-"));
const env: NodeJS.ProcessEnv = {
  HOME: join(scratch, "home"),
  XDG_CONFIG_HOME: join(scratch, "home/.config"),
  XDG_STATE_HOME: join(scratch, "home/.state"),
  XDG_CACHE_HOME: join(scratch, "home/.cache"),
  CADRE_PROGRESS: "0",
};
const KINDS = readdirSync(join(lib, "schemas")).map((f) => f.replace(/\.schema\.json$/, ""));

/** The library text of the pipeline: role agents, phase commands, workflows (whitespace folded). */
function pipelineTexts(): { file: string; text: string }[] {
  const dirs = ["agents/pipeline", "commands", "workflows"];
  return dirs.flatMap((d) =>
    readdirSync(join(lib, d)).map((f) => ({
      file: `library/${d}/${f}`,
      text: readFileSync(join(lib, d, f), "utf8").replace(/\s+/g, " "),
    })),
  );
}

/** Every phase id of the library's workflows. */
const PHASES = new Set(
  readdirSync(join(lib, "workflows")).flatMap((f) =>
    [...readFileSync(join(lib, "workflows", f), "utf8").matchAll(/^\s+- id: ([a-z-]+)$/gm)].map((m) => m[1]),
  ),
);

/** Concrete paths for a mention: `<name>` stands for every artifact kind. */
const expand = (p: string) => (p.includes("<name>") ? KINDS.map((k) => p.replace("<name>", k)) : [p]);

/** What each command accepts as its first argument, for the commands the pipeline text uses. */
const ACTIONS: Record<string, RegExp> = {
  artifact: /^(new|validate)$/,
  run: /^(start|status|list|resume|end|phase|gate|repair)$/,
  learn: /^(propose|list|accept|reject|archive)$/,
};

describe("init --profile pipeline installs what the library text names", () => {
  const root = join(scratch, "project");
  it("installs every schema and template the pipeline text mentions, once, for the project", async () => {
    const { mkdirSync } = await import("node:fs");
    mkdirSync(root, { recursive: true });
    const r = await initCommand({
      cwd: root,
      env,
      profiles: ["pipeline"],
      hosts: ["claude-code"],
      version: "test",
    });
    expect(r.sync?.conflicts ?? []).toEqual([]);
    for (const k of KINDS) {
      expect(existsSync(join(root, `.cadre/schemas/${k}.schema.json`)), k).toBe(true);
      expect(existsSync(join(root, `.cadre/templates/${k}.md`)), k).toBe(true);
    }
    const mentioned = new Set<string>();
    for (const { text } of pipelineTexts())
      for (const m of text.matchAll(/\.cadre\/(?:schemas|templates)\/[a-z<>-]+(?:\.schema\.json|\.md)/g))
        for (const p of expand(m[0])) mentioned.add(p);
    expect(mentioned.size).toBeGreaterThanOrEqual(2 * KINDS.length);
    const missing = [...mentioned].filter((p) => !existsSync(join(root, p)));
    expect(missing).toEqual([]);
    // the workflows' artifacts, each with its schema and template
    for (const f of readdirSync(join(lib, "workflows")))
      for (const m of readFileSync(join(lib, "workflows", f), "utf8").matchAll(
        /^\s+artifact: ([a-z-]+)$/gm,
      )) {
        expect(existsSync(join(root, `.cadre/schemas/${m[1]}.schema.json`)), `${f}: ${m[1]}`).toBe(true);
        expect(existsSync(join(root, `.cadre/templates/${m[1]}.md`)), `${f}: ${m[1]}`).toBe(true);
      }
    // the installed template is the artifact skeleton, not the library item (no item frontmatter)
    const spec = readFileSync(join(root, ".cadre/templates/spec.md"), "utf8");
    expect(spec).toMatch(/^---\nschema_version: 1\n/);
    expect(spec).not.toMatch(/^name: spec$/m);
    expect(readFileSync(join(root, "cadre.lock"), "utf8")).toContain('".cadre/schemas/spec.schema.json"');
  });

  it("tells the agent to run only real commands", () => {
    const names = new Set(COMMANDS.map((c) => c.name));
    const bad: string[] = [];
    let seen = 0;
    for (const { file, text } of pipelineTexts())
      for (const m of text.matchAll(
        /`cadre ([a-z-]+)(?: ([a-z<>-]+))?(?: ([a-z<>-]+))?(?: ([a-z<>-]+))?[^`]*`/g,
      )) {
        seen++;
        const [, cmd = "", action, arg, target] = m;
        if (!names.has(cmd)) bad.push(`${file}: ${m[0]} (no command ${cmd})`);
        else if (ACTIONS[cmd] && !ACTIONS[cmd]?.test(action ?? ""))
          bad.push(`${file}: ${m[0]} (no action ${action})`);
        else if (cmd === "artifact" && action === "new" && arg !== "<name>" && !KINDS.includes(arg ?? ""))
          bad.push(`${file}: ${m[0]} (no artifact kind ${arg})`);
        else if (cmd === "run" && (action === "phase" || action === "gate")) {
          const verbs = action === "phase" ? ["enter", "exit"] : ["approve", "reject"];
          if (!verbs.includes(arg ?? ""))
            bad.push(`${file}: ${m[0]} (run ${action} takes ${verbs.join(" or ")})`);
          if (!PHASES.has(target ?? "")) bad.push(`${file}: ${m[0]} (no workflow phase ${target})`);
        }
      }
    expect(seen).toBeGreaterThan(40);
    expect(bad).toEqual([]);
  });

  it("is in sync, and uninstall removes the schemas and templates", async () => {
    const check = await syncCommand({ cwd: root, env, dryRun: true, version: "test" });
    expect(check.actions.filter((a) => a.type !== "skip").map((a) => `${a.type} ${a.path}`)).toEqual([]);
    await uninstallCommand({ cwd: root, env });
    expect(existsSync(join(root, ".cadre/schemas"))).toBe(false);
    expect(existsSync(join(root, ".cadre/templates/spec.md"))).toBe(false);
  });
});
