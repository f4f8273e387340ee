import type { SourceHost } from "./discover.js";
import { splitList } from "./kinds.js";

function globsOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String).filter(Boolean);
  return typeof v === "string" ? splitList(v) : [];
}

/** Globs that match every file (`**` or `**` + `/*`), or none given: a rule scoped so is always-on. */
export function matchesEverything(globs: readonly string[]): boolean {
  return globs.every((x) => x === "**" || x === "**/*");
}

/**
 * A rule written in a host's own format, read into cadre's canonical fields (`activation`, `globs`), each
 * host's keys as its loader reads them: Cursor `alwaysApply`/`globs`/`description`, Claude/Cline `paths`,
 * Copilot `applyTo`, Windsurf `trigger`, Kiro `inclusion`/`fileMatchPattern`. The host's keys stay in meta.
 */
export function canonicalRuleMeta(meta: Record<string, unknown>, host: SourceHost): Record<string, unknown> {
  if (meta.activation !== undefined) return meta;
  const out = { ...meta };
  const glob = (g: string[]) => {
    if (matchesEverything(g)) return { activation: "always" };
    return { activation: "glob", globs: g };
  };
  const description = typeof meta.description === "string" && meta.description.trim() !== "";
  switch (host) {
    case "cursor": {
      const g = globsOf(meta.globs);
      if (meta.alwaysApply === true) return { ...out, activation: "always" };
      if (g.length > 0) return { ...out, ...glob(g) };
      return { ...out, activation: description ? "model" : "manual" };
    }
    case "copilot":
      return { ...out, ...glob(globsOf(meta.applyTo)) };
    case "windsurf": {
      const t = String(meta.trigger ?? "always_on");
      if (t === "glob") return { ...out, ...glob(globsOf(meta.globs)) };
      const map: Record<string, string> = { model_decision: "model", manual: "manual" };
      return { ...out, activation: map[t] ?? "always" };
    }
    case "kiro": {
      const i = String(meta.inclusion ?? "always");
      if (i === "fileMatch") return { ...out, ...glob(globsOf(meta.fileMatchPattern)) };
      return { ...out, activation: i === "manual" ? "manual" : i === "auto" ? "model" : "always" };
    }
    default:
      return { ...out, ...glob(globsOf(meta.paths ?? meta.globs)) };
  }
}
