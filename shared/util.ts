/** Exhaustiveness guard for switches over unions (docs/shell-habits.md, "every switch is exhaustive"). */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
