import { PalisadeError } from '../model/index.ts';
import type { IacCaseEvaluator } from '../policy/index.ts';
import { evaluateIacResources } from './evaluate.ts';
import { IAC_INPUTS } from './registry.ts';

/**
 * `palisade policy test` for Dockerfile and Terraform cases: the file is parsed by the IaC input
 * that reads its name and evaluated by `evaluateIacResources`, exactly as `scan --policy` does,
 * with the suite's params, exceptions, mode and clock.
 */
export const iacCaseEvaluator: IacCaseEvaluator = {
  async evaluate(bundle, file, options) {
    const input = IAC_INPUTS.find((i) => i.apiGroup !== undefined && i.matches(file.path));
    if (!input) {
      const names = 'Dockerfile, Containerfile, *.dockerfile or *.tf';
      throw new PalisadeError(
        'input',
        `${file.path}: no IaC input reads this file name; call it ${names} (Kubernetes resources are .yaml/.yml/.json)`,
      );
    }
    const { resources } = await input.parse(file.path, file.text);
    const evaluation = evaluateIacResources(
      resources,
      { ...bundle, params: options.params },
      {
        ...(options.mode ? { mode: options.mode } : {}),
        ...(options.now ? { now: options.now } : {}),
      },
    );
    return {
      decisions: evaluation.decisions,
      errors: evaluation.errors.map((e) => `${e.source}: ${e.message}`),
    };
  },
};
