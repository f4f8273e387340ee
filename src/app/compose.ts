/**
 * `cadre compose` and the MCP tool `compose_role`: the project's stacks with their evidence; for a role, the
 * composed prompt and its proof, kept in the active run's artifacts while a run is active.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { atomicWrite, readNoFollow } from "../apply/fs.js";
import { type ConcernSource, composePrompt, type ProofRecord, proofRecord } from "../compose/deliver.js";
import { mapRoles, roleModes } from "../compose/map.js";
import type { Limits } from "../compose/resolve.js";
import type { DetectedStack } from "../compose/stacks.js";
import { ErrorCodes, UserError } from "../core/errors.js";
import { countTokens } from "../core/tokens.js";
import type { HostDef } from "../hosts/define.js";
import { HOSTS, type HostId, resolveHostId } from "../hosts/registry.js";
import type { CompositionMap } from "../model/composition.js";
import { parseArtifact } from "../pipeline/artifact.js";
import { activeRunId, runFolder } from "../runs/store.js";
import { RUNS_DIR } from "./artifacts.js";
import { type CatalogOptions, openCatalog } from "./catalog.js";
import {
  type ComposeSettings,
  catalogMap,
  composeSettings,
  projectStacks,
  resolveRole,
  roleAgent,
  unknownKey,
} from "./compose-core.js";
import { layoutOf } from "./layout.js";

/** The active run's clarification artifact (`artifacts/<phase>/clarification.json|md`): its stacks and concerns. */
export async function clarificationOf(
  root: string,
): Promise<{ path: string; stacks: string[]; concerns: string[] } | undefined> {
  const id = await activeRunId(root).catch(() => undefined);
  if (!id) return undefined;
  const dir = await runFolder(root, `${RUNS_DIR}/${id}/artifacts`, false).catch(() => undefined);
  if (!dir) return undefined;
  const phases = (await readdir(dir, { withFileTypes: true }).catch(() => []))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const ph of phases)
    for (const [ext, format] of [
      ["json", "json"],
      ["md", "markdown"],
    ] as const) {
      const rel = `${RUNS_DIR}/${id}/artifacts/${ph}/clarification.${ext}`;
      const bytes = await readNoFollow(join(root, rel)).catch(() => null);
      if (!bytes) continue;
      const parsed = parseArtifact(rel, Buffer.from(bytes).toString("utf8"), format);
      if (!parsed.ok) continue;
      const d = parsed.data as { stacks?: unknown; concerns?: unknown };
      const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x) => typeof x === "string") : []);
      return { path: rel, stacks: strings(d.stacks), concerns: strings(d.concerns) };
    }
  return undefined;
}

export interface ComposeOptions extends CatalogOptions {
  role?: string;
  mode?: string;
  stacks?: string[];
  concerns?: string[];
  tokens?: number;
  modules?: number;
  host?: string;
  /** Keep the proof in the active run's artifacts (default true). */
  record?: boolean;
}

export interface ComposeOutput {
  stacks: DetectedStack[];
  truncated: boolean;
  warnings: string[];
  role?: string;
  prompt?: string;
  proof?: ProofRecord;
  /** Root-relative path of the proof written into the active run, when one was. */
  proofPath?: string;
}

function hostOf(id: string | undefined): HostDef | undefined {
  if (id === undefined) return undefined;
  const r = resolveHostId(id);
  if (!r)
    throw new UserError(
      ErrorCodes.usage,
      `no host "${id}"`,
      `hosts: ${Object.keys(HOSTS).sort().join(", ")}`,
    );
  return HOSTS[r as HostId];
}

/** Concerns: flags replace; else cadre.yaml's and the clarification's, each marked with where it came from. */
function concernsOf(
  map: CompositionMap,
  flags: string[] | undefined,
  settings: ComposeSettings | undefined,
  clar: { concerns: string[] } | undefined,
  warnings: string[],
): ConcernSource[] {
  const known = Object.keys(map.concerns);
  if (flags?.length) {
    for (const c of flags) if (!known.includes(c)) throw unknownKey("concern", c, known);
    return [...new Set(flags)].map((concern) => ({ concern, from: "flag" as const }));
  }
  const out: ConcernSource[] = [];
  const add = (concern: string, from: ConcernSource["from"]) => {
    if (!known.includes(concern)) {
      warnings.push(`${from}: concern "${concern}" is not in the composition map; ignored`);
      return;
    }
    if (!out.some((c) => c.concern === concern)) out.push({ concern, from });
  };
  for (const c of settings?.concerns ?? []) add(c, "config");
  for (const c of clar?.concerns ?? []) add(c, "clarification");
  return out;
}

