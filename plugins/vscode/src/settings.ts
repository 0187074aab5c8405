// What the extension derives from its settings, kept free of the `vscode`
// module so that it is unit-tested under plain Node (test/unit.test.mjs).

export interface VoicelintSettings {
  /** The voicelint executable; empty: `voicelint` found on PATH. */
  path: string;
  /** Rule files or folders, replacing the .voicelint.yml packs; `default` is the embedded rulebook. */
  rules: string[];
  /** The minimum level reported. */
  level: 'error' | 'warning' | 'suggestion';
  /** Language ids the extension is active for. */
  languages: string[];
}

export const DEFAULT_LANGUAGES = ['markdown', 'plaintext', 'git-commit', 'html'];
const LEVELS = ['error', 'warning', 'suggestion'];

/** Settings as read from the configuration, with wrong types replaced by the defaults. */
export function normalizeSettings(raw: Record<string, unknown>): VoicelintSettings {
  const strings = (value: unknown): string[] | undefined =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0) : undefined;
  const level = typeof raw.level === 'string' && LEVELS.includes(raw.level) ? raw.level : 'suggestion';
  return {
    path: typeof raw.path === 'string' ? raw.path.trim() : '',
    rules: strings(raw.rules) ?? [],
    level: level as VoicelintSettings['level'],
    languages: strings(raw.languages) ?? [...DEFAULT_LANGUAGES],
  };
}

/** How to start the server. */
export function serverCommand(settings: VoicelintSettings): { command: string; args: string[] } {
  return { command: settings.path || 'voicelint', args: ['lsp'] };
}

/** The server's settings, as initializationOptions and workspace/didChangeConfiguration carry them. */
export function serverSettings(settings: VoicelintSettings): { rules: string[]; level: string } {
  return { rules: settings.rules, level: settings.level };
}

/** Documents the client hands to the server: files and unsaved buffers of those languages. */
export function documentSelector(settings: VoicelintSettings): { scheme: string; language: string }[] {
  const selector: { scheme: string; language: string }[] = [];
  for (const language of settings.languages) {
    selector.push({ scheme: 'file', language }, { scheme: 'untitled', language });
  }
  return selector;
}

/** The code action request of "Fix all safe findings" for one document. */
export function fixAllParams(uri: string, lineCount: number) {
  return {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: Math.max(0, lineCount), character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.voicelint'] },
  };
}

interface RangeLike {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** The rule id of the voicelint diagnostic under `position`, if any. */
export function ruleAt(
  diagnostics: { source?: string; code?: unknown; range: RangeLike }[],
  position: { line: number; character: number },
): string | undefined {
  const before = (a: { line: number; character: number }, b: { line: number; character: number }) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  for (const d of diagnostics) {
    if (d.source !== 'voicelint') continue;
    const code = typeof d.code === 'object' && d.code !== null ? (d.code as { value?: unknown }).value : d.code;
    if (typeof code !== 'string') continue;
    if (before(d.range.start, position) && before(position, d.range.end)) return code;
  }
  return undefined;
}

/** The Markdown shown by "Show rule" for what voicelint/rule returns. */
export function describeRule(rule: {
  id: string; level: string; message: string; avoid: string[]; prefer: string[]; file: string; line: number;
}): string {
  const list = (items: string[]) => items.map((i) => `"${i}"`).join(', ');
  const lines = [`# ${rule.id}`, '', `Level: ${rule.level}`, ''];
  if (rule.message) lines.push(rule.message, '');
  if (rule.avoid.length) lines.push(`Avoid: ${list(rule.avoid)}`, '');
  if (rule.prefer.length) lines.push(`Prefer: ${list(rule.prefer)}`, '');
  lines.push(`Defined in ${rule.file}:${rule.line}`);
  return lines.join('\n') + '\n';
}
