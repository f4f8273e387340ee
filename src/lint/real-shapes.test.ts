import { describe, expect, it } from "vitest";
import { agent, pack, skill, type Tree } from "../../test/helpers/snapshot.js";
import { buildCatalog } from "../model/catalog.js";
import { lintPacks, refusals } from "./run.js";

/**
 * Issue 10 #7: the shapes real public packs publish, which hosts load, written here in their shape. Each
 * case was an error before; now it is no finding, or a warning that says what a host does with it.
 */
const SKILL_DIR = "{CLAUDE_SKILL_DIR}";
const PLUGIN_ROOT = "{CLAUDE_PLUGIN_ROOT}";
const PLUGIN = { ".claude-plugin/plugin.json": '{"name":"shapes"}' };
const withSkill = (extra: string, body: string, files: Tree = {}): Tree => ({
  ...PLUGIN,
  "skills/pool/SKILL.md": skill("pool", extra, body),
  ...files,
});
const script = (path: string, text: string) =>
  withSkill("", "Run the pool.", { [`skills/pool/${path}`]: text });

function lint(tree: Tree, host?: string) {
  const p = pack(tree);
  return lintPacks(buildCatalog([p]), [p], { host });
}
const findings = (tree: Tree, rule: string, host?: string) =>
  lint(tree, host)
    .diagnostics.filter((d) => d.rule === rule)
    .map((d) => `${d.severity} ${d.message}`);

