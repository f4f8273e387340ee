import type { Diagnostic, Severity } from "../core/diagnostics.js";
import type { Catalog } from "../model/catalog.js";
import type { Item, Pack } from "../model/item.js";

export interface Finding {
  message: string;
  /** Pack-relative path; defaults to the item's main file. */
  path?: string;
  line?: number;
  column?: number;
  /** Overrides the rule's default severity (e.g. strict mode). */
  severity?: Severity;
  /**
   * The hosts an error concerns (the ones that reject or mis-load the item); absent: every host. For any
   * other host the finding is a portability warning, and `sync` still installs the item there.
   */
  hosts?: readonly string[];
}

export interface LintContext {
  catalog: Catalog;
  strict: boolean;
  /** Lint for this host's rules only (`--host`): errors that concern other hosts become warnings. */
  host?: string;
}

/** A lint rule: an id, a default severity, a one-line fix hint, and a pure check. */
export interface LintRule {
  id: string;
  severity: Severity;
  description: string;
  hint: string;
  /** A warning rule that reports some findings as errors (so `sync` runs it to refuse items). */
  mayError?: boolean;
  /** Runs once per item of the linted packs. */
  item?: (item: Item, pack: Pack, ctx: LintContext) => Finding[];
  /** Runs once per linted pack. Findings need a path. */
  pack?: (pack: Pack, ctx: LintContext) => Array<Finding & { path: string }>;
}

export interface LintResult {
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
  filesChecked: number;
  itemsChecked: number;
}
