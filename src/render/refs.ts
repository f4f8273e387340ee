import type { FormatId } from "../hosts/define.js";

/** How a reference to an item reads for a host, by the format the item was installed in. */
export const REF_PHRASES: Record<FormatId, string> = {
  "skill-dir": "the `{name}` skill",
  "agent-md": "the `{name}` subagent",
  "agent-toml": "the `{name}` subagent",
  "command-md": "the `/{name}` command",
  "command-toml": "the `/{name}` command",
  "rule-md": "the `{name}` rule",
  index: "`{name}` ({path})",
  "mcp-json": "the `{name}` MCP server",
  "mcp-toml": "the `{name}` MCP server",
  "agent-roomodes": "the `{name}` mode",
  "hooks-json": "the `{name}` hook",
  "hooks-cursor": "the `{name}` hook",
  "hooks-windsurf": "the `{name}` hook",
  "hooks-toml": "the `{name}` hook",
  "hooks-file": "the `{name}` hook",
  "hooks-opencode": "the `{name}` hook",
  "hooks-cline": "the `{name}` hook",
  "mcp-goose": "the `{name}` extension",
  "hooks-kiro": "the `{name}` hook",
};

const REF = /(^|[\s([])@([a-z0-9]+(?:-[a-z0-9]+)*)(?![\w/@-]|\.\w)/g;

/**
 * Rewrite `@name` references between items the way a host reads them ("the `x` subagent", "@x" for
 * Cursor rules…), bare or as a whole code span (`` `@verify` ``). Fenced code blocks and other inline code are
 * left alone, and so are names that are not installed for the host.
 */
export function rewriteRefs(text: string, phrase: (name: string) => string | undefined): string {
  if (!text.includes("@")) return text;
  const lines = text.split("\n");
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const f = /^\s*(```+|~~~+)/.exec(line);
    if (f) {
      if (!fence) fence = f[1];
      else if (line.trim().startsWith(fence)) fence = undefined;
      continue;
    }
    if (fence || !line.includes("@")) continue;
    lines[i] = line
      .split(/(`[^`]*`)/)
      .map((part) =>
        part.startsWith("`")
          ? codeRef(part, phrase)
          : part.replace(REF, (m, pre: string, name: string) => {
              const p = phrase(name);
              return p === undefined ? m : `${pre}${p}`;
            }),
      )
      .join("");
  }
  return lines.join("\n");
}

const CODE_REF = /^`@([a-z0-9]+(?:-[a-z0-9]+)*)`$/;

/** A code span that is only a reference (`` `@name` ``) reads as the reference; any other span stays code. */
function codeRef(span: string, phrase: (name: string) => string | undefined): string {
  const m = CODE_REF.exec(span);
  return (m && phrase(m[1] as string)) ?? span;
}
