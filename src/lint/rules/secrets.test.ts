import { describe, expect, it } from "vitest";
import { fake, privateKey, SECRETS } from "../../../test/helpers/secrets.js";
import { findSecrets } from "./secrets.js";

const hits = (text: string, path = "skills/s/SKILL.md") => findSecrets(path, text);

describe("findSecrets: credentials in their documented shapes", () => {
  const cases: Array<[string, string, RegExp]> = [
    [
      "AWS access key ID",
      `aws_access_key_id = ${SECRETS.aws}`,
      /AWS access key ID "AKIA…" \(20 characters\)/,
    ],
    ["GitHub classic token", `export GH=${SECRETS.github}`, /GitHub token "ghp_…"/],
    ["GitHub fine-grained token", `token: ${SECRETS.githubFine}`, /GitHub fine-grained token "github_pat_…"/],
    ["GitLab token", `GITLAB=${SECRETS.gitlab}`, /GitLab token "glpat-…"/],
    ["Slack bot token", `SLACK_BOT=${SECRETS.slackBot}`, /Slack token "xoxb-…"/],
    ["Slack user token", `"slack": "${SECRETS.slackUser}"`, /Slack token "xoxp-…"/],
    ["Stripe key", `STRIPE=${SECRETS.stripe}`, /Stripe secret key "sk_live_…"/],
    ["Google API key", `key=${SECRETS.google}`, /Google API key "AIza…"/],
    ["npm token", `//registry.npmjs.org/:_authToken=${SECRETS.npm}`, /npm token "npm_…"/],
    ["RSA private key", privateKey(), /rsa private key block/],
    ["OpenSSH private key", privateKey("OPENSSH "), /openssh private key block/],
    ["PEM private key", privateKey(""), /^private key block/],
    ["password assignment", `password = "${SECRETS.password}"`, /high-entropy value assigned to password "/],
    ["YAML secret", `  client_secret: ${SECRETS.password}`, /assigned to client_secret/],
    ["JSON api key", `{"apiKey": "${fake(32, "0123456789abcdef", 30)}"}`, /assigned to apiKey/],
    ["env file", `API_TOKEN=${fake(40, "ABCDEFGHabcdefgh0123456789", 31)}\n`, /assigned to API_TOKEN/],
  ];
  for (const [what, text, message] of cases)
    it(`finds a ${what}, masked`, () => {
      const found = hits(`Intro line.\n${text}\n`);
      expect(found.map((f) => f.message)).toEqual([expect.stringMatching(message)]);
      expect(found[0]?.line).toBe(2);
      for (const s of Object.values(SECRETS)) expect(found[0]?.message).not.toContain(s);
    });

  it("reports the line and column of each secret", () => {
    const text = `a\nb\n  GH=${SECRETS.github}\n`;
    expect(hits(text)[0]).toMatchObject({ line: 3, column: 6, path: "skills/s/SKILL.md" });
  });
});

describe("findSecrets: what is not a secret", () => {
  const quiet: Array<[string, string, string?]> = [
    [
      "AWS's documented example keys",
      "AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    ],
    ["placeholder tokens", `ghp_${"x".repeat(36)} glpat-${"0".repeat(20)} xoxb-000000-XXXXXXXXXXXX`],
    [
      "references",
      `token = "\${GITHUB_TOKEN}"\npassword: $DB_PASSWORD\napi_key: {{ secrets.API_KEY }}\nsecret=<your-secret>`,
    ],
    [
      "code reading a secret",
      "const token = process.env.GITHUB_TOKEN;\napi_key = config.apiKey2\npassword = os.environ['PW']",
    ],
    ["short or plain words", 'password = "hunter2"\ntoken: abc\nsecret_key: use-the-vault-instead-of-this'],
    [
      "placeholder words",
      "password = your_password_here_123\napi_key = changeme-1234567890\ntoken=xxxx-xxxx-xxxx-1234",
    ],
    [
      "a header in prose",
      "Never commit a file that starts with `-----BEGIN RSA PRIVATE KEY-----`.\n-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END PRIVATE KEY-----",
    ],
    [
      "hashes in a lock file",
      `"token-cache": {\n  "secret": "sha512-${fake(86, "ABCDEFabcdef0123456789+/", 40)}"\n}`,
      "package-lock.json",
    ],
    ["an image as base64", `logo: data:image/png;base64,${fake(120, "ABCDEFGHabcdefgh0123456789+/", 41)}`],
    ["a git commit hash", `commit: ${fake(40, "0123456789abcdef", 42)}`],
    ["kebab names", "secret-name: my-app-production-database-credentials"],
  ];
  for (const [what, text, path] of quiet)
    it(`is quiet on ${what}`, () => {
      expect(hits(text, path)).toEqual([]);
    });
});

describe("made-up values in docs and tests (seen in real packs)", () => {
  it("values that spell what they are are not secrets; a random value still is", () => {
    const text = [
      "- Password: WrongPassword123",
      "  password: 'securepassword123'",
      "const TOKEN = 'testtoken-0123456789abcdef0123456789abcdef';",
      "api_key = 'q8Zr2LmX7vTn4KpW9sYb3Hc'",
    ].join("\n");
    expect(findSecrets("notes.md", text).map((f) => f.line)).toEqual([4]);
  });
});
