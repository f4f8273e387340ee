import type { Query } from "../search-queries.js";

/** Queries for the items this batch added: what a user would type → the item that should rank in the top 3. */
export const QUERIES: Query[] = [
  // OAuth / OIDC / SSO skills
  ["add sign in with google to my web app", "skill:adding-oauth-login-with-oidc"],
  ["oidc callback state nonce pkce login", "skill:adding-oauth-login-with-oidc"],
  ["verify jwt bearer token in api with jwks", "skill:validating-jwt-access-tokens"],
  ["auth broke after provider rotated signing keys kid", "skill:validating-jwt-access-tokens"],
  ["customer wants saml sso with okta and scim provisioning", "skill:adding-enterprise-sso"],
  ["should my spa keep tokens in localstorage", "skill:storing-tokens-in-browser-apps"],
  ["backend for frontend httponly cookie refresh token rotation", "skill:storing-tokens-in-browser-apps"],
  // Privacy skills
  ["find where we store personal data in the codebase", "skill:mapping-personal-data-in-a-codebase"],
  ["scan repo for emails phone numbers credit card numbers", "skill:mapping-personal-data-in-a-codebase"],
  ["implement download my data and delete my account gdpr", "skill:handling-data-subject-requests"],
  ["dsar deadline one month identity verification", "skill:handling-data-subject-requests"],
  ["purge old records retention policy soft delete backups", "skill:applying-data-retention-and-deletion"],
  ["emails and tokens showing up in our logs", "skill:keeping-pii-out-of-logs"],
  // Incident skills
  ["production is down how do we coordinate the response", "skill:running-an-incident"],
  ["write runbook for an alert", "skill:writing-a-runbook"],
  ["postmortem template contributing factors action items", "skill:writing-a-blameless-postmortem"],
  ["on-call keeps getting paged for alerts that need no action", "skill:setting-up-on-call-alerting"],
  // Security skills
  ["aws key accidentally pushed to github what now", "skill:rotating-leaked-credentials"],
  ["record who changed what and when for soc 2", ["skill:adding-audit-logging", "expertise:audit-logging"]],
  // Agent
  ["privacy review of a feature that handles user data", "agent:privacy-engineer"],
  // Expertise modules
  [
    "gdpr principles data minimisation purpose limitation legal basis",
    "expertise:privacy-and-data-protection",
  ],
  ["which oauth grant type for a mobile app or cli", "expertise:oauth-and-oidc"],
  ["session idle timeout absolute timeout sign out everywhere", "expertise:session-management"],
  ["aes-gcm nonce reuse envelope encryption kms", "expertise:cryptography-usage"],
  ["tenant isolation row level security shared schema", "expertise:multi-tenancy"],
  ["tamper evident audit trail hash chain worm storage", "expertise:audit-logging"],
  ["mtls workload identity between microservices", "expertise:service-to-service-authentication"],
  [
    "incident severity levels and incident commander role",
    ["expertise:incident-response", "skill:running-an-incident"],
  ],
  ["define slo and error budget policy", "expertise:slos-and-error-budgets"],
  ["feature flag cleanup kill switch percentage rollout", "expertise:feature-flags"],
];
