import { describe, expect, it } from "vitest";
import type { Item } from "../model/item.js";
import { renderAll } from "../render/compose.js";
import { parseConfigText } from "./config.js";
import type { Layout } from "./layout.js";
import { hostsOf } from "./project.js";

const command: Item = {
  id: "command:ship",
  kind: "command",
  name: "ship",
  pack: "p",
  path: "commands/ship.md",
  meta: { name: "ship", description: "Ship it." },
  body: "Ship $ARGUMENTS.\n",
  bodyLine: 4,
  text: "---\nname: ship\ndescription: Ship it.\n---\nShip $ARGUMENTS.\n",
  description: "Ship it.",
  tags: [],
  files: ["commands/ship.md"],
  hash: "h",
  tokens: 5,
};
const layout = { scope: "project", root: "/p", hostEnv: { home: "/home/u" } } as unknown as Layout;
const env = { scope: "project" as const, home: "/home/u" };

async function render(yaml: string) {
  const hosts = await hostsOf(parseConfigText(yaml, "cadre.yaml"), layout);
  return renderAll([{ item: command }], hosts, env).desired;
}

describe("host options in cadre.yaml (issue 11 item 10)", () => {
  it("writes a Copilot command as a skill the model does not invoke, and a prompt file only on request", async () => {
    const skill = (await render("hosts: [copilot]\n")).find((d) => d.path === ".github/skills/ship/SKILL.md");
    expect(skill?.type === "file" && skill.content).toContain("disable-model-invocation: true");
    const asked = await render("hosts: [copilot]\noverrides:\n  copilot:\n    options: [prompt-files]\n");
    expect(asked.map((d) => d.path)).toEqual([".github/prompts/ship.prompt.md"]);
  });

  it("names the file, line and the host's options for an unknown option", async () => {
    await expect(
      render("hosts: [copilot]\noverrides:\n  copilot:\n    options: [prompts]\n"),
    ).rejects.toThrow(/cadre\.yaml:4:\d+: GitHub Copilot has no option "prompts"/);
  });
});

describe("former host ids (issue 11 item 12: Windsurf is now Devin Desktop)", () => {
  it("reads windsurf in hosts and overrides as devin", async () => {
    const hosts = await hostsOf(
      parseConfigText("hosts: [windsurf, devin]\noverrides:\n  windsurf:\n    exclude: []\n", "cadre.yaml"),
      layout,
    );
    expect(hosts.map((h) => h.id)).toEqual(["devin"]);
    const desired = renderAll([{ item: command }], hosts, env).desired;
    expect(desired.map((d) => d.path)).toEqual([".windsurf/workflows/ship.md"]);
  });
});
