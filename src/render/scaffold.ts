/**
 * `cadre new`: the files of a new item of any kind — its correctly named file or folder, the kind's required
 * fields, and the section skeleton an author fills in. Pure: the caller checks what exists and writes.
 */
import { DEFAULT_PATHS, EXPERTISE_SECTIONS, type Kind } from "../model/kinds.js";

export interface ScaffoldOptions {
  description?: string;
  category?: string;
  /** skill: add a `scripts/` stub. */
  script?: boolean;
  /** Where each kind lives in the pack (cadre-pack.yaml `paths`); defaults to the conventional folders. */
  paths?: Partial<Record<Kind, string>>;
  /** template: the schema its artifact is validated against (default: the template's own name). */
  artifact?: string;
}

export interface ScaffoldFile {
  /** Relative to the pack root, forward slashes. */
  path: string;
  content: string;
  executable?: boolean;
}

const title = (name: string) =>
  name
    .split("-")
    .map((w, i) => (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w))
    .join(" ");

/** A YAML scalar for one line of prose: quoted when plain style would misread it. */
function yamlLine(s: string): string {
  return /^[\w(][^:#'"\n]*$/.test(s) && !/\s$/.test(s) ? s : JSON.stringify(s);
}

function frontmatter(fields: Record<string, string | string[] | undefined>, body: string): string {
  const lines = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.join(", ")}]` : yamlLine(v as string)}`);
  return `---\n${lines.join("\n")}\n---\n\n${body}`;
}

function defaultDescription(kind: Kind, name: string): string {
  const t = title(name);
  const what: Partial<Record<Kind, string>> = {
    skill: `${t}: say what this skill does and the requests it is for. Use when the user asks to ${name.replace(/-/g, " ")}.`,
    agent: `${t}: say what this subagent is expert in and what it returns. Delegate to it for ${name.replace(/-/g, " ")} tasks.`,
    command: `${t}: say what this command does with its argument.`,
    rule: `${t}: the convention this rule enforces and where it applies.`,
    expertise: `${t}: what this module teaches a role, and when it is loaded.`,
    workflow: `${t}: the kind of change this workflow runs, from its first phase to its last.`,
  };
  return what[kind] ?? `${t}: say what this ${kind} is for.`;
}

const SKILL_BODY = (name: string, script: boolean) =>
  `# ${title(name)}

## When to use

- {the request or situation that should load this skill}

## When not to use

- {the nearby request another skill or plain work handles better}

## Steps

1. {first step, with the command or check it runs}
2. {next step}
${script ? `3. Run \`scripts/${name}.sh\` and read its output before going on.\n` : ""}
## Output

{what the agent produces, and how the user can check it}

