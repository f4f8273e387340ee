import { usageError } from "../../core/errors.js";
import type { Action } from "../../pipeline/machine.js";
import { envelope, type Io, writeJson } from "../io.js";
import { VERSION } from "../version.js";
import { printReport, printRows } from "./_run.js";

const ACTIONS = ["start", "status", "list", "resume", "end", "phase", "gate", "repair"];
const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/** The machine action a `phase` or `gate` invocation asks for. */
function actionOf(action: string, rest: string[], opts: Record<string, unknown>): Action {
  const [verb, phase, ...extra] = rest;
  const verbs = action === "phase" ? ["enter", "exit"] : ["approve", "reject"];
  if (!verb || !verbs.includes(verb) || !phase || extra.length > 0)
    throw usageError(
      `run ${action} needs ${verbs.join(" or ")} and one phase`,
      action === "phase"
        ? "e.g. cadre run phase enter specify"
        : 'e.g. cadre run gate approve clarify --reason "scope agreed"',
    );
  if (action === "phase") return { type: verb as "enter" | "exit", phase };
  const reason = str(opts.reason);
  if (!reason?.trim())
    throw usageError(
      `run gate ${verb} needs --reason <text>`,
      `e.g. cadre run gate ${verb} ${phase} --reason "…"`,
    );
  return { type: verb as "approve" | "reject", phase, reason };
}

export async function run(args: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  const [action, ...rest] = args;
  if (!action || !ACTIONS.includes(action))
    throw usageError(`run needs one of: ${ACTIONS.join(", ")}`, "e.g. cadre run start --intent 'login page'");
  const o = { cwd: io.cwd, env: io.env };
  const app = await import("../../app/runs.js");
  const id = str(opts.run);
  const command = `run ${action}`;
  const done = (data: unknown, text: string, ok = true) => {
    if (io.json) writeJson(io, envelope(command, VERSION, data, ok));
    else if (text) io.out(text);
    return ok ? 0 : 1;
  };
  switch (action) {
    case "start": {
      if (rest.length)
        throw usageError(
          "run start takes no arguments",
          "e.g. cadre run start --workflow quick --intent 'fix login'",
        );
      const r = await app.runStart({
        ...o,
        workflow: str(opts.workflow),
        intent: str(opts.intent),
        depth: str(opts.depth),
      });
      return done({ id: r.id, status: r.status }, `${r.id}\n`);
    }
    case "status": {
      if (rest.length > 1) throw usageError("run status takes at most one run id");
      const r = await app.runStatus(o, rest[0] ?? id);
      if (io.json) return done(app.runStatusJson(r), "");
      printReport(io, r);
      return 0;
    }
    case "list": {
      const rows = await app.runList(o);
      if (io.json) return done({ runs: rows }, "");
      printRows(io, rows);
      return 0;
    }
    case "repair": {
      const r = await app.runRepair(o, rest[0] ?? id);
      const lines = [
        ...r.dropped.map((d) => `dropped events.ndjson line ${d.line}: ${d.reason}\n`),
        `status.json was ${r.before}; rebuilt from ${r.events} event(s): ${r.status.state}, phase ${r.status.phase ?? "-"}${r.status.phase_state ? ` (${r.status.phase_state})` : ""}\n`,
      ];
      return done(r, lines.join(""));
    }
    default: {
      let a: Action;
      let target = id;
      if (action === "resume") {
        if (rest.length !== 1) throw usageError("run resume needs one run id", "see `cadre run list`");
        target = rest[0];
        a = { type: "resume" };
      } else if (action === "end") {
        if (rest.length) throw usageError("run end takes no arguments (use --run <id> for another run)");
        a =
          opts.abandon === true
            ? { type: "abandon", ...(str(opts.reason) ? { reason: str(opts.reason) } : {}) }
            : { type: "end" };
      } else a = actionOf(action, rest, opts);
      const r = await app.act(o, target, a);
      const s = r.status;
      const where = s.phase ? `${s.phase} (${s.phase_state})` : "-";
      const text = r.stop
        ? ""
        : `${r.id}: ${r.event.type}${r.event.phase ? ` ${r.event.phase}` : ""} · ${s.state} · phase ${where}${a.type === "reject" && s.phase !== a.phase ? ` · sent back to ${s.phase}, loop ${s.loops[a.phase] ?? 0}` : ""}\n`;
      if (r.stop) {
        if (io.json)
          writeJson(io, {
            ...envelope(command, VERSION, r, false),
            errors: [{ code: "E_REFUSED", message: r.stop }],
          });
        else io.err(`${io.color.red("stop:")} ${r.stop}\n`);
        return 1;
      }
      return done(r, text);
    }
  }
}
