import type { LogAttributes, Logger } from '../../../lambdas/core/ports/logger.js';

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  attributes: LogAttributes;
}

/** A logger that keeps every line with its keys, for tests that read what a handler said. */
export class RecordingLogger implements Logger {
  constructor(
    readonly lines: LogLine[] = [],
    private readonly keys: LogAttributes = {},
  ) {}

  debug(message: string, attributes: LogAttributes = {}): void {
    this.lines.push({ level: 'debug', message, attributes: { ...this.keys, ...attributes } });
  }

  info(message: string, attributes: LogAttributes = {}): void {
    this.lines.push({ level: 'info', message, attributes: { ...this.keys, ...attributes } });
  }

  warn(message: string, attributes: LogAttributes = {}): void {
    this.lines.push({ level: 'warn', message, attributes: { ...this.keys, ...attributes } });
  }

  error(message: string, attributes: LogAttributes = {}): void {
    this.lines.push({ level: 'error', message, attributes: { ...this.keys, ...attributes } });
  }

  withKeys(keys: LogAttributes): Logger {
    return new RecordingLogger(this.lines, { ...this.keys, ...keys });
  }
}
