/**
 * Reads validation fixtures: `.norma` text with inline expectations (see README.md).
 * `// $TEST$ error "message"` expects a diagnostic on the next range marked `»...«`;
 * the markers are stripped before parsing and their positions computed in the stripped text.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type Expected =
    | { kind: 'issue'; severity: 'error' | 'warning' | 'info'; message: string; file: string; range: Span }
    | { kind: 'no_issue'; file: string; range: Span };

/** 1-based start, 1-based end column exclusive (as the workspace's Diagnostic reports it). */
export interface Span {
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
}

export interface FixtureFile {
    path: string;
    text: string;
}

export interface ValidationCase {
    /** Path under resources/, for the test title. */
    name: string;
    files: FixtureFile[];
    expected: Expected[];
    asOf: string;
}

/** The date every fixture is validated at unless it says `// $TEST$ as_of YYYY-MM-DD`. */
export const DEFAULT_AS_OF = '2026-02-01';

const TEST_LINE = /^\s*\/\/\s*\$TEST\$\s+(.*?)\s*$/;
const ISSUE = /^(error|warning|info)\s+"(.*)"$/;

/** Every case under the resources folder: each `<area>/<case>.norma` file and each `<area>/<case>/` folder. */
export function loadCases(resources: string): ValidationCase[] {
    const cases: ValidationCase[] = [];
    for (const area of fs.readdirSync(resources).sort()) {
        const areaPath = path.join(resources, area);
        if (!fs.statSync(areaPath).isDirectory()) continue;
        for (const entry of fs.readdirSync(areaPath).sort()) {
            const entryPath = path.join(areaPath, entry);
            const name = `${area}/${entry}`;
            if (fs.statSync(entryPath).isDirectory()) {
                cases.push(readCase(name, normaFiles(entryPath).map(f => ({ path: path.relative(entryPath, f).split(path.sep).join('/'), full: f }))));
            } else if (entry.endsWith('.norma')) {
                cases.push(readCase(name, [{ path: entry, full: entryPath }]));
            }
        }
    }
    return cases;
}

function normaFiles(dir: string): string[] {
    return fs.readdirSync(dir).sort().flatMap(entry => {
        const full = path.join(dir, entry);
        if (fs.statSync(full).isDirectory()) return normaFiles(full);
        return entry.endsWith('.norma') ? [full] : [];
    });
}

function readCase(name: string, files: { path: string; full: string }[]): ValidationCase {
    const out: ValidationCase = { name, files: [], expected: [], asOf: DEFAULT_AS_OF };
    for (const f of files) {
        const parsed = parseFixture(f.path, fs.readFileSync(f.full, 'utf8'));
        out.files.push({ path: f.path, text: parsed.text });
        out.expected.push(...parsed.expected);
        if (parsed.asOf) out.asOf = parsed.asOf;
    }
    return out;
}

/** Strips the range markers and binds each expectation to the first unclaimed range that starts after it. */
export function parseFixture(file: string, raw: string): { text: string; expected: Expected[]; asOf?: string } {
    const ranges: { start: number; span: Span }[] = [];
    const open: { offset: number; line: number; column: number }[] = [];
    let text = '';
    let line = 1;
    let column = 1;
    for (const ch of raw) {
        if (ch === '»') {
            open.push({ offset: text.length, line, column });
            continue;
        }
        if (ch === '«') {
            const start = open.pop();
            if (!start) throw new Error(`${file}:${line}:${column}: '«' without '»'`);
            ranges.push({ start: start.offset, span: { line: start.line, column: start.column, endLine: line, endColumn: column } });
            continue;
        }
        text += ch;
        if (ch === '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
    }
    if (open.length) throw new Error(`${file}: '»' without '«'`);
    ranges.sort((a, b) => a.start - b.start);

    const expected: Expected[] = [];
    const claimed = new Set<number>();
    let asOf: string | undefined;
    let offset = 0;
    for (const lineText of text.split('\n')) {
        const match = TEST_LINE.exec(lineText);
        const lineEnd = offset + lineText.length;
        offset = lineEnd + 1;
        if (!match) continue;
        const body = match[1];
        const asOfMatch = /^as_of\s+(\d{4}-\d{2}-\d{2})$/.exec(body);
        if (asOfMatch) {
            asOf = asOfMatch[1];
            continue;
        }
        const index = ranges.findIndex((r, i) => r.start > lineEnd && !claimed.has(i));
        if (index < 0) throw new Error(`${file}: no marked range »...« after '$TEST$ ${body}'`);
        claimed.add(index);
        const issue = ISSUE.exec(body);
        if (issue) {
            expected.push({ kind: 'issue', severity: issue[1] as 'error' | 'warning' | 'info', message: issue[2], file, range: ranges[index].span });
        } else if (body === 'no_issue') {
            expected.push({ kind: 'no_issue', file, range: ranges[index].span });
        } else {
            throw new Error(`${file}: cannot read '$TEST$ ${body}'`);
        }
    }
    if (claimed.size !== ranges.length) throw new Error(`${file}: a marked range »...« has no $TEST$ line above it`);
    return { text, expected, asOf };
}

/** True when two spans share at least one character (or touch, for empty ones). */
export function overlaps(a: Span, b: Span): boolean {
    const before = (l1: number, c1: number, l2: number, c2: number) => l1 < l2 || (l1 === l2 && c1 <= c2);
    return before(a.line, a.column, b.endLine, b.endColumn) && before(b.line, b.column, a.endLine, a.endColumn);
}
