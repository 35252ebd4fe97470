// The decorator under experimentalDecorators (TypeScript's legacy mode): checked with the legacy
// tsconfig and, in CI, against the built declarations with TypeScript 5.0 to 7. Nothing here runs.
import { llmSpan } from '@llm-trace/core';

class Agent {
  @llmSpan({ kind: 'AGENT', name: 'planner' })
  async plan(goal: string): Promise<number> {
    return goal.length;
  }

  @llmSpan('TOOL')
  lookup(city: string): { city: string } {
    return { city };
  }
}
const steps: Promise<number> = new Agent().plan('ship');
const found: { city: string } = new Agent().lookup('Hangzhou');
void steps;
void found;
