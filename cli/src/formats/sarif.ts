/**
 * `--format sarif` (check) and `norma validate --format sarif`: SARIF 2.1.0, the format code
 * hosts read to annotate source lines. Each check result points at the norm's line in its
 * `.norma` file, so the annotation lands on the norm itself; an unsatisfied requirement points
 * at the program that lacks the norm. One rule per verdict kind (and `requirement-unsatisfied`);
 * for validate, one rule per diagnostic code. Levels: error for what fails the gate, warning for
 * `at-risk`, note for `action-planned`. `met` norms get no result (a code host would turn a
 * result into an alert whatever its `kind`): their ids are listed in the run's `properties.met`.
 *
 * Locations: `uri` is the file relative to the current folder (where CI runs, usually the
 * repository root), with `uriBaseId: "%SRCROOT%"` and `originalUriBaseIds` naming that folder,
 * so viewers resolve the file both ways.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CheckWarning, NormResult, Verdict } from '../../../language/src/engine/types.js';
import type { Diagnostic } from '../../../language/src/workspace/workspace.js';
import { decidingText, parseSource, ruleText } from './facts.js';
import type { TextFormat } from './format.js';
import { metricsById, verdictWords } from './values.js';
import { VERSION } from '../version.js';

const TOOL = { name: 'Norma', version: VERSION, semanticVersion: VERSION };
const SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const BASE = '%SRCROOT%';

type Level = 'error' | 'warning' | 'note' | 'none';

interface Rule {
    id: string;
    name: string;
    shortDescription: { text: string };
    fullDescription: { text: string };
    defaultConfiguration: { level: Level };
    help: { text: string };
}

const VERDICT_RULES: { verdict: Verdict; name: string; level: Level; short: string; full: string }[] = [
    { verdict: 'action-required', name: 'ActionRequired', level: 'error', short: 'A norm was breached and no action answers it.',
      full: 'A trigger fired (a critical point, or N consecutive misses) and no improvement action with an owner was opened for the program and metric on or after the trigger\'s period. Open an action, or fix the performance.' },
    { verdict: 'overdue', name: 'Overdue', level: 'error', short: 'The action answering a breach is past its due date.',
      full: 'Every trigger is answered, but an answering action is past its due date at the evaluation day and not closed.' },
    { verdict: 'stale', name: 'Stale', level: 'error', short: 'A norm\'s data is out of date.',
      full: 'The latest judged point of the norm is older than its allowance at the evaluation day (data within N days, or two periods of the metric\'s grain): the export has stopped or lags. Send the missing periods.' },
    { verdict: 'no-data', name: 'NoData', level: 'error', short: 'A norm has no measured point in its window.',
      full: 'No met or missed point of the metric and program falls in the norm\'s window up to the evaluation day: the norm cannot be judged.' },
    { verdict: 'at-risk', name: 'AtRisk', level: 'warning', short: 'A norm was missed, but no trigger fired yet.',
      full: 'At least one point missed the norm, without reaching the critical floor or the number of consecutive misses that requires an action.' },
    { verdict: 'action-planned', name: 'ActionPlanned', level: 'note', short: 'A norm was breached and every breach has an action.',
      full: 'Triggers fired and each is answered by an improvement action that is not overdue.' },
    { verdict: 'met', name: 'Met', level: 'none', short: 'Every point met the norm.', full: 'Every judged point in the norm\'s window met the norm.' },
];

const WARNING_RULES: Record<CheckWarning['code'], { name: string; short: string; full: string }> = {
    'action-without-owner': { name: 'ActionWithoutOwner', short: 'An action row has no owner, so it answers no trigger.',
        full: 'An improvement action answers a breach only when someone is responsible for it: fill in the owner column.' },
    'exclusion-expired': { name: 'ExclusionExpired', short: 'An exclusion has expired and is no longer applied.',
        full: 'The points the exclusion covered are judged as usual since its expiry day: renew it (with a new approval) or remove it.' },
    'implausible-scale': { name: 'ImplausibleScale', short: 'The values of a data file look like the wrong unit.',
        full: 'All values of a percent metric lie within 0..1 (a fraction?), or a duration metric\'s values look like minutes or hours rather than seconds.' },
    'records-not-taken': { name: 'RecordsNotTaken', short: 'Some raw records are taken by no program.',
        full: 'No program\'s records clause takes these records, so they count in no metric: check the records clauses (records Calls where queue = ...) or the export.' },
    'records-no-row': { name: 'RecordsNoRow', short: 'A period computed from records gives no point.',
        full: 'The formula\'s denominator is 0 in that period (nobody offered, nothing evaluated), or it holds no values to average: the period is no data, never 0% or 100%.' },
};

const REQUIREMENT_RULE = {
    id: 'requirement-unsatisfied', name: 'RequirementUnsatisfied', level: 'error' as Level,
    short: 'A requirement of an applied standard has no norm in the program.',
    full: 'The program applies a standard whose requirement needs a norm for a metric or family, and the program has no such norm.',
};

export function rule(id: string, name: string, level: Level, short: string, full: string): Rule {
    return {
        id, name, shortDescription: { text: short }, fullDescription: { text: full },
        defaultConfiguration: { level }, help: { text: full },
    };
}

/** An artifact location relative to the current folder, POSIX separators, percent-encoded as a URI reference. */
function artifactLocation(root: string, file: string): { uri: string; uriBaseId: string } {
    const rel = path.relative(process.cwd(), path.resolve(root, file)).split(path.sep).join('/');
    return { uri: rel.split('/').map(encodeURIComponent).join('/'), uriBaseId: BASE };
}

