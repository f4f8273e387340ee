/**
 * One scripted scenario per process skill: the situation an agent is in, the tempting wrong move, and what
 * the skill's text must state so that an agent which follows it cannot make that move unnoticed.
 * Phrases are matched case-insensitively, with whitespace collapsed, inside the named section only.
 */
export interface Scenario {
  situation: string;
  /** The shortcut a capable agent under pressure is likely to take. */
  temptation: string;
  /** Phrases the gate's bold "No …" rule must contain. */
  gate: string[];
  /** Phrases in the Gate section naming the verification step: the evidence that passes the gate. */
  evidence: string[];
  /** Fields the Output section's fenced shape must contain. */
  output: string[];
  /** A phrase the "Where it goes" section must contain (an artifact command or a path). */
  save: string;
  /** A phrase one of the red-flag thoughts must contain: the temptation, named as a red flag. */
  redFlag: string;
  /** Prompt templates the skill must carry: a phrase of the paragraph that introduces each fenced template. */
  templates?: string[];
  /** The Output shape carries a rollback field. */
  rollback?: boolean;
  /** The Output shape traces acceptance criteria. */
  traces?: boolean;
}

export const SCENARIOS: Record<string, Scenario> = {
  "test-driven-development": {
    situation: "Add a discount rule to cartTotalCents; the user says it is a two-line change.",
    temptation: "Write the rule, then a test that passes on its first run.",
    gate: ["no production code", "failure output is shown"],
    evidence: ["the failing output", "run the same command again"],
    output: ["Red:", "Green:", "Refactor:"],
    save: "cadre artifact new execution-log",
    redFlag: "add tests right after",
  },
  "systematic-debugging": {
    situation: "A checkout test fails one run in five since yesterday's dependency bump.",
    temptation: "Wrap the call in a retry and report it fixed.",
    gate: ["no change to product code", "root cause", "evidence"],
    evidence: ["a reproduction that fails", "would have come out differently"],
    output: ["Symptom:", "Reproduce:", "Ruled out:", "Root cause:", "Evidence:"],
    save: "docs/notes/",
    redFlag: "quick fix",
  },
  "verification-before-completion": {
    situation: "After a final rename, the agent is about to tell the user the feature is done.",
    temptation: "Report the test run from before the rename.",
    gate: ["no message may say or imply success", "the command that checks it", "after the last edit"],
    evidence: ["exit status", "labelled unverified"],
    output: ["Claims", "Unverified", "Result:"],
    save: "cadre artifact new verification-report",
    redFlag: "before my last small edit",
  },
  "writing-plans": {
    situation: "A spec with five acceptance criteria must become a plan another agent will execute.",
    temptation: "Hand over steps like 'implement the export' and leave checks for the executor.",
    gate: ["every acceptance criterion is mapped", "verification command that can fail"],
    evidence: ["check the mapping table"],
    output: ["Files:", "Test first:", "Done when:", "Rollback:", "## Coverage"],
    save: "docs/plans/",
    redFlag: "figure out the details",
    rollback: true,
    traces: true,
  },
  "executing-plans": {
    situation: "A seven-step plan; steps 2 to 4 each touch one small file.",
    temptation: "Do steps 2 to 4 together and run the tests once at the end.",
    gate: ["no step starts", "check has been run and has passed"],
    evidence: ["command and output recorded", "baseline run"],
    output: ["Baseline:", "Check:", "Deviation:", "Final:"],
    save: "cadre artifact new execution-log",
    redFlag: "verify them together",
    traces: true,
  },
  "subagent-driven-development": {
    situation: "Four plan tasks are delegated; the first subagent replies 'done, all tests pass'.",
    temptation: "Accept the report and dispatch the next task on top of it.",
    gate: ["no subagent result is accepted", "run its done check yourself"],
    evidence: ["holds that command and its output"],
    output: ["| task |", "your check"],
    save: "cadre artifact new execution-log",
    redFlag: "good enough",
    templates: ["implementer brief", "reviewer brief"],
  },
  "dispatching-parallel-agents": {
    situation: "Three failing test files; the agent wants three agents to fix them at once.",
    temptation: "Dispatch all three in one working directory without listing what each edits.",
    gate: ["no two agents are dispatched together", "write sets are disjoint"],
    evidence: ["full suite's command and output"],
    output: ["| agent |", "writes", "workspace"],
    save: "cadre artifact new execution-log",
    redFlag: "probably independent",
    templates: ["parallel implementer brief", "read-only lens brief"],
  },
  "requesting-code-review": {
    situation: "A branch is ready and the agent opens a pull request and asks @code-reviewer to look.",
    temptation: "Write 'see ticket' and let CI and the reviewer find problems.",
    gate: ["no review is requested", "output is pasted"],
    evidence: ["run on the final commit"],
    output: ["## Why", "## Verified", "## Risk", "Rollback:", "## Criteria"],
    save: "cadre artifact new review-report",
    redFlag: "no need to paste output",
    templates: ["reviewer is a subagent"],
    rollback: true,
    traces: true,
  },
  "orchestrating-a-change": {
    situation: "A change spans API, UI and migration; specialists exist for each.",
    temptation: "Dispatch before writing the goal and criteria, and patch gaps in results by hand.",
    gate: ["no subagent is dispatched", "acceptance criteria", "run its done check yourself"],
    evidence: ["recorded the output in the ledger"],
    output: ["Criteria", "Ledger", "Integrated suite:", "Rollback:"],
    save: "cadre artifact new execution-log",
    redFlag: "patch it myself",
    templates: ["implementer", "reviewer"],
    rollback: true,
    traces: true,
  },
  brainstorming: {
    situation: "The user asks how to add offline support to a web app.",
    temptation: "Pick the first idea (a service worker cache) and start building.",
    gate: ["no design is chosen", "at least three options"],
    evidence: ["ranked before scoring"],
    output: ["Criteria (ranked):", "Options:", "Decision:", "Reversal:"],
    save: "cadre artifact new design",
    redFlag: "obviously right",
  },
  "clarifying-requirements": {
    situation: "The request is 'add export' with no format, scope or criteria.",
    temptation: "Guess CSV of everything and start coding.",
    gate: ["no design, plan or code starts", "acceptance criteria that could each fail"],
    evidence: ["answered from the repository first"],
    output: ["Goal:", "Out of scope:", "Acceptance criteria:", "Assumptions:"],
    save: "cadre artifact new clarification",
    redFlag: "just start",
    traces: true,
  },
  "context-budgeting": {
    situation: "Finding where sessions expire in a 2,000-file repository.",
    temptation: "Open the auth directory's files one by one, in full.",
    gate: ["no file or tool output enters the context", "written the question"],
    evidence: ["budget for a question is spent"],
    output: ["Q<n>:", "Facts:"],
    save: "cadre artifact new research-brief",
    redFlag: "whole file",
    templates: ["bulk reading"],
  },
  "finishing-a-branch": {
    situation: "The branch was green yesterday; main has moved by twenty commits.",
    temptation: "Merge on yesterday's CI result.",
    gate: ["no pull request, merge, park or discard", "updated from its current base"],
    evidence: ["command and output shown"],
    output: ["Checks after update:", "Ending:", "Rollback:", "Cleanup:"],
    save: "cadre artifact new handoff",
    redFlag: "green yesterday",
    rollback: true,
  },
  "humanizing-prose": {
    situation: "Polishing release notes that read as machine-written.",
    temptation: "Add a made-up speed-up figure to sound concrete.",
    gate: ["no rewritten text is handed back", "every fact"],
    evidence: ["compared it with the original"],
    output: ["Facts kept:", "Length:"],
    save: "cadre artifact new content-draft",
    redFlag: "roughly 3x",
  },
  "incremental-refactoring": {
    situation: "Extracting tax logic from a controller with thin test coverage.",
    temptation: "Move the code and fix a bug noticed on the way, in one step.",
    gate: ["no refactoring step starts", "characterisation tests"],
    evidence: ["command and output shown", "green and committed"],
    output: ["Target:", "Safety net:", "Rollback:"],
    save: "docs/plans/",
    redFlag: "fix this bug too",
    rollback: true,
  },
  "preparing-next-step": {
    situation: "Execution finished with three TODOs and a deferred review comment.",
    temptation: "Start the next feature and leave the leftovers in the code.",
    gate: ["no next stage or backlog item is started", "exit criteria"],
    evidence: ["checked against its artifact"],
    output: ["Finished:", "Leftovers:", "Next:"],
    save: "cadre artifact new handoff",
    redFlag: "file the follow-ups later",
  },
  "receiving-code-review": {
    situation: "A senior reviewer says a null check is missing in a function that never receives null.",
    temptation: "Add the check without looking, and resolve the thread.",
    gate: ["no code is changed in response", "checked the claim"],
    evidence: ["full verification has been run after the last fix"],
    output: ["checked by", "outcome", "Verified after fixes:"],
    save: "cadre artifact new review-report",
    redFlag: "just do what they say",
  },
  "running-an-audit": {
    situation: "A pre-launch security audit; the dependency scanner lists forty issues.",
    temptation: "Paste the scanner's list as the findings, all rated high.",
    gate: ["no finding enters the report", "evidence that confirms it", "written before the audit started"],
    evidence: ["scanner output is a lead until confirmed", "commands run"],
    output: ["Severity definitions:", "Location:", "Evidence:", "Recommendation:", "## Not covered"],
    save: "cadre artifact new audit-report",
    redFlag: "scanner flagged it",
    templates: ["lenses are fanned out"],
  },
  "scanning-a-project": {
    situation: "First task in an unfamiliar monorepo.",
    temptation: "Plan the change from the framework's default layout without finding the test command.",
    gate: ["no plan is written and no file is edited", "test command"],
    evidence: ["run once, with its result shown"],
    output: ["Run:", "Baseline:", "Entry:", "Careful:"],
    save: "cadre artifact new research-brief",
    redFlag: "when I need it",
  },
  "self-audit": {
    situation: "A long session produced a large diff; the agent is about to hand it back.",
    temptation: "Check the summary of the change instead of the diff.",
    gate: ["no deliverable is presented", "checklist", "read end to end"],
    evidence: ["re-run after the last fix with their output shown"],
    output: ["Request checklist:", "Claims checked:", "re-run"],
    save: "cadre artifact new verification-report",
    redFlag: "I know it's fine",
    traces: true,
  },
  "session-handoff": {
    situation: "Context is nearly full mid-task with uncommitted edits.",
    temptation: "End with 'almost done, continue tomorrow'.",
    gate: ["no session ends", "state line carries a check command"],
    evidence: ["run just now", "re-run and its result compared"],
    output: ["Goal:", "State:", "Tried and ruled out:", "Next step:"],
    save: "cadre artifact new handoff",
    redFlag: "figure it out from the commits",
  },
  "using-cadre": {
    situation: "The agent needs a skill about flaky tests and has just edited a pack item.",
    temptation: "Guess the item's name and skip lint after the edit.",
    gate: ["no library item is loaded on a guess", "cadre lint"],
    evidence: ["its output shown", "--help"],
    output: ["Found:", "Checked:", "Installed:"],
    save: "cadre artifact new",
    redFlag: "probably called",
  },
  "using-git-worktrees": {
    situation: "Starting a second task while the main checkout has uncommitted work.",
    temptation: "Create the worktree and start editing without a baseline test run there.",
    gate: ["no change is made in a new worktree", "test suite has been run there once"],
    evidence: ["command and result shown"],
    output: ["Worktree:", "Baseline:", "Cleanup:"],
    save: "docs/plans/",
    redFlag: "main checkout",
  },
  "writing-commit-messages": {
    situation: "A feature, a rename and a dependency bump are all staged.",
    temptation: "Commit everything as 'updates'.",
    gate: ["no commit is made", "git diff --staged", "one logical change"],
    evidence: ["has been read"],
    output: ["<imperative subject", "<why the change was needed>"],
    save: "in the commit",
    redFlag: "explains itself",
  },
  "writing-skills": {
    situation: "Writing a new process skill for release checklists.",
    temptation: "Lint it and call it done without a trigger or behaviour test.",
    gate: ["no new or changed skill is reported done", "cadre lint", "behaviour change"],
    evidence: ["output shown", "pressure scenario"],
    output: ["Lint:", "Found:", "Behaviour test:"],
    save: "test/library/evals/",
    redFlag: "it works",
    templates: ["test-run brief"],
  },
};
