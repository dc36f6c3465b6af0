// What every `call-events` command does with its arguments: strict parsing, --help, and a usage error that names
// the command and shows its help (exit 2).
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Print = (text: string) => void;

/** A command's usage error: `call-events COMMAND: MESSAGE`, then its help, on stderr; returns the exit code 2. */
export function usageError(command: string, help: string, err: Print): (message: string) => 2 {
  return (message) => {
    err(`call-events ${command}: ${message}\n\n${help}`);
    return 2;
  };
}

/**
 * Parses a command's arguments strictly. Returns the parsed values and positionals, or the exit code when there is
 * nothing more to do: 0 after printing the help (--help, -h, which `config.options` must declare), 2 after a usage error.
 */
export function parseCommand<T extends ParseArgsConfig & { args: string[]; strict: true }>(config: T, help: string, usage: (message: string) => 2, out: Print): ReturnType<typeof parseArgs<T>> | 0 | 2 {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    return usage((error as Error).message.split('\n')[0]!);
  }
  if ((parsed.values as { help?: unknown }).help === true) {
    out(help);
    return 0;
  }
  return parsed;
}
