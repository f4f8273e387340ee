import { describe, expect, it } from "vitest";
import { BUILTIN_COMMANDS, builtinHosts, builtinRename } from "./builtins.js";
import type { HostDef } from "./define.js";
import { HOST_IDS, HOSTS } from "./registry.js";

const withBuiltins = HOST_IDS.map((id) => HOSTS[id] as HostDef).filter((h) => h.builtins);

describe("hosts' built-in commands (#17 item 4)", () => {
  it("are listed for the seven hosts checked, as sorted kebab-case names with a source and a date", () => {
    expect(withBuiltins.map((h) => h.id).sort()).toEqual(
      ["claude-code", "codex", "copilot", "cursor", "gemini-cli", "opencode", "qwen-code"].sort(),
    );
    for (const h of withBuiltins) {
      const names = h.builtins?.commands ?? [];
      expect(names, h.id).toEqual([...new Set(names)].sort());
      for (const n of names) expect(n, h.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(h.builtins?.source, h.id).toMatch(/\S/);
      expect(h.builtins?.checked, h.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("include the collisions the issue names: /review and /plan in Claude Code, /review in Codex", () => {
    const ids = (n: string) => (BUILTIN_COMMANDS.get(n) ?? []).map((h) => h.id);
    expect(ids("review")).toEqual(expect.arrayContaining(["claude-code", "codex", "opencode", "copilot"]));
    expect(ids("plan")).toEqual(expect.arrayContaining(["claude-code", "gemini-cli", "cursor"]));
  });

  it("rename only the kinds hosts invoke as /name", () => {
    expect(builtinRename({ kind: "command", name: "review", pack: "acme" })?.to).toBe("acme-review");
    expect(builtinRename({ kind: "skill", name: "init", pack: "acme" })?.to).toBe("acme-init");
    expect(builtinRename({ kind: "agent", name: "review", pack: "acme" })).toBeUndefined();
    expect(builtinRename({ kind: "command", name: "triage", pack: "acme" })).toBeUndefined();
    expect(builtinHosts("rule", "plan")).toEqual([]);
    expect(builtinHosts("rule", "plan", "glob")).toEqual([]);
  });

  it("rename a rule that a host installs as a skill or command (model or manual activation)", () => {
    // Claude Code installs a rule without paths as a skill, so a rule named `plan` would be /plan there.
    const claudeAs = HOSTS["claude-code"].targets.rule?.activationAs ?? {};
    expect(claudeAs).toMatchObject({ model: "skill", manual: "skill" });
    for (const activation of ["model", "manual"]) {
      const hosts = builtinHosts("rule", "plan", activation).map((h) => h.id);
      expect(hosts, activation).toContain("claude-code");
      expect(builtinRename({ kind: "rule", name: "plan", pack: "acme", meta: { activation } })?.to).toBe(
        "acme-plan",
      );
    }
    expect(
      builtinRename({ kind: "rule", name: "plan", pack: "acme", meta: { activation: "always" } }),
    ).toBeUndefined();
  });
});
