import { type Diagnostic, type Severity, sortDiagnostics } from "../core/diagnostics.js";
import { HOST_KINDS } from "../hosts/define.js";
import type { Catalog } from "../model/catalog.js";
import { displayPath, type Item, type Pack, qualifiedId } from "../model/item.js";
import { LOAD_RULES, RULES } from "./registry.js";
import type { Finding, LintContext, LintResult, LintRule } from "./types.js";

const LOAD_HINTS = new Map(LOAD_RULES.map((r) => [r.id, r.hint]));

export interface LintOptions {
  strict?: boolean;
  /** Only run these rule ids (default: all). */
  rules?: readonly string[];
  /** Lint for one host: errors that concern only other hosts are reported as warnings. */
  host?: string;
}

/** A finding's severity for the host being linted for (every host when none). */
function severityOf(rule: LintRule, f: Finding, host: string | undefined): Severity {
  const severity: Severity = f.severity ?? rule.severity;
  if (severity === "error" && host && f.hosts && !f.hosts.includes(host)) return "warning";
  return severity;
}

/** Lint the given packs (resolving references against the whole catalog). Pure. */
export function lintPacks(
  catalog: Catalog,
  packs: readonly Pack[],
  opts: LintOptions = {},
  rules: readonly LintRule[] = RULES,
): LintResult {
  const ctx: LintContext = { catalog, strict: opts.strict === true, host: opts.host };
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
      const d: Diagnostic = {
        rule: rule.id,
        severity: severityOf(rule, f, opts.host),
        message: f.message,
        file: displayPath(pack, f.path || defaultPath),
        hint: rule.hint,
      };
      if (f.line !== undefined) d.line = f.line;
      if (f.column !== undefined) d.column = f.column;
      if (f.hosts) d.hosts = [...f.hosts];
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

/** Why one item is not installed for one host: the lint error, with its rule and place. */
export interface Refusal {
  host: string;
  rule: string;
  message: string;
}

/**
 * `sync`: the item-level lint errors of the selected items, per host they concern. An item with an error
 * for host H is not rendered for H (the host would reject or mis-load it); other hosts still get it. Pure.
 */
export function refusals(
  catalog: Catalog,
  items: readonly Item[],
  hosts: readonly string[],
  rules: readonly LintRule[] = RULES,
): Map<string, Refusal[]> {
  const ctx: LintContext = { catalog, strict: false };
  const packs = new Map(catalog.packs.map((p) => [p.name, p]));
  const out = new Map<string, Refusal[]>();
  const erring = rules.filter((r) => r.item && (r.severity === "error" || r.mayError));
  for (const item of items) {
    const pack = packs.get(item.pack);
    if (!pack || !(HOST_KINDS as readonly string[]).includes(item.kind)) continue;
    const list: Refusal[] = [];
    for (const rule of erring) {
      for (const f of rule.item?.(item, pack, ctx) ?? []) {
        if ((f.severity ?? rule.severity) !== "error") continue;
        const where = `${displayPath(pack, f.path || item.path)}${f.line ? `:${f.line}` : ""}`;
        for (const host of f.hosts ?? hosts)
          if (hosts.includes(host)) list.push({ host, rule: rule.id, message: `${where}: ${f.message}` });
      }
    }
    if (list.length) out.set(qualifiedId(item), list);
  }
  return out;
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
