import { expect, test } from 'vitest';
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from '../../language/src/engine/index.js';
import { action, model, norm, series } from './helpers.js';

const engineDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../language/src/engine');

// The engine's import boundary is enforced by test/architecture/boundaries.test.ts.

test('the bundled engine is standalone and gives the same result as the source', async () => {
    const out = await esbuild.build({
        entryPoints: [path.join(engineDir, 'index.ts')], bundle: true, write: false, format: 'esm', platform: 'neutral', target: 'es2022',
    });
    const source = out.outputFiles[0].text;
    expect(source).not.toMatch(/\brequire\(|\bimport\(|^import /m);
    const bundled = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
    const m = model({ norms: [norm('Acme', 'SL', { critical: { side: 'below', threshold: 70 } })] });
    const rows = series([90, 78, 60, 77, 79, 85]);
    const options = { asOf: '2026-02-01', actions: [action('2026-01-04', { due: '2026-01-10' })] };
    expect(bundled.check(m, rows, options)).toEqual(check(m, rows, options));
    let error: { name?: string; issues?: unknown[] } = {};
    try {
        bundled.check(m, [...rows, rows[0]], options);
    } catch (e) {
        error = e as typeof error;
    }
    expect(error.name).toBe('NormaDataError');
    expect(error.issues).toHaveLength(1);
});
