import type { Query } from "../search-queries.js";

/** Queries for the items this batch added: what a user would type → the item that should rank in the top 3. */
export const QUERIES: Query[] = [
  ["profile a csv nulls and column types", "skill:profiling-a-dataset"],
  ["data quality checks quarantine bad rows", "skill:validating-data-quality-in-pipelines"],
  ["incremental load watermark upsert late arriving data", "skill:building-an-incremental-etl-job"],
  ["dbt staging marts incremental model", ["skill:modeling-data-with-dbt", "agent:analytics-engineer"]],
  ["sql window functions double counting join", "skill:writing-analytical-sql"],
  ["airflow dag retries backfill", "skill:orchestrating-data-pipelines"],
  ["train test split leakage group k-fold", "skill:splitting-data-for-model-evaluation"],
  ["mlflow log params metrics reproducible runs", "skill:tracking-ml-experiments"],
  ["precision recall roc auc threshold", "skill:evaluating-classification-models"],
  ["deploy model inference api latency", ["skill:serving-ml-models-behind-an-api", "expertise:ml-model-serving"]],
  ["model drift monitoring delayed labels", "skill:monitoring-models-in-production"],
  ["fine tune llm with lora", "skill:fine-tuning-a-language-model"],
  ["pgvector hnsw index semantic search", ["skill:building-vector-search", "expertise:vector-search"]],
  ["pandas too slow out of memory polars", "skill:working-with-dataframes-efficiently"],
  ["metric definitions differ between dashboards dbt review", "agent:analytics-engineer"],
  ["model registry ci cd for models canary rollback", "agent:mlops-engineer"],
];
