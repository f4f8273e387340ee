import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadPack } from "../sources/load.js";
import { claudeHookItems } from "./claude-hooks.js";
import { HookSchema } from "./kinds.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, "..", "..", "test", "fixtures", "plugin-hooks");

describe("Claude plugin hooks.json", () => {
  it("loads every handler of every Claude event with its matcher, if, timeout and other keys", async () => {
    const pack = await loadPack(fixture, { cwd: here });
    const hooks = pack.items.filter((i) => i.kind === "hook");
    const byEvent = (e: string) => hooks.filter((h) => h.meta.event === e);
    expect(hooks.map((h) => h.meta.event).sort()).toEqual(
      [
        "notification",
        "post-tool-use",
        "pre-tool-use",
        "pre-tool-use",
        "session-end",
        "session-start",
        "stop",
        "user-prompt-expansion",
      ].sort(),
    );
    for (const h of hooks) expect(HookSchema.safeParse(h.meta).success, h.name).toBe(true);
    // one command on two matchers stays two hooks
    expect(byEvent("pre-tool-use").map((h) => h.meta.matcher)).toEqual([["Bash"], ["Edit", "Write"]]);
    expect(byEvent("pre-tool-use").map((h) => (h.meta.handler as { timeout?: number }).timeout)).toEqual([
      5, 5,
    ]);
    expect(byEvent("session-start")[0]?.meta.matcher).toEqual(["startup", "resume"]);
    // a regex matcher is one term, never split at its characters
    expect(byEvent("user-prompt-expansion")[0]?.meta.matcher).toEqual(["^guardian:scan$"]);
    expect(byEvent("post-tool-use")[0]?.meta.handler).toMatchObject({
      if: "Bash(git commit:*)",
      claude: { asyncRewake: true },
      root: "",
    });
    expect(byEvent("stop")[0]?.meta.handler).toEqual({
      claude: { type: "prompt", prompt: "Are all of the user's tasks done? $ARGUMENTS", timeout: 20 },
    });
    expect(byEvent("session-end")[0]?.meta.handler).toMatchObject({ claude: { type: "http" } });
    // the scripts the commands run (and what they source) belong to the hook; the plugin's documents do not
    expect(byEvent("pre-tool-use")[0]?.files).toEqual([
      "hooks/hooks.json",
      "hooks/check.sh",
      "lib/common.sh",
    ]);
    expect(pack.diagnostics.filter((d) => d.file?.includes("hooks.json"))).toEqual([]);
  });

  it("names an unknown event and a handler type Claude does not have, and keeps the rest", () => {
    const text = JSON.stringify({
      hooks: {
        Bogus: [{ hooks: [{ type: "command", command: "x" }] }],
        Stop: [{ hooks: [{ type: "wat" }, { type: "command", command: "y" }] }],
      },
    });
    const r = claudeHookItems(text, "plugins/p/hooks/hooks.json", [
      "plugins/p/hooks/hooks.json",
      "plugins/p/README.md",
    ]);
    expect(r.items.map((i) => i.meta.handler)).toEqual([{ command: "y" }]);
    expect(r.diagnostics.map((d) => d.rule)).toEqual(["hook/unknown-event", "hook/unsupported"]);
  });

  it("finds the plugin root of a hooks file inside a marketplace", () => {
    const r = claudeHookItems(
      JSON.stringify({
        hooks: {
          Stop: [{ hooks: [{ type: "command", command: `bash ${"$"}{CLAUDE_PLUGIN_ROOT}/s/a.sh` }] }],
        },
      }),
      "plugins/p/hooks/hooks.json",
      [
        "plugins/p/hooks/hooks.json",
        "plugins/p/s/a.sh",
        "plugins/p/agents/x.md",
        "plugins/q/s/b.sh",
        "plugins/p/NOTES.md",
      ],
    );
    expect(r.items[0]?.meta.handler).toMatchObject({ root: "plugins/p" });
    // named after its plugin, so two plugins' Stop hooks in one marketplace never collide
    expect(r.items[0]?.name).toBe("p-stop-1");
    expect(r.items[0]?.files).toEqual(["plugins/p/hooks/hooks.json", "plugins/p/s/a.sh"]);
  });
});