function checkRole(map: CompositionMap, role: string, mode: string | undefined): void {
  const roles = mapRoles(map);
  if (!roles.includes(role)) throw unknownKey("role", role, roles);
  if (mode === undefined) return;
  const modes = roleModes(map, role);
  if (!modes.includes(mode))
    throw new UserError(
      ErrorCodes.usage,
      `role "${role}" has no mode "${mode}" in the composition map`,
      modes.length ? `its modes: ${modes.join(", ")}` : `${role} has no modes`,
    );
}

/** `cadre compose [role]`: the stacks and evidence; with a role, the composed prompt and its proof. */
export async function composeCommand(o: ComposeOptions): Promise<ComposeOutput> {
  const env = o.env ?? process.env;
  const { cat, project, config } = await openCatalog({ ...o, env });
  const root = project?.root ?? layoutOf({ cwd: o.cwd, env }).root;
  const map = catalogMap(cat);
  const settings = composeSettings(config);
  const warnings: string[] = [];
  const clar = o.stacks?.length && o.concerns?.length ? undefined : await clarificationOf(root);
  const found = await projectStacks(root, map, { flags: o.stacks, settings, config });
  if (!o.stacks?.length && clar) {
    for (const s of clar.stacks) {
      if (!map.stacks[s]) {
        warnings.push(`${clar.path}: stack "${s}" is not in the composition map; ignored`);
        continue;
      }
      const e = { path: clar.path, detail: "stacks of the clarification" };
      const have = found.stacks.find((x) => x.stack === s);
      if (have) have.evidence.push(e);
      else found.stacks.push({ stack: s, evidence: [e] });
    }
  }
  if (found.truncated)
    warnings.push("the project is large: detection stopped at its bounds (see docs/compose.md)");
  const out: ComposeOutput = { stacks: found.stacks, truncated: found.truncated, warnings };
  if (o.role === undefined) return out;
  checkRole(map, o.role, o.mode);
  const host = hostOf(o.host);
  const concerns = concernsOf(map, o.concerns, settings, clar, warnings);
  const base: Partial<Limits> = {
    ...((o.tokens ?? settings?.tokens) === undefined ? {} : { tokens: o.tokens ?? settings?.tokens }),
    ...((o.modules ?? settings?.modules) === undefined ? {} : { maxModules: o.modules ?? settings?.modules }),
  };
  const stackIds = found.stacks.map((s) => s.stack);
  const { resolution: r, section } = resolveRole(cat, map, {
    role: o.role,
    ...(o.mode === undefined ? {} : { mode: o.mode }),
    stacks: stackIds,
    concerns: concerns.map((c) => c.concern),
    ...(host ? { host } : {}),
    base,
  });
  const prompt = composePrompt(roleAgent(cat, o.role)?.body ?? "", section);
  const proof = proofRecord(r, {
    ...(host ? { host: host.id } : {}),
    stacks: found.stacks,
    concerns,
    prompt,
    promptTokens: await countTokens(prompt),
  });
  const proofPath = o.record === false ? undefined : await recordProof(root, proof);
  return { ...out, role: o.role, prompt, proof, ...(proofPath ? { proofPath } : {}) };
}

/** Keep the proof in the active run's `artifacts/compose/<role>[.<mode>].json` (atomic); undefined without a run. */
export async function recordProof(root: string, proof: ProofRecord): Promise<string | undefined> {
  const id = await activeRunId(root).catch(() => undefined);
  if (!id) return undefined;
  const rel = `${RUNS_DIR}/${id}/artifacts/compose`;
  const dir = await runFolder(root, rel, true);
  if (!dir) return undefined;
  const name = `${proof.role}${proof.mode ? `.${proof.mode}` : ""}${proof.host ? `.${proof.host}` : ""}.json`;
  await atomicWrite(join(dir, name), `${JSON.stringify(proof, null, 2)}\n`, { sync: true });
  return `${rel}/${name}`;
}
