/** Keywords of language/src/plano/grammar/*.langium, longest first. */
export function planoKeywords(): string[];
