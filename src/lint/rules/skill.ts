import { checkName } from "../../core/names.js";
import { hostList } from "../../hosts/registry.js";
import { SKILL_HOST_KEYS, SKILL_SPEC_KEYS } from "../../model/kinds.js";
import { lineOfKey } from "../locate.js";
import type { LintRule } from "../types.js";

const spec = new Set<string>(SKILL_SPEC_KEYS);
const hostKeys = new Set<string>(SKILL_HOST_KEYS);
/** Hosts that refuse a skill whose description is longer than their limit (from the host modules). */
const DESCRIPTION_LIMITS = hostList().flatMap((h) =>
  h.limits?.skillDescriptionMax ? [{ id: h.id, name: h.displayName, max: h.limits.skillDescriptionMax }] : [],
);
const only = <T>(kind: string, f: T) => (kind === "skill" ? f : undefined);

export const skillRules: LintRule[] = [
  {
    id: "skill/name-format",
    severity: "error",
    description:
      "A skill name is 1–64 chars of a-z, 0-9 and '-', with no leading, trailing or doubled hyphen. Consequence: `sync` does not install it (the name is its folder), and spec-checking hosts refuse it.",
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
    severity: "warning",
    description:
      "A skill's name equals the name of the folder holding SKILL.md. Portability: cadre installs it under its name, but a host reading the pack's own folder by the spec refuses the skill.",
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
    description: `A skill has a description, and it fits every host's limit: ${DESCRIPTION_LIMITS.map((l) => `${l.name} refuses one over ${l.max.toLocaleString("en-US")} characters`).join(", ")}. Consequence: \`sync\` does not install the skill for those hosts (every host, when the description is missing).`,
    hint: "say what the skill does and when to use it in at most 1024 characters",
    item: (it) => {
      if (it.kind !== "skill") return [];
      const d = it.meta.description;
      if (typeof d !== "string" || d.trim().length === 0)
        return [{ message: "description is missing or empty", line: lineOfKey(it, "description") }];
      const over = DESCRIPTION_LIMITS.filter((l) => d.length > l.max);
      if (over.length === 0) return [];
      return [
        {
          message: `description is ${d.length} characters; ${over.map((l) => `${l.name} refuses more than ${l.max}`).join(", ")}`,
          line: lineOfKey(it, "description"),
          hosts: over.map((l) => l.id),
        },
      ];
    },
  },
  {
    id: "skill/compatibility-length",
    severity: "warning",
    description:
      "compatibility, when present, is 1–500 characters (Agent Skills spec). Portability: the spec's validator rejects it; no host is known to refuse the skill.",
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
    severity: "warning",
    description:
      "metadata, when present, maps strings to strings (Agent Skills spec). Portability: the spec's validator rejects other values; no host is known to refuse the skill.",
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
    severity: "warning",
    description:
      "allowed-tools, when present, is a space-separated string (Agent Skills spec). Portability: Claude Code also reads a YAML list of tool names; a list of anything else is read by no host.",
    hint: 'write allowed-tools as one string, e.g. "Bash(git:*) Read"',
    item: (it) => {
      const a = it.meta["allowed-tools"];
      if (it.kind !== "skill" || a === undefined || typeof a === "string") return [];
      const list = Array.isArray(a) && a.every((t) => typeof t === "string");
      return [
        {
          message: list
            ? "allowed-tools is a YAML list: Claude Code reads it, the Agent Skills spec asks for one space-separated string"
            : "allowed-tools must be a space-separated string",
          line: lineOfKey(it, "allowed-tools"),
        },
      ];
    },
  },
  {
    id: "skill/bare-bash",
    severity: "warning",
    description:
      "allowed-tools does not name the whole shell (`Bash`, `Bash(*)`). Consequence: Claude Code pre-approves every shell command while the skill is active; the tools it lists are granted, never restricted.",
    hint: "scope it to the commands the skill runs, e.g. Bash(git diff:*) Bash(git log:*), or leave Bash out so the host asks",
    item: (it) => {
      const a = it.meta["allowed-tools"];
      if (it.kind !== "skill" || a === undefined) return [];
      const tokens = Array.isArray(a) ? a.map(String) : typeof a === "string" ? toolTokens(a) : [];
      return tokens.some((t) => /^Bash(\(\s*(:?\*)?\s*\))?$/.test(t))
        ? [
            {
              message: "allowed-tools pre-approves every shell command (bare Bash)",
              line: lineOfKey(it, "allowed-tools"),
            },
          ]
        : [];
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

/** allowed-tools' space-separated tokens, keeping a pattern in parentheses (`Bash(git diff:*)`) whole. */
export function toolTokens(s: string): string[] {
  const out: string[] = [];
  let cur = "";
  let depth = 0;
  for (const ch of s) {
    if (ch === "(") depth++;
    else if (ch === ")") depth = Math.max(0, depth - 1);
    if (/\s/.test(ch) && depth === 0) {
      if (cur) out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}
