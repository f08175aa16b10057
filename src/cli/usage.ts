// Usage errors (exit 2) and the flag parser every command shares, whose refusals become them.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

type Flags = NonNullable<ParseArgsConfig['options']>;
// Written out so that declaration files (the package's build) can name it.
type Parsed<T extends Flags> = ReturnType<typeof parseArgs<{ args: string[]; options: T & { help: { type: 'boolean'; short: 'h' } }; allowPositionals: boolean; strict: true }>>;

export function parse<T extends Flags>(args: string[], options: T, allowPositionals = false): Parsed<T> {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
