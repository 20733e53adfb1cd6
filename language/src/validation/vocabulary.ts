/**
 * Enumerated words (family, unit, better, period, channel, evidence kind): parsed as plain
 * identifiers so that a typo gets a did-you-mean here rather than a parse error. Also the
 * currency code that `unit currency` needs and no other unit takes.
 */
import type { AstNode, ValidationAcceptor } from 'langium';
import type {
    BetterProperty, ChannelProperty, Evidence, FamilyProperty, NeedsNorm, PeriodProperty, UnitProperty,
} from '../generated/ast.js';
import { closest } from '../engine/suggest.js';
import { CHANNELS, DIRECTIONS, EVIDENCE_KINDS, FAMILIES, GRAINS, UNIT_KINDS } from '../model/units.js';

/** `family servce`, `period dayly`, `channel vioce`...: a word outside the vocabulary. */
export const CODE_UNKNOWN_WORD = 'unknown-word';
/** `unit currency` without its ISO 4217 code. */
export const CODE_CURRENCY_CODE_MISSING = 'currency-code-missing';
/** `unit currency eur`: not three capital letters. */
export const CODE_CURRENCY_CODE_INVALID = 'currency-code-invalid';
/** `unit percent EUR`: only a currency unit takes a code. */
export const CODE_CURRENCY_CODE_UNEXPECTED = 'currency-code-unexpected';

/** Reports a word outside its vocabulary, with the closest word as did-you-mean (also as `data.suggestion`). */
function checkWord<N extends AstNode>(node: N, property: string, word: string | undefined, what: string, vocabulary: readonly string[], accept: ValidationAcceptor): void {
    if (word === undefined || vocabulary.includes(word)) return;
    const suggestion = closest(word, vocabulary);
    const message = suggestion
        ? `Unknown ${what} '${word}'. Did you mean '${suggestion}'?`
        : `Unknown ${what} '${word}'. Use one of: ${vocabulary.join(', ')}.`;
    accept('error', message, { node, property: property as never, code: CODE_UNKNOWN_WORD, data: { word, ...(suggestion ? { suggestion } : {}) } });
}

export function checkFamilyIsKnown(p: FamilyProperty, accept: ValidationAcceptor): void {
    checkWord(p, 'value', p.value, 'family', FAMILIES, accept);
}

export function checkNeedsFamilyIsKnown(n: NeedsNorm, accept: ValidationAcceptor): void {
    checkWord(n, 'family', n.family, 'family', FAMILIES, accept);
}

export function checkUnitIsKnown(p: UnitProperty, accept: ValidationAcceptor): void {
    checkWord(p, 'value', p.value, 'unit', UNIT_KINDS, accept);
}

export function checkDirectionIsKnown(p: BetterProperty, accept: ValidationAcceptor): void {
    checkWord(p, 'value', p.value, 'direction', DIRECTIONS, accept);
}

export function checkPeriodGrainIsKnown(p: PeriodProperty, accept: ValidationAcceptor): void {
    checkWord(p, 'value', p.value, 'period', GRAINS, accept);
}

export function checkChannelIsKnown(p: ChannelProperty, accept: ValidationAcceptor): void {
    checkWord(p, 'value', p.value, 'channel', CHANNELS, accept);
}

export function checkEvidenceKindIsKnown(e: Evidence, accept: ValidationAcceptor): void {
    checkWord(e, 'kind', e.kind, 'evidence kind', EVIDENCE_KINDS, accept);
}

/** `unit currency EUR` needs an ISO 4217 code (three capital letters); other units take none. */
export function checkCurrencyCode(p: UnitProperty, accept: ValidationAcceptor): void {
    if (p.value === 'currency') {
        if (p.currency === undefined) {
            accept('error', `A currency unit needs its ISO 4217 code, as in 'unit currency EUR'.`,
                { node: p, property: 'value', code: CODE_CURRENCY_CODE_MISSING });
        } else if (!/^[A-Z]{3}$/.test(p.currency)) {
            const upper = p.currency.toUpperCase();
            const hint = /^[A-Z]{3}$/.test(upper) ? ` Did you mean '${upper}'?` : ' Write three capital letters, such as EUR or USD.';
            accept('error', `'${p.currency}' is not an ISO 4217 currency code.${hint}`,
                { node: p, property: 'currency', code: CODE_CURRENCY_CODE_INVALID, ...(hint.startsWith(' Did') ? { data: { suggestion: upper } } : {}) });
        }
    } else if (p.currency !== undefined && UNIT_KINDS.includes(p.value as never)) {
        accept('error', `Only 'unit currency' takes a currency code; remove '${p.currency}' after '${p.value}'.`,
            { node: p, property: 'currency', code: CODE_CURRENCY_CODE_UNEXPECTED });
    }
}
