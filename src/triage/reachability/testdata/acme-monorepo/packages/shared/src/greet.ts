// @ts-nocheck: a fixture of the reachability tests, type-checked by nobody
import { capitalize } from 'text-kit/case';

export const greet = (name: string): string => `Hello, ${capitalize(name)}`;
