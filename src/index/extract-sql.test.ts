import { describe, expect, it } from "vitest";
import { extractSql, tokenizeSql } from "./extract-sql.js";

const defs = (src: string) =>
  extractSql(src).symbols.map((s) => `${s.kind} ${s.qualname} ${s.line}-${s.endLine}`);

describe("extractSql", () => {
  it("reads tables with their columns, IF NOT EXISTS and schema-qualified names", () => {
    const src = `-- Users of the app.
CREATE TABLE IF NOT EXISTS public.users (
  id bigint PRIMARY KEY,
  "e-mail" text NOT NULL,
  amount numeric(10, 2),
  CONSTRAINT users_mail UNIQUE ("e-mail"),
  PRIMARY KEY (id)
);
`;
    const x = extractSql(src);
    expect(defs(src)).toEqual([
      "table public.users 2-8",
      "field public.users.id 3-3",
      "field public.users.e-mail 4-4",
      "field public.users.amount 5-5",
    ]);
    expect(x.symbols[0]).toMatchObject({
      name: "users",
      signature: "CREATE TABLE IF NOT EXISTS public.users",
      doc: "Users of the app.",
      depth: 0,
    });
    expect(x.symbols[3]).toMatchObject({ signature: "amount numeric(10, 2)", depth: 1 });
  });

  it("reads views, indexes and triggers across dialects' modifiers", () => {
    const src = `CREATE OR REPLACE VIEW active_users AS SELECT * FROM users WHERE active;
CREATE MATERIALIZED VIEW IF NOT EXISTS stats.daily AS SELECT 1;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON public.users (lower(email));
CREATE INDEX ON users (id);
CREATE TEMP TABLE scratch (x int);
CREATE VIRTUAL TABLE docs USING fts5(body);
CREATE TRIGGER audit_users AFTER INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION audit();
CREATE OR ALTER VIEW [dbo].[Recent Orders] AS SELECT 1;
CREATE ALGORITHM=MERGE DEFINER=\`root\`@\`localhost\` SQL SECURITY INVOKER VIEW \`shop\`.\`v_orders\` AS SELECT 1;
CREATE SCHEMA reporting;
CREATE SEQUENCE s;
`;
    expect(defs(src)).toEqual([
      "view active_users 1-1",
      "view stats.daily 2-2",
      "index users_email_idx 3-3",
      "table scratch 5-5",
      "field scratch.x 5-5",
      "table docs 6-6",
      "trigger audit_users 7-7",
      "view dbo.Recent Orders 8-8",
      "view shop.v_orders 9-9",
    ]);
    const sig = extractSql(src).symbols.map((s) => s.signature);
    expect(sig[2]).toBe(
      "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON public.users (lower(email))",
    );
    expect(sig[6]).toBe("CREATE TRIGGER audit_users AFTER INSERT OR UPDATE ON users");
  });

  it("reads PostgreSQL functions with dollar-quoted bodies, ignoring what the bodies say", () => {
    const src = `/* Adds two numbers. */
CREATE OR REPLACE FUNCTION util.add(a integer, b integer DEFAULT 0)
RETURNS integer
LANGUAGE plpgsql
AS $body$
BEGIN
  -- CREATE TABLE not_a_table (x int);
  RETURN a + b; -- 'quote
END;
$body$;
CREATE FUNCTION f() RETURNS TABLE(id int, name text) AS 'select 1, ''CREATE VIEW x''' LANGUAGE sql;
`;
    expect(defs(src)).toEqual(["function util.add 2-10", "function f 11-11"]);
    const [add, f] = extractSql(src).symbols;
    expect(add).toMatchObject({
      name: "add",
      signature: "CREATE OR REPLACE FUNCTION util.add(a integer, b integer DEFAULT 0) RETURNS integer",
      doc: "Adds two numbers.",
    });
    expect(f?.signature).toBe("CREATE FUNCTION f() RETURNS TABLE(id int, name text)");
  });

  it("reads MySQL procedures under DELIMITER and T-SQL procedures in GO batches", () => {
    const mysql = `DELIMITER $$
CREATE DEFINER=CURRENT_USER PROCEDURE shop.restock(IN qty INT)
BEGIN
  IF qty > 0 THEN
    UPDATE stock SET n = n + qty;
  END IF;
  SELECT CASE WHEN qty > 9 THEN 'big' ELSE 'small' END;
END$$
DELIMITER ;
CREATE TABLE after_delim (id int);
`;
    expect(defs(mysql)).toEqual([
      "procedure shop.restock 2-8",
      "table after_delim 10-10",
      "field after_delim.id 10-10",
    ]);
    const tsql = `CREATE PROCEDURE [dbo].[usp_Get] @id INT, @name NVARCHAR(50) = NULL
AS
SET NOCOUNT ON;
SELECT * FROM dbo.Orders WHERE id = @id;
GO
CREATE PROC dbo.usp_Two AS BEGIN CREATE TABLE #tmp (a int); SELECT 1; END
GO
`;
    expect(defs(tsql)).toEqual([
      "procedure dbo.usp_Get 1-5",
      "procedure dbo.usp_Two 6-7",
      "table #tmp 6-6",
      "field #tmp.a 6-6",
    ]);
    expect(extractSql(tsql).symbols[0]?.signature).toBe(
      "CREATE PROCEDURE [dbo].[usp_Get] @id INT, @name NVARCHAR(50) = NULL",
    );
  });

  it("reads Oracle PL/SQL procedures and packages past their declarations", () => {
    const src = `CREATE OR REPLACE EDITIONABLE PROCEDURE hr.raise_salary (emp_id NUMBER) IS
  v_old NUMBER;
BEGIN
  UPDATE employees SET salary = salary * 1.1 WHERE id = emp_id;
END raise_salary;
/
CREATE OR REPLACE PACKAGE BODY hr.pay AS
  PROCEDURE run IS BEGIN NULL; END;
END pay;
`;
    expect(defs(src)).toEqual(["procedure hr.raise_salary 1-5", "module hr.pay 7-9"]);
  });

  it("keeps going after unterminated strings and comments, and collects table references", () => {
    expect(defs("CREATE TABLE t (a int);\nSELECT 'oops\nCREATE TABLE u (b int);")).toEqual([
      "table t 1-1",
      "field t.a 1-1",
    ]);
    expect(defs("/* never closed\nCREATE TABLE x (a int);")).toEqual([]);
    const x = extractSql(
      "INSERT INTO audit.log VALUES (1);\nSELECT * FROM users u JOIN orders o ON o.uid = u.id;",
    );
    expect(new Set(x.refs)).toEqual(new Set(["log", "users", "orders"]));
    expect(extractSql("").symbols).toEqual([]);
  });

  it("tracks lines through every kind of token", () => {
    const toks = tokenizeSql("a\n'x\ny'\n$$\n$$ \"q\nq\" b").toks;
    expect(toks.map((t) => `${t.k}:${t.line}`)).toEqual(["word:1", "str:2", "str:4", "qid:5", "word:6"]);
  });
});
