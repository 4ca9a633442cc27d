import { ErrorCodes, ResponseError } from 'vscode-languageserver';

/**
 * Checks of request parameters the LSP library passes through as the client sent them: a value of
 * the wrong type is the client's error (InvalidParams, naming the parameter), not the server's.
 */
function invalid(name: string, value: unknown, expected: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `Invalid ${name}: ${JSON.stringify(value) ?? String(value)}, expected ${expected}`);
}

/** The params object itself: a request without one is treated as one with no fields. */
export function paramsObject(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid('params', value, 'an object');
  return value as Record<string, unknown>;
}

export function optionalObject(name: string, value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(name, value, 'an object');
  return value as Record<string, unknown>;
}

export function optionalStrings(name: string, value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw invalid(name, value, 'an array of strings');
  return value;
}

export function optionalArray(name: string, value: unknown): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalid(name, value, 'an array');
  return value;
}

export function optionalBoolean(name: string, value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalid(name, value, 'true or false');
  return value;
}

export function optionalString(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(name, value, 'a string');
  return value;
}

export function requiredString(name: string, value: unknown): string {
  if (typeof value !== 'string') throw invalid(name, value, 'a string');
  return value;
}
