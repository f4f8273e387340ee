import { constants } from "node:fs";
import { access, readFile } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
import { parse as parseToml } from "smol-toml";
import { parseConfig } from "../plan/json-keys.js";

/** The command strings of every hook handler in a host's hook config (JSON, TOML, Copilot's `bash`). */
export function hookCommandsIn(text: string, path: string): string[] {
  let doc: unknown;
  try {
    doc = path.endsWith(".toml") ? parseToml(text) : parseConfig(text);
  } catch {
    return [];
  }
  const out: string[] = [];
  const walk = (v: unknown, inHooks: boolean): void => {
    if (Array.isArray(v)) for (const x of v) walk(x, inHooks);
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        if (inHooks && (k === "command" || k === "bash") && typeof x === "string") out.push(x);
        else walk(x, inHooks || k === "hooks");
      }
  };
  walk(doc, false);
  return out;
}

/** POSIX-shell words of a simple command line (quotes removed, `$VAR`s left as written); stops at `;|&`. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let w = "";
  let has = false;
  let q: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i] as string;
    if (q) {
      if (c === q) q = undefined;
      else if (c === "\\" && q === '"' && i + 1 < command.length) w += command[++i];
      else w += c;
    } else if (c === '"' || c === "'") {
      q = c;
      has = true;
    } else if (c === "\\" && i + 1 < command.length) {
      w += command[++i];
      has = true;
    } else if (/\s/.test(c) || ";|&".includes(c)) {
      if (has || w) words.push(w);
      w = "";
      has = false;
      if (";|&".includes(c)) return words;
    } else {
      w += c;
      has = true;
    }
  }
  if (has || w) words.push(w);
  return words;
}

/** What is wrong with the scripts a hook command runs (empty: nothing cadre can see). */
export async function hookCommandProblems(command: string, root: string): Promise<string[]> {
  const expand = (w: string) => w.replace(/\$\{?(CLAUDE_PROJECT_DIR|GEMINI_PROJECT_DIR)\}?/g, root);
  let words = shellWords(command);
  // `cadre hook … --run <command>` (a host without matchers): the scripts are the wrapped command's.
  const run = words[1] === "hook" ? words.indexOf("--run") : -1;
  if (run > 0 && words[run + 1] !== undefined) return hookCommandProblems(words[run + 1] as string, root);
  while (words[0] !== undefined && /^[A-Za-z_]\w*=/.test(words[0])) words = words.slice(1);
  const problems: string[] = [];
  for (const [i, raw] of words.entries()) {
    if (/\$\{?CLAUDE_(PLUGIN_ROOT|SKILL_DIR)\b/.test(raw)) {
      problems.push(
        `\`${raw}\`: $\{CLAUDE_${raw.includes("SKILL") ? "SKILL_DIR" : "PLUGIN_ROOT"}} is set only inside a plugin or skill, not for a project hook`,
      );
      continue;
    }
    const w = expand(raw);
    const inProject = w.startsWith("./") || (isAbsolute(w) && !relative(root, w).startsWith(`..${sep}`));
    const script = i === 0 ? w.includes("/") : inProject || isAbsolute(w);
    if (!script || w.includes("$")) continue;
    const p = isAbsolute(w) ? w : join(root, w);
    const shown = isAbsolute(w) && !relative(root, w).startsWith("..") ? relative(root, w) : w;
    if (
      !(await access(p).then(
        () => true,
        () => false,
      ))
    )
      problems.push(`${shown} is missing`);
    else if (
      i === 0 &&
      !(await access(p, constants.X_OK).then(
        () => true,
        () => false,
      ))
    )
      problems.push(`${shown} is not executable`);
  }
  return problems;
}

/** Every hook command in the installed hook configs, with what is wrong with its scripts. */
export async function hookScriptProblems(
  root: string,
  files: Record<string, { items: string[] }>,
): Promise<Array<{ file: string; command: string; problems: string[] }>> {
  const out: Array<{ file: string; command: string; problems: string[] }> = [];
  for (const [file, entry] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!entry.items.some((q) => q.includes("/hook:")) || !/\.(json|toml)$/.test(file)) continue;
    const text = await readFile(join(root, file), "utf8").catch(() => undefined);
    if (text === undefined) continue;
    for (const command of new Set(hookCommandsIn(text, file))) {
      const problems = await hookCommandProblems(command, root);
      if (problems.length) out.push({ file, command, problems });
    }
  }
  return out;
}
