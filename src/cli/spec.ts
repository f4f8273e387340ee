import type { CommandRun } from "./command.js";

export interface OptionSpec {
  flags: string;
  description: string;
  default?: string | boolean;
  /** Repeatable option collecting values into an array. */
  repeat?: boolean;
}

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
      { flags: "--host <id>", description: "lint for one host: errors only where that host rejects an item" },
    ],
    examples: [
      "cadre lint                      # lint the pack in the current folder",
      "cadre lint . --host copilot     # what Copilot would refuse",
      "cadre lint library/ --strict    # strict Agent Skills checks",
      "cadre lint skills/ --format sarif > cadre.sarif",
      "cadre lint . --max-warnings 0   # fail on any warning (CI)",
    ],
    load: () => import("./commands/lint.js"),
  },
  {
    name: "new",
    args: "[kind] [name]",
    summary:
      "scaffold an item of any kind in a pack (and the pack's cadre-pack.yaml when the folder is new), then lint it",
    options: [
      { flags: "--pack <dir>", description: "the pack folder (default: the current folder)" },
      {
        flags: "-d, --description <text>",
        description: "the item's description (what it does, when to use it)",
      },
      { flags: "-c, --category <category>", description: "category (agents, expertise, commands)" },
      { flags: "--script", description: "skill: add a scripts/ stub" },
      {
        flags: "--artifact <schema>",
        description: "template: the schema its artifact validates against (default: the template's name)",
      },
    ],
    examples: [
      "cadre new                                  # in a terminal: asks kind, name, description, category",
      "cadre new skill release-checklist --pack team-pack --script",
      'cadre new agent api-reviewer -c quality -d "Reviews HTTP APIs. Delegate to it for API reviews."',
      "cadre new expertise rate-limiting -c backend",
      "cadre new hook block-force-push --json",
      "cadre new template incident-review --artifact incident-review",
    ],
    load: () => import("./commands/new.js"),
  },
  {
    name: "pack",
    args: "<action> [dir]",
    summary:
      "docs: generate a pack's README catalogue (between markers), INDEX.md, llms.txt and llms-full.txt; --check for CI",
    options: [
      { flags: "--check", description: "write nothing; exit 1 listing the files that are out of date" },
    ],
    examples: [
      "cadre pack docs",
      "cadre pack docs ./team-pack",
      "cadre pack docs ./team-pack --check   # in CI",
    ],
    load: () => import("./commands/pack.js"),
  },
  {
    name: "export",
    args: "<pack>",
    summary:
      "export a pack as a Claude Code plugin or marketplace, Gemini CLI extension, Cursor or Codex plugin, or npm package; --check for CI",
    options: [
      {
        flags: "--to <target>",
        description:
          "claude-plugin, claude-marketplace, gemini-extension, cursor-plugin, codex-plugin or npm (with --check: the export's own)",
      },
      {
        flags: "-o, --out <dir>",
        description: "the folder to write: new, empty, or a previous export (replaced whole)",
      },
      {
        flags: "--check",
        description: "write nothing; exit 1 listing source drift, hand edits, deleted and extra files",
      },
      { flags: "-n, --dry-run", description: "plan the export and list its files; write nothing" },
    ],
    examples: [
      "cadre export ./team-pack --to claude-plugin --out dist/claude-plugin",
      "cadre export ./team-pack --to gemini-extension --out dist/gemini --dry-run --json",
      "cadre export ./team-pack --to npm --out dist/npm   # then npm publish dist/npm",
      "cadre export ./team-pack --out dist/claude-plugin --check   # in CI",
    ],
    load: () => import("./commands/export.js"),
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
      { flags: "--explain", description: "say which layout each --source folder was read as, and why" },
    ],
    examples: [
      "cadre list --kind skill",
      "cadre list --category security --json",
      "cadre list --source ./my-skills --pack my-skills",
      "cadre list --source ./plugins-repo --explain   # which files matched which layout",
    ],
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
    examples: [
      'cadre search "flaky tests"',
      "cadre search tdd --kind skill",
      "cadre search kubernets   # typos are tolerated",
    ],
    load: () => import("./commands/search.js"),
  },
  {
    name: "info",
    args: "[item]",
    summary: "show an item: metadata, description, tokens, files and host support",
    options: [sourceOption],
    examples: [
      "cadre info skill:test-driven-development",
      "cadre info code-reviewer",
      "cadre info builtin/agent:planner --json",
      "cadre info stack:react       # expertise modules each role loads for a stack",
      "cadre info concern:auth      # … or for a concern",
      "cadre info --source ./repo   # how a folder was read: layouts, matches, items",
    ],
    load: () => import("./commands/info.js"),
  },
  {
    name: "compose",
    args: "[role]",
    summary: "detect the project's stacks and compose a role's expertise within a budget, with proof",
    options: [
      { flags: "--detect", description: "print the detected stacks and the evidence for each" },
      {
        flags: "--stack <id>",
        description: "use this stack instead of detecting (repeatable)",
        repeat: true,
      },
      {
        flags: "--concern <id>",
        description: "add this concern (repeatable; replaces cadre.yaml's)",
        repeat: true,
      },
      { flags: "--mode <mode>", description: "a role's mode (reviewer: spec-challenge, design-review, …)" },
      {
        flags: "--budget <tokens>",
        description: "token ceiling of the modules (default 40000, or less for a host with a size limit)",
      },
      { flags: "--max-modules <n>", description: "at most <n> modules (default 12)" },
      { flags: "--host <id>", description: "compose within this host's size limits" },
      sourceOption,
    ],
    examples: [
      "cadre compose --detect                 # stacks and the files that show them",
      "cadre compose executor                 # the executor's prompt with its expertise",
      "cadre compose reviewer --mode plan-review --json   # the proof record",
      "cadre compose executor --stack next --stack postgres --budget 12000",
      "cadre compose executor --host copilot --concern auth",
    ],
    load: () => import("./commands/compose.js"),
  },
  // --- code index (issue 4) ---
  {
    name: "index",
    args: "<action> [args...]",
    summary:
      "code index: build | refresh [path...] | watch | stats | search <q> | symbol <name> | symbols | outline <path> | summarize",
    options: [
      { flags: "--db <path>", description: "index database (default .cadre/index.db; also CADRE_INDEX_DB)" },
      { flags: "-n, --limit <n>", description: "at most <n> results", default: "20" },
      { flags: "--offset <n>", description: "skip the first <n> results (pagination)", default: "0" },
      { flags: "-k, --kind <kind>", description: "only symbols of this kind (function, class, method…)" },
      { flags: "-p, --path <glob>", description: "symbols: only files matching this glob (e.g. 'src/**')" },
      { flags: "--all", description: "symbols: stream every symbol as JSON lines (also --limit 0)" },
      {
        flags: "--max-file-kb <n>",
        description: "build/refresh: skip files larger than <n> KiB (default 1024)",
      },
    ],
    examples: [
      "cadre index build                 # walk, parse and store the repository",
      "cadre index refresh               # re-index only changed files",
      "cadre index refresh src/app.py    # re-index these files now, without walking the tree",
      "cadre index watch                 # refresh whenever files change (Ctrl-C stops)",
      'cadre index search "parse config"',
      "cadre index symbol Store.addFile",
      "cadre index symbols --path 'src/index/*' --kind function",
      "cadre index symbols --all > symbols.jsonl   # every symbol, one JSON object per line",
      "cadre index outline src/cli/main.ts --json",
    ],
    load: () => import("./commands/index.js"),
  },
  {
    name: "artifact",
    args: "<action> [args...]",
    summary:
      "pipeline artifacts: new <kind> (the template, filled in) | validate [<file>...] (against the schemas)",
    options: [
      { flags: "--run <id>", description: "the run (default: the active run, .cadre/runs/latest)" },
      { flags: "--force", description: "new: replace an existing artifact with a fresh template" },
    ],
    examples: [
      "cadre artifact new spec          # .cadre/runs/<id>/artifacts/specify/spec.md, fields filled",
      "cadre artifact validate          # every artifact of the active run",
      "cadre artifact validate .cadre/runs/<id>/artifacts/specify/spec.md --json",
      "cadre artifact new plan --run 20261202-101500-login --force",
    ],
    load: () => import("./commands/artifact.js"),
  },
  {
    name: "run",
    args: "<action> [args...]",
    summary:
      "pipeline runs: start | status [<id>] | list | resume <id> | end | phase enter|exit <phase> | gate approve|reject <phase> | repair [<id>]",
    options: [
      { flags: "--workflow <name>", description: "start: the workflow to run (default standard)" },
      { flags: "--intent <text>", description: "start: what the run is for (also names the run)" },
      { flags: "--depth <depth>", description: "start: quick, standard or deep (sets the review-loop caps)" },
      { flags: "--reason <text>", description: "gate: why the phase is approved or rejected (required)" },
      { flags: "--abandon", description: "end: abandon the run instead of ending it after its last phase" },
      { flags: "--run <id>", description: "act on this run instead of the active one" },
    ],
    examples: [
      'cadre run start --intent "login page" --depth deep   # prints the run id',
      "cadre run status --json",
      "cadre run phase exit clarify",
      'cadre run gate approve clarify --reason "scope agreed with the user"',
      'cadre run gate reject spec-challenge --reason "AC-3 is untestable"',
      "cadre run phase enter specify",
      "cadre run end --abandon",
      "cadre run repair   # rebuild status.json from events.ndjson",
    ],
    load: () => import("./commands/run.js"),
  },
  {
    name: "usage",
    summary:
      "measured usage per phase and role: output captured vs returned, recall/MCP answers vs the full files, compactions",
    options: [
      { flags: "--run <id>", description: "one run only (default: every run and the project's usage log)" },
      { flags: "--html <file>", description: "also write a self-contained report page with charts" },
      { flags: "-n, --dry-run", description: "with --html: report, but write no file" },
    ],
    examples: [
      "cadre usage                         # every run and the project's usage log",
      "cadre usage --run 20260101-120000-login --json",
      "cadre usage --html usage.html       # one page, inline SVG charts, nothing fetched",
    ],
    load: () => import("./commands/usage.js"),
  },
  {
    name: "learn",
    args: "<action> [id]",
    summary:
      "learnings from runs: propose | list | accept <id> | reject <id> | archive <id>; accepted ones become rules of the local learnings pack, installed by the next sync",
    options: [
      {
        flags: "--statement <text>",
        description: "propose: the lesson, as an instruction (becomes the rule's text)",
      },
      { flags: "--scope <scope>", description: "propose: this-task, project, stack or everywhere" },
      { flags: "--confidence <n>", description: "propose: 0 to 1 (one run rarely justifies more than 0.7)" },
      {
        flags: "--evidence <text>",
        description: "propose: what in the run shows it (repeatable, at least one)",
        repeat: true,
      },
      {
        flags: "--kind <kind>",
        description: "propose: practice, pitfall, convention, tooling, estimate or process",
      },
      { flags: "--tag <tag>", description: "propose: a stack or concern id (repeatable)", repeat: true },
      { flags: "--id <id>", description: "propose: the id (default: from the statement)" },
      { flags: "--run <id>", description: "propose: the run it comes from (default: the active run)" },
      {
        flags: "--from <artifact>",
        description: "propose: every lesson still proposed in a learn-phase artifact",
      },
      { flags: "--reason <text>", description: "reject, archive: why" },
      { flags: "--state <state>", description: "list: only proposed, accepted, rejected or archived" },
      { flags: "-n, --dry-run", description: "say what would change; write nothing" },
    ],
    examples: [
      'cadre learn propose --statement "Run the migration check before planning data changes." --scope project --confidence 0.6 --evidence "review-report F-2"',
      "cadre learn propose --from .cadre/runs/<id>/artifacts/learn/learning.md",
      "cadre learn list --state proposed",
      "cadre learn accept run-the-migration-check-before-planning-data-changes && cadre sync",
      'cadre learn reject some-lesson --reason "one-off"',
      "cadre learn archive some-lesson   # its rule leaves the pack; the next sync removes it",
    ],
    load: () => import("./commands/learn.js"),
  },
  {
    name: "recall",
    args: "<mode> <target...>",
    summary:
      "tiered recall (L0 line, L1 structure, L2 source) of a file, symbol or query within a token budget",
    options: [
      { flags: "-b, --budget <tokens>", description: "token budget", default: "2000" },
      { flags: "--db <path>", description: "index database (default .cadre/index.db)" },
      {
        flags: "--tier <L0|L1|L2>",
        description: "force this tier whatever the budget (it still caps the total)",
      },
      {
        flags: "--lines <A-B>",
        description: "file: exactly these lines (re-indexes the file first if it changed)",
      },
      { flags: "--context <n>", description: "file --lines: <n> more lines either side" },
    ],
    examples: [
      "cadre recall file src/cli/main.ts --budget 300",
      "cadre recall file src/cli/main.ts --lines 40-60 --context 3",
      "cadre recall symbol Store.addFile --tier L1   # signature, doc, nested outline; callers and callees",
      "cadre recall symbol runCli --budget 800",
      'cadre recall query "token budget" --budget 1500 --json',
    ],
    load: () => import("./commands/recall.js"),
  },
  {
    name: "map",
    summary: "a repository map: files and key symbols ranked by the reference graph, cut to a token budget",
    options: [
      { flags: "-b, --budget <tokens>", description: "token budget", default: "1024" },
      {
        flags: "-f, --focus <path|symbol>",
        description: "centre the ranking on a path or symbol (repeatable)",
        repeat: true,
      },
      { flags: "--db <path>", description: "index database (default .cadre/index.db)" },
    ],
    examples: ["cadre map --budget 2000", "cadre map --focus src/index --budget 800"],
    load: () => import("./commands/map.js"),
  },
  {
    name: "mcp",
    summary: "run the MCP server over stdio (code search, symbols, outlines, recall, repo map, library)",
    options: [
      { flags: "--db <path>", description: "index database (default .cadre/index.db)" },
      sourceOption,
    ],
    examples: ["cadre mcp", "npx -y cadre mcp --cwd /path/to/repo"],
    load: () => import("./commands/mcp.js"),
  },
];

