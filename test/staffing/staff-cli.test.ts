// `norma staff` as an analyst uses it: the calculator form, its output shapes and its mistakes.
import { describe, expect, it } from 'vitest';
import { norma } from '../cli/run-norma.js';

const TEXTBOOK = ['staff', '--offered', '100', '--per', '30min', '--aht', '180s', '--threshold', '20s', '--target', '80%'];

describe('norma staff (calculator)', () => {
    it('finds the fewest agents meeting 80/20 with Erlang C, as JSON with fractions and seconds', () => {
        const r = norma([...TEXTBOOK, '--format', 'json']);
        expect(r.code).toBe(0);
        expect(JSON.parse(r.stdout)).toEqual({
            model: 'erlang-c', agents: 14, serviceLevel: 0.88835, probabilityWait: 0.174132,
            asa: 7.835937, occupancy: 0.714286, probabilityAbandon: 0,
        });
    });

    it('uses Erlang A when callers abandon, and gives figures for --agents', () => {
        const r = norma([...TEXTBOOK, '--patience', '5min', '--agents', '14', '--format', 'json']);
        expect(r.code).toBe(0);
        const figures = JSON.parse(r.stdout);
        expect(figures).toMatchObject({ model: 'erlang-a', agents: 14, serviceLevel: 0.916792, probabilityAbandon: 0.013984, occupancy: 0.704297 });
        expect(figures.asa / 60).toBeCloseTo(0.069919, 6);
    });

    it('accepts minutes for the handle time and an ASA target instead of a service level', () => {
        const r = norma(['staff', '--offered', '100', '--aht', '3min', '--threshold', '20s', '--asa', '10s', '--format', 'csv']);
        expect(r.code).toBe(0);
        const [header, row] = r.stdout.trim().split('\n');
        expect(header).toBe('model,agents,serviceLevel,probabilityWait,asa,occupancy,probabilityAbandon');
        expect(row.split(',')[1]).toBe('14');
    });

    it('prints plain figures by default', () => {
        const r = norma(TEXTBOOK);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('14 agents (Erlang C)');
        expect(r.stdout).toContain('service level    88.8%');
    });

    it.each([
        [['staff', '--per', '30min', '--aht', '180s', '--threshold', '20s', '--target', '80%'], '--offered is missing'],
        [['staff', '--offered', '100', '--aht', '180', '--threshold', '20s', '--target', '80%'], "--aht '180' is not a duration"],
        [['staff', '--offered', '100', '--aht', '180s', '--threshold', '20s', '--target', '180%'], "--target '180%' is not a percent"],
        [['staff', '--offered', '100', '--aht', '180s', '--threshold', '20s'], 'Say what the agents must achieve'],
        [['staff', '--offered', 'many', '--aht', '180s', '--threshold', '20s', '--target', '80%'], "--offered 'many' is not a whole number"],
    ])('rejects %j with exit 2 and a plain message', (args, message) => {
        const r = norma(args);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(message);
        expect(r.stderr).not.toMatch(/\n\s+at /);
    });
});
