import { type ReadText, readFromDisk } from './files.ts';
import { isGatorSuite, runGatorSuites } from './gator.ts';
import { isKyvernoTest, runKyvernoTests } from './kyverno-test.ts';
import { type IacCaseEvaluator, isPalisadeTest, runPalisadeTests } from './palisade.ts';
import { mergeReports, type TestFormat, type TestReport } from './report.ts';

/** One test file format: a cheap check on the file, then the run. */
export interface TestFileFormat {
  readonly name: TestFormat;
  detects(path: string, text: string): boolean;
  run(
    path: string,
    text: string,
    readText: ReadText,
    iac?: IacCaseEvaluator,
  ): TestReport | Promise<TestReport>;
}

/** Every test file format `palisade policy test` reads, in one list; a new one is a file plus a line here. */
export const TEST_FORMATS: readonly TestFileFormat[] = [
  { name: 'palisade', detects: (_path, text) => isPalisadeTest(text), run: runPalisadeTests },
  { name: 'gator', detects: (_path, text) => isGatorSuite(text), run: runGatorSuites },
  { name: 'kyverno', detects: isKyvernoTest, run: runKyvernoTests },
];

/** The format of a file, if it is a test file at all (test folders also hold the fixtures they name). */
export function testFormatOf(path: string, text: string): TestFileFormat | undefined {
  return TEST_FORMATS.find((f) => f.detects(path, text));
}

/**
 * Runs every test file among `files`, whatever its format; other files are ignored. `iac` judges
 * the Dockerfile and Terraform cases of PolicyTest suites (the CLI passes src/iac's).
 */
export async function runTestFiles(
  files: readonly { path: string; text: string }[],
  readText: ReadText = readFromDisk,
  iac?: IacCaseEvaluator,
): Promise<{ report: TestReport; files: number }> {
  const reports: TestReport[] = [];
  for (const file of files) {
    const format = testFormatOf(file.path, file.text);
    if (format) reports.push(await format.run(file.path, file.text, readText, iac));
  }
  return { report: mergeReports(reports), files: reports.length };
}
