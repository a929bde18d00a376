/** Every output format any command can write; each command accepts the subset that fits it. */
export const FORMATS = [
  'table',
  'json',
  'sarif',
  'markdown',
  'cyclonedx',
  'cyclonedx-xml',
  'spdx',
  'openvex',
  'junit',
] as const;
export type Format = (typeof FORMATS)[number];
