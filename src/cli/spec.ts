import type { Io } from "./io.js";

export interface OptionSpec {
  flags: string;
  description: string;
  default?: string | boolean;
  /** Repeatable option collecting values into an array. */
  repeat?: boolean;
}

export type CommandRun = (args: string[], opts: Record<string, unknown>, io: Io) => Promise<number | undefined>;

/** A command as the CLI shows it; its code is imported only when it runs. */
export interface CommandSpec {
  name: string;
  args?: string;
  summary: string;
  options: OptionSpec[];
  examples: string[];
  load: () => Promise<{ run: CommandRun }>;
}

const sourceOption: OptionSpec = {
  flags: "-s, --source <dir>",
  description: "also load the pack in <dir> (repeatable)",
  repeat: true,
};

export const COMMANDS: CommandSpec[] = [
  {
    name: "lint",
    args: "[paths...]",
    summary: "check packs for spec, budget, reference and security problems",
    options: [
      { flags: "--strict", description: "reject SKILL.md keys outside the Agent Skills specification" },
      { flags: "--format <format>", description: "output format: text, json or sarif", default: "text" },
      { flags: "--max-warnings <n>", description: "fail when there are more than <n> warnings" },
      { flags: "--rule <id>", description: "run only this rule (repeatable)", repeat: true },
      { flags: "--rules", description: "list the rules and exit" },
    ],
    examples: [
      "cadre lint                      # lint the pack in the current folder",
      "cadre lint library/ --strict    # strict Agent Skills checks",
      "cadre lint skills/ --format sarif > cadre.sarif",
      "cadre lint . --max-warnings 0   # fail on any warning (CI)",
    ],
    load: () => import("./commands/lint.js"),
  },
  {
    name: "list",
    summary: "list items: name, kind, category, tokens and source",
    options: [
      { flags: "-k, --kind <kind>", description: "only items of this kind" },
      { flags: "-c, --category <category>", description: "only items in this category" },
      { flags: "-t, --tag <tag>", description: "only items with this tag" },
      { flags: "-p, --pack <pack>", description: "only items from this pack" },
      sourceOption,
    ],
    examples: ["cadre list --kind skill", "cadre list --category security --json", "cadre list --source ./my-skills --pack my-skills"],
    load: () => import("./commands/list.js"),
  },
  {
    name: "search",
    args: "<query...>",
    summary: "ranked full-text search over names, tags, descriptions and bodies",
    options: [
      { flags: "-k, --kind <kind>", description: "only items of this kind" },
      { flags: "-n, --limit <n>", description: "at most <n> results", default: "10" },
      sourceOption,
    ],
    examples: ['cadre search "flaky tests"', "cadre search tdd --kind skill", "cadre search kubernets   # typos are tolerated"],
    load: () => import("./commands/search.js"),
  },
  {
    name: "info",
    args: "<item>",
    summary: "show an item: metadata, description, tokens, files and host support",
    options: [sourceOption],
    examples: [
      "cadre info skill:test-driven-development",
      "cadre info code-reviewer",
      "cadre info builtin/agent:planner --json",
      "cadre info stack:react       # expertise modules each role loads for a stack",
      "cadre info concern:auth      # … or for a concern",
    ],
    load: () => import("./commands/info.js"),
  },
];