export function location(root: string, file: string, line: number, column?: number, endLine?: number, endColumn?: number) {
    const region: Record<string, number> = { startLine: Math.max(1, line) };
    if (column && column > 0) region.startColumn = column;
    if (endLine && endLine >= region.startLine) region.endLine = endLine;
    if (endColumn && endColumn > 0 && endLine) region.endColumn = endColumn;
    return { physicalLocation: { artifactLocation: artifactLocation(root, file), region } };
}

export function run(rules: Rule[], results: unknown[], extra: Record<string, unknown> = {}) {
    let base = pathToFileURL(process.cwd()).href;
    if (!base.endsWith('/')) base += '/';
    return {
        $schema: SCHEMA_URI,
        version: '2.1.0',
        runs: [{
            tool: { driver: { ...TOOL, rules } },
            originalUriBaseIds: { [BASE]: { uri: base } },
            columnKind: 'utf16CodeUnits',
            results,
            ...extra,
        }],
    };
}

export const sarif: TextFormat = (result, context) => {
    const metrics = metricsById(context.model);
    const rules = [
        ...VERDICT_RULES.map(r => rule(r.verdict, r.name, r.level, r.short, r.full)),
        rule(REQUIREMENT_RULE.id, REQUIREMENT_RULE.name, REQUIREMENT_RULE.level, REQUIREMENT_RULE.short, REQUIREMENT_RULE.full),
    ];
    const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
    const results: unknown[] = result.results.filter(r => r.verdict !== 'met').map(r => normResult(r, context.root, ruleText(r.norm, metrics.get(r.metric)), decidingText(r, metrics.get(r.metric), 50), ruleIndex.get(r.verdict)!));
    const programs = new Map(context.model.programs.map(p => [p.id, p]));
    const requirements = new Map(context.model.requirements.map(r => [r.id, r]));
    for (const req of result.requirements.filter(r => !r.satisfied)) {
        const program = programs.get(req.program);
        const definition = requirements.get(req.id);
        results.push({
            ruleId: REQUIREMENT_RULE.id,
            ruleIndex: ruleIndex.get(REQUIREMENT_RULE.id),
            kind: 'fail',
            level: 'error',
            message: { text: `${req.program}: requirement ${req.id} is not satisfied: ${req.reason}` },
            locations: program ? [location(context.root, program.source.file, program.source.line, program.source.column)] : [],
            ...(definition ? { relatedLocations: [{ id: 1, ...location(context.root, definition.source.file, definition.source.line, definition.source.column), message: { text: `requirement ${req.id}` } }] } : {}),
            partialFingerprints: { 'normaRequirement/v1': `${req.program}|${req.id}` },
            properties: { program: req.program, requirement: req.id },
        });
    }
    for (const w of result.warnings) {
        let index = ruleIndex.get(w.code);
        if (index === undefined) {
            const spec = WARNING_RULES[w.code];
            rules.push(rule(w.code, spec.name, 'warning', spec.short, spec.full));
            ruleIndex.set(w.code, index = rules.length - 1);
        }
        const at = w.source ? parseSource(w.source) : undefined;
        results.push({
            ruleId: w.code,
            ruleIndex: index,
            kind: 'review',
            level: 'warning',
            message: { text: w.message },
            // Data rows are named relative to the current folder, `.norma` lines relative to the workspace.
            locations: at ? [location(w.code === 'exclusion-expired' ? context.root : process.cwd(), at.file, at.line)] : [],
            partialFingerprints: { 'normaWarning/v1': `${w.code}|${w.message}` },
        });
    }
    return JSON.stringify(run(rules, results, {
        invocations: [{ executionSuccessful: true, properties: { asOf: result.asOf, passed: result.summary.passed } }],
        properties: { summary: result.summary, met: result.results.filter(r => r.verdict === 'met').map(r => r.norm.id) },
    }), null, 2);
};

