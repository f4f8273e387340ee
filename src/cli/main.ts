import { resolve as resolvePath } from "node:path";
import { Command, CommanderError, Option } from "commander";
import pc from "picocolors";
import { ErrorCodes, ExitCodes, ExitError, UserError } from "../core/errors.js";
import { colorEnabled, type Io } from "./io.js";
import { COMMANDS, type CommandSpec } from "./spec.js";
import { VERSION } from "./version.js";

const createColors = pc.createColors;

interface GlobalOpts {
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  cwd?: string;
  color?: boolean;
  offline?: boolean;
}

function makeIo(g: GlobalOpts): Io {
  const isTTY = process.stdout.isTTY === true;
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    color: createColors(colorEnabled(process.env, isTTY, g.color)),
    json: g.json === true,
    quiet: g.quiet === true,
    verbose: g.verbose === true,
    cwd: g.cwd ? resolvePath(g.cwd) : process.cwd(),
    env: sourceEnv(g),
    isTTY,
    stdout: process.stdout,
  };
}

/** `--offline` and the fetch progress (off with -q/--json) reach the source resolver through the environment. */
function sourceEnv(g: GlobalOpts): NodeJS.ProcessEnv {
  if (!g.offline && !g.quiet && !g.json) return process.env;
  return {
    ...process.env,
    ...(g.offline ? { CADRE_OFFLINE: "1" } : {}),
    ...(g.quiet || g.json ? { CADRE_PROGRESS: "0" } : {}),
  };
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function addCommand(program: Command, spec: CommandSpec, state: { code: number }): void {
  const cmd = program.command(spec.args ? `${spec.name} ${spec.args}` : spec.name).description(spec.summary);
  for (const o of spec.options) {
    const opt = new Option(o.flags, o.description);
    if (o.repeat) opt.argParser(collect);
    if (o.default !== undefined) opt.default(o.default);
    cmd.addOption(opt);
  }
  cmd.addHelpText("after", `\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join("\n")}\n`);
  cmd.action(async (...params: unknown[]) => {
    const command = params[params.length - 1] as Command;
    const opts = command.opts();
    const globals = command.optsWithGlobals() as GlobalOpts;
    const args = (command.processedArgs as unknown[]).flatMap((a) =>
      Array.isArray(a) ? a : a === undefined ? [] : [a],
    ) as string[];
    const io = makeIo(globals);
    const mod = await spec.load();
    state.code = (await mod.run(args, opts, io)) ?? 0;
  });
}

export function buildProgram(state: { code: number }, json = false): Command {
  const program = new Command("cadre")
    .description("One canonical library of AI coding-agent content, compiled into every host's native files.")
    .version(VERSION, "-V, --version", "print the version")
    .option("--json", "print machine-readable JSON (one envelope: ok, command, version, data, errors)")
    .option("-q, --quiet", "print only errors")
    .option("-v, --verbose", "print more detail")
    .option("-C, --cwd <dir>", "run as if started in <dir>")
    .option("--no-color", "disable colour (also NO_COLOR=1; FORCE_COLOR=1 forces it)")
    .option("--offline", "use only sources already in the cache; never fetch (also CADRE_OFFLINE=1)")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    // With --json a parse error is reported once, as the envelope on stdout (reportError), not as text.
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => (json ? true : process.stderr.write(s)),
      outputError: (s, write) => (json ? undefined : write(s)),
    });
  program.addHelpText(
    "after",
    `
Examples:
  $ cadre search "code review"        find items by what they do
  $ cadre list --kind agent           list the subagents
  $ cadre info skill:test-driven-development
  $ cadre lint ./my-pack --strict     check a pack before publishing it

Exit codes: 0 success, 1 failure or findings, 2 usage error, 130 interrupted.
Set CADRE_DEBUG=1 to see stack traces.`,
  );
  for (const spec of COMMANDS) addCommand(program, spec, state);
  return program;
}

function wantsJson(argv: string[]): boolean {
  return argv.includes("--json");
}

/** The command the arguments name: the first one that is not an option (or the value of -C/--cwd). */
function commandOf(argv: string[]): string {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "-C" || a === "--cwd") i++;
    else if (!a.startsWith("-")) return a;
  }
  return "";
}

function writeEnvelope(
  argv: string[],
  errors: Array<{ code: string; message: string; hint?: string }>,
): void {
  const env = { ok: false, command: commandOf(argv), version: VERSION, data: null, errors };
  process.stdout.write(`${JSON.stringify(env, null, 2)}\n`);
}

function reportError(e: unknown, argv: string[]): number {
  const debug = process.env.CADRE_DEBUG === "1";
  if (e instanceof ExitError) return e.exitCode;
  if (e instanceof CommanderError) {
    if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help")
      return 0;
    if (e.code === "commander.executeSubCommandAsync") return ExitCodes.failure;
    if (wantsJson(argv)) {
      const command = commandOf(argv);
      const known = COMMANDS.some((c) => c.name === command);
      const hint = `run \`cadre ${known ? `${command} ` : ""}--help\` for usage`;
      writeEnvelope(argv, [{ code: ErrorCodes.usage, message: e.message.replace(/^error: /, ""), hint }]);
    }
    return ExitCodes.usage; // without --json, commander already printed the message
  }
  const user = e instanceof UserError ? e : undefined;
  const code = user ? user.code : ErrorCodes.internal;
  const message = user ? user.message : `internal error: ${(e as Error)?.message ?? String(e)}`;
  const hint = user
    ? user.hint
    : "this is a bug in cadre; please report it to the maintainers with the output of CADRE_DEBUG=1";
  if (wantsJson(argv)) writeEnvelope(argv, [{ code, message, ...(hint ? { hint } : {}) }]);
  else {
    const c = createColors(colorEnabled(process.env, process.stderr.isTTY === true));
    process.stderr.write(`${c.red("error:")} ${message}\n`);
    if (hint) process.stderr.write(`${c.dim("hint:")} ${hint}\n`);
  }
  if (debug && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  return user ? user.exitCode : ExitCodes.failure;
}

/** Run the CLI and return the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const state = { code: 0 };
  const program = buildProgram(state, wantsJson(argv));
  try {
    await program.parseAsync(argv, { from: "user" });
    return state.code;
  } catch (e) {
    return reportError(e, argv);
  }
}

/** The process entry point: the only place that exits. */
export async function main(): Promise<void> {
  process.on("SIGINT", () => {
    process.stderr.write("\ninterrupted\n");
    process.exit(ExitCodes.interrupted);
  });
  // A reader that stops early (`cadre list | head`) closes the pipe: that is not an error.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  const argv = process.argv.slice(2);
  // `cadre` alone in a terminal opens the interactive menu; elsewhere it prints help.
  const interactive = argv.length === 0 && process.stdin.isTTY === true && process.stdout.isTTY === true;
  const code = await runCli(interactive ? ["menu"] : argv.length === 0 ? ["--help"] : argv);
  process.exitCode = code;
}
