/**
 * A small local reranker: scores each hit by how many of the question's words its text
 * contains, blended with the vector score. Real apps would call a cross-encoder here.
 */
import type { Hit } from './vector-store';

const STOP = new Set(['the', 'and', 'how', 'what', 'does', 'can', 'for', 'with', 'into', 'from', 'are', 'you', 'our']);

function words(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[a-z0-9_]+/g) ?? []).filter((w) => w.length > 2 && !STOP.has(w)));
}

/** Best `topN` hits for the question, best first. */
export function keywordRerank(question: string, hits: readonly Hit[], topN: number): Hit[] {
  const asked = words(question);
  return hits
    .map((hit) => {
      const have = words(`${hit.document.title} ${hit.document.text}`);
      let overlap = 0;
      for (const w of asked) if (have.has(w)) overlap++;
      const score = (asked.size ? overlap / asked.size : 0) * 0.7 + hit.score * 0.3;
      return { document: hit.document, score: Math.round(score * 1e4) / 1e4 };
    })
    .sort((x, y) => y.score - x.score)
    .slice(0, topN);
}
