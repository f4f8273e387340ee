import { describe, expect, it } from "vitest";
import { parseWazirManifest, planWazir, WAZIR_MANIFEST } from "./import-wazir.js";

const enc = new TextEncoder();
const dec = new TextDecoder();
const file = (path: string, text: string) => ({ path, content: enc.encode(text) });
const manifest = [
  "manifest_version: 2",
  "project:",
  "  name: Ledger Service",
  "paths:",
  "  roles: team/roles",
  "  workflows: workflows/",
  "hosts: [claude, codex, zed]",
  "roles: [reviewer, designer]",
  "workflows: [spec_challenge]",
  "protected_paths: [input, schemas, wazir.manifest.yaml]",
  "",
].join("\n");

describe("Wazir's manifest", () => {
  it("reads hosts, roles, workflows, protected paths and the content folders", () => {
    const m = parseWazirManifest(manifest);
    expect(m).toMatchObject({
      name: "Ledger Service",
      hosts: ["claude", "codex", "zed"],
      roles: ["reviewer", "designer"],
      workflows: ["spec_challenge"],
      protectedPaths: ["input", "schemas", "wazir.manifest.yaml"],
      paths: { roles: "team/roles", workflows: "workflows", expertise: "expertise" },
    });
  });

  it("names the file and line of a YAML error or a wrong shape", () => {
    expect(() => parseWazirManifest("hosts: [claude\nroles: []\n")).toThrow(`${WAZIR_MANIFEST}:`);
    expect(() => parseWazirManifest("manifest_version: 2\nroles: reviewer\n")).toThrow(
      `${WAZIR_MANIFEST}:2: "roles" must be a list of names`,
    );
    expect(() => parseWazirManifest("roles: [../../etc]\n")).toThrow("is not a file name");
  });
});

describe("a Wazir repository converted to a pack", () => {
  const m = parseWazirManifest(manifest);
  const p = planWazir(m, [
    file("team/roles/reviewer.md", "# Reviewer\n\nScore the change. Findings worst first.\n"),
    file("workflows/spec-challenge.md", "---\nold: front\n---\n# Spec challenge\n\nAttack the spec.\n"),
    file("expertise/backend/idempotency.md", "# Idempotent requests\n\nStore each outcome by key.\n"),
    file("expertise/README.md", "# About\n"),
  ]);
  const text = (path: string) => dec.decode(p.files.find((f) => f.path === path)?.content);

  it("gives roles, workflows and expertise the frontmatter cadre reads, keeping the body", () => {
    expect(p.files.map((f) => f.path).sort()).toEqual([
      "agents/reviewer.md",
      "cadre-pack.yaml",
      "commands/spec-challenge.md",
      "expertise/backend-idempotency.md",
      "hooks/wazir-protected-paths.yaml",
    ]);
    expect(text("agents/reviewer.md")).toBe(
      '---\nname: "reviewer"\ndescription: "Score the change. Findings worst first."\n---\n\n# Reviewer\n\nScore the change. Findings worst first.\n',
    );
    expect(text("commands/spec-challenge.md")).toMatch(
      /^---\nname: "spec-challenge"\ndescription: "Attack the spec."\n---\n\n# Spec/,
    );
    expect(text("expertise/backend-idempotency.md")).toContain('domain: "backend"');
    expect(text("cadre-pack.yaml")).toContain('name: "ledger-service"');
    expect(p.name).toBe("ledger-service");
  });

  it("maps the hosts, guards the protected paths, and reports what it cannot carry over", () => {
    expect(p.hosts).toEqual(["claude-code", "codex"]);
    expect(text("hooks/wazir-protected-paths.yaml")).toContain(
      'paths: ["input/","schemas/","wazir.manifest.yaml"]',
    );
    expect(p.skipped).toEqual([
      { path: WAZIR_MANIFEST, reason: 'host "zed" has no cadre host; left out' },
      { path: "team/roles/designer.md", reason: `listed in ${WAZIR_MANIFEST} but missing` },
    ]);
  });
});
