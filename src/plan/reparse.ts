import { parse as parseToml } from "smol-toml";

function tomlError(text: string): string | undefined {
  try {
    parseToml(text);
    return undefined;
  } catch (e) {
    const err = e as Error & { line?: number };
    const first = err.message.split("\n")[0]?.replace(/^Invalid TOML document: /, "") ?? "invalid";
    return err.line ? `line ${err.line}: ${first}` : first;
  }
}

/**
 * Why cadre must not write `after` over `before` in a shared file of this path's syntax (undefined: it may).
 * Only TOML has managed blocks whose syntax matters (Markdown has none); JSON and YAML configs are checked
 * by the key editor.
 */
export function blockSyntaxProblem(path: string, before: string | null, after: string): string | undefined {
  if (!path.endsWith(".toml")) return undefined;
  const bad = tomlError(after);
  if (bad === undefined) return undefined;
  if (before !== null && tomlError(before) !== undefined)
    return `is not valid TOML (${tomlError(before)}); left untouched. Fix it, then run cadre sync`;
  return `cadre's block would make it invalid TOML (${bad}), most likely because a table or key of yours is also one cadre writes; left untouched. Fix: remove or rename yours (or merge it into one), then run cadre sync`;
}
