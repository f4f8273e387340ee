/** Error codes, stable across releases: scripts may match on them in `--json` output. */
export const ErrorCodes = {
  usage: "E_USAGE",
  notFound: "E_NOT_FOUND",
  exists: "E_EXISTS",
  parse: "E_PARSE",
  io: "E_IO",
  unsafePath: "E_UNSAFE_PATH",
  findings: "E_FINDINGS",
  refused: "E_REFUSED",
  internal: "E_INTERNAL",
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** Process exit codes: 0 success, 1 failure or findings, 2 usage error, 130 interrupted. */
export const ExitCodes = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/** An expected error: printed as one message plus a hint, never with a stack trace. */
export class UserError extends Error {
  override readonly name = "UserError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
  get exitCode(): number {
    return this.code === ErrorCodes.usage ? ExitCodes.usage : ExitCodes.failure;
  }
}

/** Ends the command with an exit code after output has been written (e.g. lint findings). */
export class ExitError extends Error {
  override readonly name = "ExitError";
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/** A bug in cadre: printed with a request to report it. */
export class InternalError extends Error {
  override readonly name = "InternalError";
}

export function usageError(message: string, hint?: string): UserError {
  return new UserError(ErrorCodes.usage, message, hint);
}
