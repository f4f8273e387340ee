import type { Query } from "../search-queries.js";

/** Queries for the items this batch added: what a user would type → the item that should rank in the top 3. */
export const QUERIES: Query[] = [
  [
    "readiness liveness probe securityContext pod disruption budget yaml",
    "skill:writing-kubernetes-manifests",
  ],
  ["pod stuck in CrashLoopBackOff", "skill:debugging-kubernetes-workloads"],
  ["ImagePullBackOff OOMKilled exit code 137 pod pending", "skill:debugging-kubernetes-workloads"],
  ["create a helm chart values.yaml templates", "skill:packaging-apps-with-helm"],
  ["helm upgrade failed rollback release", "skill:packaging-apps-with-helm"],
  ["horizontal pod autoscaler replicas not scaling", "skill:autoscaling-kubernetes-workloads"],
  ["terraform module layout per environment", "skill:structuring-terraform-modules"],
  ["terraform rename resource without destroying it moved block", "skill:managing-terraform-state"],
  ["import existing aws resources into terraform state", "skill:managing-terraform-state"],
  ["terraform plan forces replacement destroy review", "skill:reviewing-terraform-plans"],
  ["least privilege iam policy for a service", "skill:setting-up-least-privilege-iam"],
  ["s3 cloudfront static website cache invalidation", "skill:hosting-a-static-site-on-a-cdn"],
  ["deploy container to cloud run or ecs fargate", "skill:running-containers-on-managed-services"],
  ["aws bill too high reduce cloud spend", "skill:controlling-cloud-costs"],
  ["slo error budget burn rate alerts on-call", "agent:sre-engineer"],
  ["postgres migration lock_timeout vacuum bloat connection pooling", "expertise:postgres-practices"],
  ["mongodb schema design embed or reference unbounded arrays", "expertise:mongodb-practices"],
  ["redis eviction policy maxmemory valkey license", "expertise:redis-practices"],
  ["aws best practices accounts vpc iam roles sqs", "expertise:aws-practices"],
  ["google cloud service account keys workload identity pubsub bigquery", "expertise:gcp-practices"],
  ["kubernetes best practices rbac network policy api removal upgrade", "expertise:kubernetes-practices"],
  ["terraform for_each vs count ephemeral write-only secrets opentofu", "expertise:terraform-practices"],
  ["docker compose healthcheck depends_on buildx cache", "expertise:docker-practices"],
  [
    "github actions pin actions to commit sha pull_request_target script injection",
    "expertise:github-actions-practices",
  ],
  ["solidity reentrancy access control upgradeable proxy storage layout", "expertise:solidity-practices"],
  ["disaster recovery rpo rto immutable backups failover", "expertise:backup-and-disaster-recovery"],
  ["finops unit economics cost allocation commitments spot", "expertise:cloud-cost-management"],
];
