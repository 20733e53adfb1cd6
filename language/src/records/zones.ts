/**
 * Period names on daylight-saving days (SPEC §6.2): an interval is named by its local start, and
 * where that local time happens twice (clocks going back), by its local start and UTC offset:
 * `2026-10-25T01:30+01:00` then `2026-10-25T01:30+00:00`. Also checks that a zone name exists.
 * Uses the time-zone data built into Node (Intl).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when `zone` is an IANA time-zone name Node knows (`Europe/London`, `UTC`). */
export function isKnownTimeZone(zone: string): boolean {
    try {
        formatter(zone);
        return true;
    } catch {
        return false;
    }
}

/** The local start `2026-10-25T01:30` with its offset appended when that local time repeats in the zone. */
export function labelWithOffset(local: string, offsetMinutes: number, zone: string): string {
    const instant = Date.parse(`${local}:00Z`) - offsetMinutes * 60_000;
    if (Number.isNaN(instant)) return local;
    // Another instant up to two hours away with the same wall-clock time means the time repeats.
    for (const shift of [-120, -60, -30, 30, 60, 120]) {
        if (wallClock(instant + shift * 60_000, zone) === local) return `${local}${formatOffset(offsetMinutes)}`;
    }
    return local;
}

function formatOffset(minutes: number): string {
    const sign = minutes < 0 ? '-' : '+';
    const m = Math.abs(minutes);
    return `${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** `YYYY-MM-DDTHH:MM` of an instant in a zone. */
function wallClock(instant: number, zone: string): string {
    const parts = Object.fromEntries(formatter(zone).formatToParts(new Date(instant)).map(p => [p.type, p.value]));
    const hour = parts.hour === '24' ? '00' : parts.hour;
    return `${parts.year}-${parts.month}-${parts.day}T${hour}:${parts.minute}`;
}

function formatter(zone: string): Intl.DateTimeFormat {
    let f = formatters.get(zone);
    if (!f) {
        f = new Intl.DateTimeFormat('en-CA', {
            timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
        });
        formatters.set(zone, f);
    }
    return f;
}
