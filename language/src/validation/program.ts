/**
 * Programs: each standard applied and each profile used once; the norms that the applied
 * standards' `needs` requirements ask for (profile norms merged, as the model builder merges
 * them); profiles that would give one metric two norms with the same start; a certification
 * date that is a real day, not in the future and not older than 24 months at `asOf`.
 */
import type { ValidationAcceptor, ValidationCheck } from 'langium';
import {
    isMetric, isStandard, type AppliesProperty, type CertifiedProperty, type Program, type UsesProperty,
} from '../generated/ast.js';
import { metricFamily, programApplies, programUses } from '../model/ast-access.js';
import { effectiveNorms } from '../model/build.js';
import type { NormaServices } from '../norma-module.js';
import { addMonths, isDay } from '../engine/calendar.js';
import { CERTIFICATION_MONTHS } from '../audit/certification.js';
import { checkIsDay } from './dates.js';

/** `applies COPC_CX, COPC_CX` or `uses VoiceDefaults` twice. */
export const CODE_REPEATED_REFERENCE = 'repeated-reference';
/** Two used profiles both give a metric a norm with the same start. */
export const CODE_PROFILES_COLLIDE = 'profiles-collide';
/** The program lacks a norm that a `needs` requirement of an applied standard asks for (warning). */
export const CODE_REQUIREMENT_NOT_COVERED = 'requirement-not-covered';
/** The certification is more than 24 months old at `asOf` (warning). */
export const CODE_CERTIFICATION_LAPSED = 'certification-lapsed';
/** The certification date is after `asOf` (warning). */
export const CODE_CERTIFICATION_IN_FUTURE = 'certification-in-future';

export function checkAppliedStandardsNotRepeated(program: Program, accept: ValidationAcceptor): void {
    reportRepeatedReferences(programApplies(program), 'standards', 'applies', accept);
}

export function checkUsedProfilesNotRepeated(program: Program, accept: ValidationAcceptor): void {
    reportRepeatedReferences(programUses(program), 'profiles', 'uses', accept);
}

function reportRepeatedReferences<P extends AppliesProperty | UsesProperty>(properties: P[], property: 'standards' | 'profiles', keyword: string, accept: ValidationAcceptor): void {
    const seen = new Set<string>();
    for (const p of properties) {
        const refs = (p as unknown as Record<string, { $refText: string }[]>)[property];
        refs.forEach((ref, index) => {
            if (seen.has(ref.$refText)) {
                accept('error', `This program already ${keyword === 'applies' ? 'applies' : 'uses'} '${ref.$refText}'; name it once.`,
                    { node: p, property: property as never, index, code: CODE_REPEATED_REFERENCE });
            }
            seen.add(ref.$refText);
        });
    }
}

/** Two profiles a program uses must not both give one metric (that the program leaves to them) a norm with the same start. */
export function checkUsedProfilesDoNotCollide(program: Program, accept: ValidationAcceptor): void {
    const firstProfile = new Map<string, string>();
    const reported = new Set<string>();
    for (const { norm, profile } of effectiveNorms(program)) {
        if (profile === null) continue;
        const metric = norm.metric?.ref?.name ?? norm.metric?.$refText;
        const key = `${metric}@${norm.from ?? ''}`;
        const earlier = firstProfile.get(key);
        if (earlier === undefined) {
            firstProfile.set(key, profile);
            continue;
        }
        if (earlier === profile || reported.has(profile)) continue;
        // Point at the later profile's name after `uses`.
        for (const uses of programUses(program)) {
            const index = uses.profiles.findIndex(r => r.$refText === profile);
            if (index < 0) continue;
            reported.add(profile);
            const start = norm.from ? `from ${norm.from}` : 'from the beginning';
            accept('error',
                `Profiles '${earlier}' and '${profile}' both set a norm for ${metric} ${start}; declare the norm in this program or remove it from one profile.`,
                { node: uses, property: 'profiles', index, code: CODE_PROFILES_COLLIDE });
            break;
        }
    }
}

/** Each `needs norm for family F` / `for metric M` of every applied standard is met by a norm of the program (own or from a profile). */
export function checkProgramCoversNeededNorms(program: Program, accept: ValidationAcceptor): void {
    const metrics = effectiveNorms(program).map(n => n.norm.metric?.ref).filter(isMetric);
    const families = new Set(metrics.map(m => metricFamily(m)?.value));
    const names = new Set(metrics.map(m => m.name));
    for (const ref of programApplies(program).flatMap(a => a.standards)) {
        const standard = ref.ref;
        if (!isStandard(standard)) continue;
        for (const category of standard.categories) {
            for (const requirement of category.requirements) {
                // Named only when a warning needs it (10,000 programs x every requirement otherwise).
                const id = () => `${standard.name}.${category.name}.${requirement.name}`;
                const title = () => (requirement.title ? ` ("${requirement.title}")` : '');
                for (const need of requirement.needs) {
                    if (need.family !== undefined) {
                        if (families.has(need.family)) continue;
                        accept('warning', `${program.name} has no norm for a '${need.family}' metric, which requirement ${id()}${title()} needs.`,
                            { node: program, property: 'name', code: CODE_REQUIREMENT_NOT_COVERED, data: { requirement: id(), family: need.family } });
                    } else if (isMetric(need.metric?.ref)) {
                        const metric = need.metric.ref.name;
                        if (names.has(metric)) continue;
                        accept('warning', `${program.name} has no norm for ${metric}, which requirement ${id()}${title()} needs.`,
                            { node: program, property: 'name', code: CODE_REQUIREMENT_NOT_COVERED, data: { requirement: id(), metric } });
                    }
                }
            }
        }
    }
}

export function checkCertifiedIsDay(p: CertifiedProperty, accept: ValidationAcceptor): void {
    checkIsDay(p, 'date', p.date, "A certification date", accept);
}

/** At the validator's `asOf`, a certification is neither in the future nor older than 24 months. */
export const checkCertificationIsCurrent = (services: NormaServices): ValidationCheck<CertifiedProperty> =>
    (p: CertifiedProperty, accept: ValidationAcceptor) => {
        const asOf = services.validation.NormaValidator.asOf;
        if (!isDay(p.date) || !isDay(asOf)) return;
        if (p.date > asOf) {
            accept('warning', `The certification date ${p.date} is in the future (checking at ${asOf}).`,
                { node: p, property: 'date', code: CODE_CERTIFICATION_IN_FUTURE });
            return;
        }
        const lapsed = addMonths(p.date, CERTIFICATION_MONTHS);
        if (asOf > lapsed) {
            accept('warning', `The certification of ${p.date} is more than ${CERTIFICATION_MONTHS} months old at ${asOf}: it lapsed on ${lapsed}.`,
                { node: p, property: 'date', code: CODE_CERTIFICATION_LAPSED, data: { lapsed } });
        }
    };
