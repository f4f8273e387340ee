import { describe, expect, it } from "vitest";
import {
  DETECT_RULES,
  detectStacks,
  MAX_EVIDENCE,
  matchRule,
  type ProjectFile,
  wantsContent,
} from "./stacks.js";

const pkg = (deps: Record<string, string>, dev: Record<string, string> = {}) =>
  JSON.stringify({ name: "x", dependencies: deps, devDependencies: dev });

/** One small project per stack: the files that should show it (and nothing the rule would not see). */
const FIXTURES: Record<string, ProjectFile[]> = {
  next: [
    { path: "package.json", text: pkg({ next: "14.2.0" }) },
    { path: "next.config.mjs", text: "export default {}" },
  ],
  "react-native": [{ path: "package.json", text: pkg({ "react-native": "0.74.0", expo: "51" }) }],
  react: [{ path: "package.json", text: pkg({ react: "18.3.0" }) }],
  vue: [{ path: "package.json", text: pkg({ vue: "3.4.0" }) }],
  angular: [
    { path: "package.json", text: pkg({ "@angular/core": "17.0.0" }) },
    { path: "angular.json", text: "{}" },
  ],
  svelte: [{ path: "package.json", text: pkg({}, { "@sveltejs/kit": "2.0.0" }) }],
  nestjs: [{ path: "package.json", text: pkg({ "@nestjs/core": "10.0.0" }) }],
  express: [{ path: "package.json", text: pkg({ express: "4.19.0" }) }],
  fastify: [{ path: "package.json", text: pkg({ fastify: "4.26.0" }) }],
  django: [
    { path: "requirements.txt", text: "Django>=5.0\npsycopg[binary]==3.1\n" },
    { path: "manage.py", text: 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "app.settings")' },
  ],
  fastapi: [{ path: "pyproject.toml", text: '[project]\ndependencies = [\n  "fastapi>=0.110",\n]\n' }],
  flask: [{ path: "Pipfile", text: '[packages]\nflask = "*"\n' }],
  rails: [{ path: "Gemfile", text: "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\n" }],
  laravel: [{ path: "composer.json", text: JSON.stringify({ require: { "laravel/framework": "^11.0" } }) }],
  symfony: [
    { path: "composer.json", text: JSON.stringify({ require: { "symfony/framework-bundle": "7.0.*" } }) },
  ],
  electron: [{ path: "package.json", text: JSON.stringify({ devDependencies: { electron: "^39.0.0" } }) }],
  embedded: [
    { path: "platformio.ini", text: "[env:esp32dev]\nplatform = espressif32\n" },
    { path: "blink/blink.ino", text: "void setup() {}\nvoid loop() {}\n" },
    { path: "west.yml", text: "manifest:\n  projects: []\n" },
    { path: "CMakeLists.txt", text: "cmake_minimum_required(VERSION 3.20)\nfind_package(Zephyr REQUIRED)\n" },
    { path: "main/CMakeLists.txt", text: 'idf_component_register(SRCS "main.c")\n' },
    { path: "Cargo.toml", text: '[dependencies]\ncortex-m-rt = "0.7"\nembedded-hal = "1.0"\n' },
  ],
  flutter: [{ path: "pubspec.yaml", text: "name: app\ndependencies:\n  flutter:\n    sdk: flutter\n" }],
  android: [
    { path: "app/src/main/AndroidManifest.xml", text: "<manifest/>" },
    { path: "app/build.gradle.kts", text: 'plugins { id("com.android.application") }' },
  ],
  ios: [
    { path: "App.xcodeproj/project.pbxproj", text: "// !$*UTF8*$!" },
    { path: "Podfile", text: "platform :ios, '15.0'\n" },
  ],
  postgres: [
    { path: "package.json", text: pkg({ pg: "^8.11.0" }) },
    { path: "requirements.txt", text: "psycopg2-binary==2.9.9\n" },
    { path: "go.mod", text: "module x\n\nrequire github.com/jackc/pgx/v5 v5.5.0\n" },
    { path: "Gemfile", text: "gem 'pg'\n" },
    { path: "prisma/schema.prisma", text: 'datasource db {\n  provider = "postgresql"\n}\n' },
    { path: "docker-compose.yml", text: "services:\n  db:\n    image: postgres:16\n" },
  ],
  mongodb: [
    { path: "package.json", text: pkg({ mongoose: "8.0.0" }) },
    { path: "requirements.txt", text: "pymongo==4.6\n" },
    { path: "compose.yaml", text: "services:\n  db:\n    image: mongo:7\n" },
  ],
  redis: [
    { path: "package.json", text: pkg({ ioredis: "5.3.0" }) },
    { path: "requirements.txt", text: "redis>=5\n" },
    { path: "compose.yml", text: "services:\n  cache:\n    image: redis:7\n" },
  ],
  typescript: [
    { path: "tsconfig.json", text: "{}" },
    { path: "package.json", text: pkg({}, { typescript: "5.4.0" }) },
  ],
  node: [{ path: "package.json", text: pkg({}) }],
  python: [{ path: "setup.py", text: "" }],
  go: [{ path: "go.mod", text: "module example.com/x\n" }],
  rust: [{ path: "Cargo.toml", text: "[package]\nname = 'x'\n" }],
  kotlin: [{ path: "build.gradle.kts", text: 'plugins { kotlin("jvm") version "1.9.0" }' }],
  java: [
    { path: "pom.xml", text: "<project/>" },
    { path: "build.gradle", text: "apply plugin: 'java'" },
  ],
  dotnet: [{ path: "src/Api/Api.csproj", text: "<Project/>" }],
  ruby: [{ path: "Gemfile", text: "source 'https://rubygems.org'\n" }],
  php: [{ path: "composer.json", text: "{}" }],
  swift: [{ path: "Package.swift", text: "// swift-tools-version:5.9" }],
  solidity: [
    { path: "contracts/Token.sol", text: "pragma solidity ^0.8.0;" },
    { path: "hardhat.config.ts", text: "export default {}" },
  ],
  aws: [
    { path: "package.json", text: pkg({ "@aws-sdk/client-s3": "3.0.0" }) },
    { path: "requirements.txt", text: "boto3==1.34\n" },
    { path: "infra/main.tf", text: 'provider "aws" {\n  region = "eu-west-1"\n}\n' },
  ],
  gcp: [
    { path: "package.json", text: pkg({ "@google-cloud/storage": "7.0.0" }) },
    { path: "requirements.txt", text: "google-cloud-storage==2.14\n" },
    { path: "infra/main.tf", text: 'provider "google" {}\n' },
  ],
  terraform: [{ path: "infra/main.tf", text: "" }],
  kubernetes: [
    { path: "deploy/chart/Chart.yaml", text: "name: x" },
    { path: "deploy/app.yaml", text: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n" },
  ],
  docker: [
    { path: "Dockerfile", text: "FROM node:20" },
    { path: "docker-compose.yml", text: "services: {}" },
  ],
  "github-actions": [{ path: ".github/workflows/ci.yml", text: "on: push" }],
};

const stacksOf = (files: ProjectFile[]) => detectStacks(files).map((s) => s.stack);

describe("stack detection rules", () => {
  it.each(Object.entries(FIXTURES))("a %s project is detected as such", (stack, files) => {
    const found = detectStacks(files).find((s) => s.stack === stack);
    expect(found?.evidence.length).toBeGreaterThan(0);
  });

  it("every rule is exercised by a fixture of its own stack", () => {
    for (const rule of DETECT_RULES) {
      const files = FIXTURES[rule.stack] ?? [];
      const hit = files.some((f) => matchRule(rule, f) !== undefined);
      expect(hit, `rule ${rule.stack} ${rule.file}`).toBe(true);
    }
  });

  it("evidence names the file and what matched", () => {
    const [next] = detectStacks([{ path: "web/package.json", text: pkg({ next: "14.2.0" }) }]);
    expect(next).toEqual({
      stack: "next",
      evidence: [{ path: "web/package.json", detail: "depends on next 14.2.0" }],
    });
    const dj = detectStacks([{ path: "requirements.txt", text: "requests\nDjango>=5.0\n" }]).find(
      (s) => s.stack === "django",
    );
    expect(dj?.evidence).toEqual([{ path: "requirements.txt", detail: "line 2: Django>=5.0" }]);
  });

  it("a mixed monorepo shows every stack, frameworks before their language and infrastructure last", () => {
    const files = [
      { path: "apps/web/package.json", text: pkg({ next: "14", react: "18", pg: "8" }) },
      { path: "apps/web/tsconfig.json", text: "{}" },
      { path: "services/api/pyproject.toml", text: '[project]\ndependencies = ["fastapi", "redis"]\n' },
      { path: "services/worker/go.mod", text: "module w\n" },
      { path: "infra/main.tf", text: 'provider "aws" {}' },
      { path: "Dockerfile", text: "FROM scratch" },
      { path: ".github/workflows/ci.yaml", text: "on: push" },
    ];
    expect(stacksOf(files)).toEqual([
      "next",
      "react",
      "fastapi",
      "postgres",
      "redis",
      "typescript",
      "node",
      "python",
      "go",
      "aws",
      "terraform",
      "docker",
      "github-actions",
    ]);
  });

  it("does not see what is not there", () => {
    expect(stacksOf([{ path: "package.json", text: pkg({ "react-query": "5", "next-auth": "4" }) }])).toEqual(
      ["node"],
    );
    expect(stacksOf([{ path: "requirements.txt", text: "djangorestframework-stubs\nflask-cors\n" }])).toEqual(
      ["python"],
    );
    // A workflow file outside .github/workflows, a YAML file that is not a Kubernetes object.
    expect(stacksOf([{ path: "docs/workflows/ci.yml", text: "kind: Note" }])).toEqual([]);
  });

  it("an unreadable manifest (invalid JSON, not read) shows presence only", () => {
    expect(stacksOf([{ path: "package.json", text: "{ not json" }])).toEqual(["node"]);
    expect(stacksOf([{ path: "package.json" }])).toEqual(["node"]);
  });

  it("is deterministic, keeps at most MAX_EVIDENCE entries, and reads only the files a rule looks into", () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      path: `pkgs/p${String(i).padStart(2, "0")}/package.json`,
      text: pkg({ react: "18" }),
    }));
    const a = detectStacks(many);
    expect(detectStacks([...many].reverse())).toEqual(a);
    expect(a.find((s) => s.stack === "react")?.evidence).toHaveLength(MAX_EVIDENCE);
    expect(wantsContent("package.json")).toBe(true);
    expect(wantsContent("Cargo.toml")).toBe(true); // embedded Rust is told by its dependencies
    expect(wantsContent("Package.swift")).toBe(false);
    expect(wantsContent("src/index.ts")).toBe(false);
  });
});
