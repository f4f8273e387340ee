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
  ["sse or websocket for live notifications", ["skill:streaming-updates-with-server-sent-events", "expertise:realtime-messaging"]],
  ["openapi spec lint spectral generated client", "skill:documenting-apis-with-openapi"],
  ["write api reference docs from openapi spec", ["agent:api-docs-writer", "skill:documenting-apis-with-openapi", "expertise:api-reference-docs"]],
];
