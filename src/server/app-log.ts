/**
 * The process's JSON log. Probot names its logger itself (a child with `name: "probot"`); its own
 * default logger carries the same name in its base bindings, so every line had the key twice.
 * This base logger has no name, and the line keeps the one Probot adds.
 */
import { hostname } from 'node:os';
import { pino, type Logger } from 'pino';
import type { LogLevel } from '../env.js';

export function jsonLog(level: LogLevel): Logger {
  return pino({ level, messageKey: 'msg', base: { pid: process.pid, hostname: hostname() } });
}
