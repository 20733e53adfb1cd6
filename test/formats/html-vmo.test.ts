/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The HTML report as a vendor manager reads it, in a real browser (Debian's chromium through
// playwright-core): the title names clients, providers and the period; the gate and the
// failing norms come before anything else; each program shows its latest data; the action
// log and the exclusion register are there; monthly and weekly charts have one tick per point,
// labelled with the point's own period; trends read from the sparkline's own points; at 390 px
// nothing overflows sideways; it prints on A4; with an assessment, the readiness summary leads.
// The same page renders under VS Code's webview policy (a nonce'd style, no script).
// With NORMA_UPDATE_DOCS=1 it also writes docs/images/report.png (1280 px) and report-390.png.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assess } from '../../language/src/audit/index.js';
import { readAssessments } from '../../language/src/data/index.js';
import { periodStart } from '../../cli/src/formats/chart.js';
import { html, trendOf, webviewReport } from '../../cli/src/formats/html.js';
import { FAILING_VERDICTS } from '../../cli/src/formats/values.js';
import { CASES, evaluate, IN_CI, REPO, writeResult } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
if (!HAVE_CHROMIUM && IN_CI) throw new Error(`chromium is missing in CI (${CHROMIUM}): apt-get install -y chromium.`);
if (!HAVE_CHROMIUM) console.warn(`SKIPPED: the vendor-manager report tests need chromium at ${CHROMIUM} (Debian package chromium).`);

let browser: Browser;
beforeAll(async () => {
    if (!HAVE_CHROMIUM) return;
    browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
}, 60000);
afterAll(async () => { await browser?.close(); });

async function open(file: string, width: number): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const problems: string[] = [];
    page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', e => problems.push(`pageerror: ${e.message}`));
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    return { page, problems };
}

async function exampleWithAssessment() {
    const evaluated = await evaluate(CASES[0]);
    const rows = await readAssessments([path.join(REPO, 'examples/copc-cx/assessment.csv')]);
    expect(rows.errors).toEqual([]);
    const assessment = assess(evaluated.model, evaluated.result, rows.rows, { asOf: evaluated.result.asOf });
    return { ...evaluated, assessment };
}

describe('trend labels', () => {
    it('read the sparkline\'s own points: first against last, in the metric\'s better direction', () => {
        // Ends on its highest handle time: worsening, though the mean of the last three is below the first three's.
        expect(trendOf([400, 390, 380, 300, 290, 410], 'lower')).toBe('↗ worsening');
        expect(trendOf([300, 290, 250, 240], 'lower')).toBe('↘ improving');
        expect(trendOf([80, 81, 84, 86], 'higher')).toBe('↗ improving');
        expect(trendOf([80, 80.2], 'higher')).toBe('→ steady');
        expect(trendOf([80], 'higher')).toBe('too few points');
    });
});

