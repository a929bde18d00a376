export * from './component.ts';
export * from './decision.ts';
export * from './ecosystem.ts';
export * from './errors.ts';
export * from './finding.ts';
export * from './purl.ts';
export * from './result.ts';
export * from './severity.ts';