describe("false positives of real packs", () => {
  it("shutdown/halt/reboot as a method, in a docstring or a comment are not destructive commands", () => {
    const py = [
      "class Pool:",
      "    def shutdown(self):",
      '        """Shutdown the executor."""',
      "        self.executor.shutdown(wait=True)",
      "",
      "pool.shutdown()",
    ].join("\n");
    expect(findings(script("scripts/pool.py", py), "security/script-destructive")).toEqual([]);
    const sh = "#!/bin/sh\n# never halts or reboots the machine: halt and reboot are not run here\necho ok\n";
    expect(findings(script("scripts/serve.sh", sh), "security/script-destructive")).toEqual([]);
    // a hook guard that names mkfs inside a string it matches against
    const guard = '#!/bin/bash\nif [[ "$command" == *"mkfs"* ]]; then echo deny; fi\n';
    expect(findings(script("scripts/guard.sh", guard), "security/script-destructive")).toEqual([]);
  });

  it("shutdown as a command, and rm -rf of everything under a variable, are still flagged (for review)", () => {
    const sh = '#!/bin/sh\nsudo shutdown -h now\nrm -rf "$BUILD_DIR"/*\nrm -rf ~\n';
    expect(findings(script("scripts/wipe.sh", sh), "security/script-destructive")).toEqual([
      'warning destructive command "sudo shutdown"',
      'warning destructive command "rm -rf "$BUILD_DIR"/*"',
      'warning destructive command "rm -rf ~"',
    ]);
  });

  it("rm -f of the script's own pid file or temporary file is not destructive", () => {
    const sh = [
      "#!/bin/bash",
      `PIDFILE="\${TMPDIR:-/tmp}/pool.pid"`,
      "TMP_FILE=$(mktemp)",
      'trap \'rm -f "$TMP_FILE" "$REQ_FILE"\' EXIT',
      'kill "$(cat "$PIDFILE")"',
      'rm -f "$PIDFILE"',
      "rm -f $PIDFILE",
    ].join("\n");
    expect(findings(script("scripts/serve.sh", sh), "security/script-destructive")).toEqual([]);
  });

  it("an AF_UNIX socket is not the network; an internet socket still is", () => {
    const local = "import socket\ns = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\n";
    expect(findings(script("scripts/probe.py", local), "security/script-network")).toEqual([]);
    const inet = "import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n";
    expect(findings(script("scripts/probe.py", inet), "security/script-network")).toEqual([
      "warning script uses the network (socket.socket)",
    ]);
  });

  it("@v4, @latest, @contextmanager and @alice are not item mentions; a kebab-case name or a typo still is", () => {
    const body = [
      "### Using @contextmanager for cleanup",
      "Pin actions (@v4, not @latest) and ask @alice first.",
      "Hand off to @code-reviewr or @ghost-agent.",
    ].join("\n");
    const tree = { ...withSkill("", body), "agents/code-reviewer.md": agent("code-reviewer") };
    expect(findings(tree, "refs/unresolved-mention")).toEqual([
      "warning @code-reviewr does not name any item",
      "warning @ghost-agent does not name any item",
    ]);
  });

  it("links inside a fence indented under a list item are code, not links", () => {
    const body = [
      "1. Write the notes:",
      "",
      "     ```markdown",
      "     See [notes](notes/missing.md).",
      "     ```",
    ];
    expect(findings(withSkill("", body.join("\n")), "links/relative-missing")).toEqual([]);
    const outside = "See [notes](notes/missing.md).";
    expect(findings(withSkill("", outside), "links/relative-missing")).toEqual([
      'warning link target "notes/missing.md" does not exist',
    ]);
  });

  it("CLAUDE_SKILL_DIR and CLAUDE_PLUGIN_ROOT links resolve against the skill and the plugin", () => {
    const body = `Read [the guide]($${SKILL_DIR}/references/guide.md) and [setup]($${PLUGIN_ROOT}/docs/setup.md).`;
    const files = { "skills/pool/references/guide.md": "# Guide", "docs/setup.md": "# Setup" };
    expect(findings(withSkill("", body, files), "links/relative-missing")).toEqual([]);
    expect(findings(withSkill("", body), "links/relative-missing")).toEqual([
      `warning link target "$${SKILL_DIR}/references/guide.md" does not exist`,
      `warning link target "$${PLUGIN_ROOT}/docs/setup.md" does not exist`,
    ]);
    // in a marketplace, the plugin root is the plugin's folder, not the pack's
    const market = {
      "cadre-pack.yaml":
        "name: market\nversion: 1.0.0\ndescription: M.\npaths:\n  skill: plugins/pool/skills\n",
      "plugins/pool/.claude-plugin/plugin.json": '{"name":"pool"}',
      "plugins/pool/skills/pool/SKILL.md": skill("pool", "", `Read [setup]($${PLUGIN_ROOT}/docs/setup.md).`),
      "plugins/pool/docs/setup.md": "# Setup",
    };
    expect(pack(market).items.map((i) => i.id)).toEqual(["skill:pool"]);
    expect(findings(market, "links/relative-missing")).toEqual([]);
    const { "plugins/pool/docs/setup.md": _, ...withoutSetup } = market;
    expect(findings(withoutSetup, "links/relative-missing")).toEqual([
      `warning link target "$${PLUGIN_ROOT}/docs/setup.md" does not exist`,
    ]);
    // an output template's placeholders are not files
    const template = "![preview](thumbnail_url) and [guide]({get_guide_url(name)})";
    expect(findings(withSkill("", template), "links/relative-missing")).toEqual([]);
  });

  it("a YAML list for allowed-tools is a portability warning, not an error", () => {
    const tree = withSkill("allowed-tools:\n  - Bash\n  - Read\n", "Run the pool.");
    expect(findings(tree, "skill/allowed-tools-string")).toEqual([
      "warning allowed-tools is a YAML list: Claude Code reads it, the Agent Skills spec asks for one space-separated string",
    ]);
    expect(lint(tree).errors).toBe(0);
  });

  it("argument-hint: [project-name] (a YAML list, which Claude Code shows as written) is no error", () => {
    const cmd = "---\ndescription: Create an app\nargument-hint: [project-name]\n---\nCreate $ARGUMENTS.\n";
    expect(lint({ ...PLUGIN, "commands/new-app.md": cmd }).diagnostics).toEqual([]);
    const wrong = "---\ndescription: Create an app\nargument-hint: 5\n---\nCreate $ARGUMENTS.\n";
    expect(findings({ ...PLUGIN, "commands/new-app.md": wrong }, "item/schema")).toEqual([
      "error argument-hint: Invalid input: expected string, received number",
    ]);
  });

  it("an agent colour Claude Code does not list (magenta) is a warning: the agent shows in the default colour", () => {
    const tree = { ...PLUGIN, "agents/designer.md": agent("designer", "color: magenta\n") };
    expect(findings(tree, "item/schema")).toEqual([
      'warning color "magenta" is not one of Claude Code\'s colours; it shows the agent in its default colour',
    ]);
  });

  it("@v4 is no mention even beside short item names", () => {
    const tree = { ...withSkill("", "Pin actions (@v4, @v10, not @latest)."), "agents/vue.md": agent("vue") };
    expect(findings(tree, "refs/unresolved-mention")).toEqual([]);
  });

  it("a Claude command has no name field: hosts name it by its file", () => {
    const tree = {
      ...PLUGIN,
      "commands/pool-status.md": "---\ndescription: Show the pool\n---\nReport it.\n",
    };
    expect(lint(tree).diagnostics).toEqual([]);
  });
});

