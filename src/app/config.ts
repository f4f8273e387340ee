import { readFile } from "node:fs/promises";
import { parseDocument } from "yaml";
import { z } from "zod";
import { ErrorCodes, UserError } from "../core/errors.js";
import { parseYaml } from "../core/frontmatter.js";
import { HOST_IDS } from "../hosts/registry.js";

const ref = z.string().min(1);
const HostIdSchema = z.enum(HOST_IDS as [string, ...string[]]);

/** `cadre.yaml`: written by `init`, edited by people. Strict: an unknown key is an error, not a silent no-op. */
export const ConfigSchema = z.strictObject({
  version: z.literal(1).default(1),
  hosts: z.union([z.literal("auto"), z.array(HostIdSchema)]).default("auto"),
  scope: z.enum(["project", "user"]).default("project"),
  /** `builtin` is cadre's own library; other entries are pack folders relative to cadre.yaml. */
  sources: z.array(z.string().min(1)).default(["builtin"]),
  profiles: z.array(z.string().min(1)).default([]),
  include: z.array(ref).default([]),
  exclude: z.array(ref).default([]),
  overrides: z
    .record(
      HostIdSchema,
      z.strictObject({ include: z.array(ref).optional(), exclude: z.array(ref).optional() }),
    )
    .default({}),
  budgets: z.strictObject({ tokens: z.number().int().positive().optional() }).default({}),
  /** Install skill files as symlinks to the pack (copies where symlinks are not allowed). */
  link: z.boolean().default(false),
  /** How the hook commands cadre installs start cadre (`<command> hook <name> --host <host>`). */
  hooks: z.strictObject({ command: z.string().min(1).optional() }).default({}),
});
export type Config = z.infer<typeof ConfigSchema>;

export const CONFIG_FILE = "cadre.yaml";

export function parseConfigText(text: string, where: string): Config {
  const y = parseYaml(text);
  const first = y.errors[0];
  if (first)
    throw new UserError(
      ErrorCodes.parse,
      `${where}:${first.line}:${first.column}: ${first.message}`,
      "fix the YAML syntax",
    );
  const r = ConfigSchema.safeParse(y.value ?? {});
  if (!r.success) {
    const i = r.error.issues[0];
    const at = i?.path.length ? ` at ${i.path.join(".")}` : "";
    throw new UserError(
      ErrorCodes.parse,
      `${where}${at}: ${i?.message ?? "invalid"}`,
      "see schemas/cadre.yaml.schema.json for the fields",
    );
  }
  return r.data;
}

export async function readConfig(path: string, where: string): Promise<Config | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
  return parseConfigText(text, where);
}

/** The cadre.yaml that `init` writes: commented, with the chosen hosts and profiles. */
export function renderConfig(c: {
  hosts: string[] | "auto";
  profiles: string[];
  scope: "project" | "user";
  sources: string[];
  include?: string[];
  link?: boolean;
  /** `hooks.command`, when cadre is not on PATH (e.g. a project devDependency: `npx --no-install cadre`). */
  hooksCommand?: string;
}): string {
  const list = (xs: string[]) => (xs.length ? `[${xs.join(", ")}]` : "[]");
  return [
    "# cadre.yaml — what cadre installs, and for which hosts. Run `cadre sync` after editing.",
    "# Schema: schemas/cadre.yaml.schema.json in the cadre package",
    "version: 1",
    `# Host ids (see \`cadre hosts\`), or auto to use the hosts detected in the project.`,
    `hosts: ${Array.isArray(c.hosts) ? list(c.hosts) : c.hosts}`,
    `scope: ${c.scope}`,
    "# builtin is cadre's own library; add pack folders relative to this file.",
    `sources: ${list(c.sources)}`,
    `profiles: ${list(c.profiles)}`,
    "# Items to add or leave out, e.g. skill:test-driven-development, agent:code-reviewer, or my-pack/* for a whole pack.",
    `include: ${list(c.include ?? [])}`,
    "exclude: []",
    ...(c.link
      ? ["# Skill files are symlinks to the pack (copies where symlinks are not allowed).", "link: true"]
      : []),
    ...(c.hooksCommand
      ? [
          "# How hosts start cadre for its hooks (default: cadre, on PATH). See docs/hooks.md.",
          `hooks: { command: ${JSON.stringify(c.hooksCommand)} }`,
        ]
      : []),
    "",
  ].join("\n");
}

/** Edit one list in cadre.yaml, keeping the user's comments and layout. */
export function editConfigList(text: string, key: string[], edit: (xs: string[]) => string[]): string {
  const doc = parseDocument(text);
  const cur = doc.getIn(key);
  const arr =
    cur && typeof cur === "object" && "toJSON" in cur
      ? ((cur as { toJSON(): unknown }).toJSON() as unknown)
      : cur;
  const next = edit(Array.isArray(arr) ? arr.map(String) : []);
  const node = doc.createNode(next);
  (node as { flow?: boolean }).flow = true;
  doc.setIn(key, node);
  return doc.toString({ lineWidth: 0 });
}
