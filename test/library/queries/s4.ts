import type { Query } from "../search-queries.js";

/** Queries for the items this batch added: what a user would type → the item that should rank in the top 3. */
export const QUERIES: Query[] = [
  ["set up pyproject.toml and a uv lock file for my python package", "skill:packaging-python-projects"],
  ["publish a python library to pypi", "skill:packaging-python-projects"],
  ["pytest fixtures and parametrize for my tests", "skill:testing-python-with-pytest"],
  ["add mypy strict mode to an existing python codebase", "skill:type-checking-python"],
  ["go.sum checksum mismatch and private go modules", "skill:managing-go-modules"],
  ["go table driven tests and race detector", "skill:testing-and-benchmarking-go"],
  ["compare go benchmarks with benchstat", "skill:testing-and-benchmarking-go"],
  ["pprof heap profile for a go service using too much memory", "skill:profiling-go-programs"],
  ["cargo workspace with shared dependencies and feature flags", "skill:organizing-rust-workspaces"],
  ["thiserror or anyhow for rust error types", "skill:handling-errors-in-rust"],
  ["run clippy and miri in rust ci", "skill:linting-and-testing-rust"],
  ["maven dependency conflict and gradle wrapper setup", "skill:building-java-projects-with-gradle-or-maven"],
  ["junit parameterized tests with mockito and testcontainers", "skill:testing-java-with-junit"],
  ["java heap size in kubernetes container oomkilled", "skill:tuning-jvm-services"],
  ["review my elixir genserver and phoenix code", "agent:elixir-expert"],
];