describe("real problems that hosts reject or mis-load", () => {
  const long = (n: number) =>
    `---\nname: brief\ndescription: ${"Summarises design notes ".repeat(n).slice(0, n - 1)}.\n---\nBody.\n`;

  it("a skill description over 1,024 characters is an error for Copilot and Codex only", () => {
    const tree = { ...PLUGIN, "skills/brief/SKILL.md": long(1100) };
    const all = lint(tree).diagnostics.filter((d) => d.rule === "skill/description-length");
    expect(all.map((d) => [d.severity, d.hosts])).toEqual([["error", ["codex", "copilot"]]]);
    expect(all[0]?.message).toMatch(/1100 characters; OpenAI Codex refuses more than 1024, GitHub Copilot/);
    const forClaude = lint(tree, "claude-code");
    expect(forClaude.diagnostics.find((d) => d.rule === "skill/description-length")?.severity).toBe(
      "warning",
    );
    expect(forClaude.errors).toBe(0);
    expect(lint(tree, "copilot").errors).toBe(1);
    expect(lint({ ...PLUGIN, "skills/brief/SKILL.md": long(1000) }).errors).toBe(0);
  });

  it("refusals: per host, with the lint message; other hosts still get the item", () => {
    const p = pack({ ...PLUGIN, "skills/brief/SKILL.md": long(1100), "skills/ok/SKILL.md": skill("ok") });
    const cat = buildCatalog([p]);
    const r = refusals(cat, p.items, ["claude-code", "copilot", "gemini-cli"]);
    expect([...r.keys()]).toEqual(["shapes/skill:brief"]);
    expect(r.get("shapes/skill:brief")?.map((x) => x.host)).toEqual(["copilot"]);
    expect(r.get("shapes/skill:brief")?.[0]?.message).toMatch(
      /^pack\/skills\/brief\/SKILL\.md:3: description is 1100/,
    );
  });

  it("a command with an empty description is a warning that says what hosts show", () => {
    // In a Claude plugin it loads as Claude Code shows it (the body's first line), with a warning that says so.
    const tree = { ...PLUGIN, "commands/blank.md": '---\ndescription: ""\n---\nDo it.\n' };
    expect(findings(tree, "load/lenient-frontmatter")).toEqual([
      "warning no description; loaded with the first line of the body, as Claude Code shows it; fix: add a description to the frontmatter",
    ]);
    // In a cadre pack, which is read strictly, the schema rule reports it.
    const own = {
      "cadre-pack.yaml": "name: own\nversion: 1.0.0\ndescription: Own.\n",
      "commands/blank.md": '---\nname: blank\ndescription: ""\n---\nDo it.\n',
    };
    expect(findings(own, "item/schema")).toEqual([
      "warning no description: hosts list /blank without a summary (Claude Code shows the body's first line)",
    ]);
  });

  it("a glob-scoped rule made always-on is reported; with alwaysApply: false it is an error", () => {
    const M = { "cadre-pack.yaml": "name: rules\nversion: 1.0.0\ndescription: Rules.\n" };
    const r = (extra: string) => ({
      ...M,
      "rules/ts.md": `---\nname: ts\ndescription: TypeScript style.\nactivation: always\nglobs: src/**/*.ts\n${extra}---\nUse tabs.\n`,
    });
    expect(findings(r(""), "rule/globs-ignored")).toEqual([
      "warning globs are ignored with activation always: hosts load the rule always-on, not for matching files",
    ]);
    expect(findings(r("alwaysApply: false\n"), "rule/globs-ignored")).toEqual([
      "error globs with activation always and alwaysApply: false: hosts load this file-scoped rule in every conversation",
    ]);
  });
});

