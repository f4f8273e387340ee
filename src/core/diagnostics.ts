export type Severity = "error" | "warning" | "info";

/** A finding about a file: from the loader (parse errors) or from a lint rule. */
export interface Diagnostic {
  rule: string;
  severity: Severity;
  message: string;
  /** Path as the user should see it (relative to the pack root's parent or the cwd). */
  file: string;
  line?: number;
  column?: number;
  hint?: string;
  /** Lint: the hosts that reject or mis-load the item (absent: every host). */
  hosts?: string[];
}

export function formatLocation(d: Pick<Diagnostic, "file" | "line" | "column">): string {
  if (d.line === undefined) return d.file;
  return d.column === undefined ? `${d.file}:${d.line}` : `${d.file}:${d.line}:${d.column}`;
}

export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.rule.localeCompare(b.rule),
  );
}

/** Line and column (1-based) of a character offset in a text. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}
