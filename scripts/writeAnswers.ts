// Writes ANSWERS.md from the definitions of the answers (npm run answers).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderAnswersPage } from '../src/core/answerDefinitions';

fs.writeFileSync(path.join(__dirname, '..', 'ANSWERS.md'), renderAnswersPage());
