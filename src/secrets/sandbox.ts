import vm from 'node:vm';

/**
 * Runs a synchronous task with a wall-clock budget. Regular expressions that come from a user's
 * configuration have no linear-time proof, and a backtracking engine cannot be interrupted from
 * JavaScript; V8 can, when the work runs under `vm`'s timeout, which terminates whatever runs
 * (regex matching included) and cannot be caught by the task itself. Starting the watchdog costs
 * a fraction of a millisecond, so the engine calls this once per file that needs it.
 */
const context = vm.createContext({ task: undefined as (() => unknown) | undefined });
const script = new vm.Script('task()');

export type Boxed<T> = { ok: true; value: T } | { ok: false };

export function runWithBudget<T>(task: () => T, budgetMs: number): Boxed<T> {
  context.task = task;
  try {
    return {
      ok: true,
      value: script.runInContext(context, { timeout: Math.max(1, Math.round(budgetMs)) }) as T,
    };
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { ok: false };
    throw error;
  } finally {
    context.task = undefined;
  }
}
