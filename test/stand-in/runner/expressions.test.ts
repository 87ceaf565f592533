/** The expression evaluator against GitHub's documented rules. */
import { describe, expect, it } from '@jest/globals';
import type { Scope } from './expression-eval.js';
import { compileCondition, compileTemplate, conditionHolds, evaluateValue, renderText } from './expression-template.js';
import { ExpressionError } from './workflow-error.js';

const ALL = { contexts: ['github', 'inputs', 'matrix', 'env'], status: true };
const scope: Scope = {
  contexts: {
    inputs: { services: '["a","b"]', pr: '7', flag: true },
    matrix: { service: 'services/a', n: 2 },
    env: { MODE: 'Off' },
    github: { workspace: '/w', event_name: 'workflow_dispatch' },
  },
};

const value = (text: string) => evaluateValue(compileTemplate(`\${{ ${text} }}`, ALL), scope);

describe('expressions', () => {
  it('reads contexts, with property names matched regardless of case, and null for what is not there', () => {
    expect(value('matrix.service')).toBe('services/a');
    expect(value('Matrix.SERVICE')).toBe('services/a');
    expect(value("inputs['pr']")).toBe('7');
    expect(value('inputs.missing')).toBeNull();
    expect(value('inputs.missing.deeper')).toBeNull();
    expect(value('fromJSON(inputs.services)[1]')).toBe('b');
    expect(value('fromJSON(inputs.services)[5]')).toBeNull();
  });

  it('compares loosely: case-insensitive strings, numbers when the types differ', () => {
    expect(value("env.MODE == 'off'")).toBe(true);
    expect(value('inputs.pr == 7')).toBe(true);
    expect(value("inputs.pr != '7'")).toBe(false);
    expect(value('inputs.flag == 1')).toBe(true);
    expect(value("null == ''")).toBe(true);
    expect(value("'abc' == 0")).toBe(false);
    expect(value('matrix.n > 1 && matrix.n <= 2')).toBe(true);
    expect(value("'B' > 'a'")).toBe(true);
  });

  it('gives && and || an operand, not a boolean, and negates with !', () => {
    expect(value("inputs.missing || 'fallback'")).toBe('fallback');
    expect(value("matrix.service && 'both'")).toBe('both');
    expect(value("'' && 'never'")).toBe('');
    expect(value('!inputs.missing')).toBe(true);
    expect(value('!(matrix.n == 2)')).toBe(false);
  });

  it('parses and prints JSON', () => {
    expect(value('fromJSON(inputs.services)')).toEqual(['a', 'b']);
    expect(value('fromJSON(\'{"x": [1, true, null]}\').x')).toEqual([1, true, null]);
    expect(value('toJSON(matrix)')).toBe('{\n  "service": "services/a",\n  "n": 2\n}');
    expect(() => value("fromJSON('nope')")).toThrow(ExpressionError);
  });

  it('reads number, escaped-quote and keyword literals', () => {
    expect(value("'it''s'")).toBe("it's");
    expect(value('-2.5')).toBe(-2.5);
    expect(value('0x1F')).toBe(31);
    expect(value('1e3')).toBe(1000);
    expect(value('true')).toBe(true);
    expect(value('null')).toBeNull();
  });

  it('interpolates into text, where arrays read "Array" and null reads empty', () => {
    expect(
      renderText(compileTemplate('go ${{ matrix.service }} (PR ${{ inputs.pr }})${{ inputs.none }}', ALL), scope),
    ).toBe('go services/a (PR 7)');
    expect(renderText(compileTemplate('${{ fromJSON(inputs.services) }}!', ALL), scope)).toBe('Array!');
    expect(renderText(compileTemplate("${{ '}}' }}", ALL), scope)).toBe('}}');
  });

  it('refuses what it does not know, naming the expression', () => {
    const compile = (text: string) => compileTemplate(`\${{ ${text} }}`, ALL);
    expect(() => compile('vars.x')).toThrow(
      'the "vars" context is not supported by the stand-in runner in expression "vars.x"',
    );
    expect(() => compile('foo.x')).toThrow('unknown context "foo"');
    expect(() => compile('contains(inputs.pr, 7)')).toThrow('unknown function "contains"');
    expect(() => compile('fromJSON()')).toThrow('fromjson() takes 1 argument(s), got 0');
    expect(() => compile('inputs.pr == "7"')).toThrow('single quotes');
    expect(() => compile('inputs.*')).toThrow('object filter');
    expect(() => compile('inputs.pr ==')).toThrow('unexpected end');
    expect(() => compile('(inputs.pr')).toThrow('expected ")" at the end');
    expect(() => compileTemplate('${{ inputs.pr', ALL)).toThrow('no closing "}}"');
    expect(() => compileTemplate('${{ matrix.x }}', { contexts: ['inputs'] })).toThrow(
      'the "matrix" context is not available here',
    );
  });
});

describe('step conditions', () => {
  const holds = (text: string, status: 'success' | 'failure' | 'cancelled') =>
    conditionHolds(compileCondition(text, ALL), { ...scope, status });

  it('reads a condition with or without ${{ }}, adding success() when it names no status function', () => {
    expect(holds('matrix.n == 2', 'success')).toBe(true);
    expect(holds('${{ matrix.n == 2 }}', 'success')).toBe(true);
    expect(holds('matrix.n == 2', 'failure')).toBe(false);
    expect(holds('always() && matrix.n == 2', 'failure')).toBe(true);
    expect(holds('failure()', 'failure')).toBe(true);
    expect(holds('failure()', 'success')).toBe(false);
    expect(holds('cancelled()', 'cancelled')).toBe(true);
    expect(holds('success()', 'cancelled')).toBe(false);
    expect(holds('always()', 'cancelled')).toBe(true);
    expect(holds('false', 'success')).toBe(false);
  });

  it('takes text around ${{ }} as a string, which is true (as GitHub does)', () => {
    expect(holds('${{ matrix.n == 3 }} && x', 'success')).toBe(true);
  });

  it('refuses status functions outside a condition', () => {
    expect(() => compileTemplate('${{ success() }}', { contexts: ['inputs'] })).toThrow(
      'success() is only allowed in a step\'s "if"',
    );
  });
});
