import type pc from "picocolors";

export type Colors = ReturnType<typeof pc.createColors>;

/** Where a command writes, and the global output settings. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  color: Colors;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  /** The stream behind `out`, for output written with backpressure (`index symbols --all`). */
  stdout?: NodeJS.WritableStream;
}

/** NO_COLOR disables colour, FORCE_COLOR (non-zero) forces it, otherwise colour on a TTY only. */
export function colorEnabled(env: NodeJS.ProcessEnv, isTTY: boolean, flag?: boolean): boolean {
  if (flag === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
  return isTTY && env.TERM !== "dumb";
}

/** The one documented `--json` envelope. */
export interface Envelope<T> {
  ok: boolean;
  command: string;
  version: string;
  data: T | null;
  errors: Array<{ code: string; message: string; hint?: string }>;
}

export function envelope<T>(command: string, version: string, data: T, ok = true): Envelope<T> {
  return { ok, command, version, data, errors: [] };
}

export function writeJson(io: Io, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** Pad a table of rows to aligned columns. */
export function table(rows: string[][], widths?: number[]): string {
  const visible = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "").length;
  const w =
    widths ?? rows.reduce<number[]>((acc, r) => r.map((c, i) => Math.max(acc[i] ?? 0, visible(c))), []);
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c + " ".repeat(Math.max(0, (w[i] ?? 0) - visible(c)))))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