describe.skipIf(!HAVE_CHROMIUM)('the report for a vendor manager, in Chromium', () => {
    it('leads with a title naming clients, providers and period, then the gate and what fails it', async () => {
        const { result, context } = await evaluate(CASES[0]);
        const { page, problems } = await open(writeResult('vmo-example.html', html(result, context)), 1280);
        expect(problems).toEqual([]);
        const h1 = await page.locator('h1').textContent();
        expect(h1).toMatch(/^Acme Telecom, Helvetia Assurances · Atlântico CX, NorthStar Contact Services · \d{4}-\d{2}-\d{2} to 2026-10-31$/);
        expect(await page.title()).toBe(h1);
        // Document order: gate, failing norms, ... then the requirements matrix and the programs.
        const order = await page.evaluate(() => ['#gate', '#failing', '#counts', '#glance', '#requirements', '#providers', '.program', '#actions', '#exclusions']
            .map(sel => { const all = [...document.querySelectorAll('main *')]; return all.indexOf(document.querySelector(sel)!); }));
        expect(order.every(i => i >= 0)).toBe(true);
        expect([...order].sort((a, b) => a - b)).toEqual(order);
        const failing = result.results.filter(r => FAILING_VERDICTS.includes(r.verdict)).map(r => r.norm.id).sort();
        expect((await page.locator('#failing tr[data-failing]').evaluateAll(rows => rows.map(r => r.getAttribute('data-failing')))).sort()).toEqual(failing);
        expect(await page.locator('#failing tr[data-failing-requirement]').count()).toBe(result.requirements.filter(r => !r.satisfied).length);
        // The first failing row is on the first screen.
        const box = await page.locator('#failing tr[data-failing]').first().boundingBox();
        expect(box!.y + box!.height).toBeLessThan(900);
        await page.close();
    });

    it('shows each program\'s latest data, the action log and the exclusion register', async () => {
        const { result, context, model } = await evaluate(CASES[0]);
        const { page } = await open(writeResult('vmo-example.html', html(result, context)), 1280);
        for (const program of new Set(result.results.map(r => r.program))) {
            // The period that starts last, whatever its grain (a day 2026-10-31 after the week 2026-W43).
            const periods = result.results.filter(r => r.program === program).flatMap(r => r.points.map(p => p.period));
            const latest = periods.reduce((a, b) => (periodStart(b) > periodStart(a) ? b : a));
            expect(await page.locator(`#glance tr[data-program="${program}"] .latest-data`).textContent()).toContain(latest);
            expect(await page.locator(`#program-${program} .latest-data`).textContent()).toContain(`latest data ${latest}`);
        }
        const actions = context.actions!.filter(a => result.results.some(r => r.program === a.program));
        expect(actions.length).toBeGreaterThan(0);
        expect(await page.locator('#actions tbody tr').count()).toBe(actions.length);
        const first = page.locator('#actions tbody tr').filter({ hasText: 'Dana Whitfield' });
        expect(await first.textContent()).toContain('Evening shift of 6 FTE added');
        expect(await first.getAttribute('data-status')).toBe('closed');
        expect(await first.locator('td[data-label="Triggers answered"]').textContent()).toMatch(/consecutive misses|critical point/);
        expect(await page.locator('#exclusions tbody tr').count()).toBe(model.exclusions.length);
        const excused = result.results.reduce((n, r) => n + r.points.filter(p => p.exclusion === 'CarrierOutageJuly2026').length, 0);
        expect(excused).toBeGreaterThan(0);
        const row = page.locator('#exclusions tr[data-exclusion="CarrierOutageJuly2026"]');
        expect(await row.textContent()).toContain('Acme Telecom vendor management (M. Keller), change CHG-20417');
        expect(await row.locator('td[data-label="Points excused"]').textContent()).toBe(String(excused));
        expect(await row.locator('td[data-label="Expires"]').textContent()).toBe('2026-12-31');
        await page.close();
    });

    it('puts one tick on every point of monthly and weekly charts, labelled with the point\'s own period', async () => {
        const { result, context, model } = await evaluate(CASES[0]);
        const { page } = await open(writeResult('vmo-example.html', html(result, context)), 1280);
        const grain = new Map(model.metrics.map(m => [m.id, m.period]));
        const charts = await page.locator('figure.chart').evaluateAll(els => els.map(e => ({
            metric: e.getAttribute('data-metric')!,
            points: [...e.querySelectorAll('.point')].map(p => p.getAttribute('data-period')!),
            ticks: e.querySelectorAll('.x-tick').length,
            labels: [...e.querySelectorAll('text.x-label')].map(t => ({ text: t.textContent!, period: t.getAttribute('data-period')!, x: t.getBoundingClientRect().x + t.getBoundingClientRect().width / 2 })),
            pointX: Object.fromEntries([...e.querySelectorAll('.point')].map(p => [p.getAttribute('data-period'), p.getBoundingClientRect().x + p.getBoundingClientRect().width / 2])),
        })));
        let monthly = 0;
        let weekly = 0;
        for (const ch of charts) {
            const g = grain.get(ch.metric);
            if (g !== 'monthly' && g !== 'weekly') continue;
            if (g === 'monthly') monthly++; else weekly++;
            const periods = new Set(ch.points);
            expect(ch.ticks).toBe(periods.size);
            if (periods.size === 0) continue; // a norm without data: its chart says so, with no axis
            expect(ch.labels.length).toBeGreaterThan(0);
            for (const l of ch.labels) {
                expect(periods.has(l.text)).toBe(true);
                expect(l.text).toMatch(g === 'monthly' ? /^\d{4}-\d{2}$/ : /^\d{4}-W\d{2}$/);
                // The label sits under its point.
                expect(Math.abs(l.x - ch.pointX[l.text])).toBeLessThan(1.5);
            }
            // The latest point is always labelled.
            expect(ch.labels[ch.labels.length - 1].text).toBe(ch.points[ch.points.length - 1]);
        }
        expect(monthly).toBeGreaterThan(10);
        expect(weekly).toBeGreaterThan(3);
        // Trend labels agree with the sparklines they sit beside.
        const trends = await page.locator('td.trend').evaluateAll(tds => tds.map(td => ({
            values: (td.querySelector('svg.spark')!.getAttribute('data-values') ?? '').split(' ').filter(Boolean).map(Number),
            label: td.querySelector('.trend-label')!.textContent!,
            metric: td.closest('table')!.getAttribute('data-metric')!,
        })));
        const better = new Map(model.metrics.map(m => [m.id, m.better]));
        for (const t of trends) expect(t.label).toBe(trendOf(t.values, better.get(t.metric) ?? 'higher'));
        await page.close();
    });

    it('reads at 390 px without horizontal scrolling: tables become stacked cards', async () => {
        const { result, context } = await exampleWithAssessment().then(e => ({ ...e, context: { ...e.context, assessment: e.assessment } }));
        const { page, problems } = await open(writeResult('vmo-example-390.html', html(result, context)), 390);
        expect(problems).toEqual([]);
        const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth }));
        expect(widths.doc).toBeLessThanOrEqual(390);
        expect(widths.body).toBeLessThanOrEqual(390);
        const wide = await page.evaluate(() => [...document.querySelectorAll('main *')]
            .filter(e => e.getBoundingClientRect().right > 390.5).slice(0, 5).map(e => `${e.tagName}.${e.className}`));
        expect(wide).toEqual([]);
        expect(await page.locator('table.norms tr').first().evaluate(tr => getComputedStyle(tr).display)).toBe('block');
        await page.close();
    });

    it('prints on A4 with nothing cut at the page\'s width', async () => {
        const { result, context } = await evaluate(CASES[0]);
        const { page } = await open(writeResult('vmo-example.html', html(result, context)), 1280);
        await page.emulateMedia({ media: 'print' });
        await page.setViewportSize({ width: 718, height: 1000 }); // A4 less 12 mm margins, at 96 dpi
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(718);
        const pdf = await page.pdf({ format: 'A4' });
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        await page.close();
    });

    it('with an assessment, the readiness summary comes right after the gate and counts', async () => {
        const { result, context, assessment } = await exampleWithAssessment();
        const { page } = await open(writeResult('vmo-readiness.html', html(result, { ...context, assessment })), 1280);
        const rows = page.locator('#readiness tbody tr');
        expect(await rows.count()).toBe(assessment.programs.length);
        expect(await page.locator('#readiness tr[data-program="AcmeBillingVoiceLisbon"]').getAttribute('data-passed')).toBe('false');
        expect(await page.locator('#readiness tr[data-program="AcmeBillingVoiceLisbon"]').textContent()).toContain('73.6%');
        const order = await page.evaluate(() => ['#counts', '#readiness', '#glance'].map(s => [...document.querySelectorAll('main *')].indexOf(document.querySelector(s)!)));
        expect([...order].sort((a, b) => a - b)).toEqual(order);
        await page.close();
    });

    it('renders the same report, charts included, under VS Code\'s webview policy', async () => {
        const { result, context } = await evaluate(CASES[0]);
        const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
        const problems: string[] = [];
        page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
        const nonce = 'bm9ybWEtdGVzdC1ub25jZQ==';
        const text = webviewReport(result, context, { nonce, cspSource: 'https://webview.example' });
        await page.goto(`file://${writeResult('vmo-webview.html', text)}`, { waitUntil: 'load' });
        const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
        expect(csp).toContain(`style-src 'nonce-${nonce}'`);
        expect(csp).toContain("script-src 'none'");
        expect(csp).not.toContain('unsafe-inline');
        expect(problems).toEqual([]);
        // The nonce'd style applied (the gate's colour comes from it), and every chart is drawn.
        expect(await page.locator('#gate').evaluate(e => getComputedStyle(e).backgroundColor)).toBe('rgb(179, 38, 30)');
        expect(await page.locator('figure.chart svg.control-chart').count()).toBe(new Set(result.results.map(r => `${r.program} ${r.metric}`)).size);
        expect(await page.locator('script').count()).toBe(0);
        await page.close();
    });
});

describe.skipIf(!HAVE_CHROMIUM || process.env.NORMA_UPDATE_DOCS !== '1')('report screenshots (NORMA_UPDATE_DOCS=1)', () => {
    it('writes docs/images/report.png at 1280 px and docs/images/report-390.png at 390 px', async () => {
        const { result, context, assessment } = await exampleWithAssessment();
        const file = writeResult('docs-vmo.html', html(result, { ...context, assessment }));
        // The top of the report, the first program, then the action log and exclusion register.
        const hide = 'nav, #requirements, #providers, .program ~ .program, #upcoming, footer, .program figure.chart ~ figure.chart { display: none !important; }';
        for (const [width, name, height] of [[1280, 'report.png', 2600], [390, 'report-390.png', 4200]] as const) {
            const { page } = await open(file, width);
            await page.addStyleTag({ content: hide });
            const full = await page.evaluate(() => document.documentElement.scrollHeight);
            await page.screenshot({ path: path.join(REPO, 'docs/images', name), clip: { x: 0, y: 0, width, height: Math.min(height, full) } });
            await page.close();
        }
    }, 60000);
});
