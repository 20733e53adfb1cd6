/** The files `norma init` writes: a tiny but complete workspace whose sample data shows a real breach. */
export const STARTER_FILES: Record<string, string> = {
    'standards/service-standard.norma': `// A performance standard: categories hold requirements.
// \`needs norm for family F\` asks every program that applies the standard to set a norm for such a metric.
standard ServiceStandard "Our customer service standard" {
    version "1.0"
    category Performance "Performance" {
        requirement Speed "Every program has a norm for speed of service" {
            needs norm for family service
        }
        requirement Accuracy "Every program tracks critical-error accuracy" {
            needs norm for family quality
        }
    }
}
`,
    'metrics/metrics.norma': `// Metrics: what is measured, in which unit, which way is better, and how often.
metric ServiceLevel "Calls answered within 20 seconds" {
    family service
    unit percent
    better higher
    period daily
    description "Share of offered calls answered within 20 s; abandons under 5 s excluded."
}

metric AverageHandleTime "Talk, hold and after-call work per handled call" {
    family efficiency
    unit minutes        // data files give durations in seconds
    better lower
    period daily
}

metric CriticalErrorAccuracy "Monitored calls without a critical error" {
    family quality
    unit percent
    better higher
    period monthly
}
`,
    'programs/helpdesk.norma': `// A program: one client's line of business, with its norms (targets).
program HelpdeskVoice "Helpdesk, inbound voice" {
    client "Example Client"
    provider "Example Contact Center"
    channel voice
    applies ServiceStandard

    norm ServiceLevel >= 80% {
        act after 3 consecutive misses     // the COPC rule (also the default)
        act immediately below 70%          // one day this bad needs an action at once
    }
    norm AverageHandleTime <= 6min
    norm CriticalErrorAccuracy >= 98% { sample at least 100 }
}
`,
    'data/measurements.csv': `program,metric,period,value,sample
HelpdeskVoice,ServiceLevel,2026-01-05,84.2,400
HelpdeskVoice,AverageHandleTime,2026-01-05,341,380
HelpdeskVoice,ServiceLevel,2026-01-06,82.5,407
HelpdeskVoice,AverageHandleTime,2026-01-06,352,387
HelpdeskVoice,ServiceLevel,2026-01-07,81.0,414
HelpdeskVoice,AverageHandleTime,2026-01-07,348,394
HelpdeskVoice,ServiceLevel,2026-01-08,79.4,421
HelpdeskVoice,AverageHandleTime,2026-01-08,365,401
HelpdeskVoice,ServiceLevel,2026-01-09,78.8,428
HelpdeskVoice,AverageHandleTime,2026-01-09,372,408
HelpdeskVoice,ServiceLevel,2026-01-10,77.9,435
HelpdeskVoice,AverageHandleTime,2026-01-10,359,415
HelpdeskVoice,ServiceLevel,2026-01-11,83.1,442
HelpdeskVoice,AverageHandleTime,2026-01-11,344,422
HelpdeskVoice,ServiceLevel,2026-01-12,85.0,449
HelpdeskVoice,AverageHandleTime,2026-01-12,339,429
HelpdeskVoice,ServiceLevel,2026-01-13,86.2,456
HelpdeskVoice,AverageHandleTime,2026-01-13,350,436
HelpdeskVoice,ServiceLevel,2026-01-14,84.7,463
HelpdeskVoice,AverageHandleTime,2026-01-14,347,443
HelpdeskVoice,ServiceLevel,2026-01-15,80.3,470
HelpdeskVoice,AverageHandleTime,2026-01-15,361,450
HelpdeskVoice,ServiceLevel,2026-01-16,82.9,477
HelpdeskVoice,AverageHandleTime,2026-01-16,355,457
HelpdeskVoice,ServiceLevel,2026-01-17,81.7,484
HelpdeskVoice,AverageHandleTime,2026-01-17,342,464
HelpdeskVoice,ServiceLevel,2026-01-18,85.5,491
HelpdeskVoice,AverageHandleTime,2026-01-18,338,471
HelpdeskVoice,ServiceLevel,2026-01-19,84.1,498
HelpdeskVoice,AverageHandleTime,2026-01-19,351,478
HelpdeskVoice,ServiceLevel,2026-01-20,83.3,505
HelpdeskVoice,AverageHandleTime,2026-01-20,349,485
HelpdeskVoice,ServiceLevel,2026-01-21,82.0,512
HelpdeskVoice,AverageHandleTime,2026-01-21,357,492
HelpdeskVoice,ServiceLevel,2026-01-22,86.8,519
HelpdeskVoice,AverageHandleTime,2026-01-22,346,499
HelpdeskVoice,ServiceLevel,2026-01-23,85.1,526
HelpdeskVoice,AverageHandleTime,2026-01-23,340,506
HelpdeskVoice,ServiceLevel,2026-01-24,84.4,533
HelpdeskVoice,AverageHandleTime,2026-01-24,344,513
HelpdeskVoice,CriticalErrorAccuracy,2026-01,98.4,120
`,
    'actions.csv': `program,metric,opened,owner,due,closed,result
`,
};
