import { budgetRules } from "./rules/budget.js";
import { compositionRules } from "./rules/composition.js";
import { hookRules } from "./rules/hook.js";
import { itemRules } from "./rules/item.js";
import { lenientRules } from "./rules/lenient.js";
import { packRules } from "./rules/pack.js";
import { refRules } from "./rules/refs.js";
import { schemaRules } from "./rules/schema.js";
import { secretRules } from "./rules/secrets.js";
import { securityRules } from "./rules/security.js";
import { skillRules } from "./rules/skill.js";
import { workflowRules } from "./rules/workflow.js";
import type { LintRule } from "./types.js";

/** Rules reported by the loader, listed here so they are documented with the others. */
export const LOAD_RULES: Array<Pick<LintRule, "id" | "severity" | "description" | "hint">> = [
  {
    id: "load/yaml-syntax",
    severity: "error",
    description: "Frontmatter and YAML files parse.",
    hint: "fix the YAML at the reported line and column",
  },
  {
    id: "load/json-syntax",
    severity: "error",
    description: "JSON files parse.",
    hint: "fix the JSON at the reported position",
  },
  {
    id: "load/missing-frontmatter",
    severity: "error",
    description: "Markdown items start with YAML frontmatter.",
    hint: "add '---' lines around name and description at the top",
  },
  {
    id: "load/binary",
    severity: "error",
    description: "Item files are text, not binary.",
    hint: "remove the binary file or move it under assets/",
  },
  {
    id: "load/invalid-utf8",
    severity: "error",
    description: "Text files are valid UTF-8.",
    hint: "re-save the file as UTF-8",
  },
  {
    id: "load/too-large",
    severity: "error",
    description: "Files are at most 1 MiB (configurable).",
    hint: "split the file or move data out of the pack",
  },
  {
    id: "load/symlink-escape",
    severity: "error",
    description: "Symbolic links stay inside the pack.",
    hint: "copy the target into the pack instead of linking outside it",
  },
  {
    id: "load/unreadable",
    severity: "error",
    description: "Files can be read.",
    hint: "check the file's permissions",
  },
  {
    id: "load/truncated",
    severity: "warning",
    description: "A pack is read whole: at most 20,000 files, folders at most 12 levels deep.",
    hint: "point cadre at the pack folder itself, not a parent holding unrelated files",
  },
  {
    id: "load/unsafe-name",
    severity: "error",
    description: "Item names contain no path separators or '..'.",
    hint: "use a kebab-case name",
  },
  {
    id: "pack/manifest",
    severity: "error",
    description: "cadre-pack.yaml has the documented fields.",
    hint: "see docs/authoring.md",
  },
  {
    id: "hook/unknown-event",
    severity: "warning",
    description: "Claude plugin hooks use known events.",
    hint: "use a documented Claude Code hook event",
  },
];

export const RULES: LintRule[] = [
  ...itemRules,
  ...hookRules,
  ...skillRules,
  ...refRules,
  ...packRules,
  ...compositionRules,
  ...schemaRules,
  ...budgetRules,
  ...securityRules,
  ...secretRules,
  ...lenientRules,
  ...workflowRules,
];
