/**
 * Stack detection as data: one table of rules, each naming a stack of the composition map and what in the
 * project's files shows it. Pure: the caller lists the project's files and reads the ones `wantsContent`
 * asks for (app/detect.ts does it, bounded); `detectStacks` matches the table against them.
 */

/** One project file as the matcher sees it: its root-relative path and, when read, its text. */
export interface ProjectFile {
  path: string;
  /** Undefined when not read (not wanted, too big, binary, a link). */
  text?: string;
}

/**
 * A detection rule. `file` matches the root-relative path (posix). Then, at most one of:
 * - `deps`: dependency names looked up in a JSON manifest (package.json, composer.json: `dependencies`,
 *   `devDependencies`, `peerDependencies`, `optionalDependencies`, `require`, `require-dev`); a name ending in
 *   `*` matches by prefix (`@aws-sdk/*`);
 * - `text`: a regular expression over the file's text (the matched line is the evidence);
 * - neither: the file's presence is the evidence.
 */
export interface DetectRule {
  stack: string;
  file: RegExp;
  deps?: string[];
  text?: RegExp;
}

/** Why a stack was detected: the rule's file and what in it matched. */
export interface Evidence {
  path: string;
  detail: string;
}

export interface DetectedStack {
  stack: string;
  evidence: Evidence[];
}

const PKG = /(^|\/)package\.json$/;
const COMPOSER = /(^|\/)composer\.json$/;
const PY = /(^|\/)(pyproject\.toml|requirements[^/]*\.txt|Pipfile|setup\.py|setup\.cfg)$/;
const GEMFILE = /(^|\/)Gemfile$/;
const GOMOD = /(^|\/)go\.mod$/;
const GRADLE = /(^|\/)build\.gradle(\.kts)?$/;
const MAVEN = /(^|\/)pom\.xml$/;
const COMPOSE_FILE = /(^|\/)(docker-)?compose(\.[\w-]+)?\.ya?ml$/;
const TF = /\.tf$/;
const YAML = /\.ya?ml$/;

/** A Python requirement line or pyproject/Pipfile entry naming the package. */
function py(name: string): RegExp {
  const n = /^[\w-]+$/.test(name) ? name.replace(/[-_]/g, "[-_]") : name;
  return new RegExp(`(^|["'\\s])${n}\\s*(\\[[^\\]]*\\])?\\s*([<>=~!;"',]|$)`, "im");
}

function gem(name: string): RegExp {
  return new RegExp(`^\\s*gem\\s+["']${name}["']`, "m");
}

/**
 * The rules, most specific first within each family. The order is the order of `detectStacks`'s result
 * (frameworks before their language, data stores, then infrastructure), which is the stacks' priority when
 * a composition is over budget.
 */
