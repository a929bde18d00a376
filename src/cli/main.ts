import { Command, CommanderError } from 'commander';
import { describeError, isPalisadeError, terminalSafe } from '../model/index.ts';
import { registerDb } from './commands/db.ts';
import { registerInventory } from './commands/inventory.ts';
import { registerPolicy } from './commands/policy.ts';
import { registerSbom } from './commands/sbom.ts';
import { registerScan } from './commands/scan.ts';
import { registerSecrets } from './commands/secrets.ts';
import { registerServer } from './commands/server.ts';
import { ExitCode, exitCodeFor, type RunState } from './exit-codes.ts';
import { VERSION } from './version.ts';

function buildProgram(run: RunState): Command {
  const program = new Command('palisade')
    .description(
      'Security as code, policy as code and GitOps: inventory, SBOMs, vulnerabilities, secrets, policies',
    )
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerInventory(program, run);
  registerSbom(program, run);
  registerScan(program, run);
  registerDb(program, run);
  registerPolicy(program, run);
  registerServer(program, run);
  registerSecrets(program, run);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/**
 * Runs the CLI and returns the exit code: 0 clean, 1 policy failed, 2 usage or input error,
 * 3 internal error. User-caused errors print one line, never a stack trace.
 */
export async function main(argv: string[]): Promise<number> {
  const run: RunState = { exitCode: ExitCode.Clean };
  const program = buildProgram(run);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return run.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.Clean : ExitCode.InputError;
    }
    if (isPalisadeError(error)) {
      process.stderr.write(`palisade: ${terminalSafe(error.message)}\n`);
      return exitCodeFor(error.code);
    }
    process.stderr.write(`palisade: internal error: ${terminalSafe(describeError(error))}\n`);
    if (process.env.PALISADE_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
    else process.stderr.write('palisade: set PALISADE_DEBUG=1 for details, and please report it\n');
    return ExitCode.InternalError;
  }
}
