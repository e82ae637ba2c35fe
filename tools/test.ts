// The test driver behind `make test` and `deno task test`.
//
// It runs the static checks (deno check, lint, fmt --check) and then every Deno test in the
// repository (unit tests beside the code, transpiler tests, boot tests under QEMU), reading the
// real counts from Deno's JUnit report. It ends with exactly one summary line,
// `N passed, N failed` (`, N skipped` when some were ignored), which CI reads; each static check
// counts as one test. The exit status is non-zero when anything failed.

const ROOT = new URL("..", import.meta.url).pathname;
const DENO = Deno.execPath();
const JUNIT = `${ROOT}build/junit.xml`;
const CODE_DIRS = ["kernel", "arch", "transpiler", "tools", "tests", "bench"];

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Runs deno with the given arguments, its output going straight to ours. */
async function runDeno(args: string[]): Promise<boolean> {
  const child = new Deno.Command(DENO, { args, cwd: ROOT, stdin: "null" }).spawn();
  const status = await child.status;
  return status.success;
}

/** Counts test cases in a Deno JUnit report: failures and skips are marked per case. */
export function countJunit(xml: string): Counts {
  const cases = xml.match(/<testcase\b[\s\S]*?(?:\/>|<\/testcase>)/g) ?? [];
  const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  for (const c of cases) {
    if (/<failure\b|<error\b/.test(c)) counts.failed++;
    else if (/<skipped\b/.test(c)) counts.skipped++;
    else counts.passed++;
  }
  return counts;
}

async function main(): Promise<number> {
  const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  const checks: [string, string[]][] = [
    ["deno check", ["check", ...CODE_DIRS]],
    ["deno lint", ["lint"]],
    ["deno fmt --check", ["fmt", "--check"]],
  ];
  for (const [name, args] of checks) {
    const ok = await runDeno(args);
    console.log(`${name}: ${ok ? "ok" : "FAILED"}`);
    if (ok) counts.passed++;
    else counts.failed++;
  }

  await Deno.mkdir(`${ROOT}build`, { recursive: true });
  await Deno.remove(JUNIT).catch(() => {});
  const testsOk = await runDeno(["test", "-A", "--reporter=dot", `--junit-path=${JUNIT}`]);
  let xml = "";
  try {
    xml = await Deno.readTextFile(JUNIT);
  } catch {
    console.log("deno test wrote no report (it failed before running tests)");
  }
  const t = countJunit(xml);
  counts.passed += t.passed;
  counts.failed += t.failed;
  counts.skipped += t.skipped;
  if (!testsOk && t.failed === 0) counts.failed++; // e.g. a module that failed to load

  const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : "";
  console.log(`${counts.passed} passed, ${counts.failed} failed${skipped}`);
  return counts.failed === 0 && counts.passed > 0 ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main());
