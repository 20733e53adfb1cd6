/**
 * The largest input Norma accepts, stated in docs/language.md ("Limits"). Past each limit the
 * user gets one plain, located error instead of a stack overflow, a hang or an out-of-memory.
 * The numbers are far above any real standard (the COPC example is 14 KB, 3 levels deep).
 */

/** Characters in one `.norma` file (about 40,000 lines of norms). */
export const MAX_FILE_CHARS = 2_000_000;
/** Characters in one token: a title, a description string or a comment. */
export const MAX_TOKEN_CHARS = 100_000;
/** Braces `{` open at once (real files nest 3 deep). */
export const MAX_NESTING = 32;
/**
 * Characters of `.norma` text in one workspace, all files together (about 1.5 GB of memory once
 * parsed and linked; the 10,000-program benchmark workspace of issue 12 holds 10.8 million).
 */
export const MAX_WORKSPACE_CHARS = 25_000_000;
/** `.norma` files in one workspace (well above the 10,000 program files Norma is measured on). */
export const MAX_WORKSPACE_FILES = 25_000;

/** `2,000,000`: limits as people read them. */
export { formatCount } from '../text/count.js';
