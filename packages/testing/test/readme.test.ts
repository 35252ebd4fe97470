import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConformanceRule } from '../src/index';

it('the README documents every rule the validator reports', () => {
  const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');
  expect(Object.values(ConformanceRule).filter((rule) => !readme.includes(`| \`${rule}\` |`))).toEqual([]);
});
