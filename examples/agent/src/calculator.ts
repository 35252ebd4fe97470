/**
 * A calculator for + - * / and parentheses: a small recursive-descent parser, because an agent
 * tool must never `eval` text a model wrote.
 */
export function calculate(expression: string): number {
  const tokens = expression.match(/\d+(?:\.\d+)?|[-+*/()]|\S/g) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];

  function primary(): number {
    const t = next();
    if (t === '(') {
      const v = sum();
      if (next() !== ')') throw new SyntaxError(`expected ")" in "${expression}"`);
      return v;
    }
    if (t === '-') return -primary();
    if (t !== undefined && /^\d/.test(t)) return Number(t);
    throw new SyntaxError(`unexpected ${t === undefined ? 'end' : `"${t}"`} in "${expression}"`);
  }
  function product(): number {
    let v = primary();
    while (peek() === '*' || peek() === '/') v = next() === '*' ? v * primary() : v / primary();
    return v;
  }
  function sum(): number {
    let v = product();
    while (peek() === '+' || peek() === '-') v = next() === '+' ? v + product() : v - product();
    return v;
  }

  const value = sum();
  if (pos !== tokens.length) throw new SyntaxError(`unexpected "${tokens[pos]}" in "${expression}"`);
  return value;
}
