// Move chains and the state-mv artifacts, as pure functions.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { composeMoves, resolveAddress, resolveAgainstState, unreachedTargets } from '../../src/migrate/chain.js';
import { stateMvMoves, toStateMvRefactor } from '../../src/migrate/mode.js';
import { parseMovesJson, renderMovesJson, renderScript, scriptMoves, shQuote } from '../../src/migrate/script.js';
import type { Refactor } from '../../src/inline/refactor.js';

// What the inliner emits for a module whose own moved block renamed `old` to `this`.
const CHAIN = [
  { from: 'module.m.x.old', to: 'module.m.x.this' },
  { from: 'module.m.x.this[0]', to: 'x.m' },
  { from: 'module.m.module.n', to: 'module.m_n' },
];

describe('move chains', () => {
  it('follows whole-resource and instance moves to the end of the chain', () => {
    expect(resolveAddress('module.m.x.old[0]', CHAIN)).toBe('x.m');
    expect(resolveAddress('module.m.x.this[0]', CHAIN)).toBe('x.m');
    expect(resolveAddress('module.m.module.n.y.z["a b"]', CHAIN)).toBe('module.m_n.y.z["a b"]');
    // A prefix must end at an address boundary: module.m.x.older is another resource.
    expect(resolveAddress('module.m.x.older[0]', CHAIN)).toBe('module.m.x.older[0]');
  });

  it('composes every accepted source with its final address', () => {
    expect(composeMoves(CHAIN)).toEqual(
      expect.arrayContaining([
        { from: 'module.m.x.old[0]', to: 'x.m' },
        { from: 'module.m.x.this[0]', to: 'x.m' },
        { from: 'module.m.module.n', to: 'module.m_n' },
      ]),
    );
  });

  it('composes a three-link chain: module move, whole-resource move, then count dropped', () => {
    // What two inline rounds write when a kept nested module's resource had count 1: the plan
    // moves module.a.module.r.x.d[0] straight to x.r, and verify must expect exactly that.
    const chain = [
      { from: 'module.a.module.r', to: 'module.r' },
      { from: 'module.r.x.d', to: 'x.r' },
      { from: 'x.r[0]', to: 'x.r' },
    ];
    expect(composeMoves(chain)).toEqual(
      expect.arrayContaining([
        { from: 'module.a.module.r.x.d[0]', to: 'x.r' },
        { from: 'module.r.x.d[0]', to: 'x.r' },
      ]),
    );
  });

  it('resolves against the state and names targets nothing in state reaches', () => {
    const state = ['module.m.x.old[0]', 'other.r'];
    expect(resolveAgainstState(CHAIN, state)).toEqual([{ from: 'module.m.x.old[0]', to: 'x.m' }]);
    expect(unreachedTargets(CHAIN, state).map((t) => t.to)).toEqual(['module.m_n']);
  });

  it('a cycle stops instead of looping', () => {
    expect(resolveAddress('a.b', [{ from: 'a.b', to: 'a.c' }, { from: 'a.c', to: 'a.b' }])).toBe('a.b');
  });

  it('without a state, the script moves each object from any source along its chain', () => {
    const moves = stateMvMoves(CHAIN);
    expect(scriptMoves(moves)).toEqual(
      expect.arrayContaining([
        { to: 'x.m', sources: expect.arrayContaining(['module.m.x.old[0]', 'module.m.x.this[0]']) },
        { to: 'module.m_n', sources: ['module.m.module.n'] },
      ]),
    );
    // The intermediate whole-resource target is not a destination.
    expect(moves.some((m) => m.to === 'module.m.x.this')).toBe(false);
  });
});

describe('state-mv artifacts', () => {
  it('shQuote keeps every byte through sh', () => {
    for (const s of [`a"b`, 'c\\d', 'd${x}', 'p%{y}', "q'r", "''", 't\tu', 'n\nl', 's p', 'ü→✓', '$(touch /tmp/x)', '`id`', '!*?[]~#;&|<>']) {
      expect(execFileSync('sh', ['-c', `printf %s ${shQuote(s)}`], { encoding: 'utf8' })).toBe(s);
    }
  });

  it('the script lists one line per object, alternatives through mv_first_present', () => {
    const text = renderScript('{{title}}\n{{moves}}\n{{count}}\n', 'm\nx', scriptMoves(stateMvMoves(CHAIN)));
    expect(text.split('\n')[0]).toBe('State moves for module "m x"');
    expect(text).toContain(`"$TERRAFORM" state mv 'module.m.module.n' 'module.m_n'`);
    expect(text).toMatch(/mv_first_present 'x\.m' '.+' '.+'/);
  });

  it('the JSON round-trips and a malformed one is named', () => {
    const moves = [{ from: 'module.m.x["q\'t"]', to: 'x.m["q\'t"]' }];
    expect(parseMovesJson(renderMovesJson('m', moves), 'f.json')).toEqual({ call: 'm', moves });
    expect(() => parseMovesJson('{"moves": [{"from": 1}]}', 'f.json')).toThrow(/f\.json: expected/);
    expect(() => parseMovesJson('nope', 'f.json')).toThrow(/f\.json is not JSON/);
  });

  it('state-mv mode drops moved.tf (new or edited) and adds the script and the JSON', () => {
    const r: Refactor = {
      dir: '/svc',
      call: 'm',
      edits: [{ path: 'moved.tf', original: 'x', edits: [] }, { path: 'main.tf', original: 'y', edits: [] }],
      newFiles: [{ path: 'm.tf', text: '# These resources were module.m.*; see moved.tf for the state moves.\n' }],
      moves: CHAIN,
      notes: [],
    };
    const out = toStateMvRefactor(r, '{{moves}}', ['module.m.x.this[0]']);
    expect(out.edits.map((e) => e.path)).toEqual(['main.tf']);
    expect(out.newFiles.map((f) => f.path)).toEqual(['m.tf', 'state-mv.sh', 'state-mv.json']);
    expect(out.newFiles[0]!.text).toContain('see state-mv.sh for the state moves');
    expect(out.moves).toEqual([{ from: 'module.m.x.this[0]', to: 'x.m' }]);
  });
});