describe("what hosts accept, seen in real packs (session 4)", () => {
  it("a Cursor rule with `globs: **/*` and alwaysApply: false is always-on as written: no globs-ignored error", () => {
    const tree = {
      "rules/react.mdc":
        '---\ndescription: "React conventions."\nglobs: **/*\nalwaysApply: false\n---\nUse hooks.\n',
      "rules/ts.mdc": '---\ndescription: "TS."\nglobs: src/**/*.ts\nalwaysApply: false\n---\nStrict.\n',
    };
    const l = lint(tree);
    expect(l.diagnostics.filter((d) => d.rule === "rule/globs-ignored")).toEqual([]);
    expect(l.errors).toBe(0);
  });

  it("file names hosts accept (clean_gone, powershell-5.1-expert, beefreeSDK, 67 characters) are portability warnings", () => {
    const tree = {
      ...PLUGIN,
      "commands/clean_gone.md": "---\ndescription: Clean gone branches\n---\nRun it.\n",
      "agents/powershell-5.1-expert.md": agent("powershell-5.1-expert"),
    };
    expect(findings(tree, "item/name-format").sort()).toEqual([
      `warning name "clean_gone" may only contain lowercase a-z, 0-9 and '-'; hosts accept it as written, but it is not portable`,
      `warning name "powershell-5.1-expert" may only contain lowercase a-z, 0-9 and '-'; hosts accept it as written, but it is not portable`,
    ]);
    expect(lint(tree).errors).toBe(0);
    const long = "r".repeat(67);
    expect(
      findings({ [`rules/${long}.mdc`]: "---\nalwaysApply: true\n---\nX.\n" }, "item/name-format"),
    ).toEqual([
      `warning name "${long}" is 67 characters long (at most 64); hosts accept it as written, but it is not portable`,
    ]);
  });

  it("a name no host can take as a file name is still an error", () => {
    const own = {
      "cadre-pack.yaml": "name: own\nversion: 1.0.0\ndescription: Own.\n",
      "agents/odd.md": agent("odd name!"),
    };
    expect(findings(own, "item/name-format").map((f) => f.split(" ")[0])).toEqual(["error"]);
  });

  it("an empty rule is a warning (it adds nothing); an empty agent is still an error", () => {
    const tree = { "rules/empty.mdc": "---\ndescription: Empty.\nalwaysApply: true\n---\n" };
    expect(findings(tree, "item/empty-body")).toEqual(["warning the body is empty: the rule adds nothing"]);
    expect(
      findings(
        { ...PLUGIN, "agents/blank.md": "---\nname: blank\ndescription: B.\n---\n" },
        "item/empty-body",
      ),
    ).toEqual(["error the body is empty"]);
  });

  it("name-matches-file strips .mdc and .toml, and says nothing of a plugin item installed as <plugin>-<name>", () => {
    const rules = { "rules/go-style.mdc": "---\ndescription: Go.\nalwaysApply: true\n---\nGofmt.\n" };
    expect(findings(rules, "item/name-matches-file")).toEqual([]);
    const market = {
      ".claude-plugin/marketplace.json": JSON.stringify({
        name: "m",
        owner: { name: "o" },
        plugins: [
          { name: "alpha", source: "./plugins/alpha" },
          { name: "beta", source: "./plugins/beta" },
        ],
      }),
      "plugins/alpha/.claude-plugin/plugin.json": '{"name":"alpha"}',
      "plugins/alpha/commands/help.md": "---\ndescription: Alpha help\n---\nHelp.\n",
      "plugins/beta/.claude-plugin/plugin.json": '{"name":"beta"}',
      "plugins/beta/commands/help.md": "---\ndescription: Beta help\n---\nHelp.\n",
    };
    const l = lint(market);
    expect(l.diagnostics.filter((d) => d.rule === "item/name-matches-file")).toEqual([]);
    expect(l.errors).toBe(0);
  });
});

