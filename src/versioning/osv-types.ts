// The OSV shapes live in the model (ARCHITECTURE.md: OSV 1.6 is the internal shape of advisories).
export type { OsvAffected, OsvEvent, OsvRange } from '../model/index.ts';
