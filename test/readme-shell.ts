// The README's shell blocks run as a reader pastes them: bash, curl and node against a sandbox on
// a free port (the README's 8787 swapped for it), each command's output set beside the answer the
// README shows under it, where `…` stands for what differs from run to run.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const readme = () => readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The `nth` (from 0) ```sh block after a heading of the README (the heading must exist). */
export function shellBlock(heading: string, nth = 0, text = readme()): string {
  const from = text.indexOf(`\n${heading}\n`);
  if (from < 0) throw new Error(`the README has no heading ${heading}`);
  const block = [...text.slice(from).matchAll(/```sh\n([\s\S]*?)```/g)][nth];
  if (!block) throw new Error(`no sh block ${nth} follows ${heading}`);
  return block[1]!;
}

export interface ShellCommand {
  /** The command as written, continuation lines joined. */
  command: string;
  /** The answer the README shows right under it (its `#  ` continuation lines joined), if any. */
  shown: string | undefined;
}

/**
 * A block's commands and the answers shown under them. A shown answer is the comment right under
 * a command, with no blank line between; a comment after a blank line describes what follows.
 */
export function shellCommands(block: string): ShellCommand[] {
  const lines = block.split('\n');
  const commands: ShellCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.trim() === '' || line.startsWith('#')) continue;
    while (line.endsWith('\\')) line = `${line}\n${lines[++i]!}`;
    let shown: string | undefined;
    if (lines[i + 1]?.startsWith('# ')) {
      shown = lines[++i]!.slice(2);
      while (lines[i + 1]?.startsWith('#  ')) shown += lines[++i]!.slice(3);
    }
    commands.push({ command: line, shown });
  }
  return commands;
}

export interface ShellRun extends ShellCommand {
  /** What the command printed (a trailing newline dropped). */
  output: string;
}

/**
 * Runs a block's commands in one bash, in order, against a sandbox listening on `port`, and
 * answers each command's output. It must be awaited, never run synchronously: the sandbox that
 * answers the calls runs in this same process.
 */
export async function runShell(block: string, port: number): Promise<ShellRun[]> {
  const local = (text: string) => text.replaceAll(':8787', `:${port}`);
  const commands = shellCommands(block);
  const script = ['set -e', ...commands.map((c, i) => `printf '\\n@@mahak %d@@\\n' ${i}\n${local(c.command)}`)].join('\n');
  const stdout = await new Promise<string>((done, failed) =>
    execFile('bash', ['-c', script], { env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` }, timeout: 120_000, maxBuffer: 16 << 20 }, (error, out, err) =>
      error ? failed(new Error(`the block stopped: ${error.message}\n${err}\n${out}`)) : done(out),
    ),
  );
  const outputs = stdout.split(/\n@@mahak \d+@@\n/).slice(1);
  if (outputs.length !== commands.length) throw new Error(`${commands.length} commands but ${outputs.length} outputs:\n${stdout}`);
  return commands.map((c, i) => ({ command: c.command, shown: c.shown === undefined ? undefined : local(c.shown), output: outputs[i]!.replace(/\n$/, '') }));
}

/** Whether `actual` is `shown` with each `…` standing for some text (possibly none). */
export function fits(shown: string, actual: string): boolean {
  const parts = shown.split('…');
  if (parts.length === 1) return actual === shown;
  if (!actual.startsWith(parts[0]!)) return false;
  let at = parts[0]!.length;
  for (const part of parts.slice(1, -1)) {
    const found = actual.indexOf(part, at);
    if (found < 0) return false;
    at = found + part.length;
  }
  const last = parts.at(-1)!;
  return actual.length - last.length >= at && actual.endsWith(last);
}

/** Each shown answer beside what came back, and whether it fits: one object to compare whole. */
export const shownBeside = (runs: ShellRun[]) =>
  runs.filter((r) => r.shown !== undefined).map((r) => ({ command: r.command, shown: r.shown, output: r.output, fits: fits(r.shown!, r.output) }));
