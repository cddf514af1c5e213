// Reads vitest's JSON report and prints the plain closing line CI reads: "N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';

const [reportPath, statusArg] = process.argv.slice(2);
const status = Number(statusArg ?? 1);
if (!reportPath || !existsSync(reportPath)) {
  console.log('0 passed, 1 failed');
  console.error(`ci: no test report at ${reportPath}; the test command exited ${status}`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const passed = report.numPassedTests ?? 0;
// A suite that fails to load counts as a failure even though none of its tests ran.
const failedSuites = (report.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
const failed = (report.numFailedTests ?? 0) + failedSuites;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || status !== 0 || passed === 0 ? 1 : 0);
