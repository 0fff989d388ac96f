/** Text output on a terminal (Unicode, colour, wrapped) and anywhere else (ASCII, whole lines). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { present, textOptions, wrap } from '../../src/output/terminal.js';

const TTY = { isTTY: true, columns: 100 };

describe('textOptions', () => {
  it('gives a terminal Unicode, colour and its width, and a pipe ASCII whole lines', () => {
    expect(textOptions(TTY, {})).toEqual({ width: 100, unicode: true, colour: true });
    expect(textOptions({ isTTY: true }, {})).toEqual({ width: 80, unicode: true, colour: true });
    expect(textOptions({ isTTY: false, columns: 100 }, {})).toEqual({ width: Infinity, unicode: false, colour: false });
  });

  it('respects NO_COLOR when it is set to anything but the empty string', () => {
    expect(textOptions(TTY, { NO_COLOR: '1' }).colour).toBe(false);
    expect(textOptions(TTY, { NO_COLOR: '' }).colour).toBe(true);
  });
});

describe('present', () => {
  const text = '━━ s — from a\n   ▸ db in 5m\n   ▪ card: blocked by mesh\n     1. a ─connect 80/TCP→ b\n        · network  deny  np — a → b denied\n✓ ok\n✗ x ⇝ y … pods’ tokens';

  it('writes ASCII with no escape codes off a terminal', () => {
    const out = present(text, textOptions({ isTTY: false }, {}));
    expect(out).toBe("== s - from a\n   > db in 5m\n   * card: blocked by mesh\n     1. a -connect 80/TCP-> b\n        - network  deny  np - a -> b denied\nok ok\nx x ~> y ... pods' tokens");
  });

  it('colours marks and decisions on a terminal, and nothing under NO_COLOR', () => {
    const out = present(text, textOptions(TTY, {}));
    expect(out).toContain('\x1b[1m━━ s — from a\x1b[22m');
    expect(out).toContain('\x1b[31m▸\x1b[39m db');
    expect(out).toContain('\x1b[31mdeny\x1b[39m');
    expect(out).toContain('\x1b[32m✓\x1b[39m ok');
    expect(present(text, textOptions(TTY, { NO_COLOR: '1' }))).toBe(text);
  });
});

describe('wrap', () => {
  const word = fc.stringMatching(/^[a-z0-9:/._-]{1,20}$/);

  it('keeps every line within the width and every word, in order, hanging under the marker', () => {
    fc.assert(
      fc.property(fc.constantFrom('', '   ', '     · ', '   ▸ ', '  1. ', '   can talk to    '), fc.array(word, { minLength: 1, maxLength: 40 }), fc.integer({ min: 40, max: 120 }), (lead, words, width) => {
        const line = lead + words.join(' ');
        const lines = wrap(line, width);
        for (const l of lines) expect(l.length).toBeLessThanOrEqual(width);
        expect(lines.join(' ').slice(lead.length).split(/ +/).filter(Boolean)).toEqual(words);
        const hang = lines[0]!.length - lines[0]!.trimStart().length + (lead.trim() ? lead.trimStart().length : 2);
        for (const l of lines.slice(1)) expect(l.slice(0, Math.min(hang, width / 2)).trim()).toBe('');
      }),
    );
  });

  it('shortens a word wider than the line in the middle, keeping its ends', () => {
    const arn = 'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_dc6414f7f2ab04fc';
    const [first, second] = wrap(`   ▸ ${arn} in 5m`, 60);
    expect(first!.length).toBeLessThanOrEqual(60);
    expect(first).toBe('   ▸ arn:aws:iam::111122223333:r…atorAccess_dc6414f7f2ab04fc');
    expect(second).toBe('     in 5m');
  });

  it('leaves a line that fits alone', () => {
    expect(wrap('  short line', 80)).toEqual(['  short line']);
  });
});
