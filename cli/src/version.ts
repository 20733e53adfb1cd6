/** Norma's version: set by scripts/build.mjs from package.json; absent when the sources run unbundled (tests). */
declare const NORMA_VERSION: string | undefined;

export const VERSION: string = typeof NORMA_VERSION === 'string' ? NORMA_VERSION : '0.0.0-dev';
