/** A minimal TOML writer for the flat documents hosts read (Codex agents, Gemini commands, MCP tables). */

/** A line that reads as a comment in a multi-line string could be taken for a managed-block marker. */
const COMMENT_LINE = /^[ \t]*#/m;

export function tomlString(s: string): string {
  if (
    s.includes("\n") &&
    !s.includes("'''") &&
    !COMMENT_LINE.test(s) &&
    !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s)
  ) {
    return `'''\n${s}'''`;
  }
  return JSON.stringify(s)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export function tomlKey(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k);
}

export type TomlValue = string | number | boolean | string[] | Record<string, string>;

export function tomlValue(v: TomlValue): string {
  if (typeof v === "string") return tomlString(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => JSON.stringify(x)).join(", ")}]`;
  return `{ ${Object.entries(v)
    .map(([k, x]) => `${tomlKey(k)} = ${JSON.stringify(x)}`)
    .join(", ")} }`;
}

/** Top-level `key = value` lines, in the given order. */
export function renderToml(entries: Array<[string, TomlValue | undefined]>): string {
  return `${entries
    .filter((e): e is [string, TomlValue] => e[1] !== undefined)
    .map(([k, v]) => `${tomlKey(k)} = ${tomlValue(v)}`)
    .join("\n")}\n`;
}
