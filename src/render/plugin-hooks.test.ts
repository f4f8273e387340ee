import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseToml } from "smol-toml";
import { beforeAll, describe, expect, it } from "vitest";
import { shellWords } from "../app/hook-scripts.js";
import { hostSupport } from "../app/info.js";
import { toRenderItems } from "../app/render-items.js";
import type { HostDef } from "../hosts/define.js";
import type { DesiredBlock, DesiredFile, DesiredKeys } from "../hosts/output.js";
import { HOSTS } from "../hosts/registry.js";
import type { Item } from "../model/item.js";
import { loadPack } from "../sources/load.js";
import { renderAll } from "./compose.js";
import type { RenderItem } from "./formats.js";
import { hookPlace, rewritePluginRoot } from "./hooks.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, "..", "..", "test", "fixtures", "plugin-hooks");
let items: RenderItem[] = [];
let packItems: Item[] = [];
beforeAll(async () => {
  const pack = await loadPack(fixture, { cwd: here });
  packItems = pack.items;
  items = await toRenderItems(pack.items, [pack], here);
});
const render = (host: keyof typeof HOSTS, scope: "project" | "user" = "project") =>
  renderAll(items, [HOSTS[host] as HostDef], { home: "/home/u", scope });

describe("plugin hooks with scripts", () => {
  it("Claude Code: one entry per (event, matcher, command, if), every event and type, scripts copied", () => {
    const { desired, notes } = render("claude-code");
    const keys = desired.find(
      (d): d is DesiredKeys => d.type === "keys" && d.path === ".claude/settings.json",
    );
    const entries = (ev: string) => keys?.entries.filter((e) => e.key[1] === ev).map((e) => e.value) ?? [];
    const base = "$CLAUDE_PROJECT_DIR/.claude/hooks/guardian";
    expect(entries("PreToolUse")).toEqual([
      {
        matcher: "Bash",
        hooks: [
          { type: "command", command: `CLAUDE_PLUGIN_ROOT="${base}" "${base}/hooks/check.sh"`, timeout: 5 },
        ],
      },
      {
        matcher: "Edit|Write",
        hooks: [
          { type: "command", command: `CLAUDE_PLUGIN_ROOT="${base}" "${base}/hooks/check.sh"`, timeout: 5 },
        ],
      },
    ]);
    expect(new Set(keys?.entries.map((e) => e.key.join("/"))).size).toBe(keys?.entries.length);
    expect(entries("SessionStart")[0]).toMatchObject({ matcher: "startup|resume" });
    expect(entries("PostToolUse")[0]).toEqual({
      matcher: "Bash",
      hooks: [
        {
          type: "command",
          command: `CLAUDE_PLUGIN_ROOT="${base}" "${base}"/hooks/check.sh`,
          timeout: 60,
          if: "Bash(git commit:*)",
          asyncRewake: true,
        },
      ],
    });
    expect(entries("Notification")).toHaveLength(1);
    expect(entries("UserPromptExpansion")[0]).toMatchObject({ matcher: "^guardian:scan$" });
    expect(entries("Stop")).toEqual([
      { hooks: [{ type: "prompt", prompt: "Are all of the user's tasks done? $ARGUMENTS", timeout: 20 }] },
    ]);
    expect(entries("SessionEnd")).toEqual([
      { hooks: [{ type: "http", url: "http://127.0.0.1:9/guardian" }] },
    ]);
    const files = desired.filter((d): d is DesiredFile => d.type === "file");
    expect(files.map((f) => [f.path, !!f.executable])).toEqual([
      [".claude/hooks/guardian/hooks/check.sh", true],
      [".claude/hooks/guardian/lib/common.sh", false],
    ]);
    expect(notes.filter((n) => n.level === "warning")).toEqual([]);
  });

  it("Codex: two tables for two matchers; what Codex cannot express is refused with a note, never dropped", () => {
    const { desired, notes } = render("codex");
    const block = desired.find(
      (d): d is DesiredBlock => d.type === "block" && d.path === ".codex/config.toml",
    );
    const toml = parseToml(block?.content ?? "") as {
      hooks: Record<string, Array<{ matcher?: string; hooks: Array<{ command: string }> }>>;
    };
    const matchers = toml.hooks.PreToolUse?.map((t) => t.matcher);
    expect(matchers).toHaveLength(2);
    expect(new Set(matchers).size).toBe(2);
    expect(toml.hooks.PreToolUse?.[0]?.hooks[0]?.command).toBe(
      `CLAUDE_PLUGIN_ROOT="./.codex/hooks/guardian" "./.codex/hooks/guardian/hooks/check.sh"`,
    );
    expect(toml.hooks.SessionStart?.[0]?.matcher).toBe("startup|resume");
    const refused = notes.filter((n) => n.level === "warning").map((n) => n.message);
    expect(refused).toEqual(
      expect.arrayContaining([
        expect.stringContaining("`if` condition (Bash(git commit:*))"),
        expect.stringContaining("a prompt hook"),
      ]),
    );
    // Codex has SessionEnd since 0.146 (developers.openai.com/codex/hooks): the fixture's http SessionEnd
    // hook is now refused for its type, not skipped for a missing event.
    expect(notes.some((n) => n.item?.endsWith("hook:session-end-1") && /a http hook/.test(n.message))).toBe(
      true,
    );
    expect(
      notes.some(
        (n) => n.item?.endsWith("hook:notification-1") && /no notification hook event/.test(n.message),
      ),
    ).toBe(true);
    const files = desired.filter((d): d is DesiredFile => d.type === "file").map((f) => f.path);
    expect(files).toEqual([".codex/hooks/guardian/hooks/check.sh", ".codex/hooks/guardian/lib/common.sh"]);
  });

  it("an http hook is refused with a note on a host that has the event but only command hooks", () => {
    const { notes } = render("cursor");
    expect(notes).toContainEqual(
      expect.objectContaining({
        item: expect.stringMatching(/hook:session-end-1$/),
        level: "warning",
        message: expect.stringContaining("a http hook"),
      }),
    );
  });

  it("Copilot: a tool matcher becomes `cadre hook --run`'s filter around the plugin's command", () => {
    // Copilot's hook files run for every tool: cadre hook runs the command only for the matcher's tools.
    const { desired, notes } = render("copilot");
    const pre = desired
      .filter((d): d is DesiredFile => d.type === "file" && d.path.startsWith(".github/hooks/cadre-"))
      .map((f) => JSON.parse(String(f.content)) as { hooks: Record<string, Array<{ bash: string }>> })
      .flatMap((j) => j.hooks.preToolUse ?? [])
      .map((h) => shellWords(h.bash));
    const inner = `CLAUDE_PLUGIN_ROOT="./.github/hooks/guardian" "./.github/hooks/guardian/hooks/check.sh"`;
    expect(pre.map((w) => [w.slice(0, 4), w.slice(w.indexOf("--match"))])).toEqual([
      [
        ["cadre", "hook", "pre-tool-use-1", "--host"],
        ["--match", "shell", "--run", inner],
      ],
      [
        ["cadre", "hook", "pre-tool-use-2", "--host"],
        ["--match", "edit,write", "--run", inner],
      ],
    ]);
    expect(notes.filter((n) => /no tool matchers/.test(n.message))).toEqual([]);
  });

  it("hosts that speak Claude Code's hook protocol get their own tool names and events, not Claude's", () => {
    // Qwen Code and Crush read Claude's hook schema, but a plugin's `Bash` matcher must become their shell
    // tool, and an event or `if` only Claude Code has is refused with a note, never written.
    const cases = [
      ["qwen-code", ".qwen/settings.json", "^(run_shell_command)$"],
      ["crush", "crush.json", "^(bash)$"],
    ] as const;
    for (const [host, path, shell] of cases) {
      const { desired, notes } = render(host);
      const keys = desired.find((d): d is DesiredKeys => d.type === "keys" && d.path === path);
      const events = new Set(keys?.entries.map((e) => e.key[1]));
      expect(
        [...events].filter((e) => ["Notification", "UserPromptExpansion"].includes(e as string)),
        host,
      ).toEqual([]);
      const pre = keys?.entries
        .filter((e) => e.key[1] === "PreToolUse")
        .map((e) => (e.value as { matcher: string }).matcher);
      expect(pre?.[0], host).toBe(shell);
      expect(JSON.stringify(keys?.entries), host).not.toMatch(/"if"|asyncRewake|"http"/);
      expect(
        notes.some(
          (n) =>
            n.item?.endsWith("hook:post-tool-use-1") &&
            /`if` condition|no post-tool-use hook event/.test(n.message),
        ),
        host,
      ).toBe(true);
    }
  });

  it("Continue runs a plugin's http hooks (cn runs command and http handlers) and refuses its prompt hooks", () => {
    const { desired, notes } = render("continue");
    const keys = desired.find(
      (d): d is DesiredKeys => d.type === "keys" && d.path === ".continue/settings.json",
    );
    const entries = (ev: string) => keys?.entries.filter((e) => e.key[1] === ev).map((e) => e.value) ?? [];
    expect(entries("SessionEnd")).toEqual([
      { hooks: [{ type: "http", url: "http://127.0.0.1:9/guardian" }] },
    ]);
    expect(entries("Stop")).toEqual([]);
    expect(notes.find((n) => n.item?.endsWith("hook:stop-1"))?.message).toMatch(
      /a prompt hook, and this host runs only command and http hooks/,
    );
  });

  it("cadre info says what sync does: a hook a host refuses is `none` there, with the reason", () => {
    const rows = (name: string) => {
      const item = packItems.find((i) => i.kind === "hook" && i.name === name) as Item;
      return new Map(hostSupport(item).map((r) => [r.host, r]));
    };
    // The PostToolUse hook has an `if` condition: Claude Code runs it, Copilot and Codex refuse it.
    const post = rows("post-tool-use-1");
    expect(post.get("claude-code")?.support).toBe("native");
    expect(post.get("copilot")).toMatchObject({
      support: "none",
      note: expect.stringContaining("`if` condition"),
    });
    expect(post.get("codex")).toMatchObject({
      support: "none",
      note: expect.stringMatching(/^not installed: /),
    });
    // The PreToolUse hook with a matcher is installed on Copilot, filtered by cadre hook.
    expect(rows("pre-tool-use-1").get("copilot")?.support).toBe("native");
    // A notification hook on a host without that event.
    expect(rows("notification-1").get("codex")).toMatchObject({ support: "none" });
  });

  it("at user scope the command names the scripts by absolute path", () => {
    const { desired } = render("claude-code", "user");
    const keys = desired.find((d): d is DesiredKeys => d.type === "keys");
    const pre = keys?.entries.find((e) => e.key[1] === "PreToolUse")?.value as {
      hooks: Array<{ command: string }>;
    };
    expect(pre.hooks[0]?.command).toContain(`"/home/u/.claude/hooks/guardian/hooks/check.sh"`);
  });

  it("gives each plugin of a marketplace its own scripts folder", () => {
    const meta = { handler: { command: "x", root: "plugins/hookify" } };
    expect(hookPlace("claude-code", ".claude/settings.json", { pack: "market", meta })).toEqual({
      dir: ".claude/hooks/market/hookify",
      base: "$CLAUDE_PROJECT_DIR/.claude/hooks/market/hookify",
    });
    expect(
      hookPlace("codex", ".codex/config.toml", {
        pack: "market",
        meta: { handler: { command: "x", root: "" } },
      }).base,
    ).toBe("./.codex/hooks/market");
    // Under ~/.config the host's folder is the second level (Crush, Kilo Code at user scope), never
    // ~/.config/hooks, which no host owns.
    expect(
      hookPlace(
        "crush",
        ".config/crush/crush.json",
        { pack: "p", meta: { handler: { command: "x", root: "" } } },
        "/h",
      ).dir,
    ).toBe(".config/crush/hooks/p");
    // A config at the project root (Crush's crush.json) keeps scripts in the host's own folder.
    expect(
      hookPlace("crush", "crush.json", { pack: "p", meta: { handler: { command: "x", root: "" } } }).dir,
    ).toBe(".crush/hooks/p");
  });

  it("rewrites both spellings of the variable, quoting only where the author did not", () => {
    expect(rewritePluginRoot(`python3 \${CLAUDE_PLUGIN_ROOT}/a.py && $CLAUDE_PLUGIN_ROOT/b`, "/r")).toBe(
      `CLAUDE_PLUGIN_ROOT="/r" python3 "/r"/a.py && "/r"/b`,
    );
    expect(rewritePluginRoot(`bash "\${CLAUDE_PLUGIN_ROOT}/x.sh" "\${CLAUDE_PLUGIN_ROOT}/y.py"`, "/r")).toBe(
      `CLAUDE_PLUGIN_ROOT="/r" bash "/r/x.sh" "/r/y.py"`,
    );
  });
});
