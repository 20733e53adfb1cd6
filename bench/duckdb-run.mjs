// The DuckDB side of check-bench.mjs as a whole process, like `norma check`: start Node, load
// @duckdb/node-api, run the consecutive-miss query (bench/duckdb-triggers.mjs) over the CSV and
// print the triggers per program and metric as JSON on stdout.
//   node bench/duckdb-run.mjs <measurements.csv> <norms.csv> <as-of>
import { duckdbConsecutiveTriggers } from './duckdb-triggers.mjs';

const [csv, norms, asOf] = process.argv.slice(2);
const result = await duckdbConsecutiveTriggers(csv, norms, asOf);
process.stdout.write(JSON.stringify({ total: result.total, perSeries: Object.fromEntries(result.perSeries) }) + '\n');