describe("one name in the repo's own host folder and in a plugin; one file twice", () => {
  const MARKET = {
    ".claude-plugin/marketplace.json": JSON.stringify({
      name: "m",
      owner: { name: "o" },
      plugins: [{ name: "commit-tools", source: "./plugins/commit-tools" }],
    }),
    "plugins/commit-tools/.claude-plugin/plugin.json": '{"name":"commit-tools"}',
    "plugins/commit-tools/commands/ship.md": "---\ndescription: Ship from the plugin\n---\nPlugin steps.\n",
    ".claude/commands/ship.md": "---\ndescription: Ship, the repo's own\n---\nRepo steps.\n",
  };

  it("both load: the repo's own keeps its name, the plugin's becomes <plugin>-<name>; no duplicate error", () => {
    const p = pack(MARKET);
    const ships = p.items.filter((i) => i.kind === "command").map((i) => [i.name, i.path]);
    expect(ships.sort()).toEqual([
      ["commit-tools-ship", "plugins/commit-tools/commands/ship.md"],
      ["ship", ".claude/commands/ship.md"],
    ]);
    expect(lint(MARKET).diagnostics.filter((d) => d.rule === "pack/duplicate-name")).toEqual([]);
  });

  it("a byte-identical copy in the same folder group loads once, with a note; different text stays an error", () => {
    const rule = "---\ndescription: Conventions.\nalwaysApply: true\n---\nKeep it tidy.\n";
    const same = { ".cursor/rules/conventions.mdc": rule, "tools/adapters/rules/conventions.mdc": rule };
    const p = pack(same);
    expect(p.items.map((i) => i.path)).toEqual([".cursor/rules/conventions.mdc"]);
    expect(
      p.discovery?.some((r) => /byte for byte \.cursor\/rules\/conventions\.mdc/.test(r.note ?? "")),
    ).toBe(true);
    expect(lint(same).errors).toBe(0);
    const differ = { ...same, "tools/adapters/rules/conventions.mdc": rule.replace("tidy", "short") };
    expect(lint(differ).diagnostics.filter((d) => d.rule === "pack/duplicate-name")).toHaveLength(1);
  });
});

describe("an npm agent catalogue (blue-gardener's shape): agents/<category>/*.md with a catalogue page", () => {
  it("the catalogue page and a note without frontmatter are not agents and not errors", () => {
    const tree = {
      "package.json": '{"name":"garden-agents","version":"0.2.0"}',
      "agents/CATALOG.md": "# Catalogue\n\n| agent | use |\n|---|---|\n| planner | plans |\n",
      "agents/development/garden-planner.md": agent("garden-planner", "category: development\n"),
      "agents/quality/garden-reviewer.md": agent("garden-reviewer", "category: quality\n"),
      "agents/quality/notes.md": "Reviewer notes, not an agent.\n",
    };
    const p = pack(tree);
    expect(p.items.map((i) => i.name).sort()).toEqual(["garden-planner", "garden-reviewer"]);
    const l = lint(tree);
    expect(l.errors).toBe(0);
    expect(
      l.diagnostics.filter((d) => d.rule === "load/missing-frontmatter").map((d) => [d.severity, d.file]),
    ).toEqual([["warning", "pack/agents/quality/notes.md"]]);
  });
});
