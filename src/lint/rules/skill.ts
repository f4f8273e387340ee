import { checkName } from "../../core/names.js";
import { SKILL_HOST_KEYS, SKILL_SPEC_KEYS } from "../../model/kinds.js";
import { lineOfKey } from "../locate.js";
import type { LintRule } from "../types.js";

const spec = new Set<string>(SKILL_SPEC_KEYS);
const hostKeys = new Set<string>(SKILL_HOST_KEYS);
const only = <T>(kind: string, f: T) => (kind === "skill" ? f : undefined);

export const skillRules: LintRule[] = [
  {
    id: "skill/name-format",
    severity: "error",
    description:
      "A skill name is 1–64 chars of a-z, 0-9 and '-', with no leading, trailing or doubled hyphen.",
    hint: "rename the skill (and its folder) to kebab-case, e.g. my-skill",
    item: (it) => {
      if (it.kind !== "skill") return [];
      const problem = checkName(it.meta.name);
      return problem
        ? [{ message: `skill name "${String(it.meta.name ?? "")}" ${problem}`, line: lineOfKey(it, "name") }]
        : [];
    },
  },
  {
    id: "skill/name-matches-folder",
    severity: "error",
    description: "A skill's name equals the name of the folder holding SKILL.md.",
    hint: "make the frontmatter name and the folder name the same",
    item: (it) => {
      if (it.kind !== "skill" || !it.dir) return [];
      const folder = it.dir.split("/").pop();
      return typeof it.meta.name === "string" && it.meta.name !== folder
        ? [
            {
              message: `name "${it.meta.name}" differs from its folder "${folder}"`,
              line: lineOfKey(it, "name"),
            },
          ]
        : [];
    },
  },
  {
    id: "skill/description-length",
    severity: "error",
    description: "A skill description is 1–1024 characters.",
    hint: "say what the skill does and when to use it in at most 1024 characters",
    item: (it) => {
      if (it.kind !== "skill") return [];
      const d = it.meta.description;
      if (typeof d !== "string" || d.trim().length === 0)
        return [{ message: "description is missing or empty", line: lineOfKey(it, "description") }];
      return d.length > 1024
        ? [
            {
              message: `description is ${d.length} characters (at most 1024)`,
              line: lineOfKey(it, "description"),
            },
          ]
        : [];
    },
  },
  {
    id: "skill/compatibility-length",
    severity: "error",
    description: "compatibility, when present, is 1–500 characters.",
    hint: "shorten compatibility to the environment requirements only",
    item: (it) => {
      const c = it.meta.compatibility;
      if (it.kind !== "skill" || c === undefined) return [];
      const ok = typeof c === "string" && c.length >= 1 && c.length <= 500;
      return ok
        ? []
        : [
            {
              message: `compatibility must be a string of 1–500 characters`,
              line: lineOfKey(it, "compatibility"),
            },
          ];
    },
  },
  {
    id: "skill/metadata-map",
    severity: "error",
    description: "metadata, when present, maps strings to strings.",
    hint: 'quote non-string values, e.g. version: "1.0"',
    item: (it) => {
      const m = it.meta.metadata;
      if (it.kind !== "skill" || m === undefined) return [];
      if (!m || typeof m !== "object" || Array.isArray(m))
        return [{ message: "metadata must be a mapping", line: lineOfKey(it, "metadata") }];
      const bad = Object.entries(m)
        .filter(([, v]) => typeof v !== "string")
        .map(([k]) => k);
      return bad.length
        ? [{ message: `metadata values must be strings: ${bad.join(", ")}`, line: lineOfKey(it, "metadata") }]
        : [];
    },
  },
  {
    id: "skill/allowed-tools-string",
    severity: "error",
    description: "allowed-tools, when present, is a space-separated string.",
    hint: 'write allowed-tools as one string, e.g. "Bash(git:*) Read"',
    item: (it) => {
      const a = it.meta["allowed-tools"];
      if (it.kind !== "skill" || a === undefined || typeof a === "string") return [];
      return [
        { message: "allowed-tools must be a space-separated string", line: lineOfKey(it, "allowed-tools") },
      ];
    },
  },
  {
    id: "skill/unknown-key",
    severity: "warning",
    description:
      "SKILL.md frontmatter uses only the Agent Skills keys; host extension keys are accepted by default and rejected with --strict.",
    hint: "remove the key, or move it under metadata",
    item: (it, _pack, ctx) =>
      only(it.kind, true)
        ? Object.keys(it.meta)
            .filter((k) => !spec.has(k) && (ctx.strict || !hostKeys.has(k)))
            .map((k) => ({
              message: hostKeys.has(k)
                ? `"${k}" is a host extension key, not part of the Agent Skills specification`
                : `unknown key "${k}"`,
              line: lineOfKey(it, k),
              severity: ctx.strict ? ("error" as const) : ("warning" as const),
            }))
        : [],
  },
];
