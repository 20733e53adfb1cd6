/** `norma staff`: the command's options and help; the planning and the calculator are run/staff.ts. */
import type { Command } from 'commander';
import { DATABASE_HELP, RECORDS_HELP } from './data-options.js';
import { runFrom } from './lazy.js';

/** The calculator's formats (a workspace plan also has html). */
export const CALCULATOR_FORMATS = ['pretty', 'json', 'csv', 'markdown'] as const;

export function register(program: Command): void {
    program.command('staff')
        .description('How many agents a service norm needs (Erlang C, or Erlang A when callers abandon).')
        .argument('[paths...]', '.norma files or folders (default: the current folder)')
        .option('--data <source...>', 'interval measurements: .csv, .json or .ndjson files, folders, or - for stdin')
        .option('--records <source=path...>', RECORDS_HELP)
        .option('--database <url>', DATABASE_HELP)
        .option('--as-of <date>', 'plan the intervals up to this day (default: today)')
        .option('--norm-from <day>', 'plan every interval for the norm in force on this day (a tightened norm before it starts)')
        .option('--volume <change>', 'change the offered calls, e.g. +10% or -5%')
        .option('--shrinkage <percent>', 'share of paid time agents are off the phones, e.g. 30%: also gives the staff to schedule')
        .option('--offered <calls>', 'calculator: calls offered in one interval')
        .option('--per <duration>', 'length of the interval: 15min, 30min or 1h', '30min')
        .option('--aht <duration>', 'average handle time, e.g. 180s or 3min')
        .option('--threshold <duration>', 'service threshold: the T of "80% answered within T", e.g. 20s')
        .option('--target <percent>', 'service level wanted, e.g. 80%')
        .option('--asa <duration>', 'largest average speed of answer wanted, e.g. 30s (instead of or beside --target)')
        .option('--patience <duration>', "callers' mean patience before hanging up, e.g. 5min: uses Erlang A")
        .option('--agents <n>', 'figures for this many agents instead of the fewest meeting the target')
        .option('--format <format>', `output: ${CALCULATOR_FORMATS.join(', ')} (and html for a workspace)`, 'pretty')
        .option('--output <file>', 'write to a file instead of stdout')
        .addHelpText('after', `
For a workspace, each program names its workload metrics in a staffing block:
  staffing { offered CallsOffered  handle AverageHandleTime  patience MeanPatience  agents AgentsLoggedIn }
and every service-level (or speed-of-answer) norm on interval data is planned interval by
interval. The threshold T is read from the service level's formula (wait <= 20s) unless
--threshold says it. csv and json list every interval; pretty, markdown and html show the
agents by time of day and weekday.
  norma staff examples/contact-records --records Calls=examples/contact-records/records/calls.csv

Calculator example (the textbook case):
  norma staff --offered 100 --per 30min --aht 180s --threshold 20s --target 80%
  -> 14 agents, service level 88.8%, occupancy 71.4%

JSON fields: model ("erlang-c" or "erlang-a"), agents, serviceLevel, probabilityWait, asa,
occupancy, probabilityAbandon; fractions are 0..1 and times are seconds.
Erlang C assumes nobody hangs up, so it overstates the staff needed; give --patience for Erlang A.

Exit codes: 0 figures written, 2 bad or missing options.
`)
        .action(runFrom(() => import('../run/staff.js')));
}
