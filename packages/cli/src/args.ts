/**
 * Flags and arguments, read with node:util's parseArgs (strict), its errors turned into one
 * line that names the flag. Credentials are never flags: a flag that looks like one is
 * refused with the variable to set instead (flags stay in shell history and in `ps`).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.js';

/** Flags people try for credentials, and the variable that takes each. */
const CREDENTIAL_FLAGS: Record<string, string> = {
  '--token': 'CHERT_TOKEN',
  '--signing-secret': 'CHERT_SIGNING_SECRET',
  '--tenant': 'CHERT_TENANT',
  '--api-key': 'CHERT_TOKEN',
};

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parse(command: string, argv: string[], options: Options): Parsed {
  for (const arg of argv) {
    if (arg === '--') break;
    const name = arg.split('=')[0]!;
    const variable = CREDENTIAL_FLAGS[name];
    if (variable) {
      throw new UsageError(`${command}: credentials come from the environment, never from a flag (shell history keeps flags): set ${variable} instead of ${name}`);
    }
  }
  try {
    const { values, positionals } = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
    return { values: values as Parsed['values'], positionals };
  } catch (error) {
    throw new UsageError(`${command}: ${flagProblem(error as Error & { code?: string })} (see ${command} --help)`);
  }
}

/** parseArgs' message, shortened to what is wrong with which flag. */
function flagProblem(error: Error & { code?: string }): string {
  const flag = /'(-[^' ]+)/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${flag ?? error.message}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(error.message) ? `${flag} needs a value` : `${flag} takes no value`;
    default:
      return error.message.split(/\.\s/)[0]!;
  }
}

/** A string flag's value: present, non-empty and on one line, or a UsageError naming it. */
export function text(command: string, values: Parsed['values'], name: string): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || /[\r\n\0]/.test(value)) {
    throw new UsageError(`${command}: --${name} needs a non-empty value on one line`);
  }
  return value;
}
