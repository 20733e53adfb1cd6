/**
 * The names of the report formats, in the order --help lists them. The renderers are in
 * formats/index.ts and formats/readiness/index.ts, typed by these names, and load only when a
 * report is written.
 */
export const CHECK_FORMAT_NAMES = ['pretty', 'json', 'junit', 'sarif', 'markdown', 'html', 'github'] as const;
export type CheckFormatName = (typeof CHECK_FORMAT_NAMES)[number];

export const READINESS_FORMAT_NAMES = ['pretty', 'json', 'markdown', 'html', 'junit'] as const;
export type ReadinessFormatName = (typeof READINESS_FORMAT_NAMES)[number];
