// The SPEC §6 examples, verbatim, as one workspace: the records tests start from it.
export const SPEC_SOURCE = `source Calls "ACD call records" {
    field queue: text
    field offered_at: timestamp                      // ISO 8601 unless a format is given
    field outcome: text
    field wait: seconds column "queue_seconds"       // the column's name when it differs from the field's
    field talk: seconds
    field hold: seconds
    field wrap: seconds
    field answered = outcome = "ANSWERED"            // a derived field: an expression over the fields above it
    field abandoned = outcome = "ABANDONED" and wait >= 5s
    field offered = answered or abandoned
    keep outcome != "TEST"                           // a row filter, applied before every metric
    timezone "Europe/London"                         // periods are cut in this zone; default: timestamps as written
    table "acd.calls"                                // where the records live in a database; default: the source's name
}
`;

export const SPEC_METRICS = `metric ServiceLevel "Answered within 20 s, of offered; short abandons excluded" {
    family service  unit percent  better higher  period interval30
    from Calls at offered_at
    = count(answered and wait <= 20s) / count(offered)
}
metric AverageHandleTime "Talk, hold and after-call work" {
    family efficiency  unit seconds  better lower  period daily
    from Calls at offered_at
    = avg(talk + hold + wrap) where answered
}
metric CallsOffered "Offered calls" {
    family service  unit count  better higher  period weekly starting sunday
    from Calls at offered_at
    = count(offered)
}
`;

export const SPEC_PROGRAM = `program AcmeBilling "Acme Telecom — billing, inbound voice" {
    records Calls where queue in ("ACME_BILL_EN", "ACME_BILL_FR")
    norm ServiceLevel >= 80%
    norm AverageHandleTime <= 6min
    norm CallsOffered >= 10
}
`;

export const SPEC_FILES = [
    { path: 'sources.norma', text: SPEC_SOURCE },
    { path: 'metrics.norma', text: SPEC_METRICS },
    { path: 'programs.norma', text: SPEC_PROGRAM },
];
