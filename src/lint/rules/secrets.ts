import { positionAt } from "../../core/diagnostics.js";
import type { Item, Pack } from "../../model/item.js";
import type { Finding, LintRule } from "../types.js";

/**
 * Secrets committed into a pack: credentials in the documented shapes of the big providers, private key
 * blocks with a body, and long random-looking values assigned to a password/secret/token/key name. Placeholders
 * are not secrets: any value containing EXAMPLE (AWS's documented keys) or spelling what it is (`test`, `password`,
 * `secret`, `token`, `0123456789`), a value of one repeated character or
 * with too little entropy (`ghp_xxxx…`), references (`${TOKEN}`, `$TOKEN`, `{{ token }}`, `<token>`,
 * `process.env.X`) and dotted names (`config.apiKey`). The message shows only the secret's prefix.
 */
interface Shape {
  what: string;
  re: RegExp;
  /** How many leading characters the message may show. */
  show: number;
}

const SHAPES: Shape[] = [
  { what: "AWS access key ID", re: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g, show: 4 },
  { what: "GitHub token", re: /\bgh[pousr]_[A-Za-z0-9]{36,255}\b/g, show: 4 },
  { what: "GitHub fine-grained token", re: /\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b/g, show: 11 },
  { what: "GitLab token", re: /\bgl(?:pat|dt|rt|ptt|cbt)-[A-Za-z0-9_-]{20,}/g, show: 6 },
  { what: "Slack token", re: /\bxox[abposr]-[0-9]{6,}-[0-9A-Za-z-]{8,}/g, show: 5 },
  {
    what: "Slack webhook URL",
    re: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/[A-Za-z0-9]{20,}/g,
    show: 32,
  },
  { what: "Stripe secret key", re: /\b[sr]k_live_[0-9A-Za-z]{20,}\b/g, show: 8 },
  { what: "Google API key", re: /\bAIza[0-9A-Za-z_-]{35}\b/g, show: 4 },
  { what: "npm token", re: /\bnpm_[A-Za-z0-9]{36}\b/g, show: 4 },
  { what: "Anthropic API key", re: /\bsk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{80,}/g, show: 7 },
  {
    what: "OpenAI API key",
    re: /\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}/g,
    show: 3,
  },
];

/** A PEM private key with at least one full line of key material after the header. */
const PRIVATE_KEY =
  /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----\r?\n(?:[A-Za-z0-9-]+: [^\n]*\r?\n)*(?:\r?\n)?[A-Za-z0-9+/=]{40,}\r?\n/g;

const NAME =
  "(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key|client[_-]?secret|auth[_-]?token|credentials?)";
/** `name = "value"`, `name: value`, `"name": "value"`, `NAME=value`, in any case, with a prefix (`db_password`). */
const ASSIGN = new RegExp(
  `${NAME}[A-Za-z0-9_-]*["']?\\s*[:=]\\s*(["'\`]?)([A-Za-z0-9+/=_.~!@#%^&*-]{16,})\\1(?=[\\s,;})\\]]|$)`,
  "gi",
);
/** The whole key name around a match of NAME (`db_password`, `GITHUB_TOKEN`). */
function keyName(text: string, index: number, match: string): string {
  let i = index;
  while (i > 0 && /[A-Za-z0-9_.-]/.test(text[i - 1] as string)) i--;
  return text.slice(i, index) + (/^[^"':=\s]+/.exec(match)?.[0] ?? "");
}

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

/** A documented example, a run of one character, or too regular to be random. */
function placeholder(value: string, body = value): boolean {
  return /example/i.test(value) || /^(.)\1*$/.test(body) || entropy(body) < 3;
}

/** A value that looks random: long, letters and digits, high entropy, not a name or a reference. */
function randomLooking(v: string): boolean {
  if (!/[0-9]/.test(v) || !/[A-Za-z]/.test(v)) return false;
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(v)) return false; // config.apiKey2
  if (/^[a-z0-9]+(?:[_-][a-z0-9]+)+$/.test(v) && !/[0-9]{4}/.test(v)) return false; // kebab-or_snake-names
  if (/(?:x{4}|\*{3}|\.{3}|changeme|your[_-]|placeholder|dummy|redacted|sample|fake)/i.test(v)) return false;
  // Made-up values in docs and tests spell what they are (`WrongPassword123`, `testtoken-0123…abcdef`).
  if (/(?:test|wrong|passw|secret|token|demo|admin|default|qwerty|letmein|0123456789|abcdef|123456)/i.test(v))
    return false;
  return !placeholder(v) && entropy(v) >= 3.5;
}

const mask = (s: string, show: number) =>
  `"${s.slice(0, Math.min(show, s.length - 8))}…" (${s.length} characters)`;

/** The secrets in one file's text, with line and column. Pure. */
export function findSecrets(path: string, text: string, limit = 10): Finding[] {
  const out: Finding[] = [];
  const at = (index: number, message: string) => {
    if (out.length < limit) out.push({ message, path, ...positionAt(text, index) });
  };
  /** Spans already reported as a typed credential, so an assignment of one is not reported twice. */
  const spans: Array<[number, number]> = [];
  for (const s of SHAPES)
    for (const m of text.matchAll(s.re)) {
      const body = m[0].slice(s.show);
      spans.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
      if (!placeholder(m[0], body)) at(m.index ?? 0, `${s.what} ${mask(m[0], s.show)}`);
    }
  for (const m of text.matchAll(PRIVATE_KEY)) at(m.index ?? 0, `${m[1]?.toLowerCase()} block`);
  if (!/(^|\/)[^/]*lock[^/]*$|\.lock$/i.test(path))
    for (const m of text.matchAll(ASSIGN)) {
      const value = m[2] as string;
      const start = (m.index ?? 0) + m[0].lastIndexOf(value);
      if (spans.some(([a, b]) => start < b && a < start + value.length)) continue;
      if (randomLooking(value))
        at(start, `high-entropy value assigned to ${keyName(text, m.index ?? 0, m[0])} ${mask(value, 3)}`);
    }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** Every text of a pack, once: item files and the other text files the loader kept. */
export function packTexts(pack: Pack, items: readonly Item[] = pack.items): Array<[string, string]> {
  const seen = new Map<string, string>();
  for (const it of items) {
    seen.set(it.path, it.text);
    for (const f of it.files) {
      const t = pack.texts.get(f);
      if (t !== undefined) seen.set(f, t);
    }
  }
  if (items === pack.items) for (const [f, t] of pack.texts) if (!seen.has(f)) seen.set(f, t);
  return [...seen];
}

export const secretRules: LintRule[] = [
  {
    id: "security/secret",
    severity: "error",
    description:
      "No credentials in any pack file: AWS keys, GitHub/GitLab/Slack/Stripe/Google/npm/OpenAI/Anthropic tokens, private key blocks, high-entropy values assigned to password/secret/token/key names. Consequence: cadre would copy the secret into every host's folder, so `cadre add` refuses the item.",
    hint: "remove the secret and rotate it (it is in the pack's history); read it from the environment instead (e.g. $TOKEN)",
    pack: (pack) =>
      packTexts(pack).flatMap(([path, text]) => findSecrets(path, text).map((f) => ({ ...f, path }))),
  },
];
