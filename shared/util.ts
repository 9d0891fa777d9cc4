/** Exhaustiveness guard for switches over unions (STYLE.md habit 7). */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
