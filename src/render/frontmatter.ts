/** A small, deterministic YAML frontmatter writer for the flat keys hosts read. */

export type FrontValue = string | number | boolean | string[] | { raw: string };

const RESERVED = /^(?:true|false|yes|no|on|off|null|~|y|n)$/i;
const NUMBER = /^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:e[-+]?\d+)?|\.\d+|0x[0-9a-f]+|0o[0-7]+|\.inf|\.nan)$/i;

/** A YAML scalar: plain when unambiguous, otherwise double-quoted (JSON escaping is valid YAML). */
export function yamlScalar(s: string): string {
  const plain =
    s.length > 0 &&
    /^[A-Za-z0-9_./(][^\n]*$/.test(s) &&
    !/[:#]\s|:$|\s#|[{}[\]]|^\s|\s$|["'`|>@%&*!]/.test(s) &&
    !RESERVED.test(s) &&
    !NUMBER.test(s);
  return plain ? s : JSON.stringify(s);
}

export function renderFrontmatter(fields: Array<[string, FrontValue]>): string {
  if (fields.length === 0) return "";
  const lines = ["---"];
  for (const [k, v] of fields) {
    if (Array.isArray(v)) {
      lines.push(`${k}:`);
      for (const x of v) lines.push(`  - ${yamlScalar(x)}`);
    } else if (typeof v === "object") lines.push(`${k}: ${v.raw}`);
    else if (typeof v === "string") lines.push(`${k}: ${yamlScalar(v)}`);
    else lines.push(`${k}: ${String(v)}`);
  }
  lines.push("---", "");
  return lines.join("\n");
}

/** Frontmatter plus body, with exactly one trailing newline. */
export function markdownFile(fields: Array<[string, FrontValue]>, body: string): string {
  const b = body.replace(/^\n+/, "").replace(/\s+$/, "");
  return `${renderFrontmatter(fields)}${b}\n`;
}
