import { CODES } from './codes';

/** The text of RULES.md: one line per diagnostic code, grouped by family, generated from CODES. */
export function renderRulesPage(): string {
  const lines = [
    '# Diagnostic codes',
    '',
    'Generated from `src/core/codes.ts` by `npm run rules`; do not edit by hand.',
    'Every problem the validator, the editor and the CLI report carries one of these codes.',
    'Severity: **error**, the payload is wrong or untrustworthy; **warning**, likely wrong; **information** and **hint**, notes.',
    '',
    '| code | severity | meaning |',
    '| --- | --- | --- |',
  ];
  for (const [code, info] of Object.entries(CODES)) {
    lines.push(`| <a id="${code}"></a>\`${code}\` | ${info.severity} | ${info.summary.replace(/\|/g, '\\|')} |`);
  }
  return `${lines.join('\n')}\n`;
}
