/**
 * Decoding of internationalised domain labels (« xn--gencedpc-06g » → « аgencedpc »), RFC 3492,
 * without node:punycode so that the core stays usable outside Node.
 */
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
const MAX_LABEL = 253;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 22;
  if (code >= 0x41 && code <= 0x5a) return code - 0x41;
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  return BASE;
}

/** Decodes one `xn--` label; returns null when it is not valid Punycode. */
export function decodePunycodeLabel(label: string): string | null {
  if (!label.toLowerCase().startsWith('xn--') || label.length > MAX_LABEL) return null;
  const input = label.slice(4);
  const separator = input.lastIndexOf('-');
  const output: number[] = [];
  for (let j = 0; j < Math.max(separator, 0); j += 1) output.push(input.charCodeAt(j));
  let n = INITIAL_N;
  let i = 0;
  let bias = INITIAL_BIAS;
  let position = separator > 0 ? separator + 1 : 0;
  while (position < input.length) {
    const oldI = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (position >= input.length) return null;
      const digit = digitValue(input.charCodeAt(position));
      position += 1;
      if (digit >= BASE) return null;
      i += digit * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
      if (w > Number.MAX_SAFE_INTEGER / BASE) return null;
    }
    bias = adapt(i - oldI, output.length + 1, oldI === 0);
    n += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    if (n > 0x10ffff) return null;
    output.splice(i, 0, n);
    i += 1;
  }
  return String.fromCodePoint(...output);
}

/** Unicode form of a host name, label by label; labels that are not Punycode are kept. */
export function hostToUnicode(host: string): string {
  return host
    .split('.')
    .map((label) => decodePunycodeLabel(label) ?? label)
    .join('.');
}
