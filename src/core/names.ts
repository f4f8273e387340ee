/** Item names: 1–64 chars of a-z, 0-9 and '-', no leading, trailing or doubled hyphen. */
export const NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const NAME_MAX = 64;

/** Why a name is invalid, or undefined when it is valid. */
export function checkName(name: unknown): string | undefined {
  if (typeof name !== "string" || name.length === 0) return "is empty";
  if (name.length > NAME_MAX) return `is ${name.length} characters long (at most ${NAME_MAX})`;
  if (/[\\/]/.test(name) || name.includes("..")) return "contains a path separator or '..'";
  if (!/^[a-z0-9-]+$/.test(name)) return "may only contain lowercase a-z, 0-9 and '-'";
  if (name.startsWith("-") || name.endsWith("-")) return "starts or ends with '-'";
  if (name.includes("--")) return "contains '--'";
  return undefined;
}

/**
 * Why a name cannot be a file name in every host's folder (a path separator, '..', characters outside
 * A-Z a-z 0-9 . _ -, a leading or trailing '.', a Windows device name, over 200 characters), or undefined.
 * Looser than `checkName`: `clean_gone` and `powershell-5.1-expert` are file names hosts take as written.
 */
export function fileNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > 200) return `is ${name.length} characters long`;
  if (/[\\/]/.test(name) || name.includes("..")) return "contains a path separator or '..'";
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || name.endsWith("."))
    return "may only contain A-Z, a-z, 0-9, '.', '_' and '-', and not start or end with '.'";
  if (/^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i.test(name)) return "is a Windows device name";
  return undefined;
}

/** True when a relative path is safe to join under a root: no absolute, no '..', no drive letters. */
export function isSafeRelativePath(p: string): boolean {
  if (p.length === 0) return false;
  const s = p.replace(/\\/g, "/");
  if (s.startsWith("/") || /^[a-zA-Z]:/.test(s)) return false;
  return !s.split("/").some((seg) => seg === "..");
}

export function toPosix(p: string): string {
  return p.replace(/\\/g, "/");
}

/** Damerau-Levenshtein distance (optimal string alignment: insert, delete, substitute, swap neighbours). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const prev = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * The candidates closest to a mistyped name, best first: within an edit distance of about a third of the
 * name's length (at least 1), or containing it (or contained in it); at most `max`.
 */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const want = name.toLowerCase();
  const limit = Math.max(1, Math.round(want.length / 3));
  const scored: Array<[string, number]> = [];
  for (const c of new Set(candidates)) {
    const lc = c.toLowerCase();
    const d = editDistance(want, lc);
    const inside = want.length >= 3 && (lc.includes(want) || want.includes(lc));
    if (d <= limit || inside) scored.push([c, inside ? Math.min(d, limit) : d]);
  }
  scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]));
  return scored.slice(0, max).map(([c]) => c);
}

/** ` did you mean a, b?` for a hint, or "" when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const near = closestNames(name, candidates);
  return near.length ? `did you mean ${near.join(", ")}?` : "";
}
