import assert from "node:assert/strict";
import { countJunit } from "./test.ts";

const REPORT = `<testsuites name="deno test" tests="4">
  <testsuite name="./a_test.ts" tests="4">
    <testcase name="p" classname="./a_test.ts" time="0.000" line="1" col="6">
    </testcase>
    <testcase name="f" classname="./a_test.ts" time="0.000" line="2" col="6">
      <failure message="Uncaught Error: x">Error: x</failure>
    </testcase>
    <testcase name="s" classname="./a_test.ts" time="0.000" line="3" col="6">
      <skipped/>
    </testcase>
    <testcase name="steps &gt; one" classname="./a_test.ts" time="0.000" line="4" col="43">
    </testcase>
  </testsuite>
</testsuites>`;

Deno.test("countJunit counts passed, failed and skipped cases", () => {
  assert.deepEqual(countJunit(REPORT), { passed: 2, failed: 1, skipped: 1 });
});

Deno.test("countJunit on an empty report counts nothing", () => {
  assert.deepEqual(countJunit(""), { passed: 0, failed: 0, skipped: 0 });
});
