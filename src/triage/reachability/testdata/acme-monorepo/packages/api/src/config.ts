// @ts-nocheck: a fixture of the reachability tests, type-checked by nobody
export interface Config {
  name: string;
}

export function loadConfig(): Config {
  return { name: process.env.APP_NAME ?? 'acme' };
}
