import { parseArgs } from 'node:util';
import { runGraph } from './cli/graph';
import { reportCommand } from './cli/report';
import { runListen } from './cli/listen';
import { GRAPH_HELP, MAIN_HELP, VALIDATE_HELP } from './cli/usage';
import { runValidate } from './cli/validate';
import { forTerminalLines } from './core/untrustedText';

declare const CLI_VERSION: string | undefined;

/** Runs the command line and returns the exit code; never throws for bad input. */
export async function main(argv: string[], env: NodeJS.ProcessEnv, out: (s: string) => void, writeErr: (s: string) => void): Promise<number> {
  // Standard error is only ever read by people: whatever a message quotes (file names, arguments, payload text) is escaped.
  const err = (text: string) => writeErr(forTerminalLines(text));
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    out(MAIN_HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    out(typeof CLI_VERSION === 'string' ? CLI_VERSION : 'development');
    return 0;
  }
  const usage = (message: string, help: string) => {
    err(`call-events ${command}: ${message}\n\n${help}`);
    return 2;
  };
  switch (command) {
    case 'validate':
    case 'graph': {
      const help = command === 'validate' ? VALIDATE_HELP : GRAPH_HELP;
      let parsed;
      try {
        parsed = parseArgs({
          args: rest,
          allowPositionals: true,
          strict: true,
          options: {
            secret: { type: 'string' },
            help: { type: 'boolean', short: 'h' },
            ...(command === 'validate' ? { format: { type: 'string' as const } } : {}),
          },
        });
      } catch (error) {
        return usage((error as Error).message.split('\n')[0]!, help);
      }
      const values = parsed.values as { secret?: string; help?: boolean; format?: string };
      if (values.help) {
        out(help);
        return 0;
      }
      if (parsed.positionals.length === 0) return usage('no FILE given', help);
      const secret = values.secret ?? env.CALL_EVENTS_SECRET;
      const common = { files: parsed.positionals, out, err, ...(secret ? { secret } : {}) };
      if (command === 'graph') return runGraph(common);
      const format = values.format ?? 'text';
      if (format !== 'text' && format !== 'json') return usage(`--format must be text or json, not "${format}"`, help);
      return runValidate({ ...common, format });
    }
    case 'listen':
      return runListen(rest, env, out, err);
    case 'report':
      return reportCommand(rest, env, `call-events ${typeof CLI_VERSION === 'string' ? CLI_VERSION : 'development'}`, out, err);
    default:
      err(`call-events: unknown command "${command}"\n\n${MAIN_HELP}`);
      return 2;
  }
}

if (require.main === module) {
  // Write through the streams and wait for them to drain before exiting, so large outputs are never cut.
  const chunks = (stream: NodeJS.WriteStream) => (text: string) => { stream.write(`${text}\n`); };
  main(process.argv.slice(2), process.env, chunks(process.stdout), chunks(process.stderr))
    .then((code) => { process.exitCode = code; })
    .catch((error: unknown) => {
      // A bug, not bad input: say so in one line, without a stack trace.
      process.stderr.write(`call-events: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    });
}
