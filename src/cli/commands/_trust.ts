import type { TrustReview } from "../../model/trust.js";
import type { Io } from "../io.js";

/** A review as JSON: each executable item with its parts, hash and state, and the security findings. */
export function reviewJson(r: TrustReview) {
  return {
    source: r.source,
    origin: r.origin,
    needsTrust: r.needsTrust,
    executable: r.items.map((e) => ({ id: e.id, item: e.qid, state: e.state, hash: e.hash, parts: e.parts })),
    findings: r.findings,
  };
}

/** What a source runs on this machine and what the security rules found, before anything is trusted. */
export async function printReview(io: Io, r: TrustReview): Promise<void> {
  const { describeParts } = await import("../../app/trust.js");
  const c = io.color;
  if (!r.needsTrust) {
    io.out(
      `${r.source}: ${r.origin === "builtin" ? "cadre's own library" : "a folder inside the project"}; its content is trusted without asking\n`,
    );
  } else if (r.items.length === 0)
    io.out(`${r.source}: nothing in it runs code (no hooks, scripts, MCP commands or shell)\n`);
  else {
    io.out(
      `${r.source}: ${r.items.length} item${r.items.length === 1 ? "" : "s"} run code on this machine:\n`,
    );
    for (const e of r.items) {
      const state =
        e.state === "trusted"
          ? c.green("trusted")
          : e.state === "changed"
            ? c.yellow("changed since trusted")
            : c.yellow("not trusted");
      io.out(`  ${c.bold(e.qid)}  ${state}\n`);
      for (const line of describeParts(e.parts)) io.out(`    ${line}\n`);
    }
  }
  if (r.findings.length) {
    io.out(`security findings (${r.findings.length}):\n`);
    for (const d of r.findings)
      io.out(
        `  ${d.severity === "error" ? c.red(d.severity) : c.yellow(d.severity)} ${d.file}${d.line ? `:${d.line}` : ""} ${d.message} ${c.dim(`[${d.rule}]`)}\n`,
      );
  } else if (r.needsTrust && r.items.length) io.out("security findings: none\n");
}

/** Ask in a terminal whether to trust what was just printed; never without one (or with --json). */
export async function askTrust(io: Io, question: string): Promise<boolean> {
  if (io.json || !io.isTTY || !process.stdin.isTTY) return false;
  const { createInterface } = await import("node:readline/promises");
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(`${question} [y/N] `);
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}
