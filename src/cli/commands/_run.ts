import type { RunReport, RunRow } from "../../app/runs.js";
import { type Io, table } from "../io.js";

export function printReport(io: Io, r: RunReport): void {
  const c = io.color;
  const s = r.status;
  io.out(
    `${c.bold(r.id)}${r.active ? c.green(" (active)") : ""}  ${r.workflow.name} · depth ${s.depth} · ${s.state}\n`,
  );
  if (s.intent) io.out(`${s.intent}\n`);
  io.out(`\nphase  ${s.phase ? `${s.phase} (${s.phase_state})` : "-"}\n`);
  const history = s.history.map((h) => [`  ${h.phase}`, h.entered_at, h.exited_at ?? "…"]);
  if (history.length) io.out(`\n${c.bold("History")}\n${table(history)}\n`);
  if (s.gates.length)
    io.out(
      `\n${c.bold("Gates")}\n${table(s.gates.map((g) => [`  ${g.phase}`, g.decision === "approve" ? c.green(g.decision) : c.red(g.decision), g.at, g.reason]))}\n`,
    );
  if (r.loops.length)
    io.out(
      `\n${c.bold("Review loops")}\n${table(r.loops.map((l) => [`  ${l.phase} ⇄ ${l.reviews}`, `${l.count}/${l.cap}`]))}\n`,
    );
  if (r.artifacts.length) {
    io.out(`\n${c.bold("Artifacts")}\n`);
    for (const a of r.artifacts) {
      const state = a.valid === null ? c.yellow("missing") : a.valid ? c.green("valid") : c.red("invalid");
      io.out(`  ${a.phase}  ${a.kind}  ${state}  ${a.file ?? ""}\n`);
      for (const e of a.errors) io.out(`    ${e}\n`);
    }
  }
  for (const w of r.warnings) io.err(`${c.yellow("warning:")} ${w}\n`);
  io.out(`\n${c.bold("Next")}  ${r.next.command}\n       ${c.dim(r.next.why)}\n`);
}

export function printRows(io: Io, rows: RunRow[]): void {
  if (rows.length === 0) {
    io.out("no runs (start one with `cadre run start`)\n");
    return;
  }
  io.out(
    `${table(rows.map((r) => [`${r.active ? "*" : " "} ${r.id}`, r.workflow, r.state, r.phase ?? "-", r.problem ?? ""]))}\n`,
  );
}
