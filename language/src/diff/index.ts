/** Semantic diff of two workspaces, replay over data, and its renderings. */
export { diffModels, thresholdEffect, type Change, type ChangeEffect, type ChangeKind, type DiffResult } from './diff.js';
export { replay, type Flip, type ReplayResult, type ReplayOptions, type Side } from './replay.js';
export { renderJson, renderMarkdown, renderPretty, profileReach, type DiffReport, type Paint } from './render.js';
