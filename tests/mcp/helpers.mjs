// Shared by the MCP tests: where the voicelint binary is, and how to run the
// CLI for cross-checks.
import { execFileSync } from 'node:child_process';

export const VOICELINT = process.env.VOICELINT_BIN;
if (!VOICELINT) {
  throw new Error('set VOICELINT_BIN to the voicelint executable (CTest does)');
}

// `voicelint ARGS` with `input` on stdin; returns stdout (exit code ignored).
export function cli(args, input = '') {
  try {
    return execFileSync(VOICELINT, args, { input, encoding: 'utf8' });
  } catch (error) {
    if (typeof error.stdout === 'string') return error.stdout;
    throw error;
  }
}

// The span of a finding in each unit must select exactly its match:
// UTF-16 units are what JavaScript strings index, bytes are UTF-8, code
// points are what Array.from iterates.
export function spanTexts(text, finding) {
  const { byte, utf16, codepoint } = finding.offset;
  return {
    byte: Buffer.from(text, 'utf8').subarray(byte[0], byte[1]).toString('utf8'),
    utf16: text.slice(utf16[0], utf16[1]),
    codepoint: Array.from(text).slice(codepoint[0], codepoint[1]).join(''),
  };
}
