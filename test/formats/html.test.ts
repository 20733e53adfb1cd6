// --format html in a real browser (Debian's chromium through playwright-core): the page loads
// with no console error and no request, every norm has its control chart, the requirements
// matrix and provider comparison are there, markup in titles stays text; a screenshot is kept
// under test-results/formats/. With NORMA_UPDATE_DOCS=1 it also refreshes docs/images/report.png
// and docs/report-sample.md from the shipped example.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { html } from '../../cli/src/formats/html.js';
import { markdown } from '../../cli/src/formats/markdown.js';
import { controlLimits, periodStart } from '../../cli/src/formats/chart.js';
import { trendOf } from '../../cli/src/formats/html.js';
import { CASES, evaluate, IN_CI, REPO, writeResult } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
if (!HAVE_CHROMIUM && IN_CI) throw new Error(`chromium is missing in CI (${CHROMIUM}): apt-get install -y chromium.`);
if (!HAVE_CHROMIUM) console.warn(`SKIPPED: the HTML report tests need chromium at ${CHROMIUM} (Debian package chromium).`);

let browser: Browser;
beforeAll(async () => {
    if (!HAVE_CHROMIUM) return;
    browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
}, 60000);
afterAll(async () => { await browser?.close(); });

async function open(file: string, width = 1150) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', e => problems.push(`pageerror: ${e.message}`));
    page.on('request', r => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    page.on('dialog', d => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    return { page, problems, requests };
}

describe.skipIf(!HAVE_CHROMIUM).each(CASES)('html on $name in Chromium', (c) => {
    it('loads with no console error or request, a chart for every norm, and a screenshot', async () => {
        const { result, context } = await evaluate(c);
        const file = writeResult(`${c.name}.html`, html(result, context));
        const { page, problems, requests } = await open(file);
        expect(problems).toEqual([]);
        expect(requests).toEqual([]);
        expect(await page.locator('#gate').getAttribute('data-passed')).toBe(String(result.summary.passed));
        // Every norm is in exactly one chart, and that chart is drawn (an SVG with its target line).
        const charts = await page.locator('figure.chart').evaluateAll(els => els.map(e => ({
            norms: (e.getAttribute('data-norms') ?? '').split(' '),
            svg: e.querySelectorAll('svg.control-chart').length,
            target: e.querySelectorAll('path.target').length,
            points: e.querySelectorAll('.point').length,
            width: e.querySelector('svg')!.getBoundingClientRect().width,
        })));
        const charted = charts.flatMap(ch => ch.norms);
        expect(charted.sort()).toEqual(result.results.map(r => r.norm.id).sort());
        for (const ch of charts) {
            expect(ch.svg).toBe(1);
            expect(ch.target).toBeGreaterThan(0);
            expect(ch.width).toBeGreaterThan(300);
        }
        const points = result.results.reduce((n, r) => n + r.points.length, 0);
        expect(charts.reduce((n, ch) => n + ch.points, 0)).toBe(points);
        // A table row with verdict and reason per norm.
        expect(await page.locator('tr[data-norm]').count()).toBe(result.results.length);
        expect(await page.locator('table.providers').count()).toBe(new Set(result.results.map(r => r.metric)).size);
        const cells = await page.locator('.matrix td[data-requirement]').count();
        expect(cells).toBe(result.requirements.length);
        await page.screenshot({ path: path.join(REPO, `test-results/formats/${c.name}.png`), fullPage: true });
        // It prints: a PDF comes out, charts whole.
        const pdf = await page.pdf({ format: 'A4' });
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        await page.close();
    });
});

describe.skipIf(!HAVE_CHROMIUM)('html on every verdict kind', () => {
    it('draws each verdict with its marks: critical, unsampled, excluded points, triggers, a stepping target, floors and control limits', async () => {
        const { result, context } = await evaluate(CASES[1]);
        const file = writeResult('every-verdict-marks.html', html(result, context));
        const { page, problems } = await open(file);
        expect(problems).toEqual([]);
        const chart = (program: string, metric: string) => page.locator(`figure.chart[data-program="${program}"][data-metric="${metric}"]`);
        const sl = chart('Acme', 'ServiceLevel');
        expect(await sl.getAttribute('data-norms')).toBe('Acme.ServiceLevel Acme.ServiceLevel@2026-02-01');
        // The target steps from 80% to 85%: two horizontal runs joined by a vertical one.
        const d = (await sl.locator('path.target').first().getAttribute('d'))!;
        expect(d.match(/H/g)).toHaveLength(2);
        expect(d.match(/L/g)).toHaveLength(1);
        expect(await sl.locator('.critical-floor').count()).toBe(1);
        expect(await sl.locator('.point.critical').count()).toBe(1);
        expect(await sl.locator('.trigger').count()).toBe(2);
        expect(await sl.locator('.mean').count()).toBe(1);
        expect(await sl.locator('.control-limit').count()).toBeGreaterThanOrEqual(1);
        expect(await chart('Acme', 'CriticalErrorAccuracy').locator('.point.unsampled').count()).toBe(1);
        expect(await chart('Globex', 'ServiceLevel').locator('.point.excluded').count()).toBe(1);
        expect(await chart('Acme', 'FirstContactResolution').locator('text', { hasText: 'no data' }).count()).toBe(1);
        for (const v of ['met', 'at-risk', 'action-planned', 'action-required', 'overdue', 'no-data']) {
            expect(await page.locator(`tr[data-verdict="${v}"]`).count()).toBeGreaterThan(0);
        }
        expect(await page.locator('.matrix td[data-satisfied="false"]').count()).toBe(2);
        // Markup in a program title and a provider stays text: no element made from it.
        expect(await page.locator('script').count()).toBe(0);
        expect(await page.locator('main b', { hasText: 'Contact' }).count()).toBe(0);
        const title = await page.locator('#program-Acme h2').textContent();
        expect(title).toBe("Acme · Acme <script>alert('x')</script> ]]> & billing");
        expect(await page.locator('table.providers[data-metric="ServiceLevel"]').textContent()).toContain('NorthStar <b>Contact</b>');
        await page.close();
    });
});

describe('chart arithmetic', () => {
    it('places periods of every grain on days', () => {
        expect(periodStart('1970-01-02')).toBe(1);
        expect(periodStart('2026-01-05T12:00')).toBe(periodStart('2026-01-05') + 0.5);
        expect(periodStart('2026-02')).toBe(periodStart('2026-02-01'));
        expect(periodStart('2026-W01')).toBe(periodStart('2025-12-29'));
        expect(periodStart('2026-W02')).toBe(periodStart('2026-01-05'));
        expect(periodStart('2020-W53')).toBe(periodStart('2020-12-28'));
    });

    it('computes individuals-chart limits from the average moving range', () => {
        const l = controlLimits([10, 12, 11, 13])!;
        expect(l.mean).toBe(11.5);
        expect(l.sigma).toBeCloseTo((5 / 3) / 1.128, 10);
        expect(l.ucl).toBeCloseTo(11.5 + 3 * l.sigma, 10);
        expect(controlLimits([1])).toBeUndefined();
    });

    it('reads a trend against the metric\'s better direction, last point against first', () => {
        expect(trendOf([80, 81, 84, 86], 'higher')).toBe('↗ improving');
        expect(trendOf([80, 81, 84, 86], 'lower')).toBe('↗ worsening');
        expect(trendOf([300, 290, 250, 240], 'lower')).toBe('↘ improving');
        expect(trendOf([80, 80, 80, 80], 'higher')).toBe('→ steady');
        expect(trendOf([80, 81], 'higher')).toBe('↗ improving');
        expect(trendOf([80], 'higher')).toBe('too few points');
    });
});

describe.skipIf(!HAVE_CHROMIUM || process.env.NORMA_UPDATE_DOCS !== '1')('docs images (NORMA_UPDATE_DOCS=1)', () => {
    it('writes docs/report-sample.md from the example (the screenshots: html-vmo.test.ts)', async () => {
        const { result, context } = await evaluate(CASES[0]);
        const command = `norma check examples/copc-cx --data examples/copc-cx/data --actions examples/copc-cx/actions.csv --as-of 2026-10-31 --format markdown`;
        fs.writeFileSync(path.join(REPO, 'docs/report-sample.md'),
            `<!-- Made from the shipped example by: ${command} (test/formats/html.test.ts with NORMA_UPDATE_DOCS=1). -->\n\n${markdown(result, context)}`);
    });
});
