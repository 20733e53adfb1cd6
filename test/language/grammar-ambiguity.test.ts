// Grammar ambiguities make parsing slower and can make it choose the wrong alternative. chevrotain's
// ALL(*) lookahead reports them through console.log while it predicts, that is while parsing input
// that reaches an ambiguous decision, and only when validations run; Norma's generated parser runs
// in production mode, which silences them. This test builds the parser with validations on, parses
// every .norma file of the repository (examples, fixtures) and the SPEC §6 examples, and fails on
// any ambiguity report; the second test shows the check does catch one.
import { describe, expect, it } from 'vitest';
import { createServicesForGrammar } from 'langium/grammar';
import { inject } from 'langium';
import { createDefaultCoreModule, createDefaultSharedCoreModule, EmptyFileSystem } from 'langium';
import { NormaGeneratedModule, NormaGeneratedSharedModule, NormaLanguageMetaData } from '../../language/src/generated/module.js';
import { NormaModule } from '../../language/src/norma-module.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SPEC_FILES } from '../records/spec-workspace.js';

function normaFiles(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
        const full = path.join(dir, e.name);
        return e.isDirectory() ? normaFiles(full) : e.name.endsWith('.norma') ? [full] : [];
    });
}

/** Everything chevrotain logs while `build` creates a parser with validations on. */
async function parserReports(build: () => unknown): Promise<string[]> {
    const reports: string[] = [];
    const log = console.log;
    const warn = console.warn;
    console.log = (...args: unknown[]) => { reports.push(args.map(String).join(' ')); };
    console.warn = (...args: unknown[]) => { reports.push(args.map(String).join(' ')); };
    try {
        await build();
    } finally {
        console.log = log;
        console.warn = warn;
    }
    return reports.filter(r => /ambiguous/i.test(r));
}

describe('grammar ambiguity guard', () => {
    it('the Norma grammar has no ambiguous alternatives', async () => {
        const reports = await parserReports(() => {
            const shared = inject(createDefaultSharedCoreModule(EmptyFileSystem), NormaGeneratedSharedModule);
            const services = inject(createDefaultCoreModule({ shared }), NormaGeneratedModule, NormaModule, {
                LanguageMetaData: () => ({ ...NormaLanguageMetaData, mode: 'development' as const }),
            });
            const texts = [...normaFiles('examples'), ...normaFiles('test')].map(f => fs.readFileSync(f, 'utf8'));
            expect(texts.length).toBeGreaterThan(10);
            for (const text of [...texts, ...SPEC_FILES.map(f => f.text)]) services.parser.LangiumParser.parse(text);
        });
        expect(reports).toEqual([]);
    });

    it('catches an ambiguous grammar', async () => {
        const reports = await parserReports(() => createServicesForGrammar({
            grammar: `grammar Ambiguous
                entry Model: items+=(A | B)*;
                A: name=ID 'x'? ;
                B: name=ID 'x'? ;
                terminal ID: /[a-z]+/;
                hidden terminal WS: /\\s+/;`,
            languageMetaData: { languageId: 'ambiguous', fileExtensions: ['.amb'], caseInsensitive: false, mode: 'development' },
        }).then(s => s.parser.LangiumParser.parse('a x b')));
        expect(reports.length).toBeGreaterThan(0);
    });
});
