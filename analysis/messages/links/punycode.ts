/**
 * Decoding of internationalised domain labels (« xn--gencedpc-06g » → « аgencedpc »), RFC 3492, by the
 * punycode package. It is imported by its file name: the bare name « punycode » is Node's deprecated
 * built-in, and the package keeps the core usable outside Node.
 */
import punycode from 'punycode/punycode.js';

/** Longer labels are not host names; decoding inserts into an array, so its cost grows with the square of the length. */
const MAX_LABEL = 253;
const ACE_PREFIX = 'xn--';

/** Decodes one `xn--` label; returns null when it is not valid Punycode. */
export function decodePunycodeLabel(label: string): string | null {
  if (!label.toLowerCase().startsWith(ACE_PREFIX) || label.length > MAX_LABEL) return null;
  try {
    return punycode.decode(label.slice(ACE_PREFIX.length));
  } catch {
    // The package throws a RangeError on invalid input or overflow; a bad label is shown as written.
    return null;
  }
}

/** Unicode form of a host name, label by label; labels that are not Punycode are kept. */
export function hostToUnicode(host: string): string {
  return host
    .split('.')
    .map((label) => decodePunycodeLabel(label) ?? label)
    .join('.');
}