export const DETECT_RULES: readonly DetectRule[] = [
  // JavaScript and TypeScript frameworks
  { stack: "next", file: PKG, deps: ["next"] },
  { stack: "next", file: /(^|\/)next\.config\.(js|mjs|cjs|ts)$/ },
  { stack: "electron", file: PKG, deps: ["electron"] },
  { stack: "react-native", file: PKG, deps: ["react-native", "expo"] },
  { stack: "react", file: PKG, deps: ["react", "react-dom"] },
  { stack: "vue", file: PKG, deps: ["vue", "nuxt"] },
  { stack: "angular", file: PKG, deps: ["@angular/core"] },
  { stack: "angular", file: /(^|\/)angular\.json$/ },
  { stack: "svelte", file: PKG, deps: ["svelte", "@sveltejs/kit"] },
  { stack: "nestjs", file: PKG, deps: ["@nestjs/core"] },
  { stack: "express", file: PKG, deps: ["express"] },
  { stack: "fastify", file: PKG, deps: ["fastify"] },
  // Python frameworks
  { stack: "django", file: PY, text: py("django") },
  { stack: "django", file: /(^|\/)manage\.py$/, text: /DJANGO_SETTINGS_MODULE/ },
  { stack: "fastapi", file: PY, text: py("fastapi") },
  { stack: "flask", file: PY, text: py("flask") },
  // Ruby, PHP, mobile
  { stack: "rails", file: GEMFILE, text: gem("rails") },
  { stack: "laravel", file: COMPOSER, deps: ["laravel/framework"] },
  { stack: "symfony", file: COMPOSER, deps: ["symfony/framework-bundle", "symfony/*"] },
  { stack: "flutter", file: /(^|\/)pubspec\.yaml$/, text: /^\s*flutter\s*:/m },
  { stack: "android", file: /(^|\/)AndroidManifest\.xml$/ },
  { stack: "android", file: GRADLE, text: /com\.android\.(application|library)/ },
  { stack: "ios", file: /\.xcodeproj\/project\.pbxproj$/ },
  { stack: "ios", file: /(^|\/)Podfile$/, text: /^\s*platform\s+:ios/m },
  // Firmware: PlatformIO, Arduino sketches, Zephyr/west, ESP-IDF and Pico SDK builds, embedded Rust
  { stack: "embedded", file: /(^|\/)(platformio\.ini|west\.yml|memory\.x)$|\.ino$/ },
  {
    stack: "embedded",
    file: /(^|\/)CMakeLists\.txt$/,
    text: /\b(idf_component_register|pico_sdk_init|find_package\(Zephyr)\b/,
  },
  {
    stack: "embedded",
    file: /(^|\/)Cargo\.toml$/,
    text: /^\s*(embedded-hal|cortex-m(-rt)?|esp-hal|embassy-[a-z]+|rp2040-hal)\s*=/m,
  },
  // Data stores
  { stack: "postgres", file: PKG, deps: ["pg", "postgres", "pg-promise", "@neondatabase/serverless"] },
  { stack: "postgres", file: PY, text: py("psycopg2?(-binary)?") },
  { stack: "postgres", file: GOMOD, text: /github\.com\/(jackc\/pgx|lib\/pq)/ },
  { stack: "postgres", file: GEMFILE, text: gem("pg") },
  { stack: "postgres", file: /(^|\/)schema\.prisma$/, text: /provider\s*=\s*"postgresql"/ },
  { stack: "postgres", file: COMPOSE_FILE, text: /image:\s*["']?(postgres|postgis\/postgis)\b/ },
  { stack: "mongodb", file: PKG, deps: ["mongodb", "mongoose"] },
  { stack: "mongodb", file: PY, text: py("(pymongo|motor)") },
  { stack: "mongodb", file: COMPOSE_FILE, text: /image:\s*["']?mongo\b/ },
  { stack: "redis", file: PKG, deps: ["redis", "ioredis", "@upstash/redis"] },
  { stack: "redis", file: PY, text: py("redis") },
  { stack: "redis", file: COMPOSE_FILE, text: /image:\s*["']?redis\b/ },
  // Languages and runtimes
  { stack: "typescript", file: /(^|\/)tsconfig(\.[\w-]+)?\.json$/ },
  { stack: "typescript", file: PKG, deps: ["typescript"] },
  { stack: "node", file: PKG },
  { stack: "python", file: PY },
  { stack: "go", file: GOMOD },
  { stack: "rust", file: /(^|\/)Cargo\.toml$/ },
  { stack: "kotlin", file: GRADLE, text: /kotlin\(|org\.jetbrains\.kotlin/ },
  { stack: "java", file: MAVEN },
  { stack: "java", file: GRADLE },
  { stack: "dotnet", file: /\.(csproj|fsproj|sln)$/ },
  { stack: "ruby", file: GEMFILE },
  { stack: "php", file: COMPOSER },
  { stack: "swift", file: /(^|\/)Package\.swift$/ },
  { stack: "solidity", file: /\.sol$/ },
  { stack: "solidity", file: /(^|\/)(hardhat\.config\.(js|ts)|foundry\.toml)$/ },
  // Cloud and infrastructure
  { stack: "aws", file: PKG, deps: ["aws-sdk", "@aws-sdk/*", "aws-cdk-lib"] },
  { stack: "aws", file: PY, text: py("boto3") },
  { stack: "aws", file: TF, text: /provider\s+"aws"/ },
  { stack: "gcp", file: PKG, deps: ["@google-cloud/*", "firebase-admin"] },
  { stack: "gcp", file: PY, text: py("google-cloud-[a-z-]+") },
  { stack: "gcp", file: TF, text: /provider\s+"google"/ },
  { stack: "terraform", file: TF },
  { stack: "kubernetes", file: /(^|\/)(Chart\.yaml|kustomization\.ya?ml)$/ },
  {
    stack: "kubernetes",
    file: YAML,
    text: /^kind:\s*(Deployment|StatefulSet|DaemonSet|Service|Ingress|CronJob|ConfigMap)\s*$/m,
  },
  { stack: "docker", file: /(^|\/)([\w.-]+\.)?Dockerfile(\.[\w-]+)?$/ },
  { stack: "docker", file: COMPOSE_FILE },
  { stack: "github-actions", file: /^\.github\/workflows\/[^/]+\.ya?ml$/ },
];

/** Every stack a rule names (for lint: each must be a stack of the composition map). */
export function detectableStacks(rules: readonly DetectRule[] = DETECT_RULES): string[] {
  return [...new Set(rules.map((r) => r.stack))];
}

/** Whether the matcher needs the file's text (so the edge reads only these). */
export function wantsContent(path: string, rules: readonly DetectRule[] = DETECT_RULES): boolean {
  return rules.some((r) => (r.deps !== undefined || r.text !== undefined) && r.file.test(path));
}

/** Whether any rule looks at this path at all. */
export function isCandidate(path: string, rules: readonly DetectRule[] = DETECT_RULES): boolean {
  return rules.some((r) => r.file.test(path));
}

const DEP_KEYS = [
  "dependencies",
  "devDependencies",
  "peerDependencies",
  "optionalDependencies",
  "require",
  "require-dev",
];

/** name → version of every dependency a JSON manifest declares; undefined when it is not JSON. */
function manifestDeps(text: string): Map<string, string> | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  const out = new Map<string, string>();
  if (!v || typeof v !== "object") return out;
  for (const k of DEP_KEYS) {
    const block = (v as Record<string, unknown>)[k];
    if (block && typeof block === "object" && !Array.isArray(block))
      for (const [name, ver] of Object.entries(block)) if (!out.has(name)) out.set(name, String(ver));
  }
  return out;
}

function depMatches(
  deps: Map<string, string>,
  wanted: readonly string[],
): { name: string; ver: string } | undefined {
  for (const w of wanted) {
    if (w.endsWith("*")) {
      const prefix = w.slice(0, -1);
      const hit = [...deps.keys()].sort().find((n) => n.startsWith(prefix));
      if (hit) return { name: hit, ver: deps.get(hit) ?? "" };
    } else if (deps.has(w)) return { name: w, ver: deps.get(w) ?? "" };
  }
  return undefined;
}

function lineOf(text: string, index: number): { line: number; text: string } {
  const start = text.lastIndexOf("\n", index - 1) + 1;
  const end = text.indexOf("\n", index);
  const line = text.slice(0, index).split("\n").length;
  const t = text.slice(start, end < 0 ? undefined : end).trim();
  return { line, text: t.length > 80 ? `${t.slice(0, 77)}...` : t };
}

/** What one rule finds in one file, or undefined. */
export function matchRule(rule: DetectRule, f: ProjectFile): Evidence | undefined {
  if (!rule.file.test(f.path)) return undefined;
  if (rule.deps) {
    const deps = f.text === undefined ? undefined : manifestDeps(f.text);
    const hit = deps && depMatches(deps, rule.deps);
    return hit
      ? { path: f.path, detail: `depends on ${hit.name}${hit.ver ? ` ${hit.ver}` : ""}` }
      : undefined;
  }
  if (rule.text) {
    if (f.text === undefined) return undefined;
    const m = rule.text.exec(f.text);
    if (!m) return undefined;
    const at = lineOf(f.text, m.index + (m[0].startsWith("\n") ? 1 : 0));
    return { path: f.path, detail: `line ${at.line}: ${at.text}` };
  }
  return { path: f.path, detail: "file present" };
}

/** At most this many evidence entries per stack (a monorepo may have hundreds of package.json files). */
export const MAX_EVIDENCE = 5;

/**
 * The stacks the files show, in the table's order of first appearance, each with its evidence (files in
 * path order, at most MAX_EVIDENCE). Deterministic: the result depends only on the set of files.
 */
export function detectStacks(
  files: readonly ProjectFile[],
  rules: readonly DetectRule[] = DETECT_RULES,
): DetectedStack[] {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const found = new Map<string, Evidence[]>();
  for (const rule of rules) {
    for (const f of sorted) {
      const e = matchRule(rule, f);
      if (!e) continue;
      const list = found.get(rule.stack) ?? [];
      found.set(rule.stack, list);
      if (list.length < MAX_EVIDENCE && !list.some((x) => x.path === e.path && x.detail === e.detail))
        list.push(e);
    }
  }
  return [...found].map(([stack, evidence]) => ({ stack, evidence }));
}
