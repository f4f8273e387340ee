import type { Query } from "../search-queries.js";

/** Queries for the items this batch added: what a user would type → the item that should rank in the top 3. */
export const QUERIES: Query[] = [];
