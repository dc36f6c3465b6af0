// Writes RULES.md from the table of diagnostic codes (npm run rules).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderRulesPage } from '../src/core/rulesPage';

fs.writeFileSync(path.join(__dirname, '..', 'RULES.md'), renderRulesPage());
