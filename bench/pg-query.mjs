// Runs one SQL file in PostgreSQL through the pg client and prints how many rows came back (both sides
// of bench/pushdown-bench.mjs run through it: the same client and connection work).
import * as fs from 'node:fs';
import pg from 'pg';

const [url, file] = process.argv.slice(2);
const client = new pg.Client({ connectionString: url });
await client.connect();
await client.query(`SET TIME ZONE 'UTC'`);
const { rows } = await client.query(fs.readFileSync(file, 'utf8'));
await client.end();
process.stdout.write(`${rows.length} rows\n`);
