/** An in-memory vector store: cosine similarity over the corpus embeddings, nothing more. */
import type { CorpusDocument } from './corpus';

/** A search hit: the document and its cosine similarity to the query. */
export interface Hit {
  readonly document: CorpusDocument;
  readonly score: number;
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * (b[i] ?? 0);
    na += a[i]! * a[i]!;
    nb += (b[i] ?? 0) * (b[i] ?? 0);
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export class InMemoryVectorStore {
  private readonly entries: { document: CorpusDocument; vector: readonly number[] }[] = [];

  add(documents: readonly CorpusDocument[], vectors: readonly (readonly number[])[]): void {
    if (documents.length !== vectors.length) {
      throw new RangeError(`InMemoryVectorStore.add(): ${documents.length} documents but ${vectors.length} vectors`);
    }
    documents.forEach((document, i) => this.entries.push({ document, vector: vectors[i]! }));
  }

  /** The `topK` most similar documents, best first; ties keep corpus order. */
  search(vector: readonly number[], topK: number): Hit[] {
    return this.entries
      .map((e) => ({ document: e.document, score: cosine(vector, e.vector) }))
      .sort((x, y) => y.score - x.score)
      .slice(0, topK);
  }

  get size(): number {
    return this.entries.length;
  }
}
