// The packaged extension (dist/norma.vsix) in a real VS Code: code-server's web build on a
// loopback port, driven headless in Debian's Chromium with playwright-core.
// Installs the .vsix into a fresh extensions folder, opens a copy of a small workspace, and
// checks what a user sees: the known error in the Problems panel, metric names completed
// after `norm `, a metric's hover card, and the gate's verdict after "Check Workspace Against
// Data..." with its report. Screenshots go to test-results/vscode/.
// Every wait is bounded; code-server and Chromium are stopped at the end, whatever happened.
// Prerequisites: `bash test/vscode-e2e/setup.sh` and `npm run package`.
// Usage: node test/vscode-e2e/run.mjs   (NORMA_E2E_KEEP=1 keeps the temporary folder)
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const vsix = path.join(root, 'dist/norma.vsix');
const codeServer = path.join(here, 'node_modules/.bin/code-server');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const artifacts = path.join(root, 'test-results/vscode');
const readmeImage = path.join(root, 'docs/images/vscode.png');
// The workspace: a copy of the product's example, with overlay/ laid over it (a program file
// holding one known error, and the workspace settings norma.data, norma.actions, norma.asOf).
const example = path.join(root, 'examples/copc-cx');
const overlay = path.join(here, 'overlay');
const BROKEN = 'programs/e2e-broken.norma';
const BROKEN_LINE = 6; // `norm AbandonmentRat <= 8%`
const HOVERED = 'AverageSpeedOfAnswer'; // on line 5
const HOST = '127.0.0.1';
const WATCHDOG_MS = 8 * 60_000;

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const log = (line) => console.log(`[${elapsed()}] ${line}`);