const globalOption: OptionSpec = {
  flags: "-g, --global",
  description: "use the hosts' user-level folders (config and lock under XDG)",
};

COMMANDS.push(
  {
    name: "init",
    summary: "write cadre.yaml (hosts, profiles) and install the selection",
    options: [
      { flags: "-y, --yes", description: "no questions: use the flags, detected hosts and the core profile" },
      { flags: "--hosts <ids>", description: "comma-separated host ids, or auto (see `cadre hosts`)" },
      {
        flags: "-p, --profile <name>",
        description: "profile to install (repeatable; default core)",
        repeat: true,
      },
      { flags: "-s, --source <dir>", description: "also use the pack in <dir> (repeatable)", repeat: true },
      { flags: "-f, --force", description: "replace an existing cadre.yaml" },
      { flags: "--no-sync", description: "write cadre.yaml only" },
      {
        flags: "--link",
        description: "symlink skill files to the pack instead of copying (link: true in cadre.yaml)",
      },
      {
        flags: "--compose",
        description:
          "give the role agents the expertise for the project's stacks (compose: true in cadre.yaml)",
      },
      globalOption,
    ],
    examples: [
      "cadre init",
      "cadre init --yes --hosts claude-code,cursor --profile backend-node",
      "cadre init --yes --profile pipeline --compose",
      "cadre init --yes --global",
    ],
    load: () => import("./commands/init.js"),
  },
  {
    name: "import",
    summary:
      "adopt existing host files (blue-gardener, skillset, hand-written) into a local pack, byte for byte",
    options: [
      { flags: "-n, --dry-run", description: "list what would be imported; write nothing" },
      {
        flags: "--to <folder>",
        description: "the pack folder to write, inside the project (default cadre-import)",
      },
    ],
    examples: ["cadre import --dry-run", "cadre import", "cadre import --to packs/ours --json"],
    load: () => import("./commands/import.js"),
  },
  {
    name: "sync",
    summary: "write the selected items into every host's native files (plan, then apply)",
    options: [
      { flags: "-n, --dry-run", description: "print the plan as a diff; write nothing" },
      { flags: "--check", description: "exit 1 when anything is out of date (for CI); write nothing" },
      {
        flags: "--frozen",
        description:
          "install exactly what cadre.lock pins; fail when cadre.yaml and cadre.lock disagree (CI)",
      },
      { flags: "-f, --force", description: "overwrite files you edited (never files cadre did not write)" },
      {
        flags: "--link",
        description: "symlink skill files to the pack instead of copying (copies where not allowed)",
      },
      {
        flags: "-y, --yes",
        description: "remove files even when the plan removes more than it keeps (or the selection is empty)",
      },
      globalOption,
    ],
    examples: [
      "cadre sync",
      "cadre sync --dry-run",
      "cadre sync --check   # in CI",
      "cadre sync --frozen  # in CI: the locked sources, nothing new",
    ],
    load: () => import("./commands/sync.js"),
  },
  {
    name: "status",
    summary: "per host and file: up to date, edited by you, missing, outdated or orphaned",
    options: [globalOption],
    examples: ["cadre status", "cadre status --verbose   # list up-to-date files too", "cadre status --json"],
    load: () => import("./commands/status.js"),
  },
  {
    name: "diff",
    summary: "show what `cadre sync` would change, as a diff",
    options: [globalOption],
    examples: ["cadre diff", "cadre diff --json"],
    load: () => import("./commands/diff.js"),
  },
  {
    name: "update",
    args: "[targets...]",
    summary: "move source pins to what their refs and ranges name now, report changed items and sync them",
    options: [{ flags: "-n, --dry-run", description: "report and plan only" }, globalOption],
    examples: [
      "cadre update                     # every source",
      "cadre update npm:blue-gardener   # one source",
      "cadre update agent:planner       # the source that holds this item",
      "cadre update --dry-run",
    ],
    load: () => import("./commands/update.js"),
  },
  {
    name: "outdated",
    summary:
      "list sources whose branch, tag or npm range names something newer than cadre.lock pins (exit 1 if any)",
    options: [globalOption],
    examples: ["cadre outdated", "cadre outdated --json"],
    load: () => import("./commands/outdated.js"),
  },
  {
    name: "add",
    args: "<items...>",
    summary: "select items or profiles in cadre.yaml, or add a source (git, npm, archive, folder), then sync",
    options: [
      { flags: "--no-sync", description: "edit cadre.yaml only" },
      { flags: "--list", description: "with a source: show what it holds; write nothing" },
      { flags: "--item <name>", description: "with a source: add only this item (repeatable)", repeat: true },
      { flags: "-k, --kind <kind>", description: "with a source: add only items of this kind" },
      { flags: "-c, --category <category>", description: "with a source: add only items in this category" },
      {
        flags: "--trust",
        description:
          "with a source: trust the executable content it shows (hooks, scripts, MCP commands, shell)",
      },
      globalOption,
    ],
    examples: [
      "cadre add skill:test-driven-development",
      "cadre add backend-node   # a profile",
      "cadre add agent:code-reviewer --no-sync",
      "cadre add npm:blue-gardener --list",
      "cadre add anthropics/skills --item pdf       # owner/repo[/subdir][@ref] on GitHub",
      "cadre add https://git.example.com/team/packs.git#v2 --kind skill",
      "cadre add npm:@team/agents@^1 --category security",
      "cadre add github:team/hooks --trust   # after reading what it runs",
    ],
    load: () => import("./commands/add.js"),
  },
  {
    name: "trust",
    args: "[source]",
    summary:
      "review what a source runs on this machine and trust it: its hashes go into cadre.lock, then sync",
    options: [
      {
        flags: "--list",
        description: "every source: whether it needs trust, and each executable item's state",
      },
      { flags: "-n, --dry-run", description: "show what would be trusted and installed; write nothing" },
      globalOption,
    ],
    examples: [
      "cadre trust github:team/hooks",
      "cadre trust npm:@team/agents --dry-run",
      "cadre trust --list",
      "cadre trust --list --json",
    ],
    load: () => import("./commands/trust.js"),
  },
  {
    name: "untrust",
    args: "<source>",
    summary: "drop a source's trust records from cadre.lock and sync (its executable items are removed)",
    options: [
      { flags: "-n, --dry-run", description: "show what would be removed; write nothing" },
      globalOption,
    ],
    examples: ["cadre untrust github:team/hooks", "cadre untrust ../shared/pack --dry-run"],
    load: () => import("./commands/untrust.js"),
  },
  {
    name: "remove",
    args: "<items...>",
    summary: "unselect items or profiles in cadre.yaml, then sync",
    options: [{ flags: "--no-sync", description: "edit cadre.yaml only" }, globalOption],
    examples: ["cadre remove agent:code-reviewer", "cadre remove backend-node"],
    load: () => import("./commands/remove.js"),
  },
  {
    name: "repair",
    summary:
      "roll back an interrupted run, rebuild a damaged cadre.lock, restore missing files on every host",
    options: [
      { flags: "-f, --force", description: "also restore managed files whose content changed" },
      globalOption,
    ],
    examples: ["cadre repair", "cadre repair --force"],
    load: () => import("./commands/repair.js"),
  },
  {
    name: "uninstall",
    summary: "remove everything cadre installed; keeps files you edited unless --force",
    options: [
      { flags: "-y, --yes", description: "do not ask for confirmation" },
      {
        flags: "-f, --force",
        description: "also delete files you edited, and files cadre adopted (cadre import)",
      },
      globalOption,
    ],
    examples: ["cadre uninstall", "cadre uninstall --yes"],
    load: () => import("./commands/uninstall.js"),
  },
  {
    name: "hosts",
    args: "[action] [id]",
    summary: "the capability matrix and the hosts in use; `hosts enable|disable <id>`",
    options: [{ flags: "--no-sync", description: "edit cadre.yaml only" }, globalOption],
    examples: ["cadre hosts", "cadre hosts enable cursor", "cadre hosts disable windsurf"],
    load: () => import("./commands/hosts.js"),
  },
  {
    name: "profiles",
    summary: "list profiles (curated selections) and which ones cadre.yaml uses",
    options: [globalOption],
    examples: ["cadre profiles", "cadre add backend-node"],
    load: () => import("./commands/profiles.js"),
  },
  {
    name: "doctor",
    summary: "check cadre.yaml, cadre.lock, interrupted runs, conflicts and pending changes",
    options: [globalOption],
    examples: ["cadre doctor", "cadre doctor --json"],
    load: () => import("./commands/doctor.js"),
  },
  {
    name: "hook",
    args: "<id>",
    summary: "run a built-in hook for a host (reads the host's JSON on stdin; hosts call this, not people)",
    options: [
      { flags: "--host <host>", description: "the host whose protocol to read and answer in (required)" },
      { flags: "--handler <name>", description: "the built-in handler, when it differs from <id>" },
      { flags: "--event <event>", description: "the canonical event, when it differs from the handler's" },
      { flags: "--failure <mode>", description: "open or closed, when it differs from the handler's" },
      { flags: "--match <classes>", description: "tool classes to look at (shell,edit,write,read)" },
      { flags: "--config <json>", description: "the hook's config, when it differs from the handler's" },
      {
        flags: "--run <command>",
        description:
          "run this command instead, only for the --match tools (hosts whose hooks see every tool)",
      },
    ],
    examples: [
      `echo '{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"rm cadre.lock"}}' | cadre hook protected-paths --host claude-code`,
      "cadre hook loop-cap --host gemini-cli < payload.json",
    ],
    load: () => import("./commands/hook.js"),
  },
  {
    name: "menu",
    summary: "interactive menu: add, remove, list, search, sync, hosts, profiles, repair",
    options: [globalOption],
    examples: ["cadre menu"],
    load: () => import("./commands/menu.js"),
  },
);
