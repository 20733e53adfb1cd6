// What the format tests need from the machine, without loading any Norma module.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
export const SCHEMAS = path.join(REPO, 'test/fixtures/schemas');

/** True when running in CI, where a missing validator is a failure, not a skip. */
export const IN_CI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

export function hasCommand(command: string): boolean {
    return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
}