// ---- results -------------------------------------------------------------------------------
const outcomes = [];
async function expectStep(name, body) {
    const t0 = Date.now();
    try {
        await body();
        outcomes.push({ name, ok: true });
        log(`ok    ${name} (${Date.now() - t0} ms)`);
        return true;
    } catch (error) {
        outcomes.push({ name, ok: false, error });
        log(`FAIL  ${name} (${Date.now() - t0} ms): ${error?.message ?? error}`);
        await shoot(`failed-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => {});
        return false;
    }
}

// ---- processes we start, and their cleanup --------------------------------------------------
let server;
let browser;
let page;
let tmp;
async function cleanup() {
    await browser?.close().catch(() => {});
    browser = undefined;
    if (server && server.exitCode === null) {
        try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
        const gone = await Promise.race([
            new Promise(resolve => server.once('exit', () => resolve(true))),
            new Promise(resolve => setTimeout(() => resolve(false), 5000)),
        ]);
        if (!gone) try { process.kill(-server.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    server = undefined;
    if (tmp && !process.env.NORMA_E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
}
const watchdog = setTimeout(async () => {
    log(`FAIL  the whole test took longer than ${WATCHDOG_MS / 1000} s`);
    await cleanup();
    process.exit(1);
}, WATCHDOG_MS);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, async () => { await cleanup(); process.exit(130); });

// Error notifications the workbench showed (a failed LSP request, a crashed server), collected
// before every screenshot and at the end; the toasts are then cleared so screenshots stay clean.
const notifications = new Set();
async function collectNotifications({ clear = true } = {}) {
    if (!page) return;
    const texts = await page.locator('.notification-toast .notification-list-item').allInnerTexts().catch(() => []);
    for (const text of texts) notifications.add(text.replace(/\s+/g, ' ').trim());
    if (clear && texts.length) await runCommand('Notifications: Clear All Notifications').catch(() => {});
}

async function shoot(name, { collect = true } = {}) {
    if (!page) return undefined;
    if (collect) await collectNotifications();
    const file = path.join(artifacts, `${name}.png`);
    await page.screenshot({ path: file, timeout: 10_000 });
    return file;
}

// ---- helpers -------------------------------------------------------------------------------
function freePort() {
    return new Promise((resolve, reject) => {
        const probe = net.createServer();
        probe.once('error', reject);
        probe.listen(0, HOST, () => {
            const { port } = probe.address();
            probe.close(() => resolve(port));
        });
    });
}

async function waitForHttp(url, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
        if (server?.exitCode !== null) throw new Error(`code-server exited with code ${server?.exitCode}`);
        try {
            const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
            if (response.ok) return;
            last = `HTTP ${response.status}`;
        } catch (error) {
            last = error.message;
        }
        await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new Error(`${url} did not answer within ${timeoutMs / 1000} s (${last})`);
}

/** Runs a command of the palette by its title. */
async function runCommand(title) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('Enter');
}

/** Opens a workspace file through Quick Open and waits for its editor tab. */
async function openFile(relative) {
    const name = path.basename(relative);
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(relative);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: 15_000 });
}

/** Puts the cursor at the end of a 1-based line of the active editor. */
async function goToLineEnd(line) {
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`:${line}`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
}

const editorText = () => page.locator('.editor-instance .monaco-editor .view-lines').first().innerText({ timeout: 5000 });

/** Every `.norma` file under a folder. */
function collectNorma(dir) {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
        const p = path.join(dir, e.name);
        return e.isDirectory() ? collectNorma(p) : e.name.endsWith('.norma') ? [p] : [];
    });
}

// ---- the test ------------------------------------------------------------------------------
async function main() {
    for (const [what, file, fix] of [
        ['the packaged extension', vsix, 'npm run package'],
        ['code-server', codeServer, 'bash test/vscode-e2e/setup.sh'],
        ['Chromium', chromiumPath, 'bash test/vscode-e2e/setup.sh'],
        ['the example workspace', example, 'git checkout examples/copc-cx'],
        ['the built CLI', path.join(root, 'dist/cli.mjs'), 'npm run build'],
    ]) {
        if (!fs.existsSync(file)) throw new Error(`Missing ${what} (${file}): run \`${fix}\` first.`);
    }
    fs.mkdirSync(artifacts, { recursive: true });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'norma-vscode-e2e-'));
    const extensionsDir = path.join(tmp, 'extensions');
    const userDataDir = path.join(tmp, 'user-data');
    const workspace = path.join(tmp, 'workspace');
    fs.cpSync(example, workspace, { recursive: true });
    fs.cpSync(overlay, workspace, { recursive: true });
    const settings = JSON.parse(fs.readFileSync(path.join(overlay, '.vscode/settings.json'), 'utf8'));
    // What the example declares, read from its files so that the test follows the example as it grows.
    const normaText = collectNorma(workspace).map(f => fs.readFileSync(f, 'utf8')).join('\n');
    const metricTitles = new Map([...normaText.matchAll(/^\s*metric\s+(\w+)\s+"([^"]*)"/gm)].map(m => [m[1], m[2]]));
    if (!metricTitles.has(HOVERED)) throw new Error(`examples/copc-cx declares no metric ${HOVERED}; update the overlay`);
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify({
        'security.workspace.trust.enabled': false,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'workbench.colorTheme': 'Default Dark Modern',
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'chat.commandCenter.enabled': false,
        'editor.minimap.enabled': false,
        'editor.fontSize': 15,
        'window.commandCenter': false,
        'files.autoSave': 'off',
    }, null, 2));

    log(`installing ${path.relative(root, vsix)} into a fresh extensions folder`);
    const install = spawnSync(codeServer, [
        '--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir,
    ], { encoding: 'utf8', timeout: 120_000 });
    const installed = (install.stdout ?? '') + (install.stderr ?? '');
    await expectStep('the .vsix installs in code-server', async () => {
        if (install.status !== 0) throw new Error(`exit ${install.status ?? install.signal}: ${installed.trim()}`);
        const dirs = fs.readdirSync(extensionsDir).filter(d => d.startsWith('norma.norma-'));
        if (dirs.length !== 1) throw new Error(`expected norma.norma-<version> in the extensions folder, found: ${fs.readdirSync(extensionsDir).join(', ')}`);
        for (const f of ['dist/extension.cjs', 'dist/server.cjs', 'syntaxes/norma.tmLanguage.json']) {
            if (!fs.existsSync(path.join(extensionsDir, dirs[0], f))) throw new Error(`the installed extension lacks ${f}`);
        }
    });

    const port = await freePort();
    log(`starting code-server on ${HOST}:${port}`);
    const serverLog = fs.createWriteStream(path.join(artifacts, 'code-server.log'));
    server = spawn(codeServer, [
        '--bind-addr', `${HOST}:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
        '--disable-workspace-trust', '--disable-getting-started-override',
        '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, workspace,
    ], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VSCODE_PROXY_URI: '' } });
    server.stdout.pipe(serverLog);
    server.stderr.pipe(serverLog);
    await waitForHttp(`http://${HOST}:${port}/healthz`, 60_000);
    log('code-server answers; launching Chromium');

    browser = await chromium.launch({
        executablePath: chromiumPath,
        headless: true,
        timeout: 60_000,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
            '--no-first-run', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    context.setDefaultTimeout(15_000);
    // Only loopback: any other request is refused before it leaves the browser.
    await context.route(url => !/^(data|blob):$/.test(url.protocol) && !['127.0.0.1', 'localhost'].includes(url.hostname), route => route.abort());
    page = await context.newPage();
    const browserErrors = [];
    page.on('pageerror', error => browserErrors.push(error.message));
    await page.goto(`http://${HOST}:${port}/?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000, waitUntil: 'domcontentloaded' });

    await expectStep('VS Code opens the workspace', async () => {
        await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
        await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ state: 'visible', timeout: 60_000 });
        await page.locator('.monaco-list-row', { hasText: 'programs' }).first().waitFor({ state: 'visible', timeout: 60_000 });
    });

    await expectStep('the known error shows in the Problems panel', async () => {
        await openFile(BROKEN);
        await page.keyboard.press('Control+Shift+M');
        const panel = page.locator('.markers-panel');
        await panel.waitFor({ state: 'visible', timeout: 15_000 });
        const row = panel.locator('.monaco-list-row', { hasText: 'AbandonmentRat\'' }).first();
        await row.waitFor({ state: 'visible', timeout: 60_000 });
        const text = await row.innerText();
        if (!/AbandonmentRate/.test(text) || !text.includes(`Ln ${BROKEN_LINE}`)) throw new Error(`expected a did-you-mean AbandonmentRate on line ${BROKEN_LINE}: ${text}`);
        // The squiggle sits in the editor too.
        await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'visible', timeout: 15_000 });
        log(`      problem: ${text.replace(/\s+/g, ' ').trim()}`);
        await shoot('1-problems');
    });

    await expectStep('completion after `norm ` lists the metric names', async () => {
        await page.locator('.editor-instance .monaco-editor .view-lines').first().click({ timeout: 10_000 });
        await goToLineEnd(BROKEN_LINE);
        await page.keyboard.press('Enter');
        await page.keyboard.type('norm ', { delay: 40 });
        const widget = page.locator('.editor-widget.suggest-widget');
        const opened = await widget.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false);
        if (!opened) {
            await page.keyboard.press('Control+Space');
            await widget.waitFor({ state: 'visible', timeout: 15_000 });
        }
        await widget.locator('.monaco-list-row').nth(2).waitFor({ state: 'visible', timeout: 15_000 });
        const rows = await widget.locator('.monaco-list-row').allInnerTexts();
        const labels = rows.map(r => r.trim().split(/\s+/)[0]);
        const metrics = labels.filter(l => metricTitles.has(l));
        // The list shows what fits (about a dozen rows): every row must be a metric, and at least three.
        if (metrics.length < 3 || metrics.length !== labels.length) throw new Error(`expected only metric names, got: ${labels.join(', ')}`);
        log(`      suggestions: ${rows.map(r => r.replace(/\s+/g, ' ').trim()).join(' | ')}`);
        await shoot('2-completion');
        await page.keyboard.press('Escape');
        // Put the file back as it was: delete the line just typed.
        await page.keyboard.press('Control+Shift+K');
    });

    let hoverShot;
    let reportShot;
    await expectStep('hovering a metric shows its card', async () => {
        const name = page.locator('.editor-instance .view-line span', { hasText: new RegExp(`^${HOVERED}$`) }).first();
        await name.waitFor({ state: 'visible', timeout: 10_000 });
        const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: metricTitles.get(HOVERED) });
        await collectNotifications(); // before hovering: the command palette would close the card
        let shown = false;
        for (let attempt = 0; attempt < 4 && !shown; attempt++) {
            const box = await name.boundingBox();
            if (!box) throw new Error('the metric name has no box on screen');
            await page.mouse.move(box.x + box.width / 2 + attempt, box.y + box.height / 2);
            shown = await hover.first().waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false);
            if (!shown) await page.mouse.move(5, 5);
        }
        if (!shown) throw new Error('no hover card with the metric title appeared');
        const text = await hover.first().innerText();
        log(`      hover: ${text.replace(/\s+/g, ' ').trim()}`);
        await page.waitForTimeout(800); // let the card finish fading in before the picture
        hoverShot = await shoot('3-hover', { collect: false });
        await page.mouse.move(5, 5);
    });

    await expectStep('Check Workspace Against Data shows the gate in the status bar and opens the report', async () => {
        // Fix the known error so that the workspace can be checked: AbandonmentRat -> AbandonmentRate.
        await page.locator('.editor-instance .monaco-editor .view-lines').first().click({ timeout: 10_000 });
        await goToLineEnd(BROKEN_LINE);
        await page.keyboard.press('Home');
        await page.keyboard.press('Shift+End');
        await page.keyboard.type('norm AbandonmentRate <= 8%', { delay: 10 });
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+S');
        await page.locator('.markers-panel .monaco-list-row', { hasText: 'AbandonmentRat\'' }).first()
            .waitFor({ state: 'detached', timeout: 30_000 });
        await runCommand('Norma: Check Workspace Against Data...');
        const status = page.locator('.statusbar-item', { hasText: /Norma: (passing|\d+ (breach|no data|unmet))/ }).first();
        const refusal = page.locator('.notification-toast:has(.codicon-error)', { hasText: /Norma: / }).first();
        await status.or(refusal).first().waitFor({ state: 'visible', timeout: 60_000 });
        if (await refusal.isVisible()) throw new Error(`the check was refused: ${(await refusal.innerText()).replace(/\s+/g, ' ')}`);
        const verdict = (await status.first().innerText()).trim();
        log(`      status bar: ${verdict}`);
        await runCommand('View: Hide Panel');
        await runCommand('Norma: Open Report');
        const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
        // One engine: the editor's verdicts are the CLI's on the same files, data and day.
        const cli = spawnSync(process.execPath, [path.join(root, 'cli/bin/norma.js'), 'check', workspace,
            '--data', path.join(workspace, settings['norma.data']), '--actions', path.join(workspace, settings['norma.actions']),
            '--as-of', settings['norma.asOf'], '--format', 'json'], { encoding: 'utf8', timeout: 60_000 });
        const expected = JSON.parse(cli.stdout);
        const s = expected.summary;
        const breaches = s.actionRequired + s.overdue;
        const wantStatus = s.passed ? 'Norma: passing' : [
            breaches && `${breaches} breach${breaches === 1 ? '' : 'es'}`,
            s.noData && `${s.noData} no data`,
            s.stale && `${s.stale} stale`,
            s.requirementsUnsatisfied && `${s.requirementsUnsatisfied} unmet requirement${s.requirementsUnsatisfied === 1 ? '' : 's'}`,
        ].filter(Boolean).join(', ');
        if (!verdict.endsWith(wantStatus)) throw new Error(`status bar '${verdict}', but norma check gives '${wantStatus}'`);
        const firstProgram = expected.results[0]?.program ?? '';
        await frame.locator('h2', { hasText: firstProgram }).first().waitFor({ state: 'visible', timeout: 30_000 });
        const report = await frame.locator('body').innerText({ timeout: 10_000 });
        // The same HTML report as `norma check --format html`: gate, counts, a chart per program and metric.
        const want = [`${s.norms} norms`, s.passed ? 'Gate passed' : 'Gate failed', `as of ${expected.asOf}`, 'Action log', 'Exclusion register'];
        for (const program of new Set(expected.results.map(r => r.program))) want.push(program);
        const missing = want.filter(w => !report.includes(w));
        if (missing.length) throw new Error(`the report disagrees with \`norma check\` (${missing.join(', ')} missing):\n${report.slice(0, 400)}`);
        const gate = await frame.locator('#gate').getAttribute('data-passed');
        if (gate !== String(s.passed)) throw new Error(`the report's gate says passed=${gate}, norma check ${s.passed}`);
        const charts = await frame.locator('figure.chart svg.control-chart').count();
        const pairs = new Set(expected.results.map(r => `${r.program} ${r.metric}`)).size;
        if (charts !== pairs) throw new Error(`the report draws ${charts} charts, norma check has ${pairs} program-metric pairs`);
        log(`      report: ${report.split('\n').filter(Boolean).slice(0, 3).join(' / ')}`);
        reportShot = await shoot('4-report');
    });

    await expectStep('Compile Checks writes the standalone module into the chosen folder', async () => {
        const out = path.join(workspace, 'compiled');
        fs.mkdirSync(out, { recursive: true });
        // Back to the editor (the report's webview may hold the focus).
        await page.locator('.editor-instance .monaco-editor .view-lines').first().click({ timeout: 10_000 });
        await runCommand('Norma: Compile Checks');
        // code-server's own folder picker: a quick input holding a path.
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible', timeout: 10_000 });
        const workspaceRow = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'programs' }).first();
        await workspaceRow.waitFor({ state: 'visible', timeout: 15_000 }); // it has settled on the default folder
        await input.fill(`${out}/`);
        // The picker lists the folder typed once it has moved there: the workspace's own folders go away.
        await workspaceRow.waitFor({ state: 'hidden', timeout: 15_000 });
        const typed = await input.inputValue();
        if (typed !== `${out}/`) throw new Error(`the folder picker holds '${typed}', not the folder typed`);
        const written = page.locator('.notification-toast', { hasText: /Norma: wrote/ }).first();
        const refusal = page.locator('.notification-toast:has(.codicon-error)', { hasText: /Norma: / }).first();
        for (let i = 0; i < 3 && !(await written.or(refusal).first().isVisible()); i++) {
            if (await input.isVisible()) await page.keyboard.press('Enter');
            await written.or(refusal).first().waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
        }
        await written.or(refusal).first().waitFor({ state: 'visible', timeout: 30_000 });
        log(`      notification: ${(await written.or(refusal).first().innerText()).replace(/\s+/g, ' ')}`);
        if (await refusal.isVisible()) throw new Error(`the compile was refused: ${(await refusal.innerText()).replace(/\s+/g, ' ')}`);
        const module = path.join(out, 'norma-checks.mjs');
        if (!fs.existsSync(module)) throw new Error(`${module} was not written`);
        const { check } = await import(`${pathToFileURL(module).href}`);
        if (typeof check !== 'function') throw new Error('the compiled module exports no check function');
        log(`      wrote ${path.relative(workspace, module)} (${fs.statSync(module).size} bytes)`);
    });

    await expectStep('the language server answered every request (no error notification)', async () => {
        await collectNotifications({ clear: false });
        const failures = [...notifications].filter(n => /request .* failed|server .*(crash|stopped)|connection to server|couldn't start client/i.test(n));
        if (failures.length) throw new Error(failures.join('\n'));
    });

    // The README's pictures, refreshed on request (NORMA_UPDATE_DOCS=1): each shot exists only when its own step passed.
    if (process.env.NORMA_UPDATE_DOCS === '1') {
        for (const [shot, target] of [[hoverShot, readmeImage], [reportShot, readmeImage.replace(/\.png$/, '-report.png')]]) {
            if (!shot) continue;
            fs.mkdirSync(path.dirname(target), { recursive: true });
            fs.copyFileSync(shot, target);
            log(`copied ${path.relative(root, shot)} to ${path.relative(root, target)}`);
        }
    }
    if (browserErrors.length) log(`(page errors seen, not judged: ${browserErrors.slice(0, 3).join(' | ')})`);
}

let crashed;
try {
    await main();
} catch (error) {
    crashed = error;
    outcomes.push({ name: 'harness', ok: false, error });
    log(`FAIL  ${error?.stack ?? error}`);
    await shoot('failed-harness').catch(() => {});
} finally {
    await cleanup();
    clearTimeout(watchdog);
}
const passed = outcomes.filter(o => o.ok).length;
const failed = outcomes.length - passed;
console.log(`\nScreenshots and code-server.log: ${path.relative(root, artifacts)}/ (${elapsed()})`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || crashed || passed === 0 ? 1 : 0);
