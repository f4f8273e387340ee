import { type Diagnostic, type Severity, sortDiagnostics } from "../core/diagnostics.js";
import type { Catalog } from "../model/catalog.js";
import { displayPath, type Pack } from "../model/item.js";
import { LOAD_RULES, RULES } from "./registry.js";

const LOAD_HINTS = new Map(LOAD_RULES.map((r) => [r.id, r.hint]));

import type { Finding, LintContext, LintResult, LintRule } from "./types.js";

export interface LintOptions {
  strict?: boolean;
  /** Only run these rule ids (default: all). */
  rules?: readonly string[];
}

/** Lint the given packs (resolving references against the whole catalog). Pure. */
export function lintPacks(
  catalog: Catalog,
  packs: readonly Pack[],
  opts: LintOptions = {},
  rules: readonly LintRule[] = RULES,
): LintResult {
  const ctx: LintContext = { catalog, strict: opts.strict === true };
  const active = opts.rules ? rules.filter((r) => opts.rules?.includes(r.id)) : rules;
  const diagnostics: Diagnostic[] = [];
  let itemsChecked = 0;
  const files = new Set<string>();
  for (const pack of packs) {
    for (const d of pack.diagnostics) {
      if (opts.rules && !opts.rules.includes(d.rule)) continue;
      diagnostics.push(d.hint ? d : { ...d, hint: LOAD_HINTS.get(d.rule) ?? "" });
    }
    const emit = (rule: LintRule, f: Finding, defaultPath: string) => {
      const severity: Severity = f.severity ?? rule.severity;
      const d: Diagnostic = {
        rule: rule.id,
        severity,
        message: f.message,
        file: displayPath(pack, f.path || defaultPath),
        hint: rule.hint,
      };
      if (f.line !== undefined) d.line = f.line;
      if (f.column !== undefined) d.column = f.column;
      diagnostics.push(d);
    };
    for (const item of pack.items) {
      itemsChecked++;
      for (const f of item.files) files.add(`${pack.root}/${f}`);
      for (const rule of active) {
        if (!rule.item) continue;
        for (const f of rule.item(item, pack, ctx)) emit(rule, f, item.path);
      }
    }
    for (const rule of active) {
      if (!rule.pack) continue;
      for (const f of rule.pack(pack, ctx)) emit(rule, f, f.path || "cadre-pack.yaml");
    }
  }
  const sorted = sortDiagnostics(dedupe(diagnostics));
  return {
    diagnostics: sorted,
    errors: sorted.filter((d) => d.severity === "error").length,
    warnings: sorted.filter((d) => d.severity === "warning").length,
    filesChecked: files.size,
    itemsChecked,
  };
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const k = `${d.rule}|${d.file}|${d.line}|${d.column}|${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
