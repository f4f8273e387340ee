import { QUERIES as e1 } from "./queries/e1.js";
import { QUERIES as e2 } from "./queries/e2.js";
import { QUERIES as e3 } from "./queries/e3.js";
import { QUERIES as s1 } from "./queries/s1.js";
import { QUERIES as s2 } from "./queries/s2.js";
import { QUERIES as s3 } from "./queries/s3.js";
import { QUERIES as s4 } from "./queries/s4.js";
import { QUERIES as s5 } from "./queries/s5.js";

/** Queries a user would type → the item that should come back within the top 3 (or one of several right answers). */
export type Query = [query: string, expected: string | string[]];

const BASE: Query[] = [
  ["test driven development", "skill:test-driven-development"],
  ["write failing test first", "skill:test-driven-development"],
  ["debug a failing test root cause", "skill:systematic-debugging"],
  ["flaky tests fail randomly", "agent:flaky-test-hunter"],
  ["code review my pull request", ["agent:code-reviewer", "skill:requesting-code-review"]],
  ["respond to review comments", "skill:receiving-code-review"],
  ["write a commit message", "skill:writing-commit-messages"],
  ["git worktree parallel branches", "skill:using-git-worktrees"],
  ["break work into a plan", "skill:writing-plans"],
  [
    "security audit vulnerabilities",
    ["agent:security-auditor", "command:run-audit", "expertise:security-vulnerability-patterns"],
  ],
  ["threat model", "expertise:threat-modeling"],
  ["sql injection", "expertise:injection-and-input-validation"],
  ["leaked api keys secrets", "expertise:secrets-management"],
  ["dockerfile production image", "skill:writing-production-dockerfiles"],
  ["github actions workflow", "skill:setting-up-github-actions"],
  ["kubernetes deployment", ["agent:kubernetes-engineer", "skill:writing-kubernetes-manifests"]],
  ["terraform infrastructure as code", "expertise:infrastructure-as-code"],
  ["database migration", "skill:writing-database-migrations"],
  ["add an index slow query", "skill:adding-database-indexes"],
  ["rest api endpoint design", "skill:designing-rest-endpoints"],
  ["idempotency keys retries", "skill:adding-idempotency-keys"],
  ["rate limiting", "skill:adding-rate-limiting"],
  ["background jobs queue", "expertise:background-jobs"],
  ["react state management", "expertise:state-management"],
  ["accessibility wcag", "expertise:accessibility-wcag"],
  ["right to left arabic layout", "expertise:rtl-layout"],
  ["plural messages translation", "expertise:message-formatting-and-plurals"],
  ["prompt injection llm", "skill:hardening-against-prompt-injection"],
  ["rag retrieval augmented generation", "skill:building-a-rag-pipeline"],
  ["structured output json llm", "skill:structured-llm-output"],
  ["architecture decision record", "expertise:architecture-decision-records"],
  ["ports and adapters", "skill:introducing-ports-and-adapters"],
  ["make writing sound less like ai", "skill:humanizing-prose"],
  ["clarify requirements", "command:clarify"],
  ["verify before saying done", "skill:verification-before-completion"],
  ["solidity smart contract audit", "agent:smart-contract-auditor"],
  ["profiling cpu hot path", ["expertise:profiling-methodology", "skill:profiling-node-services"]],
  ["memory leak", "expertise:memory-management"],
  ["release notes changelog", "expertise:release-notes-writing"],
  ["project readme", "skill:project-readme"],
  ["caching strategy invalidation", "expertise:caching-strategies"],
  ["protected paths hook", "hook:protected-paths"],
  ["python type hints uv ruff", "agent:python-expert"],
  ["golang goroutines error wrapping", "agent:go-expert"],
  ["rust borrow checker lifetimes", "agent:rust-expert"],
  ["typescript generics type errors", "agent:typescript-expert"],
  ["kotlin coroutines java virtual threads", "agent:java-kotlin-expert"],
  ["c# .net async nullable", "agent:csharp-dotnet-expert"],
  ["c++ memory errors sanitizers", "agent:cpp-expert"],
  ["rails active record n+1", "agent:ruby-rails-expert"],
  ["laravel php eloquent", "agent:php-expert"],
  ["bash script shellcheck quoting", "agent:shell-expert"],
  ["find root cause of a crash", ["agent:debugger", "skill:systematic-debugging"]],
  ["graphql schema dataloader", "agent:graphql-engineer"],
  ["stripe payments double charge", "agent:payments-engineer"],
  ["build an llm powered feature", "agent:llm-app-engineer"],
  ["aws cloud architecture design", "agent:cloud-architect"],
  ["dbt airflow data pipeline", "agent:data-engineer"],
  ["train and evaluate a machine learning model", "agent:ml-engineer"],
  ["write developer documentation tutorial", "agent:technical-writer"],
];

export const QUERIES: Query[] = [...BASE, ...s1, ...s2, ...s3, ...s4, ...s5, ...e1, ...e2, ...e3];
