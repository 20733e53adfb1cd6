// A workspace with every construct the diff compares: a standard, metrics, a profile, programs, dated norms, an exclusion.
export const BASE = `standard COPC "COPC CX" {
    version "7.0"
    category Perf "Performance" {
        requirement PF1 "Every program has a service norm" {
            needs norm for family service
        }
        requirement PF2 "Every program tracks accuracy" {
            needs norm for family quality
        }
    }
}
metric ServiceLevel "Calls answered within 20 seconds" {
    family service
    unit percent
    better higher
    period daily
}
metric AHT "Average handle time" {
    family efficiency
    unit seconds
    better lower
    period daily
}
metric CEA "Critical error accuracy" {
    family quality
    unit percent
    better higher
    period monthly
}
profile Voice {
    norm AHT <= 6min
}
program Acme "Acme billing" {
    applies COPC
    uses Voice
    certified 2025-04-01
    norm ServiceLevel >= 80% {
        act after 3 consecutive misses
        act immediately below 70%
    }
    norm ServiceLevel >= 85% from 2026-07-01
    norm CEA >= 98% { sample at least 50 }
}
program Beta "Beta care" {
    applies COPC
    uses Voice
    norm ServiceLevel between 70% and 90%
    norm CEA >= 97%
}
exclusion Storm "Telephony outage" {
    program Acme
    metrics ServiceLevel
    periods 2026-01-12 to 2026-01-13
    approved by "Acme vendor management"
    expires 2026-12-31
}
`;
