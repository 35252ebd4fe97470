/**
 * PLACEHOLDER owned by the content layer (issue 4), replaced by the typed per-kind content.
 * Kept minimal so the engine compiles meanwhile.
 */
export type KindName = 'CHAIN' | 'EMBEDDING' | 'RETRIEVER' | 'RERANKER' | 'TASK' | 'LLM' | 'TOOL' | 'AGENT' | 'ENTRY' | 'STEP';
export type ContentFor<K extends KindName> = { readonly kind?: K } & Record<string, unknown>;
