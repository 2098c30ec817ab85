// The punycode package ships no types, and @types/node describes only Node's deprecated built-in of the
// same name, which `punycode/punycode.js` (the package's own file) is not.
declare module 'punycode/punycode.js' {
  interface Punycode {
    /** Decodes the Punycode part of a label (without « xn-- »); throws a RangeError on invalid input. */
    decode(input: string): string;
    encode(input: string): string;
    toUnicode(domain: string): string;
    toASCII(domain: string): string;
  }
  const punycode: Punycode;
  export = punycode;
}