See [references/README.md](references/README.md) for background the steps rely on.
`;

const SCRIPT = (name: string) => `#!/usr/bin/env sh
# ${name}: a helper the skill runs. Keep it read-only unless the skill says otherwise.
set -eu
echo "${name}: replace this with the check or action the skill needs" >&2
`;

type Builder = (name: string, o: ScaffoldOptions, dir: string) => ScaffoldFile[];

const BUILDERS: Record<Kind, Builder> = {
  skill: (name, o, dir) => [
    {
      path: `${dir}/${name}/SKILL.md`,
      content: frontmatter({ name, description: o.description }, SKILL_BODY(name, !!o.script)),
    },
    {
      path: `${dir}/${name}/references/README.md`,
      content: `# ${title(name)}: references\n\n{background, tables or examples the skill points to; loaded only when read}\n`,
    },
    ...(o.script
      ? [{ path: `${dir}/${name}/scripts/${name}.sh`, content: SCRIPT(name), executable: true }]
      : []),
  ],
  agent: (name, o, dir) => [
    {
      path: `${dir}/${o.category ?? "general"}/${name}.md`,
      content: frontmatter(
        { name, description: o.description, tools: ["Read", "Grep", "Glob"], category: o.category },
        `# ${title(name)}\n\nYou are {the role, in one sentence}.\n\n## How you work\n\n1. {first thing you check}\n2. {how you decide}\n\n## What you return\n\n{the shape of your answer: findings with file:line, a verdict, a patch}\n\n## Boundaries\n\n- {what you never do}\n`,
      ),
    },
  ],
  command: (name, o, dir) => [
    {
      path: `${dir}/${name}.md`,
      content: frontmatter(
        { name, description: o.description, "argument-hint": "[what to act on]", category: o.category },
        `# ${title(name)}\n\nAct on: $ARGUMENTS\n\n## Steps\n\n1. {first step}\n2. {next step}\n\n## Output\n\n{what the command leaves behind}\n`,
      ),
    },
  ],
  rule: (name, o, dir) => [
    {
      path: `${dir}/${name}.md`,
      content: frontmatter(
        { name, description: o.description, activation: "always" },
        "- {one convention, stated as an instruction}\n- {the reason, when it is not obvious}\n",
      ),
    },
  ],
  expertise: (name, o, dir) => [
    {
      path: `${dir}/${o.category ?? "general"}/${name}.md`,
      content: frontmatter(
        {
          name,
          description: o.description,
          domain: o.category ?? "general",
          "applies-when": "{the situation in which a role should load this module}",
          stacks: ["all"],
          concerns: [],
        },
        `# ${title(name)}\n\n${EXPERTISE_SECTIONS.map((s) => `## ${s}\n\n{${s.toLowerCase()}}\n`).join("\n")}`,
      ),
    },
  ],
  hook: (name, o, dir) => [
    {
      path: `${dir}/${name}.yaml`,
      content: `id: ${name}\ndescription: ${yamlLine(o.description ?? "")}\nevent: pre-tool-use   # ${"session-start | user-prompt-submit | pre-tool-use | post-tool-use | stop | subagent-stop | pre-compact | session-end"}\nmatcher: [shell]       # edit | write | read | shell, or a host's tool names; omit for every tool\nhandler:\n  # Reads the host's JSON on stdin; exit 2 blocks the call and its stderr is shown to the agent.\n  # Or a built-in handler instead: builtin: protected-paths\n  command: "cat > /dev/null"\nfailure: open          # open: allow when the handler fails; closed: block\n`,
    },
  ],
  mcp: (name, o, dir) => [
    {
      path: `${dir}/${name}.yaml`,
      content: `name: ${name}\ndescription: ${yamlLine(o.description ?? "")}\ntransport: stdio        # stdio | http\ncommand: npx\nargs: ["-y", "${name}"]\n# env: {API_TOKEN: "\${API_TOKEN}"}   # secrets only as \${VAR} references\n# url: https://example.com/mcp         # for transport: http\n`,
    },
  ],
  schema: (name, o, dir) => [
    {
      path: `${dir}/${name}.schema.json`,
      content: `${JSON.stringify(
        {
          $schema: "https://json-schema.org/draft/2020-12/schema",
          $id: `urn:cadre:schema:artifact:${name}`,
          title: title(name),
          description: o.description,
          type: "object",
          required: ["schema_version"],
          properties: { schema_version: { const: 1, description: "Version of this artifact schema." } },
          additionalProperties: false,
        },
        null,
        2,
      )}\n`,
    },
  ],
  template: (name, o, dir) => [
    {
      path: `${dir}/${name}.md`,
      content: frontmatter(
        { name, description: o.description, artifact: o.artifact ?? name },
        `---\nschema_version: 1\n---\n# ${title(name)}: {title}\n\n## {section}\n\n{what goes here}\n`,
      ),
    },
  ],
  workflow: (name, o, dir) => {
    const artifact = o.artifact ? `    artifact: ${o.artifact}\n` : "";
    return [
      {
        path: `${dir}/${name}.yaml`,
        content: `name: ${name}\ndescription: ${yamlLine(o.description ?? "")}\nstart: draft\nedits_from: build\ncaps: { quick: 1, standard: 2, deep: 3 }   # how often a review may send its phase back\nphases:   # each may name a command, a role (agent) and an artifact (schema)\n  - id: draft\n${artifact}    gate: user\n    next: [build]\n  - id: build\n    next: [review]\n  - id: review\n    review_of: build\n    next: []\n`,
      },
    ];
  },
  profile: (name, o, dir) => [
    {
      path: `${dir}/${name}.yaml`,
      content: `name: ${name}\ndescription: ${yamlLine(o.description ?? "")}\nextends: []\nitems: []   # item ids, e.g. skill:test-driven-development\n`,
    },
  ],
};

/** The kinds `cadre new` can create. */
export const SCAFFOLD_KINDS = Object.keys(BUILDERS) as Kind[];

/** The files of a new `kind` item called `name` (a valid item name: the caller checks). */
export function scaffold(kind: Kind, name: string, o: ScaffoldOptions = {}): ScaffoldFile[] {
  const build = BUILDERS[kind];
  const dir = (o.paths?.[kind] ?? DEFAULT_PATHS[kind]).replace(/\/+$/, "");
  return build(name, { ...o, description: o.description ?? defaultDescription(kind, name) }, dir);
}

/** The manifest of a new pack. */
export function packManifest(name: string, description?: string, author?: string): string {
  const by = author ? `author: ${yamlLine(author)}\n` : "";
  return `name: ${name}\nversion: 0.1.0\ndescription: ${yamlLine(description ?? `${title(name)}: agent content for cadre.`)}\n${by}license: MIT\n`;
}
