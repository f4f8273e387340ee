// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} is the syntax this module reads
/**
 * The canonical secret reference of an MCP item: `${VAR}`, or `${VAR:-default}` (the default is used when VAR
 * is unset), in `command`, `args`, `env` values, `url` and `headers` values. VAR is an environment variable name
 * (`[A-Za-z_][A-Za-z0-9_]*`). `${env:VAR}`, the form several hosts write, is read as the same reference. Each
 * host gets the reference in its own syntax (`render/mcp.ts`), or the item is not installed there. Pure.
 */
export interface SecretRef {
  name: string;
  /** `${VAR:-default}`: the value used when VAR is unset. */
  fallback?: string;
}

/** A value split into literal text and references, in order. */
export type SecretPart = string | SecretRef;

const REF = /\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export function secretParts(value: string): SecretPart[] {
  const out: SecretPart[] = [];
  let at = 0;
  for (const m of value.matchAll(REF)) {
    if (m.index > at) out.push(value.slice(at, m.index));
    out.push(m[2] === undefined ? { name: m[1] as string } : { name: m[1] as string, fallback: m[2] });
    at = m.index + m[0].length;
  }
  if (at < value.length) out.push(value.slice(at));
  return out;
}

/** The reference when the whole value is exactly one reference (`${VAR}`), else undefined. */
export function wholeRef(value: string): SecretRef | undefined {
  const parts = secretParts(value);
  return parts.length === 1 && typeof parts[0] === "object" ? parts[0] : undefined;
}

/** How a reference reads in the canonical syntax (for messages). */
export function showRef(r: SecretRef): string {
  return r.fallback === undefined ? `\${${r.name}}` : `\${${r.name}:-${r.fallback}}`;
}

/** The fields of an MCP server where a reference may stand. */
export const SECRET_FIELDS = ["command", "args", "env", "url", "headers"] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

/** Every string of a server's fields, with the field and where in it (`env.TOKEN`, `args[2]`). */
export function secretSites(
  meta: Record<string, unknown>,
): Array<{ field: SecretField; at: string; value: string }> {
  const out: Array<{ field: SecretField; at: string; value: string }> = [];
  for (const field of SECRET_FIELDS) {
    const v = meta[field];
    if (typeof v === "string") out.push({ field, at: field, value: v });
    else if (Array.isArray(v))
      v.forEach((x, i) => {
        if (typeof x === "string") out.push({ field, at: `${field}[${i}]`, value: x });
      });
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v))
        if (typeof x === "string") out.push({ field, at: `${field}.${k}`, value: x });
  }
  return out;
}