function normResult(r: NormResult, root: string, ruleText: string, deciding: { periods: string; values: string }, index: number) {
    const spec = VERDICT_RULES.find(v => v.verdict === r.verdict)!;
    const { file, line } = parseSource(r.norm.source);
    return {
        ruleId: r.verdict,
        ruleIndex: index,
        kind: 'fail',
        level: spec.level,
        message: { text: `${r.program} ${ruleText}: ${verdictWords(r.verdict)}. ${r.reason}` },
        locations: [location(root, file, line)],
        partialFingerprints: { 'normaNorm/v1': `${r.norm.id}|${r.verdict}` },
        properties: {
            program: r.program, metric: r.metric, norm: r.norm.id, verdict: r.verdict,
            rule: ruleText, periods: deciding.periods, values: deciding.values,
        },
    };
}

/** `norma validate --format sarif`: the language diagnostics, one rule per diagnostic code. */
export function sarifDiagnostics(diagnostics: Diagnostic[], root: string): string {
    const codes = [...new Set(diagnostics.map(codeOf))].sort();
    const rules = codes.map(code => {
        const first = diagnostics.find(d => codeOf(d) === code)!;
        const level = levelOf(first.severity);
        const text = code === 'norma-syntax' ? 'The text does not parse as Norma.' : `Norma language check '${code}'.`;
        return rule(code, code.replace(/(^|[-_.])(\w)/g, (_, __, c: string) => c.toUpperCase()), level, text, text);
    });
    const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
    const results = diagnostics.map(d => ({
        ruleId: codeOf(d),
        ruleIndex: ruleIndex.get(codeOf(d)),
        level: levelOf(d.severity),
        message: { text: d.message },
        locations: [location(root, d.file, d.line, d.column, d.endLine, d.endColumn)],
    }));
    return JSON.stringify(run(rules, results, {
        invocations: [{ executionSuccessful: true, properties: { errors: diagnostics.filter(d => d.severity === 'error').length } }],
    }), null, 2);
}

function codeOf(d: Diagnostic): string {
    return d.code && d.code.trim() ? d.code : 'norma-syntax';
}

function levelOf(severity: Diagnostic['severity']): Level {
    return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

