/**
 * Inlay hints for converted units: a duration written in minutes or hours shows its value in
 * seconds, the unit measurements are read in (`6min` shows `= 360 s`, `1.5h` shows `= 5400 s`).
 */
import type { AstNode } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';
import { InlayHintKind } from 'vscode-languageserver';
import { isQuantity } from '../generated/ast.js';
import { readQuantity, SUFFIXES } from '../model/units.js';

/** `= 360 s` for `6min`; undefined when the literal needs no conversion. */
export function convertedUnitHint(value: string): string | undefined {
    const read = readQuantity({ value });
    if (!read.ok || read.dimension !== 'duration' || read.suffix === 's') return undefined;
    const seconds = Math.round(read.number * SUFFIXES[read.suffix].factor * 1e6) / 1e6;
    return `= ${seconds} s`;
}

export class NormaInlayHintProvider extends AbstractInlayHintProvider {
    override computeInlayHint(node: AstNode, acceptor: InlayHintAcceptor): void {
        if (!isQuantity(node) || node.currency || !node.$cstNode) return;
        const label = convertedUnitHint(node.value);
        if (label) acceptor({ position: node.$cstNode.range.end, label, kind: InlayHintKind.Type, paddingLeft: true });
    }
}
