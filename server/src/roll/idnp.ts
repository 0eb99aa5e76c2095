// The IDNP (numărul de identificare de stat al persoanei fizice): 13 digits, the last a control
// digit: the sum of the first twelve digits weighted 7, 3, 1, 7, 3, 1, … modulo 10.
const WEIGHTS = [7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1];

export function idnpControlDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * WEIGHTS[i]!;
  return sum % 10;
}

export function isValidIdnp(text: string): boolean {
  return /^\d{13}$/.test(text) && idnpControlDigit(text) === Number(text[12]);
}
