import type { Query } from "../search-queries.js";

/** Queries for the items this batch added: what a user would type → the item that should rank in the top 3. */
export const QUERIES: Query[] = [
  ["extract text from a pdf", "skill:extracting-pdf-text-and-tables"],
  ["pull a table out of a pdf invoice", "skill:extracting-pdf-text-and-tables"],
  ["combine several pdfs into one file", "skill:merging-and-splitting-pdfs"],
  ["split pdf into pages", "skill:merging-and-splitting-pdfs"],
  ["fill in a fillable pdf form", "skill:filling-pdf-forms"],
  ["generate a pdf report from html", "skill:creating-pdf-reports"],
  ["summarise this word docx file", "skill:reading-word-documents"],
  ["convert docx to markdown", "skill:reading-word-documents"],
  ["create a word document with python", "skill:generating-word-documents"],
  ["read an excel file and check the totals", "skill:analyzing-spreadsheets"],
  ["export data to excel with formulas and totals", "skill:building-spreadsheets-with-formulas"],
  ["summarize a powerpoint presentation and its speaker notes", "skill:reading-powerpoint-decks"],
  ["make a slide deck from an outline", "skill:building-powerpoint-decks"],
  ["convert docx to pdf with libreoffice or pandoc", "skill:converting-document-formats"],
  ["mcp server typescript sdk tools", "skill:building-an-mcp-server-in-typescript"],
  ["python mcp server fastmcp", "skill:building-an-mcp-server-in-python"],
  ["test my mcp server with inspector", "skill:testing-an-mcp-server"],
  ["eval scenarios baseline without the skill", "skill:authoring-a-skill-with-evals"],
  ["skill is not being triggered tune its description", "skill:measuring-skill-triggering"],
  ["send webhooks to customers with retries and signatures", "expertise:webhook-design"],
  ["deprecate an api version without breaking clients", "expertise:api-versioning"],
  ["user file upload to s3 presigned url", "expertise:file-uploads-and-storage"],
  ["emails going to spam spf dkim dmarc", "expertise:email-delivery"],
  [
    "prompt injection in an ai agent with tools",
    ["expertise:prompt-injection-defense", "skill:hardening-against-prompt-injection"],
  ],
  ["architecture for an llm feature workflow or agent", "expertise:llm-application-patterns"],
];
