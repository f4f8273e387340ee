/**
 * Fake credentials in the documented shapes, made at run time from a fixed seed so that no token-shaped
 * string is committed (secret scanners would flag the repository). None of them is or was ever valid.
 */
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ALNUM = `${UPPER}abcdefghijklmnopqrstuvwxyz0123456789`;

/** A deterministic "random" string (a linear congruential generator; its low bits are not random). */
export function fake(n: number, alphabet = ALNUM, seed = 7): string {
  let x = seed;
  let out = "";
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += alphabet[(x >>> 12) % alphabet.length];
  }
  return out;
}

const b64 = `${ALNUM}+/`;

/** One fake secret per shape the rule knows, keyed by a label. */
export const SECRETS: Record<string, string> = {
  aws: `AKIA${fake(16, `${UPPER}234567`, 1)}`,
  github: `ghp_${fake(36, ALNUM, 2)}`,
  githubFine: `github_pat_${fake(22, ALNUM, 3)}_${fake(59, ALNUM, 4)}`,
  gitlab: `glpat-${fake(20, ALNUM, 5)}`,
  slackBot: `xoxb-${fake(11, "0123456789", 6)}-${fake(12, "0123456789", 7)}-${fake(24, ALNUM, 8)}`,
  slackUser: `xoxp-${fake(11, "0123456789", 9)}-${fake(12, "0123456789", 10)}-${fake(32, ALNUM, 11)}`,
  stripe: `sk_live_${fake(24, ALNUM, 12)}`,
  google: `AIza${fake(35, ALNUM, 13)}`,
  npm: `npm_${fake(36, ALNUM, 14)}`,
  password: fake(24, `${ALNUM}!#%`, 15),
};

/** A PEM private key block with a body of fake key material. */
export function privateKey(kind = "RSA "): string {
  const lines = Array.from({ length: 4 }, (_, i) => fake(64, b64, 20 + i));
  return `-----BEGIN ${kind}PRIVATE KEY-----\n${lines.join("\n")}\n-----END ${kind}PRIVATE KEY-----\n`;
}
