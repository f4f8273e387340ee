import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { pythonWith, runPython } from "./python.js";

const SCRIPT = resolve("library/skills/mapping-personal-data-in-a-codebase/scripts/find_pii.py");

describe("mapping-personal-data-in-a-codebase: scripts/find_pii.py", () => {
  const py = pythonWith([]);

  it("reports emails, phones, valid IBANs and Luhn-valid cards as file:line, masked", () => {
    const dir = mkdtempSync(join(tmpdir(), "find-pii-"));
    writeFileSync(
      join(dir, "seed.py"),
      [
        'SUPPORT = "jane.doe@example.com"',
        'phone = "+44 20 7946 0958"',
        'iban = "GB82 WEST 1234 5698 7654 32"',
        'card = "4111 1111 1111 1111"',
        'not_a_card = "4111 1111 1111 1112"',
        'bad_iban = "GB00 WEST 1234 5698 7654 32"',
        "created_at = 1700000000123",
        "",
      ].join("\n"),
    );
    writeFileSync(join(dir, "blob.bin"), Buffer.from([0, 1, 2, 0x6a, 0x40, 0x78, 0x2e, 0x69, 0x6f]));
    const r = runPython(py, [SCRIPT, dir]);
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/seed\.py:1: email: ja\*+om$/);
    expect(lines[1]).toMatch(/seed\.py:2: phone: /);
    expect(lines[2]).toMatch(/seed\.py:3: iban: GB\*+32$/);
    expect(lines[3]).toMatch(/seed\.py:4: card: 41\*+11$/);
    expect(r.stdout).not.toContain("jane.doe@example.com");
    expect(r.stderr).toContain("4 finding(s)");
  });

  it("does not report dates, times, IP addresses or version numbers as phone numbers", () => {
    const dir = mkdtempSync(join(tmpdir(), "find-pii-"));
    writeFileSync(
      join(dir, "noise.txt"),
      [
        "created: 2026-12-03 14:32:10",
        'host = "192.168.100.200"',
        "version 10.2.3.4",
        "Support line: (415) 555-0100.",
        "",
      ].join("\n"),
    );
    const r = runPython(py, [SCRIPT, dir]);
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split("\n")).toEqual([expect.stringMatching(/noise\.txt:4: phone: /)]);
  });

  it("filters by --kinds and exits 0 when nothing matches", () => {
    const dir = mkdtempSync(join(tmpdir(), "find-pii-"));
    writeFileSync(join(dir, "a.txt"), "contact: ops@example.org\n");
    const only = runPython(py, [SCRIPT, "--kinds", "card", dir]);
    expect(only.status).toBe(0);
    expect(only.stdout).toBe("");
    const email = runPython(py, [SCRIPT, "--kinds", "email", join(dir, "a.txt")]);
    expect(email.status).toBe(1);
    expect(email.stdout).toContain("a.txt:1: email:");
  });

  it("exits 2 with a clear message on bad input", () => {
    const missing = runPython(py, [SCRIPT, join(tmpdir(), "no-such-dir-find-pii")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("no such file or directory");
    const kinds = runPython(py, [SCRIPT, "--kinds", "ssn", "."]);
    expect(kinds.status).toBe(2);
    expect(kinds.stderr).toContain("unknown kind(s): ssn");
  });
});
