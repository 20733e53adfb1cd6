// The push-down edge fixtures: one source in a zone with a daylight-saving day, metrics at every
// grain (weeks starting Monday and Sunday), every aggregate, and records on the boundaries:
// an abandon exactly at the 5 s threshold, an answer exactly at 20 s, empty cells, a period whose
// denominator is zero, Sunday night / Monday morning, and the repeated hour of 25 October 2026.
export const EDGE_FILES = [{
    path: 'edge.norma', text: `
source Calls "ACD call records" {
    field queue: text
    field offered_at: timestamp
    field outcome: text
    field wait: seconds column "queue_seconds"
    field talk: seconds
    field agent: text
    field score: number
    field answered = outcome = "ANSWERED"
    field abandoned = outcome = "ABANDONED" and wait >= 5s
    field offered = answered or abandoned
    keep outcome != "TEST"
    timezone "Europe/London"
    table "acd.calls"
}
metric ServiceLevel "Answered within 20 s, of offered" {
    family service unit percent better higher period interval30
    from Calls at offered_at
    = count(answered and wait <= 20s) / count(offered)
}
metric Abandonment "Abandoned, of offered" {
    family service unit percent better lower period hourly
    from Calls at offered_at
    = count(abandoned) / count(offered)
}
metric AverageTalk "Talk time of answered calls" {
    family efficiency unit seconds better lower period daily
    from Calls at offered_at
    = avg(talk) where answered
}
metric CallsOfferedSunday "Offered calls, weeks from Sunday" {
    family service unit count better higher period weekly starting sunday
    from Calls at offered_at
    = count(offered)
}
metric CallsOfferedMonday "Offered calls, weeks from Monday" {
    family service unit count better higher period weekly
    from Calls at offered_at
    = count(offered)
}
metric WaitP90 "90th percentile of the wait" {
    family service unit seconds better lower period monthly
    from Calls at offered_at
    = percentile(wait, 90%)
}
metric Agents "Agents who answered" {
    family people unit count better higher period daily
    from Calls at offered_at
    = distinct(agent) where answered
}
metric QuarterTalk "Talk per quarter hour" {
    family efficiency unit seconds better lower period interval15
    from Calls at offered_at
    = sum(talk) + max(wait) - min(wait)
}
metric Score "Mean score" {
    family satisfaction unit score better higher period daily
    from Calls at offered_at
    = avg(score)
}
program Acme "Acme" {
    records Calls where queue in ("ACME_EN", "ACME_FR")
    norm ServiceLevel >= 80%
    norm Abandonment <= 5%
    norm AverageTalk <= 6min
    norm CallsOfferedSunday >= 1
    norm CallsOfferedMonday >= 1
    norm WaitP90 <= 60s
    norm Agents >= 1
    norm QuarterTalk <= 1h
    norm Score >= 3
}
program Other "Other" {
    records Calls where queue = "OTHER"
    norm ServiceLevel >= 80%
}
` }];

export const EDGE_COLUMNS = ['queue', 'offered_at', 'outcome', 'queue_seconds', 'talk', 'agent', 'score'];

// Cells as the export writes them (text; empty is null).
export const EDGE_ROWS: (string | null)[][] = [
    // Sunday 2026-10-18 late evening and Monday morning (UTC+1 in London: BST).
    ['ACME_EN', '2026-10-18T22:50:00Z', 'ANSWERED', '20', '300', 'ann', '4.5'],
    ['ACME_EN', '2026-10-18T22:59:59Z', 'ABANDONED', '5', null, null, null],
    ['ACME_FR', '2026-10-18T23:00:00Z', 'ANSWERED', '21', '1:30', 'bob', '3'],
    ['ACME_FR', '2026-10-18T23:10:00Z', 'ABANDONED', '4.999', null, null, ''],
    // Zero denominator: only a short abandon and a test call in that half hour.
    ['ACME_EN', '2026-10-19T08:05:00Z', 'ABANDONED', '2', null, null, null],
    ['ACME_EN', '2026-10-19T08:10:00Z', 'TEST', '1', '10', 'ann', '5'],
    // Nulls: no wait, no talk.
    ['ACME_EN', '2026-10-19T09:00:00Z', 'ANSWERED', null, null, 'ann', '2'],
    ['ACME_EN', '2026-10-19T09:01:00Z', 'ANSWERED', '0:00:19', '0:05:00', 'cat', '4'],
    // The repeated hour: 01:30 local happens at 00:30Z (+01:00) and at 01:30Z (+00:00).
    ['ACME_EN', '2026-10-25T00:35:00Z', 'ANSWERED', '10', '100', 'ann', '5'],
    ['ACME_EN', '2026-10-25T01:35:00Z', 'ANSWERED', '30', '200', 'bob', '1'],
    ['ACME_EN', '2026-10-25T01:40:00Z', 'ABANDONED', '60', null, null, null],
    // Spring forward: 2026-03-29 01:00Z is 02:00 BST.
    ['ACME_FR', '2026-03-29T00:59:00Z', 'ANSWERED', '20', '60', 'dan', '3.25'],
    ['ACME_FR', '2026-03-29T01:00:00Z', 'ANSWERED', '20.001', '61', 'dan', '3.75'],
    // Another program, and a record no program takes.
    ['OTHER', '2026-10-19T09:00:00Z', 'ANSWERED', '15', '100', 'eve', '5'],
    ['NOBODY', '2026-10-19T09:00:00Z', 'ANSWERED', '15', '100', 'eve', '5'],
    // Offsets other than Z.
    ['ACME_EN', '2026-10-20T10:15:00+02:00', 'ANSWERED', '12', '240', 'ann', '4'],
];

// The same records as an ACD database keeps them: typed columns (an instant with its zone, durations in
// seconds, a float score), empty cells as nulls. Every figure must be the one the text cells give.
export const EDGE_TYPES = ['TEXT', 'TIMESTAMPTZ', 'TEXT', 'NUMERIC(10,3)', 'INTEGER', 'TEXT', 'DOUBLE PRECISION'];
const seconds = (cell: string | null) => {
    if (cell === null || !cell.includes(':')) return cell;
    return String(cell.split(':').reduce((total, part) => total * 60 + Number(part), 0));
};
export const EDGE_TYPED_ROWS: (string | null)[][] = EDGE_ROWS.map(r => r.map((cell, i) => {
    if (cell === '') return null;
    return EDGE_COLUMNS[i] === 'queue_seconds' || EDGE_COLUMNS[i] === 'talk' ? seconds(cell) : cell;
}));
