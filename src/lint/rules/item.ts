import { splitSections } from "../../core/markdown.js";
import { checkName, fileNameProblem } from "../../core/names.js";
import { builtinRename } from "../../hosts/builtins.js";
import { matchesEverything } from "../../model/host-rules.js";
import { EXPERTISE_SECTIONS, KIND_SCHEMAS, MARKDOWN_KINDS, splitList } from "../../model/kinds.js";
import { lineOfKey } from "../locate.js";
import type { Finding, LintRule } from "../types.js";

function fileStem(path: string): string {
  return (path.split("/").pop() ?? path)
    .replace(/\.schema\.json$/, "")
    .replace(/\.(md|mdc|markdown|ya?ml|json|toml)$/i, "");
}

export const itemRules: LintRule[] = [
  {
    id: "item/schema",
    severity: "error",
    description:
      "Each kind's required fields are present and every field has the right type. Consequence: hosts refuse or mis-read the item, so `sync` does not install it. Without a `name` the file's name is used (silently for commands, which hosts name by their file; a warning for other kinds); a command without a description is a warning (hosts list it without a summary), and so is an agent colour Claude Code does not know (it shows its default).",
    hint: "see docs/authoring.md for the fields of each kind",
    item: (it) => {
      if (it.path.endsWith("hooks.json")) return [];
      const r = KIND_SCHEMAS[it.kind].safeParse(it.meta);
      if (r.success) return [];
      return r.error.issues.flatMap((issue): Finding[] => {
        const key = String(issue.path[0] ?? "");
        const where = issue.path.length ? issue.path.join(".") : it.kind;
        const at = issue.path.reduce<unknown>(
          (v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k],
          it.meta,
        );
        const missing = issue.code === "invalid_type" && at === undefined;
        const line = key ? lineOfKey(it, key) : 1;
        const value = it.meta[key];
        // `argument-hint: [name]` parses as a list; Claude Code shows it as written, so it is no error.
        if (key === "argument-hint" && Array.isArray(value) && value.every((v) => typeof v === "string"))
          return [];
        if (key === "color" && it.kind === "agent" && typeof value === "string")
          return [
            {
              message: `color "${value}" is not one of Claude Code's colours; it shows the agent in its default colour`,
              line,
              severity: "warning",
            },
          ];
        if (key === "name" && missing && MARKDOWN_KINDS.has(it.kind) && it.name === fileStem(it.path)) {
          // Hosts name a command by its file; cadre writes the name into each host's file for other kinds.
          if (it.kind === "command") return [];
          return [
            { message: `no "name" field; the file name "${it.name}" is used`, line, severity: "warning" },
          ];
        }
        if (key === "description" && it.kind === "command" && (missing || it.meta.description === ""))
          return [
            {
              message: `no description: hosts list /${it.name} without a summary (Claude Code shows the body's first line)`,
              line,
              severity: "warning",
            },
          ];
        return [
          { message: missing ? `missing required field "${where}"` : `${where}: ${issue.message}`, line },
        ];
      });
    },
  },
  {
    id: "item/name-format",
    severity: "error",
    mayError: true,
    description:
      "Item names are kebab-case: 1–64 chars of a-z, 0-9 and '-'. Consequence: the name is a file name in every host, so a name with a path separator, '..', spaces or other characters hosts cannot take as a file name is an error and `sync` does not install the item; capitals, '_' and '.' (`clean_gone`, `powershell-5.1-expert`), which hosts accept as file names and show as written, are a portability warning.",
    hint: "rename the item to kebab-case, e.g. my-item",
    item: (it) => {
      if (it.kind === "skill" || it.kind === "schema" || it.path.endsWith("hooks.json")) return [];
      const problem = checkName(it.name);
      if (!problem) return [];
      // Longer than 64 or not kebab-case, but a file name every host takes: a portability warning.
      const fileSafe = fileNameProblem(it.name) === undefined;
      return [
        {
          message: fileSafe
            ? `name "${it.name}" ${problem}; hosts accept it as written, but it is not portable`
            : `name "${it.name}" ${problem}`,
          line: lineOfKey(it, it.kind === "hook" ? "id" : "name"),
          severity: fileSafe ? "warning" : "error",
        },
      ];
    },
  },
  {
    id: "item/builtin-command",
    severity: "warning",
    description:
      "A skill, command, expertise module or a model- or manual-activated rule (Claude Code, Cline, Qwen Code and Roo install those as skills or commands) is not named like a host's built-in slash command (`/review`, `/plan`, `/init`…; each host module's `builtins`). Portability: the installed item would shadow the built-in or be shadowed by it, so cadre installs it as `<pack>-<name>` on every host, and the pack's own text then names it differently from the hosts.",
    hint: "rename the item with a prefix of your own (e.g. acme-review), and its @references and workflows' command: fields with it",
    item: (it) => {
      const b = builtinRename(it);
      if (!b) return [];
      const names = b.hosts.map((h) => h.displayName);
      const list = names.length < 2 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
      return [
        {
          message: `/${it.name} is a built-in command of ${list}; cadre installs this ${it.kind} as ${b.to}`,
          line: lineOfKey(it, "name"),
          hosts: b.hosts.map((h) => h.id),
        },
      ];
    },
  },
  {
    id: "item/name-matches-file",
    severity: "warning",
    description:
      "An item's name equals its file name, so ids and paths agree. Style: cadre installs it under its name.",
    hint: "rename the file or change the name so they match",
    item: (it) => {
      if (it.kind === "skill" || it.path.endsWith("hooks.json")) return [];
      if (it.kind === "mcp" && it.path.endsWith(".json")) return []; // a plugin's servers share one file
      const stem = fileStem(it.path);
      // A plugin's item that shares its name with another plugin's is installed as `<plugin>-<name>`.
      const plugin = it.name.endsWith(`-${stem}`) ? it.name.slice(0, -stem.length - 1) : undefined;
      if (plugin && it.path.split("/").includes(plugin)) return [];
      return stem !== it.name
        ? [
            {
              message: `name "${it.name}" differs from file name "${stem}"`,
              line: lineOfKey(it, it.kind === "hook" ? "id" : "name"),
            },
          ]
        : [];
    },
  },
  {
    id: "item/empty-body",
    severity: "error",
    mayError: true,
    description:
      "Markdown items have a non-empty body after the frontmatter. Consequence: hosts load an agent or command with no instructions, so `sync` does not install it; an empty rule adds nothing to the context (a warning).",
    hint: "write the instructions below the frontmatter",
    item: (it): Finding[] =>
      MARKDOWN_KINDS.has(it.kind) && it.body.trim() === ""
        ? [
            {
              message: it.kind === "rule" ? "the body is empty: the rule adds nothing" : "the body is empty",
              line: it.bodyLine,
              severity: it.kind === "rule" ? "warning" : "error",
            },
          ]
        : [],
  },
  {
    id: "expertise/sections",
    severity: "error",
    description: `Expertise modules have the sections ${EXPERTISE_SECTIONS.map((s) => `"${s}"`).join(", ")}, in that order. Consequence: cadre composes expertise by these sections, so a module without them composes wrong.`,
    hint: "add the missing '## ' sections in the documented order",
    item: (it) => {
      if (it.kind !== "expertise") return [];
      const titles = splitSections(it.body)
        .filter((s) => s.level === 2)
        .map((s) => s.title.trim().toLowerCase());
      const missing = EXPERTISE_SECTIONS.filter((s) => !titles.includes(s.toLowerCase()));
      if (missing.length) return [{ message: `missing sections: ${missing.join(", ")}`, line: it.bodyLine }];
      const order = EXPERTISE_SECTIONS.map((s) => titles.indexOf(s.toLowerCase()));
      const sorted = order.every((v, i) => i === 0 || v > (order[i - 1] as number));
      return sorted ? [] : [{ message: "sections are out of order", line: it.bodyLine }];
    },
  },
  {
    id: "rule/globs-ignored",
    severity: "warning",
    mayError: true,
    description:
      "A rule's globs apply only with `activation: glob`. Consequence: with any other activation every host ignores them, so a rule scoped to files is loaded always-on (an error when the rule also says `alwaysApply: false`, as a Cursor rule does: the host loads it where its author said not to).",
    hint: "set activation: glob to keep the rule scoped to its files, or remove globs",
    item: (it): Finding[] => {
      if (it.kind !== "rule" || it.meta.activation === "glob") return [];
      const g = it.meta.globs;
      if (!(Array.isArray(g) ? g.length > 0 : typeof g === "string" && g.trim() !== "")) return [];
      // `globs: **/*` scopes a rule to every file: always-on is what its author asked for.
      if (matchesEverything(Array.isArray(g) ? g.map(String) : splitList(String(g)))) return [];
      const a = String(it.meta.activation ?? "always");
      const contradicts = a === "always" && it.meta.alwaysApply === false;
      return [
        {
          message: contradicts
            ? "globs with activation always and alwaysApply: false: hosts load this file-scoped rule in every conversation"
            : `globs are ignored with activation ${a}: hosts load the rule ${a === "always" ? "always-on" : `by ${a}`}, not for matching files`,
          line: lineOfKey(it, "globs"),
          severity: contradicts ? "error" : "warning",
        },
      ];
    },
  },
];
