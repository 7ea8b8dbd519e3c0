// A small file for the e2e tests to select code in.
export function greet(name: string): string {
  return `Hello, ${name}!`;
}

export function sum(values: number[]): number {
  return values.reduce((total, v) => total + v, 0);
}
