import type { Query } from "../search-queries.js";

/** Queries for the items this batch added: what a user would type → the item that should rank in the top 3. */
export const QUERIES: Query[] = [
  ["graphql schema nullability and pagination connections", "skill:designing-a-graphql-schema"],
  ["graphql mutation errors as data union result", "skill:designing-a-graphql-schema"],
  ["graphql resolvers n+1 dataloader", "skill:batching-graphql-resolvers-with-dataloader"],
  ["graphql query depth limit complexity persisted queries", "skill:securing-a-graphql-api"],
  ["disable graphql introspection in production", "skill:securing-a-graphql-api"],
  ["protobuf field numbers reserved buf breaking", "skill:designing-protobuf-apis-for-grpc"],
  ["grpc deadline exceeded status codes retry policy", "skill:handling-grpc-deadlines-and-errors"],
  ["grpc bidirectional stream backpressure", "skill:streaming-with-grpc"],
  ["websocket server heartbeat ping pong reconnect", "skill:building-a-websocket-server"],
  ["scale websockets across servers redis pub/sub", "skill:scaling-websocket-connections"],
  ["server-sent events eventsource last-event-id", "skill:streaming-updates-with-server-sent-events"],
  [
    "sse or websocket for live notifications",
    ["skill:streaming-updates-with-server-sent-events", "expertise:realtime-messaging"],
  ],
  ["openapi spec lint spectral generated client", "skill:documenting-apis-with-openapi"],
  [
    "write api reference docs from openapi spec",
    ["agent:api-docs-writer", "skill:documenting-apis-with-openapi", "expertise:api-reference-docs"],
  ],
  ["express 5 upgrade async error handler middleware", "expertise:express-practices"],
  ["nestjs guards pipes validationpipe best practices", "expertise:nestjs-practices"],
  ["fastify plugin encapsulation json schema", "expertise:fastify-practices"],
  ["symfony voters doctrine messenger review", "expertise:symfony-practices"],
  ["circuit breaker retries with jitter timeouts", "expertise:resilience-patterns"],
  ["kafka vs rabbitmq delivery guarantees ordering", "expertise:messaging-and-streaming"],
  [
    "saga compensation distributed transaction across services",
    "expertise:sagas-and-distributed-transactions",
  ],
  ["event sourcing projections read models", "expertise:cqrs-and-event-sourcing"],
  ["bounded contexts aggregates ubiquitous language", "expertise:domain-driven-design"],
  ["dependency injection container lifetimes composition root", "expertise:dependency-injection"],
  ["environment variables config validation twelve factor", "expertise:twelve-factor-configuration"],
  [
    "grpc vs rest service contract design",
    ["expertise:grpc-service-design", "skill:designing-protobuf-apis-for-grpc"],
  ],
  [
    "graphql nullability federation schema evolution",
    ["expertise:graphql-schema-design", "skill:designing-a-graphql-schema"],
  ],
];
